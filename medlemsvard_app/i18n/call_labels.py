"""Words for the call codes (outcome, mood), shared by the call panel, sheets and history."""

from __future__ import annotations

from medlemsvard_app.domain.calls import CallOutcome, Mood
from medlemsvard_app.i18n import pgettext


def outcome_label(outcome: CallOutcome) -> str:
    return {
        CallOutcome.REACHED: pgettext("call outcome", "Reached"),
        CallOutcome.NO_ANSWER: pgettext("call outcome", "No answer"),
        CallOutcome.MESSAGE: pgettext("call outcome", "Left a message"),
        CallOutcome.WRONG_NUMBER: pgettext("call outcome", "Wrong number"),
        CallOutcome.DO_NOT_CALL: pgettext("call outcome", "Do not call again"),
    }[outcome]


def mood_label(mood: Mood) -> str:
    return {
        Mood.POSITIVE: pgettext("call mood", "Positive"),
        Mood.NEUTRAL: pgettext("call mood", "Neutral"),
        Mood.NEGATIVE: pgettext("call mood", "Negative"),
    }[mood]
