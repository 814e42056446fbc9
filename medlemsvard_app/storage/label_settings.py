"""Label printing settings: the association's own sheets, the last sheet, the printer offset."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from medlemsvard_app.storage.database import translate_error
from medlemsvard_app.storage.driver import sqlite3


@dataclass(slots=True)
class LabelSettings:
    custom_sheets: list[dict[str, Any]] = field(default_factory=list)
    last_sheet: str = ""
    offset_x_mm: float = 0.0
    offset_y_mm: float = 0.0


class LabelSettingsRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self) -> LabelSettings:
        row = self.db.execute(
            "SELECT custom_sheets, last_sheet, offset_x_mm, offset_y_mm FROM label_settings "
            "WHERE id = 1").fetchone()
        if row is None:
            return LabelSettings()
        sheets = json.loads(row[0] or "[]")
        return LabelSettings(sheets if isinstance(sheets, list) else [], row[1], row[2], row[3])

    def save(self, settings: LabelSettings) -> None:
        try:
            with self.db.atomic():
                self.db.execute(
                    "INSERT INTO label_settings (id, custom_sheets, last_sheet, offset_x_mm, "
                    "offset_y_mm) VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                    "custom_sheets = excluded.custom_sheets, last_sheet = excluded.last_sheet,"
                    " offset_x_mm = excluded.offset_x_mm, offset_y_mm = excluded.offset_y_mm,"
                    " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                    [json.dumps(settings.custom_sheets, ensure_ascii=False),
                     settings.last_sheet, float(settings.offset_x_mm),
                     float(settings.offset_y_mm)])
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc
