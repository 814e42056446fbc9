"""Letter templates as the association worded them, the envelope choice, printer offsets,
and the upcoming activities a letter lists. Defaults live in code (i18n/letter_texts.py):
only the association's own edits are stored, so "reset to default" is a delete."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from medlemsvard_app.storage.database import Database
from medlemsvard_app.storage.transaction import transaction


@dataclass(frozen=True, slots=True)
class StoredTemplate:
    template: str
    language: str
    subject: str
    body: str
    signature: str


@dataclass(frozen=True, slots=True)
class UpcomingActivity:
    title: str
    on_date: date
    starts_at: str
    place: str


class LetterRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- templates -------------------------------------------------------------------------
    def template(self, template: str, language: str) -> StoredTemplate | None:
        row = self.db.execute(
            "SELECT template, language, subject, body, signature FROM letter_templates "
            "WHERE template = ? AND language = ?", [template, language]).fetchone()
        return StoredTemplate(*row) if row else None

    def save_template(self, stored: StoredTemplate) -> None:
        with transaction(self.db):
            self.db.execute(
                "INSERT INTO letter_templates (template, language, subject, body, signature) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (template, language) DO UPDATE SET "
                "subject = excluded.subject, body = excluded.body, "
                "signature = excluded.signature, "
                "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                [stored.template, stored.language, stored.subject, stored.body,
                 stored.signature])

    def delete_template(self, template: str, language: str) -> None:
        with transaction(self.db):
            self.db.execute("DELETE FROM letter_templates WHERE template = ? AND language = ?",
                            [template, language])

    # -- settings --------------------------------------------------------------------------
    def setting(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM letter_settings WHERE key = ?",
                              [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with transaction(self.db):
            self.db.execute(
                "INSERT INTO letter_settings (key, value) VALUES (?, ?) ON CONFLICT (key) "
                "DO UPDATE SET value = excluded.value, "
                "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", [key, value])

    def offset(self, printer: str) -> tuple[float, float]:
        row = self.db.execute("SELECT x_mm, y_mm FROM printer_offsets WHERE printer = ?",
                              [printer]).fetchone()
        return (float(row[0]), float(row[1])) if row else (0.0, 0.0)

    def set_offset(self, printer: str, x_mm: float, y_mm: float) -> None:
        with transaction(self.db):
            self.db.execute(
                "INSERT INTO printer_offsets (printer, x_mm, y_mm) VALUES (?, ?, ?) "
                "ON CONFLICT (printer) DO UPDATE SET x_mm = excluded.x_mm, "
                "y_mm = excluded.y_mm, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                [printer, float(x_mm), float(y_mm)])

    # -- who can get a letter --------------------------------------------------------------
    def screening(self, member_ids: list[int]) -> list[tuple]:
        """Per member, in the order given: (id, protected_identity, preferred_channel, email,
        given_name, call_name, family_name, street, postal_code, city) — what deciding who
        gets a letter needs, without reading whole members (100,000 in a moment)."""
        if not member_ids:
            return []
        return self.db.execute(
            "SELECT m.id, m.protected_identity, m.preferred_channel, m.email, m.given_name, "
            "m.call_name, m.family_name, m.street, m.postal_code, m.city "
            "FROM json_each(?) j JOIN members m ON m.id = j.value ORDER BY j.key",
            ["[" + ",".join(str(int(i)) for i in member_ids) + "]"]).fetchall()

    # -- what letters mention --------------------------------------------------------------
    def upcoming_activities(self, day: date, limit: int = 3) -> list[UpcomingActivity]:
        """The next activities from ``day`` on that are not cancelled, soonest first."""
        rows = self.db.execute(
            "SELECT title, on_date, coalesce(starts_at, ''), place FROM activities "
            "WHERE cancelled = 0 AND on_date >= ? ORDER BY on_date, starts_at, id LIMIT ?",
            [day.isoformat(), limit]).fetchall()
        return [UpcomingActivity(r[0], date.fromisoformat(r[1]), r[2], r[3]) for r in rows]

    def next_activity_of_kind(self, kind: str, day: date) -> UpcomingActivity | None:
        row = self.db.execute(
            "SELECT title, on_date, coalesce(starts_at, ''), place FROM activities "
            "WHERE cancelled = 0 AND kind = ? AND on_date >= ? ORDER BY on_date, starts_at, id "
            "LIMIT 1", [kind, day.isoformat()]).fetchone()
        return UpcomingActivity(row[0], date.fromisoformat(row[1]), row[2], row[3]) if row \
            else None
