"""``--passphrase-file`` / MEDLEMSVARD_PASSPHRASE everywhere, ``new --passphrase-file``,
``passphrase set|change|remove``, ``backup`` and ``restore``."""

from __future__ import annotations

import json

import pytest

from medlemsvard_app.cli import main
from medlemsvard_app.storage.encryption import is_encrypted


@pytest.fixture(autouse=True)
def own_places(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDLEMSVARD_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("MEDLEMSVARD_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("MEDLEMSVARD_PASSPHRASE", raising=False)
    from medlemsvard_app.storage import encryption

    monkeypatch.setattr(encryption, "KDF_ITER", 4000)


def _run(capsys, *argv):
    code = main([str(a) for a in argv] + ["--language", "en"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _files(tmp_path):
    first, second = tmp_path / "one.txt", tmp_path / "two.txt"
    first.write_text("första frasen\n", encoding="utf-8")
    second.write_text("andra frasen här\n", encoding="utf-8")
    return first, second


def test_new_with_a_passphrase_file_and_every_command_then_needs_it(tmp_path, capsys,
                                                                   monkeypatch):
    one, _two = _files(tmp_path)
    db = tmp_path / "a.sqlite"
    code, _out, err = _run(capsys, "new", "--db", db, "--name", "Klubben",
                           "--passphrase-file", one)
    assert code == 0 and "not even Medlemsvård" in err and is_encrypted(db)
    code, _out, err = _run(capsys, "members", "--db", db)
    assert code == 1 and "is encrypted" in err and "--passphrase-file" in err
    code, out, _err = _run(capsys, "members", "--db", db, "--json", "--passphrase-file", one)
    assert code == 0 and json.loads(out) == []
    monkeypatch.setenv("MEDLEMSVARD_PASSPHRASE", "första frasen")
    assert _run(capsys, "check", "--db", db)[0] == 0
    monkeypatch.setenv("MEDLEMSVARD_PASSPHRASE", "fel fras")
    code, _out, err = _run(capsys, "check", "--db", db)
    assert code == 1 and "does not open" in err


def test_a_short_passphrase_is_refused_for_a_new_file(tmp_path, capsys):
    short = tmp_path / "short.txt"
    short.write_text("kort\n")
    code, _out, err = _run(capsys, "new", "--db", tmp_path / "a.sqlite", "--name", "K",
                           "--passphrase-file", short)
    assert code == 1 and "at least 8" in err
    assert not (tmp_path / "a.sqlite").exists()


def test_passphrase_set_change_remove(tmp_path, capsys):
    one, two = _files(tmp_path)
    db = tmp_path / "a.sqlite"
    assert _run(capsys, "new", "--db", db, "--name", "Klubben")[0] == 0
    code, _out, err = _run(capsys, "passphrase", "set", "--db", db)  # no terminal
    assert code == 2 and "--new-passphrase-file" in err
    code, _out, err = _run(capsys, "passphrase", "set", "--db", db,
                           "--new-passphrase-file", one)
    assert code == 0 and is_encrypted(db) and "no way to open it" in err
    code, _out, err = _run(capsys, "passphrase", "change", "--db", db,
                           "--new-passphrase-file", two)
    assert code == 1 and "current passphrase" in err
    assert _run(capsys, "passphrase", "change", "--db", db, "--passphrase-file", one,
                "--new-passphrase-file", two)[0] == 0
    assert _run(capsys, "check", "--db", db, "--passphrase-file", one)[0] == 1
    code, _out, err = _run(capsys, "passphrase", "remove", "--db", db, "--passphrase-file",
                           two)
    assert code == 1 and "--yes" in err and is_encrypted(db)
    assert _run(capsys, "passphrase", "remove", "--db", db, "--passphrase-file", two,
                "--yes")[0] == 0
    assert not is_encrypted(db)
    code, out, _err = _run(capsys, "log", "--db", db, "--json")
    if code == 0:  # the audit log command (issue 9 item 5)
        actions = {e.get("action") for e in json.loads(out)}
        assert {"passphrase_set", "passphrase_change", "passphrase_remove"} <= actions


def test_backup_and_restore(tmp_path, capsys):
    one, _two = _files(tmp_path)
    db = tmp_path / "a.sqlite"
    assert _run(capsys, "new", "--db", db, "--name", "Klubben", "--passphrase-file", one)[0] == 0
    source = tmp_path / "in.csv"
    source.write_text("Förnamn;Efternamn\nAnna;Berg\n", encoding="utf-8")
    code, out, err = _run(capsys, "backup", "--db", db, "--passphrase-file", one)
    assert code == 0 and "encrypted with the same passphrase" in err
    backup = out.strip()
    assert is_encrypted(backup)
    assert _run(capsys, "import", source, "--db", db, "--passphrase-file", one)[0] == 0
    code, _out, err = _run(capsys, "restore", "--db", db, "--from", backup,
                           "--passphrase-file", one)
    assert code == 1 and "--yes" in err  # no terminal, no --yes: nothing happens
    code, _out, err = _run(capsys, "restore", "--db", db, "--from", backup,
                           "--passphrase-file", one, "--yes")
    assert code == 0 and "Restored" in err and "before_restore" in err
    code, out, _err = _run(capsys, "members", "--db", db, "--json", "--passphrase-file", one)
    assert json.loads(out) == []
    out_file = tmp_path / "copy.sqlite"
    assert _run(capsys, "backup", "--db", db, "--passphrase-file", one, "--out",
                out_file)[0] == 0
    assert is_encrypted(out_file)
    code, _out, err = _run(capsys, "backup", "--db", db, "--passphrase-file", one, "--out",
                           out_file)
    assert code == 1 and "--yes" in err
