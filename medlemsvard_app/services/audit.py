"""The audit log (DESIGN §6, issue 9 item 5): who did what and when, never the content.

``record(session, "export", {"exported": 12})`` is all a service needs. The detail holds
codes, counts, dates and file names only: no names, addresses or notes. A person is
pointed at by ``member_id`` (the log stores their member number beside it), never named.
"""

from __future__ import annotations

import getpass
import os
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from medlemsvard_app.storage.audit import AuditEntry, AuditRepository

if TYPE_CHECKING:
    from medlemsvard_app.services.session import Session

__all__ = ["AuditEntry", "os_user_name", "record", "entries", "user_name", "render_detail"]

_MAX_TEXT = 120


def os_user_name() -> str:
    """The operating system's login name: who ran a command-line action."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user database in a container: say so, don't fail
        return os.environ.get("USERNAME", "") or "?"


def user_name(session: Session) -> str:
    """The name the user gave in the app, or the login name (command line)."""
    return (getattr(session, "user_name", "") or "").strip() or os_user_name()


def _clean(value: Any) -> Any:
    """Keep what the log may hold: numbers, flags, dates, short one-line codes and names."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    text = " ".join(str(value).split())
    return text[:_MAX_TEXT]


def render_detail(data: dict[str, Any]) -> str:
    """``key=value`` pairs in the given order: what a person reads in the log view."""
    parts = []
    for key, value in data.items():
        if isinstance(value, list):
            value = ",".join(str(v) for v in value)
        elif isinstance(value, bool):
            value = "yes" if value else "no"
        elif value is None:
            value = ""
        text = str(value)
        if " " in text or "=" in text:
            text = '"' + text.replace('"', "'") + '"'
        parts.append(f"{key}={text}")
    return " ".join(parts)


def record(session: Session, action: str, detail: dict[str, Any] | None = None, *,
           member_id: int | None = None, object_kind: str = "",
           object_id: int | None = None) -> int:
    """Append one entry; runs inside the caller's transaction when there is one."""
    data = {str(k): _clean(v) for k, v in (detail or {}).items()}
    number = None
    if member_id is not None:
        row = session.db.execute("SELECT member_number FROM members WHERE id = ?",
                                 [member_id]).fetchone()
        number = row[0] if row else None
        object_kind = object_kind or "member"
        object_id = member_id if object_id is None else object_id
    return AuditRepository(session.db).append(
        user_name=user_name(session)[:_MAX_TEXT], action=action, detail=render_detail(data),
        data=data, object_kind=object_kind, object_id=object_id, member_id=member_id,
        member_number=number)


def entries(session: Session, *, action: str | None = None, since: date | None = None,
            until: date | None = None, member_id: int | None = None,
            limit: int | None = None) -> list[AuditEntry]:
    """The log, newest first."""
    return AuditRepository(session.db).entries(action=action, since=since, until=until,
                                               member_id=member_id, limit=limit)


def actions(session: Session) -> list[str]:
    return AuditRepository(session.db).actions()
