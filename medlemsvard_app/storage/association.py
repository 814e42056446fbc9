"""The association's own settings row and its board posts."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

from sqlite_utils import Database

from medlemsvard_app.domain.models import Association, BoardPost, BoardRole, Country
from medlemsvard_app.storage.database import translate_error
from medlemsvard_app.storage.driver import sqlite3

_SCALARS = [f.name for f in fields(Association) if f.name not in ("board",)]
_BOOLS = ("identity_number_enabled", "gender_enabled")


class AssociationRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def exists(self) -> bool:
        return self.db.execute("SELECT count(*) FROM association").fetchone()[0] == 1

    def get(self) -> Association:
        cur = self.db.conn.cursor()
        cur.row_factory = sqlite3.Row
        row = cur.execute("SELECT * FROM association WHERE id = 1").fetchone()
        if row is None:
            raise LookupError("association missing")
        values: dict[str, Any] = {name: row[name] for name in _SCALARS}
        values["country"] = Country(values["country"])
        for name in _BOOLS:
            values[name] = bool(values[name])
        assoc = Association(**values)
        cur = self.db.conn.cursor()
        cur.row_factory = sqlite3.Row
        for post in cur.execute("SELECT * FROM board_posts ORDER BY position, id").fetchall():
            assoc.board.append(BoardPost(
                role=BoardRole(post["role"]), person_name=post["person_name"],
                title=post["title"], phone=post["phone"], email=post["email"],
                member_id=post["member_id"]))
        return assoc

    def save(self, assoc: Association) -> None:
        row: dict[str, Any] = {name: getattr(assoc, name) for name in _SCALARS}
        row["country"] = assoc.country.value
        for name in _BOOLS:
            row[name] = int(row[name])
        cols = ", ".join(row)
        marks = ", ".join(f":{c}" for c in row)
        updates = ", ".join(f"{c} = excluded.{c}" for c in row)
        try:
            with self.db.atomic():
                self.db.execute(
                    f"INSERT INTO association (id, {cols}) VALUES (1, {marks}) "
                    f"ON CONFLICT (id) DO UPDATE SET {updates}, "
                    "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", row)
                self.db.execute("DELETE FROM board_posts")
                self.db.conn.executemany(
                    "INSERT INTO board_posts (position, role, title, person_name, phone, email,"
                    " member_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(i, p.role.value, p.title, p.person_name, p.phone, p.email, p.member_id)
                     for i, p in enumerate(assoc.board)])
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc

    def created_on(self) -> date | None:
        row = self.db.execute("SELECT substr(created_at, 1, 10) FROM association WHERE id = 1"
                              ).fetchone()
        return date.fromisoformat(row[0]) if row and row[0] else None

    def log(self, action: str, detail: str = "", member_id: int | None = None) -> None:
        """Append to the audit log (exports and prints are recorded, DESIGN §6)."""
        try:
            with self.db.atomic():
                self.db.execute(
                    "INSERT INTO audit_log (action, member_id, detail) VALUES (?, ?, ?)",
                    [action, member_id, detail])
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc
