"""Fonts for the printed documents.

ReportLab's built-in Helvetica only knows Latin-1: a Sámi "Máret Áŋŋir" or a Polish "Łukasz"
would print as black boxes. So an embedded TTF (DejaVu Sans, shipped in resources/fonts) is
used; the system's DejaVu, then ReportLab's own Vera, are fallbacks (TECH-NOTES §3d: about
15 % slower, which no call sheet notices).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from medlemsvard_app.paths import resources_dir

REGULAR, BOLD = "MVSans", "MVSans-Bold"

_SYSTEM_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def _candidates() -> list[tuple[Path, Path]]:
    import reportlab

    own = resources_dir() / "fonts"
    vera = Path(reportlab.__file__).parent / "fonts"
    return [(own / "DejaVuSans.ttf", own / "DejaVuSans-Bold.ttf"),
            (_SYSTEM_DEJAVU / "DejaVuSans.ttf", _SYSTEM_DEJAVU / "DejaVuSans-Bold.ttf"),
            (vera / "Vera.ttf", vera / "VeraBd.ttf")]


@cache
def fonts() -> tuple[str, str]:
    """Register the document fonts once; (regular, bold) names for ReportLab."""
    for regular, bold in _candidates():
        if regular.is_file() and bold.is_file():
            pdfmetrics.registerFont(TTFont(REGULAR, str(regular)))
            pdfmetrics.registerFont(TTFont(BOLD, str(bold)))
            return REGULAR, BOLD
    return "Helvetica", "Helvetica-Bold"
