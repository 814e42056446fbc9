"""The one way in to an association's file: ``connect()`` and ``open_database()``.

Every connection gets the same PRAGMAs here and nowhere else. An encrypted file (SQLCipher,
see encryption.py) is keyed here before anything reads it; a wrong or missing passphrase
is a coded error and the file is not touched.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from medlemsvard_app.storage import encryption, errors
from medlemsvard_app.storage.driver import sqlite3
from medlemsvard_app.storage.migrations import KNOWN, migrations

__all__ = ["Database", "connect", "open_database"]

#: called with the open database and the first pending migration's name, before migrating
BeforeMigration = Callable[[Database, str], None]


def _check_file(path: Path, passphrase: str | None) -> bool:
    """Whether to key the connection; raises for foreign files and missing passphrases."""
    kind = encryption.file_kind(path)
    if kind == "foreign":
        raise errors.NotADatabase(str(path))
    if kind == "encrypted":
        if not passphrase:
            raise errors.PassphraseNeeded(str(path))
        return True
    _check_length(path)
    return False


def _check_length(path: Path) -> None:
    """A plain file shorter than its header says was cut short (a half-finished copy).

    Not while a journal is beside it: a checkpoint stopped by a crash can leave page 1
    (with the new size) written before the pages after it, and the WAL still holds them
    all; opening replays it.
    """
    for suffix in ("-wal", "-journal"):
        extra = path.with_name(path.name + suffix)
        if extra.exists() and extra.stat().st_size > 0:
            return
    with path.open("rb") as fh:
        header = fh.read(100)
    if len(header) < 100:
        if header:
            raise errors.DatabaseDamaged(str(path), "shorter than a header")
        return
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The in-header size counts only when the two change counters agree (SQLite's rule).
    valid = header[24:28] == header[92:96]
    if valid and pages and path.stat().st_size < pages * page_size:
        raise errors.DatabaseDamaged(str(path), "shorter than its page count")


def translate_error(exc: BaseException, path: str = "") -> errors.StorageError:
    """Map sqlite3 and OS errors onto our coded errors."""
    if isinstance(exc, errors.StorageError):
        return exc
    text = str(exc).lower()
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "database or disk is full" in text:
        return errors.DiskFull(path, str(exc))
    if "malformed" in text or "hmac check failed" in text:
        return errors.DatabaseDamaged(path, str(exc))
    if "locked" in text or "busy" in text:
        return errors.DatabaseLocked(path, str(exc))
    if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        return errors.ReadOnly(path, str(exc))
    if "not a database" in text or "malformed" in text:
        return errors.NotADatabase(path, str(exc))
    return errors.StorageError(path, str(exc))


def connect(path: str | Path, *, create: bool = False, wal: bool = True,
            passphrase: str | None = None, read_only: bool = False) -> Database:
    """Open one connection with our PRAGMAs; the file must exist unless ``create``.

    ``wal=False`` opens without switching the journal mode, which would write to the file:
    ``open_database`` looks at a file that way before it knows the file is ours.
    ``passphrase`` keys an encrypted file (and encrypts a file being created); a plain file
    ignores it. ``read_only`` opens for looking only (counting a backup's members).
    """
    if str(path) == ":memory:":
        db = Database(memory=True)
        _configure(db, wal=False)
        return db
    path = Path(path)
    keyed = False
    if path.exists():
        if path.is_dir():
            raise errors.NotADatabase(str(path))
        keyed = _check_file(path, passphrase)
        if not read_only and not os.access(path, os.W_OK):
            raise errors.ReadOnly(str(path))
    elif not create:
        raise errors.DatabaseMissing(str(path))
    else:
        keyed = bool(passphrase)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise translate_error(exc, str(path)) from exc
    try:
        if read_only:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                   check_same_thread=False)
        else:
            conn = sqlite3.connect(str(path), check_same_thread=False)
        key = (encryption.apply_key(conn, passphrase or "", path if path.exists() else None)
               if keyed else b"")
    except sqlite3.Error as exc:
        raise translate_error(exc, str(path)) from exc
    db = Database(conn)
    try:
        _configure(db, wal=wal and not read_only)
    except sqlite3.Error as exc:
        db.close()
        if keyed and "not a database" in str(exc).lower():
            raise errors.WrongPassphrase(str(path)) from exc
        raise translate_error(exc, str(path)) from exc
    if key:
        encryption.remember_key(path, passphrase or "", key)
    return db


def _configure(db: Database, *, wal: bool) -> None:
    db.execute("PRAGMA busy_timeout = 3000")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA cache_size = -32768")
    # Fail at once on garbage with a valid-looking header (and on a wrong key).
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


def open_database(path: str | Path, *, create: bool = False, passphrase: str | None = None,
                  before_migration: BeforeMigration | None = None) -> Database:
    """Connect, refuse foreign files and files from a newer version, back up, migrate.

    Nothing is written to a file until it is known to be ours (or a new one we create).
    ``before_migration`` makes the safety copy (the session puts it among the rotating
    backups); without it the copy goes next to the file.
    """
    db = connect(path, create=create, wal=False, passphrase=passphrase)
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
            if before_migration is not None:
                before_migration(db, pending[0].name)
            else:
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
                p = Path(path)
                backup_to(db, p.with_name(
                    f"{p.stem}.before-{pending[0].name}-{stamp}{p.suffix}"))
        if pending:
            migrations.apply(db)
    except sqlite3.Error as exc:
        db.close()
        raise translate_error(exc, str(path)) from exc
    except errors.StorageError:
        db.close()
        raise
    return db


def integrity_problems(db: Database) -> list[str]:
    rows = db.execute("PRAGMA integrity_check").fetchall()
    problems = [r[0] for r in rows if r[0] != "ok"]
    problems += [f"foreign key: {r}" for r in db.execute("PRAGMA foreign_key_check").fetchall()]
    return problems
