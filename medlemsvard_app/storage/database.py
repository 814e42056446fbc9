"""The one way in to an association's file: ``connect()`` and ``open_database()``.

Every connection gets the same PRAGMAs here and nowhere else, so encryption (a later
issue) slots in behind ``connect()`` without touching callers.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

__all__ = ["Database", "connect", "open_database"]

from medlemsvard_app.storage import errors
from medlemsvard_app.storage.migrations import KNOWN, migrations

_SQLITE_HEADER = b"SQLite format 3\x00"


def _check_file(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except PermissionError as exc:
        raise errors.ReadOnly(str(path), str(exc)) from exc
    except OSError as exc:
        raise errors.NotADatabase(str(path), str(exc)) from exc
    if header and header != _SQLITE_HEADER:
        raise errors.NotADatabase(str(path))


def translate_error(exc: BaseException, path: str = "") -> errors.StorageError:
    """Map sqlite3 and OS errors onto our coded errors."""
    if isinstance(exc, errors.StorageError):
        return exc
    text = str(exc).lower()
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "database or disk is full" in text:
        return errors.DiskFull(path, str(exc))
    if "locked" in text or "busy" in text:
        return errors.DatabaseLocked(path, str(exc))
    if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        return errors.ReadOnly(path, str(exc))
    if "not a database" in text or "malformed" in text:
        return errors.NotADatabase(path, str(exc))
    return errors.StorageError(path, str(exc))


def connect(path: str | Path, *, create: bool = False, wal: bool = True) -> Database:
    """Open one connection with our PRAGMAs; the file must exist unless ``create``.

    ``wal=False`` opens without switching the journal mode, which would write to the file:
    ``open_database`` looks at a file that way before it knows the file is ours.
    """
    if str(path) == ":memory:":
        db = Database(memory=True)
        _configure(db, wal=False)
        return db
    path = Path(path)
    if path.exists():
        if path.is_dir():
            raise errors.NotADatabase(str(path))
        _check_file(path)
        if not os.access(path, os.W_OK):
            raise errors.ReadOnly(str(path))
    elif not create:
        raise errors.DatabaseMissing(str(path))
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise translate_error(exc, str(path)) from exc
    try:
        conn = sqlite3.connect(str(path), check_same_thread=False)
        db = Database(conn)
        _configure(db, wal=wal)
    except sqlite3.Error as exc:
        raise translate_error(exc, str(path)) from exc
    return db


def _configure(db: Database, *, wal: bool) -> None:
    db.execute("PRAGMA busy_timeout = 3000")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA cache_size = -32768")
    # Fail at once on garbage with a valid-looking header.
    db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    if wal:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")


def applied_migrations(db: Database) -> list[str]:
    return [m.name for m in migrations.applied(db)]


def schema_version(db: Database) -> str:
    names = applied_migrations(db)
    return names[-1] if names else ""


def backup_to(db: Database, target: Path) -> Path:
    """A consistent copy of the live file (WAL included) via VACUUM INTO."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.unlink()
    try:
        db.execute("VACUUM INTO ?", [str(target)])
    except sqlite3.Error as exc:
        raise translate_error(exc, str(target)) from exc
    return target


def open_database(path: str | Path, *, create: bool = False) -> Database:
    """Connect, refuse foreign files and files from a newer version, back up, migrate.

    Nothing is written to a file until it is known to be ours (or a new one we create).
    """
    db = connect(path, create=create, wal=False)
    try:
        names = applied_migrations(db)
        unknown = [n for n in names if n not in KNOWN]
        if unknown:
            db.close()
            raise errors.NewerVersion(str(path), unknown[-1])
        has_tables = bool(db.table_names())
        if not has_tables and not create:
            db.close()
            raise errors.NotADatabase(str(path), "empty file")
        if has_tables and not names:
            db.close()
            raise errors.NotADatabase(str(path), "foreign database")
        if str(path) != ":memory:":
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
        pending = migrations.pending(db)
        if pending and names and str(path) != ":memory:":
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            p = Path(path)
            backup_to(db, p.with_name(f"{p.stem}.before-{pending[0].name}-{stamp}{p.suffix}"))
        if pending:
            migrations.apply(db)
    except sqlite3.Error as exc:
        db.close()
        raise translate_error(exc, str(path)) from exc
    return db


def integrity_problems(db: Database) -> list[str]:
    rows = db.execute("PRAGMA integrity_check").fetchall()
    problems = [r[0] for r in rows if r[0] != "ok"]
    problems += [f"foreign key: {r}" for r in db.execute("PRAGMA foreign_key_check").fetchall()]
    return problems
