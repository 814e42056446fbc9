"""Words for the activity codes (kinds, how someone signed up), shared by the activities page,
the add-activity dialog, the call panel, the member card and the command line."""

from __future__ import annotations

from medlemsvard_app.domain.activities import ActivityKind, SignUpVia, kind_code
from medlemsvard_app.i18n import _, pgettext


def _kind_words() -> dict[ActivityKind, str]:
    return {
        ActivityKind.MEETING: pgettext("activity kind", "Member meeting"),
        ActivityKind.NEW_MEMBER_MEETING: pgettext("activity kind", "New-member meeting"),
        ActivityKind.STUDY_CIRCLE: pgettext("activity kind", "Study circle"),
        ActivityKind.COURSE: pgettext("activity kind", "Course"),
        ActivityKind.TALK: pgettext("activity kind", "Talk"),
        ActivityKind.DEBATE: pgettext("activity kind", "Debate evening"),
        ActivityKind.PARTY: pgettext("activity kind", "Party"),
        ActivityKind.POTLUCK: pgettext("activity kind", "Potluck"),
        ActivityKind.COFFEE: pgettext("activity kind", "Coffee with new members"),
        ActivityKind.DROP_IN: pgettext("activity kind", "Drop-in evening"),
        ActivityKind.FILM_NIGHT: pgettext("activity kind", "Film night"),
        ActivityKind.CULTURE_EVENING: pgettext("activity kind", "Culture evening"),
        ActivityKind.QUIZ: pgettext("activity kind", "Quiz or competition"),
        ActivityKind.OUTING: pgettext("activity kind", "Outing"),
        ActivityKind.STALL: pgettext("activity kind", "Stall"),
        ActivityKind.CANVASSING: pgettext("activity kind", "Door-knocking and leafleting"),
    }


def kind_label(kind: str) -> str:
    """The suggestion's word in the current language, or the user's own kind as typed."""
    try:
        return _kind_words()[ActivityKind(kind)]
    except ValueError:
        return kind


def kind_suggestions() -> list[tuple[str, str]]:
    """(code, word) for every suggested kind, in the order of the list above."""
    return [(k.value, word) for k, word in _kind_words().items()]


def kind_from_text(text: str) -> str:
    """What the user typed or picked, as stored: a suggestion's word in the current
    language (or its code) becomes the code; anything else stays the user's own kind."""
    cleaned = " ".join(text.split())
    for code, word in kind_suggestions():
        if cleaned.casefold() == word.casefold():
            return code
    return kind_code(cleaned)


def via_label(via: SignUpVia) -> str:
    return {
        SignUpVia.LIST: pgettext("signed up via", "list"),
        SignUpVia.CALL: pgettext("signed up via", "call"),
        SignUpVia.CARD: pgettext("signed up via", "member card"),
        SignUpVia.CLI: pgettext("signed up via", "command line"),
        SignUpVia.IMPORT: pgettext("signed up via", "import"),
    }[via]


def first_time_label() -> str:
    """Shown as text beside a first-timer (never a colour alone)."""
    return _("first time")
