"""Money as people type it (``360``, ``360,50``, ``1 200 kr``) into whole öre/øre (DESIGN §7)."""

from __future__ import annotations

import re

from medlemsvard_app.domain.errors import DomainError

_AMOUNT = re.compile(r"^(?P<int>\d{1,9})(?:[.,](?P<frac>\d{1,2}))?$")


def parse_amount(text: str) -> int:
    """Kronor/kroner with an optional decimal comma or point -> öre/øre (``amount_invalid``)."""
    compact = re.sub(r"[\s\u00a0\u202f]|kr\.?$|:-$|,-$|sek$|nok$", "",
                     (text or "").strip().lower())
    compact = compact.removesuffix("kr").removesuffix(":-").removesuffix(",-")
    match = _AMOUNT.match(compact)
    if match is None:
        raise DomainError("amount_invalid", value=text)
    frac = (match["frac"] or "").ljust(2, "0")
    return int(match["int"]) * 100 + int(frac or 0)


def kronor(amount: int) -> str:
    """Öre as plain kronor text for files and the command line (``360`` or ``360.50``)."""
    whole, ore = divmod(amount, 100)
    return f"{whole}" if ore == 0 else f"{whole}.{ore:02d}"
