"""Importing a payment list from the bank or the central register: preview, report, apply.

``preview_payments`` reads the file (with the member import's readers: CSV in any common
encoding and separator, or XLSX), finds the columns, and decides for every row whose
payment it is (``domain.payment_matching``), what it is for and whether it is recorded
already. It writes nothing. The user then picks the member for ambiguous rows
(``choose_member``) or leaves them out, and ``apply_payments`` records the chosen rows
through ``DuesService.add_payments`` in one transaction, with an audit entry naming the
file. Rows nobody could place can be saved for follow-up (``write_follow_up``).

Used by the ``payments import`` command and the GUI's import dialog; no Qt here.
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from medlemsvard_app.domain.cells import cell_text, guard_formula
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.models import Member, MembershipStatus
from medlemsvard_app.domain.payment_matching import (
    KnownMember,
    MatchMethod,
    MatchStatus,
    MemberIndex,
    PayerDetails,
    PaymentColumns,
    PaymentField,
    decide,
    detect_columns,
    parse_method,
    parse_payment_amount,
    parse_payment_date,
    parse_years,
    payment_header_count,
)
from medlemsvard_app.domain.payments import Payment, PaymentMethod, PaymentSource
from medlemsvard_app.domain.validation import FieldError
from medlemsvard_app.i18n import N_, _, ngettext
from medlemsvard_app.i18n import dues_labels as _dues_labels  # noqa: F401 - registers codes
from medlemsvard_app.i18n.formatting import format_count, format_money
from medlemsvard_app.i18n.messages import describe, message, register_messages
from medlemsvard_app.services import exporting as _exporting
from medlemsvard_app.services import transfer_messages
from medlemsvard_app.services.import_files import (
    ImportFileError,
    SourceTable,
    collector_paused,
    read_table,
)
from medlemsvard_app.storage.errors import StorageError
from medlemsvard_app.storage.transaction import transaction

if TYPE_CHECKING:
    from medlemsvard_app.services.dues import DuesService
    from medlemsvard_app.services.session import Session

Progress = Callable[[int, int], bool | None]
_PROGRESS_EVERY = 500
#: A reference or message kept with a payment is cut to this length.
MAX_REFERENCE_LENGTH = 100

register_messages({
    # the file
    "payment_no_header": N_(
        "The first row of {path} holds data, not column names. Add a row with column names "
        "(for example Datum, Belopp, OCR) at the top and try again."),
    "payment_no_rows": N_("{path} has column names but no rows of payments."),
    "payment_columns_missing": N_(
        "{path} has no column for {fields}. Name it in the file (for example Belopp or Beløp "
        "for the amount, Datum or Dato for the date) and try again. The file's columns are: "
        "{columns}."),
    "payment_no_payer_column": N_(
        "{path} has no column that tells who paid: a member number, an OCR or KID "
        "reference, a message, a name or an e-mail address. The file's columns are: "
        "{columns}."),
    "payment_import_cancelled": N_("The import was cancelled; no payment was recorded."),
    # why a row is not simply matched
    "reference_unknown_member": N_(
        "The reference {reference} is for member number {number}, who is not in the "
        "register."),
    "number_unknown_member": N_("No member has number {number}."),
    "reference_number_conflict": N_(
        "The reference is for member {reference_number}, the member number column says "
        "{number}: choose who paid."),
    "references_conflict": N_(
        "Two references in the row name different members: choose who paid."),
    "number_name_conflict": N_(
        "The member number is one member's, the name or e-mail another's: choose who paid."),
    "email_name_conflict": N_(
        "The e-mail address is one member's and the name another's: choose who paid."),
    "email_shared": N_("Several members share this e-mail address: choose who paid."),
    "name_shared": N_("Several members have this name: choose who paid."),
    "reference_invalid": N_(
        "The reference {reference} is not valid (its check digit is wrong), so it was not "
        "used."),
    "no_member_found": N_("No member has this name or e-mail address."),
    "no_payer_details": N_("Nothing in the row tells who paid: it has no reference, member "
                           "number, name or e-mail address."),
    "already_recorded": N_("This payment (same member, date and amount) is recorded already."),
    "same_as_row": N_("The same payment (same member, date and amount) as row {row}."),
    "former_member": N_("{name} is a former member."),
    "amount_missing": N_("The amount is empty."),
    "amount_not_incoming": N_("A negative amount is money going out, not a payment."),
    "date_missing": N_("The date is empty."),
    "year_invalid": N_("The year is not one the app understands; write it like 2026 or "
                       "2025-2026."),
})

_INVALID_FIELD: dict[str, str] = {
    "amount_invalid": "amount", "amount_missing": "amount", "amount_not_incoming": "amount",
    "amount_not_positive": "amount", "date_invalid": "date", "date_missing": "date",
    "payment_in_future": "date", "year_invalid": "year", "period_invalid": "year",
    "period_too_long": "year",
}


def field_name(kind: str) -> str:
    """The translated name of a payment list column."""
    return {
        "amount": _("amount"), "date": _("date"), "reference": _("OCR/KID reference"),
        "message": _("message"), "member_number": _("member number"), "name": _("name"),
        "given_name": _("given name"), "family_name": _("family name"),
        "email": _("e-mail"), "year": _("year"), "method": _("payment method"),
    }.get(kind, kind)


def status_label(status: MatchStatus | str) -> str:
    """A row's status as the preview and the report name it."""
    return {
        "matched": _("Matched"),
        "ambiguous": _("Ambiguous"),
        "unmatched": _("Unmatched"),
        "already_recorded": _("Already recorded"),
        "invalid": _("Invalid"),
    }.get(str(status), str(status))


