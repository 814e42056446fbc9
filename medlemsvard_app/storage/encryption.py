"""Encryption at rest with SQLCipher: keying a connection, telling files apart, re-keying.

SQLCipher encrypts every page of the file and of its WAL journal (AES-256, a key derived
from the passphrase with PBKDF2-HMAC-SHA512 and a per-file random salt). The passphrase is
never written anywhere by the app; the session keeps it in memory for backups and the lock.

Setting, changing and removing the passphrase all work the same crash-safe way: export the
whole database into a new file next to the old one (``sqlcipher_export``), check the copy,
then atomically rename it over the old file. A crash at any moment leaves either the old
file or the new one, each complete.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sqlite_utils import Database

from medlemsvard_app.storage import errors
from medlemsvard_app.storage.driver import sqlite3

SQLITE_HEADER = b"SQLite format 3\x00"
#: SQLCipher 4 writes whole pages of this size; a file of another length is not one of ours.
CIPHER_PAGE_SIZE = 4096


def quote(text: str) -> str:
    """An SQL string literal (PRAGMA key takes no bound parameters)."""
    return "'" + text.replace("'", "''") + "'"


def file_kind(path: Path) -> str:
    """``"plain"`` (an SQLite header), ``"encrypted"`` (whole random pages) or ``"foreign"``.

    An empty file counts as plain (a new file). Encrypted and foreign cannot be told apart
    for certain without the key: a foreign file of whole 4 KiB pages asks for a passphrase
    and then says the passphrase is wrong, which changes nothing.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            header = fh.read(16)
    except PermissionError as exc:
        raise errors.ReadOnly(str(path), str(exc)) from exc
    except OSError as exc:
        raise errors.NotADatabase(str(path), str(exc)) from exc
    if not header or header == SQLITE_HEADER:
        return "plain"
    if size >= CIPHER_PAGE_SIZE and size % CIPHER_PAGE_SIZE == 0:
        return "encrypted"
    return "foreign"


def is_encrypted(path: str | Path) -> bool:
    p = Path(path)
    return p.is_file() and p.stat().st_size > 0 and file_kind(p) == "encrypted"


#: None = SQLCipher 4's own key derivation (PBKDF2-HMAC-SHA512, 256,000 rounds: about
#: 0.3 s per opening on a 2-core machine, by design). Only tests lower it, in-process, to
#: keep the suite fast; files written that way open only with the same setting.
KDF_ITER: int | None = None


SQLCIPHER4_KDF_ITER = 256_000


def _kdf(conn: sqlite3.Connection) -> None:
    # The default is process-wide in SQLCipher: always set it, so it never lingers.
    conn.execute(f"PRAGMA cipher_default_kdf_iter = {int(KDF_ITER or SQLCIPHER4_KDF_ITER)}")


def apply_key(conn: sqlite3.Connection, passphrase: str, path: Path | None = None) -> bytes:
    """Key a fresh connection; must come before anything reads the file.

    For an existing file the key is derived here as SQLCipher 4 does it (PBKDF2-HMAC-SHA512
    over the passphrase with the file's salt, its first 16 bytes) and given as a raw key:
    the derivation is slow on purpose, and the app opens the same file many times (pages
    load in the background with their own connection), so a derived key is kept in memory
    (``remember_key``) once it has opened the file. Returns the key used (b"" for a
    passphrase-keyed new file).
    """
    conn.execute("PRAGMA cipher_log_level = NONE")  # no "hmac check failed" on stderr
    _kdf(conn)
    salt = _salt(path)
    if salt is None:
        conn.execute(f"PRAGMA key = {quote(passphrase)}")
        return b""
    key = _keys.get(_key_id(salt, passphrase))
    if key is None:
        key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt,
                                  int(KDF_ITER or SQLCIPHER4_KDF_ITER), 32)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return key


#: derived keys that opened a file, by (salt, passphrase digest); memory only
_keys: dict[str, bytes] = {}


def _salt(path: Path | None) -> bytes | None:
    if path is None:
        return None
    try:
        with Path(path).open("rb") as fh:
            salt = fh.read(16)
    except OSError:
        return None
    return salt if len(salt) == 16 and salt != SQLITE_HEADER else None


def _key_id(salt: bytes, passphrase: str) -> str:
    digest = hashlib.sha256(salt + passphrase.encode("utf-8")).hexdigest()
    return f"{salt.hex()}:{int(KDF_ITER or SQLCIPHER4_KDF_ITER)}:{digest}"


def remember_key(path: Path, passphrase: str, key: bytes) -> None:
    """Keep a key that opened ``path`` (never one that failed)."""
    salt = _salt(path)
    if salt is not None and key:
        _keys[_key_id(salt, passphrase)] = key


def forget_keys() -> None:
    """Drop every derived key (after a passphrase change the old ones are of no use)."""
    _keys.clear()


# -- the passphrases of files open in this process (memory only) -----------------------------
_open_files: dict[str, tuple[str, int]] = {}


def hold_passphrase(path: str | Path, passphrase: str) -> None:
    """A session opened ``path`` with ``passphrase``: other connections of this process to
    the same file (background loading) may use it until the last session closes."""
    key = str(Path(path).resolve())
    _phrase, count = _open_files.get(key, (passphrase, 0))
    _open_files[key] = (passphrase, count + 1)


def release_passphrase(path: str | Path) -> None:
    key = str(Path(path).resolve())
    phrase, count = _open_files.get(key, ("", 0))
    if count <= 1:
        _open_files.pop(key, None)
    else:
        _open_files[key] = (phrase, count - 1)


def held_passphrase(path: str | Path) -> str | None:
    entry = _open_files.get(str(Path(path).resolve()))
    return entry[0] if entry else None


def export_to(db: Database, target: Path, passphrase: str | None) -> None:
    """Write the whole database into ``target`` (new file), encrypted if ``passphrase``."""
    if target.exists():
        target.unlink()
    key = quote(passphrase or "")
    version = db.execute("PRAGMA user_version").fetchone()[0]
    try:
        db.conn.commit()
        _kdf(db.conn)
        db.execute(f"ATTACH DATABASE {quote(str(target))} AS rekeyed KEY {key}")
        try:
            # A new file nobody uses until it is complete and synced (replace_file): no
            # journal and no sync per statement, or each table costs an fsync.
            db.execute("PRAGMA rekeyed.journal_mode = OFF").fetchall()
            db.execute("PRAGMA rekeyed.synchronous = OFF")
            db.execute("SELECT sqlcipher_export('rekeyed')").fetchall()
            db.execute(f"PRAGMA rekeyed.user_version = {int(version)}")
            db.conn.commit()
        finally:
            db.execute("DETACH DATABASE rekeyed")
    except sqlite3.Error as exc:
        from medlemsvard_app.storage.database import translate_error

        if target.exists():
            target.unlink()
        raise translate_error(exc, str(target)) from exc


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (a no-op where folders cannot be opened, as on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def replace_file(new: Path, path: Path) -> None:
    """Atomically put ``new`` in place of ``path`` (no WAL of the old file may be left)."""
    for suffix in ("-wal", "-shm"):
        extra = path.with_name(path.name + suffix)
        if suffix == "-wal" and extra.exists() and extra.stat().st_size > 0:
            new.unlink(missing_ok=True)
            raise errors.DatabaseLocked(str(path), "journal still in use")
        extra.unlink(missing_ok=True)
    fsync_file(new)
    os.replace(new, path)
    fsync_dir(path.parent)
