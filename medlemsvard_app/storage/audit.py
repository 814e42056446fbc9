"""The audit log's rows: appended by services.audit.record, read by the log view and CLI."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlite_utils import Database

from medlemsvard_app.storage.database import translate_error
from medlemsvard_app.storage.driver import sqlite3


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str  # UTC, ISO 8601 with Z
    user_name: str
    action: str
    object_kind: str = ""
    object_id: int | None = None
    member_number: int | None = None
    detail: str = ""
    data: dict[str, Any] = field(default_factory=dict)


_COLUMNS = ("id, at, user_name, action, object_kind, object_id, member_number, detail, data, "
            "member_id")


def _entry(row: tuple) -> AuditEntry:
    try:
        data = json.loads(row[8] or "{}")
    except ValueError:
        data = {}
    return AuditEntry(id=row[0], at=row[1], user_name=row[2], action=row[3],
                      object_kind=row[4], object_id=row[5], member_number=row[6],
                      detail=row[7], data=data if isinstance(data, dict) else {})


class AuditRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def append(self, *, user_name: str, action: str, detail: str, data: dict[str, Any],
               object_kind: str = "", object_id: int | None = None,
               member_id: int | None = None, member_number: int | None = None,
               at: str | None = None) -> int:
        """``at`` (UTC, ISO with Z) only for the demo's history; otherwise now."""
        try:
            with self.db.atomic():
                cur = self.db.execute(
                    "INSERT INTO audit_log (user_name, action, object_kind, object_id, "
                    "member_id, member_number, detail, data, at) VALUES (?, ?, ?, ?, ?, ?, ?, "
                    "?, coalesce(?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))",
                    [user_name, action, object_kind, object_id, member_id, member_number,
                     detail, json.dumps(data, sort_keys=True, ensure_ascii=False), at])
                return int(cur.lastrowid)
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc

    def entries(self, *, action: str | None = None, since: date | None = None,
                until: date | None = None, member_id: int | None = None,
                limit: int | None = None) -> list[AuditEntry]:
        """Newest first; ``since``/``until`` are whole days (UTC) and both inclusive."""
        where, params = [], []  # type: ignore[var-annotated]
        if action:
            where.append("action = ?")
            params.append(action)
        if since is not None:
            where.append("at >= ?")
            params.append(since.isoformat())
        if until is not None:
            where.append("substr(at, 1, 10) <= ?")
            params.append(until.isoformat())
        if member_id is not None:
            where.append("member_id = ?")
            params.append(member_id)
        sql = f"SELECT {_COLUMNS} FROM audit_log"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY at DESC, id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_entry(r) for r in self.db.execute(sql, params).fetchall()]

    def actions(self) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT action FROM audit_log ORDER BY action").fetchall()]
