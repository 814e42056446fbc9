"""SQL for members' privacy: consents, the retention setting, what is held about a member
(read from the schema at run time, so tables added later are found) and anonymisation.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlite_utils import Database

from medlemsvard_app.domain.privacy import (
    CLEARED_MEMBER_COLUMNS,
    MEMBER_COLUMNS,
    Consent,
    ConsentPurpose,
    ConsentSource,
    PersonStatus,
)
from medlemsvard_app.storage.database import translate_error
from medlemsvard_app.storage.driver import sqlite3

#: Tables that point at members and how an erasure treats their rows: "keep" (codes,
#: dates, counts: no person in them once the member row is emptied), "delete", or a tuple
#: of text columns to clear. Tables not named here are found at run time; their note-like
#: columns (``GENERIC_TEXT``) are cleared.
ERASE_RULES: dict[str, str | tuple[str, ...]] = {
    "member_tags": "delete",
    "consents": "delete",
    "contacts": ("note", "wants", "good_at"),
    "mandate_events": ("payer_number", "note"),
    "dues_exemptions": ("note",),
    "payments": ("note",),
    "payment_periods": "keep",
    "member_periods": "keep",
    "dues_notices": "keep",
    "activity_people": "keep",
    "mailing_members": "keep",
    "round_members": "keep",
    "audit_log": "keep",
    "welcome_marks": ("note",),
    "task_offers": ("note",),
    "mentors": "delete",  # either side: mentoring someone who is gone has no purpose
}
GENERIC_TEXT = ("note", "notes", "comment", "comments", "text", "body", "description",
                "wants", "good_at", "answer", "answers")
#: Member links in other people's rows that name the person in a text beside the link.
_LINKED_PEOPLE = {
    "callers": ("member_id", {"phone": "", "email": "", "active": 0},
                "name = printf('#%d', id)"),
    "board_posts": ("member_id", {"person_name": "", "phone": "", "email": ""}, None),
    "activities": ("responsible_member_id", {"responsible": ""}, None),
}


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _consent(row: sqlite3.Row) -> Consent:
    return Consent(id=row["id"], member_id=row["member_id"],
                   purpose=ConsentPurpose(row["purpose"]), purpose_text=row["purpose_text"],
                   given_on=date.fromisoformat(row["given_on"]),
                   withdrawn_on=_day(row["withdrawn_on"]),
                   source=ConsentSource(row["source"]), note=row["note"])


class PrivacyRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def _rows(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        cur = self.db.conn.cursor()
        cur.row_factory = sqlite3.Row
        return cur.execute(sql, params).fetchall()

    @contextmanager
    def _writing(self) -> Iterator[None]:
        try:
            with self.db.atomic():
                yield
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc

    # -- settings ----------------------------------------------------------------------
    def settings(self) -> dict[str, Any]:
        row = self.db.execute("SELECT settings FROM privacy_settings WHERE id = 1").fetchone()
        try:
            data = json.loads(row[0]) if row else {}
        except ValueError:
            data = {}
        return data if isinstance(data, dict) else {}

    def save_settings(self, data: dict[str, Any]) -> None:
        with self._writing():
            self.db.execute(
                "INSERT INTO privacy_settings (id, settings) VALUES (1, ?) ON CONFLICT (id) "
                "DO UPDATE SET settings = excluded.settings, "
                "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                [json.dumps(data, sort_keys=True)])

    # -- consents ----------------------------------------------------------------------
    def consents(self, member_id: int) -> list[Consent]:
        return [_consent(r) for r in self._rows(
            "SELECT * FROM consents WHERE member_id = ? ORDER BY given_on, id", [member_id])]

    def add_consent(self, consent: Consent) -> Consent:
        with self._writing():
            cur = self.db.execute(
                "INSERT INTO consents (member_id, purpose, purpose_text, given_on, withdrawn_on,"
                " source, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [consent.member_id, consent.purpose.value, consent.purpose_text.strip(),
                 consent.given_on.isoformat(),
                 consent.withdrawn_on.isoformat() if consent.withdrawn_on else None,
                 consent.source.value, consent.note])
            self._mirror(consent.member_id, consent.purpose)
        return Consent(**{**consent.__dict__, "id": int(cur.lastrowid)})

    def withdraw(self, consent_id: int, on: date) -> int | None:
        """Close an open consent; returns its member id (None: no such open consent)."""
        row = self.db.execute("SELECT member_id, purpose, given_on FROM consents WHERE id = ? "
                              "AND withdrawn_on IS NULL", [consent_id]).fetchone()
        if row is None:
            return None
        with self._writing():
            self.db.execute(
                "UPDATE consents SET withdrawn_on = max(?, given_on), "
                "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
                [on.isoformat(), consent_id])
            self._mirror(row[0], ConsentPurpose(row[1]))
        return int(row[0])

    def _mirror(self, member_id: int, purpose: ConsentPurpose) -> None:
        """The member's newsletter/SMS date follows the open consent of that purpose."""
        column = MEMBER_COLUMNS.get(purpose)
        if column is None:
            return
        self.db.execute(
            f"UPDATE members SET {column} = (SELECT max(given_on) FROM consents WHERE "
            "member_id = :m AND purpose = :p AND withdrawn_on IS NULL) WHERE id = :m",
            {"m": member_id, "p": purpose.value})

    def sync_from_members(self, on: date, member_id: int | None = None) -> int:
        """Bring the history in step with the members' consent dates (a card edit, an
        import): a date without an open row opens one; an open row without a date is
        withdrawn ``on``. Returns the rows changed."""
        changed = 0
        only = "AND m.id = :id" if member_id is not None else ""
        params = {"on": on.isoformat(), "id": member_id}
        with self._writing():
            for purpose, column in MEMBER_COLUMNS.items():
                params["p"] = purpose.value
                changed += self.db.execute(
                    f"UPDATE consents SET withdrawn_on = max(:on, given_on), updated_at = "
                    f"strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE purpose = :p AND "
                    f"withdrawn_on IS NULL AND member_id IN (SELECT m.id FROM members m WHERE "
                    f"(m.{column} IS NULL OR m.{column} != consents.given_on) {only})",
                    params).rowcount
                changed += self.db.execute(
                    f"INSERT INTO consents (member_id, purpose, given_on, source) "
                    f"SELECT m.id, :p, m.{column}, 'card' FROM members m WHERE m.{column} "
                    f"GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' {only} AND NOT EXISTS "
                    f"(SELECT 1 FROM consents c WHERE c.member_id = m.id AND c.purpose = :p "
                    f"AND c.withdrawn_on IS NULL)", params).rowcount
        return changed

    def has_open_consent(self, member_id: int, purposes: tuple[str, ...], day: date) -> bool:
        marks = ", ".join("?" for _ in purposes)
        return self.db.execute(
            f"SELECT 1 FROM consents WHERE member_id = ? AND purpose IN ({marks}) AND "
            "given_on <= ? AND (withdrawn_on IS NULL OR withdrawn_on > ?) LIMIT 1",
            [member_id, *purposes, day.isoformat(), day.isoformat()]).fetchone() is not None

    def consent_overview(self, day: date) -> list[tuple[str, int, int]]:
        """(purpose, open on ``day``, withdrawn by then) for every purpose in use."""
        rows = self.db.execute(
            "SELECT purpose, sum(given_on <= :d AND (withdrawn_on IS NULL OR withdrawn_on > :d)),"
            " sum(withdrawn_on IS NOT NULL AND withdrawn_on <= :d) FROM consents c "
            "JOIN members m ON m.id = c.member_id WHERE m.anonymised_on IS NULL "
            "GROUP BY purpose", {"d": day.isoformat()}).fetchall()
        return [(r[0], int(r[1] or 0), int(r[2] or 0)) for r in rows]

    def prospects_without_consent(self, day: date) -> list[int]:
        return [r[0] for r in self.db.execute(
            "SELECT id FROM members m WHERE status = 'prospect' AND anonymised_on IS NULL AND "
            "NOT EXISTS (SELECT 1 FROM consents c WHERE c.member_id = m.id AND "
            "c.given_on <= :d AND (c.withdrawn_on IS NULL OR c.withdrawn_on > :d))",
            {"d": day.isoformat()}).fetchall()]

    # -- retention ---------------------------------------------------------------------
    def retention_people(self, day: date) -> list[PersonStatus]:
        """Former members and prospects not yet anonymised, as the retention rule sees them."""
        d = day.isoformat()
        rows = self.db.execute(
            "SELECT m.id, m.status, m.left_on, m.leave_reason, "
            " EXISTS (SELECT 1 FROM consents c WHERE c.member_id = m.id AND c.purpose = "
            "  'archive' AND c.given_on <= :d AND (c.withdrawn_on IS NULL OR c.withdrawn_on > :d)),"
            " EXISTS (SELECT 1 FROM consents c WHERE c.member_id = m.id AND c.given_on <= :d),"
            " EXISTS (SELECT 1 FROM consents c WHERE c.member_id = m.id AND c.given_on <= :d "
            "  AND (c.withdrawn_on IS NULL OR c.withdrawn_on > :d)),"
            " (SELECT max(withdrawn_on) FROM consents c WHERE c.member_id = m.id "
            "  AND c.withdrawn_on <= :d) "
            "FROM members m WHERE m.anonymised_on IS NULL AND (m.status = 'prospect' OR "
            "(m.status = 'former' AND m.left_on <= :d))", {"d": d}).fetchall()
        people = []
        for mid, status, left_on, reason, archive, any_consent, open_now, ended in rows:
            people.append(PersonStatus(
                member_id=mid, status=status, left_on=_day(left_on), leave_reason=reason,
                archive_consent=bool(archive), has_prospect_consent=bool(any_consent),
                consent_ended_on=None if open_now else _day(ended)))
        return people

    def anonymised_count(self) -> int:
        return self.db.execute(
            "SELECT count(*) FROM members WHERE anonymised_on IS NOT NULL").fetchone()[0]

    # -- what is held ------------------------------------------------------------------
    def member_links(self) -> list[tuple[str, str]]:
        """(table, column) for every column that points at members, read from the schema."""
        links: list[tuple[str, str]] = []
        for (table,) in self.db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                "'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name").fetchall():
            if table == "members":
                continue
            columns = {r[1] for r in self.db.execute(f'PRAGMA table_info("{table}")')}
            found = {r[3] for r in self.db.execute(f'PRAGMA foreign_key_list("{table}")')
                     if r[2] == "members"}
            if "member_id" in columns:
                found.add("member_id")
            links += [(table, column) for column in sorted(found)]
        return links

    def member_row(self, member_id: int) -> dict[str, Any] | None:
        rows = self._rows("SELECT * FROM members WHERE id = ?", [member_id])
        return dict(rows[0]) if rows else None

    def rows_about(self, table: str, column: str, member_id: int) -> list[dict[str, Any]]:
        """Every row of ``table`` whose ``column`` points at the member, all columns."""
        return [dict(r) for r in self._rows(
            f'SELECT * FROM "{table}" WHERE "{column}" = ? ', [member_id])]

    def lookup(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        """A fixed read-only query (titles of the activities a member signed up for …)."""
        return [dict(r) for r in self._rows(sql, params)]

    def table_exists(self, table: str) -> bool:
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                               [table]).fetchone() is not None

    # -- erasing -----------------------------------------------------------------------
    def anonymise(self, member_id: int, day: date, *, names: list[str],
                  payments_kept_from: int,
                  links: list[tuple[str, str]] | None = None) -> dict[str, int]:
        """Empty the member row and the texts about them; counts of what changed.

        ``names``: texts identifying the person (full name, e-mail, phone) scrubbed from
        every text column of every table (an erasure on request names them; scheduled
        anonymisation of many passes none, as scanning every table per person would take
        minutes); ``payments_kept_from``: payments dated in an earlier year have passed
        their bookkeeping period and are purged; ``links``: ``member_links()`` once for
        many calls. Runs inside the caller's transaction; call ``wipe_free_space`` after.
        """
        counts = {"rows_cleared": 0, "rows_deleted": 0, "payments_purged": 0}
        row = self.member_row(member_id)
        if row is None:
            return counts
        self.secure_delete()
        with self._writing():
            if row["status"] == "prospect":
                counts["rows_deleted"] += self._count_linked(member_id)
                self.db.execute("DELETE FROM member_search WHERE rowid = ?", [member_id])
                self.db.execute("DELETE FROM members WHERE id = ?", [member_id])
            else:
                self._empty_member(member_id, row, day)
                for table, column in (links if links is not None else self.member_links()):
                    counts_for = self._erase_rows(table, column, member_id)
                    counts["rows_cleared"] += counts_for[0]
                    counts["rows_deleted"] += counts_for[1]
                counts["payments_purged"] = self.db.execute(
                    "DELETE FROM payments WHERE member_id = ? AND CAST(substr(paid_on, 1, 4) "
                    "AS INTEGER) < ?", [member_id, payments_kept_from]).rowcount
            counts["rows_cleared"] += self._scrub(names)
        return counts

    def secure_delete(self) -> None:
        """From now on this connection overwrites what it deletes with zeros, so an erased
        person is not left in free space (call before the first change of an erasure)."""
        self.db.execute("PRAGMA secure_delete = ON")

    def _count_linked(self, member_id: int) -> int:
        return sum(self.db.execute(f'SELECT count(*) FROM "{t}" WHERE "{c}" = ?',
                                   [member_id]).fetchone()[0] for t, c in self.member_links())

    def _empty_member(self, member_id: int, row: dict[str, Any], day: date) -> None:
        values = dict(CLEARED_MEMBER_COLUMNS)
        birth = row.get("birth_date")
        values["birth_year"] = int(birth[:4]) if birth else row.get("birth_year")
        values["anonymised_on"] = day.isoformat()
        sets = ", ".join(f"{c} = :{c}" for c in values)
        self.db.execute(f"UPDATE members SET {sets}, updated_at = strftime("
                        "'%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = :id",
                        {**values, "id": member_id})
        self.db.execute("DELETE FROM member_search WHERE rowid = ?", [member_id])

    def _erase_rows(self, table: str, column: str, member_id: int) -> tuple[int, int]:
        if table in _LINKED_PEOPLE and column == _LINKED_PEOPLE[table][0]:
            _col, values, extra = _LINKED_PEOPLE[table]
            sets = ", ".join([f'"{c}" = :{c}' for c in values] + ([extra] if extra else [])
                             + [f'"{column}" = NULL'])
            n = self.db.execute(f'UPDATE "{table}" SET {sets} WHERE "{column}" = :id',
                                {**values, "id": member_id}).rowcount
            return n, 0
        rule = ERASE_RULES.get(table)
        if rule == "keep" or (table == "members"):
            return 0, 0
        if rule == "delete":
            return 0, self.db.execute(f'DELETE FROM "{table}" WHERE "{column}" = ?',
                                      [member_id]).rowcount
        if column != "member_id":  # someone else's row that links to this person: keep
            return 0, 0
        info = {r[1]: (r[2].upper(), r[3]) for r in
                self.db.execute(f'PRAGMA table_info("{table}")')}
        wanted = rule if isinstance(rule, tuple) else tuple(
            c for c in GENERIC_TEXT if c in info and "TEXT" in info[c][0])
        if not wanted:
            return 0, 0
        sets = ", ".join(f'"{c}" = {"NULL" if not info[c][1] else repr("")}' for c in wanted)
        return self.db.execute(f'UPDATE "{table}" SET {sets} WHERE "{column}" = ?',
                               [member_id]).rowcount, 0

    def _scrub(self, texts: list[str]) -> int:
        """Replace each of ``texts`` in every text column of every ordinary table: one
        pass over each column for all of them."""
        texts = sorted({t for t in texts if len(t.strip()) >= 4}, key=len, reverse=True)
        if not texts:
            return 0
        params = {f"t{i}": t for i, t in enumerate(texts)} | {"r": "…"}
        changed = 0
        for (table,) in self.db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                "'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\' AND sql NOT LIKE "
                "'CREATE VIRTUAL%' AND name NOT LIKE 'member_search%'").fetchall():
            for _cid, col, kind, _notnull, _default, _pk in self.db.execute(
                    f'PRAGMA table_info("{table}")').fetchall():
                if "TEXT" not in (kind or "").upper() or col == "data":
                    continue
                value = f'"{col}"'
                for i in range(len(texts)):
                    value = f"replace({value}, :t{i}, :r)"
                found = " OR ".join(f'instr("{col}", :t{i}) > 0' for i in range(len(texts)))
                try:
                    changed += self.db.execute(
                        f'UPDATE "{table}" SET "{col}" = {value} WHERE {found}',
                        params).rowcount
                except sqlite3.IntegrityError:
                    continue  # a CHECK on the column (a code): it cannot hold a name anyway
        return changed

    def wipe_free_space(self) -> None:
        """After an erasure: merge the search index, and leave no old page in the WAL."""
        try:
            self.db.execute("INSERT INTO member_search (member_search) VALUES ('optimize')")
            self.db.conn.commit()
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc
