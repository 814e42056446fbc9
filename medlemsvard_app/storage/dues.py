"""Dues records in and out of SQL, and the per-member summaries the dues rules read.

``summaries`` is the one query behind every dues state: a single pass over the covering
index of ``payment_periods`` (payments dated after the day ignored, so answers hold
"as of" any day), joined with each member's mandate and exemption on that day.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlite_utils import Database

from medlemsvard_app.domain.dues_state import (
    WINDOW,
    DuesFacts,
    DuesSummary,
    MandateStatus,
    window_base,
)
from medlemsvard_app.domain.payments import (
    DuesNotice,
    Exemption,
    ExemptionKind,
    MandateEvent,
    MandateKind,
    NoticeChannel,
    NoticeStage,
    Payment,
    PaymentKind,
    PaymentMethod,
    PaymentSource,
)
from medlemsvard_app.storage.database import translate_error
from medlemsvard_app.storage.driver import sqlite3
from medlemsvard_app.storage.members import filter_clause

_D = date.fromisoformat


def _opt_date(value: str | None) -> date | None:
    return None if value is None else _D(value)


NEVER = 99991231


def _day_number(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


#: Bit 0 of ``members.dues_any_bits`` / ``dues_paid_bits`` is this period.
BITS_EPOCH = 2000
_PAID = "(paid_on <= {d})"

# As of a day before the latest payment: fold member_periods, comparing each date.
_AS_OF = f"""
SELECT joined_on, coalesce(a, 0) AS a, coalesce(p, 0) AS p, group_concat(id) FROM (
    SELECT m.id, m.joined_on,
           (SELECT sum((any_on <= :d) << (period - :base)) FROM member_periods
            WHERE member_id = m.id AND period BETWEEN :base AND :base + {WINDOW - 1}) AS a,
           (SELECT sum({_PAID.format(d=":d")} << (period - :base)) FROM member_periods
            WHERE member_id = m.id AND period BETWEEN :base AND :base + {WINDOW - 1}) AS p
    FROM members AS m NOT INDEXED
    WHERE {{where}})
GROUP BY joined_on, a, p
"""

# The usual case: nothing is dated after the day, so each member's row says it all.
_LATEST = """
SELECT m.joined_on, (m.dues_any_bits >> :shift) & :window,
       (m.dues_paid_bits >> :shift) & :window, group_concat(m.id)
FROM members AS m {index}
WHERE {where}
GROUP BY m.joined_on, m.dues_any_bits, m.dues_paid_bits
"""

_FAST_MASKS = ("m.dues_last_direct_debit, m.joined_on, (m.dues_any_bits >> :shift) & :window, "
               "(m.dues_paid_bits >> :shift) & :window")
_AS_OF_MASKS = f"""
    (SELECT max(paid_on) FROM payments AS p WHERE p.member_id = m.id
     AND p.method = 'direct_debit' AND p.paid_on <= :day),
    m.joined_on,
    coalesce((SELECT sum((any_on <= :d) << (period - :base)) FROM member_periods
        WHERE member_id = m.id AND period BETWEEN :base AND :base + {WINDOW - 1}), 0),
    coalesce((SELECT sum({_PAID.format(d=":d")} << (period - :base)) FROM member_periods
        WHERE member_id = m.id AND period BETWEEN :base AND :base + {WINDOW - 1}), 0)"""

# Members with a mandate or an exemption begun by the day: their own facts (they are
# decided one by one).
_SPECIAL = """
SELECT m.id, {masks}
FROM members AS m
WHERE m.id IN (SELECT member_id FROM mandate_events WHERE changed_on <= :day {filter}
               UNION SELECT member_id FROM dues_exemptions WHERE from_on <= :day {filter})
"""

# Each member's mandate on the day: the latest change on or before it.
_MANDATES = """
SELECT member_id, status, changed_on,
       -- SQLite takes the bare columns from the row with the max: the latest change
       max(changed_on || printf('%012d', id))
