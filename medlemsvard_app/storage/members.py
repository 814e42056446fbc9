"""Member rows in and out of SQL: the register's repository.

Returns domain ``Member`` objects; the register table asks only for ids in order and
then for the visible rows, so 100,000 members never sit in Python memory at once.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from operator import attrgetter
from typing import Any

from sqlite_utils import Database

from medlemsvard_app.domain.collation import sort_key
from medlemsvard_app.domain.dates import months_before
from medlemsvard_app.domain.models import (
    Gender,
    JoinChannel,
    JoinMethod,
    LeaveReason,
    Member,
    MembershipStatus,
    PreferredChannel,
    RegisterFilter,
)
from medlemsvard_app.domain.search import match_expression, search_document
from medlemsvard_app.storage.database import translate_error
from medlemsvard_app.storage.driver import sqlite3

_DATE_FIELDS = ("birth_date", "joined_on", "left_on", "newsletter_consent_on", "sms_consent_on")
_ENUMS: dict[str, Any] = {
    "gender": Gender,
    "status": MembershipStatus,
    "leave_reason": LeaveReason,
    "join_method": JoinMethod,
    "join_channel": JoinChannel,
    "preferred_channel": PreferredChannel,
}
_BOOLS = ("do_not_call", "protected_identity")
COLUMNS: tuple[str, ...] = (
    "member_number", "given_name", "family_name", "call_name", "birth_date", "identity_number",
    "gender", "street", "co", "postal_code", "city", "country", "phone", "phone_alt", "email",
    "joined_on", "status", "left_on", "leave_reason", "leave_note", "join_method",
    "recruited_by", "join_channel", "preferred_channel", "newsletter_consent_on",
    "sms_consent_on", "do_not_call", "protected_identity", "notes",
)
_KEY_COLUMNS = ("family_key", "given_key", "street_key", "city_key")
_COUNTRY = COLUMNS.index("country")

#: Sort orders the register offers: column code -> ORDER BY terms (keys follow collation).
SORTS: dict[str, tuple[str, ...]] = {
    "member_number": ("member_number",),
    "family_name": ("family_key", "given_key"),
    "given_name": ("given_key", "family_key"),
    "call_name": ("call_name", "family_key"),
    "street": ("street_key", "family_key"),
    "postal_code": ("postal_code", "family_key"),
    "city": ("city_key", "family_key"),
    "phone": ("phone", "family_key"),
    "email": ("email", "family_key"),
    "birth_date": ("birth_date", "family_key"),
    "joined_on": ("joined_on", "family_key"),
    "left_on": ("left_on", "family_key"),
    "status": ("status", "family_key"),
}


def _plain(value: Any) -> Any:
    """A column value as SQLite stores it: dates as ISO text, enums as codes, bools as 0/1."""
    if value is None or isinstance(value, str | int):
        return int(value) if isinstance(value, bool) else value
    if isinstance(value, date):
        return value.isoformat()
    return value.value  # a StrEnum code


_GET_COLUMNS = attrgetter(*COLUMNS)
#: Columns whose values SQLite cannot take as Python holds them (dates, bools); the others
#: are text, whole numbers, None or text codes (StrEnum, itself a str), which ``_plain``
#: returns unchanged.
_DATE_POSITIONS = tuple(i for i, name in enumerate(COLUMNS) if name in _DATE_FIELDS)
_BOOL_POSITIONS = tuple(i for i, name in enumerate(COLUMNS) if name in _BOOLS)


def _values(member: Member, country: str, keys: dict[str | None, str] | None = None
            ) -> list[Any]:
    """Column values in ``COLUMNS`` order followed by the four sort keys.

    ``keys`` remembers the sort keys of texts seen before (in ``country``'s order): a
    register repeats its family names, given names, streets and towns.
    """
    values = list(_GET_COLUMNS(member))
    for index in _DATE_POSITIONS:
        value = values[index]
        if value is not None:
            values[index] = value.isoformat() if value.__class__ is date else _plain(value)
    for index in _BOOL_POSITIONS:
        value = values[index]
        if value is True or value is False:
            values[index] = 1 if value else 0
        else:
            values[index] = _plain(value)
    values[_COUNTRY] = values[_COUNTRY] or country
    for text in (member.family_name, member.call_name or member.given_name, member.street,
                 member.city):
        if keys is None:
            values.append(sort_key(text, country))
            continue
        key = keys.get(text)
        if key is None:
            key = keys[text] = sort_key(text, country)
        values.append(key)
    return values


def _to_sql(member: Member, country: str) -> dict[str, Any]:
    return dict(zip((*COLUMNS, *_KEY_COLUMNS), _values(member, country), strict=True))


def _from_sql(row: sqlite3.Row | dict[str, Any]) -> Member:
    values: dict[str, Any] = {"id": row["id"]}
    for name in COLUMNS:
        value = row[name]
        if name in _DATE_FIELDS:
            value = date.fromisoformat(value) if value else None
        elif name in _BOOLS:
            value = bool(value)
        elif name in _ENUMS:
            value = _ENUMS[name](value) if value is not None else None
        values[name] = value
    return Member(**values)


def filter_clause(filters: Iterable[str], today: date, alias: str = ""
                  ) -> tuple[str, dict[str, Any]]:
    """SQL for the register's filters; several are OR-ed (anyone matching one of them).

    An empty list means everyone. ``alias`` names the members table in a join.
    """
    parts: list[str] = []
    params: dict[str, Any] = {"today": today.isoformat(),
                              "year_ago": months_before(today, 12).isoformat()}
    t = f"{alias}." if alias else ""
    # "As of" a day: a former member who left after that day was still a member then.
    current = (f"({t}status IN ('member', 'former') AND ({t}joined_on IS NULL OR "
               f"{t}joined_on <= :today) AND ({t}left_on IS NULL OR {t}left_on > :today))")
    for f in filters:
        f = RegisterFilter(f)
        if f is RegisterFilter.CURRENT:
            parts.append(current)
        elif f is RegisterFilter.NEW:
            parts.append(f"({current} AND {t}joined_on > :year_ago)")
        elif f is RegisterFilter.FORMER:
            parts.append(f"({t}status = 'former' AND {t}left_on <= :today)")
        elif f is RegisterFilter.PROSPECT:
            parts.append(f"({t}status = 'prospect')")
    return (f"({' OR '.join(parts)})" if parts else "1"), params


class MemberRepository:
    def __init__(self, db: Database, country: str = "SE") -> None:
        self.db = db
        self.country = country

    def _dict_rows(self, sql: str, params: Sequence[Any] | dict = ()) -> list[sqlite3.Row]:
        cur = self.db.conn.cursor()
        cur.row_factory = sqlite3.Row
        return cur.execute(sql, params).fetchall()

    # -- reading -------------------------------------------------------------------
    def get(self, member_id: int) -> Member | None:
        rows = self._dict_rows("SELECT * FROM members WHERE id = ?", [member_id])
        if not rows:
            return None
        member = _from_sql(rows[0])
        self._load_tags([member])
        return member

    def get_by_number(self, member_number: int) -> Member | None:
        row = self.db.execute(
            "SELECT id FROM members WHERE member_number = ?", [member_number]).fetchone()
        return self.get(row[0]) if row else None

    def _load_tags(self, members: Sequence[Member]) -> None:
        by_id = {m.id: m for m in members}
        if not by_id:
            return
        for chunk in _chunks(list(by_id), 900):
            marks = ",".join("?" * len(chunk))
            for member_id, kind, tag in self.db.execute(
                f"SELECT member_id, kind, tag FROM member_tags WHERE member_id IN ({marks}) "
                "ORDER BY tag", chunk,
            ).fetchall():
                target = by_id[member_id]
                (target.interests if kind == "interest" else target.skills).append(tag)

    def query_ids(self, *, search: str = "", filters: Iterable[str] = (), sort: str = "family_name",
                  descending: bool = False, today: date,
                  only_ids: Sequence[int] | None = None) -> list[int]:
        """Ids of matching members in display order (the register holds only these).

        ``only_ids`` narrows the result to those members (a set computed outside SQL, such
        as the dues filters): it is AND-ed with the search and the filters.
        """
        where, params = self._where(search, filters, today, only_ids)
        order = ", ".join(f"{c} {'DESC' if descending else 'ASC'}" for c in SORTS[sort])
        sql = f"SELECT id FROM members WHERE {where} ORDER BY {order}, id"
        cur = self.db.conn.cursor()
        cur.row_factory = None
        return [r[0] for r in cur.execute(sql, params).fetchall()]

    def count(self, *, search: str = "", filters: Iterable[str] = (), today: date,
              only_ids: Sequence[int] | None = None) -> int:
        where, params = self._where(search, filters, today, only_ids)
        return self.db.execute(f"SELECT count(*) FROM members WHERE {where}", params).fetchone()[0]

    def change_stamp(self) -> tuple[int, int]:
        """Changes so far through this connection and by others: equal stamps mean the
        file holds what it held, so a result computed from it can be reused."""
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        return self.db.conn.total_changes, version

    def _where(self, search: str, filters: Iterable[str], today: date,
               only_ids: Sequence[int] | None = None) -> tuple[str, dict]:
        where, params = filter_clause(filters, today)
        if only_ids is not None:
            # One JSON parameter instead of a temporary table: nothing is written (a
            # read-only file works, no open transaction is touched) and there is no limit
            # on the number of ids; SQLite builds its lookup once per query.
            where = f"({where}) AND id IN (SELECT value FROM json_each(:only_ids))"
            params["only_ids"] = json.dumps([int(i) for i in only_ids])
        match = match_expression(search)
        if match:
            where = f"({where}) AND id IN (SELECT rowid FROM member_search WHERE body MATCH :q)"
            params["q"] = match
        elif search.strip():
            where = "0"
        return where, params

    def rows(self, ids: Sequence[int], columns: Sequence[str]) -> dict[int, tuple]:
        """Selected columns for the given ids, keyed by id (used for visible table rows)."""
        cols = ", ".join(["id", *columns])
        out: dict[int, tuple] = {}
        cur = self.db.conn.cursor()
        cur.row_factory = None
        for chunk in _chunks(list(ids), 900):
            marks = ",".join("?" * len(chunk))
            for row in cur.execute(f"SELECT {cols} FROM members WHERE id IN ({marks})", chunk):
                out[row[0]] = row[1:]
        return out

    def iter_members(self, ids: Sequence[int], batch: int = 500) -> Iterator[Member]:
        for chunk in _chunks(list(ids), batch):
            marks = ",".join("?" * len(chunk))
            rows = self._dict_rows(f"SELECT * FROM members WHERE id IN ({marks})", chunk)
            members = {r["id"]: _from_sql(r) for r in rows}
            ordered = [members[i] for i in chunk if i in members]
            self._load_tags(ordered)
            yield from ordered

    def next_member_number(self) -> int:
        return self.db.execute(
            "SELECT coalesce(max(member_number), 0) + 1 FROM members").fetchone()[0]

    def total(self) -> int:
        return self.db.execute("SELECT count(*) FROM members").fetchone()[0]

    # -- writing -------------------------------------------------------------------
    def add(self, member: Member) -> Member:
        return self.add_many([member])[0]

    def add_many(self, members: Sequence[Member], *,
                 progress: Callable[[int], object] | None = None,
                 batch: int = 2000) -> list[Member]:
        """Insert in one transaction; assigns member numbers where missing.

        Rows go in ``batch`` members at a time; ``progress(done)`` is called after each
        batch, still inside the transaction: an exception it raises undoes the whole call.
        One savepoint for the whole call, not one per batch: full-text search writes out
        its pending index at every savepoint.
        """
        if not members:
            return []
        cols = ["id", *COLUMNS, *_KEY_COLUMNS]
        sql = f"INSERT INTO members ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        country = self.country
        keys: dict[str | None, str] = {}  # sort keys of the texts seen so far in this call
        try:
            with self.db.atomic():
                # Ids are given here (one writer, inside the transaction) so that the rows,
                # their search text and tags go in with executemany, not row by row.
                next_id = self.db.execute(
                    "SELECT coalesce(max(id), 0) + 1 FROM members").fetchone()[0]
                next_number = self.next_member_number()
                cur = self.db.conn.cursor()
                for start in range(0, len(members), batch):
                    rows, search_rows, tag_rows = [], [], []
                    for m in members[start:start + batch]:
                        if m.member_number is None and m.status is not MembershipStatus.PROSPECT:
                            m.member_number = next_number
                        if m.member_number is not None:
                            next_number = max(next_number, m.member_number + 1)
                        m.id = next_id
                        next_id += 1
                        row = _values(m, country, keys)
                        row.insert(0, m.id)
                        rows.append(row)
                        search_rows.append((m.id, search_document(m)))
                        if m.interests:
                            tag_rows += [(m.id, "interest", t) for t in m.interests]
                        if m.skills:
                            tag_rows += [(m.id, "skill", t) for t in m.skills]
                    cur.executemany(sql, rows)
                    cur.executemany("INSERT INTO member_search (rowid, body) VALUES (?, ?)",
                                    search_rows)
                    cur.executemany(
                        "INSERT INTO member_tags (member_id, kind, tag) VALUES (?, ?, ?)",
                        tag_rows)
                    if progress is not None:
                        progress(min(start + batch, len(members)))
        except BaseException as exc:
            for m in members:
                m.id = None
            if isinstance(exc, sqlite3.Error):
                raise translate_error(exc) from exc
            raise
        return list(members)

    def update(self, member: Member) -> Member:
        if member.id is None:
            raise ValueError("member has no id")
        if member.member_number is None and member.status is not MembershipStatus.PROSPECT:
            member.member_number = self.next_member_number()  # a prospect who joined
        row = _to_sql(member, self.country)
        sets = ", ".join(f"{c} = :{c}" for c in row)
        row["id"] = member.id
        try:
            with self.db.atomic():
                self.db.execute(
                    f"UPDATE members SET {sets}, "
                    "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = :id", row)
                self.db.execute("DELETE FROM member_search WHERE rowid = ?", [member.id])
                self.db.execute("INSERT INTO member_search (rowid, body) VALUES (?, ?)",
                                [member.id, search_document(member)])
                self.db.execute("DELETE FROM member_tags WHERE member_id = ?", [member.id])
                self.db.conn.executemany(
                    "INSERT INTO member_tags (member_id, kind, tag) VALUES (?, ?, ?)",
                    [(member.id, "interest", t) for t in member.interests]
                    + [(member.id, "skill", t) for t in member.skills])
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc
        return member

    def all_tags(self, kind: str) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT tag FROM member_tags WHERE kind = ? ORDER BY tag", [kind])]

    def rekey(self, country: str) -> None:
        """Recompute sort keys after the association's country (and so its alphabet) changed."""
        self.country = country
        rows = self.db.execute(
            "SELECT id, family_name, call_name, given_name, street, city FROM members").fetchall()
        with self.db.atomic():
            self.db.conn.executemany(
                "UPDATE members SET family_key = ?, given_key = ?, street_key = ?, city_key = ? "
                "WHERE id = ?",
                [(sort_key(r[1], country), sort_key(r[2] or r[3], country),
                  sort_key(r[4], country), sort_key(r[5], country), r[0]) for r in rows])


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
