"""What a new user's test run of the command line found (issue 10): member numbers are
checked like dates, an empty list writes no file, one rule for logging mailings, and
--language speaks from the first message on."""

from __future__ import annotations

import json
from datetime import date

import pytest

from medlemsvard_app.cli import main
from medlemsvard_app.cli_support import _early_language
from medlemsvard_app.domain.models import Member
from medlemsvard_app.services import audit
from medlemsvard_app.services.session import open_session
from medlemsvard_app.storage.mailings import MailingRepository


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "f.sqlite"
    assert main(["--db", str(path), "--language", "en", "new", "--name", "Föreningen"]) == 0
    session = open_session(path)
    try:
        register = session.register()
        for i, (given, family) in enumerate((("Åsa", "Öberg"), ("Per", "Ek")), start=1):
            register.save(Member(given_name=given, family_name=family, street="Storgatan 1",
                                 postal_code="11122", city="Stockholm", member_number=i,
                                 joined_on=date(2026, 11, 1)))
    finally:
        session.close()
    capsys.readouterr()
    return path


def _run(capsys, db, *argv):
    code = main(["--language", "en", "--db", str(db), *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.mark.parametrize("argv", [
    ["dues", "--member", "abc"],
    ["pay", "--member", "abc", "--amount", "360"],
    ["calls", "log", "--member", "abc", "--outcome", "reached"],
    ["labels", "--sheet", "L7160", "--member", "abc", "--out", "x.pdf"],
    ["letters", "--template", "welcome", "--member", "1", "--member", "x2", "--out", "x.pdf"],
    ["extract", "--member", "abc", "--out", "x.pdf"],
    ["erase", "--member", "abc"],
    ["welcome", "--member", "abc"],
    ["activities", "attend", "1,abc"],
    ["activities", "sign-up", "abc"],
])
def test_a_member_number_that_is_not_a_number_is_a_usage_error(capsys, db, argv):
    with pytest.raises(SystemExit) as exc:
        main(["--language", "en", "--db", str(db), *argv])
    assert exc.value.code == 2
    assert "not a member number" in capsys.readouterr().err


def test_a_well_formed_number_nobody_has_is_bad_input(capsys, db):
    code, _out, err = _run(capsys, db, "dues", "--member", "99")
    assert code == 1 and "No member has the number 99." in err


def test_an_empty_list_writes_no_file_and_says_so(capsys, db, tmp_path):
    out_pdf = tmp_path / "list.pdf"
    code, out, err = _run(capsys, db, "lists", "--filter", "former", "--out", str(out_pdf),
                          "--json")
    assert code == 1 and out == ""
    assert not out_pdf.exists()
    assert "nothing was written" in err
    code, _out, err = _run(capsys, db, "labels", "--sheet", "L7160", "--filter", "former",
                           "--out", str(out_pdf))
    assert code == 1 and not out_pdf.exists()  # as labels always did


@pytest.mark.parametrize("command, kind", [
    (["labels", "--sheet", "L7160"], "labels"),
    (["lists"], "list"),
    (["letters", "--template", "welcome"], "letter"),
])
def test_a_batch_is_logged_as_a_mailing_only_with_mark_sent(capsys, db, tmp_path, command,
                                                            kind):
    code, out, _err = _run(capsys, db, *command, "--out", str(tmp_path / "a.pdf"), "--json")
    assert code == 0 and json.loads(out)["marked_sent"] is False
    session = open_session(db)
    try:
        assert MailingRepository(session.db).recent() == []
        printed = audit.entries(session, action="print_batch")
        assert len(printed) == 1 and printed[0].data["file"] == "a.pdf"  # the print is logged
    finally:
        session.close()
    code, out, err = _run(capsys, db, *command, "--out", str(tmp_path / "b.pdf"), "--json",
                          "--mark-sent")
    assert code == 0 and json.loads(out)["marked_sent"] is True
    assert "logged as" in err
    session = open_session(db)
    try:
        (mailing,) = MailingRepository(session.db).recent()
        assert mailing.kind == kind and mailing.member_count == 2
    finally:
        session.close()


def test_language_applies_before_the_command_line_is_parsed(capsys, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en")
    with pytest.raises(SystemExit):  # an abbreviation argparse takes counts too
        main(["dues", "--lang", "sv", "--date", "2026-13-01"])
    assert "inte ett datum" in capsys.readouterr().err
    assert _early_language(["--lang=nb", "x", "--language", "sv"]) == "sv"
    assert _early_language(["--language", "xx"]) is None
    assert _early_language(["--", "--language", "sv"]) is None


def test_a_missing_folder_is_said_in_the_apps_words(capsys, db, tmp_path):
    code, _out, err = _run(capsys, db, "lists", "--out", str(tmp_path / "no" / "x.pdf"))
    assert code == 1
    assert "the file or its folder does not exist" in err
    assert "No such file" not in err
