"""The one SQLite library the app uses: SQLCipher's build (sqlcipher3), for every file.

Why one library for plain and encrypted files alike: sqlite-utils catches its driver's
``OperationalError`` internally, and our repositories catch ``sqlite3.Error``; exceptions of
two libraries are unrelated classes, so a mix lets errors slip past both (TECH-NOTES gotcha
4). Two copies of SQLite in one process also do not see each other's POSIX locks. Without a
key SQLCipher reads and writes ordinary SQLite files.

Storage modules import ``sqlite3`` from here, never the standard library's.
"""

from __future__ import annotations

import sys

import sqlcipher3
from sqlcipher3 import dbapi2 as sqlite3

__all__ = ["sqlite3"]

# sqlite-utils prefers "pysqlite3" when it can import it: point that at SQLCipher before
# sqlite-utils is first imported (medlemsvard_app.storage/__init__ imports this module).
sys.modules.setdefault("pysqlite3", sqlcipher3)
sys.modules.setdefault("pysqlite3.dbapi2", sqlite3)
# A safety net for storage modules that still write ``import sqlite3``: from here on that
# name is SQLCipher's module too, so their ``except sqlite3.Error`` catches what the
# connections raise. Prefer ``from medlemsvard_app.storage.driver import sqlite3``.
sys.modules["sqlite3"] = sqlite3
sys.modules["sqlite3.dbapi2"] = sqlite3


def _align_sqlite_utils() -> None:
    """If something imported sqlite-utils first, point its module globals here too."""
    utils = sys.modules.get("sqlite_utils.utils")
    db = sys.modules.get("sqlite_utils.db")
    for module in (utils, db):
        if module is not None and getattr(module, "sqlite3", None) is not sqlcipher3:
            module.sqlite3 = sqlcipher3  # type: ignore[attr-defined]
            if hasattr(module, "OperationalError"):
                module.OperationalError = sqlite3.OperationalError  # type: ignore[attr-defined]
            if hasattr(module, "dbapi2"):
                module.dbapi2 = sqlite3  # type: ignore[attr-defined]


_align_sqlite_utils()
