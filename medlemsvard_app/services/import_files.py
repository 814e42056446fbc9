"""Reading a member list from CSV or Excel into rows of cells, whatever the file looks like.

The kind of file is told by its content, not its name: a workbook starts with a zip
header, an old .xls with an OLE header, anything else must be text. Text is read as
UTF-8 (with or without BOM), UTF-16 (Excel's 'Unicode text') or else Windows-1252, and
the separator (comma, semicolon, tab) is the one that splits the first rows evenly.
"""

from __future__ import annotations

import csv
import gc
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from medlemsvard_app.domain.import_mapping import recognised_count
from medlemsvard_app.i18n import _
from medlemsvard_app.services import transfer_messages

transfer_messages.register()

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DELIMITERS = (";", ",", "\t")
_HEADER_SCAN = 10
_CSV_FIELD_LIMIT = 64 * 1024 * 1024


class ImportFileError(transfer_messages.TransferError):
    """A file that cannot be imported."""


@dataclass
class SourceTable:
    """The header and data rows of a file. Blank rows are left out of ``rows`` but still
    counted in ``row_numbers`` (the row numbers a spreadsheet shows; a CSV record with a
    quoted line break is one row), so without blank rows data row i is file row
    ``header_row_number + 1 + i``."""

    path: Path
    headers: list[str]
    rows: list[list[object]]
    encoding: str | None
    delimiter: str | None
    header_row_number: int
    row_numbers: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.row_numbers:
            start = self.header_row_number + 1
            self.row_numbers = list(range(start, start + len(self.rows)))

    def row_number(self, index: int) -> int:
        return self.row_numbers[index]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector during a bulk loop.

    Rows, cells and members form no reference cycles, so reference counting frees them; the
    collector would only rescan the growing heap again and again (some 15% of an import).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


#: How many cells of a row are column names the reader knows (to find the header row).
HeaderCounter = Callable[[Sequence[object]], int]


def read_table(path: Path, recognise: HeaderCounter = recognised_count) -> SourceTable:
    """Read a CSV or XLSX member list; raises ImportFileError with a code on bad files.

    ``recognise`` finds the header row among the top rows; another kind of list (payments)
    passes its own, so a bank file's preamble is not taken for the column names.
    """
    with collector_paused():
        return _read_table(Path(path), recognise)


