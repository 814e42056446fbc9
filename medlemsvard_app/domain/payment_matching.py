"""Whose payment is each row of a bank file or a central register's list (pure rules).

Two jobs, both without SQL or Qt:

* **Columns.** Which column holds the amount, the date, the OCR/KID reference, the
  message, the member number, the payer's name or e-mail, the year and the method,
  told by the header in English, Swedish or Norwegian (folded like the member import's
  headers, so 'Beløp', 'BELOPP' and 'Belopp (kr)' are all the amount).
* **Matching.** Per row, in this order: a valid OCR/KID reference (member number and
  year), the member number, the e-mail address, the name (with the e-mail when several
  share it). The first thing the row says decides; a reference or number that names no
  member leaves the row unmatched, and a row that fits several members is ambiguous.
  Nothing is guessed: the decision carries its reason as a code, and the caller shows it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from medlemsvard_app.domain.cells import cell_text, integral_text
from medlemsvard_app.domain.import_mapping import field_for_header, normalise_header
from medlemsvard_app.domain.import_values import date_value
from medlemsvard_app.domain.money import parse_amount
from medlemsvard_app.domain.payments import PaymentMethod
from medlemsvard_app.domain.references import ReferenceScheme
from medlemsvard_app.domain.validation import FieldError


class PaymentField(StrEnum):
    """What a column of a payment list holds."""

    AMOUNT = "amount"
    DATE = "date"
    REFERENCE = "reference"  # an OCR/KID column: digits, or a member number
    MESSAGE = "message"  # free text that may hold a reference or a member number
    MEMBER_NUMBER = "member_number"
    NAME = "name"
    GIVEN_NAME = "given_name"
    FAMILY_NAME = "family_name"
    EMAIL = "email"
    YEAR = "year"
    METHOD = "method"


#: Fields that tell whose payment a row is; a file needs at least one of them.
PAYER_FIELDS = (PaymentField.REFERENCE, PaymentField.MESSAGE, PaymentField.MEMBER_NUMBER,
                PaymentField.NAME, PaymentField.GIVEN_NAME, PaymentField.FAMILY_NAME,
                PaymentField.EMAIL)
REQUIRED_FIELDS = (PaymentField.AMOUNT, PaymentField.DATE)

# Folded header -> field. Lower rank wins when a file has several candidates (a bank
# statement's payment date beats its booking date, which beats the value date).
_HEADERS: dict[PaymentField, tuple[tuple[str, ...], ...]] = {
    PaymentField.AMOUNT: (
        ("belopp", "belop", "amount", "inbetalt", "innbetalt", "inbetaltbelopp",
         "innbetaltbelop", "betaltbelopp", "betaltbelop", "paidamount", "summa", "sum",
         "kronor", "kroner", "kr", "avgift", "kontingent", "insattning", "innskudd",
         "innskuddpakonto", "inn", "credit", "kredit"),),
    PaymentField.DATE: (
        ("betalningsdatum", "betalningsdag", "betalingsdato", "betalingsdag",
         "inbetalningsdatum", "inbetalningsdag", "innbetalingsdato", "betaldatum", "betaltdato",
         "paymentdate", "paidon", "dateofpayment"),
        ("datum", "dato", "date", "dag", "transaktionsdatum", "transaktionsdag",
         "transaksjonsdato", "transactiondate"),
        ("bokforingsdatum", "bokforingsdag", "bokforingsdato", "bokfort", "bokfortdato",
         "bookingdate", "bokfdatum", "bokfdag"),
        ("valutadatum", "valutadag", "valutadato", "rentedato", "valuedate"),
    ),
    PaymentField.REFERENCE: (
        ("ocr", "ocrnummer", "ocrnr", "ocrreferens", "ocrreferensnummer", "kid", "kidnummer",
         "kidnr", "referens", "referensnummer", "referensnr", "referanse", "referansenummer",
         "reference", "referencenumber", "ref", "refnr", "betalningsreferens",
         "betalingsreferanse", "paymentreference"),),
    PaymentField.MESSAGE: (
        ("meddelande", "meddelandetillmottagare", "melding", "meldingtilmottaker", "message",
         "beskrivning", "beskrivelse", "text", "tekst", "forklaring", "avsandarmeddelande",
         "betalningsmeddelande", "betalingsmelding", "description", "details"),),
    PaymentField.MEMBER_NUMBER: (
        ("medlemsnummer", "medlemsnr", "medlnr", "medlemnr", "medlemsid", "mednr",
         "membernumber", "memberno", "memberid", "membershipnumber"),),
    PaymentField.NAME: (
        ("namn", "navn", "name", "fulltnamn", "fulltnavn", "fullname", "betalare", "betaler",
         "innbetaler", "inbetalare", "avsandare", "avsender", "payer", "payername",
         "betalarensnamn", "medlemsnamn", "medlemsnavn", "membername"),),
    PaymentField.YEAR: (
        ("ar", "year", "avgiftsar", "kontingentar", "medlemsar", "forar", "gallerar",
         "gjelderar", "arsavgift", "period", "periode", "feeyear"),),
    PaymentField.METHOD: (
        ("betalningssatt", "betalsatt", "betalingsmate", "betalmetode", "betalingsmetode",
         "method", "paymentmethod", "betalningsmetod", "betalningstyp", "betalingstype"),),
}
# Headers that end in a currency or unit ('Belopp SEK', 'Beløp (kr)') are amounts too.
_AMOUNT_PREFIXES = ("belopp", "belop", "amount", "inbetalt", "innbetalt", "insattning",
                    "innskudd")
_LOOKUP: dict[str, tuple[PaymentField, int]] = {
    name: (kind, rank)
    for kind, ranks in _HEADERS.items()
    for rank, names in enumerate(ranks)
    for name in names
}
# The member import knows many more ways to write names and e-mail; its short generic
# words ('nr', 'nummer') are left out here, where a bank's row number would match them.
_PERSON_FIELDS = {"member_number": PaymentField.MEMBER_NUMBER, "given_name":
                  PaymentField.GIVEN_NAME, "family_name": PaymentField.FAMILY_NAME,
                  "full_name": PaymentField.NAME, "email": PaymentField.EMAIL}
_TOO_GENERIC = {"nr", "nummer", "no", "id", "first", "last"}


def field_of_header(header: object) -> tuple[PaymentField, int] | None:
    """The field a header names, with its rank (lower is preferred), or None."""
    folded = normalise_header(header)
    if not folded:
        return None
    if folded in _LOOKUP:
        return _LOOKUP[folded]
    if folded.startswith(_AMOUNT_PREFIXES) and re.fullmatch(
            r"[a-z]+(sek|nok|kr|kronor|kroner|ore)", folded):
        return PaymentField.AMOUNT, 0
    if folded in _TOO_GENERIC:
        return None
    person = _PERSON_FIELDS.get(field_for_header(header) or "")
    return (person, 1) if person is not None else None


def payment_header_count(cells: Sequence[object]) -> int:
    """How many cells of a row are payment column names (to find the header row)."""
    return sum(1 for c in cells if isinstance(c, str) and field_of_header(c) is not None)


@dataclass(frozen=True, slots=True)
class PaymentColumns:
    """Field -> column index in the file, and the header each came from."""

    indexes: dict[PaymentField, int]
    headers: tuple[str, ...]

    def index(self, kind: PaymentField) -> int | None:
        return self.indexes.get(kind)

    def header(self, kind: PaymentField) -> str | None:
        index = self.indexes.get(kind)
        return None if index is None else self.headers[index]

    @property
    def missing(self) -> list[PaymentField]:
        """Required fields without a column (amount, date)."""
        return [k for k in REQUIRED_FIELDS if k not in self.indexes]

    @property
    def identifies_payer(self) -> bool:
        return any(k in self.indexes for k in PAYER_FIELDS)

    @property
    def ignored(self) -> list[str]:
        """Headers of columns the import does not use."""
        used = set(self.indexes.values())
        return [h for i, h in enumerate(self.headers) if i not in used]


def detect_columns(headers: Sequence[str]) -> PaymentColumns:
    """Each field's column: the best-ranked header, and the leftmost among equals."""
    best: dict[PaymentField, tuple[int, int]] = {}
    for index, header in enumerate(headers):
        found = field_of_header(header)
        if found is None:
            continue
        kind, rank = found
        if kind not in best or rank < best[kind][0]:
            best[kind] = (rank, index)
    indexes = {kind: index for kind, (_rank, index) in best.items()}
    # A full name column is used only when the file has no given and family names.
    if PaymentField.NAME in indexes and (PaymentField.GIVEN_NAME in indexes
                                         or PaymentField.FAMILY_NAME in indexes):
        del indexes[PaymentField.NAME]
    return PaymentColumns(indexes, tuple(headers))


