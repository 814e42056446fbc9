"""Checking one imported row: reading its cells into a member, the rules, duplicates.

Everything a row needs from the association and the register is read once per import
(``RowChecker``), never per row: an import of 100,000 rows must stay close to the speed
of the bare libraries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import MISSING, dataclass, field
from dataclasses import fields as dataclass_fields
from datetime import date
from itertools import repeat
from typing import TYPE_CHECKING, Any

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
from medlemsvard_app.domain.validation import (
    TEXT_NORMALISERS,
    FieldError,
    check_identity_number,
    clean_tags,
    normalise_country,
    normalise_email,
    normalise_postal_code,
    validate_member,
)
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


#: A person's keys for finding them again: folded name, birth date (ISO), the name with
#: the birth date and with the folded e-mail (None without one), folded e-mail.
_Keys = tuple[tuple[str, str], str, "tuple[str, str, str] | None", "tuple[str, str, str] | None",
              str]


def _person_keys(given: str, family: str, birth: str, email: str) -> _Keys:
    """Computed once per row, for the register, the file and the file's index alike."""
    name = (given.casefold(), family.casefold())
    email = email.casefold()
    return (name, birth, (*name, birth) if birth else None, (*name, email) if email else None,
            email)


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

    def add(self, ref: int, keys: _Keys, identity: str | None, number: int | None) -> None:
        name, birth, by_birth, by_email, email = keys
        if identity:
            self.identity.setdefault(identity, ref)
        if by_birth is not None:
            self.name_birth.setdefault(by_birth, ref)
        if by_email is not None:
            self.name_email.setdefault(by_email, (ref, birth))
            self.email.setdefault(email, ref)
        if number is not None:
            self.number.setdefault(number, (ref, name))

    def same_person(self, keys: _Keys, identity: str | None, number: int | None) -> int | None:
        """Same identity number; or same name with the same birth date, e-mail or number."""
        name, birth, by_birth, by_email, _email = keys
        if identity and identity in self.identity:
            return self.identity[identity]
        if by_birth is not None and by_birth in self.name_birth:
            return self.name_birth[by_birth]
        found = self.name_email.get(by_email) if by_email is not None else None
        if found and not (birth and found[1] and found[1] != birth):
            return found[0]
        owner = self.number.get(number) if number else None
        return owner[0] if owner and owner[1] == name else None

    def number_holder(self, number: int | None) -> int | None:
        """The ref already holding this number (checked after ``same_person``)."""
        owner = self.number.get(number) if number else None
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
        index.add(member_id, _person_keys(given, family, birth or "", email), identity, number)
        known[member_id] = _Known(number, f"{given} {family}".strip())
    return index, known


class _Refused:
    """A reader's refusal of a cell, remembered as its code (not the exception and its frames)."""

    __slots__ = ("code",)

    def __init__(self, code: str) -> None:
        self.code = code


class _Memo(dict):
    """A reader's answer per distinct text cell, so a town, a postal code or a status that
    thousands of rows share is read once; empty cells answer ``empty`` without a call.

    Only ``str`` cells are remembered: 1, 1.0 and True are equal keys but not one value.
    """

    __slots__ = ("read", "remember", "refused")

    def __init__(self, read: Callable[[Any], object], empty: object, remember: bool = True
                 ) -> None:
        super().__init__()
        self.read, self.remember, self.refused = read, remember, False
        self[None] = self[""] = empty

    def __missing__(self, value: Any) -> object:
        try:
            answer = self.read(value)
        except FieldError as exc:
            answer = _Refused(exc.code)
            self.refused = True
        if self.remember and value.__class__ is str and len(self) < _MEMO_LIMIT:
            self[value] = answer
        return answer

    def column(self, cells: Sequence[object]) -> list[object]:
        if not self.remember:  # nearly every cell differs: read them straight
            read, empty = self.read, self[""]
            try:
                return [empty if value is None or value == "" else read(value)
                        for value in cells]
            except FieldError:
                pass  # a refused cell: read again below, keeping each refusal
        try:
            return [self[value] for value in cells]
        except TypeError:  # an unhashable cell: read each cell as it comes
            return [self.__missing__(value) for value in cells]


_MEMO_LIMIT = 50_000
_NOT_REMEMBERED = ("member_number", "email", "notes", "leave_note")  # nearly always unique
# Members are made as Member(*args): one value per ``__init__`` field, in their order.
_MEMBER_FIELDS = tuple(f.name for f in dataclass_fields(Member) if f.init)
_DEFAULTS = {f.name: f.default for f in dataclass_fields(Member) if f.default is not MISSING}
_FACTORIES = {f.name: f.default_factory for f in dataclass_fields(Member)
              if f.default_factory is not MISSING}


