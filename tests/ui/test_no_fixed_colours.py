"""Colours come from ui/style.py (palette, tones, inks), so every view follows the system's
light or dark scheme. A colour written into a view's code is light-only by accident; this
guard finds one the day it is written. Paper (a print or a sheet of labels) is white in any
theme: such a line says "paper" in its comment."""

from __future__ import annotations

import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "medlemsvard_app" / "ui"
FIXED = re.compile(r"""#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b"""
                   r"""|QColor\(\s*["']|QColor\(\s*\d"""
                   r"""|Qt\.(?:GlobalColor\.)?(?:white|black|red|green|blue|gray|darkGray"""
                   r"""|lightGray|yellow)\b""")


def test_no_view_writes_a_colour_of_its_own():
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path.name == "style.py":
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if FIXED.search(line) and "paper" not in line:
                found.append(f"{path.relative_to(UI)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


def test_the_guard_sees_a_fixed_colour():
    assert FIXED.search('label.setStyleSheet("color: #4a5560;")')
    assert FIXED.search("pen = QColor('#2f6f9f')")
    assert FIXED.search("painter.setPen(Qt.GlobalColor.white)")
    assert not FIXED.search("painter.setPen(style.ink('accent'))")
