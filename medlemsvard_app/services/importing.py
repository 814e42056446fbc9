"""Importing members from a CSV or Excel list: read, map columns, check every row, write.

``prepare_import`` only reads: it checks each row with the domain's rules, repairs what
spreadsheets break (lost leading zeros, Excel dates, numbers in scientific notation) and
finds people already in the register. ``commit_import`` then writes the chosen rows in one
transaction. No row is ever dropped silently: a row with an error blocks the import until
the user skips such rows explicitly. Used by the CLI and the GUI wizard; no Qt here.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from medlemsvard_app.domain.import_mapping import (
    FIELD_CODES,
    NAME_FIELDS,
    normalise_header,
    suggest_mapping,
)
from medlemsvard_app.domain.models import Member, MembershipStatus
from medlemsvard_app.i18n import _, ngettext
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.services.import_files import (
    ImportFileError,
    SourceTable,
    collector_paused,
    read_table,
)
from medlemsvard_app.services.import_rows import RowChecker, RowIssue, RowResult
from medlemsvard_app.services.transfer_messages import field_label
from medlemsvard_app.storage.transaction import transaction

if TYPE_CHECKING:
    from medlemsvard_app.services.session import Session

__all__ = [
    "FIELD_CODES", "ImportBlocked", "ImportCancelled", "ImportFileError", "ImportPlan",
    "ImportResult", "RowIssue", "RowResult", "SourceTable", "commit_import", "field_label",
    "prepare_import", "read_table", "run_cli_import", "suggest_mapping",
]

Progress = Callable[[int, int], bool | None]
_CHUNK = 2000


@dataclass
class ImportPlan:
    rows: list[RowResult]
    mapping: dict[str, str | None]
    path: Path | None = None

    @property
    def valid_rows(self) -> list[RowResult]:
        """Rows without errors (duplicates and shared e-mails included)."""
        return [r for r in self.rows if r.valid]

    @property
    def invalid_rows(self) -> list[RowResult]:
        return [r for r in self.rows if not r.valid]

    @property
    def duplicate_rows(self) -> list[RowResult]:
        """People already in the register or earlier in the file: never imported twice."""
        return [r for r in self.rows if r.valid and r.is_duplicate]

    @property
    def shared_email_rows(self) -> list[RowResult]:
        """Possible duplicates: imported only when the user allows it."""
        return [r for r in self.rows if r.valid and not r.is_duplicate and r.shares_email]

    @property
    def ready_rows(self) -> list[RowResult]:
        """Rows imported whatever the user decides about shared e-mails."""
        return [r for r in self.rows if r.valid and not r.is_duplicate and not r.shares_email]

    def sorted_rows(self) -> tuple[list[RowResult], list[RowResult], list[RowResult],
                                   list[RowResult]]:
        """``invalid_rows``, ``duplicate_rows``, ``shared_email_rows`` and ``ready_rows``
        in one pass over the rows."""
        invalid: list[RowResult] = []
        duplicates: list[RowResult] = []
        shared: list[RowResult] = []
        ready: list[RowResult] = []
        for row in self.rows:
            if not row.valid:
                invalid.append(row)
            elif row.is_duplicate:
                duplicates.append(row)
            elif row.shares_email:
                shared.append(row)
            else:
                ready.append(row)
        return invalid, duplicates, shared, ready


@dataclass
class ImportResult:
    imported: int
    skipped_invalid: int
    skipped_duplicates: int
    shared_email_imported: int
    member_ids: list[int]
    skipped_shared_email: int = 0

    @property
    def complete(self) -> bool:
        return not (self.skipped_invalid or self.skipped_duplicates or self.skipped_shared_email)


class ImportBlocked(Exception):
    """Rows have errors and the user has not chosen to skip them; nothing was written."""

    code = "import_blocked"

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__(self.code)
        self.plan = plan
        self.params = {"count": len(plan.invalid_rows)}


class ImportCancelled(Exception):
    """The progress callback asked to stop; the transaction was rolled back."""

    code = "import_cancelled"


def _columns(table: SourceTable, mapping: dict[str, str | None]) -> list[tuple[int, str]]:
    """(column index, field) pairs; a mapping that names unknown things is a programming error."""
    positions = {h: i for i, h in enumerate(table.headers)}
    unknown_headers = [h for h in mapping if h not in positions]
    unknown_fields = [f for f in mapping.values() if f is not None and f not in FIELD_CODES]
    if unknown_headers or unknown_fields:
        raise ValueError(f"unknown columns {unknown_headers} or fields {unknown_fields}")
    targets = [f for f in mapping.values() if f is not None]
    if len(targets) != len(set(targets)):
        raise ValueError("a field is mapped from more than one column")
    return [(positions[h], f) for h, f in mapping.items() if f is not None]


def prepare_import(session: Session, table: SourceTable, mapping: dict[str, str | None], *,
                   default_joined_on: date | None = None) -> ImportPlan:
    """Check every row against the rules and the register; writes nothing."""
    columns = _columns(table, mapping)
    numbers = [table.row_number(index) for index in range(len(table.rows))]
    with collector_paused():
        # The checker's indexes go before the collector resumes, so it never scans them.
        rows = RowChecker(session, default_joined_on).check_rows(
            numbers, [f for _i, f in columns], _cells(table.rows, [i for i, _f in columns]))
    return ImportPlan(rows, dict(mapping), table.path)


def _cells(rows: list[list[object]], indexes: list[int]) -> list[Sequence[object]]:
    """The file's columns at ``indexes``; None where a row stops short of a column."""
    if not rows or not indexes:
        return [[None] * len(rows) for _index in indexes]
    width = len(rows[0])
    if max(indexes) < width and all(len(cells) == width for cells in rows):
        every = list(zip(*rows, strict=True))  # one pass over the rows for all columns
        return [every[index] for index in indexes]
    return [[cells[index] if index < len(cells) else None for cells in rows]
            for index in indexes]


