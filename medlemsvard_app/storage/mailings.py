"""The log of printed batches: letters, labels, lists and call sheets, and who got what."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from medlemsvard_app.storage.database import translate_error
from medlemsvard_app.storage.driver import sqlite3

MAILING_KINDS = ("letter", "labels", "list", "call_sheet")


@dataclass(slots=True)
class Mailing:
    kind: str
    on_date: date
    template: str = ""
    member_count: int = 0
    left_out: int = 0
    note: str = ""
    id: int | None = None


class MailingRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, mailing: Mailing, member_ids: Iterable[int]) -> int:
        """Log one batch and its members in one transaction; returns the mailing's id."""
        ids = sorted(set(member_ids))
        try:
            with self.db.atomic():
                cur = self.db.execute(
                    "INSERT INTO mailings (kind, template, on_date, member_count, left_out, note)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    [mailing.kind, mailing.template, mailing.on_date.isoformat(), len(ids),
                     mailing.left_out, mailing.note])
                mailing_id = int(cur.lastrowid)
                self.db.conn.executemany(
                    "INSERT INTO mailing_members (mailing_id, member_id) VALUES (?, ?)",
                    [(mailing_id, i) for i in ids])
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc
        return mailing_id

    def recent(self, limit: int = 50) -> list[Mailing]:
        rows = self.db.execute(
            "SELECT kind, on_date, template, member_count, left_out, note, id FROM mailings "
            "ORDER BY on_date DESC, id DESC LIMIT ?", [limit]).fetchall()
        return [Mailing(r[0], date.fromisoformat(r[1]), r[2], r[3], r[4], r[5], r[6])
                for r in rows]

    def first_sent(self, kind: str, template: str,
                   member_ids: Sequence[int] | None = None) -> dict[int, date]:
        """The first day each member got this letter (for the welcome checklist)."""
        sql = ("SELECT mm.member_id, MIN(m.on_date) FROM mailing_members mm "
               "JOIN mailings m ON m.id = mm.mailing_id WHERE m.kind = ? AND m.template = ?")
        params: list = [kind, template]
        if member_ids is not None:
            sql += " AND mm.member_id IN (SELECT value FROM json_each(?))"
            params.append("[" + ",".join(str(int(i)) for i in member_ids) + "]")
        sql += " GROUP BY mm.member_id"
        return {r[0]: date.fromisoformat(r[1]) for r in self.db.execute(sql, params)}

    def for_member(self, member_id: int) -> list[Mailing]:
        rows = self.db.execute(
            "SELECT m.kind, m.on_date, m.template, m.member_count, m.left_out, m.note, m.id "
            "FROM mailings m JOIN mailing_members mm ON mm.mailing_id = m.id "
            "WHERE mm.member_id = ? ORDER BY m.on_date, m.id", [member_id]).fetchall()
        return [Mailing(r[0], date.fromisoformat(r[1]), r[2], r[3], r[4], r[5], r[6])
                for r in rows]
