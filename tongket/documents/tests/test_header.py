from datetime import date

from tongket.documents.tests.conftest import plan_docx
from tongket.documents.textract import extract_text
from tongket.vn.citations import extract_references
from tongket.vn.header import name_case, read_header


def _header(text):
    return read_header(text, extract_references(text))


def test_plan_header_gives_type_number_date_issuer_and_title():
    header = _header(extract_text(".docx", plan_docx()))
    assert (header.doc_type, header.number, header.symbol) == ("Kế hoạch", "09", "09-KH/QU")
    assert header.date == date(2019, 3, 15)
    assert header.issuer == "Quận ủy Thanh Xuân"
    assert header.title == (
        "Thực hiện Kế hoạch số 135-KH/TU ngày 28/01/2019 của Ban Thường vụ Thành ủy "
        "về thực hiện Nghị quyết số 35-NQ/TW của Bộ Chính trị"
    )


def test_plan_implements_what_its_summary_names_first():
    assert _header(extract_text(".docx", plan_docx())).implements == ("135-KH/TU",)


def test_body_opening_with_thuc_hien_implements_even_when_the_header_is_in_columns():
    text = (
        "QUẬN ỦY THANH XUÂN\nSố 09-KH/QU\nĐẢNG CỘNG SẢN VIỆT NAM\nThanh Xuân, ngày 15 tháng 3"
        " năm 2019\nKẾ HOẠCH\ntriển khai công tác năm 2019\nThực hiện Kế hoạch số 135-KH/TU"
        " của Ban Thường vụ Thành ủy, Ban Thường vụ Quận ủy xây dựng Kế hoạch như sau:"
    )
    assert _header(text).implements == ("135-KH/TU",)


def test_resolution_issuer_is_read_under_its_heading():
    text = (
        "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 35-NQ/TW\nHà Nội, ngày 22 tháng 10 năm 2018\n"
        "NGHỊ QUYẾT\nCỦA BỘ CHÍNH TRỊ\nvề tăng cường bảo vệ nền tảng tư tưởng của Đảng\n"
        "I. TÌNH HÌNH"
    )
    header = _header(text)
    assert (header.doc_type, header.symbol, header.issuer) == (
        "Nghị quyết",
        "35-NQ/TW",
        "Bộ Chính trị",
    )
    assert header.title == "Về tăng cường bảo vệ nền tảng tư tưởng của Đảng"


def test_text_without_header_gives_nothing():
    header = _header("Quán triệt Nghị quyết số 35-NQ/TW của Bộ Chính trị đến cán bộ.")
    assert header.symbol is None and header.doc_type is None and header.implements == ()


def test_names_in_capitals_are_written_back_in_running_text_case():
    assert name_case("ĐẢNG ỦY PHƯỜNG KHƯƠNG MAI") == "Đảng ủy phường Khương Mai"
    assert name_case("BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG") == "Ban Chấp hành Trung ương Đảng"
    assert name_case("QUẬN UỶ THANH XUÂN") == "Quận ủy Thanh Xuân"
