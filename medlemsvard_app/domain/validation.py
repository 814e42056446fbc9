"""Field rules for members: each check returns a normalised value or raises with a code.

Codes (not prose) leave the domain; ``i18n.messages`` turns them into sentences.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import phonenumbers
from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.no import fodselsnummer
from stdnum.se import personnummer

from medlemsvard_app.domain.errors import ValidationError
from medlemsvard_app.domain.models import Member, MembershipStatus

EARLIEST_BIRTH = date(1900, 1, 1)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


class FieldError(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def clean_text(value: object) -> str:
    """Strip stray spaces (including no-break spaces) and collapse inner runs."""
    if value is None:
        return ""
    text = str(value)
    if "\u200b" in text:
        text = text.replace("\u200b", "")
    # str.split() splits on every Unicode space, the no-break space (U+00A0) included.
    return " ".join(text.split())


def strip_text(value: str | None) -> str:
    """Outer spaces off a long text (notes), its inner lines and spacing kept."""
    return (value or "").strip()


def normalise_country(value: object, home_country: str) -> str:
    """An ISO country code in capitals; empty means the association's own country."""
    return (clean_text(value) or home_country).upper()


def clean_tags(tags: Iterable[object]) -> list[str]:
    """Interests or skills: cleaned, without empties and repeats, in order."""
    return sorted({text for text in map(clean_text, tags) if text})


#: How ``validate_member`` normalises each free-text field. Shared with bulk readers (the
#: import), which apply the same functions once per distinct value instead of per member.
TEXT_NORMALISERS: dict[str, Callable[[str], str]] = {
    "given_name": clean_text, "family_name": clean_text, "call_name": clean_text,
    "street": clean_text, "co": clean_text, "city": clean_text,
    "notes": strip_text, "leave_note": strip_text,
}


def normalise_email(value: str) -> str:
    value = clean_text(value).replace(" ", "")
    if not value:
        return ""
    if not _EMAIL.match(value):
        raise FieldError("email_invalid")
    local, _, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}"


def normalise_phone(value: str, country: str) -> str:
    """Parse a phone number as written in ``country`` and return E.164, or raise."""
    value = clean_text(value)
    if not value:
        return ""
    if value.startswith("00"):
        value = "+" + value[2:]
    try:
        parsed = phonenumbers.parse(value, country or "SE")
    except phonenumbers.NumberParseException as exc:
        raise FieldError("phone_invalid") from exc
    # is_valid_number matches the number against its region's patterns, lengths included,
    # so a separate is_possible_number check would only repeat part of it.
    if not phonenumbers.is_valid_number(parsed):
        raise FieldError("phone_invalid")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _phone_either(value: str, home_country: str, member_country: str) -> str:
    """Numbers are shown in the association's national format, so read them that way first;
    a member abroad may also have a local number written the way their country writes it."""
    try:
        return normalise_phone(value, home_country)
    except FieldError:
        if member_country and member_country != home_country:
            return normalise_phone(value, member_country)
        raise


@lru_cache(maxsize=4096)
def format_phone(e164: str, home_country: str) -> str:
    """National format for the association's own country, international otherwise."""
    if not e164:
        return ""
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    region = phonenumbers.region_code_for_number(parsed)
    if region == home_country:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@lru_cache(maxsize=512)
def _national_prefix(country_code: int) -> str | None:
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(country_code)
    if not regions:
        return None
    meta = phonenumbers.PhoneMetadata.metadata_for_region(regions[0])
    return (meta.national_prefix or "") if meta else ""


def phone_search_digits(e164: str) -> list[str]:
    """Digit strings a person might type: national ('0701234567') and international.

    Read straight off the stored E.164 form with the country's trunk prefix: parsing
    every number again cost more than the rest of a 100,000-row import together.
    """
    if not e164:
        return []
    digits = e164.lstrip("+")
    if not digits.isdigit():
        return [re.sub(r"\D", "", e164)]
    for length in (1, 2, 3):
        prefix = _national_prefix(int(digits[:length]))
        if prefix is not None:
            return [prefix + digits[length:], digits]
    return [digits]


def normalise_postal_code(value: object, country: str) -> str:
    """Return the postal code as printed ('123 45' in Sweden, '0150' in Norway).

    Spreadsheets drop leading zeros: a Norwegian 150 becomes 0150 again.
    """
    text = clean_text(value)
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if not text:
        return ""
    country = (country or "SE").upper()
    digits = re.sub(r"[\s-]", "", text)
    if country in ("SE", "NO"):
        digits = re.sub(r"^(SE|NO|S|N)", "", digits, flags=re.IGNORECASE)
    if country == "SE":
        if not re.fullmatch(r"\d{5}", digits) or digits[0] == "0":
            raise FieldError("postal_code_invalid_se")
        return f"{digits[:3]} {digits[3:]}"
    if country == "NO":
        if re.fullmatch(r"\d{1,3}", digits):
            digits = digits.zfill(4)
        if not re.fullmatch(r"\d{4}", digits):
            raise FieldError("postal_code_invalid_no")
        return digits
    return text


def check_birth_date(value: date | None, today: date) -> date | None:
    if value is None:
        return None
    if value > today:
        raise FieldError("birth_date_future")
    if value < EARLIEST_BIRTH:
        raise FieldError("birth_date_too_early")
    return value