FROM mandate_events WHERE changed_on <= :day {filter}
GROUP BY member_id
"""

_EXEMPTIONS = """
SELECT member_id, from_on, until_on FROM dues_exemptions WHERE from_on <= :day {filter}
"""

_FOLD_BITS = f"""
UPDATE members SET
    dues_any_bits = coalesce((SELECT sum(1 << (period - {BITS_EPOCH})) FROM member_periods
        WHERE member_id = members.id AND period BETWEEN {BITS_EPOCH} AND {BITS_EPOCH + 61}), 0),
    dues_last_direct_debit = (SELECT max(paid_on) FROM payments
        WHERE member_id = members.id AND method = 'direct_debit'),
    dues_paid_bits = coalesce((SELECT sum((paid_on < 99991231)
        << (period - {BITS_EPOCH})) FROM member_periods
        WHERE member_id = members.id AND period BETWEEN {BITS_EPOCH} AND {BITS_EPOCH + 61}), 0)
"""

# Recompute member_periods for the members in temp.dues_touched (or everyone). A period
# is paid on the day its payments add up to its fee ({fee} is a CASE over the fee
# history), or on the day an intro fee covering it was paid.
_REBUILD = """
INSERT OR REPLACE INTO member_periods (member_id, period, any_on, paid_on)
WITH shares AS (
    SELECT member_id, period, intro, amount, payment_id,
           CAST(replace(paid_on, '-', '') AS INTEGER) AS on_day
    FROM payment_periods {where}
), running AS (
    SELECT member_id, period, on_day, intro,
           sum(amount) OVER (PARTITION BY member_id, period ORDER BY on_day, payment_id)
               AS total
    FROM shares
)
SELECT member_id, period, min(on_day),
       coalesce(min(CASE WHEN intro = 1 OR total >= {fee} THEN on_day END), 99991231)