def method_label(method: MatchMethod | str | None) -> str:
    """How a row was matched to its member."""
    return {
        "reference": _("by reference"),
        "number": _("by member number"),
        "email": _("by e-mail"),
        "name_email": _("by name and e-mail"),
        "name": _("by name"),
    }.get(str(method or ""), "")


class PaymentFileError(transfer_messages.TransferError):
    """A payment list that cannot be imported; ``describe`` gives the sentence."""

    def __init__(self, code: str, path: str | Path, detail: str = "",
                 **params: object) -> None:
        super().__init__(code, path, detail)
        self.params = params


class PaymentImportCancelled(Exception):
    """The progress callback asked to stop; nothing was written."""

    code = "payment_import_cancelled"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A member a row may be for, as the preview shows it."""

    member_id: int
    number: int | None
    name: str
    detail: str = ""  # e-mail and town, to tell two people of the same name apart

    @property
    def label(self) -> str:
        return f"{self.number} {self.name}" if self.number is not None else self.name


@dataclass
class PaymentRow:
    """One row of the file and what happens to it.

    ``status`` is what the file says on its own; for an ambiguous row the user's pick is
    ``member`` (``resolved``). ``include`` says whether the row is recorded: true for
    matched rows, false for rows recorded already until the user ticks them.
    """

    row: int
    index: int
    status: MatchStatus
    method: MatchMethod | None = None
    member: Candidate | None = None
    candidates: list[Candidate] = field(default_factory=list)
    amount: int | None = None
    paid_on: date | None = None
    periods: tuple[int, int] | None = None
    stated_years: tuple[int, int] | None = None
    reference_year: int | None = None
    payment_method: PaymentMethod = PaymentMethod.BANK_GIRO
    reference: str = ""
    payer: str = ""
    reason: str = ""
    params: dict[str, object] = field(default_factory=dict)
    notes: list[tuple[str, dict[str, object]]] = field(default_factory=list)
    include: bool = False
    imported: bool = False

    @property
    def resolved(self) -> bool:
        return self.status is MatchStatus.AMBIGUOUS and self.member is not None

    @property
    def importable(self) -> bool:
        """Complete enough to record (a member, an amount, a date and periods)."""
        return (self.member is not None and self.amount is not None
                and self.paid_on is not None and self.periods is not None
                and self.status in (MatchStatus.MATCHED, MatchStatus.AMBIGUOUS,
                                    MatchStatus.ALREADY_RECORDED))

    @property
    def needs_follow_up(self) -> bool:
        """Not recorded and not recorded before: someone has to look into it."""
        if self.imported:
            return False
        return (self.status in (MatchStatus.UNMATCHED, MatchStatus.INVALID)
                or (self.status is MatchStatus.AMBIGUOUS and not self.include))

    def reason_text(self) -> str:
        """Why the row is not simply matched (empty for a plain match)."""
        return _problem_text(self.reason, self.params) if self.reason else ""

    def note_texts(self) -> list[str]:
        return [_problem_text(code, params) for code, params in self.notes]


def _problem_text(code: str, params: dict[str, object]) -> str:
    """The sentence for a code; a value that could not be read is named first."""
    text = message(code, **params)
    kind = _INVALID_FIELD.get(code)
    if kind:
        name = field_name(kind)
        return _("{field}: {message}").format(field=name[:1].upper() + name[1:], message=text)
    return text


@dataclass
class PaymentPreview:
    """Every row of a payment list and what happens to it; nothing written yet."""

    path: Path
    table: SourceTable
    columns: PaymentColumns
    rows: list[PaymentRow]
    currency: str = "SEK"

    def counts(self) -> dict[str, int]:
        """Rows per status, plus ``chosen`` (to be recorded) and ``imported``."""
        counts = {s.value: 0 for s in MatchStatus}
        for row in self.rows:
            counts[row.status.value] += 1
        counts["chosen"] = len(self.chosen_rows())
        counts["imported"] = sum(1 for r in self.rows if r.imported)
        counts["resolved"] = sum(1 for r in self.rows if r.resolved and r.include)
        return counts

    def chosen_rows(self) -> list[PaymentRow]:
        return [r for r in self.rows if r.include and r.importable and not r.imported]

    def chosen_amount(self) -> int:
        return sum(r.amount or 0 for r in self.chosen_rows())

    def follow_up_rows(self) -> list[PaymentRow]:
        return [r for r in self.rows if r.needs_follow_up]


@dataclass(frozen=True, slots=True)
class ApplyResult:
    """What ``apply_payments`` recorded."""

    imported: int
    amount: int
    skipped_recorded: int  # found recorded meanwhile (another import since the preview)
    member_ids: tuple[int, ...]


# -- reading ---------------------------------------------------------------------------
def read_payment_table(path: Path) -> SourceTable:
    """Read a CSV or XLSX payment list (a bank's preamble above the header is skipped)."""
    try:
        return read_table(Path(path), payment_header_count)
    except ImportFileError as exc:
        if exc.code in ("import_no_header", "import_no_rows"):
            raise PaymentFileError(exc.code.replace("import_", "payment_"), exc.path) from exc
        raise


def payment_columns(table: SourceTable) -> PaymentColumns:
    """The columns the import uses; refuses a file without an amount, a date or a payer."""
    columns = detect_columns(table.headers)
    quoted = ", ".join(f"“{h}”" for h in table.headers)
    if columns.missing:
        names = [field_name(k.value) for k in columns.missing]
        fields = names[0] if len(names) == 1 else _("{first} and {second}").format(
            first=names[0], second=names[1])
        raise PaymentFileError("payment_columns_missing", table.path, fields=fields,
                               columns=quoted)
    if not columns.identifies_payer:
        raise PaymentFileError("payment_no_payer_column", table.path, columns=quoted)
    return columns


# -- matching --------------------------------------------------------------------------
class _Context:
    """What matching needs from the register, read once per preview."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.dues: DuesService = session.dues()
        self.scheme = self.dues.reference_scheme()
        self.annual_fee = self.dues.calendar().annual_fee
        self.today = session.today()
        self.years = range(1990, self.today.year + 2)
        ids = session.members.query_ids(sort="member_number", today=self.today)
        columns = ("member_number", "given_name", "family_name", "call_name", "email",
                   "status", "joined_on", "city")
        known: list[KnownMember] = []
        self.joined: dict[int, date | None] = {}
        self.towns: dict[int, str] = {}
        self.former: set[int] = set()
        for member_id, (number, given, family, call, email, status, joined, city) in \
                session.members.rows(ids, columns).items():
            if status == MembershipStatus.PROSPECT.value:
                continue  # not a member: a prospect's payment is for someone to look into
            known.append(KnownMember(member_id, number, given or "", family or "", call or "",
                                     email or ""))
            self.joined[member_id] = date.fromisoformat(joined) if joined else None
            self.towns[member_id] = city or ""
            if status == MembershipStatus.FORMER.value:
                self.former.add(member_id)
        self.index = MemberIndex(known)

    def candidate(self, member_id: int) -> Candidate:
        known = self.index.by_id[member_id]
        detail = " · ".join(p for p in (known.email, self.towns.get(member_id, "")) if p)
        return Candidate(known.id, known.number, known.display_name, detail)

    def member(self, member_id: int) -> Member:
        """Enough of a member for the dues rules (its id, join date and status)."""
        status = (MembershipStatus.FORMER if member_id in self.former
                  else MembershipStatus.MEMBER)
        return Member(id=member_id, joined_on=self.joined.get(member_id), status=status)


def _cell(cells: list[object], index: int | None) -> object:
    if index is None or index >= len(cells):
        return None
    return cells[index]


def _payer(columns: PaymentColumns, cells: list[object]) -> PayerDetails:
    name = cell_text(_cell(cells, columns.index(PaymentField.NAME)))
    given = cell_text(_cell(cells, columns.index(PaymentField.GIVEN_NAME)))
    family = cell_text(_cell(cells, columns.index(PaymentField.FAMILY_NAME)))
    if given or family:
        name = f"{given} {family}".strip()
    return PayerDetails(
        reference=_cell(cells, columns.index(PaymentField.REFERENCE)),
        message=_cell(cells, columns.index(PaymentField.MESSAGE)),
        member_number=_cell(cells, columns.index(PaymentField.MEMBER_NUMBER)),
        name=name, email=cell_text(_cell(cells, columns.index(PaymentField.EMAIL))))


def _reference_text(payer: PayerDetails) -> str:
    for value in (payer.reference, payer.message):
        text = cell_text(value)
        if text:
            return text[:MAX_REFERENCE_LENGTH]
    return ""


def _read_row(ctx: _Context, columns: PaymentColumns, number: int, index: int,
              cells: list[object]) -> PaymentRow:
    payer = _payer(columns, cells)
    row = PaymentRow(row=number, index=index, status=MatchStatus.INVALID,
                     reference=_reference_text(payer),
                     payer=" ".join(p for p in (payer.name, payer.email) if p))
    method = parse_method(_cell(cells, columns.index(PaymentField.METHOD)))
    if method is not None:
        row.payment_method = method
    # Each value on its own, so the preview shows what could be read next to what not.
    problems: list[tuple[str, dict[str, object]]] = []
    raw_amount = _cell(cells, columns.index(PaymentField.AMOUNT))
    try:
        row.amount = parse_payment_amount(raw_amount)
    except FieldError as exc:
        problems.append((exc.code, {"value": cell_text(raw_amount)}))
    try:
        row.paid_on = parse_payment_date(_cell(cells, columns.index(PaymentField.DATE)))
        if row.paid_on > ctx.today:
            problems.append(("payment_in_future", {}))
    except FieldError as exc:
        problems.append((exc.code, {}))
    try:
        row.stated_years = parse_years(_cell(cells, columns.index(PaymentField.YEAR)))
    except FieldError as exc:
        problems.append((exc.code, {}))
    if problems:
        (row.reason, row.params), row.notes = problems[0], problems[1:]
        return row
    decision = decide(payer, ctx.index, ctx.scheme, ctx.years)
    row.status, row.method = decision.status, decision.method
    row.reason, row.params = decision.reason, dict(decision.params)
    row.notes = [(code, {"reference": cell_text(payer.reference)}) for code in decision.notes]
    row.reference_year = decision.year
    if decision.status is MatchStatus.MATCHED:
        member_id = decision.members[0].id
        _set_member(ctx.dues, row, ctx.candidate(member_id), ctx.member(member_id),
                    ctx.annual_fee)
        row.include = row.status is MatchStatus.MATCHED
    elif decision.status is MatchStatus.AMBIGUOUS:
        row.candidates = [ctx.candidate(m.id) for m in decision.members]
    return row


def _periods(dues: DuesService, row: PaymentRow, member: Member,
             annual_fee: int) -> tuple[int, int]:
    """The year(s) paid: the reference's year, else the file's year column, else what the
    dues rules say a payment on that day is for."""
    assert row.paid_on is not None and row.amount is not None
    if row.reference_year is None and row.stated_years is not None:
        return row.stated_years
    if row.reference_year is not None and row.amount < 2 * annual_fee:
        return row.reference_year, row.reference_year  # too little for a two-year invoice
    default = dues.default_periods(member, row.paid_on, row.amount)
    if row.reference_year is None:
        return default
    year = row.reference_year
    # This year's reference on a two-year invoice pays last year too.
    return default if default == (year - 1, year) else (year, year)


def _set_member(dues: DuesService, row: PaymentRow, candidate: Candidate,
                member: Member, annual_fee: int) -> None:
    row.member = candidate
    row.periods = _periods(dues, row, member, annual_fee)
    if member.joined_on is not None and row.periods[0] < dues.calendar().period_of(
            member.joined_on, member.joined_on):
        # As ``pay`` refuses: the member had not joined in the year the row pays for.
        row.status, row.reason = MatchStatus.INVALID, "period_before_joining"
        row.params, row.include = {"period": row.periods[0]}, False
        return
    row.notes = [n for n in row.notes if n[0] != "former_member"]
    if member.status is MembershipStatus.FORMER:
        row.notes.append(("former_member", {"name": candidate.name}))


def _mark_recorded(ctx: _Context, rows: Iterable[PaymentRow]) -> None:
    """Rows whose payment is recorded already, or appears earlier in the file."""
    seen: dict[tuple[int, date, int], int] = {}
    for row in rows:
        if row.member is None or row.paid_on is None or row.amount is None:
            continue
        key = (row.member.member_id, row.paid_on, row.amount)
        if key in seen:
            earlier = seen[key]
            row.status, row.reason, row.params = (MatchStatus.ALREADY_RECORDED, "same_as_row",
                                                  {"row": earlier})
            row.include = False
        elif ctx.dues.repo.has_payment(*key):
            row.status, row.reason, row.params = MatchStatus.ALREADY_RECORDED, \
                "already_recorded", {}
            row.include = False
        if row.status is not MatchStatus.AMBIGUOUS:
            seen.setdefault(key, row.row)


def preview_payments(session: Session, source: Path | SourceTable, *,
                     progress: Progress | None = None) -> PaymentPreview:
    """Read a payment list and decide every row; writes nothing.

    Raises ImportFileError/PaymentFileError for a file that cannot be used, and
    PaymentImportCancelled when ``progress`` returns False.
    """
    table = source if isinstance(source, SourceTable) else read_payment_table(Path(source))
    columns = payment_columns(table)
    ctx = _Context(session)
    total = len(table.rows)
    rows: list[PaymentRow] = []
    with collector_paused():
        for index, cells in enumerate(table.rows):
            rows.append(_read_row(ctx, columns, table.row_number(index), index, cells))
            done = index + 1
            if progress is not None and (done % _PROGRESS_EVERY == 0 or done == total) \
                    and progress(done, total) is False:
                raise PaymentImportCancelled(PaymentImportCancelled.code)
    _mark_recorded(ctx, rows)
    return PaymentPreview(table.path, table, columns, rows,
                          session.association.currency)


def choose_member(session: Session, preview: PaymentPreview, row: PaymentRow,
                  member_id: int | None) -> PaymentRow:
    """The user's pick for an ambiguous row (one of its candidates), or None to leave it out.

    The row is then recorded with the others, unless the same payment is recorded already.
    """
    if row.status is not MatchStatus.AMBIGUOUS:
        raise ValueError("only an ambiguous row needs a member chosen")
    if member_id is None:
        row.member, row.periods, row.include = None, None, False
        row.notes = [n for n in row.notes if n[0] not in ("former_member", "already_recorded")]
        return row
    candidate = next((c for c in row.candidates if c.member_id == member_id), None)
    member = session.members.get(member_id)
    if candidate is None or member is None:
        raise ValueError("the member is not one of the row's candidates")
    dues = session.dues()
    _set_member(dues, row, candidate, member, dues.calendar().annual_fee)
    if row.status is MatchStatus.INVALID:
        # The pick cannot be recorded (a year before joining): the row stays open.
        row.status, row.include = MatchStatus.AMBIGUOUS, False
        row.notes = [n for n in row.notes if n[0] != "period_before_joining"]
        row.notes.append(("period_before_joining", dict(row.params)))
        row.reason, row.params = "", {}
        return row
    recorded = (row.paid_on is not None and row.amount is not None
                and dues.repo.has_payment(member_id, row.paid_on, row.amount))
    row.notes = [n for n in row.notes if n[0] != "already_recorded"]
    if recorded:
        row.notes.append(("already_recorded", {}))
    row.include = not recorded
    return row


def set_included(row: PaymentRow, include: bool) -> None:
    """Record this row or leave it out (only a row with a member can be recorded)."""
    row.include = bool(include) and row.importable and not row.imported


# -- applying --------------------------------------------------------------------------
def _audit_detail(preview: PaymentPreview, imported: int) -> dict:
    """Counts and the file's name for the audit log (services.audit), never a person."""
    c = preview.counts()
    return {"file": preview.path.name, "imported": imported, "matched": c["matched"],
            "resolved": c["resolved"], "ambiguous": c["ambiguous"],
            "unmatched": c["unmatched"], "already_recorded": c["already_recorded"],
            "invalid": c["invalid"]}


def apply_payments(session: Session, preview: PaymentPreview, *,
                   progress: Progress | None = None) -> ApplyResult:
    """Record the chosen rows in one transaction: all of them or, on any failure, none.

    A row found recorded in the meantime (the same file imported elsewhere since the
    preview) is skipped, unless the user chose it although it was marked so.
    """
    chosen = preview.chosen_rows()
    dues = session.dues()
    if progress is not None and progress(0, len(chosen)) is False:
        raise PaymentImportCancelled(PaymentImportCancelled.code)
    payments: list[Payment] = []
    taken: list[PaymentRow] = []
    skipped = 0
    joined = session.members.rows([r.member.member_id for r in chosen if r.member],
                                  ("joined_on",))
    if chosen:
        from medlemsvard_app.services.backups import safety_backup

        safety_backup(session, "before_payments_import")
    with transaction(session.db):
        for row in chosen:
            assert row.member is not None and row.paid_on and row.amount and row.periods
            deliberate = row.status is MatchStatus.ALREADY_RECORDED or any(
                code == "already_recorded" for code, _params in row.notes)
            if not deliberate and dues.repo.has_payment(row.member.member_id, row.paid_on,
                                                        row.amount):
                skipped += 1
                continue
            joined_on = (joined.get(row.member.member_id) or (None,))[0]
            member = Member(id=row.member.member_id,
                            joined_on=date.fromisoformat(joined_on) if joined_on else None)
            payments.append(Payment(
                member_id=row.member.member_id, paid_on=row.paid_on, amount=row.amount,
                period_from=row.periods[0], period_to=row.periods[1],
                method=row.payment_method, kind=dues.payment_kind(member, row.periods[0]),
                reference=row.reference, source=PaymentSource.IMPORT))
            taken.append(row)
        if payments:
            dues.add_payments(payments)
        from medlemsvard_app.services import audit

        audit.record(session, "payments_import_file", _audit_detail(preview, len(payments)))
    for row in taken:
        row.imported = True
    if progress is not None:
        progress(len(chosen), len(chosen))
    return ApplyResult(len(payments), sum(p.amount for p in payments), skipped,
                       tuple(sorted({p.member_id for p in payments})))


# -- follow-up file ----------------------------------------------------------------------
def write_follow_up(session: Session, preview: PaymentPreview, path: Path) -> int:
    """Save the rows nobody could place (unmatched, ambiguous left out, invalid) as CSV:
    the file's own columns after the row number, the status and the reason.

    Returns how many rows were written; the file appears only when complete. The export
    is logged, as every export of personal data is.
    """
    path = Path(path)
    if path.suffix.lower() != ".csv":
        raise _exporting.ExportError("export_unsupported", path)
    rows = preview.follow_up_rows()
    header = [_("Row"), _("Status"), _("Why"), *preview.table.headers]

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
            writer.writerow([guard_formula(h) for h in header])
            for row in rows:
                cells = preview.table.rows[row.index]
                writer.writerow([row.row, status_label(row.status),
                                 guard_formula(row.reason_text()),
                                 *(guard_formula(cell_text(c)) for c in cells)])

    _exporting._write_atomically(path, write)
    from medlemsvard_app.services import audit

    audit.record(session, "payments_follow_up_export", {"file": path.name, "rows": len(rows)})
    return len(rows)


# -- the report ---------------------------------------------------------------------------
def summary_line(preview: PaymentPreview) -> str:
    """'120 matched, 3 ambiguous, 2 unmatched, 1 already recorded' (and invalid)."""
    c = preview.counts()
    parts = [ngettext("{count} matched", "{count} matched", c["matched"]).format(
        count=format_count(c["matched"]))]
    if c["ambiguous"]:
        parts.append(ngettext("{count} ambiguous", "{count} ambiguous", c["ambiguous"]).format(
            count=format_count(c["ambiguous"])))
    if c["unmatched"]:
        parts.append(ngettext("{count} unmatched", "{count} unmatched", c["unmatched"]).format(
            count=format_count(c["unmatched"])))
    if c["already_recorded"]:
        parts.append(ngettext("{count} already recorded", "{count} already recorded",
                              c["already_recorded"]).format(
            count=format_count(c["already_recorded"])))
    if c["invalid"]:
        parts.append(ngettext("{count} invalid", "{count} invalid", c["invalid"]).format(
            count=format_count(c["invalid"])))
    return ", ".join(parts)


def report_json(preview: PaymentPreview, imported: int) -> dict[str, object]:
    """The match report with stable English keys (``payments import --json``).

    Amounts are in öre/øre, as stored; dates ISO; ``periods`` the dues years paid.
    """
    c = preview.counts()
    rows = []
    for row in preview.rows:
        rows.append({
            "row": row.row, "status": row.status.value,
            "member_number": row.member.number if row.member else None,
            "amount": row.amount, "date": row.paid_on.isoformat() if row.paid_on else None,
            "periods": list(range(row.periods[0], row.periods[1] + 1)) if row.periods else [],
            "matched_by": row.method.value if row.method else None,
            "candidates": [cand.number for cand in row.candidates],
            "reason": row.reason or None, "imported": row.imported,
            "notes": [code for code, _params in row.notes],
        })
    return {"matched": c["matched"], "ambiguous": c["ambiguous"], "unmatched": c["unmatched"],
            "already_recorded": c["already_recorded"], "invalid": c["invalid"],
            "imported": imported, "rows": rows}


def row_line(row: PaymentRow) -> str:
    """'Row 7 (unmatched): No member has number 999.' for the command line."""
    text = " ".join([row.reason_text(), *row.note_texts()]).strip()
    if not text and row.method is MatchMethod.NAME:
        text = _("Matched by name only: check that it is the right person.")
    return _("Row {row} ({status}): {reason}").format(
        row=row.row, status=status_label(row.status).lower(), reason=text)


def run_cli(session: Session, args: argparse.Namespace, print_err: Callable[[str], None],
            print_json: Callable[[dict[str, object]], None],
            confirm: Callable[[str], bool] | None) -> int:
    """``medlemsvard payments import FILE``: 0 every row recorded (or recorded before),
    1 a row skipped (ambiguous, unmatched, invalid) or a bad file.

    Recording payments destroys nothing, so like the member import it needs no --yes;
    ``confirm`` asks at a terminal when --yes is not given, and is None in scripts.
    """
    try:
        preview = preview_payments(session, Path(args.file))
    except (ImportFileError, PaymentFileError) as exc:
        print_err(describe(exc))
        return 1
    for row in preview.rows:
        # Rows left out, and matched rows with something to know (matched by name only,
        # a former member, an unreadable reference), each on a line.
        if row.status is not MatchStatus.MATCHED or row.notes \
                or row.method is MatchMethod.NAME:
            print_err(row_line(row))
    print_err(summary_line(preview))
    chosen = preview.chosen_rows()
    imported = 0
    refused = False
    if chosen:
        question = ngettext(
            "Record {count} payment of {amount} in all? [y/N] ",
            "Record {count} payments of {amount} in all? [y/N] ", len(chosen)).format(
            count=len(chosen), amount=format_money(preview.chosen_amount(), preview.currency))
        if getattr(args, "yes", False) or confirm is None or confirm(question):
            try:
                result = apply_payments(session, preview)
            except (DomainError, StorageError) as exc:
                print_err(describe(exc))
                print_err(_("Nothing was recorded."))
                return 1
            imported = result.imported
            print_err(ngettext("Recorded {count} payment ({amount}).",
                               "Recorded {count} payments ({amount}).", imported).format(
                count=imported, amount=format_money(result.amount, preview.currency)))
        else:
            refused = True
            print_err(ngettext(
                "Nothing was recorded. Run again with --yes to record {count} matched payment.",
                "Nothing was recorded. Run again with --yes to record the {count} matched "
                "payments.", len(chosen)).format(count=len(chosen)))
    else:
        print_err(_("There is no payment to record."))
    if getattr(args, "json", False):
        print_json(report_json(preview, imported))
    c = preview.counts()
    skipped = c["ambiguous"] + c["unmatched"] + c["invalid"]
    if skipped:
        print_err(ngettext(
            "{count} row was not recorded (listed above); it needs looking into.",
            "{count} rows were not recorded (listed above); they need looking into.",
            skipped).format(count=skipped))
    return 1 if skipped or refused else 0


__all__ = [
    "ApplyResult", "Candidate", "PaymentFileError", "PaymentImportCancelled", "PaymentPreview",
    "PaymentRow", "apply_payments", "choose_member", "field_name", "method_label",
    "payment_columns", "preview_payments", "read_payment_table", "report_json", "row_line",
    "run_cli", "set_included", "status_label", "summary_line", "write_follow_up",
]
