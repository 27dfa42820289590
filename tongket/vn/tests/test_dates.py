import datetime

from hypothesis import given
from hypothesis import strategies as st

from tongket.vn.dates import find_dates, match_date, parse_date


def test_slashed_date_reads_day_first():
    assert parse_date("22/10/2018") == datetime.date(2018, 10, 22)


def test_dashed_and_dotted_dates_read_like_slashed_ones():
    assert parse_date("22-10-2018") == parse_date("22.10.2018") == datetime.date(2018, 10, 22)


def test_single_digit_month_is_accepted():
    assert parse_date("06/3/2020") == datetime.date(2020, 3, 6)


def test_date_in_words_is_read():
    assert parse_date("ngày 22 tháng 10 năm 2018") == datetime.date(2018, 10, 22)


def test_date_in_words_in_capitals_is_read():
    assert parse_date("NGÀY 10 THÁNG 01 NĂM 2024") == datetime.date(2024, 1, 10)


def test_ngay_before_a_numeric_date_is_allowed():
    assert parse_date("ngày 22/10/2018") == datetime.date(2018, 10, 22)


def test_impossible_date_is_rejected():
    assert parse_date("31/02/2023") is None


def test_month_thirteen_is_rejected():
    assert parse_date("12/13/2020") is None


def test_a_symbol_with_a_year_is_not_a_date():
    assert find_dates("Nghị định 30/2020/NĐ-CP") == []


def test_fractions_and_scores_are_not_dates():
    assert find_dates("1/2 số đảng viên, 8/10 chi bộ, 8,5/10 điểm") == []


def test_dates_in_running_text_are_found_with_their_spans():
    text = "Hội nghị diễn ra từ ngày 22/10/2023 đến 24-10-2023."
    found = find_dates(text)
    assert [item.date for item in found] == [
        datetime.date(2023, 10, 22),
        datetime.date(2023, 10, 24),
    ]
    assert text[found[1].start : found[1].end] == "24-10-2023"


def test_match_date_steps_over_an_impossible_date():
    found = match_date("ngày 31/02/2023 (ghi nhầm)", 0, need_ngay=True)
    assert found is not None and found.date is None and found.end == len("ngày 31/02/2023")


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_a_formatted_date_parses_back(day):
    written = [
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{day.day}-{day.month}-{day.year}",
        f"{day.day}.{day.month}.{day.year}",
        f"ngày {day.day} tháng {day.month} năm {day.year}",
    ]
    assert all(parse_date(text) == day for text in written)


@given(st.text())
def test_parse_date_never_raises(text):
    parse_date(text)
