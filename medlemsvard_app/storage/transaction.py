"""One transaction around several repository calls, for services that must write all or nothing.

Repositories already wrap each call in ``db.atomic()``; inside this block those become
savepoints, so an exception anywhere (a cancel, a full disk at COMMIT) undoes every call.
SQLite errors leave as coded ``StorageError``s, so services never see sqlite3.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from medlemsvard_app.storage.database import translate_error
from medlemsvard_app.storage.driver import sqlite3


@contextmanager
def transaction(db: Database) -> Iterator[None]:
    try:
        with db.atomic():
            yield
    except sqlite3.Error as exc:
        raise translate_error(exc) from exc
