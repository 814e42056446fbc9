"""Passphrase on/off/change for an association file, and this machine's security settings.

All three passphrase operations work on a closed file (the GUI closes its session and
reopens it afterwards): the whole database is exported into a new file with the new key,
the copy is checked, and it replaces the old file in one atomic rename (storage/
encryption.py). Existing backups of the file are re-keyed the same way, so no readable copy
is left behind after encryption is switched on and one passphrase opens them all.

The passphrase is never written to disk by the app; the session holds it in memory.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from medlemsvard_app.i18n import N_
from medlemsvard_app.i18n.messages import register_messages
from medlemsvard_app.storage import encryption, errors
from medlemsvard_app.storage.database import connect

MIN_PASSPHRASE_LENGTH = 8
DEFAULT_IDLE_MINUTES = 10
PASSPHRASE_ENV = "MEDLEMSVARD_PASSPHRASE"

register_messages({
    "passphrase_too_short": N_("A passphrase needs at least {count} characters. Several "
                               "words in a row are easy to remember and hard to guess."),
    "passphrase_mismatch": N_("The two passphrases are not the same."),
    "passphrase_already_set": N_("{path} is already encrypted. Change its passphrase "
                                 "instead."),
    "passphrase_not_set": N_("{path} is not encrypted, so it has no passphrase to change or "
                             "remove."),
    "passphrase_file_unreadable": N_("The passphrase file {path} could not be read."),
})


class SecurityError(Exception):
    """A refused passphrase operation, with a code ``describe()`` turns into a sentence."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params
        self.path = str(params.get("path", ""))


def check_new_passphrase(passphrase: str, repeated: str | None = None) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise SecurityError("passphrase_too_short", count=MIN_PASSPHRASE_LENGTH)
    if repeated is not None and repeated != passphrase:
        raise SecurityError("passphrase_mismatch")


