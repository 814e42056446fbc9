"""Tasks and task offers in and out of SQL, and the member tags the matching reads."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlite_utils import Database

from medlemsvard_app.domain.tasks import OfferAnswer, Task, TaskOffer, TaskStatus
from medlemsvard_app.storage.database import translate_error
from medlemsvard_app.storage.driver import sqlite3

_D = date.fromisoformat


def _opt(value: str | None) -> date | None:
    return None if value is None else _D(value)


_TASK = "id, title, description, tags, responsible, status, created_on"
_OFFER = "id, task_id, member_id, offered_on, answer, answered_on, note"


def _task(row: Sequence[Any]) -> Task:
    tid, title, description, tags, responsible, status, created_on = row
    return Task(title, description, list(json.loads(tags)), responsible, TaskStatus(status),
                _opt(created_on), tid)


def _offer(row: Sequence[Any]) -> TaskOffer:
    oid, task_id, member_id, offered_on, answer, answered_on, note = row
    return TaskOffer(task_id, member_id, _D(offered_on), OfferAnswer(answer), _opt(answered_on),
                     note, oid)


class TaskRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def _write(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        try:
            with self.db.atomic():
                return self.db.execute(sql, params)
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc

    # -- tasks -------------------------------------------------------------------------
    def tasks(self, statuses: Iterable[TaskStatus] | None = None) -> list[Task]:
        sql = f"SELECT {_TASK} FROM tasks"
        params: list[Any] = []
        if statuses is not None:
            codes = [s.value for s in statuses]
            sql += f" WHERE status IN ({','.join('?' * len(codes))})"
            params = codes
        sql += " ORDER BY CASE status WHEN 'open' THEN 0 WHEN 'filled' THEN 1 ELSE 2 END, " \
               "title COLLATE NOCASE, id"
        return [_task(r) for r in self.db.execute(sql, params).fetchall()]

    def get(self, task_id: int) -> Task | None:
        row = self.db.execute(f"SELECT {_TASK} FROM tasks WHERE id = ?", [task_id]).fetchone()
        return None if row is None else _task(row)

    def save(self, task: Task) -> Task:
        values = [task.title, task.description, json.dumps(task.tags, ensure_ascii=False),
                  task.responsible, task.status.value,
                  task.created_on.isoformat() if task.created_on else None]
        if task.id is None:
            cur = self._write("INSERT INTO tasks (title, description, tags, responsible, status, "
                              "created_on) VALUES (?, ?, ?, ?, ?, ?)", values)
            task.id = int(cur.lastrowid)
        else:
            self._write("UPDATE tasks SET title = ?, description = ?, tags = ?, responsible = ?, "
                        "status = ?, created_on = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', "
                        "'now') WHERE id = ?", [*values, task.id])
        return task

    def offer_counts(self) -> dict[int, dict[str, int]]:
        """Per task: offers per answer."""
        out: dict[int, dict[str, int]] = {}
        for tid, answer, n in self.db.execute(
                "SELECT task_id, answer, count(*) FROM task_offers GROUP BY task_id, answer"):
            out.setdefault(tid, {})[answer] = n
        return out

    # -- offers ------------------------------------------------------------------------
    def offers_for_task(self, task_id: int) -> list[TaskOffer]:
        return [_offer(r) for r in self.db.execute(
            f"SELECT {_OFFER} FROM task_offers WHERE task_id = ? ORDER BY offered_on DESC, id DESC",
            [task_id]).fetchall()]

    def offers_for_member(self, member_id: int) -> list[TaskOffer]:
        return [_offer(r) for r in self.db.execute(
            f"SELECT {_OFFER} FROM task_offers WHERE member_id = ? "
            "ORDER BY offered_on DESC, id DESC", [member_id]).fetchall()]

    def save_offer(self, offer: TaskOffer) -> TaskOffer:
        """Record an offer; offering the same task again updates the earlier one."""
        self._write(
            "INSERT INTO task_offers (task_id, member_id, offered_on, answer, answered_on, note) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (task_id, member_id) DO UPDATE SET "
            "offered_on = excluded.offered_on, answer = excluded.answer, "
            "answered_on = excluded.answered_on, note = excluded.note, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            [offer.task_id, offer.member_id, offer.offered_on.isoformat(), offer.answer.value,
             offer.answered_on.isoformat() if offer.answered_on else None, offer.note])
        # After an upsert that updated, lastrowid is not this row's id: look it up.
        offer.id = self.db.execute("SELECT id FROM task_offers WHERE task_id = ? AND "
                                   "member_id = ?", [offer.task_id, offer.member_id]
                                   ).fetchone()[0]
        return offer

    def add_offers(self, offers: Iterable[TaskOffer]) -> None:
        rows = [(o.task_id, o.member_id, o.offered_on.isoformat(), o.answer.value,
                 o.answered_on.isoformat() if o.answered_on else None, o.note) for o in offers]
        try:
            with self.db.atomic():
                self.db.conn.executemany(
                    "INSERT OR REPLACE INTO task_offers (task_id, member_id, offered_on, answer, "
                    "answered_on, note) VALUES (?, ?, ?, ?, ?, ?)", rows)
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc

    def delete_offer(self, offer_id: int) -> None:
        self._write("DELETE FROM task_offers WHERE id = ?", [offer_id])

    # -- what members bring ------------------------------------------------------------
    def distinct_tags(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT tag FROM member_tags")]

    def members_with_tags(self, tags: Sequence[str], day: date) -> dict[int, list[str]]:
        """Current members having any of ``tags``, with those of the tags they have (the
        others cannot match, so they are not read)."""
        if not tags:
            return {}
        out: dict[int, list[str]] = {}
        for mid, tag in self.db.execute(
                "SELECT t.member_id, t.tag FROM member_tags AS t "
                "JOIN members AS m ON m.id = t.member_id "
                "WHERE t.tag IN (SELECT value FROM json_each(:tags)) "
                "AND m.status = 'member' AND (m.joined_on IS NULL OR m.joined_on <= :day)",
                {"tags": json.dumps(list(tags), ensure_ascii=False), "day": day.isoformat()}):
            out.setdefault(mid, []).append(tag)
        return out
