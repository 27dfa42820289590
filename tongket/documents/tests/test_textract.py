import io

import docx
import pytest

from tongket.documents.tests.conftest import plan_docx
from tongket.documents.tests.pdfs import make_pdf
from tongket.documents.textract import TextError, clean_text, extract_text


def test_docx_header_table_is_read_row_by_row_then_the_body():
    text = extract_text(".docx", plan_docx())
    lines = [line for line in text.splitlines() if line]
    assert lines[:6] == [
        "THÀNH ỦY HÀ NỘI",
        "QUẬN ỦY THANH XUÂN",
        "*",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 09-KH/QU",
        "Hà Nội, ngày 15 tháng 03 năm 2019",
    ]
    assert lines[6] == "KẾ HOẠCH"
    assert "Ban Thường vụ Quận ủy xây dựng Kế hoạch thực hiện như sau:" in text


def test_docx_merged_cells_are_read_once():
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Nghị quyết số 35-NQ/TW"
    table.cell(0, 2).text = "Bộ Chính trị"
    buffer = io.BytesIO()
    document.save(buffer)
    assert extract_text(".docx", buffer.getvalue()).splitlines() == [
        "Nghị quyết số 35-NQ/TW",
        "Bộ Chính trị",
    ]


def test_pdf_text_layer_is_read_page_after_page():
    data = make_pdf([["Số 09-KH/QU", "Nghị quyết số 35-NQ/TW của Bộ Chính trị"], ["Trang hai"]])
    text = extract_text(".pdf", data)
    assert "Nghị quyết số 35-NQ/TW của Bộ Chính trị" in text
    assert text.index("Số 09-KH/QU") < text.index("Trang hai")


def test_pdf_without_text_asks_for_a_file_with_text():
    with pytest.raises(TextError, match="không có lớp chữ"):
        extract_text(".pdf", make_pdf([[]]))


def test_broken_pdf_is_refused_with_a_message():
    with pytest.raises(TextError, match="Không đọc được tệp PDF"):
        extract_text(".pdf", b"%PDF-1.7\nnot really a pdf")


def test_broken_docx_is_refused_with_a_message():
    with pytest.raises(TextError, match="Không đọc được tệp Word"):
        extract_text(".docx", b"PK\x03\x04 not a zip")


def test_text_that_is_not_utf8_says_which_line():
    with pytest.raises(TextError, match="dòng 2"):
        extract_text(".txt", "Nghị quyết\nNghị quyết số 35 (bản cũ)".encode()[:-1] + b"\xe0")


def test_utf8_text_loses_its_byte_order_mark():
    assert extract_text(".txt", "\ufeffNghị quyết".encode()) == "Nghị quyết"


def test_clean_text_is_nfc_with_unix_lines_and_no_nul():
    assert clean_text("Nghi\u0323 quyê\u0301t\r\nsố\x00 35") == "Nghị quyết\nsố 35"
