"""Long e-mails and addresses wrap inside their cell on a member list: nothing is cut."""

from __future__ import annotations

import io

import pdfplumber

from medlemsvard_app.documents.labels import TextMetrics
from medlemsvard_app.documents.member_list import wrap_cell
from medlemsvard_app.documents.styles import fonts
from tests.conftest import add_members

EMAIL = "maximiliana.aurora.von.hohenzollern@exempel-foreningen.example.org"
STREET = "Långa Vägen Som Aldrig Tar Slut Förrän Vid Stranden 123"
COLUMNS = ["member_number", "name", "address", "phone", "email", "joined_on", "status",
           "dues_state", "birth_date"]


def _column_text(pdf: bytes, title: str, next_title: str) -> str:
    """The text under one column header, lines joined without spaces."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        words = page.extract_words()
        head = next(w for w in words if w["text"] == title)
        after = next(w for w in words if w["text"] == next_title and w["x0"] > head["x0"])
        crop = page.crop((head["x0"] - 2, head["bottom"] + 1, after["x0"] - 2,
                          page.height - 40))
        return "".join((crop.extract_text() or "").split())


def test_a_long_e_mail_and_address_are_printed_whole_on_more_lines(session):
    add_members(session, {"given_name": "Maximiliana Aurora", "family_name":
                          "von Hohenzollern-Sigmaringen-Wittelsbach", "email": EMAIL,
                          "street": STREET, "postal_code": "11122", "city": "Stockholm",
                          "phone": "0701234567", "member_number": 9},
                {"given_name": "Kort", "family_name": "Namn", "email": "k@ex.se",
                 "member_number": 10})
    pdf = session.lists().make(columns=COLUMNS).pdf
    assert EMAIL in _column_text(pdf, "E-mail", "Joined")
    assert "".join(STREET.split()) in _column_text(pdf, "Address", "Phone")
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        assert "…" not in page.extract_text()
        rows = {round(w["top"]) for w in page.extract_words()
                if w["text"] in EMAIL and len(w["text"]) > 3}
        assert len(rows) >= 2  # the e-mail took more than one line of its row


def test_a_word_breaks_at_its_dots_and_before_its_at_sign():
    regular, _bold = fonts()
    metrics = TextMetrics(regular)
    lines = wrap_cell(EMAIL, metrics, 8.5, 40 * 72 / 25.4)
    assert "".join(lines) == EMAIL and len(lines) > 1
    assert all(metrics.width(line, 8.5) <= 40 * 72 / 25.4 for line in lines)
    for line, following in zip(lines, lines[1:], strict=False):  # broke at a dot, - or @
        assert line[-1] in ".-" or following.startswith("@")
    assert wrap_cell("short", metrics, 8.5, 100) == ["short"]
