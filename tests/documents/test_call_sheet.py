"""The printed call sheet: what a caller reads on paper, and ``calls sheet`` on the CLI."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from medlemsvard_app.cli import main
from medlemsvard_app.documents.call_sheet import build_call_sheet
from medlemsvard_app.domain.calls import CallOutcome, RoundPurpose
from medlemsvard_app.services.call_sheets import call_sheet, find_round
from medlemsvard_app.services.session import open_session
from tests.conftest import TODAY, add_members


def _pages(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def round_id(session):
    add_members(
        session,
        {"given_name": "Åsa", "family_name": "Öberg", "phone": "0701234567",
         "identity_number": "19800101-0017", "joined_on": date(2026, 11, 20)},
        {"given_name": "Máret", "family_name": "Áŋŋir", "phone": "0702345678"},
        {"given_name": "Łukasz", "family_name": "Żółć", "phone": "0703456789"},
    )
    calls = session.calls()
    karin = calls.add_caller("Karin Ek")
    rnd = calls.start(RoundPurpose.INVOICE_ALL, [karin.id], TODAY)
    return rnd.id


def test_the_sheet_lists_the_callers_members_with_phone_and_boxes(session, round_id):
    pdf = build_call_sheet(call_sheet(session, round_id), invariant=True)
    [text] = _pages(pdf)
    assert "Testföreningen" in text and "Karin Ek" in text
    assert "Åsa Öberg" in text and "Máret Áŋŋir" in text and "Łukasz Żółć" in text
    assert "070-123 45 67" in text
    for label in ("Reached", "No answer", "Left a message", "Wrong number", "Do not call",
                  "Positive", "Neutral", "Negative"):
        assert label in text
    assert "Page 1 of 1" in text and "Member since 2020" in text
    # The new member comes first, as in the queue; no identity number is ever printed.
    assert text.index("Åsa Öberg") < text.index("Máret Áŋŋir")
    assert "0017" not in text and "19800101" not in text


def test_the_last_contact_is_in_the_context_line(session, round_id):
    calls = session.calls()
    member = session.register().members(list(calls.repo.round_assignment(round_id)))[1]
    calls.log(member.id, CallOutcome.NO_ANSWER, date(2026, 11, 20))
    sheet = call_sheet(session, round_id)
    [row] = [r for r in sheet.sections[0].members if r.name == member.display_name]
    assert "No answer" in row.context and "Nov" in row.context


def test_every_caller_starts_on_a_new_page_numbered_on_their_own(session):
    add_members(session, *({"given_name": f"P{i}", "family_name": "Test",
                            "phone": f"07012345{i:02d}"} for i in range(20)))
    calls = session.calls()
    ids = [calls.add_caller("Anna").id, calls.add_caller("Bo").id]
    rnd = calls.start(RoundPurpose.INVOICE_ALL, ids, TODAY)
    pages = _pages(build_call_sheet(call_sheet(session, rnd.id)))
    assert len(pages) == 4
    assert "Caller: Anna" in pages[0] and "Page 1 of 2" in pages[0]
    assert "Caller: Bo" in pages[2] and "Page 1 of 2" in pages[2] and "Page 2 of 2" in pages[3]


def test_swedish_words_on_the_sheet(session, round_id):
    from medlemsvard_app.i18n import set_language

    set_language("sv")
    [text] = _pages(build_call_sheet(call_sheet(session, round_id)))
    assert "Åsa Öberg" in text and "november 2026" in text


def test_a_purpose_names_the_latest_round(session, round_id):
    assert find_round(session, "invoice_all").id == round_id
    assert find_round(session, str(round_id)).id == round_id


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "f.sqlite"
    assert main(["--db", str(path), "--language", "en", "new", "--name", "Föreningen"]) == 0
    session = open_session(path)
    try:
        add_members(session, {"given_name": "Åsa", "family_name": "Öberg",
                              "phone": "0701234567"})
        session.calls().add_caller("Karin")
    finally:
        session.close()
    assert main(["--db", str(path), "calls", "start", "--purpose", "invoice_all"]) == 0
    capsys.readouterr()
    return path


def _run(capsys, db, *argv):
    code = main(["--language", "en", "--db", str(db), "calls", "sheet", *argv])
    _out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, err


def test_cli_writes_the_sheet_and_replaces_only_with_yes(capsys, db, tmp_path):
    out = tmp_path / "sheet.pdf"
    code, err = _run(capsys, db, "--round", "invoice_all", "--out", str(out))
    assert code == 0 and "(1 member)" in err
    text = "".join(_pages(out.read_bytes()))
    assert "Åsa Öberg" in text and "Karin" in text
    code, err = _run(capsys, db, "--round", "1", "--caller", "Karin", "--out", str(out))
    assert code == 1 and "--yes" in err
    code, err = _run(capsys, db, "--round", "1", "--caller", "Karin", "--out", str(out),
                     "--yes")
    assert code == 0


@pytest.mark.parametrize("argv, words", [
    (("--round", "99"), "no calling round 99"),
    (("--round", "former_members"), "no calling round former_members"),
    (("--round", "whatever"), "no calling round whatever"),
    (("--round", "1", "--caller", "Nobody"), "no caller called “Nobody”"),
])
def test_cli_unknown_round_or_caller(capsys, db, tmp_path, argv, words):
    out = tmp_path / "x.pdf"
    code, err = _run(capsys, db, *argv, "--out", str(out))
    assert code == 1 and words in err and not out.exists()
