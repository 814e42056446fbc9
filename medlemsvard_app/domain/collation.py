"""Swedish and Norwegian alphabetical order as plain, binary-sortable keys.

SQLite sorts the stored keys with its fast built-in comparison, so sorting 100,000 rows
needs no Python callback (PyICU has no wheels; TECH-NOTES addendum).
Swedish: … x y z å ä ö (æ as ä, ø as ö). Norwegian: … x y z æ ø å (ä as æ, ö as ø);
Norwegian "aa" sorts as å, as in CLDR's Norwegian order.
Other accents sort as their base letter (é as e, ü as y).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_AFTER_Z = {
    "SE": {"å": "{a", "ä": "{b", "æ": "{b", "ö": "{c", "ø": "{c"},
    "NO": {"æ": "{a", "ä": "{a", "ø": "{b", "ö": "{b", "å": "{c"},
}
_SPECIAL = {"ü": "y", "ß": "ss", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ŋ": "n", "ŧ": "t"}
_TABLES = {country: str.maketrans({**_SPECIAL, **letters})
           for country, letters in _AFTER_Z.items()}


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFKD", ch)[0]
    return base if base.isascii() else ch


def sort_key(text: str | None, country: str = "SE") -> str:
    country = country.upper()
    folded = (text or "").casefold()
    if country == "NO" and "aa" in folded:
        folded = folded.replace("aa", "å")  # Norwegian: Aas and Aasen file under Å
    keyed = folded.translate(_TABLES.get(country, _TABLES["SE"]))
    if keyed.isascii():
        return keyed
    return "".join(ch if ch.isascii() else _fold_char(ch) for ch in keyed)
