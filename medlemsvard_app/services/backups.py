"""Automatic, rotating backups of an association file, and putting one back.

When: on opening (at most once a calendar day), before every migration, before imports and
bulk changes (payments import, strike-off, import wizard, erasure …: the services call
``backup_now``), before a passphrase change and before a restore. Where: a folder per
association file, under the folder the user chose for this machine (an external drive) or
by default under the user's data folder. Kept: the rotation rule of
domain/backup_rotation.py. Each backup is a complete SQLite file (encrypted with the same
key if the association's file is) plus a small ``.json`` beside it with the reason, the
time and the member count, so the list shows them without opening every copy.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from medlemsvard_app.domain.backup_rotation import to_delete
from medlemsvard_app.i18n import N_, _
from medlemsvard_app.i18n.messages import register_messages
from medlemsvard_app.paths import user_data_dir
from medlemsvard_app.storage import backup as store
from medlemsvard_app.storage import encryption, errors
from medlemsvard_app.storage.database import Database, connect

if TYPE_CHECKING:
    from medlemsvard_app.services.session import Session

register_messages({
    "backup_missing": N_("The backup {path} is no longer there."),
    "backup_unhealthy": N_("The backup {path} is damaged, so it was not restored. Nothing "
                           "was changed; choose another backup."),
})

#: reason codes and how the backup list names them
REASONS: dict[str, str] = {
    "opening": N_("Daily, on opening"),
    "before_migration": N_("Before updating the file to a new version"),
    "before_import": N_("Before an import of members"),
    "before_payments_import": N_("Before an import of payments"),
    "before_strike_off": N_("Before striking off members"),
    "before_passphrase_change": N_("Before a passphrase change"),
    "before_restore": N_("Before restoring another backup"),
    "before_erasure": N_("Before erasing a member"),
    "before_anonymisation": N_("Before anonymising former members"),
    "erasure": N_("Before erasing a member"),  # the reason codes services/privacy.py uses
    "anonymisation": N_("Before anonymising former members"),
    "manual": N_("Made by hand"),
    "damaged": N_("The damaged file, kept before a restore"),
}

_SUFFIX = ".sqlite"
_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2}_\d{6})(?:-(\d+))?_([a-z0-9_]+)\.sqlite$")


def reason_label(code: str) -> str:
    return _(REASONS[code]) if code in REASONS else code.replace("_", " ")


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    reason: str
    size: int
    members: int | None
    encrypted: bool
    sequence: int = 1  # the second and later backups of the same second

    @property
    def reason_text(self) -> str:
        return reason_label(self.reason)


def backup_folder(database: str | Path) -> Path:
    """This association file's own folder of backups (created when the first is made)."""
    from medlemsvard_app.services.security import load_settings

    database = Path(database).resolve()
    base = load_settings().backup_folder_for(database) or user_data_dir() / "backups"
    digest = hashlib.sha256(str(database).encode("utf-8")).hexdigest()[:8]
    return base / f"{database.stem}-{digest}"


def _code(reason: str) -> str:
    return re.sub(r"[^a-z0-9_]+", "_", reason.strip().lower()).strip("_") or "manual"


def _target(folder: Path, reason: str, now: datetime) -> Path:
    """A new name; a second backup in the same second gets "-2" (whatever its reason), so
    the list keeps the order they were made in."""
    stamp = now.strftime("%Y-%m-%d_%H%M%S")
    same_second = [*folder.glob(f"{stamp}_*{_SUFFIX}"), *folder.glob(f"{stamp}-*{_SUFFIX}")]
    n = len(same_second) + 1
    target = (folder / f"{stamp}-{n}_{reason}{_SUFFIX}" if same_second
              else folder / f"{stamp}_{reason}{_SUFFIX}")
    while target.exists():
        n += 1
        target = folder / f"{stamp}-{n}_{reason}{_SUFFIX}"
    return target


def _write_sidecar(target: Path, reason: str, now: datetime, members: int | None,
                   encrypted: bool) -> None:
    meta = {"reason": reason, "taken_at": now.isoformat(timespec="seconds"),
            "members": members, "encrypted": encrypted}
    with contextlib.suppress(OSError):  # without it the list opens the copy to count
        target.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")


def backup_db(db: Database, database: Path, reason: str, *, encrypted: bool,
              out: Path | None = None, now: datetime | None = None) -> Path:
    """Copy an open database; into the rotation folder unless ``out`` is given."""
    now = now or datetime.now()
    reason = _code(reason)
    folder = backup_folder(database)
    if out is None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise errors.StorageError(str(folder), str(exc)) from exc
    target = Path(out) if out is not None else _target(folder, reason, now)
    try:
        members = store.current_members(db)
    except Exception:  # noqa: BLE001 - a file from before the members table: no count
        members = None
    store.vacuum_into(db, target)
    if out is None:
        _write_sidecar(target, reason, now, members, encrypted)
        prune(database, now)
    return target


