"""Callers, calling rounds, their members and the contact history, in and out of SQL."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlite_utils import Database

from medlemsvard_app.domain.calls import CallOutcome, Mood, QueueEntry, RoundPurpose
from medlemsvard_app.storage.database import translate_error
from medlemsvard_app.storage.driver import sqlite3
from medlemsvard_app.storage.members import filter_clause

_D = date.fromisoformat


def _opt(value: str | None) -> date | None:
    return None if value is None else _D(value)


@dataclass(slots=True)
class Caller:
    name: str
    phone: str = ""
    email: str = ""
    member_id: int | None = None
    active: bool = True
    id: int | None = None


@dataclass(slots=True)
class CallRound:
    purpose: RoundPurpose
    started_on: date
    title: str = ""
    closed_on: date | None = None
    talking_points: str = ""
    selection: str = ""
    id: int | None = None


@dataclass(slots=True)
class Contact:
    member_id: int
    on_date: date
    channel: str = "phone"
    round_id: int | None = None
    caller_id: int | None = None
    outcome: CallOutcome | None = None
    mood: Mood | None = None
    satisfaction: int | None = None
    note: str = ""
    wants: str = ""
    good_at: str = ""
    follow_up_on: date | None = None
    id: int | None = None


_CONTACT_COLUMNS = ("id", "member_id", "on_date", "channel", "round_id", "caller_id", "outcome",
                    "mood", "satisfaction", "note", "wants", "good_at", "follow_up_on")


def _contact(row: Sequence[Any]) -> Contact:
    (cid, member_id, on_date, channel, round_id, caller_id, outcome, mood, satisfaction, note,
     wants, good_at, follow_up_on) = row
    return Contact(member_id, _D(on_date), channel, round_id, caller_id,
                   CallOutcome(outcome) if outcome else None, Mood(mood) if mood else None,
                   satisfaction, note, wants, good_at, _opt(follow_up_on), cid)


# Members one can phone on a day: current, a phone number, not "do not call", and not
# someone who asked for another channel.
_CALLABLE = ("m.phone != '' AND m.do_not_call = 0 AND "
             "(m.preferred_channel IS NULL OR m.preferred_channel = 'phone')")


class CallRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def _write(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        try:
            with self.db.atomic():
                return self.db.execute(sql, params)
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc

    # -- settings --------------------------------------------------------------------------

    def settings(self) -> dict[str, Any]:
        row = self.db.execute("SELECT settings FROM call_settings WHERE id = 1").fetchone()
        return {} if row is None else json.loads(row[0])

    def save_settings(self, settings: dict[str, Any]) -> None:
        self._write("INSERT INTO call_settings (id, settings) VALUES (1, :s) "
                    "ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, "
                    "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                    {"s": json.dumps(settings, ensure_ascii=False, sort_keys=True)})

    # -- callers ---------------------------------------------------------------------------

    def callers(self, *, active_only: bool = True) -> list[Caller]:
        where = "WHERE active = 1" if active_only else ""
        return [Caller(r[1], r[2], r[3], r[4], bool(r[5]), r[0]) for r in self.db.execute(
            f"SELECT id, name, phone, email, member_id, active FROM callers {where} "
            "ORDER BY name COLLATE NOCASE").fetchall()]

    def add_caller(self, caller: Caller) -> Caller:
        self._write(
            "INSERT INTO callers (name, phone, email, member_id, active) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET phone = excluded.phone, email = excluded.email, "
            "member_id = excluded.member_id, active = excluded.active",
            [caller.name.strip(), caller.phone, caller.email, caller.member_id,
             int(caller.active)])
        # After an upsert that updated, lastrowid is not this row's id: look it up.
        caller.id = self.caller_id(caller.name)
        return caller

    def set_caller_active(self, caller_id: int, active: bool) -> None:
        """A caller who no longer calls stays on record: old rounds still name them."""
        self._write("UPDATE callers SET active = ? WHERE id = ?", [int(active), caller_id])

    def caller_id(self, name: str) -> int | None:
        row = self.db.execute("SELECT id FROM callers WHERE name = ? COLLATE NOCASE",
                              [name.strip()]).fetchone()
        return None if row is None else row[0]

    # -- selections ------------------------------------------------------------------------

    def _ids(self, sql: str, params: dict[str, Any]) -> list[int]:
        try:
            return [r[0] for r in self.db.execute(sql, params).fetchall()]
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc

    def callable_ids(self, day: date, filters: Iterable[str] = ("current",)) -> list[int]:
        where, params = filter_clause(filters, day, alias="m")
        return self._ids(f"SELECT m.id FROM members AS m NOT INDEXED WHERE {where} "
                         f"AND {_CALLABLE} ORDER BY m.id", params)

    def new_member_ids(self, day: date, since: date) -> list[int]:
        """Current callable members who joined since ``since`` and were not reached since."""
        where, params = filter_clause(["current"], day, alias="m")
        params["since"] = since.isoformat()
        return self._ids(
            f"SELECT m.id FROM members AS m WHERE {where} AND {_CALLABLE} "
            "AND m.joined_on >= :since AND NOT EXISTS (SELECT 1 FROM contacts AS c "
            "WHERE c.member_id = m.id AND c.outcome = 'reached' AND c.on_date >= m.joined_on "
            "AND c.on_date <= :today) ORDER BY m.joined_on, m.id", params)

    def former_ids(self, day: date, since: date) -> list[int]:
        """Members who resigned or were struck off since ``since`` and were not called since."""
        params = {"today": day.isoformat(), "since": since.isoformat()}
        return self._ids(
            f"SELECT m.id FROM members AS m WHERE m.status = 'former' AND {_CALLABLE} "
            "AND m.leave_reason IN ('resigned', 'struck_off') "
            "AND m.left_on BETWEEN :since AND :today AND NOT EXISTS (SELECT 1 FROM contacts "
            "AS c WHERE c.member_id = m.id AND c.channel = 'phone' AND c.on_date >= m.left_on "
            "AND c.on_date <= :today) ORDER BY m.left_on, m.id", params)

    def in_rounds(self, purpose: RoundPurpose, since: date, day: date) -> set[int]:
        """Members in a round of this purpose started between ``since`` and ``day``."""
        return set(self._ids(
            "SELECT rm.member_id FROM round_members AS rm JOIN call_rounds AS r "
            "ON r.id = rm.round_id WHERE r.purpose = :p AND r.started_on >= :since "
            "AND r.started_on <= :day",
            {"p": purpose.value, "since": since.isoformat(), "day": day.isoformat()}))

    def previous_callers(self, member_ids: Iterable[int]) -> dict[int, int]:
        """Each member's caller in their latest round (the "same caller every time" rule)."""
        wanted = set(member_ids)
        # One pass over the index (member, round, caller); SQLite takes the bare caller
        # column from the row with the latest round.
        rows = self.db.execute(
            "SELECT member_id, caller_id, max(round_id) FROM round_members "
            "WHERE caller_id IS NOT NULL GROUP BY member_id").fetchall()
        return {member_id: caller_id for member_id, caller_id, _r in rows
                if member_id in wanted}

    # -- rounds ----------------------------------------------------------------------------

    def add_round(self, rnd: CallRound, assignment: dict[int, int], order: Sequence[int]
                  ) -> CallRound:
        """A round with its members and callers, in one transaction."""
        try:
            with self.db.atomic():
                cur = self.db.execute(
                    "INSERT INTO call_rounds (purpose, title, started_on, talking_points, "
                    "selection) VALUES (?, ?, ?, ?, ?)",
                    [rnd.purpose.value, rnd.title, rnd.started_on.isoformat(),
                     rnd.talking_points, rnd.selection])
                rnd.id = cur.lastrowid
                self.db.conn.executemany(
                    "INSERT INTO round_members (round_id, member_id, caller_id, position) "
                    "VALUES (?, ?, ?, ?)",
                    [(rnd.id, m, assignment.get(m), i) for i, m in enumerate(order)])
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc
        return rnd

    def rounds(self, purpose: RoundPurpose | None = None) -> list[CallRound]:
        where = "WHERE purpose = ?" if purpose else ""
        params = [purpose.value] if purpose else []
        return [CallRound(RoundPurpose(r[1]), _D(r[2]), r[3], _opt(r[4]), r[5], r[6], r[0])
                for r in self.db.execute(
                    "SELECT id, purpose, started_on, title, closed_on, talking_points, "
                    f"selection FROM call_rounds {where} ORDER BY started_on DESC, id DESC",
                    params).fetchall()]

    def round(self, round_id: int) -> CallRound | None:
        found = [r for r in self.rounds() if r.id == round_id]
        return found[0] if found else None

    def reassign(self, round_id: int, member_id: int, caller_id: int) -> None:
        self._write("UPDATE round_members SET caller_id = ? WHERE round_id = ? AND member_id = ?",
                    [caller_id, round_id, member_id])

    def round_assignment(self, round_id: int) -> dict[int, int | None]:
        return dict(self.db.execute(
            "SELECT member_id, caller_id FROM round_members WHERE round_id = ? "
            "ORDER BY position", [round_id]).fetchall())

    def queue_entries(self, round_id: int, caller_id: int | None, day: date,
                      new_since: date) -> list[QueueEntry]:
        """The facts a caller's queue is ordered by: calls in this round up to ``day``."""
        caller_filter = "AND rm.caller_id = :caller" if caller_id is not None else ""
        rows = self.db.execute(
            f"""
            SELECT rm.member_id, m.joined_on >= :new_since,
                   (SELECT count(*) FROM contacts AS c WHERE c.round_id = rm.round_id
                    AND c.member_id = rm.member_id AND c.on_date <= :day),
                   last.outcome, last.on_date, last.follow_up_on, m.family_key || ' ' || m.given_key
            FROM round_members AS rm
            JOIN members AS m ON m.id = rm.member_id
            LEFT JOIN contacts AS last ON last.id = (
                SELECT c.id FROM contacts AS c WHERE c.round_id = rm.round_id
                AND c.member_id = rm.member_id AND c.on_date <= :day
                ORDER BY c.on_date DESC, c.id DESC LIMIT 1)
            WHERE rm.round_id = :round {caller_filter}
              AND m.do_not_call = 0
              AND (m.preferred_channel IS NULL OR m.preferred_channel = 'phone')
            ORDER BY rm.position""",
            {"round": round_id, "caller": caller_id, "day": day.isoformat(),
             "new_since": new_since.isoformat()}).fetchall()
        return [QueueEntry(mid, bool(new), attempts, CallOutcome(outcome) if outcome else None,
                           _opt(last_on), _opt(follow), key or "")
                for mid, new, attempts, outcome, last_on, follow, key in rows]

    def member_rounds(self, member_id: int, day: date) -> list[tuple[int, int | None, QueueEntry]]:
        """(round id, caller id, this member's queue facts) for each round the member is in
        that started by ``day``, newest first."""
        rows = self.db.execute(
            """SELECT r.id, rm.caller_id,
                      (SELECT count(*) FROM contacts AS c WHERE c.round_id = r.id
                       AND c.member_id = rm.member_id AND c.on_date <= :day),
                      last.outcome, last.on_date, last.follow_up_on
               FROM round_members AS rm JOIN call_rounds AS r ON r.id = rm.round_id
               LEFT JOIN contacts AS last ON last.id = (
                   SELECT c.id FROM contacts AS c WHERE c.round_id = r.id
                   AND c.member_id = rm.member_id AND c.on_date <= :day
                   ORDER BY c.on_date DESC, c.id DESC LIMIT 1)
               WHERE rm.member_id = :member AND r.started_on <= :day
                 AND (r.closed_on IS NULL OR r.closed_on >= :day)
               ORDER BY r.started_on DESC, r.id DESC""",
            {"member": member_id, "day": day.isoformat()}).fetchall()
        return [(rid, caller, QueueEntry(member_id, False, attempts,
                                         CallOutcome(outcome) if outcome else None,
                                         _opt(last_on), _opt(follow)))
                for rid, caller, attempts, outcome, last_on, follow in rows]

    def first_contacts(self, round_id: int) -> dict[int, date]:
        """Each called member's first call in the round."""
        return {m: _D(d) for m, d in self.db.execute(
            "SELECT member_id, min(on_date) FROM contacts WHERE round_id = ? "
            "GROUP BY member_id", [round_id]).fetchall()}

    def round_counts(self, round_id: int) -> dict[str, int]:
        """Members, called, and calls per outcome (the latest per member)."""
        members = self.db.execute("SELECT count(*) FROM round_members WHERE round_id = ?",
                                  [round_id]).fetchone()[0]
        rows = self.db.execute(
            "SELECT outcome, count(*) FROM (SELECT c.member_id, c.outcome FROM contacts AS c "
            "WHERE c.round_id = ? AND c.id = (SELECT c2.id FROM contacts AS c2 WHERE "
            "c2.round_id = c.round_id AND c2.member_id = c.member_id ORDER BY c2.on_date DESC, "
            "c2.id DESC LIMIT 1)) GROUP BY outcome", [round_id]).fetchall()
        counts = {"members": members, "called": sum(n for _o, n in rows)}
        counts.update({outcome: n for outcome, n in rows if outcome})
        return counts

    def round_counts_by_caller(self, round_id: int) -> list[tuple[str, int, int, int]]:
        """(caller name, members, called, reached) per caller of the round."""
        return self.db.execute(
            """SELECT coalesce(c.name, ''), count(*),
                      sum(EXISTS (SELECT 1 FROM contacts AS k WHERE k.round_id = rm.round_id
                                  AND k.member_id = rm.member_id)),
                      sum(EXISTS (SELECT 1 FROM contacts AS k WHERE k.round_id = rm.round_id
                                  AND k.member_id = rm.member_id AND k.outcome = 'reached'))
               FROM round_members AS rm LEFT JOIN callers AS c ON c.id = rm.caller_id
               WHERE rm.round_id = ? GROUP BY rm.caller_id ORDER BY c.name""",
            [round_id]).fetchall()

    # -- contacts --------------------------------------------------------------------------

    def add_contact(self, contact: Contact) -> Contact:
        cur = self._write(
            f"INSERT INTO contacts ({', '.join(_CONTACT_COLUMNS[1:])}) "
            f"VALUES ({', '.join('?' * (len(_CONTACT_COLUMNS) - 1))})",
            [contact.member_id, contact.on_date.isoformat(), contact.channel, contact.round_id,
             contact.caller_id, contact.outcome.value if contact.outcome else None,
             contact.mood.value if contact.mood else None, contact.satisfaction, contact.note,
             contact.wants, contact.good_at,
             contact.follow_up_on.isoformat() if contact.follow_up_on else None])
        contact.id = cur.lastrowid
        return contact

    def add_contacts(self, contacts: Iterable[Contact]) -> None:
        rows = [(c.member_id, c.on_date.isoformat(), c.channel, c.round_id, c.caller_id,
                 c.outcome.value if c.outcome else None, c.mood.value if c.mood else None,
                 c.satisfaction, c.note, c.wants, c.good_at,
                 c.follow_up_on.isoformat() if c.follow_up_on else None) for c in contacts]
        try:
            with self.db.atomic():
                self.db.conn.executemany(
                    f"INSERT INTO contacts ({', '.join(_CONTACT_COLUMNS[1:])}) "
                    f"VALUES ({', '.join('?' * (len(_CONTACT_COLUMNS) - 1))})", rows)
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc

    def contact_exists(self, contact_id: int) -> bool:
        return self.db.execute("SELECT 1 FROM contacts WHERE id = ?",
                               [contact_id]).fetchone() is not None

    def delete_contact(self, contact_id: int) -> None:
        self._write("DELETE FROM contacts WHERE id = ?", [contact_id])

    def contacts_for(self, member_id: int) -> list[Contact]:
        return [_contact(r) for r in self.db.execute(
            f"SELECT {', '.join(_CONTACT_COLUMNS)} FROM contacts WHERE member_id = ? "
            "ORDER BY on_date DESC, id DESC", [member_id]).fetchall()]
