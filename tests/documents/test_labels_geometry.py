"""Labels measured on the paper: the PDF read back with pdfplumber, every character checked
against the rectangle of the label it belongs to, on every sheet we offer (issue 6 §9)."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from reportlab.lib.units import mm

from medlemsvard_app.documents.labels import build_labels, build_test_page
from medlemsvard_app.domain.addresses import AddressStyle, Recipient, address_lines
from medlemsvard_app.domain.label_sheets import (
    PAGE_HEIGHT,
    PAGE_WIDTH,
    PRINTABLE_MARGIN,
    pages_needed,
)
from medlemsvard_app.services.labels import builtin_sheets

SHEETS = list(builtin_sheets())
SE = AddressStyle("SE")
PT = 72 / 25.4  # points per millimetre

TRICKY = [
    Recipient("Åsa Öberg", "Storgatan 12 lgh 1102", "", "11122", "Stockholm"),
    Recipient("Máret Áŋŋir-Čuđđi", "Johtingeaidnu 4", "", "98131", "Giron"),
    Recipient("Łukasz Żółkiewski-Wiśniewski", "Ulica Długa 15", "", "00-950", "Warszawa", "PL"),
    Recipient("Ayşe Yılmaz Gündoğdu", "Büyükdere Caddesi 185", "", "34394", "İstanbul", "TR"),
    Recipient("Bjørn Ødegård", "Karl Johans gate 32", "Kari Ås", "0161", "Oslo", "NO"),
    Recipient("Maximiliana Aurora Konstantia von Hohenzollern-Sigmaringen-Wittelsbach",
              "Långa Vägen Som Aldrig Tar Slut Och Fortsätter Ännu Längre 123 B lgh 1304\n"
              "Postbox 3344 Sorteringsavdelningen Norra Porten",
              "Familjen Andersson-Lindqvist på Ekbacken", "12345",
              "Norrfjärdens Övre Skogsbyggd Vid Den Stora Sjön"),
    Recipient("Ola Nordmann", "Postboks 1234 Sentrum", "", "0106", "Oslo", "NO"),
    Recipient("X" * 90, "Y" * 120, "", "99999", "Z" * 80, "DE"),
]


def tricky_lines(count: int) -> list[list[str]]:
    return [address_lines(TRICKY[i % len(TRICKY)], SE) for i in range(count)]


def read_pages(pdf: bytes):
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [(p.width, p.height, list(p.chars)) for p in doc.pages]


def rect_pt(sheet, index):
    x, y, w, h = sheet.rect(index)
    return x * PT, y * PT, (x + w) * PT, (y + h) * PT  # left, top, right, bottom


def label_of(sheet, char) -> int | None:
    cx = (char["x0"] + char["x1"]) / 2
    cy = (char["top"] + char["bottom"]) / 2
    for index in range(sheet.per_sheet):
        left, top, right, bottom = rect_pt(sheet, index)
        if left <= cx <= right and top <= cy <= bottom:
            return index
    return None


@pytest.mark.parametrize("sheet", SHEETS, ids=[s.id for s in SHEETS])
def test_every_character_stays_inside_its_label_and_the_printable_area(sheet):
    start = 3
    count = sheet.per_sheet + 2  # two pages: the rest of the first sheet, then a second
    pdf = build_labels(sheet, tricky_lines(count), start=start)
    pages = read_pages(pdf)
    assert len(pages) == pages_needed(count, sheet, start) == 2
    used = set()
    for page_no, (width, height, chars) in enumerate(pages):
        assert abs(width - PAGE_WIDTH * PT) < 0.5 and abs(height - PAGE_HEIGHT * PT) < 0.5
        assert chars
        for ch in chars:
            index = label_of(sheet, ch)
            assert index is not None, (sheet.id, ch["text"], ch["x0"], ch["top"])
            left, top, right, bottom = rect_pt(sheet, index)
            tol = 0.01
            assert left + 3 * PT - tol <= ch["x0"] and ch["x1"] <= right - 3 * PT + tol, (
                sheet.id, index, ch["text"])
            assert top + 2 * PT - tol <= ch["top"] and ch["bottom"] <= bottom - 2 * PT + tol, (
                sheet.id, index, ch["text"])
            margin = PRINTABLE_MARGIN * PT - tol
            assert margin <= ch["x0"] and ch["x1"] <= width - margin
            assert margin <= ch["top"] and ch["bottom"] <= height - margin
            used.add((page_no, index))
    first_page = {i for p, i in used if p == 0}
    assert min(first_page) == start - 1  # labels 1 and 2 of the used sheet stay blank
    assert first_page == set(range(start - 1, sheet.per_sheet))
    assert {i for p, i in used if p == 1} == set(range(count - (sheet.per_sheet - start + 1)))


def test_the_letters_of_every_name_come_out_intact():
    sheet = next(s for s in SHEETS if s.id == "L7163")  # wide labels: nothing is cut
    names = ["Åsa Öberg Ärlig", "Bjørn Ødegård Æsir", "Máret Áŋŋir Čuđđi Šáva Ŧuŧŧe Žár",
             "Łukasz Żółkiewski Ćma Ńo Ęą Śź", "Ayşe Yılmaz Ğüç İÖŞ"]
    labels = [[n, "Gatan 1", "111 22  ORT"] for n in names]
    with pdfplumber.open(io.BytesIO(build_labels(sheet, labels))) as doc:
        text = doc.pages[0].extract_text()
    for name in names:
        assert name in text


def test_labels_land_by_pitch_not_by_nominal_height():
    """On the edge-to-edge 70×42.3 sheet the rows are 297/7 = 42.43 mm apart, not 42.3
    (which would put the last row 0.77 mm too high)."""
    sheet = next(s for s in SHEETS if s.id == "70x42.3")
    labels = [[f"Rad {i // 3 + 1} kolumn {i % 3 + 1}"] for i in range(sheet.per_sheet)]
    (_w, _h, chars), = read_pages(build_labels(sheet, labels))
    last = [c for c in chars if abs(c["x0"] - 5 * PT) < 1 and c["text"] == "R"]
    tops = sorted(c["top"] for c in last)
    assert len(tops) == 7
    # The first and last rows are clipped by the printable margin; rows 2-6 are not.
    pitch = (tops[5] - tops[1]) / 4 / PT
    assert abs(pitch - 297 / 7) < 0.01


def test_a_label_reads_back_as_its_address_in_order():
    sheet = next(s for s in SHEETS if s.id == "L7160")
    lines = [["Anna Ek", "Byvägen 3", "444 55  ALINGSÅS"],
             ["Per Lind", "c/o Ek", "Torget 1", "0161 Oslo", "NORGE"]]
    with pdfplumber.open(io.BytesIO(build_labels(sheet, lines, start=5))) as doc:
        page = doc.pages[0]
        for n, expected in ((5, lines[0]), (6, lines[1])):
            left, top, right, bottom = rect_pt(sheet, n - 1)
            text = page.crop((left, top, right, bottom)).extract_text().splitlines()
            # pdfplumber reads the two spaces after a Swedish postal code as one
            assert text == [" ".join(line.split()) for line in expected]
        left, top, right, bottom = rect_pt(sheet, 3)
        assert page.crop((left, top, right, bottom)).extract_text() == ""


def test_text_shrinks_before_it_wraps_and_never_goes_below_seven_points():
    sheet = next(s for s in SHEETS if s.id == "L7159")  # the smallest labels
    short = ["Anna Ek", "Byvägen 3", "444 55  ALINGSÅS"]
    (_w, _h, chars), = read_pages(build_labels(sheet, [short, tricky_lines(6)[5]]))
    sizes_first = {round(c["size"], 1) for c in chars if label_of(sheet, c) == 0}
    sizes_long = {round(c["size"], 1) for c in chars if label_of(sheet, c) == 1}
    assert sizes_first == {10.0}
    assert min(sizes_long) >= 7.0 and max(sizes_long) < 10.0


def test_the_test_page_outlines_every_label_with_its_number():
    sheet = next(s for s in SHEETS if s.id == "70x37")
    pdf = build_test_page(sheet, ["Test page", "Print at actual size"])
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        words = {w["text"] for w in page.extract_words()}
        assert {str(n) for n in range(1, sheet.per_sheet + 1)} <= words
        outlines = [r for r in page.rects + page.curves
                    if abs(r["width"] - 70 * mm) < 0.5 and abs(r["height"] - 37.125 * mm) < 0.5]
        assert len(outlines) >= sheet.per_sheet


def test_a_printer_offset_moves_everything_by_that_much():
    sheet = next(s for s in SHEETS if s.id == "L7160")
    plain = read_pages(build_labels(sheet, [["Anna Ek"]]))[0][2]
    moved = read_pages(build_labels(sheet, [["Anna Ek"]], offset=(1.5, -2.0)))[0][2]
    assert abs(moved[0]["x0"] - plain[0]["x0"] - 1.5 * PT) < 0.05
    assert abs(moved[0]["top"] - plain[0]["top"] + 2.0 * PT) < 0.05


def test_a_sheet_of_your_own_is_measured_the_same_way():
    from medlemsvard_app.domain.label_sheets import sheet_from_dict

    sheet = sheet_from_dict({"id": "custom:Egen", "description": "Egen", "columns": 4,
                             "rows": 10, "label_width": 48.5, "label_height": 25.4,
                             "left": 8, "top": 21.5, "pitch_x": 48.5, "pitch_y": 25.4},
                            custom=True)
    pdf = build_labels(sheet, tricky_lines(sheet.per_sheet), start=1)
    (_w, _h, chars), = read_pages(pdf)
    for ch in chars:
        index = label_of(sheet, ch)
        assert index is not None
        left, top, right, bottom = rect_pt(sheet, index)
        assert left < ch["x0"] and ch["x1"] < right and top < ch["top"] and ch["bottom"] < bottom
