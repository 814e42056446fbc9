"""Merge fields, the Swish QR text and the envelope presets."""

from __future__ import annotations

import pytest

from medlemsvard_app.domain.envelopes import PAGE_WIDTH_MM, PRESETS, clamp_offset, preset
from medlemsvard_app.domain.letters import (
    FIELDS,
    LetterTemplate,
    fields_in,
    merge,
    merge_text,
    paragraphs,
    unknown_fields,
)
from medlemsvard_app.domain.swish import swish_payload
from medlemsvard_app.i18n.letter_texts import default_template


def test_known_fields_are_replaced_and_unknown_ones_left_as_written():
    text = "Hej {call_name}! Nr {member_number}. {cal_name} { call_name } {} {{x"
    merged = merge_text(text, {"call_name": "Máret", "member_number": "12"})
    assert merged == "Hej Máret! Nr 12. {cal_name} Máret {} {{x"
    assert unknown_fields(text) == ["cal_name"]


def test_unknown_fields_never_raise_on_odd_text():
    for text in ("{", "}", "{\n}", "{" * 50, "{a b c}", "{" + "x" * 100 + "}", ""):
        merge_text(text, {})
        unknown_fields(text)
    assert unknown_fields("{a b c}") == ["a b c"]


def test_merge_covers_subject_body_and_signature():
    tpl = LetterTemplate("welcome", "sv", "Hej {call_name}", "{association}", "{chair}")
    merged = merge(tpl, {"call_name": "Ayşe", "association": "Föreningen", "chair": "Åke"})
    assert (merged.subject, merged.body, merged.signature) == ("Hej Ayşe", "Föreningen",
                                                               "Åke")


@pytest.mark.parametrize("template", ["welcome", "thanks", "dues_reminder", "direct_debit",
                                      "new_member_meeting"])
@pytest.mark.parametrize("language", ["sv", "nb", "en"])
def test_every_default_text_uses_only_known_fields(template, language):
    tpl = default_template(template, language)
    assert tpl.subject and tpl.body and tpl.signature
    assert unknown_fields(*tpl.texts()) == []
    assert "call_name" in fields_in(tpl.body)
    assert set(fields_in(tpl.body)) <= set(FIELDS)


def test_paragraphs_keep_single_line_breaks():
    assert paragraphs("a\nb\n\n\nc\r\n") == [["a", "b"], ["c"]]


def test_swish_c_format():
    assert swish_payload("123 456 78 90", 25000, "1234574") == "C1234567890;250,00;1234574;0"
    assert swish_payload("1234567890", 36050, "medlem 12 & år") \
        == "C1234567890;360,50;medlem%2012%20%26%20%C3%A5r;0"
    assert swish_payload("1234567890", None, "", editable=2) == "C1234567890;;;2"
    with pytest.raises(ValueError):
        swish_payload("", 100)


def test_presets_match_domain_figures_and_fit_the_page():
    din_a = preset("DIN-A")
    assert (din_a.zone.x, din_a.zone.y, din_a.zone.w, din_a.zone.h) == (20, 44.7, 85, 27.3)
    assert (preset("DIN-B").zone.y, preset("NO-safe").zone.h) == (62.7, 22)
    for p in PRESETS:
        assert p.window.contains(p.zone), p.id
        assert p.window.right <= PAGE_WIDTH_MM - 5
        assert p.max_lines >= 5
    assert preset("SE-H2").verify and preset("SE-V2").verify and not din_a.verify
    assert preset("nonsense") is PRESETS[0]
    assert clamp_offset(50) == 10 and clamp_offset(-50) == -10
