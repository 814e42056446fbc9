"""Spreadsheet cells in and out: undoing the damage Excel does, and guarding against formulas.

Pure string rules shared by import and export, so an exported file reads back unchanged:
the export prefixes a formula-like text cell with one apostrophe (OWASP's advice against
formula injection) and the import removes exactly that one apostrophe again.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

#: A text cell starting with one of these is read as a formula by Excel, LibreOffice, Sheets.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_GUARDED = re.compile(r"^'*[=+\-@\t\r]")
_NUMBER_TEXT = re.compile(r"^[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?$")
_INTEGRAL_TEXT = re.compile(r"^(\d+)[.,]0+$")


def needs_guard(text: str) -> bool:
    """True when a spreadsheet would run the text as a formula (or it looks guarded already)."""
    return bool(text) and _GUARDED.match(text) is not None


def guard_formula(text: str) -> str:
    """Prefix one apostrophe so no spreadsheet evaluates the cell; ``unguard`` undoes it."""
    return "'" + text if needs_guard(text) else text


def unguard(text: str) -> str:
    """Remove the apostrophe ``guard_formula`` (or a careful person) put before a formula."""
    if text.startswith("'") and needs_guard(text):
        return text[1:]
    return text


def cell_text(value: object) -> str:
    """A cell as text: whole floats lose their '.0', text its formula guard, no outer spaces."""
    if isinstance(value, str):
        text = value.strip()
        return unguard(text) if text[:1] == "'" else text
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def integral_text(value: object) -> str:
    """Digits of a number a spreadsheet mangled: 150.0, '150,0', 4.6701234567E10 -> digits.

    Anything that is not such a number comes back as plain cell text.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not value.is_integer():
            return cell_text(value)
        return str(int(value))
    text = cell_text(value)
    if text.isdigit():
        return text
    whole = _INTEGRAL_TEXT.match(text) if "." in text or "," in text else None
    if whole:
        return whole.group(1)
    if ("e" in text or "E" in text) and _NUMBER_TEXT.match(text):
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            return text
        if number == number.to_integral_value() and number >= 0:
            return str(int(number))
    return text
