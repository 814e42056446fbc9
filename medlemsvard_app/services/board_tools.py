"""The board's tools as use cases: SWOT analyses, compass assessments, action plans, and
what the register says about them (sub-goal progress, compass hints).

The Planning page and the ``print``/``compass`` commands both go through here. Every
figure takes the day it is asked about.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from medlemsvard_app.domain.action_plan import (
    ActionPlan,
    ActivityStatus,
    Channel,
    FollowUp,
    GoalProgress,
    Metric,
    PlannedActivity,
    SubGoal,
    counted_window,
    measure,
    validate,
)
from medlemsvard_app.domain.compass import (
    ITEMS,
    Assessment,
    Hint,
    HintFigure,
    Progress,
    latest_two,
    progress,
)
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.swot import SwotAnalysis, SwotCard
from medlemsvard_app.i18n import N_
from medlemsvard_app.i18n.messages import register_messages
from medlemsvard_app.storage import board_tools as figures
from medlemsvard_app.storage.board_tools import BoardRepository
from medlemsvard_app.storage.mailings import MailingRepository

if TYPE_CHECKING:
    from medlemsvard_app.services.session import Session

register_messages({
    "swot_card_empty": N_("A card needs some text."),
    "swot_card_too_long": N_("A card holds at most {limit} characters; split it in two."),
    "plan_title_missing": N_("Give the plan a title."),
    "plan_period_backwards": N_("The plan ends before it starts."),
    "plan_target_negative": N_("A target cannot be below zero."),
    "plan_share_over_100": N_("A share is at most 100 %."),
    "plan_resources_negative": N_("People, budget and hours cannot be below zero."),
    "board_not_found": N_("That analysis, assessment or plan no longer exists."),
})

#: How each metric is counted: window (first day, last day) -> (value, share_of).
_METRIC_FUNCTIONS: dict[Metric, Callable[..., tuple[int, int]]] = {
    Metric.MEMBERS: lambda db, a, b: (figures.count_members(db, a, b), 0),
    Metric.NEW_MEMBERS: lambda db, a, b: (figures.count_new_members(db, a, b), 0),
    Metric.SHARE_UNDER_45: lambda db, a, b: _percent(*figures.share_under_45(db, a, b)),
    Metric.ACTIVITIES_HELD: lambda db, a, b: (figures.count_activities_held(db, a, b), 0),
    Metric.MEMBERS_ATTENDED: lambda db, a, b: (figures.count_members_attended(db, a, b), 0),
}

NEW_MEMBER_DAYS = 90


def _percent(part: int, whole: int) -> tuple[int, int]:
    return (round(100 * part / whole) if whole else 0), whole


@dataclass(frozen=True, slots=True)
class CompassView:
    """The latest assessment, the one before it, what moved, and the app's own figures."""

    latest: Assessment | None
    previous: Assessment | None
    progress: Progress | None
    hints: dict[str, HintFigure]
    count: int


@dataclass(frozen=True, slots=True)
class BoardFigures:
    day: date
    values: dict[tuple[Metric, date, date], tuple[int, int]]
    hints: dict[str, HintFigure] | None