FROM running
GROUP BY member_id, period
"""

_PAYMENT_COLUMNS = ("id", "member_id", "paid_on", "amount", "period_from", "period_to", "method",
                    "kind", "reference", "note", "source")


def _payment(row: Sequence[Any]) -> Payment:
    (pid, member_id, paid_on, amount, period_from, period_to, method, kind, reference, note,
     source) = row
    return Payment(member_id=member_id, paid_on=_D(paid_on), amount=amount,
                   period_from=period_from, period_to=period_to, method=PaymentMethod(method),
                   kind=PaymentKind(kind), reference=reference, note=note,
                   source=PaymentSource(source), id=pid)


class DuesRepository:
    def __init__(self, db: Database, annual_fee: int = 0,
                 earlier_fees: Sequence[tuple[int, int]] = ()) -> None:
        self.db = db
        #: A period is paid once its payments add up to its fee: ``annual_fee``, or for
        #: periods up to ``until`` the fee of an (until, fee) pair (set by the service).
        self.annual_fee = annual_fee
        self.earlier_fees = list(earlier_fees)

    def fee_for(self, period: int) -> int:
        for until, fee in sorted(self.earlier_fees):
            if period <= until:
                return fee
        return self.annual_fee

    def _fee_sql(self) -> str:
        """The fee of ``period`` as SQL: whole numbers only, so inlining them is safe."""
        cases = " ".join(f"WHEN period <= {int(until)} THEN {int(fee)}"
                         for until, fee in sorted(self.earlier_fees))
        return f"(CASE {cases} ELSE {int(self.annual_fee)} END)" if cases \
            else str(int(self.annual_fee))

    def refresh_periods(self, member_ids: Iterable[int] | None = None) -> None:
        """Recompute ``member_periods`` for these members (all when None), in the caller's
        transaction; the annual fee decides when withdrawals have paid a period."""
        cur = self.db.conn.cursor()
        if member_ids is None:
            cur.execute("DELETE FROM member_periods")
            cur.execute(_REBUILD.format(where="", fee=self._fee_sql()))
            cur.execute(_FOLD_BITS)
            return
        ids = sorted(set(member_ids))
        if not ids:
            return
        cur.execute("CREATE TEMP TABLE IF NOT EXISTS dues_touched (id INTEGER PRIMARY KEY)")
        cur.execute("DELETE FROM temp.dues_touched")
        cur.executemany("INSERT INTO temp.dues_touched VALUES (?)", [(i,) for i in ids])
        cur.execute("DELETE FROM member_periods WHERE member_id IN "
                    "(SELECT id FROM temp.dues_touched)")
        cur.execute(_REBUILD.format(
            where="WHERE member_id IN (SELECT id FROM temp.dues_touched)", fee=self._fee_sql()))
        cur.execute(_FOLD_BITS + " WHERE id IN (SELECT id FROM temp.dues_touched)")

    def rebuild_periods(self) -> None:
        """After the fee changes: which periods the payments paid may change."""
        try:
            with self.db.atomic():
                self.refresh_periods(None)
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc

    def _write(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        try:
            with self.db.atomic():
                return self.db.execute(sql, params)
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc

    # -- the calendar ----------------------------------------------------------------------

    def calendar_settings(self) -> dict[str, Any] | None:
        row = self.db.execute("SELECT calendar FROM dues_settings WHERE id = 1").fetchone()
        return None if row is None else json.loads(row[0])

    def save_calendar_settings(self, settings: dict[str, Any]) -> None:
        self._write(
            "INSERT INTO dues_settings (id, calendar) VALUES (1, :c) ON CONFLICT (id) DO UPDATE "
            "SET calendar = excluded.calendar, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            {"c": json.dumps(settings, ensure_ascii=False, sort_keys=True)})

    # -- payments --------------------------------------------------------------------------

    def add_payments(self, payments: Iterable[Payment], *, refresh: bool = True) -> list[Payment]:
        """Store payments (each checked) and their per-period shares, all or nothing.

        ``refresh=False`` leaves ``member_periods`` to one ``rebuild_periods`` afterwards
        (the demo and the bench write a million payments).
        """
        stored: list[Payment] = []
        try:
            with self.db.atomic():
                cur = self.db.conn.cursor()
                next_id = (cur.execute("SELECT coalesce(max(id), 0) FROM payments")
                           .fetchone()[0]) + 1
                rows, shares = [], []
                for p in payments:
                    p.check()
                    p.id = next_id
                    next_id += 1
                    dd = 1 if p.method is PaymentMethod.DIRECT_DEBIT else 0
                    intro = 1 if p.kind is PaymentKind.INTRO else 0
                    rows.append((p.id, p.member_id, p.paid_on.isoformat(), p.amount,
                                 p.period_from, p.period_to, p.method.value, p.kind.value,
                                 p.reference, p.note, p.source.value))
                    shares.extend((p.id, p.member_id, period, p.paid_on.isoformat(), dd, intro,
                                   amount) for period, amount in p.shares(self.fee_for))
                    stored.append(p)
                cur.executemany(
                    f"INSERT INTO payments ({', '.join(_PAYMENT_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * len(_PAYMENT_COLUMNS))})", rows)
                cur.executemany(
                    "INSERT INTO payment_periods (payment_id, member_id, period, paid_on, "
                    "direct_debit, intro, amount) VALUES (?, ?, ?, ?, ?, ?, ?)", shares)
                if refresh:
                    self.refresh_periods(p.member_id for p in stored)
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc
        return stored

    def delete_payment(self, payment_id: int) -> Payment | None:
        payment = self.payment(payment_id)
        if payment is not None:
            try:
                with self.db.atomic():
                    self.db.execute("DELETE FROM payments WHERE id = ?", [payment_id])
                    self.refresh_periods([payment.member_id])
            except sqlite3.Error as exc:
                raise translate_error(exc) from exc
        return payment

    def payment(self, payment_id: int) -> Payment | None:
        row = self.db.execute(f"SELECT {', '.join(_PAYMENT_COLUMNS)} FROM payments WHERE id = ?",
                              [payment_id]).fetchone()
        return None if row is None else _payment(row)

    def payments_for(self, member_id: int) -> list[Payment]:
        return [_payment(r) for r in self.db.execute(
            f"SELECT {', '.join(_PAYMENT_COLUMNS)} FROM payments WHERE member_id = ? "
            "ORDER BY paid_on, id", [member_id]).fetchall()]

    def payments_between(self, start: date, end: date) -> list[Payment]:
        return [_payment(r) for r in self.db.execute(
            f"SELECT {', '.join(_PAYMENT_COLUMNS)} FROM payments "
            "WHERE paid_on BETWEEN ? AND ? ORDER BY paid_on, id",
            [start.isoformat(), end.isoformat()]).fetchall()]

    def has_payment(self, member_id: int, paid_on: date, amount: int) -> bool:
        """A payment with the same member, day and amount is already recorded (re-import)."""
        return self.db.execute(
            "SELECT 1 FROM payments WHERE member_id = ? AND paid_on = ? AND amount = ? LIMIT 1",
            [member_id, paid_on.isoformat(), amount]).fetchone() is not None

    def payment_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM payments").fetchone()[0]

    # -- notices, mandates, exemptions -----------------------------------------------------

    def add_notices(self, notices: Iterable[DuesNotice]) -> int:
        rows = [(n.member_id, n.period, n.stage.value, n.sent_on.isoformat(), n.amount,
                 n.reference, n.channel.value) for n in notices]
        try:
            with self.db.atomic():
                self.db.conn.executemany(
                    "INSERT INTO dues_notices (member_id, period, stage, sent_on, amount, "
                    "reference, channel) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc
        return len(rows)

    def notices_for(self, member_id: int) -> list[DuesNotice]:
        return [DuesNotice(member_id=r[1], period=r[2], stage=NoticeStage(r[3]), sent_on=_D(r[4]),
                           amount=r[5], reference=r[6], channel=NoticeChannel(r[7]), id=r[0])
                for r in self.db.execute(
                    "SELECT id, member_id, period, stage, sent_on, amount, reference, channel "
                    "FROM dues_notices WHERE member_id = ? ORDER BY sent_on, id",
                    [member_id]).fetchall()]

    def add_mandate_event(self, event: MandateEvent) -> MandateEvent:
        cur = self._write(
            "INSERT INTO mandate_events (member_id, changed_on, status, kind, payer_number, "
            "monthly_amount, max_amount, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [event.member_id, event.changed_on.isoformat(), event.status.value,
             event.kind.value, event.payer_number, event.monthly_amount, event.max_amount,
             event.note])
        event.id = cur.lastrowid
        return event

    def add_mandate_events(self, events: Iterable[MandateEvent]) -> None:
        rows = [(e.member_id, e.changed_on.isoformat(), e.status.value, e.kind.value,
                 e.payer_number, e.monthly_amount, e.max_amount, e.note) for e in events]
        try:
            with self.db.atomic():
                self.db.conn.executemany(
                    "INSERT INTO mandate_events (member_id, changed_on, status, kind, "
                    "payer_number, monthly_amount, max_amount, note) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc

    def mandate_history(self, member_id: int) -> list[MandateEvent]:
        return [MandateEvent(member_id=r[1], changed_on=_D(r[2]), status=MandateStatus(r[3]),
                             kind=MandateKind(r[4]), payer_number=r[5], monthly_amount=r[6],
                             max_amount=r[7], note=r[8], id=r[0])
                for r in self.db.execute(
                    "SELECT id, member_id, changed_on, status, kind, payer_number, "
                    "monthly_amount, max_amount, note FROM mandate_events "
                    "WHERE member_id = ? ORDER BY changed_on, id", [member_id]).fetchall()]

    def add_exemption(self, exemption: Exemption) -> Exemption:
        cur = self._write(
            "INSERT INTO dues_exemptions (member_id, kind, from_on, until_on, note) "
            "VALUES (?, ?, ?, ?, ?)",
            [exemption.member_id, exemption.kind.value, exemption.from_on.isoformat(),
             exemption.until_on.isoformat() if exemption.until_on else None, exemption.note])
        exemption.id = cur.lastrowid
        return exemption

    def add_exemptions(self, exemptions: Iterable[Exemption]) -> None:
        for e in exemptions:
            self.add_exemption(e)

    def end_exemption(self, exemption_id: int, until_on: date) -> None:
        self._write("UPDATE dues_exemptions SET until_on = ?, "
                    "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
                    [until_on.isoformat(), exemption_id])

    def exemptions_for(self, member_id: int) -> list[Exemption]:
        return self._exemptions("member_id = ?", member_id)

    def exemption_by_id(self, exemption_id: int) -> list[Exemption]:
        return self._exemptions("id = ?", exemption_id)

    def _exemptions(self, where: str, value: int) -> list[Exemption]:
        return [Exemption(member_id=r[1], kind=ExemptionKind(r[2]), from_on=_D(r[3]),
                          until_on=_opt_date(r[4]), note=r[5], id=r[0])
                for r in self.db.execute(
                    "SELECT id, member_id, kind, from_on, until_on, note FROM dues_exemptions "
                    f"WHERE {where} ORDER BY from_on, id", [value]).fetchall()]

    # -- summaries -------------------------------------------------------------------------

    def latest_payment_on(self) -> date | None:
        row = self.db.execute("SELECT max(paid_on) FROM payments").fetchone()
        return None if row[0] is None else _D(row[0])

    def facts(self, day: date, *, member_ids: Sequence[int] | None = None,
              filters: Iterable[str] = ("current",)) -> DuesFacts:
        """The dues facts of members matching ``filters`` (or the given ids) on ``day``."""
        params: dict[str, Any] = {"day": day.isoformat(), "d": _day_number(day),
                                  "base": window_base(day)}
        if member_ids is not None:
            ids = ",".join(str(int(i)) for i in member_ids) or "NULL"
            where = f"m.id IN ({ids})"
            extra_filter = f"AND member_id IN ({ids})"
        else:
            where, extra = filter_clause(filters, day, alias="m")
            params.update(extra)
            extra_filter = ""
        latest = self.latest_payment_on()
        fast = latest is None or latest <= day
        # All members: walk the covering index in group order; a few: look them up by id.
        index = "INDEXED BY members_dues" if member_ids is None else ""
        sql = (_LATEST if fast else _AS_OF).format(where=where, index=index)
        dates: dict[str, date] = {}

        def as_date(text: str | None) -> date | None:
            if text is None:
                return None
            value = dates.get(text)
            if value is None:
                value = dates[text] = _D(text)
            return value

        shift = window_base(day) - BITS_EPOCH
        if fast and shift < 0:  # a day before 2005: fold member_periods instead
            fast = False
            sql = _AS_OF.format(where=where)
        params.update(shift=max(shift, 0), window=(1 << WINDOW) - 1)
        get = dates.get
        try:
            cursor = self.db.conn.execute(sql, params)
            groups = [(get(joined) or as_date(joined), any_, paid,
                       list(map(int, ids.split(","))))
                      for joined, any_, paid, ids in cursor]
            special: dict[int, tuple[date | None, int, int]] = {}
            last_dd: dict[int, date | None] = {}
            for mid, last, joined, any_, paid in self.db.conn.execute(
                    _SPECIAL.format(filter=extra_filter,
                                    masks=_FAST_MASKS if fast else _AS_OF_MASKS), params):
                special[mid] = (as_date(joined), any_, paid)
                last_dd[mid] = as_date(last)
            statuses = {s.value: s for s in MandateStatus}
            mandates = {mid: (statuses[status], as_date(since), last_dd.get(mid))
                        for mid, status, since, _latest in self.db.conn.execute(
                            _MANDATES.format(filter=extra_filter), params)
                        if status != "none"}
            exemptions: dict[int, list[tuple[date, date | None]]] = {}
            exempt: set[int] = set()
            for mid, start, until in self.db.conn.execute(
                    _EXEMPTIONS.format(filter=extra_filter), params):
                span = (_D(start), _opt_date(until))
                exemptions.setdefault(mid, []).append(span)
                if span[1] is None or span[1] >= day:
                    exempt.add(mid)
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc
        return DuesFacts(day, groups, mandates, exempt, special, exemptions)

    def summary(self, member_id: int, day: date) -> DuesSummary | None:
        """One member's summary (the card, ``dues --member``), with the last payment day."""
        facts = self.facts(day, member_ids=[member_id])
        if not facts.groups:
            return None
        joined, any_mask, paid_mask, (mid,) = facts.groups[0]
        status, since, last_dd = facts.mandates.get(mid, (MandateStatus.NONE, None, None))
        row = self.db.execute("SELECT max(paid_on) FROM payments WHERE member_id = ? "
                              "AND paid_on <= ?", [member_id, day.isoformat()]).fetchone()
        return DuesSummary(mid, joined, any_mask, paid_mask, status, since, last_dd,
                           mid in facts.exempt, _opt_date(row[0]),
                           tuple(facts.exemptions.get(mid, ())))

    def last_paid_periods(self) -> dict[int, int]:
        """Bench baseline: each member's last paid period, a bare GROUP BY."""
        return dict(self.db.execute(
            "SELECT member_id, max(period) FROM payment_periods GROUP BY member_id").fetchall())
