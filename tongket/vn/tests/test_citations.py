import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from tongket.vn.citations import extract_references, reference_to_json


def _symbols(text):
    return [ref.symbol for ref in extract_references(text)]


def _only(text):
    references = extract_references(text)
    assert len(references) == 1, references
    return references[0]


def test_reference_json_has_exactly_the_contract_keys():
    ref = _only("Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị")
    assert reference_to_json(ref) == {
        "type": "Nghị quyết",
        "number": "35",
        "symbol": "35-NQ/TW",
        "date": "2018-10-22",
        "issuer": "Bộ Chính trị",
        "implements": [],
        "mentions": [[0, 22]],
    }


def test_date_may_come_after_the_issuer():
    ref = _only("Kế hoạch số 135-KH/TU của Thành ủy Hà Nội ngày 05/3/2019 về chuyển đổi số")
    assert (ref.issuer, ref.date) == ("Thành ủy Hà Nội", "2019-03-05")


def test_issuer_given_before_the_verb_ban_hanh():
    ref = _only("Ngày 12/3/2019, Ban Thường vụ Huyện ủy ban hành Kế hoạch số 09-KH/HU.")
    assert (ref.issuer, ref.date) == ("Ban Thường vụ Huyện ủy", "2019-03-12")


def test_glued_word_after_symbol_is_not_part_of_it():
    assert _symbols("Nghị quyết số 35-NQ/TWKết luận số 21-KL/TW") == ["35-NQ/TW", "21-KL/TW"]


def test_glued_lower_case_word_after_symbol_is_not_part_of_it():
    assert _symbols("Kế hoạch 09-KH/QUvề công tác") == ["09-KH/QU"]


def test_type_code_gives_the_type_when_no_type_word_is_written():
    assert _only("các văn bản 35-NQ/TW được quán triệt").type == "Nghị quyết"


def test_qd_is_quy_dinh_when_the_words_say_so():
    assert _only("Quy định số 37-QĐ/TW ngày 25/10/2021").type == "Quy định"
    assert _only("Quyết định số 22-QĐ/TW ngày 28/7/2021").type == "Quyết định"


def test_old_qdi_code_means_quy_dinh():
    assert _only("theo 08-QĐi/TW").type == "Quy định"


def test_tu_with_horn_of_a_provincial_committee_reads_tu():
    assert _symbols("Kế hoạch số 07-KH/TƯ ngày 17/3/2021 của Thành ủy Hà Nội") == ["07-KH/TU"]


def test_tu_with_horn_without_context_reads_as_the_centre():
    assert _symbols("Chỉ thị 23-CT/TƯ được triển khai") == ["23-CT/TW"]


def test_later_bare_mention_joins_the_cited_document():
    text = "Nghị quyết số 35-NQ/TW của Bộ Chính trị. Sau 5 năm thực hiện Nghị quyết 35, NQ 35 …"
    ref = _only(text)
    assert [text[start:end] for start, end in ref.mentions] == [
        "Nghị quyết số 35-NQ/TW",
        "Nghị quyết 35",
        "NQ 35",
    ]


def test_bare_mention_with_an_issuer_joins_the_matching_document_only():
    text = (
        "Quận ủy ban hành Kế hoạch số 5-KH/QU; Thành ủy có Kế hoạch số 5-KH/TU. "
        "Kế hoạch 5 của Quận ủy được triển khai."
    )
    counts = {ref.symbol: len(ref.mentions) for ref in extract_references(text)}
    assert counts == {"5-KH/QU": 2, "5-KH/TU": 1}


def test_mention_without_symbol_is_a_reference_of_its_own():
    ref = _only("Kế hoạch số 5 của Ban Thường vụ Quận ủy về phát triển đảng viên")
    assert (ref.number, ref.symbol, ref.issuer) == ("5", None, "Ban Thường vụ Quận ủy")


def test_repeated_symbol_is_one_reference_in_order_of_first_mention():
    text = "Kết luận 21-KL/TW và Nghị quyết 35-NQ/TW; thực hiện Kết luận số 21 - KL/TW."
    assert _symbols(text) == ["21-KL/TW", "35-NQ/TW"]


