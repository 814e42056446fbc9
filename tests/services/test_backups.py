"""Backups: made when due, kept in rotation, encrypted like the file, restorable."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from medlemsvard_app.services import backups, security
from medlemsvard_app.services.session import create_session, open_session
from medlemsvard_app.storage import errors
from medlemsvard_app.storage.encryption import is_encrypted
from tests.conftest import add_members

PASS = "lång lösenfras"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    """Key derivation at 4,000 rounds in-process; tests/storage/test_encryption.py keeps
    SQLCipher's real 256,000."""
    from medlemsvard_app.storage import encryption

    monkeypatch.setattr(encryption, "KDF_ITER", 4000)


@pytest.fixture(autouse=True)
def own_config(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDLEMSVARD_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("MEDLEMSVARD_DATA_DIR", str(tmp_path / "data"))


def _assoc(tmp_path, passphrase=None, people=3):
    s = create_session(tmp_path / "a.sqlite", "Klubben", passphrase=passphrase)
    add_members(s, *({"given_name": f"P{i}", "family_name": "Ekmarkörsson"} for i in range(people)))
    return s


def test_opening_makes_one_backup_a_day(tmp_path):
    _assoc(tmp_path).close()
    open_session(tmp_path / "a.sqlite").close()  # a page re-opening in the background
    assert backups.backups_of(tmp_path / "a.sqlite") == []
    for _ in range(3):
        open_session(tmp_path / "a.sqlite", daily_backup=True).close()
    found = backups.backups_of(tmp_path / "a.sqlite")
    assert [b.reason for b in found] == ["opening"]
    assert found[0].members == 3 and found[0].size > 0 and not found[0].encrypted
    assert found[0].path.parent.parent == tmp_path / "data" / "backups"


def test_a_backup_of_an_encrypted_file_is_encrypted_with_the_same_key(tmp_path):
    s = _assoc(tmp_path, PASS)
    path = backups.backup_now(s, "manual")
    s.close()
    assert is_encrypted(path)
    assert "Ekmarkörsson".encode() not in path.read_bytes()
    assert backups.look_inside(path, PASS).members == 3
    with pytest.raises(errors.PassphraseNeeded):
        backups.look_inside(path, None)


def test_the_chosen_folder_is_used(tmp_path):
    s = _assoc(tmp_path)
    chosen = tmp_path / "usb"
    security.save_settings(security.load_settings().with_backup_folder(s.path, chosen))
    path = backups.backup_now(s, "manual")
    s.close()
    assert chosen in path.parents


def test_rotation_deletes_what_the_rule_does_not_keep(tmp_path):
    s = _assoc(tmp_path)
    now = datetime(2026, 11, 25, 12, 0)
    for days in range(40):
        backups.backup_db(s.db, s.path, "opening", encrypted=False,
                          now=now - timedelta(days=40 - days))
    s.close()
    kept = backups.backups_of(tmp_path / "a.sqlite")
    assert 7 <= len(kept) <= 1 + 7 + 4 + 12
    # the sidecar goes with its backup
    assert len(list(kept[0].path.parent.glob("*.json"))) == len(kept)


def test_bulk_changes_are_backed_up_first(tmp_path):
    from medlemsvard_app.services.import_files import read_table
    from medlemsvard_app.services.importing import commit_import, prepare_import, suggest_mapping

    s = _assoc(tmp_path)
    source = tmp_path / "in.csv"
    source.write_text("Förnamn;Efternamn\nAnna;Berg\n", encoding="utf-8")
    table = read_table(source)
    commit_import(s, prepare_import(s, table, suggest_mapping(table.headers)))
    reasons = [b.reason for b in backups.backups_of(s.path)]
    s.close()
    assert "before_import" in reasons


def test_restore_puts_the_backup_back_after_keeping_the_current_file(tmp_path):
    s = _assoc(tmp_path, PASS)
    old = backups.backup_now(s, "manual")
    add_members(s, {"given_name": "Later", "family_name": "Added"})
    s.close()
    safety = backups.restore(tmp_path / "a.sqlite", old, current_passphrase=PASS,
                             backup_passphrase=PASS)
    assert safety is not None and backups.look_inside(safety, PASS).members == 4
    s = open_session(tmp_path / "a.sqlite", passphrase=PASS, daily_backup=False)
    assert s.members.total() == 3
    s.close()


def test_a_damaged_file_can_be_replaced_and_is_kept_as_it_was(tmp_path):
    s = _assoc(tmp_path)
    good = backups.backup_now(s, "manual")
    s.close()
    (tmp_path / "a.sqlite").write_bytes(b"garbage" * 10)
    safety = backups.restore(tmp_path / "a.sqlite", good, current_passphrase=None,
                             backup_passphrase=None)
    assert safety is not None and safety.read_bytes() == b"garbage" * 10
    assert "damaged" in safety.name
    open_session(tmp_path / "a.sqlite").close()


def test_a_damaged_backup_is_not_restored(tmp_path):
    s = _assoc(tmp_path, people=200)
    bad = backups.backup_now(s, "manual")
    s.close()
    data = bad.read_bytes()
    bad.write_bytes(data[: len(data) // 2])
    before = (tmp_path / "a.sqlite").read_bytes()
    with pytest.raises((errors.StorageError, security.SecurityError)):
        backups.restore(tmp_path / "a.sqlite", bad, current_passphrase=None,
                        backup_passphrase=None)
    assert (tmp_path / "a.sqlite").read_bytes() == before


def test_set_change_remove_the_passphrase(tmp_path):
    s = _assoc(tmp_path)
    first = backups.backup_now(s, "manual")
    s.close()
    path = tmp_path / "a.sqlite"
    assert security.change_passphrase(path, None, PASS) >= 1
    assert is_encrypted(path) and is_encrypted(first)  # the old plain backup too
    assert "Ekmarkörsson".encode() not in first.read_bytes()
    open_session(path, passphrase=PASS, daily_backup=False).close()
    security.change_passphrase(path, PASS, "en helt annan")
    with pytest.raises(errors.WrongPassphrase):
        open_session(path, passphrase=PASS)
    assert backups.look_inside(first, "en helt annan").members == 3
    security.change_passphrase(path, "en helt annan", None)
    assert not is_encrypted(path)
    s = open_session(path, daily_backup=False)
    assert s.members.total() == 3
    s.close()


def test_a_short_passphrase_is_refused_and_nothing_changes(tmp_path):
    _assoc(tmp_path).close()
    path = tmp_path / "a.sqlite"
    before = path.read_bytes()
    with pytest.raises(security.SecurityError) as caught:
        security.change_passphrase(path, None, "kort")
    assert caught.value.code == "passphrase_too_short" and path.read_bytes() == before


def test_settings_round_trip(tmp_path):
    settings = security.load_settings()
    assert settings.idle_minutes == security.DEFAULT_IDLE_MINUTES
    settings.idle_minutes = 3
    security.save_settings(settings)
    assert security.load_settings().idle_minutes == 3


def test_a_second_connection_of_this_process_reuses_the_open_files_passphrase(tmp_path):
    s = _assoc(tmp_path, PASS)
    path = s.path
    other = open_session(path, daily_backup=False)  # a page loading in the background
    assert other.members.total() == 3
    other.close()
    s.close()
    with pytest.raises(errors.PassphraseNeeded):
        open_session(path)  # nothing is remembered once the window's session is closed
