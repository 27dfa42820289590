"""Reading and writing tables as CSV, XLSX and JSON.

Every import in tongket reads rows through `read_rows` and every export writes
through `write_table`, so the safety rules live in one place: XML is parsed with
defusedxml (openpyxl uses it when installed), and cells that a spreadsheet would
run as a formula are neutralised on the way out.
"""

import contextlib
import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import defusedxml  # noqa: F401  (openpyxl switches to defused parsing when importable)
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from tongket.lib import limits
from tongket.lib.uploads import UploadError

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Row:
    """One data row of an imported table, with its line number as the user sees it."""

    line: int
    values: dict[str, str]


def read_rows(suffix: str, data: bytes, *, required: Sequence[str]) -> list[Row]:
    """Rows of a CSV, XLSX or JSON table keyed by lower-cased header names."""
    if suffix == ".csv":
        header, body = _read_csv(data)
    elif suffix == ".xlsx":
        header, body = _read_xlsx(data)
    elif suffix == ".json":
        return _read_json(data, required)
    else:
        raise UploadError(_("Định dạng %(suffix)s không được hỗ trợ.") % {"suffix": suffix})
    names = [str(cell or "").strip().lower() for cell in header]
    missing = [column for column in required if column not in names]
    if missing:
        raise UploadError(_("Thiếu cột bắt buộc: %(columns)s.") % {"columns": ", ".join(missing)})
    rows = []
    for line, cells in body:
        values = {name: _cell_text(cell) for name, cell in zip(names, cells, strict=False) if name}
        if any(values.values()):
            _refuse_formulas(line, values)
            rows.append(Row(line=line, values=values))
    if not rows:
        raise UploadError(_("Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào."))
    return rows


# Text a spreadsheet would run as a formula: "=", "@", or "+"/"-" not starting a number.
_FORMULA = re.compile(r"^(?:[=@]|[+-](?![\d.,]))")


def _refuse_formulas(line: int, values: dict[str, str]) -> None:
    """Refuse cells that would run as formulas when the data is opened in a spreadsheet.

    No field of tongket starts that way; stored, such text would wait for the next
    export or copy-paste to run (CSV/formula injection).
    """
    for column, value in values.items():
        if _FORMULA.match(value):
            raise UploadError(
                _("Dòng %(line)s, cột %(column)s: “%(value)s” là công thức bảng tính, không nhận.")
                % {"line": line, "column": column, "value": value[:40]}
            )


def _read_csv(data: bytes) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UploadError(
            _("Tệp không phải văn bản UTF-8 (dòng %(line)s).")
            % {"line": data[: error.start].count(b"\n") + 1}
        ) from error
    if "\x00" in text:
        raise UploadError(
            _("Dòng %(line)s chứa ký tự NUL (\\0): tệp không phải CSV hợp lệ.")
            % {"line": text[: text.index("\x00")].count("\n") + 1}
        )
    dialect: type[csv.Dialect] = csv.excel
    with contextlib.suppress(csv.Error):  # a one-column file has no delimiter to sniff
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    # newline="" lets the csv module handle \r\n, \n and \r alike, even mixed in one file.
    # strict: a quote left open or stray text after a closing quote is an error, not data.
    reader = csv.reader(io.StringIO(text, newline=""), dialect, strict=True)
    lines = []
    try:
        for cells in reader:
            lines.append((reader.line_num, cells))
    except csv.Error as error:
        raise UploadError(
            _("Dòng %(line)s không đọc được: %(error)s.")
            % {"line": reader.line_num, "error": _csv_problem(error)}
        ) from error
    if not lines:
        raise UploadError(_("Tệp không có dòng tiêu đề."))
    return lines[0][1], [
        (number, cells) for number, (_line, cells) in enumerate(lines[1:], start=2)
    ]


def _csv_problem(error: csv.Error) -> str:
    if "field larger than field limit" in str(error):
        return _("một ô dài quá %(max)s ký tự") % {"max": csv.field_size_limit()}
    return " ".join(str(error).split())


def _read_xlsx(data: bytes) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        if not workbook.worksheets:
            raise UploadError(_("Tệp XLSX không có trang tính nào."))
        lines = list(workbook.worksheets[0].iter_rows(values_only=True))
        workbook.close()
    except UploadError:
        raise
    except Exception as error:  # openpyxl raises many types, with messages over several lines
        raise UploadError(
            _("Không đọc được tệp XLSX: %(error)s") % {"error": _one_line(error)}
        ) from error
    if not lines:
        raise UploadError(_("Tệp không có dòng tiêu đề."))
    return list(lines[0]), [
        (number, list(cells)) for number, cells in enumerate(lines[1:], start=2)
    ]


def _one_line(error: Exception) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 200 else text[:199] + "…"


def _read_json(data: bytes, required: Sequence[str]) -> list[Row]:
    try:
        items = limits.loads(data)
    except limits.InputRefused as error:
        raise UploadError(_("Tệp JSON không hợp lệ: %(error)s") % {"error": error}) from error
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise UploadError(_("Tệp JSON phải là một mảng các đối tượng."))
    rows = []
    for index, item in enumerate(items, start=1):
        values = {str(key).lower(): _cell_text(value) for key, value in item.items()}
        missing = [column for column in required if column not in values]
        if missing:
            raise UploadError(
                _("Phần tử %(index)s thiếu trường: %(columns)s.")
                % {"index": index, "columns": ", ".join(missing)}
            )
        _refuse_formulas(index, values)
        rows.append(Row(line=index, values=values))
    return rows


def _cell_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def neutralise(value: object) -> object:
    """Prefix text a spreadsheet would evaluate as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_table(
    suffix: str, header: Sequence[str], rows: Iterable[Sequence[object]], *, title: str = "Data"
) -> bytes:
    """A table as CSV (UTF-8 with BOM, so Excel reads Vietnamese), XLSX or JSON bytes."""
    if suffix == ".csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if cell is None else neutralise(cell) for cell in row])
        return buffer.getvalue().encode("utf-8-sig")
    if suffix == ".xlsx":
        return _write_xlsx(header, rows, title)
    if suffix == ".json":
        items = [dict(zip(header, row, strict=True)) for row in rows]
        return json.dumps(items, ensure_ascii=False, indent=2, default=str).encode()
    raise UploadError(_("Định dạng %(suffix)s không được hỗ trợ.") % {"suffix": suffix})


def _write_xlsx(header: Sequence[str], rows: Iterable[Sequence[object]], title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([neutralise(cell) for cell in row])
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
