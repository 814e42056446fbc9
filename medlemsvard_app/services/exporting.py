"""Exporting members to CSV or Excel, so the file opens right and imports back unchanged.

The columns are the import's field codes, so an exported file maps onto itself. CSV is
UTF-8 with BOM, semicolon-separated with CRLF, as Excel in Sweden and Norway expects.
Text a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets one
leading apostrophe, which the import removes again; that includes foreign phone numbers,
written "'+47 41 23 45 67" in CSV, because +47 41 23 45 67 alone is a formula to Excel. In
XLSX every text is a string cell (never a formula) and formula-like text is marked with
Excel's own quote prefix instead, so the cell shows exactly +47 41 23 45 67. Postal codes
are text cells in XLSX, so 0150 keeps its zero (Excel drops it when opening a CSV; the
import puts it back). Identity numbers are never exported, members with protected
identity are left out, and the file appears only when complete (temp + rename).
"""

from __future__ import annotations

import csv
import errno
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from medlemsvard_app.domain.cells import guard_formula, needs_guard
from medlemsvard_app.domain.models import Member
from medlemsvard_app.domain.validation import format_phone
from medlemsvard_app.services import transfer_messages

if TYPE_CHECKING:
    from medlemsvard_app.services.session import Session

transfer_messages.register()

#: DESIGN §7's member keys plus the other phone and the tags; also the import's field codes.
EXPORT_COLUMNS: tuple[str, ...] = (
    "member_number", "given_name", "family_name", "call_name", "birth_date", "street", "co",
    "postal_code", "city", "country", "phone", "phone_alt", "email", "joined_on", "left_on",
    "leave_reason", "status", "interests", "skills",
)
SUFFIXES = (".csv", ".xlsx")
_BATCH = 500

Progress = Callable[[int, int], bool | None]
Cell = str | int | date | None


class ExportError(transfer_messages.TransferError):
    """A file that could not be written."""


@dataclass
class ExportResult:
    exported: int
    left_out_protected: int
    path: Path


def _cells(member: Member, home_country: str) -> list[Cell]:
    """One member as the row's values, unguarded (each format guards in its own way)."""
    out: list[Cell] = []
    for name in EXPORT_COLUMNS:
        value = getattr(member, name)
        if name in ("phone", "phone_alt"):
            value = format_phone(value, home_country)
        elif name in ("interests", "skills"):
            value = ", ".join(value)
        elif hasattr(value, "value"):
            value = value.value
        out.append(value if value is not None else "")
    return out


def _csv_cell(value: Cell) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return guard_formula(str(value)) if isinstance(value, str) else str(value)


def _write_csv(path: Path, rows: Iterable[list[Cell]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        writer.writerow(EXPORT_COLUMNS)
        for row in rows:
            writer.writerow([_csv_cell(v) for v in row])


def _write_xlsx(path: Path, rows: Iterable[list[Cell]]) -> None:
    from openpyxl import Workbook  # loaded only when an Excel file is written
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Members")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)

    def cell(value: Cell) -> WriteOnlyCell:
        if not isinstance(value, str):
            c = WriteOnlyCell(sheet, value=value)
            if isinstance(value, date):
                c.number_format = "yyyy-mm-dd"
            return c
        text, prefix = _xlsx_text(value)
        c = WriteOnlyCell(sheet, value=text)
        c.data_type = "s"  # text, never a formula, whatever it starts with
        c.quotePrefix = prefix
        return c

    header = [WriteOnlyCell(sheet, value=name) for name in EXPORT_COLUMNS]
    for c in header:
        c.font = bold
    sheet.append(header)
    for row in rows:
        sheet.append([cell(v) for v in row])
    workbook.save(path)


def _xlsx_text(value: str) -> tuple[str, bool]:
    """Cell text and whether Excel should mark it as text (its quote prefix, not a character).

    Text that already starts with apostrophes before a formula sign gets one more, which
    the import removes again, so even that reads back unchanged.
    """
    if value.startswith("'") and needs_guard(value):
        return "'" + value, False
    return value, needs_guard(value)


_WRITERS: dict[str, Callable[[Path, Iterable[list[Cell]]], None]] = {
    ".csv": _write_csv, ".xlsx": _write_xlsx}


def _error_for(exc: OSError, path: Path) -> ExportError:
    if exc.errno == errno.ENOSPC:
        return ExportError("export_disk_full", path)
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EROFS):
        return ExportError("export_denied", path)
    return ExportError("export_failed", path, exc.strerror or str(exc))


class _Cancelled(Exception):
    pass


class _MemberRows:
    """The rows to write, counting who was exported and who was left out on the way."""

    def __init__(self, session: Session, ids: Sequence[int], progress: Progress | None,
                 as_of: date | None = None) -> None:
        self.session, self.ids, self.progress, self.as_of = session, ids, progress, as_of
        self.exported = 0
        self.left_out_protected = 0

    def __iter__(self) -> Iterator[list[Cell]]:
        home = self.session.association.country.value
        total = len(self.ids)
        members = self.session.members.iter_members(self.ids, batch=_BATCH)
        for done, member in enumerate(members, start=1):
            if member.protected_identity:
                self.left_out_protected += 1
            else:
                self.exported += 1
                yield _cells(member.as_of(self.as_of) if self.as_of else member, home)
            report = done % _BATCH == 0 or done == total
            if report and self.progress is not None and self.progress(done, total) is False:
                raise _Cancelled


def export_members(session: Session, ids: Sequence[int], path: Path, *,
                   progress: Progress | None = None, as_of: date | None = None,
                   zip_passphrase: str | None = None) -> ExportResult:
    """Write the members with these ids, in this order, to a .csv or .xlsx file.

    With ``as_of`` each member is written as the register stood on that day. With
    ``zip_passphrase`` the file goes into an AES-encrypted ZIP at ``path`` (FILE.zip holds
    FILE.csv, FILE.xlsx.zip holds FILE.xlsx; services.privacy.encrypted_zip_target).

    Raises ExportError (codes export_unsupported, export_disk_full, export_denied,
    export_failed, export_cancelled, export_zip_passphrase); the target is then untouched.
    """
    from medlemsvard_app.services import audit, privacy

    path = Path(path)
    inner = privacy.zip_inner_name(path) if zip_passphrase is not None else path.name
    writer = _WRITERS.get(Path(inner).suffix.lower())
    if writer is None:
        raise ExportError("export_unsupported", path)
    rows = _MemberRows(session, ids, progress, as_of)
    if zip_passphrase is None:
        _write_atomically(path, lambda tmp: writer(tmp, rows))
    else:
        if not zip_passphrase:
            raise ExportError("export_zip_passphrase", path)
        _write_atomically(path, lambda tmp: privacy.write_encrypted_zip(
            tmp, inner, lambda inner_tmp: writer(inner_tmp, rows), zip_passphrase))
    audit.record(session, "export", {"file": path.name, "exported": rows.exported,
                                     "left_out_protected": rows.left_out_protected,
                                     "encrypted": zip_passphrase is not None})
    return ExportResult(rows.exported, rows.left_out_protected, path)


def _write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Write to a temporary file beside the target, then rename it over the target."""
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(handle)
    except OSError as exc:
        raise _error_for(exc, path) from exc
    tmp = Path(name)
    try:
        write(tmp)
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except _Cancelled as exc:
        raise ExportError("export_cancelled", path) from exc
    except OSError as exc:
        raise _error_for(exc, path) from exc
    finally:
        tmp.unlink(missing_ok=True)
