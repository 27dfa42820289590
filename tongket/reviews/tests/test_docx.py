"""Generated DOCX parsed back: page, margins, fonts and sizes, and its figures."""

import io

import pytest
from docx import Document

from tongket.analytics import rollup
from tongket.programmes.models import Indicator
from tongket.reviews.generation import render

LIMITS_MM = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}


def _document(review):  # type: ignore[no-untyped-def]
    return Document(io.BytesIO(render(review, "docx")))


def _runs_with(document, text: str):  # type: ignore[no-untyped-def]
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    return [run for p in paragraphs for run in p.runs if text in run.text]


def _size(run) -> float:  # type: ignore[no-untyped-def]
    return run.font.size.pt


@pytest.mark.parametrize("style", ["party", "state"])
def test_page_is_a4_with_official_margins(review_of, style):
    section = _document(review_of(style)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    for side, (low, high) in LIMITS_MM.items():
        assert low <= round(getattr(section, f"{side}_margin").mm) <= high, side


def test_party_header_title_and_body_follow_guidance_36(review_of):
    document = _document(review_of("party"))
    motto = _runs_with(document, "ĐẢNG CỘNG SẢN VIỆT NAM")[0]
    assert motto.bold and motto.underline and _size(motto) == 15
    issuer = _runs_with(document, "QUẬN ỦY THANH XUÂN")[0]
    assert issuer.bold and _size(issuer) == 14
    assert _runs_with(document, "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI")
    assert _runs_with(document, "Số 115-BC/QU")
    place = _runs_with(document, "Thanh Xuân, ngày 04 tháng 7 năm 2023")[0]
    assert place.italic and _size(place) == 14
    title = _runs_with(document, "BÁO CÁO")[0]
    assert title.bold and _size(title) == 16
    body = _runs_with(document, "Số lớp tập huấn, bồi dưỡng nghiệp vụ: ")[0]
    assert _size(body) == 14 and body.font.name == "Times New Roman"


def test_state_header_has_the_national_motto_and_symbol(review_of):
    document = _document(review_of("state"))
    motto = _runs_with(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")[0]
    assert motto.bold and _size(motto) == 13
    sub = _runs_with(document, "Độc lập - Tự do - Hạnh phúc")[0]
    assert sub.bold and sub.underline and _size(sub) == 14
    assert _runs_with(document, "Số: 15/BC-UBND")
    assert _runs_with(document, "ỦY BAN NHÂN DÂN QUẬN THANH XUÂN")
    assert _size(_runs_with(document, "BÁO CÁO")[0]) == 14


def test_page_numbers_start_on_page_two(review_of):
    section = _document(review_of("party")).sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_figures_match_the_roll_up(review_of, tree):
    review = review_of("party")
    document = _document(review)
    window = rollup.parse_span("2019..2023")
    classes = rollup.value_of(Indicator.objects.get(code="LOP_TAPHUAN"), tree.district, window)
    assert classes == 5
    paragraph = next(p for p in document.paragraphs if "Số lớp tập huấn" in p.text)
    assert (
        paragraph.text.strip("- ")
        == "Số lớp tập huấn, bồi dưỡng nghiệp vụ: 5 lớp (chỉ tiêu đề ra 5, đạt 100%);"
    )
    conferences = next(p for p in document.paragraphs if "Số hội nghị chuyên đề" in p.text)
    assert ": 4 hội nghị (chỉ tiêu đề ra 5, đạt 80%)" in conferences.text


def test_appendix_lists_the_source_of_each_cited_figure(review_of):
    document = _document(review_of("party"))
    appendix = document.tables[-1]
    rows = [[cell.text for cell in row.cells] for row in appendix.rows[1:]]
    classes = next(
        row for row in rows if row[2].startswith("LOP_TAPHUAN") and row[4].startswith("2019..2023")
    )
    assert classes[1] == "5" and classes[3].startswith("HN-THANHXUAN") and "5 giá trị" in classes[4]
    assert any("Bảng 2, cột 2019" in p.text for p in document.paragraphs)
