"""Importing spreadsheets the secretariat keeps (CSV or XLSX): reading, header matching, and an
all-or-nothing run with a per-row error report and a dry-run preview.

Encoding (CSV): UTF-8, with or without a BOM (Excel's "CSV UTF-8"). Anything else, typically Windows-1258
or TCVN3 from older Excel versions, is refused with a message telling how to re-save the file: guessing a
Vietnamese legacy encoding silently mangles names, and a name is the one thing an import must not mangle.
Headers are matched ignoring case, diacritics and spacing ("HO VA TEN" = "Họ và tên"); a missing required
column or an unknown column refuses the whole file. Rows are written through the domain services, inside
one transaction: any row error, or ``dry_run``, rolls everything back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction

from core.errors import ErrorGroup, ServiceError
from sessions_app.text import text_fold

ERRORS = ErrorGroup("sessions_app.imports")
error_define = ERRORS.define
IMPORT_FILE_EMPTY = error_define(
    "import.file_empty", vi="Tệp rỗng hoặc không có dòng dữ liệu nào.", en="The file is empty or has no data rows."
)
IMPORT_FILE_TYPE = error_define(
    "import.file_type",
    vi="Chỉ nhận tệp CSV (mã UTF-8) hoặc Excel (.xlsx).",
    en="Only CSV (UTF-8) and Excel (.xlsx) files are accepted.",
)
IMPORT_FILE_TOO_LARGE = error_define(
    "import.file_too_large",
    vi="Tệp quá lớn: tối đa {max_rows} dòng và {max_mb} MB.",
    en="The file is too large: at most {max_rows} rows and {max_mb} MB.",
)
IMPORT_MALFORMED = error_define(
    "import.malformed",
    vi="Không đọc được tệp ({reason}). Hãy lưu lại tệp từ Excel rồi tải lên lại.",
    en="The file could not be read ({reason}). Save it again from Excel and upload it again.",
)
IMPORT_ENCODING = error_define(
    "import.encoding",
    vi="Tệp CSV không ở mã UTF-8 (có thể là Windows-1258 hoặc TCVN3). Trong Excel, chọn Lưu thành → “CSV UTF-8” "
    "rồi tải lên lại, hoặc tải lên tệp .xlsx.",
    en="The CSV file is not UTF-8 (probably Windows-1258 or TCVN3). In Excel use Save As → 'CSV UTF-8' and "
    "upload it again, or upload the .xlsx file.",
)
IMPORT_HEADER_INVALID = error_define(
    "import.header_invalid",
    vi="Dòng tiêu đề không đúng mẫu. Thiếu cột: {missing}. Cột không nhận ra: {unknown}. Các cột dùng được: {expected}.",
    en="The header row does not match the template. Missing: {missing}. Unknown: {unknown}. Columns: {expected}.",
)
IMPORT_ROWS_INVALID = error_define(
    "import.rows_invalid",
    vi="Có {count} dòng không hợp lệ; chưa có dòng nào được lưu.",
    en="{count} rows are not valid; nothing was saved.",
)
IMPORT_VALUE_MISSING = error_define(
    "import.value_missing", vi="Thiếu giá trị ở cột “{column}”.", en="Column '{column}' is empty."
)
IMPORT_VALUE_INVALID = error_define(
    "import.value_invalid",
    vi="Giá trị “{value}” ở cột “{column}” không hợp lệ ({expected}).",
    en="Value '{value}' in column '{column}' is not valid ({expected}).",
)
IMPORT_VALUE_UNKNOWN = error_define(
    "import.value_unknown",
    vi="Không tìm thấy “{value}” (cột “{column}”).",
    en="'{value}' was not found (column '{column}').",
)
IMPORT_DUPLICATE = error_define(
    "import.duplicate",
    vi="Trùng với dòng {other} (cột “{column}”).",
    en="Duplicates row {other} (column '{column}').",
)

MAX_BYTES = 5 * 1024 * 1024
# An XLSX is a ZIP of XML parts: bounds on what it unpacks to, checked from the archive's directory before any
# part is read (a part is never read past its declared size), so a small bomb is refused at once.
# openpyxl scans a whole sheet for its size before the first row, and keeps the whole string table in memory;
# 2,000 rows of a delegate list or of question slips take well under these.
XLSX_MAX_UNPACKED = 16 * 1024 * 1024
XLSX_MAX_PART = {"sharedStrings.xml": 8 * 1024 * 1024, "worksheets/": 4 * 1024 * 1024}
CELL_MAX_CHARS = 32 * 1024
CELL_TAG = re.compile(rb"<c[\s/>]")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False


def _decode_csv(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ServiceError(IMPORT_ENCODING) from None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _too_large() -> ServiceError:
    return ServiceError(IMPORT_FILE_TOO_LARGE, max_rows=settings.NT["IMPORT_MAX_ROWS"], max_mb=MAX_BYTES // 2**20)


def _sheet_count_check(xml: bytes, limit: int) -> None:
    """Rows and cells counted in the raw XML (milliseconds), before openpyxl parses it (seconds for a sheet of
    blank rows): a sheet cannot hold many more rows than the limit, nor more than 100 cells a row."""
    if xml.count(b"<row") > 4 * limit + 1000 or len(CELL_TAG.findall(xml)) > 100 * (limit + 1):
        raise _too_large()


def _xlsx_check(data: bytes, limit: int) -> None:
    """Refuse a ZIP that unpacks too big, XML parts declaring a DTD (entity expansion), sheets of too many rows."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            if sum(p.file_size for p in parts) > XLSX_MAX_UNPACKED or any(
                name in p.filename and p.file_size > cap for p in parts for name, cap in XLSX_MAX_PART.items()
            ):
                raise _too_large()
            for part in parts:
                if part.filename.endswith((".xml", ".rels")):
                    with archive.open(part) as handle:
                        head = handle.read(4096)
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise ServiceError(IMPORT_MALFORMED, reason="DTD")
                if "worksheets/" in part.filename:
                    _sheet_count_check(archive.read(part), limit)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError):
        raise ServiceError(IMPORT_FILE_TYPE) from None