# -- cells -------------------------------------------------------------------------------
# Thousands grouped by spaces, apostrophes or points ('1 200,00', '1.200,00'), or by
# commas when a decimal point follows ('1,200.00'); '1,200' alone is left ambiguous.
_GROUPED = re.compile(r"^\d{1,3}(?:(?:[ .'\u00a0\u202f]\d{3})+(?:,\d{1,2})?"
                      r"|(?:,\d{3})+\.\d{1,2})$")
_CURRENCY = re.compile(r"(?i)\s*(kr\.?|sek|nok|:-|,-)\s*$")


def parse_payment_amount(value: object) -> int:
    """An incoming amount in öre/øre from a bank's or a spreadsheet's cell.

    Accepts '360', '360,50', '1 200,00', '1.200,00', '1,200.00', 'kr 360', '+360' and
    numbers from Excel. A negative amount is money going out, not a payment:
    ``amount_not_incoming``; zero is ``amount_not_positive``; the rest ``amount_invalid``.
    """
    if isinstance(value, bool):
        raise FieldError("amount_invalid")
    if isinstance(value, int | float):
        ore = round(value * 100)
        if abs(value * 100 - ore) > 1e-6:
            raise FieldError("amount_invalid")
    else:
        text = cell_text(value)
        text = re.sub(r"(?i)^(kr\.?|sek|nok)\s*", "", text)
        text = _CURRENCY.sub("", text).strip()
        negative = text.startswith(("-", "\u2212")) or text.endswith("-")
        text = text.strip("+-\u2212 ")
        if not text:
            raise FieldError("amount_missing" if not cell_text(value) else "amount_invalid")
        if _GROUPED.match(text):
            # '1 200,00', '1.200,00', '1,200.00': the last separator with one or two digits
            # after it is the decimal one; every other separator groups thousands.
            decimals = re.search(r"[.,](\d{1,2})$", text)
            whole = text[:decimals.start()] if decimals else text
            text = re.sub(r"\D", "", whole) + (f",{decimals.group(1)}" if decimals else "")
        try:
            ore = parse_amount(text)
        except ValueError as exc:  # DomainError is a ValueError
            raise FieldError("amount_invalid") from exc
        if negative:
            ore = -ore
    if ore < 0:
        raise FieldError("amount_not_incoming")
    if ore == 0:
        raise FieldError("amount_not_positive")
    return ore


