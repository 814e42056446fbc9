"""Storage failures, each with a code the UI and CLI translate (never a traceback)."""

from __future__ import annotations


class StorageError(Exception):
    code = "storage_error"

    def __init__(self, path: str = "", detail: str = "") -> None:
        super().__init__(detail or self.code)
        self.path = path
        self.detail = detail


class DatabaseMissing(StorageError):
    code = "db_missing"


class NotADatabase(StorageError):
    code = "db_not_a_database"


class NewerVersion(StorageError):
    code = "db_newer_version"


class DatabaseLocked(StorageError):
    code = "db_locked"


class ReadOnly(StorageError):
    code = "db_read_only"


class DiskFull(StorageError):
    code = "db_disk_full"


class AlreadyExists(StorageError):
    code = "db_exists"


class PassphraseNeeded(StorageError):
    """The file is encrypted and no passphrase was given: ask for one."""

    code = "db_passphrase_needed"


class WrongPassphrase(StorageError):
    """The passphrase does not open the file; the file was not touched."""

    code = "db_wrong_passphrase"


class DatabaseDamaged(NotADatabase):
    """Ours but cut short or corrupt (a copy that stopped half-way): restore a backup."""

    code = "db_damaged"


class AlreadyOpen(StorageError):
    """Another window of the app has the file open (one window per file)."""

    code = "db_open_elsewhere"