def _read_table(path: Path, recognise: HeaderCounter = recognised_count) -> SourceTable:
    data = _read_bytes(path)
    if not data.strip():
        raise ImportFileError("import_empty", path)
    if data.startswith(_ZIP):
        numbered, encoding, delimiter = _xlsx_rows(data, path), None, None
    elif data.startswith(_OLE):
        raise ImportFileError("import_old_excel", path)
    elif path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        # a text file with an Excel name: read as CSV it gives nonsense columns
        raise ImportFileError("import_not_excel", path)
    else:
        text, encoding = _decode(data, path)
        delimiter = _sniff_delimiter(text)
        numbered = _csv_rows(text, delimiter)
    return _table(path, numbered, encoding, delimiter, recognise)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise ImportFileError("import_missing", path) from exc
    except IsADirectoryError as exc:
        raise ImportFileError("import_binary", path) from exc
    except OSError as exc:
        raise ImportFileError("import_unreadable", path, exc.strerror or str(exc)) from exc


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    """Text and the encoding it was in: a BOM decides, else UTF-8, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ("utf-8-sig",)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ("utf-16",)
    elif b"\x00" in data[:8192]:
        raise ImportFileError("import_binary", path)
    else:  # latin-1 takes the five bytes Windows-1252 leaves undefined
        candidates = ("utf-8", "cp1252", "latin-1")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            raise ImportFileError("import_binary", path)
        return text, encoding
    raise ImportFileError("import_unreadable", path, _("the text encoding is damaged"))


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = sum(1 for c in sample if c < " " and c not in "\t\r\n\f")
    return "\x00" in sample or controls > len(sample) // 100


def _sniff_delimiter(text: str) -> str:
    """The separator that gives the most columns, the same number on most of the first rows."""
    sample = text[:65536]
    best, best_score = ";", (0.0, 0)
    for delimiter in _DELIMITERS:
        counts = [len(r) for r in _sample_records(sample, delimiter) if any(c.strip() for c in r)]
        if not counts:
            continue
        width = max(set(counts), key=counts.count)
        if width < 2:
            continue
        score = (counts.count(width) / len(counts), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _sample_records(sample: str, delimiter: str) -> list[list[str]]:
    cut = sample.rfind("\n") if len(sample) == 65536 else len(sample)
    reader = csv.reader(io.StringIO(sample[:cut], newline=""), delimiter=delimiter)
    out: list[list[str]] = []
    try:
        for record in reader:
            out.append(record)
            if len(out) >= 50:
                break
    except csv.Error:
        pass
    return out


def _csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[object]]]:
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:
        csv.field_size_limit(_CSV_FIELD_LIMIT)  # a 2 MB notes cell is still a cell
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    yield from enumerate(reader, start=1)


def _xlsx_rows(data: bytes, path: Path) -> list[tuple[int, list[object]]]:
    """Rows of the first sheet that has any (the active one first), numbered as in Excel."""
    from openpyxl import load_workbook  # loaded only when a workbook is read

    try:
        # From bytes, so a workbook saved as .csv or .txt still opens (no name check).
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a zip that is no workbook
        raise ImportFileError("import_unsupported", path) from exc
    try:
        for sheet in dict.fromkeys([workbook.active, *workbook.worksheets]):
            if sheet is None or not hasattr(sheet, "reset_dimensions"):
                continue
            sheet.reset_dimensions()  # stored dimensions are often wrong; read every row
            rows = [(n, list(v)) for n, v in enumerate(sheet.iter_rows(values_only=True), 1)]
            if any(not _is_blank(cells) for _number, cells in rows):
                return rows
    except Exception as exc:  # a damaged sheet inside a valid zip
        raise ImportFileError("import_unreadable", path, str(exc)) from exc
    finally:
        workbook.close()
    return []


def _is_blank(cells: Iterable[object]) -> bool:
    if isinstance(cells, list) and cells and cells[0].__class__ is str and cells[0].strip():
        return False  # the common case, answered without a generator
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _table(path: Path, numbered: Iterable[tuple[int, list[object]]], encoding: str | None,
           delimiter: str | None, recognise: HeaderCounter = recognised_count) -> SourceTable:
    try:
        records = [(n, cells) for n, cells in numbered if not _is_blank(cells)]
    except csv.Error as exc:
        raise ImportFileError("import_unreadable", path, str(exc)) from exc
    if not records:
        raise ImportFileError("import_empty", path)
    start = _header_index(records, path, recognise)
    header_number, header_cells = records[start]
    body = records[start + 1:]
    if not body:
        raise ImportFileError("import_no_rows", path)
    width = _width(header_cells)
    for _number, cells in body:
        if len(cells) > width:  # only a longer row can be wider
            width = max(width, _width(cells))
    return SourceTable(
        path=path, headers=_headers(header_cells, width), rows=[cells for _number, cells in body],
        encoding=encoding, delimiter=delimiter, header_row_number=header_number,
        row_numbers=[number for number, _cells in body])


def _header_index(records: list[tuple[int, list[object]]], path: Path,
                  recognise: HeaderCounter = recognised_count) -> int:
    """The first of the top rows that names at least two known fields; else the first row."""
    for index, (_number, cells) in enumerate(records[:_HEADER_SCAN]):
        if recognise(cells) >= 2:
            return index
    if recognise(records[0][1]) == 0 and _looks_like_data(records[0][1]):
        raise ImportFileError("import_no_header", path)
    return 0


def _looks_like_data(cells: list[object]) -> bool:
    for cell in cells:
        if not isinstance(cell, str):
            if cell is not None:
                return True
            continue
        text = cell.strip()
        digits = sum(c.isdigit() for c in text)
        if "@" in text or (digits >= 4 and digits >= len(text) // 2):
            return True
    return False


def _width(cells: list[object]) -> int:
    width = len(cells)
    while width and (cells[width - 1] is None or str(cells[width - 1]).strip() == ""):
        width -= 1
    return width


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _headers(cells: list[object], width: int) -> list[str]:
    """Header texts, unique and never empty ('Column C' for a column without a name)."""
    headers: list[str] = []
    seen: set[str] = set()
    for index in range(width):
        raw = cells[index] if index < len(cells) else None
        name = " ".join(str(raw).split()) if raw is not None else ""
        name = name.lstrip("\ufeff") or _("Column {letter}").format(letter=_column_letter(index))
        unique, n = name, 2
        while unique.casefold() in seen:
            unique, n = f"{name} ({n})", n + 1
        seen.add(unique.casefold())
        headers.append(unique)
    return headers