def _tags_reader(value: object) -> tuple[str, ...]:
    """Tags read and put in ``validate_member``'s form (a tuple, so rows never share a list)."""
    return tuple(clean_tags(tags_value(value)))


def _normalised_reader(read: Callable[[object], object], normalise: Callable[[str], str]
                       ) -> Callable[[object], object]:
    """A text reader followed by ``validate_member``'s normaliser for the field."""
    if normalise("") != "":
        raise ValueError("an empty text must stay empty")  # refused cells are left empty
    return lambda value: normalise(read(value))  # type: ignore[arg-type]


def _refusals(field_code: str, column: list[object], empty: object,
              problems_at: dict[int, dict[str, str]]) -> None:
    """Record each refused cell as its row's problem; the member keeps the field's default."""
    for index, value in enumerate(column):
        if value.__class__ is _Refused:
            problems_at.setdefault(index, {})[field_code] = value.code  # type: ignore[attr-defined]
            column[index] = empty


def _merge_validation(problems: dict[str, str], checked: dict[str, str],
                      normalising: dict[str, str]) -> None:
    """Add what ``validate_member`` found in the order it reports: a missing name, the fields
    it normalises (here checked earlier, column by column), then the rules between fields."""
    if "given_name" in checked:
        problems.setdefault("given_name", checked["given_name"])
    for source in (normalising, checked):
        for field_code, code in source.items():
            problems.setdefault(field_code, code)


