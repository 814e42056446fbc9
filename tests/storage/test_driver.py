"""One SQLite library for every connection (storage/driver.py)."""

import sqlcipher3


def test_sqlite_utils_and_storage_use_sqlcipher(session):
    import sqlite_utils.utils

    from medlemsvard_app.storage import driver

    assert sqlite_utils.utils.sqlite3 is sqlcipher3
    assert isinstance(session.db.conn, driver.sqlite3.Connection)


def test_sqlite_utils_still_catches_its_own_errors(session):
    # the TECH-NOTES trap: drop(ignore=True) raised with a foreign driver's exceptions
    session.db["no_such_table"].drop(ignore=True)
