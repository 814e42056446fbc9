"""Payment references printed on invoices and matched in bank files (DOMAIN §5).

Sweden: OCR numbers end in a Luhn check digit, optionally preceded by a length digit.
Norway: KID numbers end in a mod 10 (Luhn) or mod 11 check digit, as the bank agreement
says. A reference names the member and the dues year: member number, then the year.
python-stdnum computes the check digits (its ``luhn`` and ``iso7064``-style helpers are
well tested); only the layout is ours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from stdnum import luhn

from medlemsvard_app.domain.errors import DomainError

MAX_LENGTH = 25


class KidMethod(StrEnum):
    MOD10 = "mod10"
    MOD11 = "mod11"


def _digits(text: str) -> str:
    compact = re.sub(r"[\s\-.]", "", text or "")
    if not compact.isdigit():
        raise DomainError("reference_not_digits")
    return compact


def mod11_check_digit(body: str) -> str:
    """Weights 2-7 repeating from the right; 11 gives 0, 10 gives "-" (unusable)."""
    total = sum(int(d) * (2 + i % 6) for i, d in enumerate(reversed(body)))
    check = 11 - total % 11
    return "0" if check == 11 else "-" if check == 10 else str(check)


def ocr_reference(body: str, *, length_digit: bool = True) -> str:
    """An OCR number for ``body``: Luhn check digit, with the length digit before it."""
    body = _digits(body)
    if length_digit:
        body += str((len(body) + 2) % 10)
    result = body + luhn.calc_check_digit(body)
    if len(result) > MAX_LENGTH:
        raise DomainError("reference_too_long")
    return result


def kid_reference(body: str, method: KidMethod = KidMethod.MOD10) -> str:
    """A KID for ``body``; under mod 11 a body whose check would be "-" has no KID
    (``reference_unusable``): ``ReferenceScheme`` avoids those with a variant digit."""
    body = _digits(body)
    if method is KidMethod.MOD10:
        result = body + luhn.calc_check_digit(body)
    else:
        check = mod11_check_digit(body)
        if check == "-":
            raise DomainError("reference_unusable")
        result = body + check
    if len(result) > MAX_LENGTH:
        raise DomainError("reference_too_long")
    return result


def is_valid_ocr(text: str, *, length_digit: bool | None = None) -> bool:
    """Luhn-valid, and when ``length_digit`` is True (or None and it fits) the length agrees."""
    try:
        digits = _digits(text)
    except DomainError:
        return False
    if not 2 <= len(digits) <= MAX_LENGTH or not luhn.is_valid(digits):
        return False
    if length_digit:
        return int(digits[-2]) == len(digits) % 10
    return True


def is_valid_kid(text: str, method: KidMethod = KidMethod.MOD10) -> bool:
    try:
        digits = _digits(text)
    except DomainError:
        return False
    if not 2 <= len(digits) <= MAX_LENGTH:
        return False
    if method is KidMethod.MOD10:
        return luhn.is_valid(digits)
    return mod11_check_digit(digits[:-1]) == digits[-1]


@dataclass(frozen=True, slots=True)
class ReferenceScheme:
    """How this association builds references: member number + four-digit year + checks.

    Under KID mod 11 one more digit follows the year: 0, or 1 where 0 would make the
    check digit "-" (which banks cannot take), so every member and year has a KID.
    """

    country: str = "SE"
    length_digit: bool = True
    kid_method: KidMethod = KidMethod.MOD10

    def make(self, member_number: int, year: int) -> str:
        body = f"{member_number}{year:04d}"
        if self.country.upper() == "NO":
            if self.kid_method is KidMethod.MOD11:
                body += "0" if mod11_check_digit(body + "0") != "-" else "1"
            return kid_reference(body, self.kid_method)
        return ocr_reference(body, length_digit=self.length_digit)

    def parse(self, text: str) -> tuple[int, int] | None:
        """The member number and year a reference names, or None if it is not one of ours."""
        try:
            digits = _digits(text)
        except DomainError:
            return None
        if self.country.upper() == "NO":
            if not is_valid_kid(digits, self.kid_method):
                return None
            body = digits[:-2] if self.kid_method is KidMethod.MOD11 else digits[:-1]
        else:
            if not is_valid_ocr(digits, length_digit=self.length_digit):
                return None
            body = digits[:-2] if self.length_digit else digits[:-1]
        if len(body) < 5:
            return None
        number, year = body[:-4], int(body[-4:])
        if not number or int(number) <= 0:
            return None
        return int(number), year
