"""The register extract names a member's mailings in words ("Brev: Välkomstbrev"), not in
codes ("letter · welcome", "labels · L7160"); the JSON keeps the codes."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from pypdf import PdfReader

from medlemsvard_app.i18n import set_language
from medlemsvard_app.storage.mailings import Mailing, MailingRepository
from tests.conftest import add_members


@pytest.fixture
def swedish():
    set_language("sv")
    yield
    set_language("en")


def test_mailings_in_the_extract_are_words_in_the_pdf_and_codes_in_the_json(session,
                                                                             swedish):
    (eva,) = add_members(session, {"given_name": "Eva", "family_name": "Ek",
                                   "member_number": 1})
    mailings = MailingRepository(session.db)
    mailings.record(Mailing("letter", date(2026, 2, 2), "welcome"), [eva.id])
    mailings.record(Mailing("labels", date(2026, 2, 23), "L7160"), [eva.id])
    mailings.record(Mailing("labels", date(2026, 3, 1), "custom:Klubbens-ark"), [eva.id])
    mailings.record(Mailing("list", date(2026, 2, 23), "member_list"), [eva.id])
    privacy = session.privacy()
    pdf = privacy.extract_pdf(eva.id)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Brev: Välkomstbrev" in text
    assert "Adressetiketter: Avery L7160" in text
    assert "Adressetiketter: Klubbens ark" in text
    assert "Medlemslista" in text
    for code in ("letter", "labels ·", "member_list", "welcome"):
        assert code not in text
    data = json.loads(privacy.extract_json(eva.id))
    assert {(m["kind"], m["template"]) for m in data["mailings"]} == {
        ("letter", "welcome"), ("labels", "L7160"), ("labels", "custom:Klubbens-ark"),
        ("list", "member_list")}
