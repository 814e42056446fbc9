"""The association compass: five areas of routines, each item marked now / soon / not now.

The board answers it once or twice a year; assessments are dated and kept, so what moved
since the last one shows. Item codes are stable (stored and in JSON); their words live in
``i18n/compass_labels.py``. Some items are things the app can see for itself (a welcome
letter printed, a membership officer among the board posts): those carry a hint kind,
and ``services/board_tools.py`` counts them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Area(StrEnum):
    ANALYSE = "analyse"
    CARE = "care"
    WELCOME = "welcome"
    RECRUIT = "recruit"
    EVALUATE = "evaluate"


class Answer(StrEnum):
    NOW = "now"          # we do this now (ticked on paper)
    SOON = "soon"        # realistic soon (circled on paper)
    NOT_NOW = "not_now"  # not now


class Hint(StrEnum):
    """What the app can count for an item, and which view shows it."""

    WELCOME_LETTER = "welcome_letter"
    WELCOME_CALL = "welcome_call"
    ASKED_WANTS = "asked_wants"
    ASKED_SKILLS = "asked_skills"
    MEMBERSHIP_OFFICER = "membership_officer"
    ACTION_PLAN = "action_plan"
    EVALUATED_ACTIVITIES = "evaluated_activities"
    SATISFACTION = "satisfaction"
    KNOWN_SKILLS = "known_skills"
    MEMBERS_LEAD = "members_lead"


#: Where each hint links to: a page key the main window knows ("plan" is a tab here).
HINT_TARGET: dict[Hint, str] = {
    Hint.WELCOME_LETTER: "welcome", Hint.WELCOME_CALL: "calls",
    Hint.ASKED_WANTS: "welcome", Hint.ASKED_SKILLS: "welcome",
    Hint.MEMBERSHIP_OFFICER: "settings", Hint.ACTION_PLAN: "plan",
    Hint.EVALUATED_ACTIVITIES: "activities", Hint.SATISFACTION: "calls",
    Hint.KNOWN_SKILLS: "register", Hint.MEMBERS_LEAD: "activities",
}


@dataclass(frozen=True, slots=True)
class Item:
    code: str
    area: Area
    hint: Hint | None = None


ITEMS: tuple[Item, ...] = (
    Item("analyse.member_survey", Area.ANALYSE),
    Item("analyse.know_members", Area.ANALYSE),
    Item("analyse.member_skills", Area.ANALYSE, Hint.KNOWN_SKILLS),
    Item("analyse.partners", Area.ANALYSE),
    Item("analyse.media", Area.ANALYSE),
    Item("analyse.overview", Area.ANALYSE),
    Item("analyse.activity_plan", Area.ANALYSE),
    Item("care.influence_plan", Area.CARE),
    Item("care.newsletter", Area.CARE),
    Item("care.targeted_mailings", Area.CARE),
    Item("care.find_niche", Area.CARE),
    Item("care.know_how_to_help", Area.CARE),
    Item("care.lead_activities", Area.CARE, Hint.MEMBERS_LEAD),
    Item("welcome.letter", Area.WELCOME, Hint.WELCOME_LETTER),
    Item("welcome.board_call", Area.WELCOME, Hint.WELCOME_CALL),
    Item("welcome.meeting_invite", Area.WELCOME),
    Item("welcome.ask_wants", Area.WELCOME, Hint.ASKED_WANTS),
    Item("welcome.ask_skills", Area.WELCOME, Hint.ASKED_SKILLS),
    Item("welcome.offer_task", Area.WELCOME),
    Item("recruit.membership_officer", Area.RECRUIT, Hint.MEMBERSHIP_OFFICER),
    Item("recruit.discuss_development", Area.RECRUIT),
    Item("recruit.working_group", Area.RECRUIT),
    Item("recruit.action_plan", Area.RECRUIT, Hint.ACTION_PLAN),
    Item("recruit.target_groups", Area.RECRUIT),
    Item("recruit.activities", Area.RECRUIT),
    Item("evaluate.satisfaction", Area.EVALUATE, Hint.SATISFACTION),
    Item("evaluate.each_activity", Area.EVALUATE, Hint.EVALUATED_ACTIVITIES),
    Item("evaluate.use_lessons", Area.EVALUATE),
)
ITEM_BY_CODE: dict[str, Item] = {item.code: item for item in ITEMS}


def items_in(area: Area) -> list[Item]:
    return [item for item in ITEMS if item.area is area]


@dataclass(slots=True)
class ItemAnswer:
    answer: Answer | None  # None: only a note
    note: str = ""


@dataclass(slots=True)
class Assessment:
    """One dated assessment; an item without an answer was left blank."""

    assessed_on: date
    answers: dict[str, ItemAnswer] = field(default_factory=dict)
    note: str = ""
    id: int | None = None

    def answer(self, code: str) -> Answer | None:
        found = self.answers.get(code)
        return found.answer if found else None

    def set(self, code: str, answer: Answer | None, note: str | None = None) -> None:
        """Mark an item (None clears the mark but keeps a note)."""
        if code not in ITEM_BY_CODE:
            raise KeyError(code)
        current = self.answers.get(code)
        text = (current.note if current else "") if note is None else note.strip()
        if answer is None and not text:
            self.answers.pop(code, None)
        else:
            self.answers[code] = ItemAnswer(answer, text)

    def set_note(self, code: str, note: str) -> None:
        current = self.answers.get(code)
        self.set(code, current.answer if current else None, note)

    def started_from(self, day: date) -> Assessment:
        """A new assessment that starts from this one's answers: the board changes what
        moved instead of answering 28 items again."""
        return Assessment(day, {c: ItemAnswer(a.answer, a.note) for c, a in self.answers.items()})


@dataclass(frozen=True, slots=True)
class AreaSummary:
    area: Area
    now: int
    soon: int
    not_now: int
    blank: int

    @property
    def total(self) -> int:
        return self.now + self.soon + self.not_now + self.blank


def summarise(assessment: Assessment | None) -> list[AreaSummary]:
    """Per area: how many items are done now, realistic soon, not now, left blank."""
    out = []
    for area in Area:
        counts = {a: 0 for a in Answer}
        blank = 0
        for item in items_in(area):
            answer = assessment.answer(item.code) if assessment else None
            if answer is None:
                blank += 1
            else:
                counts[answer] += 1
        out.append(AreaSummary(area, counts[Answer.NOW], counts[Answer.SOON],
                               counts[Answer.NOT_NOW], blank))
    return out


@dataclass(frozen=True, slots=True)
class Progress:
    """What changed from one assessment to the next, as item codes in the list's order."""

    since: date
    moved_to_now: tuple[str, ...]   # was "soon", is "now": a plan that came true
    new_now: tuple[str, ...]        # was "not now" or blank, is "now"
    new_soon: tuple[str, ...]       # was "not now" or blank, is "soon"
    dropped: tuple[str, ...]        # was "now", is not any more

    @property
    def empty(self) -> bool:
        return not (self.moved_to_now or self.new_now or self.new_soon or self.dropped)


