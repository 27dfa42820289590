from hypothesis import given
from hypothesis import strategies as st

from tongket.vn.doctypes import PARTY_CODES
from tongket.vn.symbols import normalize_symbol, parse_symbol


def test_party_symbol_is_kept_as_it_is():
    assert normalize_symbol("35-NQ/TW") == "35-NQ/TW"


def test_spaces_around_the_hyphen_are_removed():
    assert normalize_symbol("35 - NQ/TW") == "35-NQ/TW"


def test_en_and_em_dashes_become_hyphens():
    assert normalize_symbol("35–NQ/TW") == normalize_symbol("35—NQ/TW") == "35-NQ/TW"


def test_lower_case_symbol_is_upper_cased():
    assert normalize_symbol("27-nq/tw") == "27-NQ/TW"


def test_official_mixed_case_codes_keep_their_lower_case_letter():
    assert normalize_symbol("08-QĐI/TW") == "08-QĐi/TW"
    assert normalize_symbol("12-ctr/TU") == "12-CTr/TU"
    assert normalize_symbol("749/qđ-ttg") == "749/QĐ-TTg"


def test_d_without_stroke_is_read_as_d_with_stroke():
    assert normalize_symbol("30/2020/ND-CP") == "30/2020/NĐ-CP"
    assert normalize_symbol("2345/QD-UBND") == "2345/QĐ-UBND"


def test_icelandic_eth_is_read_as_d_with_stroke():
    assert normalize_symbol("30/2020/N\u00d0-CP") == "30/2020/NĐ-CP"


def test_hd_stays_hd_since_it_could_be_huong_dan():
    assert normalize_symbol("36-HD/VPTW") == "36-HD/VPTW"


def test_state_symbols_with_year_and_without():
    assert normalize_symbol("30 /2020/ NĐ-CP") == "30/2020/NĐ-CP"
    assert normalize_symbol("123 / QĐ – UBND") == "123/QĐ-UBND"
    assert normalize_symbol("24/2018/QH14") == "24/2018/QH14"
    assert normalize_symbol("01/2015/TTLT-BNV-BTC") == "01/2015/TTLT-BNV-BTC"


def test_dispatch_symbol_has_no_type_code_and_means_cong_van():
    symbol = parse_symbol("45/UBND-VX")
    assert symbol is not None and symbol.code is None and symbol.default_type == "Công văn"


def test_party_symbol_typed_in_state_shape_is_read_as_party():
    assert normalize_symbol("35/NQ-TW") == "35-NQ/TW"


def test_law_symbol_means_luat():
    symbol = parse_symbol("24/2018/QH14")
    assert symbol is not None and symbol.default_type == "Luật"


def test_tu_with_horn_is_kept_for_the_extractor_to_decide():
    assert normalize_symbol("12-CTr/TƯ") == "12-CTr/TƯ"


def test_numbers_that_are_not_symbols_are_rejected():
    for text in ["12/34", "8/10", "1/2", "2021-2025", "0912-345-678", "12/B3"]:
        assert normalize_symbol(text) is None


def test_key_ignores_leading_zeros():
    first, second = parse_symbol("04-NQ/TW"), parse_symbol("4-NQ/TW")
    assert first is not None and second is not None and first.key == second.key


_ISSUERS = ["TW", "TU", "HU", "QU", "ĐU", "VPTW", "BTCTW", "BTGTU"]


@given(st.integers(1, 99999), st.sampled_from(sorted(PARTY_CODES)), st.sampled_from(_ISSUERS))
def test_a_formatted_party_symbol_parses_back(number, code, issuer):
    written = f"{number}-{code}/{issuer}"
    assert normalize_symbol(written) == written
    assert normalize_symbol(f"{number} – {code.lower()}/{issuer}") == written


@given(
    st.integers(1, 99999),
    st.integers(1990, 2099),
    st.sampled_from(["NĐ-CP", "TT-BNV", "QĐ-TTg", "NQ-HĐND", "TTLT-BNV-BTC"]),
)
def test_a_formatted_state_symbol_parses_back(number, year, tail):
    assert normalize_symbol(f"{number}/{year}/{tail}") == f"{number}/{year}/{tail}"
    assert normalize_symbol(f"{number}/{tail}") == f"{number}/{tail}"


@given(st.text())
def test_normalize_symbol_never_raises(text):
    normalize_symbol(text)