_DATE_FORMATS = ("%Y-%m-%d", "%Y%m%d", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d",
                 "%d.%m.%y", "%Y.%m.%d")
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(value: object) -> date | None:
    """Read a date as spreadsheets and people write it: ISO, Nordic, or an Excel serial."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 80000:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise FieldError("date_invalid")
    text = clean_text(value)
    if not text:
        return None
    text = text.split(" ")[0] if re.match(r"^\d{4}-\d{2}-\d{2}[ T]", text) else text
    if re.fullmatch(r"\d{5}", text):
        return _EXCEL_EPOCH + timedelta(days=int(text))
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise FieldError("date_invalid")


@dataclass(frozen=True, slots=True)
class IdentityNumber:
    """A checked personal identity number in its stored form and the birth date it gives."""

    number: str
    birth_date: date | None
    country: str

    @property
    def masked(self) -> str:
        return mask_identity(self.number)


def _se_coordination(value: str, today: date | None) -> IdentityNumber:
    digits = re.sub(r"\D", "", value)
    if len(digits) == 12:
        century, short = digits[:2], digits[2:]
    elif len(digits) == 10:
        century, short = None, digits
    else:
        raise FieldError("identity_invalid")
    if not luhn.is_valid(short):
        raise FieldError("identity_invalid")
    day = int(short[4:6]) - 60
    if day < 1:
        raise FieldError("identity_invalid")
    yy, mm = int(short[:2]), int(short[2:4])
    if century is None:
        # Ten digits carry no century: the latest year not after this one. Without a day
        # to go by (a caller that has none), the century is taken as unknown: invalid.
        if today is None:
            raise FieldError("identity_invalid")
        year = 2000 + yy if 2000 + yy <= today.year else 1900 + yy
    else:
        year = int(century) * 100 + yy
    try:
        born = date(year, mm, day)
    except ValueError as exc:
        raise FieldError("identity_invalid") from exc
    number = f"{year:04d}{short[2:6]}-{short[6:]}"
    return IdentityNumber(number, born, "SE")


def check_identity_number(value: str, country: str, today: date | None = None
                          ) -> IdentityNumber:
    """Validate a Swedish personnummer/samordningsnummer or Norwegian fødselsnummer/D-nummer."""
    text = clean_text(value)
    country = (country or "SE").upper()
    if country == "NO":
        try:
            compact = fodselsnummer.validate(text)
        except StdnumError as exc:
            raise FieldError("identity_invalid") from exc
        try:
            born = fodselsnummer.get_birth_date(compact)
        except StdnumError:
            born = None
        return IdentityNumber(compact, born, "NO")
    try:
        compact = personnummer.validate(text)
    except StdnumError:
        return _se_coordination(text, today)
    born = personnummer.get_birth_date(compact)
    digits = re.sub(r"\D", "", compact)[-10:]
    return IdentityNumber(f"{born.year:04d}{digits[2:6]}-{digits[6:]}", born, "SE")


def mask_identity(number: str) -> str:
    """Show the date part only: 19850412-****, 120485*****."""
    if not number:
        return ""
    if "-" in number:
        head, _, tail = number.partition("-")
        return f"{head}-{'*' * len(tail)}"
    return number[:6] + "*" * (len(number) - 6)


def validate_member(member: Member, *, home_country: str, today: date,
                    identity_enabled: bool, normalised: bool = False) -> Member:
    """Normalise every field of a member in place; raise ValidationError listing each problem.

    ``normalised=True`` is for bulk readers that have already put every field through this
    function's own normalisers (``TEXT_NORMALISERS``, ``normalise_country``,
    ``normalise_email``, ``normalise_phone``, ``normalise_postal_code``, ``clean_tags``;
    the import does so once per distinct value, and reports their problems itself): the
    fields are then taken as they are and only the rules between fields are checked.
    """
    problems: dict[str, str] = {}
    if not normalised:
        for field_name, normalise in TEXT_NORMALISERS.items():
            setattr(member, field_name, normalise(getattr(member, field_name)))
        member.country = normalise_country(member.country, home_country)
    if not member.given_name and not member.family_name:
        problems["given_name"] = "name_missing"
    if not normalised:
        for field_name, fn in (
            ("email", lambda v: normalise_email(v)),
            ("phone", lambda v: _phone_either(v, home_country, member.country)),
            ("phone_alt", lambda v: _phone_either(v, home_country, member.country)),
            ("postal_code", lambda v: normalise_postal_code(v, member.country)),
        ):
            try:
                setattr(member, field_name, fn(getattr(member, field_name)))
            except FieldError as exc:
                problems[field_name] = exc.code
    if member.identity_number:
        if not identity_enabled:
            member.identity_number = None
        else:
            try:
                ident = check_identity_number(member.identity_number, member.country
                                              if member.country in ("SE", "NO") else home_country,
                                              today)
                member.identity_number = ident.number
                if ident.birth_date and member.birth_date is None:
                    member.birth_date = ident.birth_date
            except FieldError as exc:
                problems["identity_number"] = exc.code
    else:
        member.identity_number = None
    try:
        check_birth_date(member.birth_date, today)
    except FieldError as exc:
        problems["birth_date"] = exc.code
    if member.joined_on is None and member.status is not MembershipStatus.PROSPECT:
        member.joined_on = today
    if member.joined_on and member.joined_on > today + timedelta(days=366):
        problems["joined_on"] = "joined_far_future"
    if member.status is MembershipStatus.FORMER:
        if member.left_on is None:
            problems["left_on"] = "left_on_missing"
        if member.leave_reason is None:
            problems["leave_reason"] = "leave_reason_missing"
    if member.left_on and member.joined_on and member.left_on < member.joined_on:
        problems["left_on"] = "left_before_joined"
    if not normalised:
        member.interests = clean_tags(member.interests)
        member.skills = clean_tags(member.skills)
    if problems:
        raise ValidationError(problems)
    return member
