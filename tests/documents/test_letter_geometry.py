"""Letters measured on the paper: the address in the envelope window of every preset (with
and without a printer correction), nothing in the unprintable edge, one page per member,
every letter of every name intact, and never an identity number."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

import pdfplumber
import pytest
from pypdf import PdfReader

from medlemsvard_app.documents.letter import (
    ContactCard,
    Letter,
    Letterhead,
    LetterLayout,
    PaymentBox,
    build_letters,
)
from medlemsvard_app.domain.envelopes import PRESETS, PRINTABLE_MARGIN_MM, preset
from medlemsvard_app.services.letters import calibration_pdf
from tests.conftest import add_members

MM = 72 / 25.4

NAMES = [
    ("Máret", "Áŋŋir"),  # North Sámi
    ("Łukasz", "Żółć-Wąsik"),  # Polish
    ("Ayşe", "Yılmaz Çelik"),  # Turkish
    ("Åsa", "Öberg"),
    ("Bjørn", "Ærø"),
]


def _head() -> Letterhead:
    return Letterhead(
        "Föreningen Framåt", None, ["Kungsgatan 1", "111 20  STOCKHOLM", "08-12 34 56"],
        "Föreningen Framåt · Kungsgatan 1 · 111 20 Stockholm",
        [ContactCard("Ordförande", "Åke Ödmark", "070-111 22 33", "ake@example.se"),
         ContactCard("Kassör", "Đorđe Šćepanović", "070-222 33 44", "dj@example.se"),
         ContactCard("Medlemsansvarig", "Gülşen Ağaoğlu", "070-333 44 55", "g@example.se"),
         ContactCard("Sekreterare", "Ŋåvvå Čuđe", "070-444", "n@example.se")])


def _letter(address: list[str], payment: bool = False) -> Letter:
    box = PaymentBox("Så här betalar du", [("Belopp", "360,00 kr"), ("Bankgiro", "123-4567"),
                                           ("OCR-nummer", "1234574")],
                     "C1234567890;360,00;1234574;0", "Skanna med Swish") if payment else None
    return Letter(address, "Välkommen!", "Hej!\n\nEn rad.\nEn till.\n\nSista stycket.",
                  "Varma hälsningar\nÅke", ["Medlemsnummer 12", "Stockholm 25 november 2026"],
                  box)


ADDRESS = ["Ŋåvvå Čuđe-Yılmaz", "c/o Żółć", "Storgatan 12 lgh 1101", "111 22  STOCKHOLM",
           "NORGE"]


def _bbox(page, text: str) -> tuple[float, float, float, float]:
    pattern = r"\s+".join(re.escape(part) for part in text.split())
    found = page.search(pattern, regex=True)
    assert found, f"{text!r} not on the page"
    hit = found[0]
    return hit["x0"], hit["top"], hit["x1"], hit["bottom"]


@pytest.mark.parametrize("offset", [(0.0, 0.0), (3.0, -2.5), (-4.0, 5.0)])
@pytest.mark.parametrize("preset_id", [p.id for p in PRESETS])
def test_the_address_block_is_inside_the_window_zone(preset_id, offset):
    chosen = preset(preset_id)
    pdf = build_letters(_head(), [_letter(ADDRESS)],
                        LetterLayout(chosen, offset_x=offset[0], offset_y=offset[1]))
    zone = chosen.zone.moved(*offset)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        for line in ADDRESS:
            x0, top, x1, bottom = _bbox(page, line)
            assert x0 >= zone.x * MM - 0.01, (line, x0 / MM, zone.x)
            assert x1 <= zone.right * MM + 0.01, (line, x1 / MM, zone.right)
            assert top >= zone.y * MM - 0.01, (line, top / MM, zone.y)
            assert bottom <= zone.bottom * MM + 0.01, (line, bottom / MM, zone.bottom)
        # Nothing else is in the recipient zone: the return address stays above it.
        for word in page.extract_words():
            inside = (zone.x * MM <= word["x0"] < zone.right * MM
                      and zone.y * MM <= word["top"] < zone.bottom * MM)
            if inside:
                assert any(word["text"] in line for line in ADDRESS), word["text"]


def test_a_long_address_shrinks_to_fit_and_stays_in_the_zone():
    long = ["Maria-Magdalena Åkesson-Nordenskiöld af Ströms Gyllenhjelm",
            "c/o Stiftelsen Nordenskiöldska Bostäder", "Drottning Kristinas väg 123 lgh 1104",
            "Övre Trappan, Hus B", "114 28  STOCKHOLM", "SVERIGE"]
    chosen = preset("NO-safe")  # the smallest zone
    pdf = build_letters(_head(), [_letter(long)], LetterLayout(chosen))
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        words = [w for w in page.extract_words(extra_attrs=["size"])
                 if chosen.zone.y * MM - 1 <= w["top"] <= chosen.zone.bottom * MM
                 and w["x0"] < chosen.zone.right * MM]
        assert words
        for w in words:
            assert w["x1"] <= chosen.zone.right * MM + 0.01
            assert w["bottom"] <= chosen.zone.bottom * MM + 0.01
            assert w["size"] >= 6.99


@pytest.mark.parametrize("preset_id", [p.id for p in PRESETS])
def test_nothing_is_printed_in_the_unprintable_edge(preset_id):
    pdf = build_letters(_head(), [_letter(ADDRESS, payment=True)],
                        LetterLayout(preset(preset_id)))
    _assert_inside_margins(pdf)


def test_the_calibration_page_keeps_to_the_printable_area_too():
    _assert_inside_margins(calibration_pdf("sv"))


def _assert_inside_margins(pdf: bytes) -> None:
    low = PRINTABLE_MARGIN_MM * MM - 0.01
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            high_x, high_y = page.width - low, page.height - low
            objects = page.chars + page.lines + page.rects + page.images + page.curves
            assert objects
            for obj in objects:
                assert obj["x0"] >= low and obj["x1"] <= high_x, obj.get("text", obj)
                assert obj["top"] >= low and obj["bottom"] <= high_y, obj.get("text", obj)


def test_a_letter_too_long_for_one_page_continues_on_the_next():
    body = "\n\n".join(f"Stycke {i}: " + "ord " * 60 for i in range(14))
    letter = replace(_letter(ADDRESS), body=body)
    pdf = build_letters(_head(), [letter, _letter(ADDRESS)], LetterLayout(preset("DIN-A")))
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 3
    assert "Stycke 13" in pages[1].extract_text()
    assert "Ŋåvvå Čuđe-Yılmaz · 2" in pages[1].extract_text()
    assert "Varma hälsningar" in pages[1].extract_text()


# -- through the service: real members, page counts, names, identity numbers -----------------

@pytest.fixture
def members(session):
    assoc = session.association
    session.save_association(replace(assoc, identity_number_enabled=True,
                                     identity_number_purpose="Skatteavdrag"))
    people = [{"given_name": g, "family_name": f, "street": f"Gatan {i}",
               "postal_code": "11122", "city": "Stockholm",
               "joined_on": date(2026, 10, 1)} for i, (g, f) in enumerate(NAMES, start=1)]
    people[3]["identity_number"] = "19800101-0027"
    people[3]["birth_date"] = date(1980, 1, 1)
    return add_members(session, *people)


def test_one_page_per_member_and_every_name_intact(session, members):
    letters = session.letters()
    batch = letters.make_for("welcome", "sv", member_ids=[m.id for m in members])
    reader = PdfReader(io.BytesIO(batch.pdf))
    assert len(reader.pages) == len(members) == batch.pages
    text = "\n".join(p.extract_text() for p in reader.pages)
    for given, family in NAMES:
        assert f"{given} {family}" in text
    for letter in "åäöæøÅÄÖÆØčđŋšŧžłżźąęİışğç":
        if letter in "".join(g + f for g, f in NAMES):
            assert letter in text


def test_no_identity_number_anywhere_in_a_letter(session, members):
    stored = session.register().get(members[3].id)
    assert stored.identity_number  # the register holds it ...
    pdf = session.letters().make_for("dues_reminder", "sv",
                                     member_ids=[m.id for m in members]).pdf
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    # ... and no letter prints it, in any form.
    digits = re.sub(r"\D", "", stored.identity_number)
    assert "0027" not in text
    assert digits not in re.sub(r"\D", "", text)
    assert "800101" not in re.sub(r"\s", "", text)
