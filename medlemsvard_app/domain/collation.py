"""Swedish and Norwegian alphabetical order as plain, binary-sortable keys.

SQLite sorts the stored keys with its fast built-in comparison, so sorting 100,000 rows
needs no Python callback (PyICU has no wheels; TECH-NOTES addendum).
Swedish: … x y z å ä ö (æ as ä, ø as ö). Norwegian: … x y z æ ø å (ä as æ, ö as ø).
Norwegian "aa" sorts as å, as in CLDR's Norwegian order.
Other accents sort as their base letter (é as e, ü as y).
"""

from __future__ import annotations

import unicodedata

_AFTER_Z = {
    "SE": {"å": "{a", "ä": "{b", "æ": "{b", "ö": "{c", "ø": "{c"},
    "NO": {"æ": "{a", "ä": "{a", "ø": "{b", "ö": "{b", "å": "{c"},
}
_SPECIAL = {"ü": "y", "ß": "ss", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ŋ": "n", "ŧ": "t"}


def sort_key(text: str | None, country: str = "SE") -> str:
    country = country.upper()
    table = _AFTER_Z.get(country, _AFTER_Z["SE"])
    folded = (text or "").casefold()
    if country == "NO":
        folded = folded.replace("aa", "å")  # Norwegian: Aas and Aasen file under Å
    out: list[str] = []
    for ch in folded:
        if ch in table:
            out.append(table[ch])
        elif ch in _SPECIAL:
            out.append(_SPECIAL[ch])
        elif ch.isascii():
            out.append(ch)
        else:
            base = unicodedata.normalize("NFKD", ch)[0]
            out.append(base if base.isascii() else ch)
    return "".join(out)
