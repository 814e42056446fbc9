"""The board's tools in and out of SQL: SWOT analyses, compass assessments, action plans,
and the figures from the register that sub-goals and compass hints are measured by.

Each document is saved whole (its rows replaced in one transaction): a board edits one
analysis or plan at a time, and a plan has tens of rows, not thousands.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from sqlite_utils import Database

from medlemsvard_app.domain.action_plan import (
    ActionPlan,
    ActivityStatus,
    Channel,
    FollowUp,
    Metric,
    PlannedActivity,
    SubGoal,
)
from medlemsvard_app.domain.compass import Answer, Assessment, ItemAnswer
from medlemsvard_app.domain.swot import Quadrant, SwotAnalysis, SwotCard
from medlemsvard_app.storage.database import translate_error
from medlemsvard_app.storage.driver import sqlite3

_D = date.fromisoformat
_NOW = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"


def _opt(value: str | None) -> date | None:
    return None if value is None else _D(value)


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


class BoardRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def _write(self, fn: Callable[[], int]) -> int:
        try:
            with self.db.atomic():
                return fn()
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc

    # -- SWOT ------------------------------------------------------------------------------
    def swot_list(self) -> list[tuple[int, date, str]]:
        """(id, day, title) of every analysis, newest first."""
        rows = self.db.execute("SELECT id, held_on, title FROM swot_analyses "
                               "ORDER BY held_on DESC, id DESC").fetchall()
        return [(r[0], _D(r[1]), r[2]) for r in rows]

    def swot(self, analysis_id: int) -> SwotAnalysis | None:
        row = self.db.execute("SELECT held_on, title, note FROM swot_analyses WHERE id = ?",
                              [analysis_id]).fetchone()
        if row is None:
            return None
        order = {q: i for i, q in enumerate(Quadrant)}
        cards = [SwotCard(text, Quadrant(quadrant), cid) for cid, quadrant, text in
                 self.db.execute("SELECT id, quadrant, text FROM swot_cards WHERE analysis_id = ?"
                                 " ORDER BY position, id", [analysis_id])]
        cards.sort(key=lambda c: order[c.quadrant])  # stable: keeps the positions
        return SwotAnalysis(_D(row[0]), row[1], row[2], cards, analysis_id)

    def save_swot(self, analysis: SwotAnalysis) -> int:
        def write() -> int:
            values = [analysis.held_on.isoformat(), analysis.title.strip(), analysis.note]
            if analysis.id is None:
                cur = self.db.execute("INSERT INTO swot_analyses (held_on, title, note) "
                                      "VALUES (?, ?, ?)", values)
                analysis.id = int(cur.lastrowid)
            else:
                self.db.execute(f"UPDATE swot_analyses SET held_on = ?, title = ?, note = ?, "
                                f"updated_at = {_NOW} WHERE id = ?", [*values, analysis.id])
            self.db.execute("DELETE FROM swot_cards WHERE analysis_id = ?", [analysis.id])
            positions: dict[Quadrant, int] = {}
            for card in analysis.cards:
                pos = positions.get(card.quadrant, 0)
                positions[card.quadrant] = pos + 1
                cur = self.db.execute(
                    "INSERT INTO swot_cards (analysis_id, quadrant, position, text) "
                    "VALUES (?, ?, ?, ?)", [analysis.id, card.quadrant.value, pos, card.text])
                card.id = int(cur.lastrowid)
            return analysis.id
        return self._write(write)

    def delete_swot(self, analysis_id: int) -> None:
        self._write(lambda: self.db.execute("DELETE FROM swot_analyses WHERE id = ?",
                                            [analysis_id]).rowcount)

    # -- compass ---------------------------------------------------------------------------
    def assessments(self) -> list[Assessment]:
        """Every assessment with its answers, oldest first."""
        answers: dict[int, dict[str, ItemAnswer]] = {}
        for aid, item, answer, note in self.db.execute(
                "SELECT assessment_id, item, answer, note FROM compass_answers"):
            answers.setdefault(aid, {})[item] = ItemAnswer(Answer(answer) if answer else None,
                                                           note)
        return [Assessment(_D(day), answers.get(aid, {}), note, aid) for aid, day, note in
                self.db.execute("SELECT id, assessed_on, note FROM compass_assessments "
                                "ORDER BY assessed_on, id")]

    def save_assessment(self, assessment: Assessment) -> int:
        def write() -> int:
            values = [assessment.assessed_on.isoformat(), assessment.note]
            if assessment.id is None:
                cur = self.db.execute("INSERT INTO compass_assessments (assessed_on, note) "
                                      "VALUES (?, ?)", values)
                assessment.id = int(cur.lastrowid)
            else:
                self.db.execute(f"UPDATE compass_assessments SET assessed_on = ?, note = ?, "
                                f"updated_at = {_NOW} WHERE id = ?", [*values, assessment.id])
            self.db.execute("DELETE FROM compass_answers WHERE assessment_id = ?",
                            [assessment.id])
            self.db.conn.executemany(
                "INSERT INTO compass_answers (assessment_id, item, answer, note) "
                "VALUES (?, ?, ?, ?)",
                [(assessment.id, code, a.answer.value if a.answer else None, a.note)
                 for code, a in assessment.answers.items()])
            return assessment.id
        return self._write(write)

    def delete_assessment(self, assessment_id: int) -> None:
        self._write(lambda: self.db.execute("DELETE FROM compass_assessments WHERE id = ?",
                                            [assessment_id]).rowcount)

    # -- action plans ----------------------------------------------------------------------
    def plan_list(self) -> list[tuple[int, str, date, date]]:
        rows = self.db.execute("SELECT id, title, starts_on, ends_on FROM action_plans "
                               "ORDER BY starts_on DESC, id DESC").fetchall()
        return [(r[0], r[1], _D(r[2]), _D(r[3])) for r in rows]

    def plan(self, plan_id: int) -> ActionPlan | None:
        row = self.db.execute(
            "SELECT title, starts_on, ends_on, overall_goal, problems, responsible, resources, "
            "evaluation FROM action_plans WHERE id = ?", [plan_id]).fetchone()
        if row is None:
            return None
        plan = ActionPlan(row[0], _D(row[1]), _D(row[2]), row[3], row[4], row[5], row[6],
                          row[7], id=plan_id)
        plan.goals = [SubGoal(text, Metric(metric) if metric else None, target, _opt(due), gid)
                      for gid, text, metric, target, due in self.db.execute(
                          "SELECT id, text, metric, target, due_on FROM plan_goals "
                          "WHERE plan_id = ? ORDER BY position", [plan_id])]
        plan.activities = [
            PlannedActivity(r[1], r[2], _opt(r[3]), r[4], r[5], r[6], ActivityStatus(r[7]),
                            r[8], r[9], r[0])
            for r in self.db.execute(
                "SELECT id, title, responsible, on_date, people, budget_ore, hours, status, "
                "activity_id, note FROM plan_activities WHERE plan_id = ? ORDER BY position",
                [plan_id])]
        for kind, name, note, extra in self.db.execute(
                "SELECT kind, name, note, extra FROM plan_lines WHERE plan_id = ? "
                "ORDER BY kind, position", [plan_id]):
            if kind == "channel":
                plan.channels.append(Channel(name, note))
            elif kind == "partner":
                plan.partners.append(Channel(name, note))
            else:
                plan.follow_ups.append(FollowUp(name, note, extra))
        return plan

    def save_plan(self, plan: ActionPlan) -> int:
        def write() -> int:
            values = [plan.title.strip(), plan.starts_on.isoformat(), plan.ends_on.isoformat(),
                      plan.overall_goal, plan.problems, plan.responsible, plan.resources,
                      plan.evaluation]
            if plan.id is None:
                cur = self.db.execute(
                    "INSERT INTO action_plans (title, starts_on, ends_on, overall_goal, "
                    "problems, responsible, resources, evaluation) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    values)
                plan.id = int(cur.lastrowid)
            else:
                self.db.execute(
                    "UPDATE action_plans SET title = ?, starts_on = ?, ends_on = ?, "
                    "overall_goal = ?, problems = ?, responsible = ?, resources = ?, "
                    f"evaluation = ?, updated_at = {_NOW} WHERE id = ?", [*values, plan.id])
            for table in ("plan_goals", "plan_activities", "plan_lines"):
                self.db.execute(f"DELETE FROM {table} WHERE plan_id = ?", [plan.id])
            for pos, goal in enumerate(plan.goals):
                cur = self.db.execute(
                    "INSERT INTO plan_goals (plan_id, position, text, metric, target, due_on) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    [plan.id, pos, goal.text, goal.metric.value if goal.metric else None,
                     goal.target, _iso(goal.due_on)])
                goal.id = int(cur.lastrowid)
            for pos, act in enumerate(plan.activities):
                cur = self.db.execute(
                    "INSERT INTO plan_activities (plan_id, position, title, responsible, "
                    "on_date, people, budget_ore, hours, status, activity_id, note) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [plan.id, pos, act.title, act.responsible, _iso(act.on_date), act.people,
                     act.budget_ore, act.hours, act.status.value, act.activity_id, act.note])
                act.id = int(cur.lastrowid)
            lines: list[tuple[Any, ...]] = []
            for kind, items in (("channel", plan.channels), ("partner", plan.partners)):
                lines += [(plan.id, kind, pos, c.name, c.note, "") for pos, c in enumerate(items)]
            lines += [(plan.id, "follow_up", pos, f.who, f.when, f.how)
                      for pos, f in enumerate(plan.follow_ups)]
            self.db.conn.executemany(
                "INSERT INTO plan_lines (plan_id, kind, position, name, note, extra) "
                "VALUES (?, ?, ?, ?, ?, ?)", lines)
            return plan.id
        return self._write(write)

    def delete_plan(self, plan_id: int) -> None:
        self._write(lambda: self.db.execute("DELETE FROM action_plans WHERE id = ?",
                                            [plan_id]).rowcount)

    def held_activities(self, since: date, until: date,
                        kinds: Sequence[str] | None = None) -> list[tuple[int, date, str]]:
        """Activities in the activities list a planned one may point at (of some kinds)."""
        sql = ("SELECT id, on_date, title FROM activities WHERE on_date BETWEEN ? AND ? "
               "AND cancelled = 0")
        params: list[Any] = [since.isoformat(), until.isoformat()]
        if kinds is not None:
            sql += " AND kind IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(list(kinds)))
        return [(r[0], _D(r[1]), r[2]) for r in self.db.execute(sql + " ORDER BY on_date, id",
                                                                params)]


# -- what the register says: one small function per sub-goal metric ----------------------
# Each takes the window (first day, last day) a goal counts; a figure "on a day" uses the
# last. Kept apart so they can later be pointed at the indicators' shared figures.

_CURRENT_ON = ("status != 'prospect' AND (joined_on IS NULL OR joined_on <= :day) "
               "AND (left_on IS NULL OR left_on > :day)")


def count_members(db: Database, first: date, day: date) -> int:
    """Current members on ``day`` (DESIGN §2: joined by then and not yet left)."""
    return db.execute(f"SELECT count(*) FROM members WHERE {_CURRENT_ON}",
                      {"day": day.isoformat()}).fetchone()[0]


def count_new_members(db: Database, first: date, day: date) -> int:
    """Members who joined between ``first`` and ``day``, whether or not they stayed."""
    return db.execute("SELECT count(*) FROM members WHERE status != 'prospect' AND "
                      "joined_on BETWEEN ? AND ?",
                      [first.isoformat(), day.isoformat()]).fetchone()[0]


def share_under_45(db: Database, first: date, day: date) -> tuple[int, int]:
    """(members under 45, current members with a known birth date) on ``day``."""
    cutoff = _years_before(day, 45).isoformat()
    row = db.execute(f"SELECT count(*), sum(birth_date > :cutoff) FROM members WHERE "
                     f"{_CURRENT_ON} AND birth_date IS NOT NULL",
                     {"day": day.isoformat(), "cutoff": cutoff}).fetchone()
    return int(row[1] or 0), int(row[0] or 0)


def count_activities_held(db: Database, first: date, day: date) -> int:
    """Activities not cancelled, dated between ``first`` and ``day``."""
    return db.execute("SELECT count(*) FROM activities WHERE cancelled = 0 AND "
                      "on_date BETWEEN ? AND ?",
                      [first.isoformat(), day.isoformat()]).fetchone()[0]


def count_members_attended(db: Database, first: date, day: date) -> int:
    """Distinct members who came to at least one activity between ``first`` and ``day``."""
    return db.execute("SELECT count(DISTINCT p.member_id) FROM activity_people p "
                      "JOIN activities a ON a.id = p.activity_id WHERE p.attended = 1 AND "
                      "a.cancelled = 0 AND a.on_date BETWEEN ? AND ?",
                      [first.isoformat(), day.isoformat()]).fetchone()[0]


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


# -- what the register says about compass items ------------------------------------------

def _new_member_ids(db: Database, day: date, days: int) -> list[int]:
    since = (day - timedelta(days=days)).isoformat()
    return [r[0] for r in db.execute(
        f"SELECT id FROM members WHERE {_CURRENT_ON} AND joined_on > :since",
        {"day": day.isoformat(), "since": since})]


def new_members_contacted(db: Database, day: date, days: int = 90) -> tuple[int, int]:
    """(new members reached by phone since joining, new members) for the last ``days``."""
    ids = _new_member_ids(db, day, days)
    if not ids:
        return 0, 0
    reached = db.execute(
        "SELECT count(DISTINCT c.member_id) FROM contacts c JOIN members m ON m.id = c.member_id"
        " WHERE c.member_id IN (SELECT value FROM json_each(?)) AND c.outcome = 'reached' AND "
        "c.on_date >= m.joined_on AND c.on_date <= ?", [_json(ids), day.isoformat()]).fetchone()[0]
    return reached, len(ids)


def new_members_with_tags(db: Database, day: date, kind: str, contact_column: str,
                          days: int = 90) -> tuple[int, int]:
    """(new members whose interests or skills are noted on the card or from a call, new
    members); ``kind`` 'interest' or 'skill', ``contact_column`` 'wants' or 'good_at'."""
    if contact_column not in ("wants", "good_at"):
        raise ValueError(contact_column)
    ids = _new_member_ids(db, day, days)
    if not ids:
        return 0, 0
    count = db.execute(
        "SELECT count(*) FROM (SELECT member_id FROM member_tags WHERE kind = ? AND member_id IN"
        " (SELECT value FROM json_each(?)) UNION SELECT member_id FROM contacts WHERE "
        f"{contact_column} != '' AND member_id IN (SELECT value FROM json_each(?)))",
        [kind, _json(ids), _json(ids)]).fetchone()[0]
    return count, len(ids)


def new_member_ids(db: Database, day: date, days: int = 90) -> list[int]:
    return _new_member_ids(db, day, days)


def members_with_skills(db: Database, day: date) -> tuple[int, int]:
    row = db.execute(
        f"SELECT count(*), sum(EXISTS (SELECT 1 FROM member_tags t WHERE t.member_id = m.id "
        f"AND t.kind = 'skill')) FROM members m WHERE {_CURRENT_ON}",
        {"day": day.isoformat()}).fetchone()
    return int(row[1] or 0), int(row[0] or 0)


def activities_evaluated(db: Database, day: date, days: int = 365) -> tuple[int, int]:
    """(held activities with an evaluation, held activities) in the last ``days``."""
    row = db.execute(
        "SELECT count(*), count(e.activity_id) FROM activities a LEFT JOIN activity_evaluations e"
        " ON e.activity_id = a.id WHERE a.cancelled = 0 AND a.on_date BETWEEN ? AND ?",
        [(day - timedelta(days=days)).isoformat(), day.isoformat()]).fetchone()
    return int(row[1] or 0), int(row[0] or 0)


def activities_led_by_members(db: Database, day: date, days: int = 365) -> tuple[int, int]:
    """(activities with a member as responsible, activities) in the last ``days``."""
    row = db.execute(
        "SELECT count(*), count(responsible_member_id) FROM activities WHERE cancelled = 0 AND "
        "on_date BETWEEN ? AND ?",
        [(day - timedelta(days=days)).isoformat(), day.isoformat()]).fetchone()
    return int(row[1] or 0), int(row[0] or 0)


def satisfaction_recorded(db: Database, day: date, days: int = 365) -> int:
    """Members whose satisfaction was asked in the last ``days``."""
    return db.execute(
        "SELECT count(DISTINCT member_id) FROM contacts WHERE satisfaction IS NOT NULL AND "
        "on_date BETWEEN ? AND ?",
        [(day - timedelta(days=days)).isoformat(), day.isoformat()]).fetchone()[0]


def membership_officers(db: Database) -> list[str]:
    return [r[0] for r in db.execute(
        "SELECT person_name FROM board_posts WHERE role = 'membership_officer' "
        "ORDER BY position, id")]


def _json(ids: Sequence[int]) -> str:
    return "[" + ",".join(str(int(i)) for i in ids) + "]"