class BoardService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.repo = BoardRepository(session.db)

    # -- SWOT ------------------------------------------------------------------------------
    def swot_list(self) -> list[tuple[int, date, str]]:
        return self.repo.swot_list()

    def swot(self, analysis_id: int | None = None) -> SwotAnalysis | None:
        """One analysis, or the latest when no id is given (None when there is none)."""
        if analysis_id is None:
            found = self.repo.swot_list()
            if not found:
                return None
            analysis_id = found[0][0]
        return self.repo.swot(analysis_id)

    def save_swot(self, analysis: SwotAnalysis) -> int:
        return self.repo.save_swot(analysis)

    def new_swot(self, day: date | None = None, title: str = "", *,
                 copy_from: SwotAnalysis | None = None) -> SwotAnalysis:
        """A new analysis, empty or with the cards of another (a yearly update)."""
        analysis = SwotAnalysis(day or self.session.today(), title)
        if copy_from is not None:
            analysis.cards = [SwotCard(c.text, c.quadrant) for c in copy_from.cards]
        self.repo.save_swot(analysis)
        return analysis

    def delete_swot(self, analysis_id: int) -> None:
        self.repo.delete_swot(analysis_id)

    # -- compass ---------------------------------------------------------------------------
    def assessments(self) -> list[Assessment]:
        return self.repo.assessments()

    def save_assessment(self, assessment: Assessment) -> int:
        return self.repo.save_assessment(assessment)

    def new_assessment(self, day: date | None = None) -> Assessment:
        """A new assessment, starting from the latest one's answers if there is one."""
        day = day or self.session.today()
        latest, _before = latest_two(self.repo.assessments())
        fresh = latest.started_from(day) if latest else Assessment(day)
        self.repo.save_assessment(fresh)
        return fresh

    def delete_assessment(self, assessment_id: int) -> None:
        self.repo.delete_assessment(assessment_id)

    def previous_of(self, assessment: Assessment) -> Assessment | None:
        """The assessment before this one (by date, then id)."""
        ordered = sorted(self.repo.assessments(), key=lambda a: (a.assessed_on, a.id or 0))
        key = (assessment.assessed_on, assessment.id or 0)
        earlier = [a for a in ordered if (a.assessed_on, a.id or 0) < key]
        return earlier[-1] if earlier else None

    def compass(self, day: date | None = None, assessment_id: int | None = None, *,
                with_hints: bool = True) -> CompassView:
        """The assessment asked for (default the latest), its progress and the hints (the
        Planning page counts those in the background and asks without them)."""
        day = day or self.session.today()
        every = self.repo.assessments()
        if assessment_id is None:
            current, _before = latest_two(every)
        else:
            current = next((a for a in every if a.id == assessment_id), None)
            if current is None:
                raise DomainError("board_not_found")
        previous = self.previous_of(current) if current else None
        moved = progress(previous, current) if current and previous else None
        return CompassView(current, previous, moved, self.hints(day) if with_hints else {},
                           len(every))

    def hints(self, day: date | None = None) -> dict[str, HintFigure]:
        """What the app can see for the items it can answer, keyed by item code."""
        day = day or self.session.today()
        db = self.session.db
        by_hint: dict[Hint, HintFigure] = {}
        new_ids = figures.new_member_ids(db, day, NEW_MEMBER_DAYS)
        letters = MailingRepository(db).first_sent("letter", "welcome", new_ids) if new_ids \
            else {}
        by_hint[Hint.WELCOME_LETTER] = HintFigure(
            Hint.WELCOME_LETTER, sum(1 for d in letters.values() if d <= day), len(new_ids))
        by_hint[Hint.WELCOME_CALL] = HintFigure(
            Hint.WELCOME_CALL, *figures.new_members_contacted(db, day, NEW_MEMBER_DAYS))
        by_hint[Hint.ASKED_WANTS] = HintFigure(
            Hint.ASKED_WANTS, *figures.new_members_with_tags(db, day, "interest", "wants",
                                                             NEW_MEMBER_DAYS))
        by_hint[Hint.ASKED_SKILLS] = HintFigure(
            Hint.ASKED_SKILLS, *figures.new_members_with_tags(db, day, "skill", "good_at",
                                                              NEW_MEMBER_DAYS))
        officers = [p for p in self.session.association.board
                    if p.role.value == "membership_officer"]
        names = tuple(p.person_name for p in officers if p.person_name)
        by_hint[Hint.MEMBERSHIP_OFFICER] = HintFigure(Hint.MEMBERSHIP_OFFICER, len(officers),
                                                      0, names)
        by_hint[Hint.ACTION_PLAN] = HintFigure(Hint.ACTION_PLAN, len(self.repo.plan_list()))
        by_hint[Hint.EVALUATED_ACTIVITIES] = HintFigure(
            Hint.EVALUATED_ACTIVITIES, *figures.activities_evaluated(db, day))
        by_hint[Hint.MEMBERS_LEAD] = HintFigure(
            Hint.MEMBERS_LEAD, *figures.activities_led_by_members(db, day))
        by_hint[Hint.SATISFACTION] = HintFigure(Hint.SATISFACTION,
                                                figures.satisfaction_recorded(db, day))
        by_hint[Hint.KNOWN_SKILLS] = HintFigure(Hint.KNOWN_SKILLS,
                                                *figures.members_with_skills(db, day))
        return {item.code: by_hint[item.hint] for item in ITEMS if item.hint is not None}

    # -- action plans ----------------------------------------------------------------------
    def plan_list(self) -> list[tuple[int, str, date, date]]:
        return self.repo.plan_list()

    def plan(self, plan_id: int | None = None) -> ActionPlan | None:
        """One plan, or the one that started last when no id is given."""
        if plan_id is None:
            found = self.repo.plan_list()
            if not found:
                return None
            plan_id = found[0][0]
        return self.repo.plan(plan_id)

    def save_plan(self, plan: ActionPlan) -> int:
        validate(plan)
        return self.repo.save_plan(plan)

    def delete_plan(self, plan_id: int) -> None:
        self.repo.delete_plan(plan_id)

    def new_plan(self, title: str, day: date | None = None, *, example: bool = False) -> ActionPlan:
        """An empty plan for two years from today, or the example plan to adapt."""
        day = day or self.session.today()
        plan = example_plan(day) if example else ActionPlan(title, day, _two_years(day))
        if title:
            plan.title = title
        self.save_plan(plan)
        return plan

    def measure(self, goal: SubGoal, day: date | None = None) -> GoalProgress | None:
        """A sub-goal's progress from the register (None for a goal the app cannot count)."""
        if goal.metric is None or goal.target is None:
            return None
        first, last = counted_window(goal, day or self.session.today())
        value, share_of = _METRIC_FUNCTIONS[goal.metric](self.session.db, first, last)
        return measure(goal, value, last, share_of)

    def count(self, metric: Metric, first: date, last: date) -> tuple[int, int]:
        """One metric over one window: (value, what a share is of)."""
        return _METRIC_FUNCTIONS[metric](self.session.db, first, last)

    def figures(self, day: date, windows: list[tuple[Metric, date, date]],
                with_hints: bool) -> BoardFigures:
        """What the register says, in one go for a background job: the metric values
        asked for and, if wanted, the compass hints (at 100,000 members a few hundred ms)."""
        values = {key: self.count(*key) for key in windows}
        return BoardFigures(day, values, self.hints(day) if with_hints else None)

    def plan_progress(self, plan: ActionPlan, day: date | None = None) -> list[GoalProgress | None]:
        return [self.measure(goal, day) for goal in plan.goals]

    def held_activities(self, plan: ActionPlan) -> list[tuple[int, date, str]]:
        """Activities from the activities list within the plan's period, to link to."""
        return self.repo.held_activities(plan.starts_on, plan.ends_on)


def _two_years(day: date) -> date:
    return date(day.year + 1, 12, 31)


def example_plan(day: date, texts: dict[str, object] | None = None) -> ActionPlan:
    """The worked example as a starting point: two years from ``day``, five activities
    spread over the first year, and sub-goals the app counts."""
    from medlemsvard_app.i18n.plan_labels import example_texts

    t = texts if texts is not None else example_texts()
    year_end = date(day.year, 12, 31) if day.month < 10 else date(day.year + 1, 12, 31)
    plan = ActionPlan(str(t["title"]), day, _two_years(day), str(t["overall_goal"]),
                      str(t["problems"]), str(t["responsible"]), str(t["resources"]),
                      str(t["evaluation"]))
    plan.goals = [SubGoal(text, Metric(metric), target, year_end)
                  for text, metric, target in t["goals"]]  # type: ignore[union-attr]
    titles = list(t["activities"])  # type: ignore[call-overload]
    start = day + timedelta(days=30)
    span = max(1, (year_end - start).days)
    plan.activities = [
        PlannedActivity(title, "", start + timedelta(days=span * i // len(titles)), 3, 200000,
                        9, ActivityStatus.PLANNED)
        for i, title in enumerate(titles)]
    plan.channels = [Channel(n, note) for n, note in t["channels"]]  # type: ignore[union-attr]
    plan.partners = [Channel(n, note) for n, note in t["partners"]]  # type: ignore[union-attr]
    plan.follow_ups = [FollowUp(w, when, how)
                       for w, when, how in t["follow_ups"]]  # type: ignore[union-attr]
    return plan


# -- printed handouts: the service gathers and translates, documents/ draws -----------------

def swot_pdf(session: Session, analysis: SwotAnalysis) -> bytes:
    from medlemsvard_app.documents.swot_handout import SwotField, SwotHandout, build_swot_handout
    from medlemsvard_app.domain.swot import Quadrant
    from medlemsvard_app.i18n import _
    from medlemsvard_app.i18n.compass_labels import (
        external_label,
        internal_label,
        quadrant_label,
        quadrant_question,
    )
    from medlemsvard_app.i18n.formatting import format_date

    subtitle = format_date(analysis.held_on, "long")
    if analysis.title:
        subtitle = f"{analysis.title} · {subtitle}"
    fields = [SwotField(quadrant_label(q), quadrant_question(q),
                        [c.text for c in analysis.in_quadrant(q)]) for q in Quadrant]
    return build_swot_handout(SwotHandout(
        session.association.name, _("SWOT analysis"), subtitle, fields, internal_label(),
        external_label(), footer=_("Printed {date} with Medlemsvård").format(
            date=format_date(session.today(), "long")), empty=_("(no cards yet)")))


def compass_pdf(session: Session, assessment: Assessment | None,
                day: date | None = None) -> bytes:
    """The filled-in assessment with progress, or the blank form when ``assessment`` is None."""
    from medlemsvard_app.documents.compass_form import (
        CompassForm,
        FormArea,
        FormItem,
        build_compass_form,
    )
    from medlemsvard_app.domain.compass import Answer, Area, items_in, summarise
    from medlemsvard_app.i18n import _
    from medlemsvard_app.i18n.compass_labels import (
        answer_short,
        area_label,
        area_lead,
        area_summary_text,
        hint_text,
        item_full_label,
        item_label,
        progress_lines,
    )
    from medlemsvard_app.i18n.formatting import format_date

    day = day or session.today()
    service = session.board()
    columns = (answer_short(Answer.NOW), answer_short(Answer.SOON),
               answer_short(Answer.NOT_NOW), _("Note"))
    printed = _("Printed {date} with Medlemsvård").format(date=format_date(day, "long"))
    if assessment is None:
        areas = [FormArea(area_label(a), area_lead(a), [FormItem(item_label(i.code))
                                                        for i in items_in(a)]) for a in Area]
        return build_compass_form(CompassForm(
            session.association.name, _("Association compass"),
            _("Date: ____________   Filled in by: ______________________"),
            _("For each item, tick the box under “Now” if the association does it today. "
              "Circle the ring under “Soon” if it seems realistic before long. Mark “Not now” "
              "for the rest, and write a note where it helps."),
            columns, areas, blank=True, footer=printed))
    hints = service.hints(day)
    summaries = {s.area: s for s in summarise(assessment)}
    areas = []
    for a in Area:
        s = summaries[a]
        rows = []
        for item in items_in(a):
            answer = assessment.answers.get(item.code)
            hint = hints.get(item.code)
            rows.append(FormItem(item_label(item.code),
                                 answer.answer.value if answer and answer.answer else None,
                                 answer.note if answer else "",
                                 hint_text(hint) if hint else ""))
        areas.append(FormArea(area_label(a), area_lead(a), rows, area_summary_text(s)))
    previous = service.previous_of(assessment)
    lines: list[str] = []
    title = ""
    if previous is not None:
        moved = progress(previous, assessment)
        title = _("Since the assessment of {date}").format(
            date=format_date(previous.assessed_on, "long"))
        lines = progress_lines(moved, item_full_label)
    return build_compass_form(CompassForm(
        session.association.name, _("Association compass"),
        _("Assessment of {date}").format(date=format_date(assessment.assessed_on, "long")),
        _("✔ marks the answer the board chose for each item. Beside some items, the app "
          "adds what it can see in the register."),
        columns, areas, blank=False, progress_title=title, progress=lines, footer=printed))


def plan_pdf(session: Session, plan: ActionPlan, day: date | None = None) -> bytes:
    from medlemsvard_app.documents.action_plan import (
        PlanDocument,
        PlanGoal,
        PlanSection,
        build_action_plan,
    )
    from medlemsvard_app.i18n import _
    from medlemsvard_app.i18n.formatting import format_count, format_date
    from medlemsvard_app.i18n.plan_labels import (
        metric_label,
        progress_text,
        section_label,
        status_label,
        whole_money,
    )

    day = day or session.today()
    service = session.board()
    currency = session.association.currency
    goals = []
    for goal, measured in zip(plan.goals, service.plan_progress(plan, day), strict=True):
        target = ""
        if goal.metric is not None and goal.target is not None:
            target = _("Target: {target} · {metric}").format(
                target=format_count(goal.target), metric=metric_label(goal.metric))
        if goal.due_on is not None:
            when = _("by {date}").format(date=format_date(goal.due_on, "long"))
            target = f"{target} · {when}" if target else when
        goals.append(PlanGoal(goal.text, target, progress_text(measured) if measured else "",
                              measured.fraction if measured else None))
    text = PlanSection
    activities = PlanSection(
        section_label("activities"),
        header=(_("Activity"), section_label("responsible"), _("Date"), _("People"),
                _("Budget"), _("Hours"), _("Status")),
        rows=[(a.title, a.responsible, format_date(a.on_date), format_count(a.people),
               whole_money(a.budget_ore, currency), format_count(a.hours),
               status_label(a.status)) for a in plan.activities],
        widths=(28, 17, 14, 11, 13, 8, 12))
    total = _("In all: {budget}, {hours} hours (cancelled activities not counted).").format(
        budget=whole_money(plan.total_budget_ore(), currency),
        hours=format_count(plan.total_hours()))
    resources = "\n".join(p for p in (plan.resources, total if plan.activities else "") if p)
    doc = PlanDocument(
        session.association.name, plan.title,
        _("{start} – {end}").format(start=format_date(plan.starts_on, "long"),
                                    end=format_date(plan.ends_on, "long")),
        section_label("goals"), goals,
        before_goals=[text(section_label("overall_goal"), plan.overall_goal),
                      text(section_label("problems"), plan.problems)],
        after_goals=[
            activities,
            text(section_label("responsible"), plan.responsible),
            text(section_label("resources"), resources),
            PlanSection(section_label("channels"), header=(_("Channel"), _("How")),
                        rows=[(c.name, c.note) for c in plan.channels], widths=(1, 2)),
            PlanSection(section_label("partners"), header=(_("Partner"), _("Together on")),
                        rows=[(c.name, c.note) for c in plan.partners], widths=(1, 2)),
            PlanSection(section_label("follow_ups"), header=(_("Who"), _("When"), _("How")),
                        rows=[(f.who, f.when, f.how) for f in plan.follow_ups],
                        widths=(1, 1, 2)),
            text(section_label("evaluation"), plan.evaluation),
        ],
        footer=_("Printed {date} with Medlemsvård").format(date=format_date(day, "long")))
    return build_action_plan(doc)
