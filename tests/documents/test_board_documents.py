"""The board's handouts as documents: data in, PDF out, whatever the amount of text."""

from __future__ import annotations

from pypdf import PdfReader

from medlemsvard_app.documents.action_plan import (
    PlanDocument,
    PlanGoal,
    PlanSection,
    build_action_plan,
)
from medlemsvard_app.documents.swot_handout import SwotField, SwotHandout, build_swot_handout


def _read(pdf: bytes, tmp_path) -> PdfReader:
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    return PdfReader(str(path))


def test_a_crowded_swot_still_fits_one_landscape_page(tmp_path):
    cards = [f"Card number {i}: a longer thought about the association and its members"
             for i in range(30)]
    fields = [SwotField(title, "question?", cards) for title in ("S", "W", "O", "T")]
    reader = _read(build_swot_handout(SwotHandout(
        "Laget", "SWOT", "today", fields, "Internal", "External", empty="(none)")), tmp_path)
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height
    text = page.extract_text()
    assert "Card number 0:" in text and "Card number 29:" in text


def test_an_empty_field_says_so_and_odd_characters_print(tmp_path):
    fields = [SwotField("Styrker", "?", ["Máret Áŋŋir & co <leder>"]),
              SwotField("Svakheter", "?", []), SwotField("Muligheter", "?", []),
              SwotField("Trusler", "?", [])]
    text = _read(build_swot_handout(SwotHandout(
        "Laget", "SWOT", "", fields, "Intern", "Ekstern", empty="(ingen kort ennå)")),
        tmp_path).pages[0].extract_text()
    assert "Máret Áŋŋir & co <leder>" in text and text.count("(ingen kort ennå)") == 3


def test_a_plan_without_rows_shows_a_dash_and_bars_only_for_measured_goals(tmp_path):
    doc = PlanDocument("Laget", "Plan", "2026", "Delmål",
                       [PlanGoal("Tjue nye", "Mål: 20", "12 av 20", 0.6),
                        PlanGoal("Være hyggelige", "innen 31.12.2026")],
                       before_goals=[PlanSection("Overordnet mål", "Vokse")],
                       after_goals=[PlanSection("Kanaler", header=("Kanal", "Hvordan"))])
    text = _read(build_action_plan(doc), tmp_path).pages[0].extract_text()
    assert "12 av 20" in text and "Være hyggelige" in text and "—" in text