# -- writing ---------------------------------------------------------------------------
def _number(members: Sequence[Member], next_free: int) -> list[Member]:
    """Number the rows without one (prospects have none), after every number the file
    brings; returns the members numbered here.

    Done here, not row by row in the repository, so a number given later in the file
    can never collide with one handed out earlier.
    """
    highest = max((m.member_number or 0 for m in members), default=0)
    next_number = max(next_free, highest + 1)
    numbered = [m for m in members
                if m.member_number is None and m.status is not MembershipStatus.PROSPECT]
    for offset, member in enumerate(numbered):
        member.member_number = next_number + offset
    return numbered


def commit_import(session: Session, plan: ImportPlan, *, skip_invalid: bool = False,
                  allow_duplicates: bool = False, progress: Progress | None = None
                  ) -> ImportResult:
    """Write the plan's rows in one transaction.

    Raises ImportBlocked when rows have errors and ``skip_invalid`` is not set, and
    ImportCancelled when ``progress`` returns False; in both cases nothing is written.
    People already known are never created twice; rows sharing an e-mail address are
    written only with ``allow_duplicates``.
    """
    invalid, duplicates, shared, ready = plan.sorted_rows()
    if invalid and not skip_invalid:
        raise ImportBlocked(plan)
    chosen = ready + (shared if allow_duplicates else [])
    chosen.sort(key=lambda r: r.row_number)
    members = [r.member for r in chosen if r.member is not None]
    if any(m.id is not None for m in members):
        raise ValueError("this plan has been imported already; prepare it again")
    result = ImportResult(
        imported=len(members), skipped_invalid=len(invalid),
        skipped_duplicates=len(duplicates),
        shared_email_imported=len(shared) if allow_duplicates else 0, member_ids=[],
        skipped_shared_email=0 if allow_duplicates else len(shared))
    if members:
        from medlemsvard_app.services.backups import safety_backup

        safety_backup(session, "before_import")
        _write(session, members, progress, _audit_detail(plan, result))
    result.member_ids = [m.id for m in members if m.id is not None]
    return result