def read_passphrase_file(path: Path) -> str:
    """The first line of a passphrase file (trailing newline and spaces dropped)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SecurityError("passphrase_file_unreadable", path=str(path)) from exc
    lines = text.splitlines()
    return lines[0].rstrip() if lines else ""


def passphrase_from_environment() -> str | None:
    value = os.environ.get(PASSPHRASE_ENV)
    return value if value else None


def is_encrypted(path: str | Path) -> bool:
    return encryption.is_encrypted(path)


def _rekey_file(path: Path, old: str | None, new: str | None) -> None:
    """Export ``path`` (opened with ``old``) into a new file keyed with ``new``; swap."""
    staged = path.with_name(path.name + ".rekey")
    db = connect(path, passphrase=old)
    try:
        encryption.export_to(db, staged, new)
    finally:
        db.close()
    check = connect(staged, passphrase=new, wal=False)
    try:  # every page is read back, so every page decrypts with the new key
        problems = [r[0] for r in check.execute("PRAGMA quick_check").fetchall()
                    if r[0] != "ok"]
    finally:
        check.close()
    if problems:
        staged.unlink(missing_ok=True)
        raise errors.DatabaseDamaged(str(path), "; ".join(problems[:3]))
    encryption.replace_file(staged, path)


def change_passphrase(path: str | Path, old: str | None, new: str | None) -> int:
    """Set (``old`` None), change, or remove (``new`` None) the passphrase of a closed file.

    Backups of the file are re-keyed too (those the old passphrase opens): no readable copy
    is left after encryption is switched on, and a passphrase that was given away opens no
    old backup after a change. Returns how many backups were re-keyed. The caller writes
    the audit entry.
    """
    p = Path(path)
    encrypted = encryption.is_encrypted(p)
    if old is None and encrypted:
        raise SecurityError("passphrase_already_set", path=str(p))
    if old is not None and not encrypted:
        raise SecurityError("passphrase_not_set", path=str(p))
    if new is not None:
        check_new_passphrase(new)
    from medlemsvard_app.services.backups import backups_of

    # No backup first: the old file stays whole until the one rename, and a copy keyed
    # with the old passphrase would only have to be re-keyed below (minutes at 400 MB).
    _rekey_file(p, old, new)

    done = 0
    for backup in backups_of(p):
        if encryption.is_encrypted(backup.path) != (old is not None):
            continue
        try:
            _rekey_file(backup.path, old, new)
        except errors.StorageError:
            continue  # made under an older passphrase: left as it is
        done += 1
    encryption.forget_keys()
    return done


# -- this machine's settings (no Qt: the command line reads them too) ------------------------
def _config_file() -> Path:
    override = os.environ.get("MEDLEMSVARD_CONFIG_DIR")
    if override:
        return Path(override) / "security.json"
    from platformdirs import user_config_path

    return user_config_path("Medlemsvard", appauthor=False) / "security.json"


@dataclass
class SecuritySettings:
    """Idle lock and backup folders; per machine, because a backup drive is."""

    idle_minutes: int = DEFAULT_IDLE_MINUTES
    backup_folders: dict[str, str] | None = None

    def backup_folder_for(self, database: Path) -> Path | None:
        folder = (self.backup_folders or {}).get(str(Path(database).resolve()))
        return Path(folder) if folder else None

    def with_backup_folder(self, database: Path, folder: Path | None) -> SecuritySettings:
        folders = dict(self.backup_folders or {})
        key = str(Path(database).resolve())
        if folder is None:
            folders.pop(key, None)
        else:
            folders[key] = str(folder)
        return SecuritySettings(self.idle_minutes, folders)


def load_settings() -> SecuritySettings:
    try:
        data = json.loads(_config_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return SecuritySettings()
    minutes = data.get("idle_minutes", DEFAULT_IDLE_MINUTES)
    folders = data.get("backup_folders") or {}
    return SecuritySettings(int(minutes) if isinstance(minutes, int) else DEFAULT_IDLE_MINUTES,
                            {str(k): str(v) for k, v in folders.items()})


def save_settings(settings: SecuritySettings) -> None:
    target = _config_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(target.name + ".tmp")
    staged.write_text(json.dumps({"idle_minutes": settings.idle_minutes,
                                  "backup_folders": settings.backup_folders or {}},
                                 indent=1), encoding="utf-8")
    staged.replace(target)


def log_event(path: str | Path, passphrase: str | None, action: str,
              detail: dict[str, object] | None = None, user_name: str = "") -> None:
    """Write a security event (passphrase change, restore) into the file's audit log."""
    from medlemsvard_app.services import audit
    from medlemsvard_app.services.session import open_session

    session = open_session(path, passphrase=passphrase, daily_backup=False)
    try:
        session.user_name = user_name
        audit.record(session, action, dict(detail or {}))
    finally:
        session.close()


def recovery_sheet(session, *, include_passphrase: bool = False) -> bytes:
    """The recovery sheet's PDF for this session's file (the passphrase only on request)."""
    from datetime import date

    from medlemsvard_app.documents.recovery_sheet import RecoverySheet, build_recovery_sheet
    from medlemsvard_app.i18n import _
    from medlemsvard_app.i18n.formatting import format_date
    from medlemsvard_app.services.backups import backup_folder

    sheet = RecoverySheet(
        title=_("Recovery sheet for the member register"),
        intro=_("The member register of {association} is encrypted. It opens only with its "
                "passphrase, and there is no other way in: keep this sheet so that the "
                "register is not lost when the person who knows the passphrase is away or "
                "leaves the board.").format(association=session.association.name),
        facts=[(_("Association:"), session.association.name),
               (_("Register file:"), str(Path(session.path).resolve())),
               (_("Backups:"), str(backup_folder(session.path))),
               (_("Sheet made on:"), format_date(date.today(), "long"))],
        box_label=_("The passphrase (write it here by hand):"),
        advice_title=_("Where to keep this sheet"),
        advice=[
            _("Somewhere locked and apart from the computer: a safe, a locked drawer at "
              "home, or sealed in an envelope with a second board member."),
            _("Never in the laptop bag, on the desk beside the computer, or as a photo on "
              "your phone."),
            _("Make a new sheet whenever the passphrase is changed, and destroy the old "
              "one."),
            _("If the computer or this sheet is lost, change the passphrase and consider "
              "whether the loss must be reported to the data protection authority within "
              "72 hours."),
        ],
        passphrase=session.passphrase if include_passphrase else None,
        footer=_("Medlemsvård · this sheet holds no member data"),
    )
    return build_recovery_sheet(sheet)
