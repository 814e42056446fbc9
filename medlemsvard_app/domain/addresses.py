"""Postal address lines for envelope windows and labels (DOMAIN §3).

One formatter for letters and labels alike, so the window and the label never disagree.
A personal identity number is never part of an address: nothing here reads it.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale

#: The language a country's post office reads a country line in.
_POSTING_LANGUAGE = {"SE": "sv", "NO": "nb"}


@dataclass(frozen=True)
class AddressStyle:
    """How the sender's post wants addresses: the sender's country, capitals for the town."""

    sender_country: str = "SE"
    city_capitals: bool = True


@dataclass(frozen=True)
class Recipient:
    """What an address is made of; a member or a household maps onto this."""

    name: str
    street: str = ""
    co: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = ""  # ISO 3166 alpha-2; empty = the sender's country


def country_name(code: str, language: str) -> str:
    """The country's name in ``language`` (sv, nb or en), from CLDR through Babel."""
    try:
        name = Locale.parse(language).territories.get(code.upper())
    except (ValueError, TypeError):
        name = None
    return name or code.upper()


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def postal_line(postal_code: str, city: str, country: str, style: AddressStyle) -> str:
    """``NNN NN  ORT`` in Sweden, ``NNNN Poststed`` in Norway, else ``code city``."""
    code = postal_code.strip()
    town = city.strip()
    abroad = country != style.sender_country
    if country == "SE":
        digits = _digits(code)
        if len(digits) == 5:
            code = f"{digits[:3]} {digits[3:]}"
        if style.city_capitals and not abroad:
            town = town.upper()
        line = f"{code}  {town}" if code and town else code or town
        if abroad and code:
            line = f"SE-{line}"
        return line
    if country == "NO":
        digits = _digits(code)
        if len(digits) == 4:
            code = digits
        line = f"{code} {town}".strip()
        if abroad and code:
            line = f"NO-{line}"
        return line
    return f"{code} {town}".strip()


def address_lines(recipient: Recipient, style: AddressStyle) -> list[str]:
    """The lines to print, top to bottom, with no blank lines (ISO 19160-4)."""
    country = (recipient.country or style.sender_country).upper()
    lines = [recipient.name.strip()]
    if recipient.co.strip():
        co = recipient.co.strip()
        lines.append(co if co.lower().startswith("c/o") else f"c/o {co}")
    for part in recipient.street.splitlines():
        if part.strip():
            lines.append(part.strip())
    postal = postal_line(recipient.postal_code, recipient.city, country, style)
    if postal:
        lines.append(postal)
    if country != style.sender_country:
        language = _POSTING_LANGUAGE.get(style.sender_country, "en")
        lines.append(country_name(country, language).upper())
    return [line for line in lines if line]


def is_complete(recipient: Recipient) -> bool:
    """Enough to reach a letterbox: a name, a street and a postal code or town."""
    return bool(recipient.name.strip() and recipient.street.strip()
                and (recipient.postal_code.strip() or recipient.city.strip()))


def household_key(recipient: Recipient) -> tuple[str, ...]:
    """Members who share this key live at the same address (one label per household)."""
    def norm(text: str) -> str:
        return " ".join(text.casefold().split())

    return (norm(recipient.street), _digits(recipient.postal_code) or norm(recipient.postal_code),
            norm(recipient.city), (recipient.country or "").upper(), norm(recipient.co))
