import io
import zipfile

import pytest
from openpyxl import Workbook

from tongket.lib.tables import read_rows
from tongket.lib.uploads import UploadError


def _refusal(suffix: str, data: bytes) -> str:
    with pytest.raises(UploadError) as refused:
        read_rows(suffix, data, required=["code"])
    message = str(refused.value)
    assert "\n" not in message
    return message


def test_mixed_newlines_in_a_csv_are_read_as_lines():
    rows = read_rows(".csv", b"code,name\r\nA,1\nB,2\rC,3\r\n", required=["code"])
    assert [row.values["code"] for row in rows] == ["A", "B", "C"]


def test_a_field_over_the_csv_limit_is_one_line_naming_the_line():
    data = b"code,name\nA,1\nB," + b'"' + b"x" * 200_000 + b'"\n'
    assert "Dòng 3" in _refusal(".csv", data)


def test_a_nul_in_a_csv_names_its_line():
    assert "Dòng 2" in _refusal(".csv", b"code\nA\x00B\n")


def test_invalid_utf8_in_a_csv_names_its_line():
    assert "dòng 3" in _refusal(".csv", b"code\nA\n\xff\xfe\n")


def test_an_xlsx_without_a_sheet_is_refused():
    # openpyxl refuses to save a workbook without sheets: save one, then drop its sheet.
    workbook = Workbook()
    workbook.active.title = "x"  # type: ignore[union-attr]
    buffer = io.BytesIO()
    workbook.save(buffer)

    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/workbook.xml":
                data = data.replace(b'<sheet name="x" sheetId="1" r:id="rId1"/>', b"")
            if not item.filename.startswith("xl/worksheets/"):
                target.writestr(item, data)
    assert "không có trang tính" in _refusal(".xlsx", out.getvalue())


def test_a_broken_xlsx_is_one_line():
    assert "XLSX" in _refusal(".xlsx", b"PK\x03\x04" + b"\x00" * 100)


def test_deep_json_is_refused_in_one_line():
    assert "sâu" in _refusal(".json", b"[" * 10_000 + b"]" * 10_000)
