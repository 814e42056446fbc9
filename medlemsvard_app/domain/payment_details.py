"""The association's own payment and registration numbers (DOMAIN §5), checked and tidied.

Each function takes what a person typed and returns it in the form it is printed
(``5678-8908``, ``8601.11.17947``), or raises ``FieldError`` with a code; an empty
input gives an empty string. Pure Python: python-stdnum does the checksums.
"""

from __future__ import annotations

import re

from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.no import kontonr
from stdnum.no import orgnr as no_orgnr
from stdnum.se import orgnr as se_orgnr

from medlemsvard_app.domain.validation import FieldError, clean_text

#: Which payment fields of ``Association`` apply in which country.
PAYMENT_FIELDS: dict[str, tuple[str, ...]] = {
    "SE": ("bankgiro", "plusgiro", "swish"),
    "NO": ("bank_account", "vipps"),
}


def _digits(value: str) -> str:
    """Digits only, once the usual separators (space, dash, dot) are gone; else ''."""
    text = clean_text(value)
    compact = re.sub(r"[\s.\-]", "", text)
    return compact if compact.isdigit() else ("" if not compact else "x")


def normalise_bankgiro(value: str) -> str:
    """Bankgiro: 7 or 8 digits ending in a Luhn check digit; shown NNN-NNNN or NNNN-NNNN."""
    digits = _digits(value)
    if not digits:
        return ""
    if len(digits) not in (7, 8) or not digits.isdigit() or not luhn.is_valid(digits):
        raise FieldError("bankgiro_invalid")
    return f"{digits[:-4]}-{digits[-4:]}"


def normalise_plusgiro(value: str) -> str:
    """Plusgiro: 2 to 8 digits ending in a Luhn check digit; shown like 90 20 90-0."""
    digits = _digits(value)
    if not digits:
        return ""
    if not (2 <= len(digits) <= 8) or not digits.isdigit() or not luhn.is_valid(digits):
        raise FieldError("plusgiro_invalid")
    body, check = digits[:-1], digits[-1]
    pairs: list[str] = []
    while body:
        pairs.insert(0, body[-2:])
        body = body[:-2]
    return f"{' '.join(pairs)}-{check}"


def normalise_swish(value: str) -> str:
    """Swish for associations: 123 xxx xx xx (Swish Företag), or 90-account numbers 90x xxxx."""
    digits = _digits(value)
    if not digits:
        return ""
    if digits.isdigit() and len(digits) == 10 and digits.startswith("123"):
        return f"{digits[:3]} {digits[3:6]} {digits[6:8]} {digits[8:]}"
    if digits.isdigit() and len(digits) == 7 and digits.startswith("90"):
        return f"{digits[:3]} {digits[3:5]} {digits[5:]}"
    raise FieldError("swish_invalid")


def normalise_no_account(value: str) -> str:
    """A Norwegian bank account number (11 digits, mod 11); shown NNNN.NN.NNNNN."""
    text = clean_text(value)
    if not text:
        return ""
    try:
        return kontonr.format(kontonr.validate(text))
    except StdnumError as exc:
        raise FieldError("bank_account_invalid") from exc


def normalise_vipps(value: str) -> str:
    """A Vipps number for businesses and associations (digits only, typically 5 or 6)."""
    digits = _digits(value.replace("#", "") if value else value)
    if not digits:
        return ""
    if not digits.isdigit() or not (4 <= len(digits) <= 8):
        raise FieldError("vipps_invalid")
    return digits


def normalise_org_number(value: str, country: str) -> str:
    """The association's organisation number: SE NNNNNN-NNNN (Luhn), NO NNN NNN NNN (mod 11)."""
    text = clean_text(value)
    if not text:
        return ""
    if (country or "SE").upper() == "NO":
        try:
            return no_orgnr.format(no_orgnr.validate(text))
        except StdnumError as exc:
            raise FieldError("org_number_invalid_no") from exc
    try:
        return se_orgnr.format(se_orgnr.validate(text))
    except StdnumError as exc:
        raise FieldError("org_number_invalid_se") from exc


NORMALISERS = {
    "bankgiro": normalise_bankgiro,
    "plusgiro": normalise_plusgiro,
    "swish": normalise_swish,
    "bank_account": normalise_no_account,
    "vipps": normalise_vipps,
}