def _read_xlsx(data: bytes, limit: int) -> list[list[str]]:
    """The first sheet's non-blank rows, streamed; refused as soon as it holds more than ``limit`` rows."""
    from openpyxl import load_workbook

    _xlsx_check(data, limit)
    rows: list[list[str]] = []
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        for seen, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            row = [_cell(v) for v in values]
            if any(row):
                rows.append(row)
            if len(rows) > limit or seen > 4 * limit + 1000:  # blank rows count too, so a sheet of them ends
                raise _too_large()
    except ServiceError:
        raise
    except Exception as exc:  # noqa: BLE001 — openpyxl fails on broken parts in many ways; each is the file's fault
        raise ServiceError(IMPORT_MALFORMED, reason=type(exc).__name__) from None
    return rows


def _read_workbook(data: bytes, limit: int) -> list[tuple[str, list[list[str]]]]:
    """Every sheet's title and non-blank rows, streamed; refused as soon as the sheets hold more than ``limit``
    rows together (so a workbook is bounded as one file is)."""
    from openpyxl import load_workbook

    _xlsx_check(data, limit)
    sheets: list[tuple[str, list[list[str]]]] = []
    kept = seen = 0
    try:
        for sheet in load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets:
            rows: list[list[str]] = []
            for values in sheet.iter_rows(values_only=True):
                seen += 1
                row = [_cell(v) for v in values]
                if any(row):
                    rows.append(row)
                    kept += 1
                if kept > limit or seen > 4 * limit + 1000:
                    raise _too_large()
            sheets.append((str(sheet.title), rows))
    except ServiceError:
        raise
    except Exception as exc:  # noqa: BLE001 — as in _read_xlsx
        raise ServiceError(IMPORT_MALFORMED, reason=type(exc).__name__) from None
    return sheets


def _read_csv(data: bytes, limit: int) -> list[list[str]]:
    text = _decode_csv(data)
    if "\x00" in text:
        raise ServiceError(IMPORT_FILE_TYPE)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:  # e.g. quoted cells holding the separator: the header row's most frequent separator
        header = text.split("\n", 1)[0]
        dialect = type("HeaderDialect", (csv.excel,), {"delimiter": max(",;\t", key=header.count)})
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        for values in reader:
            row = [cell.strip() for cell in values]
            if any(len(cell) > CELL_MAX_CHARS for cell in row):
                raise ServiceError(
                    IMPORT_MALFORMED, reason=f"line {reader.line_num}: a cell over {CELL_MAX_CHARS} characters"
                )
            if any(row):
                rows.append(row)
            if len(rows) > limit:
                raise _too_large()
    except csv.Error as exc:  # e.g. a field over the csv module's 128 KB limit, an unclosed quote
        raise ServiceError(IMPORT_MALFORMED, reason=f"line {reader.line_num}: {exc}") from None
    return rows


def table_read(*, data: bytes) -> list[list[str]]:
    """The file's first sheet as text cells (blank rows dropped), header included; refused as soon as it has
    more than ``IMPORT_MAX_ROWS`` data rows. XLSX is recognised by content (a ZIP), everything else is CSV."""
    if not data.strip():
        raise ServiceError(IMPORT_FILE_EMPTY)
    if len(data) > MAX_BYTES:
        raise _too_large()
    limit = settings.NT["IMPORT_MAX_ROWS"] + 1
    return _read_xlsx(data, limit) if data[:4] == b"PK\x03\x04" else _read_csv(data, limit)


