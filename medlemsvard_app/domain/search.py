"""How the register's search text is built and how a typed query becomes an FTS5 match.

Every word the person types must be the start of some word of the member (name, number,
e-mail, phone, street, town), so "öb sto" finds Öberg in Stockholm.
"""

from __future__ import annotations

import re

from medlemsvard_app.domain.models import Member
from medlemsvard_app.domain.validation import phone_search_digits

_TOKEN = re.compile(r"\w+", re.UNICODE)
_NOT_FOLDED = re.compile("[øæØÆ]")
_FOLD = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae"})


def search_document(member: Member) -> str:
    parts = [
        member.given_name,
        member.family_name,
        member.call_name,
        str(member.member_number or ""),
        member.email,
        member.street,
        member.city,
        member.postal_code.replace(" ", ""),
    ]
    if member.phone:
        parts += phone_search_digits(member.phone)
    if member.phone_alt:
        parts += phone_search_digits(member.phone_alt)
    document = " ".join(filter(None, parts))
    # The index folds ö to o but not ø or æ (they are letters, not accented ones), so a
    # spelling without them is added: "ostby" finds Østby as "oberg" finds Öberg.
    if _NOT_FOLDED.search(document):
        document += " " + " ".join(word.translate(_FOLD) for word in document.split()
                                   if _NOT_FOLDED.search(word))
    return document


def match_expression(query: str) -> str | None:
    """Turn typed text into an FTS5 prefix query; None when nothing searchable was typed."""
    text = query.strip()
    if not text:
        return None
    # A typed phone number ('070-123 45') is one run of digits in the index.
    if re.fullmatch(r"[+\d][\d\s\-()]*", text):
        digits = re.sub(r"\D", "", text)
        return f'"{digits}"*' if digits else None
    tokens = _TOKEN.findall(text.casefold())
    if not tokens:
        return None
    return " ".join(f'"{t}"*' for t in tokens)
