"""Address-label sheets as data (DOMAIN §2): where every label of an A4 sheet lies.

Labels are placed by *pitch*, the distance between the top-left corners of neighbouring
labels, never by stacking nominal heights: on an edge-to-edge "70×42.3" sheet the real
pitch is 297/7 = 42.43 mm and the nominal 42.3 would drift a millimetre by the last row
(the misaligned labels peers are blamed for, PEERS §3.3). Pure: the JSON text comes in
from a loader, figures are millimetres from the page's top-left corner.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from medlemsvard_app.domain.errors import DomainError

PAGE_WIDTH, PAGE_HEIGHT = 210.0, 297.0  # A4, mm
#: lasers leave about 4-5 mm unprinted at the paper's edge (DOMAIN §2)
PRINTABLE_MARGIN = 5.0
#: text keeps this far from a label's edge, so a sheet fed a little askew still works
PADDING_X, PADDING_Y = 5.0, 3.5
#: a sheet's labels may overhang the page by this much (rounding in the published figures)
_TOLERANCE = 0.05
CUSTOM_PREFIX = "custom:"


@dataclass(frozen=True, slots=True)
class LabelSheet:
    """One kind of label sheet; every length in millimetres."""

    id: str
    description: str
    columns: int
    rows: int
    label_width: float
    label_height: float
    left: float
    top: float
    pitch_x: float
    pitch_y: float
    corner_radius: float = 0.0
    nominal: str = ""  # the size on the packet, "70×42.3", when it differs from the figures
    equivalents: str = ""  # other makers' numbers for the same grid
    custom: bool = False

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    @property
    def size_text(self) -> str:
        """``3×7, 63.5×38.1 mm``: the grid and the label's size, as on the packet."""
        size = self.nominal or f"{_mm(self.label_width)}×{_mm(self.label_height)}"
        return f"{self.columns}×{self.rows}, {size} mm"

    @property
    def edge_to_edge(self) -> bool:
        """Labels that cover the whole page: the printer cannot reach their outer edges."""
        return (self.left <= 0.5 and self.top <= 0.5
                and abs(self.left + (self.columns - 1) * self.pitch_x + self.label_width
                        - PAGE_WIDTH) <= 0.5)

    @property
    def title(self) -> str:
        """The description with the grid and size, as ``labels --list-sheets`` prints it."""
        return f"{self.description}, {self.size_text}"

    def rect(self, index: int) -> tuple[float, float, float, float]:
        """(x, y, width, height) of label ``index`` (0-based, row by row) from the page's
        top-left corner."""
        row, col = divmod(index % self.per_sheet, self.columns)
        return (self.left + col * self.pitch_x, self.top + row * self.pitch_y,
                self.label_width, self.label_height)

    def text_box(self, index: int) -> tuple[float, float, float, float]:
        """Where text may go on label ``index``: inside its padding and inside the part of
        the page a printer reaches (edge-to-edge sheets touch the paper's edge)."""
        x, y, w, h = self.rect(index)
        left = max(x + PADDING_X, PRINTABLE_MARGIN)
        top = max(y + PADDING_Y, PRINTABLE_MARGIN)
        right = min(x + w - PADDING_X, PAGE_WIDTH - PRINTABLE_MARGIN)
        bottom = min(y + h - PADDING_Y, PAGE_HEIGHT - PRINTABLE_MARGIN)
        return left, top, max(0.0, right - left), max(0.0, bottom - top)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("custom")
        return data


def _mm(value: float) -> str:
    return f"{round(value, 2):g}"


def pages_needed(count: int, sheet: LabelSheet, start: int = 1) -> int:
    """Sheets used by ``count`` labels when the first goes on label ``start`` (1-based)."""
    if count <= 0:
        return 0
    return math.ceil((start - 1 + count) / sheet.per_sheet)


def _number(data: Mapping[str, Any], key: str, *, integer: bool = False) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        raise DomainError("label_sheet_invalid", field=key)
    if integer and int(value) != value:
        raise DomainError("label_sheet_invalid", field=key)
    return int(value) if integer else float(value)


def sheet_from_dict(data: Mapping[str, Any], *, custom: bool = False) -> LabelSheet:
    """A checked sheet; DomainError ``label_sheet_invalid`` (with the field) or
    ``label_sheet_off_page`` when its labels would overlap or leave the A4 page."""
    sheet_id = str(data.get("id", "")).strip()
    if not sheet_id:
        raise DomainError("label_sheet_invalid", field="id")
    sheet = LabelSheet(
        id=sheet_id,
        description=str(data.get("description", "")).strip() or sheet_id,
        columns=int(_number(data, "columns", integer=True)),
        rows=int(_number(data, "rows", integer=True)),
        label_width=_number(data, "label_width"),
        label_height=_number(data, "label_height"),
        left=_number(data, "left"),
        top=_number(data, "top"),
        pitch_x=_number(data, "pitch_x"),
        pitch_y=_number(data, "pitch_y"),
        corner_radius=float(data.get("corner_radius", 0.0) or 0.0),
        nominal=str(data.get("nominal", "") or "").strip(),
        equivalents=str(data.get("equivalents", "") or "").strip(),
        custom=custom)
    validate_sheet(sheet)
    return sheet


def validate_sheet(sheet: LabelSheet) -> None:
    """Labels that fit on A4, side by side without overlapping, big enough for an address."""
    if not (1 <= sheet.columns <= 10 and 1 <= sheet.rows <= 30):
        raise DomainError("label_sheet_invalid", field="columns" if not
                          1 <= sheet.columns <= 10 else "rows")
    for name in ("label_width", "label_height"):
        if getattr(sheet, name) < 15:
            raise DomainError("label_sheet_invalid", field=name)
    for name in ("left", "top", "corner_radius"):
        if getattr(sheet, name) < 0:
            raise DomainError("label_sheet_invalid", field=name)
    if sheet.columns > 1 and sheet.pitch_x + _TOLERANCE < sheet.label_width:
        raise DomainError("label_sheet_invalid", field="pitch_x")
    if sheet.rows > 1 and sheet.pitch_y + _TOLERANCE < sheet.label_height:
        raise DomainError("label_sheet_invalid", field="pitch_y")
    right = sheet.left + (sheet.columns - 1) * sheet.pitch_x + sheet.label_width
    bottom = sheet.top + (sheet.rows - 1) * sheet.pitch_y + sheet.label_height
    if right > PAGE_WIDTH + _TOLERANCE or bottom > PAGE_HEIGHT + _TOLERANCE:
        raise DomainError("label_sheet_off_page", width=_mm(right), height=_mm(bottom))


def parse_sheets(text: str, *, custom: bool = False) -> list[LabelSheet]:
    """The sheets of a ``label_sheets.json`` text (or a list of custom sheets)."""
    data = json.loads(text) if text.strip() else []
    items: Iterable[Any] = data.get("sheets", []) if isinstance(data, dict) else data
    sheets = [sheet_from_dict(item, custom=custom) for item in items]
    ids = [s.id for s in sheets]
    if len(set(ids)) != len(ids):
        raise DomainError("label_sheet_invalid", field="id")
    return sheets


def custom_id(name: str) -> str:
    """The id a user-made sheet is stored under, kept apart from the built-in ones."""
    return CUSTOM_PREFIX + "-".join(name.split())