def progress(previous: Assessment, current: Assessment) -> Progress:
    moved, new_now, new_soon, dropped = [], [], [], []
    for item in ITEMS:
        before, after = previous.answer(item.code), current.answer(item.code)
        if after is Answer.NOW and before is Answer.SOON:
            moved.append(item.code)
        elif after is Answer.NOW and before is not Answer.NOW:
            new_now.append(item.code)
        elif after is Answer.SOON and before in (None, Answer.NOT_NOW):
            new_soon.append(item.code)
        elif before is Answer.NOW and after is not Answer.NOW:
            dropped.append(item.code)
    return Progress(previous.assessed_on, tuple(moved), tuple(new_now), tuple(new_soon),
                    tuple(dropped))


def latest_two(assessments: Iterable[Assessment]) -> tuple[Assessment | None, Assessment | None]:
    """(latest, the one before it) by date, then by id."""
    ordered = sorted(assessments, key=lambda a: (a.assessed_on, a.id or 0))
    latest = ordered[-1] if ordered else None
    before = ordered[-2] if len(ordered) > 1 else None
    return latest, before


@dataclass(frozen=True, slots=True)
class HintFigure:
    """What the app counted for one hint: ``count`` of ``total`` (total 0: a yes/no)."""

    hint: Hint
    count: int
    total: int = 0
    names: tuple[str, ...] = ()

    @property
    def target(self) -> str:
        return HINT_TARGET[self.hint]
