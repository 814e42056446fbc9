"""A phone list per caller: each caller's people with their numbers and room for notes.

Pure, like the member list it is drawn with: every word arrives translated
(services/member_lists.py). Each caller starts on a new page, numbered on its own, so a
list can be handed to its caller as it is. Rows are taller than a member list's, so a
note can be written by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm

from medlemsvard_app.documents.member_list import (
    ListColumn,
    ListSection,
    Progress,
    TableDocument,
    build_table_pdf,
)


@dataclass(frozen=True, slots=True)
class PhoneListWords:
    """Column titles and page words, already translated."""

    name: str
    phone: str
    other_phone: str
    member_number: str
    notes: str
    page: str  # with {page} and {pages}
    empty: str


@dataclass(frozen=True, slots=True)
class CallerList:
    caller: str
    summary: str
    rows: Sequence[tuple[str, str, str, str]]  # name, phone, other phone, member number


def build_phone_list(association: str, title: str, subtitle: str, words: PhoneListWords,
                     callers: Sequence[CallerList], *, progress: Progress | None = None,
                     invariant: bool = False) -> bytes:
    columns = [ListColumn(words.name, bold=True), ListColumn(words.phone, bold=True),
               ListColumn(words.other_phone), ListColumn(words.member_number, align="right"),
               ListColumn(words.notes, blank=True)]
    sections = [ListSection(c.caller, [(*row, "") for row in c.rows], c.summary)
                for c in callers]
    doc = TableDocument(association, title, subtitle, columns, sections, page_text=words.page,
                        empty_text=words.empty, font_size=9.5, row_height=8.5 * mm,
                        landscape=False)
    return build_table_pdf(doc, progress=progress, invariant=invariant)
