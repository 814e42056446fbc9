"""The action plan's table headers wrap between words, never inside one ("Timm/ar")."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from medlemsvard_app.documents.action_plan import (
    PlanDocument,
    PlanSection,
    build_action_plan,
)

HEADERS = {
    "sv": ("Aktivitet", "Ansvarig", "Datum", "Personer", "Budget", "Timmar", "Status"),
    "nb": ("Aktivitet", "Ansvarlig", "Dato", "Personer", "Budsjett", "Timer", "Status"),
    "long": ("Aktivitet", "Medlemsansvarig", "Datum", "Deltagarantal", "Kostnadsram",
             "Arbetstimmar", "Genomförandestatus"),
}


def _words(pdf: bytes) -> set[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return {w["text"] for page in doc.pages for w in page.extract_words()}


@pytest.mark.parametrize("language", sorted(HEADERS))
def test_every_header_word_is_printed_whole(language):
    header = HEADERS[language]
    rows = [("Bokbord på torget", "Madeleine Holmgren", "2026-09-19", "3", "2 000 kr", "9",
             "Klar")]
    doc = PlanDocument("Föreningen", "Plan", "2026", "Delmål", [], after_goals=[
        PlanSection("Aktiviteter", header=header, rows=rows, widths=(28, 17, 14, 11, 13, 8, 12))])
    words = _words(build_action_plan(doc))
    for title in header:
        assert title in words, title
