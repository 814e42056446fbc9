"""Encryption at rest: the file, its journal and its backups hold no readable data."""

from __future__ import annotations

import pytest

from medlemsvard_app.services.session import create_session, open_session
from medlemsvard_app.storage import errors
from medlemsvard_app.storage.database import connect, open_database
from medlemsvard_app.storage.encryption import file_kind, is_encrypted
from tests.conftest import add_members

SECRET = "Zäta-Marker"
PASS = "tre ord i rad"


def _make(tmp_path, passphrase=PASS):
    s = create_session(tmp_path / "enc.sqlite", "Klubben", "SE", "sv", passphrase=passphrase)
    add_members(s, {"given_name": SECRET, "family_name": "Berg"})
    return s


def test_an_encrypted_file_and_its_journal_hold_no_plain_text(tmp_path):
    s = _make(tmp_path)
    wal = tmp_path / "enc.sqlite-wal"
    assert wal.exists() and wal.stat().st_size > 0  # the change is still in the journal
    for f in (tmp_path / "enc.sqlite", wal):
        assert SECRET.encode() not in f.read_bytes()
        assert b"SQLite format 3" not in f.read_bytes()[:16]
    s.close()
    assert file_kind(tmp_path / "enc.sqlite") == "encrypted"
    assert SECRET.encode() not in (tmp_path / "enc.sqlite").read_bytes()


def test_the_right_passphrase_opens_it(tmp_path):
    _make(tmp_path).close()
    s = open_session(tmp_path / "enc.sqlite", passphrase=PASS)
    assert [m.given_name for m in s.register().members(s.register().search_ids("", []))] \
        == [SECRET]
    assert s.passphrase == PASS
    s.close()


def test_no_passphrase_asks_for_one_and_a_wrong_one_changes_nothing(tmp_path):
    _make(tmp_path).close()
    path = tmp_path / "enc.sqlite"
    before = path.read_bytes()
    with pytest.raises(errors.PassphraseNeeded):
        open_session(path)
    with pytest.raises(errors.WrongPassphrase) as caught:
        open_session(path, passphrase="fel fras här")
    assert path.read_bytes() == before
    assert not (tmp_path / "enc.sqlite-wal").exists()
    from medlemsvard_app.i18n.messages import describe

    assert "does not open" in describe(caught.value)


def test_a_plain_file_ignores_a_passphrase(tmp_path):
    s = create_session(tmp_path / "plain.sqlite", "Klubben")
    s.close()
    s = open_session(tmp_path / "plain.sqlite", passphrase="whatever123")
    assert s.passphrase is None and not is_encrypted(tmp_path / "plain.sqlite")
    s.close()


def test_a_short_text_file_is_still_not_a_database(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("hello")
    with pytest.raises(errors.NotADatabase) as caught:
        open_database(path, passphrase=PASS)
    assert not isinstance(caught.value, errors.WrongPassphrase)


def test_a_file_cut_short_is_reported_as_damaged_and_left_alone(tmp_path):
    s = create_session(tmp_path / "a.sqlite", "Klubben")
    add_members(s, *({"given_name": f"P{i}", "family_name": "Ek" * 200} for i in range(300)))
    s.close()
    data = (tmp_path / "a.sqlite").read_bytes()
    half = tmp_path / "half.sqlite"
    half.write_bytes(data[: len(data) // 2])
    with pytest.raises(errors.DatabaseDamaged) as caught:
        open_session(half)
    assert half.read_bytes() == data[: len(data) // 2]
    from medlemsvard_app.i18n.messages import describe

    assert "damaged or incomplete" in describe(caught.value)


def test_an_encrypted_file_cut_short_is_refused_and_left_alone(tmp_path):
    s = _make(tmp_path)
    add_members(s, *({"given_name": f"P{i}", "family_name": "Ek" * 200} for i in range(300)))
    s.close()
    data = (tmp_path / "enc.sqlite").read_bytes()
    half = tmp_path / "half.sqlite"
    for cut in (len(data) // 2, (len(data) // 2 // 4096) * 4096):
        half.write_bytes(data[:cut])
        with pytest.raises(errors.NotADatabase):
            open_session(half, passphrase=PASS)
        assert half.read_bytes() == data[:cut]


def test_a_read_only_connection_can_count_an_encrypted_copy(tmp_path):
    _make(tmp_path).close()
    db = connect(tmp_path / "enc.sqlite", passphrase=PASS, read_only=True, wal=False)
    assert db.execute("SELECT count(*) FROM members").fetchone()[0] == 1
    db.close()