def backup_now(session_or_path: Session | str | Path, reason: str, *,
               passphrase: str | None = None, out: Path | None = None) -> Path:
    """A consistent backup now; returns its path. The API the other services call.

    With a session, the open connection is copied (an encrypted file's backup is encrypted
    with the same key). With a path, the file is opened with ``passphrase`` for the copy.
    """
    if isinstance(session_or_path, str | Path):
        path = Path(session_or_path)
        db = connect(path, passphrase=passphrase, wal=False)
        try:
            return backup_db(db, path, reason, encrypted=encryption.is_encrypted(path),
                             out=out)
        finally:
            db.close()
    session = session_or_path
    return backup_db(session.db, session.path, reason,
                     encrypted=encryption.is_encrypted(session.path), out=out)


_DAILY = threading.Lock()


def daily_backup(session: Session, now: datetime | None = None) -> Path | None:
    """The backup on opening: only if none was made today. Returns it, or None."""
    now = now or datetime.now()
    with _DAILY:  # two openings at once (a window and a background job) make one backup
        if any(b.taken_at.date() == now.date() for b in backups_of(session.path)):
            return None
        return backup_now(session, "opening")


def _read_backup(path: Path) -> Backup | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    taken_at = datetime.strptime(match.group(1), "%Y-%m-%d_%H%M%S")
    members = None
    try:
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        members = meta.get("members")
    except (OSError, ValueError):
        pass
    try:
        size = path.stat().st_size
    except OSError:
        return None
    return Backup(path=path, taken_at=taken_at, reason=match.group(3), size=size,
                  members=members if isinstance(members, int) else None,
                  encrypted=encryption.is_encrypted(path), sequence=int(match.group(2) or 1))


def backups_of(database: str | Path) -> list[Backup]:
    """The backups of an association file, newest first."""
    folder = backup_folder(database)
    if not folder.is_dir():
        return []
    found = [b for p in folder.glob(f"*{_SUFFIX}") if (b := _read_backup(p)) is not None]
    return sorted(found, key=lambda b: (b.taken_at, b.sequence), reverse=True)


def prune(database: str | Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups the rotation rule no longer keeps; returns what went."""
    now = now or datetime.now()
    backups = backups_of(database)
    doomed = to_delete([(b.path, b.taken_at) for b in backups], now)
    gone = []
    for path in doomed:
        try:
            path.unlink()
            path.with_suffix(".json").unlink(missing_ok=True)
        except OSError:
            continue
        gone.append(path)
    return gone


def look_inside(backup: Path, passphrase: str | None) -> store.Contents:
    if not backup.exists():
        raise errors.StorageError(str(backup), "missing")
    return store.look_inside(backup, passphrase)


def restore(database: str | Path, backup: str | Path, *, current_passphrase: str | None,
            backup_passphrase: str | None) -> Path | None:
    """Put ``backup`` in place of the (closed) association file.

    The current file is backed up first (a byte copy if it cannot even be opened), and the
    backup is checked before anything is replaced. Returns the safety copy of the current
    file. Afterwards the file opens with ``backup_passphrase``.
    """
    database, backup = Path(database), Path(backup)
    if not backup.exists():
        from medlemsvard_app.services.security import SecurityError

        raise SecurityError("backup_missing", path=str(backup))
    contents = store.look_inside(backup, backup_passphrase)
    if not contents.healthy:
        from medlemsvard_app.services.security import SecurityError

        raise SecurityError("backup_unhealthy", path=str(backup))
    safety: Path | None = None
    if database.exists() and database.stat().st_size > 0:
        try:
            safety = backup_now(database, "before_restore", passphrase=current_passphrase)
        except (errors.NotADatabase, errors.WrongPassphrase, errors.PassphraseNeeded):
            folder = backup_folder(database)
            folder.mkdir(parents=True, exist_ok=True)
            now = datetime.now()
            safety = store.copy_raw(database, _target(folder, "damaged", now))
            _write_sidecar(safety, "damaged", now, None, encryption.is_encrypted(database))
    store.put_back(backup, database)
    return safety


def safety_backup(session: Session, reason: str) -> Path | None:
    """The backup before an import or bulk change. A failure (the backup drive is not
    plugged in) does not stop the work: it is kept in ``session.backup_problem``."""
    if str(session.path) == ":memory:":
        return None
    try:
        return backup_now(session, reason)
    except (errors.StorageError, OSError) as exc:
        session.backup_problem = exc
        return None
