"""Words for the welcome checklist and the tasks: step titles and guidance (built-in steps
are stored as codes and translated here when shown), states, what the app saw, owners."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from babel.dates import format_skeleton

from medlemsvard_app.domain.tasks import OfferAnswer, TaskStatus
from medlemsvard_app.domain.welcome import Anchor, Evidence, Fact, Mark, StepDef, StepState
from medlemsvard_app.i18n import N_, _, current_locale, ngettext, pgettext
from medlemsvard_app.i18n.formatting import format_date
from medlemsvard_app.i18n.messages import board_role_label

#: The built-in steps' titles, in the app's own words.
STEP_TITLES: dict[str, str] = {
    "letter": N_("Welcome letter sent"),
    "call": N_("Welcome call"),
    "interests": N_("Asked what they want to do"),
    "mentor": N_("Mentor chosen"),
    "meeting_invite": N_("Invited to a new-member meeting"),
    "coffee": N_("Coffee together"),
    "task": N_("Offered a task"),
    "first_activity": N_("First activity attended"),
    "after_activity": N_("Message the day after"),
}

#: Short column headings for the grid.
STEP_HEADINGS: dict[str, str] = {
    "letter": N_("Letter"),
    "call": N_("Call"),
    "interests": N_("Interests"),
    "mentor": N_("Mentor"),
    "meeting_invite": N_("New-member meeting"),
    "coffee": N_("Coffee"),
    "task": N_("Task"),
    "first_activity": N_("First activity"),
    "after_activity": N_("Day after"),
}

#: What to do for each built-in step, in a sentence or two.
STEP_GUIDANCE: dict[str, str] = {
    "letter": N_("Print the welcome letter from Letters; printing it ticks this step."),
    "call": N_("Phone them soon after they join. Log the call: a call that reaches them "
               "ticks this step."),
    "interests": N_("In the call or over coffee, ask what they would like to do and what "
                    "they are good at, and note it on the card."),
    "mentor": N_("Ask an experienced member to be there for them: someone who answers "
                 "questions and introduces them to others."),
    "meeting_invite": N_("Invite them to the next meeting for new members and sign them up "
                         "for it."),
    "coffee": N_("Meet for a coffee, one or two of you, with no agenda. Log it as a "
                 "meeting."),
    "task": N_("Offer something to do that fits what they told you. Small is fine."),
    "first_activity": N_("Invite them in person and greet them when they come. The step "
                         "ticks itself when attendance is taken."),
    "after_activity": N_("The day after their first activity, send a short message: thank "
                         "them for coming and say you hope to see them again."),
}

#: How to hold a welcome call: the side panel of the welcome view.
CALL_GUIDE: tuple[tuple[str, str], ...] = (
    (N_("Listen first"),
     N_("Say who you are and that you are glad they joined. Then let them talk: a good "
        "welcome call is mostly listening.")),
    (N_("Ask why they joined"),
     N_("“What made you join us?” tells you what matters to them, and gives you something "
        "to come back to next time.")),
    (N_("Ask what they want to do"),
     N_("Some want to act, some to learn, some just to belong. Ask what they would enjoy "
        "and what they are good at. No answer is wrong.")),
    (N_("Invite them to the next activity"),
     N_("Name one concrete activity with its day and place, and offer to meet them there. "
        "If they say yes, sign them up while you are on the phone.")),
    (N_("Take notes"),
     N_("Write down what they said, what they want and are good at, and how the call felt. "
        "The next person who calls will be glad of it.")),
)


def step_title(step: StepDef) -> str:
    if step.title.strip():
        return step.title
    return _(STEP_TITLES[step.code]) if step.code in STEP_TITLES else step.code


def step_heading(step: StepDef) -> str:
    """A short column heading: the built-in step's short word, or the step's own title."""
    if step.title.strip():
        return step.title
    return _(STEP_HEADINGS[step.code]) if step.code in STEP_HEADINGS else step.code


def step_guidance(step: StepDef) -> str:
    if step.guidance.strip():
        return step.guidance
    return _(STEP_GUIDANCE[step.code]) if step.code in STEP_GUIDANCE else ""


def state_label(state: StepState) -> str:
    return {
        StepState.DONE: pgettext("welcome state", "Done"),
        StepState.DUE: pgettext("welcome state", "Due"),
        StepState.OVERDUE: pgettext("welcome state", "Overdue"),
        StepState.NOT_YET: pgettext("welcome state", "Not yet"),
        StepState.SKIPPED: pgettext("welcome state", "Skipped"),
    }[state]


#: A symbol per state, so the grid never speaks by colour alone.
STATE_SYMBOLS: dict[StepState, str] = {
    StepState.DONE: "✓",
    StepState.DUE: "●",
    StepState.OVERDUE: "!",
    StepState.NOT_YET: "·",
    StepState.SKIPPED: "–",
}


def short_date(on: date) -> str:
    """"3 Nov": dates in the grid are always within a few months of today."""
    return _short_date(on, current_locale())


@lru_cache(maxsize=4096)
def _short_date(on: date, locale: str) -> str:
    # A grid of thousands of cells repeats a few hundred days: format each once.
    return format_skeleton("MMMd", on, locale=locale)


def owner_label(owner: str) -> str:
    if owner == "caller":
        return pgettext("step owner", "The member's caller")
    if owner == "mentor":
        return pgettext("step owner", "The member's mentor")
    return board_role_label(owner)


def anchor_label(anchor: Anchor) -> str:
    return {
        Anchor.JOINED: _("after joining"),
        Anchor.FIRST_ACTIVITY: _("after the first activity"),
    }[anchor]


def fact_label(fact: Fact | None) -> str:
    """What ticks a step by itself (shown in the settings)."""
    if fact is None:
        return _("Only by hand")
    return {
        Fact.LETTER: _("A welcome letter is printed"),
        Fact.CALL: _("A call reaches them"),
        Fact.INTERESTS: _("Interests or skills are noted"),
        Fact.MENTOR: _("A mentor is chosen"),
        Fact.MEETING_INVITE: _("They sign up for a new-member meeting"),
        Fact.MET: _("A meeting with them is logged"),
        Fact.FIRST_ACTIVITY: _("They attend an activity"),
        Fact.AFTER_ACTIVITY: _("A message or call after their first activity"),
        Fact.TASK: _("A task is offered to them"),
    }[fact]


def evidence_text(evidence: Evidence) -> str:
    """How the app knows: "Letter printed 3 Nov", "Call reached them 5 Nov (Anna Lind)"."""
    when = short_date(evidence.on) if evidence.on else ""
    detail = evidence.detail
    fact = evidence.fact
    if fact is Fact.LETTER:
        return _("Welcome letter printed {date}").format(date=when)
    if fact is Fact.CALL:
        if detail:
            return _("Call reached them {date} ({caller})").format(date=when, caller=detail)
        return _("Call reached them {date}").format(date=when)
    if fact is Fact.INTERESTS:
        if evidence.on is None:
            return _("Interests or skills are on the card")
        return _("Asked in a contact {date}").format(date=when)
    if fact is Fact.MENTOR:
        return _("Mentor: {name}, since {date}").format(name=detail, date=when)
    if fact is Fact.MEETING_INVITE:
        return _("Signed up for “{activity}” {date}").format(activity=detail, date=when)
    if fact is Fact.MET:
        return _("Met in person {date}").format(date=when)
    if fact is Fact.FIRST_ACTIVITY:
        return _("Came to “{activity}” {date}").format(activity=detail, date=when)
    if fact is Fact.AFTER_ACTIVITY:
        return _("In touch after the first activity {date}").format(date=when)
    if fact is Fact.TASK:
        return _("Offered “{task}” {date}").format(task=detail, date=when)
    return when


def mark_text(mark: Mark, on: date, note: str) -> str:
    text = {
        Mark.DONE: _("Ticked by hand {date}"),
        Mark.SKIPPED: _("Skipped {date}"),
        Mark.OPEN: _("Marked as not done {date}"),
    }[mark].format(date=short_date(on))
    return f"{text}: {note}" if note else text


def cell_text(state: StepState, due_on: date | None, done_on: date | None, day: date,
              marked_on: date | None = None) -> str:
    """What a grid cell says, short enough for nine steps side by side: the state's symbol
    and the day that matters (done or skipped on, or to be done by); the legend names the
    symbols and the tooltip says it in words."""
    symbol = STATE_SYMBOLS[state]
    if state is StepState.DONE:
        return f"{symbol} {short_date(done_on)}" if done_on else f"{symbol} {state_label(state)}"
    if state is StepState.SKIPPED and marked_on is not None:
        return f"{symbol} {short_date(marked_on)}"
    if state is StepState.SKIPPED or due_on is None:
        return f"{symbol} {state_label(state)}"
    return f"{symbol} {short_date(due_on)}"


def late_text(due_on: date, day: date) -> str:
    late = (day - due_on).days
    return ngettext("{count} day late", "{count} days late", late).format(count=late)


def due_text(due_on: date | None, step: StepDef) -> str:
    if due_on is None:
        return _("Due {days} days {anchor}").format(days=step.offset_days,
                                                      anchor=anchor_label(step.anchor))
    return _("Due by {date}").format(date=format_date(due_on, "long"))


def task_status_label(status: TaskStatus) -> str:
    return {
        TaskStatus.OPEN: pgettext("task status", "Open"),
        TaskStatus.FILLED: pgettext("task status", "Filled"),
        TaskStatus.CLOSED: pgettext("task status", "Closed"),
    }[status]


def answer_label(answer: OfferAnswer) -> str:
    return {
        OfferAnswer.ACCEPTED: pgettext("offer answer", "Accepted"),
        OfferAnswer.DECLINED: pgettext("offer answer", "Declined"),
        OfferAnswer.THINKING: pgettext("offer answer", "Thinking about it"),
    }[answer]