class RowChecker:
    """Checks rows; holds what every row needs (read once, not per row).

    Rows are read column by column (each reader is looked up once per column, and each
    distinct text once per column), then checked row by row with ``validate_member``: the
    same readers, normalisers and rules as one row at a time, at a fraction of the cost.
    """

    def __init__(self, session: Session, default_joined_on: date | None) -> None:
        assoc = session.association
        self.home = assoc.country.value
        self.identity_enabled = assoc.identity_number_enabled
        self.gender_enabled = assoc.gender_enabled
        self.today = session.today()
        self.default_joined_on = default_joined_on
        self.register, self.known = _register_index(session, self.today)
        self.in_file = _PeopleIndex()
        self.phones: dict[tuple[str, str], str | _Refused] = {}
        self._memos: dict[str, _Memo] = {}

    def check(self, row: int, values: dict[str, object]) -> RowResult:
        """One row: ``values`` maps field codes to cells."""
        return self.check_rows([row], list(values), [[cell] for cell in values.values()])[0]

    def check_rows(self, row_numbers: Sequence[int], fields: Sequence[str],
                   columns: Sequence[Sequence[object]]) -> list[RowResult]:
        """Rows given as columns: ``columns[k]`` holds field ``fields[k]`` for every row."""
        count = len(row_numbers)
        if any(len(column) != count for column in columns):
            raise ValueError("every column needs a cell for every row")
        problems_at: dict[int, dict[str, str]] = {}
        normalising_at: dict[int, dict[str, str]] = {}
        # Texts a combined column may fill are normalised after the filling, the others
        # as they are read.
        filled = {*(("given_name", "family_name") if "full_name" in fields else ()),
                  *(("postal_code", "city") if "postal_address" in fields else ())}
        texts = {f: n for f, n in TEXT_NORMALISERS.items() if f in fields and f not in filled}
        read = self._read_plain(fields, columns, texts, problems_at)
        cells = dict(zip(fields, columns, strict=True))
        self._fill_from_combined(read, cells, count)
        self._read_phones(read, cells, count, problems_at)
        self._normalise(read, texts, count, normalising_at)
        return self._check_members(row_numbers, fields, columns, read, problems_at,
                                   normalising_at)

    # -- column by column --------------------------------------------------------------
    def _memo(self, key: str, read: Callable[[Any], object], empty: object,
              remember: bool = True) -> _Memo:
        memo = self._memos.get(key)
        if memo is None:
            memo = self._memos[key] = _Memo(read, empty, remember)
        return memo

    def _empty(self, field_code: str) -> object:
        """The value a field keeps when its cell is empty or refused."""
        if field_code == "country":
            return self.home
        if field_code in ("interests", "skills"):
            return ()
        return _DEFAULTS[field_code]

    def _read_plain(self, fields: Sequence[str], columns: Sequence[Sequence[object]],
                    texts: dict[str, Callable[[str], str]],
                    problems_at: dict[int, dict[str, str]]) -> dict[str, list[object]]:
        """Each column through its reader (in the file's order, as problems are reported);
        the ``texts`` also through their normaliser, once per distinct cell for both."""
        read: dict[str, list[object]] = {}
        home = self.home
        for field_code, column in zip(fields, columns, strict=True):
            reader = _READERS.get(field_code)
            if reader is None:
                continue
            key = field_code
            if field_code == "country":
                reader = lambda value: country_value(value) or home  # noqa: E731
            elif field_code in ("interests", "skills"):
                reader = _tags_reader
            elif field_code in texts:
                key = "normalised " + field_code
                reader = _normalised_reader(reader, texts[field_code])
            empty = self._empty(field_code)
            memo = self._memo(key, reader, empty, field_code not in _NOT_REMEMBERED)
            values = memo.column(column)
            if memo.refused:
                _refusals(field_code, values, empty, problems_at)
            read[field_code] = values
        return read

    def _fill_from_combined(self, read: dict[str, list[object]],
                            cells: dict[str, Sequence[object]], count: int) -> None:
        """Names from a full-name column and postal code and town from a combined column,
        where the file's own columns for them are empty."""
        full = cells.get("full_name")
        if full is not None:
            given = read.setdefault("given_name", [""] * count)
            family = read.setdefault("family_name", [""] * count)
            for index, value in enumerate(full):
                if not _is_empty(value) and not (given[index] or family[index]):
                    given[index], family[index] = split_full_name(value)
        postal = cells.get("postal_address")
        if postal is not None:
            codes = read.setdefault("postal_code", [""] * count)
            towns = read.setdefault("city", [""] * count)
            for index, value in enumerate(postal):
                if not _is_empty(value):
                    code, town = split_postal_address(value)
                    codes[index] = codes[index] or code
                    towns[index] = towns[index] or town

    def _read_phones(self, read: dict[str, list[object]], cells: dict[str, Sequence[object]],
                     count: int, problems_at: dict[int, dict[str, str]]) -> None:
        """E.164 numbers, parsed once per distinct cell (lists repeat a family's number)."""
        countries = read.get("country") or [self.home] * count
        for code in ("phone", "phone_alt"):
            column = cells.get(code)
            if column is None:
                continue
            out: list[object] = []
            for index, (value, country) in enumerate(zip(column, countries, strict=True)):
                if value is None or (isinstance(value, str) and not value.strip()):
                    out.append("")  # an empty cell (``_is_empty``, inline in this loop)
                    continue
                key = (value if value.__class__ is str else str(value), country)
                cached = self.phones.get(key)
                if cached is None:
                    try:
                        cached = phone_value(value, self.home, country)
                    except FieldError as exc:
                        cached = _Refused(exc.code)
                    self.phones[key] = cached
                if cached.__class__ is _Refused:
                    problems_at.setdefault(index, {})[code] = cached.code  # type: ignore[union-attr]
                    out.append("")
                else:
                    out.append(cached)
            read[code] = out

    def _normalise(self, read: dict[str, list[object]], done: Iterable[str], count: int,
                   normalising_at: dict[int, dict[str, str]]) -> None:
        """``validate_member``'s normalisers for what was not normalised as it was read,
        once per distinct value; its own problems (e-mail, postal code) are kept apart, to
        be told in its order."""
        for field_code, normalise in TEXT_NORMALISERS.items():
            if field_code in read and field_code not in done:
                memo = self._memo("filled " + field_code, normalise, normalise(""),
                                  field_code not in _NOT_REMEMBERED)
                read[field_code] = memo.column(read[field_code])
        if "country" in read:
            home = self.home
            memo = self._memo("normalised country",
                              lambda value: normalise_country(value, home), home)
            read["country"] = memo.column(read["country"])
        countries = read.get("country") or [self.home] * count
        if "email" in read:
            emails = read["email"]
            for index, value in enumerate(emails):
                if value:
                    try:
                        emails[index] = normalise_email(value)  # type: ignore[arg-type]
                    except FieldError as exc:
                        normalising_at.setdefault(index, {})["email"] = exc.code
        if "postal_code" in read:
            read["postal_code"] = self._postal_codes(read["postal_code"], countries,
                                                     normalising_at)
        for field_code in ("interests", "skills"):
            if field_code in read:
                read[field_code] = [list(tags) for tags in read[field_code]]  # type: ignore[call-overload]

    def _postal_codes(self, codes: list[object], countries: Sequence[object],
                      normalising_at: dict[int, dict[str, str]]) -> list[object]:
        """Postal codes by each member's country's rules, once per distinct code and country."""
        by_country: dict[object, _Memo] = {}
        out: list[object] = []
        for code, country in zip(codes, countries, strict=True):
            memo = by_country.get(country)
            if memo is None:
                memo = by_country[country] = self._memo(
                    f"normalised postal_code {country}",
                    lambda value, country=country: normalise_postal_code(value, country), "")
            out.append(memo[code])
        if any(memo.refused for memo in by_country.values()):
            for index, value in enumerate(out):
                if value.__class__ is _Refused:
                    normalising_at.setdefault(index, {})["postal_code"] = value.code  # type: ignore[attr-defined]
        return out

    # -- row by row --------------------------------------------------------------------
    def _member_columns(self, read: dict[str, list[object]]) -> list[Iterable[object]]:
        out: list[Iterable[object]] = []
        for name in _MEMBER_FIELDS:
            if name in read:
                out.append(read[name])
            elif name == "country":
                out.append(repeat(self.home))
            elif name in _FACTORIES:
                out.append(iter(_FACTORIES[name], None))  # a new list for every member
            else:
                out.append(repeat(_DEFAULTS[name]))
        return out

    def _check_members(self, row_numbers: Sequence[int], fields: Sequence[str],
                       columns: Sequence[Sequence[object]], read: dict[str, list[object]],
                       problems_at: dict[int, dict[str, str]],
                       normalising_at: dict[int, dict[str, str]]) -> list[RowResult]:
        has_identity = "identity_number" in fields
        cells_by_row = zip(*columns, strict=True) if columns else repeat(())
        # Fields no column fills repeat endlessly: the row numbers say where the rows end.
        members = zip(*self._member_columns(read), strict=False)
        rows = zip(row_numbers, cells_by_row, members, strict=False)
        results: list[RowResult] = []
        for index, (row, cells, args) in enumerate(rows):
            values = dict(zip(fields, cells, strict=True))
            result = RowResult(row, values, None)
            member = Member(*args)
            problems = problems_at.get(index) or {}
            identity = (self._read_identity(member, values, problems, result) if has_identity
                        else None)
            self._apply_defaults(member, values, result)
            try:
                validate_member(member, home_country=self.home, today=self.today,
                                identity_enabled=self.identity_enabled, normalised=True)
            except ValidationError as exc:
                _merge_validation(problems, exc.problems, normalising_at.get(index, {}))
            else:
                if index in normalising_at:
                    _merge_validation(problems, {}, normalising_at[index])
            if problems:
                result.errors = [self._problem(row, f, c, values) for f, c in problems.items()]
            else:
                conflict = self._find_duplicates(member, member.identity_number or identity,
                                                 result)
                if conflict:
                    result.errors = [conflict]
                else:
                    result.member = member
            results.append(result)
        return results

    @staticmethod
    def _problem(row: int, field_code: str, code: str, values: dict[str, object]) -> RowIssue:
        """The issue for a field, told against the column the value came from."""
        if code == "name_missing":
            return _issue(row, None, "row_name_missing")
        if field_code not in values and _SOURCE.get(field_code) in values:
            field_code = _SOURCE[field_code]
        return _issue(row, field_code, code, values.get(field_code, ""))

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
            checked = check_identity_number(text, country, self.today)
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
        if member.left_on is not None and _is_empty(values.get("status")):
            member.status = MembershipStatus.FORMER
        if (member.status is MembershipStatus.FORMER and member.leave_reason is None
                and _is_empty(values.get("leave_reason"))):
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
        number = member.member_number
        keys = _person_keys(member.given_name, member.family_name,
                            member.birth_date.isoformat() if member.birth_date else "",
                            member.email)
        member_id = self.register.same_person(keys, identity, number)
        if member_id is not None:
            known = self.known[member_id]
            result.duplicate_of, result.duplicate_member_id = known.number, member_id
            result.notes.append(self._about_known(row, None, "duplicate", known))
            return None
        earlier = self.in_file.same_person(keys, identity, number)
        if earlier is not None:
            result.duplicate_of, result.duplicate_in_file = earlier, True
            result.notes.append(_issue(row, None, "duplicate_row", row=earlier))
            return None
        clash = self._number_clash(number, row)
        if clash is not None:
            return clash
        if member.email:
            self._shared_email(member, keys[4], result)
        self.in_file.add(row, keys, identity, number)
        return None

    @staticmethod
    def _about_known(row: int, field_code: str | None, kind: str, known: _Known,
                     value: object = "") -> RowIssue:
        code = f"{kind}_member" if known.number is not None else f"{kind}_prospect"
        return _issue(row, field_code, code, value, number=known.number, name=known.name)

    def _number_clash(self, number: int | None, row: int) -> RowIssue | None:
        if not number:
            return None
        holder = self.register.number_holder(number)
        if holder is not None:
            return _issue(row, "member_number", "member_number_taken", number,
                          number=number, name=self.known[holder].name)
        earlier = self.in_file.number_holder(number)
        if earlier is not None:
            return _issue(row, "member_number", "member_number_repeated", number,
                          number=number, row=earlier)
        return None

    def _shared_email(self, member: Member, key: str, result: RowResult) -> None:
        """``key`` is the member's e-mail address folded."""
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
