"""Dates, numbers and money in the user's locale (Babel), for every layer."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date as _format_date
from babel.numbers import format_decimal

from medlemsvard_app.i18n import current_locale


def format_date(value: date | None, fmt: str = "short") -> str:
    if value is None:
        return ""
    return _format_date(value, format=fmt, locale=current_locale())


def format_count(n: int) -> str:
    return format_decimal(n, locale=current_locale())


def format_money(amount_ore: int, currency: str = "SEK") -> str:
    from babel.numbers import format_currency

    return format_currency(amount_ore / 100, currency, locale=current_locale())
