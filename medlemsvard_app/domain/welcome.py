"""The welcome checklist for new members (DESIGN §2, seed 001's appendix, seed 004's mentor).

A member who joined within the welcome period (a setting, 90 days by default) has one
state per step: done, due, overdue, not yet or skipped. Steps complete themselves from
what the app saw (a letter printed, a call that reached them, a first activity …); a
person can always tick, untick or skip a step, and that wins. Only those overrides are
stored; everything else is derived, so a new member "gets" the checklist by joining and
an older member never has one. Pure: the day and every fact are passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.models import BoardRole


class StepState(StrEnum):
    """Welcome step states: the ``state`` codes of ``medlemsvard welcome`` (DESIGN §7)."""

    DONE = "done"
    DUE = "due"
    OVERDUE = "overdue"
    NOT_YET = "not_yet"
    SKIPPED = "skipped"


class Anchor(StrEnum):
    """What a step's offset counts from."""

    JOINED = "joined"
    FIRST_ACTIVITY = "first_activity"


class Fact(StrEnum):
    """What the app can see happen, each completing the step that waits for it."""

    LETTER = "letter"                        # a welcome letter printed for the member
    CALL = "call"                            # a call that reached them, after joining
    INTERESTS = "interests"                  # what they want to do / are good at, recorded
    MENTOR = "mentor"                        # a mentor set
    MEETING_INVITE = "meeting_invite"        # signed up for a new-member meeting
    MET = "met"                              # met in person (a contact of channel meeting)
    FIRST_ACTIVITY = "first_activity"        # attended a first activity
    AFTER_ACTIVITY = "after_activity"        # a message or call after that first activity
    TASK = "task"                            # a task offered to them


class Mark(StrEnum):
    """What a person decided about a step (stored; wins over the facts)."""

    DONE = "done"
    SKIPPED = "skipped"
    OPEN = "open"  # "not done", even if the app saw something that looked like it


#: Who may own a step: a board role, the member's caller, or the member's mentor.
OWNERS: tuple[str, ...] = (*(r.value for r in BoardRole), "caller", "mentor")

PERIOD_RANGE = (7, 730)
OFFSET_RANGE = (0, 365)


@dataclass(frozen=True, slots=True)
class StepDef:
    """One step of the checklist, as the association set it up.

    Built-in steps keep ``title`` and ``guidance`` empty: the app's own words are shown,
    translated, by their ``code``. A user's own step (or an edited text) stores its text.
    """

    code: str
    anchor: Anchor = Anchor.JOINED
    offset_days: int = 14
    owner: str = BoardRole.MEMBERSHIP_OFFICER.value
    fact: Fact | None = None
    title: str = ""
    guidance: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "anchor": self.anchor.value, "offset_days": self.offset_days,
                "owner": self.owner, "fact": self.fact.value if self.fact else None,
                "title": self.title, "guidance": self.guidance}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StepDef:
        return cls(code=str(data["code"]), anchor=Anchor(data.get("anchor", "joined")),
                   offset_days=int(data.get("offset_days", 14)),
                   owner=str(data.get("owner", BoardRole.MEMBERSHIP_OFFICER.value)),
                   fact=Fact(data["fact"]) if data.get("fact") else None,
                   title=str(data.get("title", "")), guidance=str(data.get("guidance", "")))


#: The built-in checklist: what seed 001's appendix and seed 004 ask for, in the order a
#: new member meets it. Offsets are "done by" days after the anchor.
DEFAULT_STEPS: tuple[StepDef, ...] = (
    StepDef("letter", Anchor.JOINED, 7, BoardRole.SECRETARY.value, Fact.LETTER),
    StepDef("call", Anchor.JOINED, 14, "caller", Fact.CALL),
    StepDef("interests", Anchor.JOINED, 21, "caller", Fact.INTERESTS),
    StepDef("mentor", Anchor.JOINED, 30, BoardRole.MEMBERSHIP_OFFICER.value, Fact.MENTOR),
    StepDef("meeting_invite", Anchor.JOINED, 30, BoardRole.MEMBERSHIP_OFFICER.value,
            Fact.MEETING_INVITE),
    StepDef("coffee", Anchor.JOINED, 45, "mentor", Fact.MET),
    StepDef("task", Anchor.JOINED, 45, BoardRole.CHAIR.value, Fact.TASK),
    StepDef("first_activity", Anchor.JOINED, 60, "mentor", Fact.FIRST_ACTIVITY),
    StepDef("after_activity", Anchor.FIRST_ACTIVITY, 1, "mentor", Fact.AFTER_ACTIVITY),
)
BUILT_IN_CODES = frozenset(s.code for s in DEFAULT_STEPS)