def workbook_read(*, data: bytes) -> list[tuple[str, list[list[str]]]]:
    """An XLSX workbook as (sheet title, text rows) for each sheet, within the same limits as one file: at most
    ``IMPORT_MAX_ROWS`` data rows in all the sheets together. Anything that is not an XLSX is refused."""
    if not data.strip():
        raise ServiceError(IMPORT_FILE_EMPTY)
    if len(data) > MAX_BYTES:
        raise _too_large()
    if data[:4] != b"PK\x03\x04":
        raise ServiceError(IMPORT_FILE_TYPE)
    return _read_workbook(data, settings.NT["IMPORT_MAX_ROWS"] + 1)


def header_map(header: list[str], columns: list[Column]) -> dict[str, int]:
    """Which position holds each column; refuses missing required columns and unknown ones."""
    by_fold = {text_fold(c.header): c for c in columns}
    positions: dict[str, int] = {}
    unknown = []
    for index, title in enumerate(header):
        column = by_fold.get(text_fold(title))
        if column is None:
            if title:
                unknown.append(title)
        elif column.key not in positions:
            positions[column.key] = index
        else:
            unknown.append(title)
    missing = [c.header for c in columns if c.required and c.key not in positions]
    if missing or unknown:
        raise ServiceError(
            IMPORT_HEADER_INVALID,
            missing=", ".join(missing) or "—",
            unknown=", ".join(unknown) or "—",
            expected=", ".join(c.header for c in columns),
            details={"missing": missing, "unknown": unknown},
        )
    return positions


def import_rows(*, data: bytes, columns: list[Column]) -> list[tuple[int, dict[str, str]]]:
    """(line number in the file, {column key: text}) for each data row."""
    rows = table_read(data=data)
    if len(rows) < 2:
        raise ServiceError(IMPORT_FILE_EMPTY)
    positions = header_map(rows[0], columns)
    return [
        (line, {key: (row[i] if i < len(row) else "") for key, i in positions.items()})
        for line, row in enumerate(rows[1:], start=2)
    ]


def import_run(
    *, rows: list[tuple[int, dict[str, str]]], write: Callable[[int, dict[str, str]], dict[str, Any]], dry_run: bool
) -> dict[str, Any]:
    """Write every row through ``write(line, values)`` in one transaction (a savepoint per row, so one refusal does not
    spoil the others' checks). Any error, or a dry run, rolls it all back; errors are reported per row."""
    errors: list[dict[str, Any]] = []
    written: list[dict[str, Any]] = []
    with transaction.atomic():
        for line, values in rows:
            try:
                with transaction.atomic():
                    written.append({"row": line, **write(line, values)})
            except ServiceError as error:
                errors.append({"row": line, **error.as_dict()})
        if errors or dry_run:
            transaction.set_rollback(True)
    if errors:
        raise ServiceError(IMPORT_ROWS_INVALID, count=len(errors), details={"errors": errors})
    return {"dry_run": dry_run, "saved": not dry_run, "count": len(written), "rows": written}


def value_required(values: dict[str, str], column: Column) -> str:
    value = values.get(column.key, "").strip()
    if not value:
        raise ServiceError(IMPORT_VALUE_MISSING, column=column.header)
    return value


def value_int(values: dict[str, str], column: Column, *, low: int, high: int) -> int | None:
    raw = values.get(column.key, "").strip()
    if not raw:
        if column.required:
            raise ServiceError(IMPORT_VALUE_MISSING, column=column.header)
        return None
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise ServiceError(IMPORT_VALUE_INVALID, value=raw, column=column.header, expected=f"{low}–{high}")
    return int(raw)


def value_date(values: dict[str, str], column: Column) -> dt.date | None:
    """dd/mm/yyyy (as typed in Vietnam) or yyyy-mm-dd (as Excel dates are read)."""
    raw = values.get(column.key, "").strip()
    if not raw:
        if column.required:
            raise ServiceError(IMPORT_VALUE_MISSING, column=column.header)
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise ServiceError(IMPORT_VALUE_INVALID, value=raw, column=column.header, expected="dd/mm/yyyy")


def value_choice(values: dict[str, str], column: Column, choices: dict[str, str]) -> str | None:
    """A value among ``choices`` ({label: stored value}), matched ignoring case and diacritics."""
    raw = values.get(column.key, "").strip()
    if not raw:
        if column.required:
            raise ServiceError(IMPORT_VALUE_MISSING, column=column.header)
        return None
    folded = {text_fold(label): stored for label, stored in choices.items()}
    if text_fold(raw) not in folded:
        raise ServiceError(IMPORT_VALUE_INVALID, value=raw, column=column.header, expected=", ".join(choices))
    return folded[text_fold(raw)]


def duplicates_check(
    rows: list[tuple[int, dict[str, str]]], column: Column, key: Callable[[dict[str, str]], Any]
) -> dict[int, ServiceError]:
    """Rows whose ``key`` repeats an earlier row's, with the error to report for them."""
    first: dict[Any, int] = {}
    found: dict[int, ServiceError] = {}
    for line, values in rows:
        value = key(values)
        if value is None:
            continue
        if value in first:
            found[line] = ServiceError(IMPORT_DUPLICATE, other=first[value], column=column.header)
        else:
            first[value] = line
    return found