def _write(session: Session, members: list[Member], progress: Progress | None,
           detail: dict) -> None:
    """All members or none; on failure the plan's members are as before (no ids, numbers)."""
    numbered = _number(members, session.members.next_member_number())
    total = len(members)
    try:
        with collector_paused(), transaction(session.db):
            if progress is not None and progress(0, total) is False:
                raise ImportCancelled(ImportCancelled.code)

            def written(done: int) -> None:
                if progress is not None and progress(done, total) is False:
                    raise ImportCancelled(ImportCancelled.code)

            session.members.add_many(members, progress=written, batch=_CHUNK)
            from medlemsvard_app.services import audit

            audit.record(session, "import", detail)
    except BaseException:
        for member in members:
            member.id = None
        for member in numbered:
            member.member_number = None
        raise


def _audit_detail(plan: ImportPlan, result: ImportResult) -> dict:
    """Counts and the file's name for the audit log (services.audit), never a person."""
    return {"file": plan.path.name if plan.path else "", "imported": result.imported,
            "skipped_invalid": result.skipped_invalid,
            "skipped_duplicates": result.skipped_duplicates,
            "skipped_shared_email": result.skipped_shared_email,
            "shared_email_imported": result.shared_email_imported}


# -- the command line ------------------------------------------------------------------
class _UsageError(Exception):
    pass


def _find_header(headers: Sequence[str], wanted: str) -> str | None:
    for match in (lambda h: h == wanted, lambda h: h.casefold() == wanted.casefold(),
                  lambda h: normalise_header(h) == normalise_header(wanted)):
        found = [h for h in headers if match(h)]
        if found:
            return found[0]
    return None


def apply_map_options(headers: Sequence[str], mapping: dict[str, str | None],
                      options: Sequence[str]) -> dict[str, str | None]:
    """Apply ``--map "Column=field"`` options (``Column=`` leaves a column out)."""
    mapping = dict(mapping)
    chosen: set[str] = set()
    for option in options:
        column, sep, code = option.rpartition("=")
        code = code.strip()
        header = _find_header(headers, column.strip()) if sep else None
        if header is None:
            raise _UsageError(_("--map {option}: the file has no column '{column}'. Its columns "
                                "are: {columns}.").format(option=option, column=column or option,
                                                         columns=", ".join(headers)))
        if code and code not in FIELD_CODES:
            raise _UsageError(_("--map {option}: '{field}' is not a field. The fields are: "
                                "{fields}.").format(option=option, field=code,
                                                    fields=", ".join(FIELD_CODES)))
        if code and code in chosen:
            raise _UsageError(_("--map: the field '{field}' is given to more than one column.")
                              .format(field=code))
        if code:
            chosen.add(code)
            mapping = {h: (None if f == code else f) for h, f in mapping.items()}
        mapping[header] = code or None
    return mapping


def issue_line(issue: RowIssue) -> str:
    """'Row 7, Postal code: …': one sentence per problem, for the CLI and the wizard alike."""
    if issue.field is None:
        return _("Row {row}: {message}").format(row=issue.row_number, message=issue.message)
    label = field_label(issue.field)
    if issue.value:
        return _("Row {row}, {field}: {message} (value '{value}')").format(
            row=issue.row_number, field=label, message=issue.message, value=issue.value)
    return _("Row {row}, {field}: {message}").format(
        row=issue.row_number, field=label, message=issue.message)


def _report_mapping(mapping: dict[str, str | None], print_err: Callable[[str], None]) -> None:
    left_out = [h for h, f in mapping.items() if f is None]
    if left_out:
        print_err(_('Columns not imported (no matching field): {columns}. Use --map '
                    '"Column=field" to import them.').format(columns=", ".join(left_out)))


