"""Checking one imported row: reading its cells into a member, the rules, duplicates.

Everything a row needs from the association and the register is read once per import
(``RowChecker``), never per row: an import of 100,000 rows must stay close to the speed
of the bare libraries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from medlemsvard_app.domain.cells import integral_text
from medlemsvard_app.domain.errors import ValidationError
from medlemsvard_app.domain.import_mapping import FIELD_CODES
from medlemsvard_app.domain.import_values import (
    bool_value,
    code_value,
    country_value,
    date_value,
    member_number_value,
    phone_value,
    postal_code_value,
    split_full_name,
    split_postal_address,
    tags_value,
    text_value,
)
from medlemsvard_app.domain.models import (
    Gender,
    JoinChannel,
    JoinMethod,
    LeaveReason,
    Member,
    MembershipStatus,
    PreferredChannel,
)
from medlemsvard_app.domain.validation import FieldError, check_identity_number, validate_member
from medlemsvard_app.i18n.messages import message
from medlemsvard_app.services import transfer_messages

if TYPE_CHECKING:
    from medlemsvard_app.services.session import Session

transfer_messages.register()

VALUE_SHOWN = 60

_TEXT_FIELDS = ("given_name", "family_name", "call_name", "street", "co", "city", "email",
                "notes", "leave_note")
_DATE_FIELDS = ("birth_date", "joined_on", "left_on", "newsletter_consent_on", "sms_consent_on")
_CODE_FIELDS = {"status": MembershipStatus, "leave_reason": LeaveReason, "gender": Gender,
                "join_method": JoinMethod, "join_channel": JoinChannel,
                "preferred_channel": PreferredChannel}
# Read after the others: they depend on the member's country or fill other fields.
_LATER_FIELDS = ("phone", "phone_alt", "identity_number", "full_name", "postal_address")
# A field filled from another column: its problems are reported against that column.
_SOURCE = {"postal_code": "postal_address", "city": "postal_address",
           "given_name": "full_name", "family_name": "full_name",
           "birth_date": "identity_number"}


def _reader(code: str) -> Callable[[object], object]:
    if code in _TEXT_FIELDS:
        return lambda value: text_value(value, code)
    if code in _DATE_FIELDS:
        return date_value
    if code in _CODE_FIELDS:
        kind = _CODE_FIELDS[code]
        return lambda value: code_value(value, kind)
    if code in ("do_not_call", "protected_identity"):
        return bool_value
    if code in ("interests", "skills"):
        return tags_value
    if code == "member_number":
        return member_number_value
    if code == "country":
        return country_value
    return postal_code_value


_READERS = {code: _reader(code) for code in FIELD_CODES if code not in _LATER_FIELDS}


# -- results ---------------------------------------------------------------------------
@dataclass
class RowIssue:
    """Why a row cannot be imported (an error) or what happened to it (a note)."""

    row_number: int
    field: str | None
    code: str
    message: str
    value: str


@dataclass
class RowResult:
    """One data row checked.

    ``duplicate_of`` and ``shared_email_with`` hold the other person's member number when
    they are in the register, or the file row number of an earlier row when
    ``*_in_file`` is set. A prospect has no member number: then only ``*_member_id`` (the
    register's id, set for every register match) is filled; ``is_duplicate`` and
    ``shares_email`` cover every case.
    """

    row_number: int
    values: dict[str, object]
    member: Member | None
    errors: list[RowIssue] = field(default_factory=list)
    notes: list[RowIssue] = field(default_factory=list)
    duplicate_of: int | None = None
    shared_email_with: int | None = None
    duplicate_in_file: bool = False
    shared_email_in_file: bool = False
    duplicate_member_id: int | None = None
    shared_email_member_id: int | None = None

    @property
    def valid(self) -> bool:
        return not self.errors and self.member is not None

    @property
    def is_duplicate(self) -> bool:
        return self.duplicate_of is not None or self.duplicate_member_id is not None

    @property
    def shares_email(self) -> bool:
        return self.shared_email_with is not None or self.shared_email_member_id is not None


def _issue(at_row: int, field_code: str | None, code: str, value: object = "",
           **params: object) -> RowIssue:
    shown = "" if value is None else str(value)
    if len(shown) > VALUE_SHOWN:
        shown = shown[:VALUE_SHOWN] + "…"
    return RowIssue(at_row, field_code, code, message(code, **params), shown)


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _PeopleIndex:
    """Who is already known, by the keys that make two rows one person.

    ``ref`` is a member id for the register and a row number for the file.
    """

    def __init__(self) -> None:
        self.identity: dict[str, int] = {}
        self.name_birth: dict[tuple[str, str, str], int] = {}
        self.name_email: dict[tuple[str, str, str], tuple[int, str]] = {}
        self.email: dict[str, int] = {}
        self.number: dict[int, tuple[int, tuple[str, str]]] = {}

    def add(self, ref: int, given: str, family: str, birth: str, email: str,
            identity: str | None, number: int | None) -> None:
        name = (given.casefold(), family.casefold())
        email = email.casefold()
        if identity:
            self.identity.setdefault(identity, ref)
        if birth:
            self.name_birth.setdefault((*name, birth), ref)
        if email:
            self.name_email.setdefault((*name, email), (ref, birth))
            self.email.setdefault(email, ref)
        if number is not None:
            self.number.setdefault(number, (ref, name))

    def same_person(self, member: Member, identity: str | None) -> int | None:
        """Same identity number; or same name with the same birth date, e-mail or number."""
        name = (member.given_name.casefold(), member.family_name.casefold())
        birth = member.birth_date.isoformat() if member.birth_date else ""
        if identity and identity in self.identity:
            return self.identity[identity]
        if birth and (*name, birth) in self.name_birth:
            return self.name_birth[(*name, birth)]
        found = self.name_email.get((*name, member.email.casefold())) if member.email else None
        if found and not (birth and found[1] and found[1] != birth):
            return found[0]
        owner = self.number.get(member.member_number) if member.member_number else None
        return owner[0] if owner and owner[1] == name else None

    def number_holder(self, member: Member) -> int | None:
        """The ref already holding this member's number (checked after ``same_person``)."""
        owner = self.number.get(member.member_number) if member.member_number else None
        return owner[0] if owner else None


@dataclass(frozen=True)
class _Known:
    """A register member as a row's notes name them."""

    number: int | None
    name: str


def _register_index(session: Session, today: date) -> tuple[_PeopleIndex, dict[int, _Known]]:
    """The register's people in one read, keyed by member id (prospects have no number)."""
    index, known = _PeopleIndex(), {}
    ids = session.members.query_ids(sort="member_number", today=today)
    columns = ("member_number", "given_name", "family_name", "birth_date", "email",
               "identity_number")
    for member_id, (number, given, family, birth, email, identity) in session.members.rows(
            ids, columns).items():
        index.add(member_id, given, family, birth or "", email, identity, number)
        known[member_id] = _Known(number, f"{given} {family}".strip())
    return index, known


class RowChecker:
    """Checks rows one by one; holds what every row needs (read once, not per row)."""

    def __init__(self, session: Session, default_joined_on: date | None) -> None:
        assoc = session.association
        self.home = assoc.country.value
        self.identity_enabled = assoc.identity_number_enabled
        self.gender_enabled = assoc.gender_enabled
        self.today = session.today()
        self.default_joined_on = default_joined_on
        self.register, self.known = _register_index(session, self.today)
        self.in_file = _PeopleIndex()
        self.phones: dict[tuple[str, str], str | FieldError] = {}

    def check(self, row: int, values: dict[str, object]) -> RowResult:
        result = RowResult(row, values, None)
        member = Member(country=self.home)
        problems: dict[str, str] = {}
        self._read_plain(member, values, problems)
        phones = self._read_phones(member, values, problems)
        identity = self._read_identity(member, values, problems, result)
        self._apply_defaults(member, values, result)
        try:
            validate_member(member, home_country=self.home, today=self.today,
                            identity_enabled=self.identity_enabled)
        except ValidationError as exc:
            for field_code, code in exc.problems.items():
                problems.setdefault(field_code, code)
        member.phone, member.phone_alt = phones
        errors = [self._problem(row, f, c, values) for f, c in problems.items()]
        if not errors:
            conflict = self._find_duplicates(member, member.identity_number or identity, result)
            errors += [conflict] if conflict else []
        if errors:
            result.errors = errors
        else:
            result.member = member
        return result

    @staticmethod
    def _problem(row: int, field_code: str, code: str, values: dict[str, object]) -> RowIssue:
        """The issue for a field, told against the column the value came from."""
        if code == "name_missing":
            return _issue(row, None, "row_name_missing")
        if field_code not in values and _SOURCE.get(field_code) in values:
            field_code = _SOURCE[field_code]
        return _issue(row, field_code, code, values.get(field_code, ""))

    def _read_plain(self, member: Member, values: dict[str, object],
                    problems: dict[str, str]) -> None:
        for code, value in values.items():
            reader = _READERS.get(code)
            if reader is None or value is None or value == "":
                continue
            try:
                setattr(member, code, reader(value))
            except FieldError as exc:
                problems[code] = exc.code
        if not member.country:
            member.country = self.home
        full = values.get("full_name")
        if not _is_empty(full) and not (member.given_name or member.family_name):
            member.given_name, member.family_name = split_full_name(full)
        postal = values.get("postal_address")
        if not _is_empty(postal):
            code, town = split_postal_address(postal)
            member.postal_code = member.postal_code or code
            member.city = member.city or town

    def _read_phones(self, member: Member, values: dict[str, object],
                     problems: dict[str, str]) -> tuple[str, str]:
        """E.164 numbers, parsed once per distinct cell (lists repeat a family's number)."""
        out = []
        for code in ("phone", "phone_alt"):
            value = values.get(code)
            if _is_empty(value):
                out.append("")
                continue
            key = (str(value), member.country)
            cached = self.phones.get(key)
            if cached is None:
                try:
                    cached = phone_value(value, self.home, member.country)
                except FieldError as exc:
                    cached = exc
                self.phones[key] = cached
            if isinstance(cached, FieldError):
                problems[code] = cached.code
                out.append("")
            else:
                out.append(cached)
        return out[0], out[1]

    def _read_identity(self, member: Member, values: dict[str, object], problems: dict[str, str],
                       result: RowResult) -> str | None:
        """Kept only if the association switched the field on; always used for the birth date.

        Returns the checked number when it is not kept (still a key for duplicates).
        """
        value = values.get("identity_number")
        if _is_empty(value):
            return None
        text = integral_text(value)
        if self.identity_enabled:
            member.identity_number = text
            return None
        country = member.country if member.country in ("SE", "NO") else self.home
        try:
            checked = check_identity_number(text, country)
        except FieldError:
            result.notes.append(_issue(result.row_number, "identity_number",
                                       "identity_invalid_not_kept"))
            return None
        if member.birth_date is None and "birth_date" not in problems:
            member.birth_date = checked.birth_date
        result.notes.append(_issue(result.row_number, "identity_number", "identity_not_kept"))
        return checked.number

    def _apply_defaults(self, member: Member, values: dict[str, object],
                        result: RowResult) -> None:
        if _is_empty(values.get("status")) and member.left_on is not None:
            member.status = MembershipStatus.FORMER
        no_reason = member.leave_reason is None and _is_empty(values.get("leave_reason"))
        if member.status is MembershipStatus.FORMER and no_reason:
            member.leave_reason = LeaveReason.OTHER
            result.notes.append(_issue(result.row_number, "leave_reason",
                                       "leave_reason_assumed"))
        if member.joined_on is None and member.status is not MembershipStatus.PROSPECT:
            member.joined_on = self.default_joined_on
        if member.gender is not None and not self.gender_enabled:
            member.gender = None
            result.notes.append(_issue(result.row_number, "gender", "gender_not_kept"))

    def _find_duplicates(self, member: Member, identity: str | None,
                         result: RowResult) -> RowIssue | None:
        """Marks a known person or a shared e-mail; returns an error for a number clash."""
        row = result.row_number
        member_id = self.register.same_person(member, identity)
        if member_id is not None:
            known = self.known[member_id]
            result.duplicate_of, result.duplicate_member_id = known.number, member_id
            result.notes.append(self._about_known(row, None, "duplicate", known))
            return None
        earlier = self.in_file.same_person(member, identity)
        if earlier is not None:
            result.duplicate_of, result.duplicate_in_file = earlier, True
            result.notes.append(_issue(row, None, "duplicate_row", row=earlier))
            return None
        clash = self._number_clash(member, row)
        if clash is not None:
            return clash
        self._shared_email(member, result)
        birth = member.birth_date.isoformat() if member.birth_date else ""
        self.in_file.add(row, member.given_name, member.family_name, birth, member.email,
                         identity, member.member_number)
        return None

    @staticmethod
    def _about_known(row: int, field_code: str | None, kind: str, known: _Known,
                     value: object = "") -> RowIssue:
        code = f"{kind}_member" if known.number is not None else f"{kind}_prospect"
        return _issue(row, field_code, code, value, number=known.number, name=known.name)

    def _number_clash(self, member: Member, row: int) -> RowIssue | None:
        number = member.member_number
        holder = self.register.number_holder(member)
        if holder is not None:
            return _issue(row, "member_number", "member_number_taken", number,
                          number=number, name=self.known[holder].name)
        earlier = self.in_file.number_holder(member)
        if earlier is not None:
            return _issue(row, "member_number", "member_number_repeated", number,
                          number=number, row=earlier)
        return None

    def _shared_email(self, member: Member, result: RowResult) -> None:
        if not member.email:
            return
        key = member.email.casefold()
        row = result.row_number
        if key in self.register.email:
            member_id = self.register.email[key]
            known = self.known[member_id]
            result.shared_email_with, result.shared_email_member_id = known.number, member_id
            result.notes.append(self._about_known(row, "email", "shared_email", known,
                                                  member.email))
        elif key in self.in_file.email:
            result.shared_email_with = self.in_file.email[key]
            result.shared_email_in_file = True
            result.notes.append(_issue(row, "email", "shared_email_row", member.email,
                                       row=result.shared_email_with))