@dataclass(frozen=True, slots=True)
class WelcomeSettings:
    """The association's checklist: who counts as new, and the steps."""

    #: Members who joined this many days ago or less have the checklist.
    period_days: int = 90
    #: A step shows as due this many days before its date (never before its anchor).
    lead_days: int = 14
    steps: tuple[StepDef, ...] = DEFAULT_STEPS

    def __post_init__(self) -> None:
        low, high = PERIOD_RANGE
        if not low <= self.period_days <= high:
            raise DomainError("welcome_period_invalid", low=low, high=high)
        if not 0 <= self.lead_days <= OFFSET_RANGE[1]:
            raise DomainError("welcome_lead_invalid")
        seen: set[str] = set()
        for step in self.steps:
            if not step.code or step.code in seen:
                raise DomainError("welcome_step_duplicate", step=step.code)
            seen.add(step.code)
            if not OFFSET_RANGE[0] <= step.offset_days <= OFFSET_RANGE[1]:
                raise DomainError("welcome_offset_invalid", low=OFFSET_RANGE[0],
                                  high=OFFSET_RANGE[1])
            if step.owner not in OWNERS:
                raise DomainError("welcome_owner_unknown", owner=step.owner)
            if step.code not in BUILT_IN_CODES and not step.title.strip():
                raise DomainError("welcome_step_untitled")

    def step(self, code: str) -> StepDef | None:
        return next((s for s in self.steps if s.code == code), None)

    def to_dict(self) -> dict[str, Any]:
        return {"period_days": self.period_days, "lead_days": self.lead_days,
                "steps": [s.to_dict() for s in self.steps]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> WelcomeSettings:
        steps = data.get("steps")
        return cls(period_days=int(data.get("period_days", 90)),
                   lead_days=int(data.get("lead_days", 14)),
                   steps=DEFAULT_STEPS if steps is None
                   else tuple(StepDef.from_dict(s) for s in steps))

    def with_step(self, step: StepDef) -> WelcomeSettings:
        """The settings with ``step`` replaced (same code) or added at the end."""
        steps = list(self.steps)
        for i, old in enumerate(steps):
            if old.code == step.code:
                steps[i] = step
                break
        else:
            steps.append(step)
        return replace(self, steps=tuple(steps))

    def new_code(self) -> str:
        """A code for a user's own step that no step has."""
        taken = {s.code for s in self.steps}
        n = 1
        while f"own_{n}" in taken:
            n += 1
        return f"own_{n}"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Something the app saw that completes a step: when, and a detail for the tooltip
    (a caller's name, an activity's or a task's title). ``on`` is None when the app knows
    it happened but not when (interests already on the card)."""

    fact: Fact
    on: date | None
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Override:
    step: str
    mark: Mark
    on: date
    note: str = ""


@dataclass(frozen=True, slots=True)
class StepStatus:
    step: str
    state: StepState
    #: the date the step should be done by (None: its anchor has not happened yet)
    due_on: date | None
    #: from when the step shows as due
    starts_on: date | None
    done_on: date | None = None
    evidence: Evidence | None = None
    override: Override | None = None

    @property
    def is_open(self) -> bool:
        return self.state in (StepState.DUE, StepState.OVERDUE, StepState.NOT_YET)


@dataclass(frozen=True, slots=True)
class ContactFact:
    """A contact with a member after they joined, as the checklist sees it."""

    on: date
    channel: str
    outcome: str | None
    asked: bool  # what they want to do or are good at was noted
    caller: str = ""


#: Outcomes of a contact that count as having been in touch.
_IN_TOUCH = (None, "reached", "message")


def contact_evidence(contacts: Sequence[ContactFact], first_activity_on: date | None = None
                     ) -> dict[Fact, Evidence]:
    """What a member's contacts since joining (oldest first) complete: the welcome call (a
    call that reached them), interests asked, a meeting in person, and the message after
    their first activity (any contact that got through on a later day)."""
    out: dict[Fact, Evidence] = {}
    for c in contacts:
        if (Fact.CALL not in out and c.channel == "phone" and c.outcome == "reached"):
            out[Fact.CALL] = Evidence(Fact.CALL, c.on, c.caller)
        if Fact.INTERESTS not in out and c.asked:
            out[Fact.INTERESTS] = Evidence(Fact.INTERESTS, c.on, "contact")
        if (Fact.MET not in out and c.channel == "meeting"
                and c.outcome in (None, "reached")):
            out[Fact.MET] = Evidence(Fact.MET, c.on, c.caller)
        if (Fact.AFTER_ACTIVITY not in out and first_activity_on is not None
                and c.on > first_activity_on and c.outcome in _IN_TOUCH):
            out[Fact.AFTER_ACTIVITY] = Evidence(Fact.AFTER_ACTIVITY, c.on, c.channel)
    return out


def welcome_since(day: date, period_days: int) -> date:
    """The earliest join date that still has the checklist on ``day``."""
    return day - timedelta(days=period_days)


def in_welcome_period(joined_on: date | None, day: date, period_days: int) -> bool:
    """Joined on or before ``day`` and at most ``period_days`` days before it."""
    return joined_on is not None and welcome_since(day, period_days) <= joined_on <= day


def step_status(step: StepDef, joined_on: date, day: date, *, lead_days: int = 14,
                evidence: Evidence | None = None, first_activity_on: date | None = None,
                override: Override | None = None) -> StepStatus:
    """One step's state on ``day``. Facts and marks dated after ``day`` are not seen yet."""
    if override is not None and override.on > day:
        override = None
    if evidence is not None and evidence.on is not None and evidence.on > day:
        evidence = None
    if first_activity_on is not None and first_activity_on > day:
        first_activity_on = None
    anchor = joined_on if step.anchor is Anchor.JOINED else first_activity_on
    due = None if anchor is None else anchor + timedelta(days=step.offset_days)
    starts = None if due is None or anchor is None else max(anchor,
                                                              due - timedelta(days=lead_days))
    if override is not None and override.mark is Mark.DONE:
        return StepStatus(step.code, StepState.DONE, due, starts, override.on, evidence,
                          override)
    if override is not None and override.mark is Mark.SKIPPED:
        return StepStatus(step.code, StepState.SKIPPED, due, starts, None, evidence, override)
    if evidence is not None and override is None:
        return StepStatus(step.code, StepState.DONE, due, starts, evidence.on, evidence)
    if due is None or starts is None or day < starts:
        state = StepState.NOT_YET
    elif day <= due:
        state = StepState.DUE
    else:
        state = StepState.OVERDUE
    return StepStatus(step.code, state, due, starts, None, evidence, override)


def checklist(settings: WelcomeSettings, joined_on: date, day: date,
              evidence: Mapping[Fact, Evidence] | None = None,
              overrides: Mapping[str, Override] | None = None) -> list[StepStatus]:
    """Every step's state for one member on ``day``, in the settings' order."""
    evidence = evidence or {}
    overrides = overrides or {}
    first = evidence.get(Fact.FIRST_ACTIVITY)
    first_on = first.on if first is not None else None
    return [step_status(s, joined_on, day, lead_days=settings.lead_days,
                        evidence=evidence.get(s.fact) if s.fact else None,
                        first_activity_on=first_on, override=overrides.get(s.code))
            for s in settings.steps]


@dataclass(frozen=True, slots=True)
class Me:
    """Who uses the app ("I am …" in the welcome view): a name and the board roles it
    holds. There is no login yet; the view remembers the choice."""

    name: str = ""
    roles: frozenset[str] = field(default_factory=frozenset)


def _same(a: str, b: str) -> bool:
    return bool(a.strip()) and a.strip().casefold() == b.strip().casefold()


def is_mine(owner: str, me: Me, *, mentor_name: str = "", caller_name: str = "") -> bool:
    """Whether a step owned by ``owner`` is mine for a member with this mentor and caller."""
    if owner == "mentor":
        return _same(mentor_name, me.name)
    if owner == "caller":
        return _same(caller_name, me.name)
    return owner in me.roles


def roles_of(name: str, board: Iterable[tuple[str, str]]) -> frozenset[str]:
    """The board roles a person holds, from (role, person name) pairs."""
    return frozenset(role for role, person in board if _same(person, name))


def count_states(rows: Sequence[Sequence[StepStatus]]) -> dict[StepState, int]:
    """How many steps are in each state over several members."""
    counts = {s: 0 for s in StepState}
    for row in rows:
        for status in row:
            counts[status.state] += 1
    return counts
