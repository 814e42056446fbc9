"""Calendar arithmetic the register's rules need (no third-party date library)."""

from __future__ import annotations

from datetime import date


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (29 Feb falls back to the 28th)."""
    total = day.year * 12 + (day.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(d, day.day))
        except ValueError:
            continue
    raise ValueError(day)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later (or earlier); 31st falls back to month end."""
    return months_before(day, -months)
