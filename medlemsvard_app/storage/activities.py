"""Activities, their sign-ups and attendance, and their evaluations, in and out of SQL.

Tables from migration 0004_activities. A row in ``activity_people`` is a member on an
activity's list: signed up (``signed_up_on`` set), reminded, and/or came (``attended``);
someone who came without signing up has no sign-up date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from sqlite_utils import Database

from medlemsvard_app.domain.activities import Activity, Evaluation, Participation, SignUpVia
from medlemsvard_app.domain.search import match_expression
from medlemsvard_app.storage.database import translate_error
from medlemsvard_app.storage.driver import sqlite3
from medlemsvard_app.storage.members import filter_clause

_D = date.fromisoformat

_COLUMNS = ("id", "title", "kind", "on_date", "starts_at", "ends_at", "place", "purpose",
            "target_group", "responsible", "responsible_member_id", "description", "cancelled",
            "guests")
_SELECT = ", ".join(f"a.{c}" for c in _COLUMNS)
# The order activities happened in; the first-time rule compares with it.
_ORDER = "a.on_date, coalesce(a.starts_at, ''), a.id"
_ORDER_DESC = "a.on_date DESC, coalesce(a.starts_at, '') DESC, a.id DESC"


def _time(value: str | None) -> time | None:
    return None if value is None else time.fromisoformat(value)


def _hhmm(value: time | None) -> str | None:
    return None if value is None else value.strftime("%H:%M")


def _activity(row: Sequence[Any]) -> Activity:
    (aid, title, kind, on_date, starts, ends, place, purpose, target, responsible,
     responsible_id, description, cancelled, guests) = row[:14]
    return Activity(title, _D(on_date), kind, _time(starts), _time(ends), place, purpose,
                    target, responsible, responsible_id, description, bool(cancelled), guests,
                    aid)


def _values(a: Activity) -> list[Any]:
    return [a.title, a.kind, a.on_date.isoformat(), _hhmm(a.starts_at), _hhmm(a.ends_at),
            a.place, a.purpose, a.target_group, a.responsible, a.responsible_member_id,
            a.description, int(a.cancelled), a.guests]


def _participation(row: Sequence[Any]) -> Participation:
    member_id, signed_up_on, via, contact_id, reminded_on, attended = row
    return Participation(member_id, _D(signed_up_on) if signed_up_on else None, SignUpVia(via),
                         contact_id, _D(reminded_on) if reminded_on else None, bool(attended))


@dataclass(frozen=True, slots=True)
class ActivityRow:
    """An activity with its counts, for lists."""

    activity: Activity
    signed_up: int
    came: int
    evaluated: bool


class ActivityRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def _write(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        try:
            with self.db.atomic():
                return self.db.execute(sql, params)
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc

    # -- activities ------------------------------------------------------------------------

    def add(self, activity: Activity) -> Activity:
        cur = self._write(
            f"INSERT INTO activities ({', '.join(_COLUMNS[1:])}) "
            f"VALUES ({', '.join('?' * (len(_COLUMNS) - 1))})", _values(activity))
        activity.id = cur.lastrowid
        return activity

    def update(self, activity: Activity) -> Activity:
        sets = ", ".join(f"{c} = ?" for c in _COLUMNS[1:])
        self._write(f"UPDATE activities SET {sets}, updated_at = "
                    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
                    [*_values(activity), activity.id])
        return activity

    def set_cancelled(self, activity_id: int, cancelled: bool) -> None:
        self._write("UPDATE activities SET cancelled = ?, updated_at = "
                    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
                    [int(cancelled), activity_id])

    def delete(self, activity_id: int) -> None:
        """The activity with its list and evaluation (ON DELETE CASCADE)."""
        self._write("DELETE FROM activities WHERE id = ?", [activity_id])

    def get(self, activity_id: int) -> Activity | None:
        row = self.db.execute(f"SELECT {_SELECT} FROM activities AS a WHERE a.id = ?",
                              [activity_id]).fetchone()
        return None if row is None else _activity(row)

    def listing(self, since: date | None = None, until: date | None = None, *,
                descending: bool = False, kind: str | None = None,
                as_of: date | None = None) -> list[ActivityRow]:
        """Activities between two days (both included) with their counts; ``as_of`` leaves
        out sign-ups, attendance and evaluations dated after that day."""
        where, params = ["1 = 1"], {"as_of": (as_of or date.max).isoformat()}
        if since is not None:
            where.append("a.on_date >= :since")
            params["since"] = since.isoformat()
        if until is not None:
            where.append("a.on_date <= :until")
            params["until"] = until.isoformat()
        if kind is not None:
            where.append("a.kind = :kind")
            params["kind"] = kind
        order = _ORDER_DESC if descending else _ORDER
        rows = self.db.execute(
            f"""SELECT {_SELECT},
                   (SELECT count(*) FROM activity_people AS p WHERE p.activity_id = a.id
                    AND p.signed_up_on IS NOT NULL AND p.signed_up_on <= :as_of),
                   (SELECT count(*) FROM activity_people AS p WHERE p.activity_id = a.id
                    AND p.attended = 1 AND a.on_date <= :as_of),
                   EXISTS (SELECT 1 FROM activity_evaluations AS e WHERE e.activity_id = a.id
                           AND e.evaluated_on <= :as_of)
                FROM activities AS a WHERE {' AND '.join(where)} ORDER BY {order}""",
            params).fetchall()
        return [ActivityRow(_activity(r), r[14], r[15], bool(r[16])) for r in rows]

    def calendar_key(self) -> str:
        """Something of this association file that never changes (its creation stamp), so
        calendar UIDs stay the same when the association is renamed."""
        row = self.db.execute("SELECT created_at FROM association WHERE id = 1").fetchone()
        return "" if row is None else str(row[0])

    def kinds(self) -> list[str]:
        """Kinds in use, the most used first (the user's own words come back as suggestions)."""
        return [r[0] for r in self.db.execute(
            "SELECT kind FROM activities GROUP BY kind ORDER BY count(*) DESC, kind")]

    # -- people ----------------------------------------------------------------------------

    def people(self, activity_id: int) -> list[Participation]:
        return [_participation(r) for r in self.db.execute(
            "SELECT member_id, signed_up_on, signed_up_via, contact_id, reminded_on, attended "
            "FROM activity_people WHERE activity_id = ? ORDER BY member_id",
            [activity_id]).fetchall()]

    def sign_up(self, activity_id: int, member_id: int, on: date, via: SignUpVia,
                contact_id: int | None = None) -> bool:
        """Put the member on the list; False when they were signed up already (kept as
        it was). Someone who came without signing up gets the sign-up added."""
        try:
            with self.db.atomic():
                row = self.db.execute(
                    "SELECT signed_up_on FROM activity_people WHERE activity_id = ? "
                    "AND member_id = ?", [activity_id, member_id]).fetchone()
                if row is not None and row[0] is not None:
                    return False
                self.db.execute(
                    "INSERT INTO activity_people (activity_id, member_id, signed_up_on, "
                    "signed_up_via, contact_id) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (activity_id, member_id) DO UPDATE SET "
                    "signed_up_on = excluded.signed_up_on, signed_up_via = excluded.signed_up_via, "
                    "contact_id = excluded.contact_id",
                    [activity_id, member_id, on.isoformat(), via.value, contact_id])
                return True
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc

    def remove_sign_up(self, activity_id: int, member_id: int) -> None:
        """Off the list; someone who came stays recorded as having come."""
        try:
            with self.db.atomic():
                self.db.execute(
                    "UPDATE activity_people SET signed_up_on = NULL, reminded_on = NULL, "
                    "contact_id = NULL WHERE activity_id = ? AND member_id = ?",
                    [activity_id, member_id])
                self.db.execute(
                    "DELETE FROM activity_people WHERE activity_id = ? AND member_id = ? "
                    "AND attended = 0", [activity_id, member_id])
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc

    def set_attendance(self, activity_id: int, attended: Iterable[int],
                       guests: int | None = None) -> None:
        """Exactly these members came, in one transaction: the others on the list are marked
        as not having come, and walk-ins are added without a sign-up."""
        came = sorted(set(attended))
        try:
            with self.db.atomic():
                self.db.execute("UPDATE activity_people SET attended = 0 WHERE activity_id = ?",
                                [activity_id])
                self.db.conn.executemany(
                    "INSERT INTO activity_people (activity_id, member_id, attended) "
                    "VALUES (?, ?, 1) ON CONFLICT (activity_id, member_id) DO UPDATE SET "
                    "attended = 1", [(activity_id, m) for m in came])
                self.db.execute("DELETE FROM activity_people WHERE activity_id = ? AND "
                                "attended = 0 AND signed_up_on IS NULL", [activity_id])
                if guests is not None:
                    self.db.execute("UPDATE activities SET guests = ? WHERE id = ?",
                                    [guests, activity_id])
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc

    def mark_reminded(self, activity_id: int, member_ids: Iterable[int], on: date | None
                      ) -> None:
        """Set (or, with ``on`` None, clear) the reminder date of these members."""
        try:
            with self.db.atomic():
                self.db.conn.executemany(
                    "UPDATE activity_people SET reminded_on = ? WHERE activity_id = ? "
                    "AND member_id = ?",
                    [(on.isoformat() if on else None, activity_id, m) for m in member_ids])
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc

    def came_before(self, activity: Activity, member_ids: Iterable[int] | None = None
                    ) -> set[int]:
        """Members who attended an activity held before this one (cancelled ones aside);
        ``member_ids`` limits the question (None: everyone)."""
        key = activity.order_key()
        params = {"d": key[0].isoformat(), "s": _hhmm(activity.starts_at) or "",
                  "id": key[2]}
        rows = self.db.execute(
            f"""SELECT DISTINCT p.member_id FROM activity_people AS p
                JOIN activities AS a ON a.id = p.activity_id
                WHERE p.attended = 1 AND a.cancelled = 0 AND a.id != :id
                  AND ({_ORDER}) < (:d, :s, :id)""", params).fetchall()
        found = {r[0] for r in rows}
        return found if member_ids is None else found & set(member_ids)

    def first_attended(self, member_ids: Iterable[int] | None = None) -> dict[int, date]:
        """Each member's first activity attended (cancelled ones aside): member -> its day."""
        rows = self.db.execute(
            "SELECT p.member_id, min(a.on_date) FROM activity_people AS p JOIN activities "
            "AS a ON a.id = p.activity_id WHERE p.attended = 1 AND a.cancelled = 0 "
            "GROUP BY p.member_id").fetchall()
        out = {m: _D(d) for m, d in rows}
        if member_ids is not None:
            wanted = set(member_ids)
            out = {m: d for m, d in out.items() if m in wanted}
        return out

    def search_members(self, text: str, today: date, limit: int) -> list[int]:
        """Current members matching typed text (as the register's search does), at most
        ``limit`` of them: the first few are enough to tick a walk-in, and stopping early
        keeps a two-letter search quick among 100,000 members."""
        match = match_expression(text)
        if match is None:
            return []
        where, params = filter_clause(["current"], today, alias="m")
        params.update({"q": match, "limit": limit})
        cur = self.db.conn.cursor()
        cur.row_factory = None
        return [r[0] for r in cur.execute(
            f"SELECT m.id FROM member_search AS s JOIN members AS m ON m.id = s.rowid "
            f"WHERE s.body MATCH :q AND {where} LIMIT :limit", params).fetchall()]

    def for_member(self, member_id: int) -> list[tuple[Activity, Participation]]:
        """The member's activities, the newest first."""
        rows = self.db.execute(
            f"""SELECT {_SELECT}, p.member_id, p.signed_up_on, p.signed_up_via, p.contact_id,
                       p.reminded_on, p.attended
                FROM activity_people AS p JOIN activities AS a ON a.id = p.activity_id
                WHERE p.member_id = ?
                ORDER BY a.on_date DESC, coalesce(a.starts_at, '') DESC, a.id DESC""",
            [member_id]).fetchall()
        return [(_activity(r), _participation(r[14:])) for r in rows]

    # -- evaluations -----------------------------------------------------------------------

    def evaluation(self, activity_id: int) -> Evaluation | None:
        row = self.db.execute(
            "SELECT activity_id, evaluated_on, worked, did_not_work, came, joined, note "
            "FROM activity_evaluations WHERE activity_id = ?", [activity_id]).fetchone()
        return None if row is None else Evaluation(row[0], _D(row[1]), *row[2:])

    def save_evaluation(self, ev: Evaluation) -> None:
        self._write(
            "INSERT INTO activity_evaluations (activity_id, evaluated_on, worked, did_not_work, "
            "came, joined, note) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (activity_id) DO "
            "UPDATE SET evaluated_on = excluded.evaluated_on, worked = excluded.worked, "
            "did_not_work = excluded.did_not_work, came = excluded.came, "
            "joined = excluded.joined, note = excluded.note, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            [ev.activity_id, ev.evaluated_on.isoformat(), ev.worked, ev.did_not_work, ev.came,
             ev.joined, ev.note])

    def delete_evaluation(self, activity_id: int) -> None:
        self._write("DELETE FROM activity_evaluations WHERE activity_id = ?", [activity_id])

    def evaluations_of_kind(self, kind: str, *, before: date | None = None,
                            exclude_id: int | None = None, limit: int = 3
                            ) -> list[tuple[Activity, Evaluation]]:
        """The latest evaluated activities of a kind (for planning the next one)."""
        where, params = ["a.kind = :kind"], {"kind": kind, "limit": limit}
        if before is not None:
            where.append("a.on_date <= :before")
            params["before"] = before.isoformat()
        if exclude_id is not None:
            where.append("a.id != :exclude")
            params["exclude"] = exclude_id
        rows = self.db.execute(
            f"""SELECT {_SELECT}, e.activity_id, e.evaluated_on, e.worked, e.did_not_work,
                       e.came, e.joined, e.note
                FROM activity_evaluations AS e JOIN activities AS a ON a.id = e.activity_id
                WHERE {' AND '.join(where)}
                ORDER BY a.on_date DESC, a.id DESC LIMIT :limit""", params).fetchall()
        return [(_activity(r), Evaluation(r[14], _D(r[15]), *r[16:])) for r in rows]
