"""The welcome checklist in and out of SQL: settings, marks, mentors, and the facts the
checklist reads from calls, activities and task offers.

Every fact query is limited to the members asked about (the new members: a few hundred
even in a register of 100,000) and to what happened on or before the day asked about.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlite_utils import Database

from medlemsvard_app.domain.welcome import ContactFact, Mark, Override
from medlemsvard_app.storage.database import translate_error
from medlemsvard_app.storage.driver import sqlite3

_D = date.fromisoformat


def _ids_json(ids: Sequence[int]) -> str:
    return "[" + ",".join(str(int(i)) for i in ids) + "]"


@dataclass(frozen=True, slots=True)
class NewMember:
    id: int
    member_number: int | None
    given_name: str
    family_name: str
    call_name: str
    joined_on: date

    @property
    def display_name(self) -> str:
        return f"{self.call_name or self.given_name} {self.family_name}".strip()


@dataclass(frozen=True, slots=True)
class MentorRow:
    mentor_id: int
    name: str
    since: date
    member_number: int | None = None


class WelcomeRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def _write(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> None:
        try:
            with self.db.atomic():
                self.db.execute(sql, params)
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc

    # -- settings ----------------------------------------------------------------------
    def settings(self) -> dict[str, Any]:
        row = self.db.execute("SELECT settings FROM welcome_settings WHERE id = 1").fetchone()
        return {} if row is None else json.loads(row[0])

    def save_settings(self, settings: dict[str, Any]) -> None:
        self._write("INSERT INTO welcome_settings (id, settings) VALUES (1, :s) "
                    "ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, "
                    "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                    {"s": json.dumps(settings, ensure_ascii=False, sort_keys=True)})

    # -- who is new --------------------------------------------------------------------
    def new_members(self, since: date, day: date) -> list[NewMember]:
        """Members current on ``day`` who joined between ``since`` and ``day``, newest
        first (the join-date index; no scan of the register)."""
        rows = self.db.execute(
            "SELECT id, member_number, given_name, family_name, call_name, joined_on "
            "FROM members WHERE joined_on >= :since AND joined_on <= :day "
            "AND status IN ('member', 'former') AND (left_on IS NULL OR left_on > :day) "
            "ORDER BY joined_on DESC, family_key, given_key, id",
            {"since": since.isoformat(), "day": day.isoformat()}).fetchall()
        return [NewMember(r[0], r[1], r[2], r[3], r[4], _D(r[5])) for r in rows]

    # -- marks -------------------------------------------------------------------------
    def marks(self, member_ids: Sequence[int]) -> dict[int, dict[str, Override]]:
        out: dict[int, dict[str, Override]] = {}
        for mid, step, mark, on, note in self.db.execute(
                "SELECT member_id, step, mark, on_date, note FROM welcome_marks "
                "WHERE member_id IN (SELECT value FROM json_each(?))", [_ids_json(member_ids)]):
            out.setdefault(mid, {})[step] = Override(step, Mark(mark), _D(on), note)
        return out

    def set_mark(self, member_id: int, override: Override) -> None:
        self._write(
            "INSERT INTO welcome_marks (member_id, step, mark, on_date, note) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (member_id, step) DO UPDATE SET "
            "mark = excluded.mark, on_date = excluded.on_date, note = excluded.note, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            [member_id, override.step, override.mark.value, override.on.isoformat(),
             override.note])

    def clear_mark(self, member_id: int, step: str) -> None:
        self._write("DELETE FROM welcome_marks WHERE member_id = ? AND step = ?",
                    [member_id, step])

    # -- mentors -----------------------------------------------------------------------
    def mentors(self, member_ids: Sequence[int]) -> dict[int, MentorRow]:
        rows = self.db.execute(
            "SELECT t.member_id, t.mentor_id, m.given_name, m.call_name, m.family_name, "
            "t.since, m.member_number FROM mentors AS t JOIN members AS m ON m.id = t.mentor_id "
            "WHERE t.member_id IN (SELECT value FROM json_each(?))",
            [_ids_json(member_ids)]).fetchall()
        return {r[0]: MentorRow(r[1], f"{r[3] or r[2]} {r[4]}".strip(), _D(r[5]), r[6])
                for r in rows}

    def set_mentor(self, member_id: int, mentor_id: int, since: date) -> None:
        self._write(
            "INSERT INTO mentors (member_id, mentor_id, since) VALUES (?, ?, ?) "
            "ON CONFLICT (member_id) DO UPDATE SET mentor_id = excluded.mentor_id, "
            "since = excluded.since, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            [member_id, mentor_id, since.isoformat()])

    def clear_mentor(self, member_id: int) -> None:
        self._write("DELETE FROM mentors WHERE member_id = ?", [member_id])

    def mentees(self, mentor_id: int) -> list[int]:
        return [r[0] for r in self.db.execute(
            "SELECT member_id FROM mentors WHERE mentor_id = ? ORDER BY member_id",
            [mentor_id])]

    def callers(self, member_ids: Sequence[int]) -> dict[int, str]:
        """Each member's caller in their latest calling round (by name), read per member
        through the (member, round, caller) index: only the members asked about."""
        return {mid: name for mid, name in self.db.execute(
            "SELECT rm.member_id, c.name FROM round_members AS rm "
            "JOIN callers AS c ON c.id = rm.caller_id "
            "WHERE rm.member_id IN (SELECT value FROM json_each(?)) "
            "AND rm.round_id = (SELECT max(x.round_id) FROM round_members AS x "
            "WHERE x.member_id = rm.member_id AND x.caller_id IS NOT NULL)",
            [_ids_json(member_ids)])}

    # -- facts -------------------------------------------------------------------------
    def contacts_after_joining(self, member_ids: Sequence[int], day: date
                               ) -> dict[int, list[ContactFact]]:
        """Each member's contacts from their join date to ``day``, oldest first."""
        out: dict[int, list[ContactFact]] = {}
        for mid, on, channel, outcome, asked, caller in self.db.execute(
                "SELECT c.member_id, c.on_date, c.channel, c.outcome, "
                "(c.wants != '' OR c.good_at != ''), coalesce(k.name, '') "
                "FROM contacts AS c JOIN members AS m ON m.id = c.member_id "
                "LEFT JOIN callers AS k ON k.id = c.caller_id "
                "WHERE c.member_id IN (SELECT value FROM json_each(:ids)) "
                "AND c.on_date >= m.joined_on AND c.on_date <= :day "
                "ORDER BY c.member_id, c.on_date, c.id",
                {"ids": _ids_json(member_ids), "day": day.isoformat()}):
            out.setdefault(mid, []).append(ContactFact(_D(on), channel, outcome, bool(asked),
                                                       caller))
        return out

    def with_tags(self, member_ids: Sequence[int]) -> set[int]:
        """Members with interests or skills on their card."""
        return {r[0] for r in self.db.execute(
            "SELECT DISTINCT member_id FROM member_tags "
            "WHERE member_id IN (SELECT value FROM json_each(?))", [_ids_json(member_ids)])}

    def first_attended(self, member_ids: Sequence[int], day: date
                       ) -> dict[int, tuple[date, str]]:
        """Each member's first activity attended since joining: (date, title)."""
        out: dict[int, tuple[date, str]] = {}
        for mid, on, title in self.db.execute(
                "SELECT p.member_id, a.on_date, a.title FROM activity_people AS p "
                "JOIN activities AS a ON a.id = p.activity_id "
                "JOIN members AS m ON m.id = p.member_id "
                "WHERE p.member_id IN (SELECT value FROM json_each(:ids)) AND p.attended = 1 "
                "AND a.cancelled = 0 AND a.on_date >= m.joined_on AND a.on_date <= :day "
                "ORDER BY p.member_id, a.on_date DESC, coalesce(a.starts_at, '') DESC",
                {"ids": _ids_json(member_ids), "day": day.isoformat()}):
            out[mid] = (_D(on), title)  # the last row per member is the earliest
        return out

    def first_signups(self, member_ids: Sequence[int], day: date, kind: str
                      ) -> dict[int, tuple[date, str]]:
        """Each member's first sign-up for an activity of ``kind``: (date, title)."""
        out: dict[int, tuple[date, str]] = {}
        for mid, on, title in self.db.execute(
                "SELECT p.member_id, coalesce(p.signed_up_on, a.on_date) AS d, a.title "
                "FROM activity_people AS p JOIN activities AS a ON a.id = p.activity_id "
                "WHERE p.member_id IN (SELECT value FROM json_each(:ids)) AND a.kind = :kind "
                "AND a.cancelled = 0 AND coalesce(p.signed_up_on, a.on_date) <= :day "
                "ORDER BY p.member_id, d DESC",
                {"ids": _ids_json(member_ids), "day": day.isoformat(), "kind": kind}):
            out[mid] = (_D(on), title)
        return out

    def first_offers(self, member_ids: Sequence[int], day: date
                     ) -> dict[int, tuple[date, str, str]]:
        """Each member's first task offer: (date, task title, answer)."""
        out: dict[int, tuple[date, str, str]] = {}
        for mid, on, title, answer in self.db.execute(
                "SELECT o.member_id, o.offered_on, t.title, o.answer FROM task_offers AS o "
                "JOIN tasks AS t ON t.id = o.task_id "
                "WHERE o.member_id IN (SELECT value FROM json_each(:ids)) "
                "AND o.offered_on <= :day ORDER BY o.member_id, o.offered_on DESC, o.id DESC",
                {"ids": _ids_json(member_ids), "day": day.isoformat()}):
            out[mid] = (_D(on), title, answer)
        return out
