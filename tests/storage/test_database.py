import os
from datetime import date

import pytest

from medlemsvard_app.storage import errors
from medlemsvard_app.storage.database import (
    connect,
    integrity_problems,
    open_database,
    schema_version,
)
from medlemsvard_app.storage.migrations import KNOWN, migrations


def test_new_file_gets_schema_wal_and_foreign_keys(tmp_path):
    db = open_database(tmp_path / "a.sqlite", create=True)
    assert schema_version(db) == KNOWN[-1]
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert {"members", "association", "member_tags", "member_search"} <= set(db.table_names())
    assert integrity_problems(db) == []
    db.close()


def test_constraints_refuse_bad_rows(tmp_path):
    db = open_database(tmp_path / "a.sqlite", create=True)
    with pytest.raises(Exception, match="CHECK"):
        db.execute("INSERT INTO members (member_number, status) VALUES (1, 'ghost')")
    with pytest.raises(Exception, match="CHECK"):
        db.execute("INSERT INTO members (member_number, status) VALUES (1, 'former')")
    with pytest.raises(Exception, match="FOREIGN KEY"):
        db.execute("INSERT INTO member_tags (member_id, kind, tag) VALUES (99, 'skill', 'x')")
    db.close()


def test_missing_file_is_not_created_unless_asked(tmp_path):
    with pytest.raises(errors.DatabaseMissing):
        open_database(tmp_path / "nope.sqlite")
    assert not (tmp_path / "nope.sqlite").exists()


def test_a_text_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("hello, not a database\n")
    with pytest.raises(errors.NotADatabase):
        open_database(path)
    assert path.read_text() == "hello, not a database\n"


def test_a_foreign_sqlite_file_is_refused_and_not_written(tmp_path):
    import sqlite3

    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(errors.NotADatabase):
        open_database(path)
    assert path.read_bytes() == before


def test_an_empty_file_is_refused_and_stays_empty(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.write_bytes(b"")
    with pytest.raises(errors.NotADatabase):
        open_database(path)
    assert path.read_bytes() == b""


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "a.sqlite"
    db = open_database(path, create=True)
    db["_sqlite_migrations"].insert({"migration_set": "medlemsvard", "name": "0099_future",
                                     "applied_at": "2030-01-01"})
    db.close()
    before = path.read_bytes()
    with pytest.raises(errors.NewerVersion):
        open_database(path)
    assert path.read_bytes() == before


def test_pending_migration_runs_after_a_backup(tmp_path, monkeypatch):
    path = tmp_path / "a.sqlite"
    db = open_database(path, create=True)
    db.execute("INSERT INTO association (id, name) VALUES (1, 'Klubben')")
    db.conn.commit()
    db.close()

    def later(db):
        db.execute("CREATE TABLE extra (id INTEGER PRIMARY KEY) STRICT")

    monkeypatch.setattr(migrations, "_migrations",
                        [*migrations._migrations, migrations._Migration("0099_extra", later)])
    monkeypatch.setattr("medlemsvard_app.storage.database.KNOWN", [*KNOWN, "0099_extra"])
    db = open_database(path)
    assert "extra" in db.table_names()
    db.close()
    backups = list(tmp_path.glob("a.before-0099_extra-*.sqlite"))
    assert len(backups) == 1
    old = connect(backups[0])
    assert "extra" not in old.table_names()
    assert old.execute("SELECT name FROM association").fetchone()[0] == "Klubben"
    old.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write read-only files")
def test_read_only_file_is_reported(tmp_path):
    path = tmp_path / "a.sqlite"
    open_database(path, create=True).close()
    path.chmod(0o444)
    with pytest.raises(errors.ReadOnly):
        open_database(path)


def test_read_only_file_is_reported_even_when_running_as_root(tmp_path, monkeypatch):
    """CI runs as root, which may write anywhere: the check is driven through os.access."""
    import medlemsvard_app.storage.database as database

    path = tmp_path / "a.sqlite"
    open_database(path, create=True).close()
    before = path.read_bytes()
    real_access = os.access
    monkeypatch.setattr(database.os, "access",
                        lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    with pytest.raises(errors.ReadOnly):
        open_database(path)
    assert path.read_bytes() == before


def test_dates_are_iso_text(tmp_path):
    db = open_database(tmp_path / "a.sqlite", create=True)
    with pytest.raises(Exception, match="CHECK"):
        db.execute("INSERT INTO members (member_number, joined_on) VALUES (1, '1/2/2024')")
    db.execute("INSERT INTO members (member_number, joined_on) VALUES (1, ?)",
               [date(2024, 2, 1).isoformat()])
    db.close()


def test_a_file_from_the_first_release_gains_the_dues_tables(tmp_path, monkeypatch):
    """A real 0001 file (members in it) is migrated to 0002 after a backup, members kept."""
    path = tmp_path / "old.sqlite"
    monkeypatch.setattr(migrations, "_migrations", migrations._migrations[:1])
    monkeypatch.setattr("medlemsvard_app.storage.database.KNOWN", KNOWN[:1])
    db = open_database(path, create=True)
    db.execute("INSERT INTO association (id, name) VALUES (1, 'Klubben')")
    db.execute("INSERT INTO members (member_number, given_name) VALUES (7, 'Åsa')")
    db.conn.commit()
    db.close()
    monkeypatch.undo()
    db = open_database(path)
    assert schema_version(db) == KNOWN[-1]
    assert {"payments", "payment_periods", "mandate_events", "dues_notices",
            "dues_exemptions", "dues_settings"} <= set(db.table_names())
    assert db.execute("SELECT given_name FROM members").fetchone()[0] == "Åsa"
    db.close()
    assert len(list(tmp_path.glob("old.before-0002_dues-*.sqlite"))) == 1


def test_the_upgrade_follows_dues_from_the_first_year_it_can(tmp_path, monkeypatch):
    import json

    path = tmp_path / "old.sqlite"
    monkeypatch.setattr(migrations, "_migrations", migrations._migrations[:1])
    monkeypatch.setattr("medlemsvard_app.storage.database.KNOWN", KNOWN[:1])
    db = open_database(path, create=True)
    db.execute("INSERT INTO association (id, name, country) VALUES (1, 'Laget', 'NO')")
    db.conn.commit()
    db.close()
    monkeypatch.undo()
    db = open_database(path)
    stored = json.loads(db.execute("SELECT calendar FROM dues_settings").fetchone()[0])
    db.close()
    assert stored["strike_off_months"] == 6
    assert stored["tracked_from"] >= date.today().year
