"""Backup copies on disk: consistent copies, looking inside one, putting one back.

A copy is made with ``VACUUM INTO`` from the open connection: it is consistent (one read
transaction, WAL included) and, from a keyed connection, encrypted with the same key. The
backup API is not used: into an unkeyed target it fails for an encrypted file (TECH-NOTES).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from medlemsvard_app.storage import encryption, errors
from medlemsvard_app.storage.database import backup_to, connect, translate_error
from medlemsvard_app.storage.driver import sqlite3


def vacuum_into(db: Database, target: Path) -> Path:
    """A consistent copy of the open database at ``target`` (written to a temporary name
    first, so a crash never leaves a half backup under the real name)."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        backup_to(db, partial)
        encryption.fsync_file(partial)
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise translate_error(exc, str(target)) from exc
    except errors.StorageError:
        partial.unlink(missing_ok=True)
        raise
    return target


def current_members(db: Database) -> int:
    return int(db.execute(
        "SELECT count(*) FROM members WHERE status = 'member' AND left_on IS NULL"
    ).fetchone()[0])


@dataclass(frozen=True)
class Contents:
    """What a backup holds, as far as the restore dialog needs to show."""

    members: int
    association: str
    healthy: bool


def look_inside(path: Path, passphrase: str | None) -> Contents:
    """Open a backup read-only and count; raises WrongPassphrase, NotADatabase …"""
    db = connect(path, passphrase=passphrase, read_only=True, wal=False)
    try:
        rows = db.execute("PRAGMA quick_check").fetchall()
        healthy = [r[0] for r in rows] == ["ok"]
        members = current_members(db)
        row = db.execute("SELECT name FROM association WHERE id = 1").fetchone()
    except sqlite3.Error as exc:
        raise translate_error(exc, str(path)) from exc
    finally:
        db.close()
    return Contents(members=members, association=row[0] if row else "", healthy=healthy)


def copy_raw(source: Path, target: Path) -> Path:
    """A byte copy, for a file that cannot be opened (kept before a restore replaces it)."""
    try:
        shutil.copyfile(source, target)
    except OSError as exc:
        raise translate_error(exc, str(target)) from exc
    return target


def put_back(backup: Path, path: Path) -> None:
    """Copy ``backup`` over the association file atomically (the file must be closed)."""
    staged = path.with_name(path.name + ".restoring")
    try:
        shutil.copyfile(backup, staged)
        encryption.replace_file(staged, path)
    except OSError as exc:
        staged.unlink(missing_ok=True)
        raise translate_error(exc, str(path)) from exc
