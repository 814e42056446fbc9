"""The board's indicators (seed 003's list, seed 004's new-vs-experienced split, DOMAIN §7).

Pure: the day is passed in, and the counting that needs the whole register arrives as
aggregates that SQL prepared (``storage/indicators.py``). Here those aggregates become
figures: counts, shares (fractions 0-1) and means, with the base each share was taken
over, so that figures for groups smaller than five can be hidden in anything printed for
people outside the board.

A period is the days after its start up to and including its end: ``(start, end]``. A
"year" ending 2026-11-25 starts 2025-11-25, and a join on 2025-11-25 belongs to the year
before. Members on a day are those whose membership covers that day (``Member.is_current``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from itertools import accumulate

from medlemsvard_app.domain.dates import add_months

#: Groups smaller than this are shown as "fewer than 5" outside the board (DOMAIN §7).
SMALL_GROUP = 5

#: The age limit seed 003 follows ("under 45").
YOUNG_AGE = 45


class Period(StrEnum):
    """How far back a figure looks from the day it ends on."""

    TWO_MONTHS = "2m"
    HALF_YEAR = "6m"
    YEAR = "1y"

    @property
    def months(self) -> int:
        return {"2m": 2, "6m": 6, "1y": 12}[self.value]


def period_start(end: date, period: Period) -> date:
    """The day before the period's first day: the period is ``(start, end]``."""
    return add_months(end, -period.months)


def years_before(day: date, years: int) -> date:
    """The same day ``years`` years earlier (29 February falls back to the 28th)."""
    return add_months(day, -12 * years)


# -- codes ----------------------------------------------------------------------------------

#: Exit reasons as the indicators group them (seed 003 / JAK): the register's
#: expelled and moved count as "other" here.
EXIT_REASONS: tuple[str, ...] = ("resigned", "struck_off", "deceased", "other")
_EXIT_GROUP = {"resigned": "resigned", "struck_off": "struck_off", "deceased": "deceased",
               "expelled": "other", "moved": "other", "other": "other"}

#: Tenure at exit, in whole years of membership.
TENURE_BUCKETS: tuple[str, ...] = ("under_1", "1_3", "3_5", "over_5")

#: DOMAIN §7 age groups: (code, lowest age, highest age or None).
AGE_GROUPS: tuple[tuple[str, int, int | None], ...] = (
    ("0_25", 0, 25), ("26_35", 26, 35), ("36_50", 36, 50), ("51_65", 51, 65), ("66_plus", 66, None))
AGE_GROUP_CODES: tuple[str, ...] = tuple(code for code, _lo, _hi in AGE_GROUPS)


def exit_group(reason: str | None) -> str:
    return _EXIT_GROUP.get(reason or "other", "other")


def tenure_bucket(years: int) -> str:
    """Whole years of membership at exit -> bucket code (< 1, 1-3, 3-5, > 5 years)."""
    if years < 1:
        return "under_1"
    if years < 3:
        return "1_3"
    if years < 5:
        return "3_5"
    return "over_5"


