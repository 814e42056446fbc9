"""Member lists and phone lists read back from the PDF: order, pages, headers, margins."""

from __future__ import annotations

import io
from datetime import date

import pdfplumber
import pytest

from medlemsvard_app.domain.calls import RoundPurpose
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.storage.mailings import MailingRepository
from tests.conftest import add_members

PT = 72 / 25.4
FAMILIES = ["Ödegaard", "Åberg", "Ärlig", "Zetterlund", "Aas", "Ørn", "Æbeltoft", "Berg"]


def pages(pdf: bytes):
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [(p.width, p.height, p.extract_text(), list(p.chars)) for p in doc.pages]


def names_in_order(pdf: bytes) -> list[str]:
    found = []
    for _w, _h, text, _chars in pages(pdf):
        for line in text.splitlines():
            family = line.split(",")[0].strip()
            if family in FAMILIES:
                found.append(family)
    return found


def add_families(session, postal_code: str = "11122"):
    add_members(session, *[{"given_name": "Test", "family_name": f, "street": "Gatan 1",
                            "postal_code": postal_code, "city": "Staden"} for f in FAMILIES])


def test_a_swedish_list_sorts_a_after_z_then_a_umlaut_then_o_umlaut(session):
    add_families(session)
    result = session.lists().make(columns=["name", "phone"])
    assert names_in_order(result.pdf) == ["Aas", "Berg", "Zetterlund", "Åberg", "Æbeltoft",
                                          "Ärlig", "Ödegaard", "Ørn"]


def test_a_norwegian_list_sorts_ae_o_slash_a_ring_and_aa_as_a_ring(no_session):
    add_families(no_session, "0161")
    result = no_session.lists().make(columns=["name", "phone"])
    assert names_in_order(result.pdf) == ["Berg", "Zetterlund", "Æbeltoft", "Ärlig",
                                          "Ödegaard", "Ørn", "Åberg", "Aas"]


def test_a_long_list_repeats_its_header_and_numbers_its_pages(session):
    add_members(session, *[{"given_name": f"Person{i:03d}", "family_name": "Lind",
                            "member_number": i + 1, "email": f"p{i}@example.org"}
                           for i in range(120)])
    result = session.lists().make(columns=["member_number", "name", "email"])
    read = pages(result.pdf)
    assert result.rows == 120 and result.pages == len(read) >= 3
    for n, (width, height, text, chars) in enumerate(read, start=1):
        assert width < height  # three columns fit upright
        assert "Name" in text and "E-mail" in text  # the header row on every page
        assert f"Page {n} of {len(read)}" in text
        for ch in chars:  # nothing in the printers' unprintable edge
            assert ch["x0"] >= 5 * PT and ch["x1"] <= width - 5 * PT
            assert ch["top"] >= 5 * PT and ch["bottom"] <= height - 5 * PT
    assert "Testföreningen" in read[0][2] and "25 November 2026" in read[0][2]
    assert sum(t.count("Person") for _w, _h, t, _c in read) == 120


def test_many_columns_turn_the_page_and_stay_inside_it(session):
    add_members(session, {"given_name": "Maximiliana Aurora", "family_name":
                          "von Hohenzollern-Sigmaringen-Wittelsbach", "email":
                          "maximiliana.aurora.von.hohenzollern@exempel-foreningen.example.org",
                          "street": "Långa Vägen Som Aldrig Tar Slut 123", "postal_code": "11122",
                          "city": "Stockholm", "phone": "0701234567", "member_number": 9})
    columns = ["member_number", "name", "address", "phone", "email", "joined_on", "status",
               "dues_state", "birth_date"]
    result = session.lists().make(columns=columns)
    (width, height, text, chars), = pages(result.pdf)
    assert width > height
    for ch in chars:
        assert ch["x0"] >= 5 * PT and ch["x1"] <= width - 5 * PT
    assert "Membership" in text and "Dues" in text


def test_protected_identity_is_left_out_of_lists(session):
    add_members(session, {"given_name": "Hemlig", "family_name": "Person",
                          "protected_identity": True},
                {"given_name": "Öppen", "family_name": "Person"})
    result = session.lists().make()
    assert result.rows == 1 and result.left_out_protected == 1
    assert "Hemlig" not in pages(result.pdf)[0][2]


def test_unknown_columns_are_refused(session):
    with pytest.raises(DomainError) as err:
        session.lists().make(columns=["name", "identity_number"])
    assert err.value.code == "list_column_unknown"


def test_a_printed_list_is_logged(session):
    add_families(session)
    lists = session.lists()
    result = lists.make(filters=["current"])
    lists.record(result)
    mailing = MailingRepository(session.db).recent()[0]
    assert mailing.kind == "list" and mailing.member_count == len(FAMILIES)


def test_phone_lists_give_each_caller_their_own_pages(session):
    add_members(session, *[{"given_name": f"Ny{i}", "family_name": f, "phone": f"070123456{i}",
                            "joined_on": date(2026, 11, 1)} for i, f in enumerate(FAMILIES)])
    add_members(session, {"given_name": "Ring", "family_name": "Inte", "phone": "0709999999",
                          "joined_on": date(2026, 11, 2), "do_not_call": True})
    calls = session.calls()
    a = calls.add_caller("Åsa Caller").id
    b = calls.add_caller("Bo Caller").id
    calls.start(RoundPurpose.NEW_MEMBERS, [a, b])
    result = session.lists().phone_lists()
    read = pages(result.pdf)
    assert len(read) == 2
    assert "Bo Caller" in read[0][2] and "Åsa Caller" in read[1][2]  # callers by name
    assert all("Page 1 of 1" in t for _w, _h, t, _c in read)
    assert result.rows == len(FAMILIES)
    assert "070-123 45 60" in "".join(t for _w, _h, t, _c in read) or "070" in read[0][2]
    assert "Notes" in read[0][2]


def test_phone_lists_need_a_round(session):
    with pytest.raises(DomainError) as err:
        session.lists().phone_lists()
    assert err.value.code == "list_no_round"
