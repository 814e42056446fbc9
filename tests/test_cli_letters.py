"""``medlemsvard letters`` as a script uses it (DESIGN §7)."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from pypdf import PdfReader

from medlemsvard_app.cli import main
from medlemsvard_app.domain.models import Member, PreferredChannel
from medlemsvard_app.services.session import open_session
from medlemsvard_app.storage.mailings import MailingRepository


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "f.sqlite"
    assert main(["--db", str(path), "--language", "en", "new", "--name", "Föreningen"]) == 0
    session = open_session(path)
    try:
        register = session.register()
        people = [("Åsa", "Öberg", "Storgatan 1", {}),
                  ("Máret", "Áŋŋir", "Byvägen 3", {}),
                  ("Hemlig", "Person", "Gatan 9", {"protected_identity": True}),
                  ("Eva", "Post", "Gatan 10", {"email": "eva@example.se",
                                               "preferred_channel": PreferredChannel.EMAIL}),
                  ("Utan", "Adress", "", {})]
        for i, (given, family, street, extra) in enumerate(people, start=1):
            register.save(Member(given_name=given, family_name=family, street=street,
                                 postal_code="11122", city="Stockholm", member_number=i,
                                 joined_on=date(2026, 10, 1), **extra))
    finally:
        session.close()
    capsys.readouterr()
    return path


def _run(capsys, db, *argv):
    code = main(["--language", "en", "--db", str(db), *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_letters_to_current_members_count_who_is_left_out(capsys, db, tmp_path):
    out_pdf = tmp_path / "w.pdf"
    code, out, err = _run(capsys, db, "letters", "--template", "welcome", "--out",
                          str(out_pdf), "--json")
    assert code == 1  # done in part: one member has no street
    summary = json.loads(out)
    assert summary["letters"] == 2 and summary["pages"] == 2
    assert summary["left_out"] == {"protected_identity": 1, "no_post": 1,
                                   "incomplete_address": 1}
    assert "1 member with protected identity was left out." in err
    assert "address is incomplete" in err and "Traceback" not in err
    reader = PdfReader(io.BytesIO(out_pdf.read_bytes()))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Åsa Öberg" in text and "Máret Áŋŋir" in text and "Hemlig" not in text
    session = open_session(db)
    try:  # writing a PDF is not sending it
        assert MailingRepository(session.db).recent() == []
    finally:
        session.close()


def test_mark_sent_logs_the_batch_and_filters_work(capsys, db, tmp_path):
    code, _out, err = _run(capsys, db, "letters", "--template", "welcome", "--filter",
                           "new_without_welcome", "--member", "1", "--out",
                           str(tmp_path / "a.pdf"), "--mark-sent", "--language", "sv")
    assert code == 0, err
    session = open_session(db)
    try:
        sent = MailingRepository(session.db).first_sent("letter", "welcome")
        assert len(sent) == 1
    finally:
        session.close()


def test_usage_errors_and_the_calibration_page(capsys, db, tmp_path):
    code, _out, err = _run(capsys, db, "letters", "--out", str(tmp_path / "x.pdf"))
    assert code == 2 and "--template" in err
    code, _out, err = _run(capsys, db, "letters", "--template", "welcome")
    assert code == 2 and "--out" in err
    code, _out, err = _run(capsys, db, "letters", "--template", "welcome", "--member", "999",
                           "--out", str(tmp_path / "x.pdf"))
    assert code == 1 and "999" in err
    target = tmp_path / "cal.pdf"
    code, _out, err = _run(capsys, db, "letters", "--calibration", "--out", str(target))
    assert code == 0 and target.read_bytes().startswith(b"%PDF")
    code, _out, err = _run(capsys, db, "letters", "--calibration", "--out", str(target))
    assert code == 1 and "--yes" in err  # no terminal: refuse to replace