def age_on(birth: date, day: date) -> int:
    """Whole years of age on ``day``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def age_group(age: int) -> str:
    for code, _lo, hi in AGE_GROUPS:
        if hi is None or age <= hi:
            return code
    return AGE_GROUPS[-1][0]


def age_group_limits(day: date) -> list[tuple[str, date]]:
    """(group, limit) for every group with an upper age: someone born after ``limit`` is at
    most that group's highest age on ``day``. SQL buckets birth dates by comparing strings
    with these, youngest group first; whoever is born on or before the last is 66+."""
    return [(code, years_before(day, hi + 1)) for code, _lo, hi in AGE_GROUPS if hi is not None]


# -- what SQL prepares ----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class JoinDay:
    """Joins on one day, and of them those recruited and those who joined on their own
    (the rest have no way in recorded)."""

    on: date
    count: int
    recruited: int = 0
    own: int = 0


@dataclass(frozen=True, slots=True)
class ExitRow:
    """Exits on one day with the same reason and tenure bucket."""

    on: date
    reason: str
    tenure: str
    count: int


class Flows:
    """Every join and exit in the register by day: members on any day, and joins and exits
    in any period, by bisecting cumulative sums (15 years are a few thousand days)."""

    def __init__(self, joins: Iterable[JoinDay], exits: Iterable[ExitRow],
                 undated: int = 0) -> None:
        self.joins = sorted(joins, key=lambda r: r.on)
        self.exits = sorted(exits, key=lambda r: r.on)
        #: members with no join date: members since before the register began
        self.undated = undated
        self._join_days = [r.on for r in self.joins]
        self._join_cum = [0, *accumulate(r.count for r in self.joins)]
        self._exit_days = [r.on for r in self.exits]
        self._exit_cum = [0, *accumulate(r.count for r in self.exits)]

    def joined_by(self, day: date) -> int:
        return self._join_cum[bisect_right(self._join_days, day)]

    def left_by(self, day: date) -> int:
        return self._exit_cum[bisect_right(self._exit_days, day)]

    def members_on(self, day: date) -> int:
        """Members on ``day``: joined on or before it, not left on or before it."""
        return self.undated + self.joined_by(day) - self.left_by(day)

    def joined_between(self, start: date, end: date) -> int:
        return self.joined_by(end) - self.joined_by(start)

    def left_between(self, start: date, end: date) -> int:
        return self.left_by(end) - self.left_by(start)

    def join_rows(self, start: date, end: date) -> Sequence[JoinDay]:
        return self.joins[bisect_right(self._join_days, start):bisect_right(self._join_days, end)]

    def exit_rows(self, start: date, end: date) -> Sequence[ExitRow]:
        return self.exits[bisect_right(self._exit_days, start):bisect_right(self._exit_days, end)]

    def first_day(self) -> date | None:
        days = [d[0] for d in (self._join_days, self._exit_days) if d]
        return min(days) if days else None


@dataclass(frozen=True, slots=True)
class StockCounts:
    """What one pass over the members gives for a period ``(start, end]``."""

    #: members on ``start`` still members on ``end``
    kept: int = 0
    #: current members on ``end`` by age group and gender ('' when not recorded)
    ages: Mapping[tuple[str, str], int] = field(default_factory=dict)
    #: current members on ``end`` with no birth date
    age_unknown: int = 0
    under_45: int = 0
    #: people who joined in the period and were under 45 that day
    joined_young: int = 0
    #: current members on ``end`` who joined less than a year before it
    new_members: int = 0
    #: members who joined in the year before the year ending on ``end``, and of them those
    #: still members a year after joining
    first_year_cohort: int = 0
    first_year_kept: int = 0


@dataclass(frozen=True, slots=True)
class ActivityCounts:
    held: int = 0  # activities in the period, not cancelled
    #: current members on ``end`` who came to at least one activity this calendar year
    attended: int = 0
    attended_new: int = 0


@dataclass(frozen=True, slots=True)
class ContactCounts:
    calls: int = 0  # phone calls made in the period
    reached: int = 0
    led_to_payment: int = 0  # reached, and the member paid within 30 days
    led_to_signup: int = 0  # a sign-up to an activity recorded with the call
    satisfaction_answers: int = 0
    satisfaction_sum: int = 0
    positive: int = 0
    negative: int = 0


@dataclass(frozen=True, slots=True)
class DuesCounts:
    """From the dues rules (``DuesService.states``): who of the current members has paid."""

    base: int = 0  # current members who owe dues (the exempt left out)
    paid: int = 0  # paid or on direct debit
    bounced: int = 0
    base_new: int = 0
    paid_new: int = 0


# -- the figures ----------------------------------------------------------------------------

#: Every figure, with how it is counted: "count" (people), "share" (0-1 of a base),
#: "mean", or "change" (a difference, never hidden). The order is the order shown.
FIGURES: tuple[tuple[str, str], ...] = (
    ("member_count", "count"), ("members_at_start", "count"), ("joined", "count"),
    ("left", "count"), ("net_change", "change"),
    ("left_resigned", "count"), ("left_struck_off", "count"), ("left_deceased", "count"),
    ("left_other", "count"),
    ("new_under_45", "count"), ("share_new_under_45", "share"),
    ("under_45", "count"), ("share_under_45", "share"),
    ("recruited", "count"), ("joined_own", "count"), ("share_recruited", "share"),
    ("retention", "share"), ("first_year_retention", "share"), ("bounced", "count"),
    ("tenure_under_1", "count"), ("tenure_1_3", "count"), ("tenure_3_5", "count"),
    ("tenure_over_5", "count"),
    *((f"age_{code}", "count") for code in AGE_GROUP_CODES), ("age_unknown", "count"),
    ("new_members", "count"), ("experienced_members", "count"), ("share_new", "share"),
    ("left_new", "count"), ("left_experienced", "count"),
    ("payment_rate", "share"), ("payment_rate_new", "share"),
    ("payment_rate_experienced", "share"),
    ("activities_held", "count"), ("attended", "count"), ("attended_share", "share"),
    ("attended_share_new", "share"), ("attended_share_experienced", "share"),
    ("calls_made", "count"), ("calls_reached", "count"), ("share_reached", "share"),
    ("calls_led_to_payment", "count"), ("calls_led_to_signup", "count"),
    ("satisfaction", "mean"), ("satisfaction_answers", "count"),
    ("interest_signups", "count"),
)
KINDS: dict[str, str] = dict(FIGURES)

#: Counts that add up to another count: hiding one small part alone would let a reader
#: subtract it back from the total, so a second part is hidden with it.
PART_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("left", ("left_resigned", "left_struck_off", "left_deceased", "left_other")),
    ("left", ("tenure_under_1", "tenure_1_3", "tenure_3_5", "tenure_over_5")),
    ("left", ("left_new", "left_experienced")),
    ("joined", ("recruited", "joined_own")),
    ("member_count", ("new_members", "experienced_members")),
)


@dataclass(frozen=True, slots=True)
class FigureSet:
    """The figures for one period. ``values`` holds numbers (None when there is nothing to
    divide by); ``bases`` the count each share or mean was taken over.

    ``hide_small`` marks a set meant for people outside the board: ``shown`` then hides
    counts of 1-4 people and shares or means over fewer than five.
    """

    period: Period
    start: date
    end: date
    values: Mapping[str, int | float | None]
    bases: Mapping[str, int]
    hide_small: bool = False
    #: members on ``end`` by (age group, gender code or ''), for the age pyramid
    ages: Mapping[tuple[str, str], int] = field(default_factory=dict)

    def __getitem__(self, key: str) -> int | float | None:
        return self.values[key]

    def hidden(self, key: str) -> bool:
        if not self.hide_small:
            return False
        kind = KINDS.get(key, "count")
        if kind == "change":
            return False
        if kind == "count":
            return self._small(key) or key in self._complementary()
        return 0 < self.bases.get(key, 0) < SMALL_GROUP

    def _small(self, key: str) -> bool:
        value = self.values.get(key)
        return isinstance(value, int) and 0 < value < SMALL_GROUP

    def _complementary(self) -> set[str]:
        """Parts hidden only so that a hidden part cannot be worked out by subtraction."""
        extra: set[str] = set()
        for total, parts in PART_GROUPS:
            if self._small(total):
                continue  # the total itself is hidden
            small = [p for p in parts if self._small(p)]
            if len(small) != 1:
                continue  # none hidden, or two already hide each other
            others = [p for p in parts if p not in small
                      and isinstance(self.values.get(p), int) and self.values[p] > 0]
            if others:
                extra.add(min(others, key=lambda p: (self.values[p], parts.index(p))))
        return extra

    def shown(self, key: str) -> int | float | None:
        """The value, or None when it must not be shown (see ``hidden``)."""
        return None if self.hidden(key) else self.values.get(key)

    def for_outside(self) -> FigureSet:
        """The same figures, flagged for material that leaves the board."""
        return replace(self, hide_small=True)

    def as_json(self) -> dict[str, object]:
        """Flat keys for ``indicators --json``; hidden figures are null."""
        out: dict[str, object] = {"period": self.period.value,
                                  "start": self.start.isoformat(), "end": self.end.isoformat()}
        for key, _kind in FIGURES:
            value = self.shown(key)
            out[key] = round(value, 4) if isinstance(value, float) else value
        return out


def share(part: int, base: int) -> float | None:
    return part / base if base > 0 else None


def compute(period: Period, end: date, flows: Flows, stock: StockCounts,
            activity: ActivityCounts | None = None, contacts: ContactCounts | None = None,
            dues: DuesCounts | None = None, interest_signups: int = 0, *,
            start: date | None = None) -> FigureSet:
    """All figures for the period of kind ``period`` ending on ``end`` (or, for a year so
    far, from an explicit ``start``)."""
    activity = activity or ActivityCounts()
    contacts = contacts or ContactCounts()
    dues_known = dues is not None
    dues = dues or DuesCounts()
    start = start or period_start(end, period)
    v: dict[str, int | float | None] = {}
    b: dict[str, int] = {}

    def put_share(key: str, part: int, base: int) -> None:
        v[key] = share(part, base)
        b[key] = base

    at_start, at_end = flows.members_on(start), flows.members_on(end)
    v["member_count"], v["members_at_start"] = at_end, at_start
    joins = flows.join_rows(start, end)
    exits = flows.exit_rows(start, end)
    joined = sum(r.count for r in joins)
    left = sum(r.count for r in exits)
    v["joined"], v["left"], v["net_change"] = joined, left, at_end - at_start
    for reason in EXIT_REASONS:
        v[f"left_{reason}"] = 0
    for bucket in TENURE_BUCKETS:
        v[f"tenure_{bucket}"] = 0
    for r in exits:
        v[f"left_{exit_group(r.reason)}"] += r.count  # type: ignore[operator]
        v[f"tenure_{r.tenure}"] += r.count  # type: ignore[operator]
    young = stock.joined_young
    v["new_under_45"] = young
    put_share("share_new_under_45", young, joined)
    v["under_45"] = stock.under_45
    put_share("share_under_45", stock.under_45, at_end)
    recruited = sum(r.recruited for r in joins)
    own = sum(r.own for r in joins)
    v["recruited"], v["joined_own"] = recruited, own
    put_share("share_recruited", recruited, recruited + own)
    put_share("retention", stock.kept, at_start)
    put_share("first_year_retention", stock.first_year_kept, stock.first_year_cohort)
    v["bounced"] = dues.bounced if dues_known else None
    by_group: dict[str, int] = {code: 0 for code in AGE_GROUP_CODES}
    for (group, _gender), n in stock.ages.items():
        by_group[group] = by_group.get(group, 0) + n
    for code in AGE_GROUP_CODES:
        v[f"age_{code}"] = by_group[code]
    v["age_unknown"] = stock.age_unknown
    new, experienced = stock.new_members, at_end - stock.new_members
    v["new_members"], v["experienced_members"] = new, experienced
    put_share("share_new", new, at_end)
    left_new = v["tenure_under_1"]
    v["left_new"], v["left_experienced"] = left_new, left - int(left_new or 0)
    put_share("payment_rate", dues.paid, dues.base)
    put_share("payment_rate_new", dues.paid_new, dues.base_new)
    put_share("payment_rate_experienced", dues.paid - dues.paid_new, dues.base - dues.base_new)
    v["activities_held"], v["attended"] = activity.held, activity.attended
    put_share("attended_share", activity.attended, at_end)
    put_share("attended_share_new", activity.attended_new, new)
    put_share("attended_share_experienced", activity.attended - activity.attended_new,
              experienced)
    v["calls_made"], v["calls_reached"] = contacts.calls, contacts.reached
    put_share("share_reached", contacts.reached, contacts.calls)
    v["calls_led_to_payment"] = contacts.led_to_payment
    v["calls_led_to_signup"] = contacts.led_to_signup
    v["satisfaction"] = (contacts.satisfaction_sum / contacts.satisfaction_answers
                         if contacts.satisfaction_answers else None)
    b["satisfaction"] = contacts.satisfaction_answers
    v["satisfaction_answers"] = contacts.satisfaction_answers
    v["interest_signups"] = interest_signups
    return FigureSet(period, start, end, v, b, ages=dict(stock.ages))


def change(now: FigureSet, before: FigureSet, key: str) -> int | float | None:
    """How much a figure moved since the previous period (None when either is missing)."""
    a, b = now.shown(key), before.shown(key)
    if a is None or b is None:
        return None
    return a - b


# -- series for the charts ------------------------------------------------------------------

def month_ends(end: date, months: int) -> list[date]:
    """The last day of each of the ``months`` months up to ``end``'s month; ``end`` itself
    stands for its own (unfinished) month."""
    out = [end]
    first = date(end.year, end.month, 1)
    for k in range(1, months):
        out.append(date.fromordinal(add_months(first, -(k - 1)).toordinal() - 1))
    return out[::-1]


def member_counts(flows: Flows, days: Sequence[date]) -> list[int]:
    return [flows.members_on(d) for d in days]


@dataclass(frozen=True, slots=True)
class PeriodFlow:
    start: date
    end: date
    joined: int
    left: int


def flows_by_period(flows: Flows, end: date, period: Period, count: int) -> list[PeriodFlow]:
    """Joins and exits in the ``count`` periods up to ``end``, oldest first."""
    out = []
    stop = end
    for _ in range(count):
        start = period_start(stop, period)
        out.append(PeriodFlow(start, stop, flows.joined_between(start, stop),
                              flows.left_between(start, stop)))
        stop = start
    return out[::-1]


@dataclass(frozen=True, slots=True)
class Cohort:
    """Members who joined in one year: how many, and of them how many were still members a
    year after joining (``None`` while that year has not passed) and on the day asked."""

    year: int
    joined: int
    kept_first_year: int | None
    still_members: int

    @property
    def first_year_retention(self) -> float | None:
        return None if self.kept_first_year is None else share(self.kept_first_year,
                                                               self.joined)
