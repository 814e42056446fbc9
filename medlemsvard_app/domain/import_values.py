"""Reading the values people keep in their own member lists into our fields.

Each reader takes one cell and returns the value for ``Member`` or raises ``FieldError``
with a code. Words are compared folded (case, accents, spaces), in Swedish, Norwegian and
English, and our own codes (``former``, ``struck_off``…) are always accepted.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import TypeVar

from medlemsvard_app.domain.cells import cell_text, integral_text
from medlemsvard_app.domain.import_mapping import normalise_header
from medlemsvard_app.domain.models import (
    Gender,
    JoinChannel,
    JoinMethod,
    LeaveReason,
    MembershipStatus,
    PreferredChannel,
)
from medlemsvard_app.domain.validation import FieldError, normalise_phone, parse_date

E = TypeVar("E", bound=StrEnum)

#: Longest text a field takes; a 2 MB cell is damage, not a name.
MAX_LENGTH: dict[str, int] = {"notes": 20_000, "leave_note": 2_000, "email": 254}
DEFAULT_MAX_LENGTH = 200

_WORDS: dict[type[StrEnum], dict[str, tuple[str, ...]]] = {
    MembershipStatus: {
        "member": ("medlem", "aktiv", "aktivtmedlem", "active", "betalande", "ordinarie",
                   "ordinær", "ordinaer", "current"),
        "former": ("tidigaremedlem", "fdmedlem", "fd", "foredetta", "uttradd", "avslutad",
                   "utmeldt", "tidligeremedlem", "inaktiv", "inactive", "formermember",
                   "slutat", "avgatt", "sluttet"),
        "prospect": ("sympatisor", "intresserad", "intressent", "interessent", "supporter",
                     "sympatisar", "potentiell"),
    },
    LeaveReason: {
        "resigned": ("uttrade", "uttradd", "begartuttrade", "utmeldt", "meldtut",
                     "utmelding", "sagtupp", "egenbegaran", "eget", "egetonske", "resignation"),
        "struck_off": ("struken", "avford", "strukenforutebliven", "ejbetalt", "ickebetalt",
                       "stroket", "strokket", "ikkebetalt", "nonpayment", "struckoff",
                       "obetaldavgift", "manglendebetaling"),
        "deceased": ("avliden", "dod", "avled", "deceased", "dead", "dodsfall", "died"),
        "expelled": ("utesluten", "uteslutning", "ekskludert", "eksklusjon", "expelled",
                     "utestengt"),
        "moved": ("flyttat", "flyttet", "moved", "utflyttad", "flytt"),
        "other": ("annat", "annan", "annet", "ovrigt", "other"),
    },
    Gender: {
        "female": ("kvinna", "kvinne", "k", "f", "woman", "kvinnlig", "dam", "kv", "hona"),
        "male": ("man", "mann", "m", "manlig", "herre", "male"),
        "other": ("annat", "annet", "ickebinar", "ikkebinar", "x", "annan", "nonbinary"),
    },
    JoinMethod: {
        "recruited": ("varvad", "vervet", "rekryterad", "rekruttert"),
        "own": ("egen", "sjalv", "selv", "paegenhand", "paegenhand", "egethand", "pa egen"),
    },
    JoinChannel: {
        "stall": ("bokbord", "stand", "torg", "bod", "bokbord"),
        "door": ("dorrknackning", "dorknakking", "dorbank", "dorrknack", "doorknocking"),
        "web": ("webb", "nett", "internett", "hemsida", "nettside", "webbplats", "online",
                "internet", "website"),
        "event": ("mote", "arrangemang", "evenemang", "arrangement", "meeting"),
        "other": ("annat", "annet", "ovrigt"),
    },
    PreferredChannel: {
        "phone": ("telefon", "ring", "samtal", "tlf", "call", "telephone"),
        "sms": ("text", "textmeddelande", "tekstmelding"),
        "email": ("epost", "mejl", "mail"),
        "letter": ("brev", "post", "vanligpost"),
    },
}
_TRUE = {"ja", "j", "yes", "y", "x", "1", "true", "sant", "sann", "sa"}
_FALSE = {"", "nej", "nei", "n", "no", "0", "false", "falskt", "usann", "usant"}
_COUNTRIES = {
    "sverige": "SE", "sweden": "SE", "swe": "SE", "s": "SE", "norge": "NO", "norway": "NO",
    "noreg": "NO", "nor": "NO", "n": "NO", "danmark": "DK", "denmark": "DK", "finland": "FI",
    "suomi": "FI", "island": "IS", "iceland": "IS", "tyskland": "DE", "germany": "DE",
    "storbritannien": "GB", "storbritannia": "GB", "unitedkingdom": "GB", "england": "GB",
}
_CODE_FIELD = {
    MembershipStatus: "status_invalid", LeaveReason: "leave_reason_invalid",
    Gender: "gender_invalid", JoinMethod: "join_method_invalid",
    JoinChannel: "join_channel_invalid", PreferredChannel: "preferred_channel_invalid",
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TAG_SPLIT = re.compile(r"[,;|\n/]+")
_POSTAL_CITY = re.compile(r"^((?:[A-Za-z]{1,2}-)?\d[\d ]{1,6}\d|\d{3,5})\s+(\D.*)$")


def _lookup(kind: type[StrEnum]) -> dict[str, str]:
    table = {normalise_header(m.value): m.value for m in kind}
    for code, words in _WORDS[kind].items():
        for word in words:
            table.setdefault(normalise_header(word), code)
    return table


_LOOKUPS = {kind: _lookup(kind) for kind in _WORDS}


def text_value(value: object, field: str) -> str:
    """Plain text of a cell, refusing damage that is far too long for the field."""
    text = cell_text(value)
    if len(text) > MAX_LENGTH.get(field, DEFAULT_MAX_LENGTH):
        raise FieldError("too_long")
    return text


def postal_code_value(value: object) -> str:
    """Postal code text; the rules per country come later, in ``validate_member``."""
    return text_value(integral_text(value), "postal_code")


def code_value(value: object, kind: type[E]) -> E | None:
    """An enum member from a code or a common word for it; None for an empty cell."""
    text = cell_text(value)
    if not text:
        return None
    if text in kind._value2member_map_:  # our own code, as our export writes it
        return kind(text)
    code = _LOOKUPS[kind].get(normalise_header(text))
    if code is None:
        raise FieldError(_CODE_FIELD[kind])
    return kind(code)


def bool_value(value: object) -> bool:
    text = normalise_header(cell_text(value))
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise FieldError("yes_no_invalid")


def country_value(value: object) -> str:
    """ISO 3166 alpha-2 from a code or a country's name; empty for an empty cell."""
    text = cell_text(value)
    if not text:
        return ""
    folded = normalise_header(text)
    if folded in _COUNTRIES:
        return _COUNTRIES[folded]
    if re.fullmatch(r"[A-Za-z]{2}", text):
        return text.upper()
    raise FieldError("country_invalid")


