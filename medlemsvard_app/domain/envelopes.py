"""Where the address goes on an A4 letter so it shows in a window envelope (DOMAIN §1).

Every figure is in millimetres from the top-left corner of the sheet, as the standards
give them. ``zone`` is where the recipient's lines must lie; ``window`` is the opening of
the envelope itself (drawn on the calibration page). A per-printer offset moves
everything printed by the same amount, so a printer that prints 1.5 mm too far right is
corrected once. The Swedish V2/H2 positions are not published in any source we found:
those presets carry ``verify=True`` and the app says "check with your envelope".
"""

from __future__ import annotations

from dataclasses import dataclass

PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
#: Lasers leave about 4-5 mm unprinted at the paper's edge (DOMAIN §2): nothing goes there.
PRINTABLE_MARGIN_MM = 5.0
#: The largest printer correction offered, either way (mm).
MAX_OFFSET_MM = 10.0


@dataclass(frozen=True, slots=True)
class Rect:
    """x, y from the top-left corner; w, h; all in mm."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def moved(self, dx: float, dy: float) -> Rect:
        return Rect(self.x + dx, self.y + dy, self.w, self.h)

    def contains(self, other: Rect, tolerance: float = 0.0) -> bool:
        return (other.x >= self.x - tolerance and other.y >= self.y - tolerance
                and other.right <= self.right + tolerance
                and other.bottom <= self.bottom + tolerance)


@dataclass(frozen=True, slots=True)
class EnvelopePreset:
    """One window position. ``return_zone``: room for a one-line return address above the
    recipient (DIN's "Rücksendeangabe"); None where the window has no room for it."""

    id: str
    zone: Rect
    window: Rect
    inset: float = 0.0  # text starts this far inside the zone (mm)
    return_zone: Rect | None = None
    verify: bool = False
    #: True when the window is on the right: the date and references go on the left.
    right_window: bool = False
    fold_marks: tuple[float, ...] = (87.0, 192.0)

    @property
    def max_lines(self) -> int:
        """Lines of 10 pt (4.2 mm leading) the zone holds; more lines get a smaller font."""
        return max(1, int(self.zone.h // 4.2))


PRESETS: tuple[EnvelopePreset, ...] = (
    # DIN 5008 form A: recipient zone 20, 44.7, 85 × 27.3; the DIN 680 window of a DL or
    # C6/5 envelope is 90 × 45 mm, 20 mm from the left, its top 27 mm from the sheet's top.
    EnvelopePreset("DIN-A", Rect(20, 44.7, 85, 27.3), Rect(20, 27, 90, 45), inset=5,
                   return_zone=Rect(20, 36, 85, 8.7), fold_marks=(87.0, 192.0)),
    # DIN 5008 form B: the same 45 mm lower (a taller letterhead).
    EnvelopePreset("DIN-B", Rect(20, 62.7, 85, 27.3), Rect(20, 45, 90, 45), inset=5,
                   return_zone=Rect(20, 54, 85, 8.7), fold_marks=(105.0, 210.0)),
    # Norway: the area the windows of E6/5, C6/5, C5 and EC4 envelopes all show.
    EnvelopePreset("NO-safe", Rect(20, 46, 85, 22), Rect(15, 44, 95, 26)),
    # Sweden, left window (V2): like DIN; not verified against a published figure.
    EnvelopePreset("SE-V2", Rect(20, 48, 85, 25), Rect(15, 44, 95, 35), inset=3,
                   verify=True),
    # Sweden, right window (H2, T4 = 92 mm in SS 03 43 21 practice); not verified either.
    EnvelopePreset("SE-H2", Rect(112, 48, 80, 25), Rect(108, 44, 90, 35), inset=3,
                   verify=True, right_window=True),
)

DEFAULT_PRESET = {"SE": "DIN-A", "NO": "NO-safe"}


def preset(preset_id: str) -> EnvelopePreset:
    """The preset with this id; an unknown id (an old setting) falls back to DIN-A."""
    for p in PRESETS:
        if p.id == preset_id:
            return p
    return PRESETS[0]


def preset_ids() -> list[str]:
    return [p.id for p in PRESETS]


def clamp_offset(value: float) -> float:
    return max(-MAX_OFFSET_MM, min(MAX_OFFSET_MM, float(value)))
