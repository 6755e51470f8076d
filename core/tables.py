"""Writing a table (a header row and rows of cells) as CSV — UTF-8 with a BOM so Excel reads the diacritics,
every cell text: numbers with a decimal comma, dates dd/mm/yyyy — or as XLSX, where numbers and dates stay
typed values. Shared by the open-data exports and the activity rankings."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

Table = tuple[list[str], list[list[Any]]]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def table_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    header, rows = table
    writer.writerow(header)
    writer.writerows([_text(cell) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def table_xlsx(table: Table, *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    header, rows = table
    sheet.append(header)
    for row in rows:
        sheet.append([float(cell) if isinstance(cell, Decimal) else cell for cell in row])
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "dd/mm/yyyy hh:mm"
            elif isinstance(cell.value, dt.date):
                cell.number_format = "dd/mm/yyyy"
            elif isinstance(cell.value, float):
                cell.number_format = "0.00"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