def member_number_value(value: object) -> int | None:
    text = value.strip() if isinstance(value, str) else integral_text(value)
    if not text.isascii() or not text.isdigit():
        text = integral_text(text)
    if not text:
        return None
    if not text.isdigit() or int(text) < 1:
        raise FieldError("member_number_invalid")
    return int(text)


def date_value(value: object) -> date | None:
    """A date as Excel or a person wrote it (serials, 19850412, 12.04.1985, ISO)."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:  # the common case, some 40 times faster than parse_date's strptime
            return date.fromisoformat(value)
        except ValueError as exc:
            raise FieldError("date_invalid") from exc
    big_number = isinstance(value, int | float) and not isinstance(value, bool) and value >= 80000
    if big_number or isinstance(value, str):
        value = integral_text(value)
    return parse_date(value)


def tags_value(value: object) -> list[str]:
    return [t.strip() for t in _TAG_SPLIT.split(cell_text(value)) if t.strip()]


def split_full_name(value: object) -> tuple[str, str]:
    """'Svensson, Anna' or 'Anna Maria Svensson' -> (given, family)."""
    text = " ".join(cell_text(value).split())
    if "," in text:
        family, _, given = text.partition(",")
        return given.strip(), family.strip()
    given, _, family = text.rpartition(" ")
    return (given, family) if given else ("", family)


def split_postal_address(value: object) -> tuple[str, str]:
    """'123 45 Stockholm', 'N-0150 Oslo' -> (postal code, town); a lone town stays a town."""
    text = " ".join(integral_text(value).split())
    found = _POSTAL_CITY.match(text)
    if found:
        return found.group(1), found.group(2).strip()
    if re.fullmatch(r"[\d ]+", text):
        return text, ""
    return "", text


def phone_value(value: object, home_country: str, member_country: str) -> str:
    """E.164 from a phone cell, repairing what spreadsheets do to numbers.

    National numbers are read as the association's own country first (that is how the
    export writes them), then as the member's; digits that lost their '+' get it back.
    """
    text = integral_text(value)
    if not text:
        return ""
    regions = [home_country]
    if member_country and member_country != home_country:
        regions.append(member_country)
    for region in regions:
        try:
            return normalise_phone(text, region)
        except FieldError:
            continue
    if text.isdigit() and len(text) >= 10:
        return normalise_phone("+" + text, home_country)
    raise FieldError("phone_invalid")