def parse_payment_date(value: object) -> date:
    """A payment date: ISO, dd.mm.yyyy, yyyymmdd, Excel's dates and serials."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if not text:
        raise FieldError("date_missing")
    if re.match(r"^\d{4}-\d{2}-\d{2}[ T]", text):
        text = text[:10]  # a timestamp: the day is what counts
    result = date_value(text if isinstance(value, str) else value)
    if result is None:
        raise FieldError("date_missing")
    return result


_YEARS = re.compile(r"^(\d{4})(?:\s*[-\u2013/]\s*(\d{2}|\d{4}))?$")


def parse_years(value: object) -> tuple[int, int] | None:
    """The dues year(s) a row says it pays: '2026', '2025-2026', '2025/26'; None if empty."""
    text = integral_text(value)
    if not text:
        return None
    found = _YEARS.match(text)
    if found is None:
        raise FieldError("year_invalid")
    first = int(found.group(1))
    last_text = found.group(2)
    last = first if last_text is None else int(
        last_text if len(last_text) == 4 else f"{found.group(1)[:2]}{last_text}")
    if not 1900 <= first <= last <= first + 9:
        raise FieldError("year_invalid")
    return first, last


_METHOD_WORDS: dict[str, PaymentMethod] = {
    **{w: PaymentMethod.DIRECT_DEBIT for w in (
        "autogiro", "avtalegiro", "ag", "directdebit", "efaktura", "autogirodragning")},
    **{w: PaymentMethod.BANK_GIRO for w in (
        "bankgiro", "bg", "plusgiro", "pg", "giro", "bankgirot", "girering", "overforing",
        "overføring", "banktransfer", "transfer", "nettbank", "internetbank", "bank",
        "ocr", "kid", "bankgiroinbetalning", "innbetaling", "inbetalning")},
    "swish": PaymentMethod.SWISH,
    "vipps": PaymentMethod.VIPPS,
    **{w: PaymentMethod.CASH for w in ("kontant", "kontanter", "cash", "kontanten")},
}


def parse_method(value: object) -> PaymentMethod | None:
    """A payment method from our codes or common words; None when the cell says nothing,
    ``other`` for words we do not know (a method is never a reason to refuse a row)."""
    text = cell_text(value)
    if not text:
        return None
    if text in PaymentMethod._value2member_map_:
        return PaymentMethod(text)
    folded = normalise_header(text)
    if folded in _METHOD_WORDS:
        return _METHOD_WORDS[folded]
    for word, method in _METHOD_WORDS.items():
        if len(word) > 3 and folded.startswith(word):
            return method
    return PaymentMethod.OTHER


# -- references in a cell ------------------------------------------------------------------
#: A member number written as a reference or message is at most this long; longer digit
#: strings are references. Our own OCR/KID numbers have at least six digits (one for the
#: member, four for the year, the check), so a mistyped one is never read as a number.
MAX_MEMBER_NUMBER_DIGITS = 5
_DIGIT_RUN = re.compile(r"\d+(?:[ \-]\d+)*")
# A message that is just a member number, perhaps after a word that says so.
_NUMBER_MESSAGE = re.compile(
    r"^(?:(?:medlems?|medlemsnummer|medlemsnr|medlnr|medl|mnr|m|members?|membership"
    r"|membernumber|memberno|mitglied|mitgliedsnummer) ?(?:nr|no|nummer|number)?"
    r"|nr|no|nummer|number)? ?(\d{1,5})$")  # 5: MAX_MEMBER_NUMBER_DIGITS


class ReferenceKind(StrEnum):
    REFERENCE = "reference"  # a valid OCR/KID naming a member and a year
    NUMBER = "number"  # a plain member number
    INVALID = "invalid"  # digits that look like a reference but fail its check


@dataclass(frozen=True, slots=True)
class ReferenceHit:
    kind: ReferenceKind
    member_number: int | None = None
    year: int | None = None
    text: str = ""


def _fold_text(text: str) -> str:
    text = text.casefold().replace("ø", "o").replace("æ", "ae")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _as_reference(digits: str, scheme: ReferenceScheme, years: range) -> ReferenceHit | None:
    parsed = scheme.parse(digits)
    if parsed is not None and parsed[1] in years:
        return ReferenceHit(ReferenceKind.REFERENCE, parsed[0], parsed[1], digits)
    return None


def read_reference(value: object, scheme: ReferenceScheme, years: range, *,
                   strict: bool) -> ReferenceHit | None:
    """What a reference (``strict``) or message cell says about the payer.

    A valid OCR/KID anywhere in it names a member and a year; a cell that is only a
    short number (perhaps after 'medlem', 'nr'…) is a member number. In a reference
    column, longer digits that fail the check are an invalid reference (say so, never
    guess); in a message they are just text (an account or a phone number).
    """
    text = cell_text(value) if not isinstance(value, int | float) else integral_text(value)
    if not text:
        return None
    compact = re.sub(r"[\s\-.]", "", text)
    if compact.isdigit():
        hit = _as_reference(compact, scheme, years)
        if hit is not None:
            return hit
        if len(compact) <= MAX_MEMBER_NUMBER_DIGITS and int(compact) > 0:
            if not strict and int(compact) in years:
                return None  # a message reading just '2026' names the year paid
            return ReferenceHit(ReferenceKind.NUMBER, int(compact), None, compact)
    hits: dict[tuple[int | None, int | None], ReferenceHit] = {}
    for run in _DIGIT_RUN.findall(text):
        whole = re.sub(r"\D", "", run)
        hit = _as_reference(whole, scheme, years)
        parts = [hit] if hit else [_as_reference(p, scheme, years) for p in re.split(r"\D", run)]
        for found in parts:
            if found is not None:
                hits[(found.member_number, found.year)] = found
    if len(hits) == 1:
        return next(iter(hits.values()))
    if len(hits) > 1:
        # Two different references in one cell: never pick one.
        return ReferenceHit(ReferenceKind.INVALID, text=text)
    if compact.isdigit():
        return ReferenceHit(ReferenceKind.INVALID, text=compact) if strict else None
    plain = _NUMBER_MESSAGE.match(" ".join(re.sub(r"[.:#\-]", " ", _fold_text(text)).split()))
    if plain is None or int(plain.group(1)) == 0:
        return None
    number = int(plain.group(1))
    if not strict and number in years:
        return None  # 'Medlem 2026' in a message more likely names the year paid
    return ReferenceHit(ReferenceKind.NUMBER, number, None, plain.group(1))


# -- the register, as matching needs it ------------------------------------------------------
@dataclass(frozen=True, slots=True)
class KnownMember:
    """A member (current or former) a payment may belong to."""

    id: int
    number: int | None
    given_name: str = ""
    family_name: str = ""
    call_name: str = ""
    email: str = ""

    @property
    def display_name(self) -> str:
        given = self.call_name or self.given_name
        return f"{given} {self.family_name}".strip()


def name_key(text: str) -> tuple[str, ...]:
    """Folded name words in order-free form: 'SVENSSON, Åsa' == 'Asa Svensson'."""
    words = re.findall(r"[^\W\d_]+", _fold_text(text))
    return tuple(sorted(words))


def email_key(text: str) -> str:
    return cell_text(text).casefold()


_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")


def email_in(value: object) -> str:
    """The one e-mail address a message holds (folded), or '' (none, or several)."""
    found = {email_key(m) for m in _EMAIL.findall(cell_text(value))}
    return found.pop() if len(found) == 1 else ""


class MemberIndex:
    """Members by number, e-mail and name, for matching thousands of rows at once."""

    def __init__(self, members: Iterable[KnownMember]) -> None:
        self.by_id: dict[int, KnownMember] = {}
        self.by_number: dict[int, KnownMember] = {}
        self.by_email: dict[str, list[KnownMember]] = {}
        self.by_name: dict[tuple[str, ...], list[KnownMember]] = {}
        for member in members:
            self.by_id[member.id] = member
            if member.number is not None:
                self.by_number[member.number] = member
            if member.email:
                self.by_email.setdefault(email_key(member.email), []).append(member)
            for key in self.name_keys(member):
                self.by_name.setdefault(key, []).append(member)

    @staticmethod
    def name_keys(member: KnownMember) -> set[tuple[str, ...]]:
        """The ways a bank may write the member's name: given, call or first given name
        with the family name."""
        family = member.family_name
        givens = {g for g in (member.given_name, member.call_name,
                              member.given_name.split(" ")[0]) if g.strip()}
        keys = {name_key(f"{g} {family}") for g in givens} if givens else {name_key(family)}
        return {k for k in keys if k}

    def named(self, name: str) -> list[KnownMember]:
        key = name_key(name)
        return list(self.by_name.get(key, [])) if key else []


# -- the decision ------------------------------------------------------------------------------
class MatchStatus(StrEnum):
    MATCHED = "matched"
    AMBIGUOUS = "ambiguous"
    UNMATCHED = "unmatched"
    ALREADY_RECORDED = "already_recorded"
    INVALID = "invalid"


class MatchMethod(StrEnum):
    REFERENCE = "reference"
    NUMBER = "number"
    EMAIL = "email"
    NAME_EMAIL = "name_email"
    NAME = "name"


@dataclass(frozen=True, slots=True)
class PayerDetails:
    """What one row says about who paid (cells already read as text)."""

    reference: object = None
    message: object = None
    member_number: object = None
    name: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class MatchDecision:
    """``members``: one when matched, the candidates when ambiguous, none when unmatched.
    ``reason`` is a code (with ``params``) saying why a row is not simply matched;
    ``notes`` are codes worth showing on a matched row (an invalid reference passed over).
    """

    status: MatchStatus
    method: MatchMethod | None = None
    members: tuple[KnownMember, ...] = ()
    year: int | None = None
    reason: str = ""
    params: dict[str, object] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def _number_value(value: object) -> int | None:
    text = integral_text(value)
    if not text:
        return None
    if not text.isdigit() or int(text) < 1:
        raise FieldError("member_number_invalid")
    return int(text)


def _unique(members: Iterable[KnownMember]) -> tuple[KnownMember, ...]:
    seen: dict[int, KnownMember] = {}
    for m in members:
        seen.setdefault(m.id, m)
    return tuple(sorted(seen.values(), key=lambda m: (m.number or 0, m.id)))


def decide(payer: PayerDetails, index: MemberIndex, scheme: ReferenceScheme,
           years: range) -> MatchDecision:
    """Whose payment the row is: reference, then member number, then e-mail, then name.

    ``years`` are the dues years a reference may name (a 'year' outside them means the
    digits are not one of our references).
    """
    notes: list[str] = []
    ref = read_reference(payer.reference, scheme, years, strict=True)
    message = read_reference(payer.message, scheme, years, strict=False)
    try:
        column_number = _number_value(payer.member_number)
    except FieldError:
        return MatchDecision(MatchStatus.UNMATCHED, reason="member_number_invalid",
                             params={"value": cell_text(payer.member_number)})
    hits = [h for h in (ref, message) if h is not None]
    if ref is not None and ref.kind is ReferenceKind.INVALID:
        notes.append("reference_invalid")

    # 1. A valid OCR/KID reference names the member and the year.
    valid = [h for h in hits if h.kind is ReferenceKind.REFERENCE]
    named_by = {h.member_number for h in valid}
    if len(named_by) > 1:
        # Two readable references naming different members: the user decides.
        found = [index.by_number[n] for n in sorted(named_by) if n in index.by_number]
        return MatchDecision(MatchStatus.AMBIGUOUS, members=_unique(found),
                             reason="references_conflict", notes=tuple(notes))
    if valid:
        hit = valid[0]
        member = index.by_number.get(hit.member_number or 0)
        if member is None:
            return MatchDecision(MatchStatus.UNMATCHED, reason="reference_unknown_member",
                                 params={"number": hit.member_number, "reference": hit.text})
        other = index.by_number.get(column_number) if column_number is not None else None
        if column_number is not None and column_number != member.number:
            # The reference and the member number column disagree: the user decides.
            return MatchDecision(MatchStatus.AMBIGUOUS, members=_unique(
                [member, *([other] if other else [])]), year=hit.year,
                reason="reference_number_conflict",
                params={"number": column_number, "reference_number": member.number})
        return MatchDecision(MatchStatus.MATCHED, MatchMethod.REFERENCE, (member,), hit.year,
                             notes=tuple(notes))

    # 2. The member number: its own column, else a reference or message holding one.
    numbers = [column_number] if column_number is not None else [
        h.member_number for h in hits if h.kind is ReferenceKind.NUMBER]
    if numbers and numbers[0] is not None:
        member = index.by_number.get(numbers[0])
        if member is None:
            return MatchDecision(MatchStatus.UNMATCHED, reason="number_unknown_member",
                                 params={"number": numbers[0]}, notes=tuple(notes))
        # A name or e-mail in the row that belongs to someone else: ask, do not guess.
        named = index.named(payer.name) if payer.name else []
        mailed = index.by_email.get(email_key(payer.email), []) if payer.email else []
        others = [m for m in (*named, *mailed) if m.id != member.id]
        if (named and all(m.id != member.id for m in named)) or \
                (mailed and all(m.id != member.id for m in mailed)):
            return MatchDecision(MatchStatus.AMBIGUOUS, members=_unique([member, *others]),
                                 reason="number_name_conflict", notes=tuple(notes))
        return MatchDecision(MatchStatus.MATCHED, MatchMethod.NUMBER, (member,),
                             notes=tuple(notes))

    # 3. The e-mail address, with the name when a family shares it.
    named = index.named(payer.name) if payer.name else []
    email = email_key(payer.email) or email_in(payer.message)
    if email:
        sharing = index.by_email.get(email, [])
        if len(sharing) == 1:
            member = sharing[0]
            if named and all(m.id != member.id for m in named):
                # The address is one member's, the name another's: ask.
                return MatchDecision(MatchStatus.AMBIGUOUS, members=_unique([member, *named]),
                                     reason="email_name_conflict", notes=tuple(notes))
            return MatchDecision(MatchStatus.MATCHED, MatchMethod.EMAIL, (member,),
                                 notes=tuple(notes))
        if len(sharing) > 1:
            both = [m for m in sharing if any(n.id == m.id for n in named)]
            if len(both) == 1:
                return MatchDecision(MatchStatus.MATCHED, MatchMethod.NAME_EMAIL, (both[0],),
                                     notes=tuple(notes))
            return MatchDecision(MatchStatus.AMBIGUOUS, members=_unique(both or sharing),
                                 reason="email_shared", notes=tuple(notes))

    # 4. The name alone.
    if payer.name:
        if len(_unique(named)) == 1:
            return MatchDecision(MatchStatus.MATCHED, MatchMethod.NAME, (named[0],),
                                 notes=tuple(notes))
        if named:
            return MatchDecision(MatchStatus.AMBIGUOUS, members=_unique(named),
                                 reason="name_shared", notes=tuple(notes))
    if ref is not None and ref.kind is ReferenceKind.INVALID:
        return MatchDecision(MatchStatus.UNMATCHED, reason="reference_invalid",
                             params={"reference": ref.text})
    if payer.name or email:
        return MatchDecision(MatchStatus.UNMATCHED, reason="no_member_found")
    return MatchDecision(MatchStatus.UNMATCHED, reason="no_payer_details")