def test_numbers_that_are_not_documents_give_no_reference():
    text = (
        "Văn phòng Quận ủy, số 12/34 phố Khương Trung, điện thoại 0912-345-678; tổ dân phố "
        "số 5 đạt 98,5%; 8/10 chi bộ; 1/2 số đảng viên; 15.000.000 đồng; Điều 3 của quy chế; "
        "Báo cáo 6 tháng đầu năm; kế hoạch 5 năm 2021-2025; ngày 22/10/2023."
    )
    assert extract_references(text) == []


def test_ky_luat_is_not_a_law():
    assert extract_references("xử lý kỷ luật số 5 đảng viên vi phạm") == []


def test_plan_implements_plan_which_implements_directive():
    text = (
        "Kế hoạch số 09-KH/HU thực hiện Kế hoạch số 135-KH/TU của Ban Thường vụ Tỉnh ủy "
        "về thực hiện Chỉ thị số 41-CT/TW của Ban Bí thư"
    )
    implements = {ref.symbol: ref.implements for ref in extract_references(text)}
    assert implements == {"09-KH/HU": ["135-KH/TU"], "135-KH/TU": ["41-CT/TW"], "41-CT/TW": []}


def test_sentence_opening_with_thuc_hien_links_the_issued_plan():
    text = (
        "Thực hiện Nghị quyết số 35-NQ/TW của Bộ Chính trị, Ban Thường vụ Quận ủy ban hành "
        "Kế hoạch số 12-KH/QU."
    )
    assert {ref.symbol: ref.implements for ref in extract_references(text)}["12-KH/QU"] == [
        "35-NQ/TW"
    ]


def test_title_line_does_not_connect_to_the_paragraph_after_it():
    refs = extract_references(
        "KẾ HOẠCH\nthực hiện Kế hoạch số 135-KH/TU của Thành ủy về thực hiện Nghị quyết số"
        " 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị\nThực hiện Kế hoạch số 135-KH/TU, Ban"
        " Thường vụ Quận ủy xây dựng Kế hoạch như sau:"
    )
    assert [(ref.symbol, ref.issuer, ref.implements) for ref in refs] == [
        ("135-KH/TU", "Thành ủy", ["35-NQ/TW"]),
        ("35-NQ/TW", "Bộ Chính trị", []),
    ]


def test_review_report_does_not_implement_what_it_reviews():
    text = "Báo cáo số 312-BC/QU về kết quả 5 năm thực hiện Nghị quyết số 35-NQ/TW"
    assert all(ref.implements == [] for ref in extract_references(text))


def test_legal_basis_is_not_implementation():
    text = "Căn cứ Quy định số 24-QĐ/TW; Ban Thường vụ Quận ủy ban hành Kế hoạch số 3-KH/QU."
    assert all(ref.implements == [] for ref in extract_references(text))


def test_offsets_point_into_the_original_decomposed_text():
    text = unicodedata.normalize("NFD", "Nghị quyết số 04-NQ/TW của Hội nghị Trung ương 4")
    ref = _only(text)
    start, end = ref.mentions[0]
    assert unicodedata.normalize("NFC", text[start:end]) == "Nghị quyết số 04-NQ/TW"
    assert ref.issuer == "Hội nghị Trung ương 4"


_FRAGMENTS = st.sampled_from(
    [
        "Nghị quyết số ",
        "35-NQ/TW",
        " ngày 22/10/2018",
        " của Bộ Chính trị",
        "Kế hoạch ",
        "09-KH/QU",
        " thực hiện ",
        "30/2020/NĐ-CP",
        " và ",
        ", ",
        "số ",
        "5",
        "Thực hiện ",
        " ban hành ",
        "TƯ",
        "/",
        "-",
        "khoá XII",
        "\u0301",
        "12/34",
        ". ",
        "\n",
    ]
)
_TEXTS = st.lists(_FRAGMENTS | st.text(max_size=6), max_size=30).map("".join)


@settings(max_examples=300)
@given(_TEXTS)
def test_extraction_never_raises_and_offsets_slice_the_number(text):
    for ref in extract_references(text):
        assert ref.type
        for start, end in ref.mentions:
            assert 0 <= start < end <= len(text)
            assert ref.number is None or ref.number in unicodedata.normalize("NFC", text[start:end])


@given(st.text())
def test_extraction_never_raises_on_arbitrary_text(text):
    extract_references(text)
