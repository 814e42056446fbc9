"""Letter templates and merge fields, without Qt or SQL.

A template is three texts the association may reword: the subject line, the body and the
signature. ``{call_name}`` and the other fields in ``FIELDS`` are replaced per member; a
field the app does not know (a typo like ``{cal_name}``) is left as written and reported,
so the editor can point at it; nothing here ever raises on a user's text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

TEMPLATE_IDS: tuple[str, ...] = ("welcome", "thanks", "dues_reminder", "direct_debit",
                                 "new_member_meeting")
LANGUAGES: tuple[str, ...] = ("sv", "nb", "en")

#: Every merge field, in the order the editor offers them.
FIELDS: tuple[str, ...] = (
    "call_name", "full_name", "given_name", "family_name", "member_number", "joined_on",
    "association", "board_contacts", "membership_officer", "chair", "next_activities",
    "next_meeting", "fee", "reference", "due_date", "payment_details", "today",
)

#: ``{name}`` with anything but braces and line breaks inside, so "{ call name }" is found
#: (and reported) too.
_FIELD = re.compile(r"\{([^{}\n]{1,40})\}")


@dataclass(frozen=True, slots=True)
class LetterTemplate:
    template: str
    language: str
    subject: str
    body: str
    signature: str

    def texts(self) -> tuple[str, str, str]:
        return self.subject, self.body, self.signature


@dataclass(frozen=True, slots=True)
class Merged:
    subject: str
    body: str
    signature: str


def fields_in(text: str) -> list[str]:
    """The field names written in ``text``, in order, each once."""
    seen: list[str] = []
    for match in _FIELD.finditer(text):
        name = match.group(1).strip()
        if name not in seen:
            seen.append(name)
    return seen


def unknown_fields(*texts: str) -> list[str]:
    """Names in braces that are not merge fields, as written (for the editor to show)."""
    known = set(FIELDS)
    out: list[str] = []
    for text in texts:
        for name in fields_in(text):
            if name not in known and name not in out:
                out.append(name)
    return out


def merge_text(text: str, values: Mapping[str, str]) -> str:
    """Replace each known field with its value; anything else stays exactly as written."""
    def replace(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        value = values.get(name)
        return match.group(0) if value is None else str(value)

    return _FIELD.sub(replace, text)


def merge(template: LetterTemplate, values: Mapping[str, str]) -> Merged:
    return Merged(merge_text(template.subject, values), merge_text(template.body, values),
                  merge_text(template.signature, values))


def paragraphs(body: str) -> list[list[str]]:
    """A body as paragraphs (blank lines between) of lines (single line breaks kept)."""
    out: list[list[str]] = []
    current: list[str] = []
    for line in body.replace("\r\n", "\n").split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out
