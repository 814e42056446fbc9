"""A full disk, a read-only file, a file cut short, a second program on the same file:
each gives a clear sentence and loses nothing (issue 9 item 3)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.services.import_files import read_table
from medlemsvard_app.services.importing import commit_import, prepare_import, suggest_mapping
from medlemsvard_app.services.session import create_session, open_session
from medlemsvard_app.storage import errors
from tests.conftest import add_members


def _members_csv(tmp_path, count):
    path = tmp_path / "many.csv"
    rows = "".join(f"Namn{i};Efternamn{i};Gatan {i};12345;Orten;p{i}@example.se\n"
                   for i in range(count))
    path.write_text("Förnamn;Efternamn;Adress;Postnummer;Ort;E-post\n" + rows,
                    encoding="utf-8")
    return path


def _import(session, source):
    table = read_table(source)
    return commit_import(session, prepare_import(session, table,
                                                 suggest_mapping(table.headers)))


def test_a_full_disk_is_a_clear_message_and_nothing_is_lost(tmp_path):
    session = create_session(tmp_path / "a.sqlite", "Klubben", "SE", "sv")
    add_members(session, {"given_name": "Anna", "family_name": "Berg"})
    source = _members_csv(tmp_path, 800)
    pages = session.db.execute("PRAGMA page_count").fetchone()[0]
    session.db.execute(f"PRAGMA max_page_count = {pages + 3}")  # the disk fills up
    with pytest.raises(Exception) as caught:
        _import(session, source)
    text = describe(caught.value)
    assert "disk is full" in text and "Traceback" not in text
    assert session.members.total() == 1  # nothing half-written
    session.db.execute("PRAGMA max_page_count = 1073741823")  # space freed
    assert _import(session, source).imported == 800
    session.close()
    session = open_session(tmp_path / "a.sqlite", daily_backup=False)
    assert session.members.total() == 801
    session.close()


def test_a_file_that_turns_read_only_is_a_clear_message(tmp_path):
    session = create_session(tmp_path / "a.sqlite", "Klubben", "SE", "sv")
    add_members(session, {"given_name": "Anna", "family_name": "Berg"})
    session.db.execute("PRAGMA query_only = 1")  # as a medium that went read-only
    with pytest.raises(errors.ReadOnly) as caught:
        add_members(session, {"given_name": "Bo", "family_name": "Ek"})
    assert "read-only" in describe(caught.value)
    session.db.execute("PRAGMA query_only = 0")
    assert session.members.total() == 1
    session.close()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root may write to read-only files")
def test_a_read_only_file_is_refused_untouched(tmp_path):
    create_session(tmp_path / "a.sqlite", "Klubben", "SE", "sv").close()
    path = tmp_path / "a.sqlite"
    before = path.read_bytes()
    path.chmod(0o444)
    try:
        with pytest.raises(errors.ReadOnly) as caught:
            open_session(path)
        assert "read-only" in describe(caught.value)
    finally:
        path.chmod(0o644)
    assert path.read_bytes() == before


def _cli(tmp_path, *argv):
    env = dict(os.environ, MEDLEMSVARD_DATA_DIR=str(tmp_path / "data"),
               MEDLEMSVARD_CONFIG_DIR=str(tmp_path / "config"))
    return subprocess.run([sys.executable, "-m", "medlemsvard_app", *map(str, argv),
                           "--language", "en"], env=env, capture_output=True, text=True)


def test_a_file_copied_half_way_is_a_clear_message_and_left_alone(tmp_path):
    session = create_session(tmp_path / "a.sqlite", "Klubben", "SE", "sv")
    add_members(session, *({"given_name": f"P{i}", "family_name": "Ek" * 100}
                           for i in range(300)))
    session.close()
    data = (tmp_path / "a.sqlite").read_bytes()
    half = tmp_path / "copy.sqlite"
    half.write_bytes(data[: len(data) // 2])
    out = _cli(tmp_path, "members", "--db", half)
    assert out.returncode == 1
    assert "damaged or incomplete" in out.stderr and "Traceback" not in out.stderr
    assert half.read_bytes() == data[: len(data) // 2]


def test_two_programs_on_one_file_take_turns_and_lose_nothing(tmp_path):
    """The window holds the file open while a command-line import runs beside it."""
    session = create_session(tmp_path / "a.sqlite", "Klubben", "SE", "sv")
    add_members(session, {"given_name": "Anna", "family_name": "Berg"})
    source = _members_csv(tmp_path, 200)
    out = _cli(tmp_path, "import", source, "--db", tmp_path / "a.sqlite")
    assert out.returncode == 0, out.stderr
    add_members(session, {"given_name": "Bo", "family_name": "Ek"})  # after the other
    assert session.members.total() == 202
    session.close()


def test_a_busy_file_is_a_clear_message(tmp_path):
    session = create_session(tmp_path / "a.sqlite", "Klubben", "SE", "sv")
    session.db.execute("PRAGMA busy_timeout = 0")
    session.db.conn.execute("BEGIN IMMEDIATE")  # another program is writing right now
    try:
        out = _cli(tmp_path, "import", _members_csv(tmp_path, 5), "--db",
                   tmp_path / "a.sqlite")
    finally:
        session.db.conn.rollback()
    assert out.returncode == 1
    assert "in use by another program" in out.stderr and "Traceback" not in out.stderr
    assert session.members.total() == 0
    session.close()


def test_a_checkpoint_cut_short_by_a_crash_is_not_taken_for_a_damaged_file(tmp_path):
    """Found by the kill harness: a crash in the middle of a checkpoint can leave page 1
    (with the new, larger size) in the file before the pages after it. The WAL still holds
    them all and SQLite replays it, so this is no half-copied file."""
    path = tmp_path / "a.sqlite"
    create_session(path, "Klubben", "SE", "sv").close()
    script = (
        "import os, sys\n"
        "from medlemsvard_app.services.session import open_session\n"
        "from tests.conftest import add_members\n"
        "s = open_session(sys.argv[1], daily_backup=False)\n"
        "s.db.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "add_members(s, *({'given_name': f'P{i}', 'family_name': 'Ek' * 50} "
        "for i in range(300)))\n"
        "os._exit(0)\n")  # like a crash: no checkpoint, the WAL stays
    out = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                         text=True, env=dict(os.environ, MEDLEMSVARD_DATA_DIR=str(tmp_path)))
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "a.sqlite-wal").stat().st_size > 0
    with path.open("r+b") as fh:  # page 1 of the interrupted checkpoint: more pages
        fh.seek(28)
        pages = int.from_bytes(fh.read(4), "big")
        fh.seek(28)
        fh.write((pages + 50).to_bytes(4, "big"))
    session = open_session(path, daily_backup=False)
    assert session.members.total() == 300
    assert session.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    session.close()
