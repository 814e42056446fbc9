"""``medlemsvard extract | erase | retention | log`` and the encrypted export, as scripts
use them (DESIGN §7: exit codes, --yes, JSON)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from medlemsvard_app.cli import main
from medlemsvard_app.domain.models import LeaveReason, Member
from medlemsvard_app.services.session import open_session


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "f.sqlite"
    assert main(["--db", str(path), "--language", "en", "new", "--name", "Föreningen F"]) == 0
    session = open_session(path)
    try:
        register = session.register()
        for given, family in (("Zyxelia", "Qwertström"), ("Bo", "Kvar"), ("Ada", "Gammal")):
            register.save(Member(given_name=given, family_name=family,
                                 email=f"{given.lower()}@example.org",
                                 joined_on=date(2015, 1, 1)))
        register.leave(3, date(2020, 5, 31), LeaveReason.RESIGNED)
    finally:
        session.close()
    capsys.readouterr()
    return path


def _run(capsys, db, *argv):
    code = main(["--language", "en", "--db", str(db), *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_extract_to_json_and_pdf(capsys, db, tmp_path):
    code, _out, err = _run(capsys, db, "extract", "--member", "1", "--out",
                           str(tmp_path / "u.json"))
    assert code == 0 and "member 1" in err and "not encrypted" in err
    data = json.loads((tmp_path / "u.json").read_text(encoding="utf-8"))
    assert data["member"]["family_name"] == "Qwertström"
    code, _out, _err = _run(capsys, db, "extract", "--member", "1", "--out",
                            str(tmp_path / "u.pdf"))
    assert code == 0 and (tmp_path / "u.pdf").read_bytes().startswith(b"%PDF")
    assert _run(capsys, db, "extract", "--member", "99", "--out",
                str(tmp_path / "v.pdf"))[0] == 1
    assert _run(capsys, db, "extract", "--member", "1", "--out",
                str(tmp_path / "v.txt"))[0] == 2


def test_erase_refuses_without_yes_when_not_at_a_terminal(capsys, db, monkeypatch):
    monkeypatch.setattr("sys.stdin", None)
    code, _out, err = _run(capsys, db, "erase", "--member", "1")
    assert code == 1 and "--yes" in err and "removed" in err
    code, _out, err = _run(capsys, db, "erase", "--member", "1", "--yes")
    assert code == 0 and "Member 1 was erased." in err
    session = open_session(db)
    try:
        assert session.register().get(1).given_name == ""
    finally:
        session.close()
    code, _out, err = _run(capsys, db, "erase", "--member", "1", "--yes")
    assert code == 1 and "already been anonymised" in err


def test_retention_lists_then_applies(capsys, db, monkeypatch):
    code, out, err = _run(capsys, db, "retention", "--date", "2026-11-25", "--json")
    assert code == 0
    [due] = json.loads(out)
    assert due == {"member_number": 3, "name": "Ada Gammal", "status": "former",
                   "left_on": "2020-05-31", "leave_reason": "resigned",
                   "due_on": "2021-05-31"}
    monkeypatch.setattr("sys.stdin", None)
    code, out, err = _run(capsys, db, "retention", "--date", "2026-11-25", "--apply")
    assert code == 1 and "Ada Gammal" in out
    code, out, err = _run(capsys, db, "retention", "--date", "2026-11-25", "--apply", "--yes")
    assert code == 0 and "Anonymised 1 person." in err
    code, out, err = _run(capsys, db, "retention", "--date", "2026-11-25")
    assert code == 0 and out == "" and "0 people are due" in err


def test_log_as_text_and_json_names_no_one(capsys, db, tmp_path):
    _run(capsys, db, "extract", "--member", "2", "--out", str(tmp_path / "b.json"))
    _run(capsys, db, "erase", "--member", "1", "--yes")
    code, out, _err = _run(capsys, db, "log", "--json")
    assert code == 0
    entries = json.loads(out)
    actions = [e["action"] for e in entries]
    assert actions[:2] == ["erasure", "register_extract"]
    assert entries[0]["member_number"] == 1 and entries[0]["user"]
    assert set(entries[0]) == {"at", "user", "action", "object_kind", "object_id",
                               "member_number", "detail"}
    assert "Qwertström" not in out and "Kvar" not in out
    code, out, _err = _run(capsys, db, "log", "--action", "erasure")
    assert code == 0 and out.count("\n") == 1 and "Erasure" in out


def test_export_into_an_encrypted_zip(capsys, db, tmp_path):
    import pyzipper

    secret = tmp_path / "pass.txt"
    secret.write_text("ett långt lösenord\n", encoding="utf-8")
    out_file = tmp_path / "m.zip"
    code, _out, err = _run(capsys, db, "export", "--out", str(out_file),
                           "--zip-passphrase-file", str(secret))
    assert code == 0 and "not encrypted" not in err
    with pyzipper.AESZipFile(out_file) as archive:
        archive.setpassword("ett långt lösenord".encode())
        assert "Qwertström" in archive.read("m.csv").decode("utf-8-sig")
    code, _out, err = _run(capsys, db, "export", "--out", str(tmp_path / "m.csv"))
    assert code == 0 and "not encrypted" in err
    assert _run(capsys, db, "export", "--out", str(tmp_path / "n.csv"),
                "--zip-passphrase-file", str(secret))[0] == 2
