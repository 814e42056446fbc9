"""The aggregates the indicators are computed from, and the board's goals, in and out of SQL.

Every query is a GROUP BY or a single pass of sums over an index (``members_flow`` in
0010_goals holds every column read here), so 100,000 members with fifteen years of history
take tens of milliseconds. Dates are ISO strings and compare as such; ages are found by
comparing birth dates with limit dates computed in Python, never by date arithmetic per row.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlite_utils import Database

from medlemsvard_app.domain.indicators import (
    ActivityCounts,
    Cohort,
    ContactCounts,
    ExitRow,
    Flows,
    JoinDay,
    StockCounts,
    age_group_limits,
    tenure_bucket,
    years_before,
)
from medlemsvard_app.domain.projection import Goal, GoalMetric
from medlemsvard_app.storage.database import translate_error
from medlemsvard_app.storage.driver import sqlite3

_D = date.fromisoformat

#: Whole years between join and exit, by string parts (no date functions per row).
_TENURE_YEARS = ("(CAST(substr(left_on, 1, 4) AS INTEGER) - CAST(substr(joined_on, 1, 4) AS "
                 "INTEGER) - (substr(left_on, 6) < substr(joined_on, 6)))")
#: The day a year after joining, as a string ('2025-02-29' compares correctly as text).
_YEAR_AFTER_JOIN = "(substr(joined_on, 1, 4) + 1) || substr(joined_on, 5)"
#: The day ``years`` years before joining (years 1000-9999 stay four digits).
_YEARS_BEFORE_JOIN = "(substr(joined_on, 1, 4) - {years}) || substr(joined_on, 5)"
#: Members and former members; prospects are never counted as members.
_MEMBERS = "status IN ('member', 'former')"


def _current(day_param: str) -> str:
    return (f"({_MEMBERS} AND (joined_on IS NULL OR joined_on <= :{day_param}) "
            f"AND (left_on IS NULL OR left_on > :{day_param}))")


class IndicatorRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def _rows(self, sql: str, params: dict[str, Any] | Sequence[Any] = ()) -> list[Any]:
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc

    def _has_table(self, name: str) -> bool:
        return bool(self._rows("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                               [name]))

    # -- members ---------------------------------------------------------------------------

    def flows(self) -> Flows:
        """Every join by day (with how many were recruited or came on their own), every
        exit by day, reason and tenure, and the count of members with no join date."""
        by_day: dict[str, list[int]] = {}
        # Grouped by status too, so the index's order serves the grouping (no sorting).
        for _status, day, n, recruited, own in self._rows(
                "SELECT status, joined_on, COUNT(*), SUM(join_method IS 'recruited'), "
                " SUM(join_method IS 'own') FROM members "
                "WHERE status BETWEEN 'former' AND 'member' AND joined_on IS NOT NULL "
                "GROUP BY status, joined_on"):
            row = by_day.get(day)
            if row is None:
                by_day[day] = [n, recruited, own]
            else:
                row[0] += n
                row[1] += recruited
                row[2] += own
        joins = [JoinDay(_D(day), n, recruited, own)
                 for day, (n, recruited, own) in by_day.items()]
        exits = [ExitRow(_D(day), reason or "other",
                         tenure_bucket(years if years is not None else 99), n)
                 for day, reason, years, n in self._rows(
                     f"SELECT left_on, leave_reason, {_TENURE_YEARS} AS years, COUNT(*) "
                     f"FROM members WHERE {_MEMBERS} AND left_on IS NOT NULL "
                     "GROUP BY left_on, leave_reason, years")]
        undated = self._rows(f"SELECT COUNT(*) FROM members WHERE {_MEMBERS} "
                             "AND joined_on IS NULL")[0][0]
        return Flows(joins, exits, undated)

    def stock(self, start: date, end: date) -> StockCounts:
        """The counts for the period ``(start, end]`` that need more than dates: ages on
        ``end``, who stayed, the first-year cohort, the young among the new."""
        limits = age_group_limits(end)
        params: dict[str, Any] = {"start": start.isoformat(), "end": end.isoformat(),
                                  "young": years_before(end, 45).isoformat(),
                                  "new_since": years_before(end, 1).isoformat(),
                                  "cohort_from": years_before(end, 2).isoformat()}
        params.update({f"lim{i}": limit.isoformat() for i, (_c, limit) in enumerate(limits)})
        sums = ", ".join(f"SUM(birth_date > :lim{i})" for i in range(len(limits)))
        ages: dict[tuple[str, str], int] = {}
        unknown = young = new = 0
        codes = [code for code, _limit in limits]
        # Gender is opt-in: without any recorded, one pass without grouping (no sorting).
        gendered = self._rows("SELECT EXISTS (SELECT 1 FROM members "
                              "WHERE gender IS NOT NULL)")[0][0]
        by_gender = ("COALESCE(gender, '')", " GROUP BY gender") if gendered else ("''", "")
        for gender, n, dated, under, recent, *younger in self._rows(
                f"SELECT {by_gender[0]}, COUNT(*), COUNT(birth_date), "
                f" SUM(birth_date > :young), SUM(joined_on > :new_since), {sums} "
                f"FROM members WHERE {_current('end')}{by_gender[1]}", params):
            if not n:
                continue
            # younger[i]: born after limit i = at most group i's highest age
            below = 0
            for code, at_most in zip(codes, younger, strict=True):
                ages[(code, gender)] = ages.get((code, gender), 0) + (at_most or 0) - below
                below = at_most or 0
            ages[("66_plus", gender)] = ages.get(("66_plus", gender), 0) + dated - below
            unknown += n - dated
            young += under or 0
            new += recent or 0
        kept = self._rows(
            f"SELECT COUNT(*) FROM members WHERE {_MEMBERS} AND (joined_on IS NULL OR "
            "joined_on <= :start) AND (left_on IS NULL OR left_on > :end)", params)[0][0]
        cohort, cohort_kept = self._rows(
            f"SELECT COUNT(*), SUM(left_on IS NULL OR left_on > {_YEAR_AFTER_JOIN}) "
            f"FROM members WHERE {_MEMBERS} AND joined_on > :cohort_from "
            "AND joined_on <= :new_since", params)[0]
        joined_young = self._rows(
            f"SELECT SUM(birth_date > {_YEARS_BEFORE_JOIN.format(years=45)}) FROM members "
            f"WHERE {_MEMBERS} AND joined_on > :start AND joined_on <= :end", params)[0][0]
        return StockCounts(kept=kept, ages={k: n for k, n in ages.items() if n},
                           age_unknown=unknown, under_45=young,
                           joined_young=joined_young or 0, new_members=new,
                           first_year_cohort=cohort, first_year_kept=cohort_kept or 0)

    def new_member_ids(self, end: date) -> set[int]:
        """Current members on ``end`` who joined less than a year before it."""
        return {r[0] for r in self._rows(
            f"SELECT id FROM members WHERE {_current('end')} AND joined_on > :since",
            {"end": end.isoformat(), "since": years_before(end, 1).isoformat()})}

    def cohorts(self, day: date, first_year: int) -> list[Cohort]:
        """Members by year of joining since ``first_year``: how many, kept a year, still in."""
        out = []
        done_by = years_before(day, 1).isoformat()
        for year, joined, kept, still, complete in self._rows(
                "SELECT CAST(substr(joined_on, 1, 4) AS INTEGER) AS y, COUNT(*), "
                f" SUM(left_on IS NULL OR left_on > {_YEAR_AFTER_JOIN}), "
                " SUM(left_on IS NULL OR left_on > :day), SUM(joined_on <= :done_by) "
                f"FROM members WHERE {_MEMBERS} AND joined_on IS NOT NULL "
                " AND joined_on >= :from AND joined_on <= :day GROUP BY y ORDER BY y",
                {"day": day.isoformat(), "done_by": done_by, "from": f"{first_year:04d}-01-01"}):
            # A cohort's first year counts once every member of it has had a whole year.
            out.append(Cohort(year, joined, kept if complete == joined else None, still))
        return out

    # -- activities, calls, prospects -------------------------------------------------------

    def activities(self, start: date, end: date) -> ActivityCounts:
        if not self._has_table("activities"):
            return ActivityCounts()
        params = {"start": start.isoformat(), "end": end.isoformat(),
                  "year_start": f"{end.year:04d}-01-01",
                  "new_since": years_before(end, 1).isoformat()}
        held = self._rows("SELECT COUNT(*) FROM activities WHERE cancelled = 0 "
                          "AND on_date > :start AND on_date <= :end", params)[0][0]
        attended, attended_new = self._rows(
            "SELECT COUNT(*), SUM(joined_on > :new_since) FROM members "
            f"WHERE {_current('end')} AND id IN (SELECT p.member_id FROM activity_people p "
            " JOIN activities a ON a.id = p.activity_id WHERE p.attended = 1 "
            " AND a.cancelled = 0 AND a.on_date >= :year_start AND a.on_date <= :end)",
            params)[0]
        return ActivityCounts(held, attended or 0, attended_new or 0)

    def contacts(self, start: date, end: date) -> ContactCounts:
        if not self._has_table("contacts"):
            return ContactCounts()
        params = {"start": start.isoformat(), "end": end.isoformat()}
        row = self._rows(
            "SELECT SUM(channel = 'phone'), SUM(channel = 'phone' AND outcome = 'reached'), "
            " SUM(outcome = 'reached' AND EXISTS (SELECT 1 FROM payments y "
            "   WHERE y.member_id = c.member_id AND y.paid_on >= c.on_date "
            "   AND y.paid_on <= date(c.on_date, '+30 days') "
            # a direct-debit withdrawal comes anyway: not something the call led to
            "   AND y.method != 'direct_debit')), "
            " COUNT(satisfaction), SUM(satisfaction), "
            " SUM(mood = 'positive'), SUM(mood = 'negative') "
            "FROM contacts c WHERE on_date > :start AND on_date <= :end", params)[0]
        calls, reached, paid, answers, total, positive, negative = (v or 0 for v in row)
        signed = 0
        if self._has_table("activity_people"):
            # From the sign-ups' side: one pass over them, each call found by its key.
            signed = self._rows(
                "SELECT COUNT(DISTINCT p.contact_id) FROM activity_people p "
                "JOIN contacts c ON c.id = p.contact_id "
                "WHERE p.contact_id IS NOT NULL AND c.on_date > :start AND c.on_date <= :end",
                params)[0][0]
        return ContactCounts(calls, reached, paid, signed, answers, total, positive, negative)

    def interest_signups(self, start: date, end: date) -> int:
        """Interest sign-ups in the period: people who consented to be contacted as
        prospects then (the privacy issue's consents), and prospects without such a
        consent entered in the period."""
        params = {"start": start.isoformat(), "end": end.isoformat()}
        entered = ("SELECT id FROM members WHERE status = 'prospect' "
                   "AND substr(created_at, 1, 10) > :start AND substr(created_at, 1, 10) <= :end")
        if not self._has_table("consents"):
            return self._rows(f"SELECT COUNT(*) FROM ({entered})", params)[0][0]
        return self._rows(
            "SELECT COUNT(*) FROM (SELECT member_id FROM consents "
            " WHERE purpose = 'prospect_contact' AND given_on > :start AND given_on <= :end "
            f" UNION {entered} AND id NOT IN (SELECT member_id FROM consents "
            "  WHERE purpose = 'prospect_contact'))", params)[0][0]

    # -- goals -----------------------------------------------------------------------------

    def goals(self) -> list[Goal]:
        return [Goal(GoalMetric(m), t, _D(d), note, i) for i, m, t, d, note in self._rows(
            "SELECT id, metric, target, by_date, note FROM goals ORDER BY by_date, id")]

    def save_goal(self, goal: Goal) -> Goal:
        params = {"metric": goal.metric.value, "target": float(goal.target),
                  "by_date": goal.by_date.isoformat(), "note": goal.note, "id": goal.id}
        try:
            with self.db.atomic():
                if goal.id is None:
                    cur = self.db.execute(
                        "INSERT INTO goals (metric, target, by_date, note) "
                        "VALUES (:metric, :target, :by_date, :note)", params)
                    return Goal(goal.metric, goal.target, goal.by_date, goal.note,
                                cur.lastrowid)
                self.db.execute(
                    "UPDATE goals SET metric = :metric, target = :target, by_date = :by_date, "
                    "note = :note, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                    "WHERE id = :id", params)
                return goal
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc

    def delete_goal(self, goal_id: int) -> None:
        try:
            with self.db.atomic():
                self.db.execute("DELETE FROM goals WHERE id = ?", [goal_id])
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc
