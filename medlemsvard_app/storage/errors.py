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