def _report_rows(plan: ImportPlan, print_err: Callable[[str], None]) -> None:
    """Each row's errors and notes; the identity note, true of every row, is said once."""
    not_kept = 0
    for row in plan.rows:
        for issue in [*row.errors, *row.notes]:
            if issue.code == "identity_not_kept":
                not_kept += 1
            else:
                print_err(issue_line(issue))
    if not_kept:
        print_err(ngettext(
            "{count} row had a personal identity number: it was used for the birth date but "
            "not kept, because the association has not switched that field on.",
            "{count} rows had a personal identity number: they were used for the birth dates "
            "but not kept, because the association has not switched that field on.",
            not_kept).format(count=not_kept))


def _report_result(result: ImportResult, print_err: Callable[[str], None]) -> None:
    print_err(ngettext("Imported {count} member.", "Imported {count} members.",
                       result.imported).format(count=result.imported))
    if result.skipped_invalid:
        print_err(ngettext("Skipped {count} row with errors (listed above).",
                           "Skipped {count} rows with errors (listed above).",
                           result.skipped_invalid).format(count=result.skipped_invalid))
    if result.skipped_duplicates:
        print_err(ngettext(
            "Skipped {count} row: the person is already in the register or earlier in the file.",
            "Skipped {count} rows: the people are already in the register or earlier in the file.",
            result.skipped_duplicates).format(count=result.skipped_duplicates))
    if result.skipped_shared_email:
        print_err(ngettext(
            "Skipped {count} row that shares an e-mail address with another member. If it is "
            "another person, run the import again with --allow-duplicates.",
            "Skipped {count} rows that share an e-mail address with another member. If they "
            "are other people, run the import again with --allow-duplicates.",
            result.skipped_shared_email).format(count=result.skipped_shared_email))


def run_cli_import(session: Session, args: argparse.Namespace,
                   print_err: Callable[[str], None]) -> int:
    """``medlemsvard import``: 0 all imported, 1 rows skipped or nothing imported, 2 bad --map."""
    try:
        table = read_table(Path(args.file))
    except ImportFileError as exc:
        print_err(describe(exc))
        return 1
    try:
        mapping = apply_map_options(table.headers, suggest_mapping(table.headers),
                                    getattr(args, "map", None) or [])
    except _UsageError as exc:
        print_err(str(exc))
        return 2
    if not any(f in NAME_FIELDS for f in mapping.values()):
        print_err(_('No column of the file holds names. Name one with --map, for example '
                    '--map "{column}=given_name". The columns are: {columns}.').format(
                        column=table.headers[0], columns=", ".join(table.headers)))
        return 1
    _report_mapping(mapping, print_err)
    plan = prepare_import(session, table, mapping, default_joined_on=getattr(args, "date", None))
    _report_rows(plan, print_err)
    try:
        result = commit_import(session, plan, skip_invalid=args.skip_invalid,
                               allow_duplicates=args.allow_duplicates)
    except ImportBlocked as exc:
        print_err(ngettext(
            "Nothing was imported: {count} row has an error. Correct it in the file, or run "
            "again with --skip-invalid to import the other rows.",
            "Nothing was imported: {count} rows have errors. Correct them in the file, or run "
            "again with --skip-invalid to import the other rows.",
            exc.params["count"]).format(count=exc.params["count"]))
        return 1
    _report_result(result, print_err)
    _report_default_join_dates(plan, print_err)
    return 0 if result.complete else 1


def _report_default_join_dates(plan: ImportPlan, print_err: Callable[[str], None]) -> None:
    """Say so when rows without a join date were given one: it decides who counts as new."""
    given = [r.member.joined_on for r in plan.rows
             if r.member is not None and r.member.id is not None and r.member.joined_on
             and not r.values.get("joined_on")]
    if given:
        print_err(ngettext(
            "{count} imported row had no join date; it was given {date}.",
            "{count} imported rows had no join date; they were given {date}.",
            len(given)).format(count=len(given), date=given[0].isoformat()))
