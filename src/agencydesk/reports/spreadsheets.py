"""CSV and XLSX files in the reader's conventions, for every export (reports, site operations).

CSV: German and French readers (decimal comma) get ``;`` between cells, since their Excel
splits on it, and numbers with a decimal comma; English readers ``,`` and a decimal point.
Every CSV starts with a UTF-8 byte order mark: without it Excel reads UTF-8 as ANSI and
breaks umlauts. Dates and times are written ISO-like (``2026-12-01 10:30``) in the reader's
timezone: every spreadsheet program reads that as a date whatever its locale, and scripts
do not have to guess the day/month order. XLSX holds real date and number cells, the
times naive in the reader's timezone (Excel has no timezones).
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import formats, timezone, translation
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font

from agencydesk.core.regional import base_language

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these is read as a formula by spreadsheet programs; labels
# come from names people type (customers, sites, ticket types), so they are neutralised.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
XLSX_DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
XLSX_DATE_FORMAT = "yyyy-mm-dd"
# Excel's own list separator is ";" wherever the decimal separator is a comma, and in the
# German-speaking regions that use a decimal point (Switzerland).
SEMICOLON_LANGUAGES = {"de"}


@dataclass(frozen=True)
class CsvDialect:
    delimiter: str
    decimal_separator: str


def csv_dialect(language_code: str | None = None) -> CsvDialect:
    """The reader's conventions: ``language_code`` (default: the active one, e.g. ``de-de``)."""
    code = language_code or translation.get_language() or "en"
    decimal_separator = str(formats.get_format("DECIMAL_SEPARATOR", lang=code))
    semicolon = decimal_separator == "," or base_language(code) in SEMICOLON_LANGUAGES
    return CsvDialect(delimiter=";" if semicolon else ",", decimal_separator=decimal_separator)


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def csv_safe(value: Any) -> Any:
    """A CSV cell: text that could start a formula gets a leading apostrophe (shown as
    text by spreadsheet programs); numbers stay numbers."""
    if value is None:
        return ""
    return f"'{value}" if is_formula_like(value) else value


def _local(value: datetime.datetime) -> datetime.datetime:
    """``value`` in the reader's (active) timezone, without tzinfo."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)


def csv_cell(value: Any, dialect: CsvDialect) -> Any:
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return _local(value).strftime(CSV_DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float | decimal.Decimal):
        # No thousands separator: spreadsheet programs would read "1.234" as 1.234.
        return str(value).replace(".", dialect.decimal_separator)
    return csv_safe(value)


def table_csv(
    headers: Sequence[Any], rows: Iterable[Sequence[Any]], *, language_code: str | None = None
) -> bytes:
    dialect = csv_dialect(language_code)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=dialect.delimiter)
    writer.writerow([csv_safe(str(header)) for header in headers])
    for values in rows:
        writer.writerow([csv_cell(value, dialect) for value in values])
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx_cells_typed(row: tuple[Cell, ...]) -> None:
    for cell in row:
        if is_formula_like(cell.value):
            # openpyxl stores any text starting with "=" as a formula: keep such cells
            # text, with the quote prefix Excel sets for a typed leading apostrophe.
            cell.data_type = "s"
            cell.quotePrefix = True
        elif isinstance(cell.value, datetime.datetime):
            cell.number_format = XLSX_DATETIME_FORMAT
        elif isinstance(cell.value, datetime.date):
            cell.number_format = XLSX_DATE_FORMAT


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return _local(value)
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def table_xlsx(
    title: str,
    headers: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    *,
    bold_last_row: bool = False,
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([str(header) for header in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in rows:
        sheet.append([_xlsx_value(value) for value in values])
        _xlsx_cells_typed(sheet[sheet.max_row])
    if bold_last_row and sheet.max_row > 1:
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 32
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
