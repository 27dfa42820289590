from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tongket.core.periods import (
    DayOfMonthAfterEnd,
    DaysAfterEnd,
    Period,
    PeriodType,
    Timeliness,
    Window,
    due_date,
    parse_period_or_window,
    periods_of_type_within,
    timeliness,
)

MONTHLY = PeriodType.MONTHLY
QUARTERLY = PeriodType.QUARTERLY
SIX_MONTHLY = PeriodType.SIX_MONTHLY
NINE_MONTHS = PeriodType.NINE_MONTHS
YEARLY = PeriodType.YEARLY


def p(text: str) -> Period:
    return Period.parse(text)


ANY_TYPE = st.sampled_from(PeriodType)
MODERN_YEARS = st.integers(1900, 2100)


@st.composite
def periods(draw, types=ANY_TYPE, years=MODERN_YEARS):
    chosen = draw(types)
    numbers = {MONTHLY: 12, QUARTERLY: 4, SIX_MONTHLY: 2, NINE_MONTHS: 1, YEARLY: 1}
    return Period.of(chosen, draw(years), draw(st.integers(1, numbers[chosen])))


# --- Parsing and identifiers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "period_type", "start", "end"),
    [
        ("202301", MONTHLY, date(2023, 1, 1), date(2023, 1, 31)),
        ("202402", MONTHLY, date(2024, 2, 1), date(2024, 2, 29)),
        ("2023Q1", QUARTERLY, date(2023, 1, 1), date(2023, 3, 31)),
        ("2023Q4", QUARTERLY, date(2023, 10, 1), date(2023, 12, 31)),
        ("2023S1", SIX_MONTHLY, date(2023, 1, 1), date(2023, 6, 30)),
        ("2023S2", SIX_MONTHLY, date(2023, 7, 1), date(2023, 12, 31)),
        ("2023N9", NINE_MONTHS, date(2023, 1, 1), date(2023, 9, 30)),
        ("2023", YEARLY, date(2023, 1, 1), date(2023, 12, 31)),
    ],
)
def test_each_identifier_names_its_days(text, period_type, start, end):
    period = p(text)
    assert (period.type, period.start, period.end) == (period_type, start, end)


@given(periods(years=st.integers(1, 9999)))
def test_identifier_parses_back_to_the_same_period(period):
    assert Period.parse(period.id) == period


@given(periods())
def test_string_of_a_period_is_its_identifier(period):
    assert str(period) == period.id


def test_surrounding_spaces_are_ignored():
    assert p(" 2023Q1 \n") == p("2023Q1")


@pytest.mark.parametrize(
    ("text", "explanation"),
    [
        ("2023Q5", "quý phải từ 1 đến 4"),
        ("2023Q0", "quý phải từ 1 đến 4"),
        ("202313", "tháng phải từ 01 đến 12"),
        ("202300", "tháng phải từ 01 đến 12"),
        ("2023S3", "nửa năm phải là 1"),
        ("2023-01", "'202301'"),
        ("2023q1", "viết hoa: '2023Q1'"),
        ("2023Q01", "viết là '2023Q1'"),
        ("2023N6", "'N9'"),
        ("0000", "năm phải từ 0001"),
    ],
)
def test_malformed_identifier_is_explained_in_vietnamese(text, explanation):
    with pytest.raises(ValueError, match="Kỳ báo cáo không hợp lệ") as error:
        Period.parse(text)
    assert f"'{text}'" in str(error.value)
    assert explanation in str(error.value)


@pytest.mark.parametrize("text", ["", "abc", "23Q1", "2023W1", "202301B", "2023April", "２０２３"])
def test_unsupported_identifier_lists_the_accepted_forms(text):
    with pytest.raises(ValueError, match=r"Dùng mã kỳ DHIS2: 2023 \(năm\), 2023S1"):
        Period.parse(text)


def test_period_number_out_of_range_is_refused():
    with pytest.raises(ValueError, match="không tồn tại"):
        Period.of(QUARTERLY, 2023, 5)


def test_period_cannot_start_mid_quarter():
    with pytest.raises(ValueError, match="không thể bắt đầu ngày 01/02/2023"):
        Period(QUARTERLY, date(2023, 2, 1))


# --- Labels --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "vietnamese", "english"),
    [
        ("202301", "Tháng 1/2023", "January 2023"),
        ("202312", "Tháng 12/2023", "December 2023"),
        ("2023Q1", "Quý I/2023", "Q1 2023"),
        ("2023Q4", "Quý IV/2023", "Q4 2023"),
        ("2023S1", "6 tháng đầu năm 2023", "First half of 2023"),
        ("2023S2", "6 tháng cuối năm 2023", "Second half of 2023"),
        ("2023N9", "9 tháng đầu năm 2023", "First nine months of 2023"),
        ("2023", "Năm 2023", "2023"),
    ],
)
def test_labels_in_vietnamese_and_english(text, vietnamese, english):
    assert p(text).label() == vietnamese
    assert p(text).label("en") == english


def test_label_accepts_regional_language_tags():
    assert p("2023Q3").label("vi-VN") == "Quý III/2023"
    assert p("2023Q3").label("en_US") == "Q3 2023"


def test_label_in_an_unknown_language_is_a_programming_error():
    with pytest.raises(ValueError, match="Unsupported language"):
        p("2023").label("fr")


# --- Ordering ------------------------------------------------------------------------------


def test_periods_sort_by_first_day_then_shortest_first():
    texts = ["2023", "2023N9", "2023S1", "2023Q1", "202301", "202212", "2023Q2"]
    assert [x.id for x in sorted(map(p, texts))] == [
        "202212",
        "202301",
        "2023Q1",
        "2023S1",
        "2023N9",
        "2023",
        "2023Q2",
    ]


@given(periods(), periods())
def test_order_follows_first_day(a, b):
    if a.start < b.start:
        assert a < b
    if a == b:
        assert a <= b and not a < b


# --- Previous and next ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "previous", "following"),
    [
        ("202301", "202212", "202302"),
        ("202312", "202311", "202401"),
        ("2023Q1", "2022Q4", "2023Q2"),
        ("2023Q4", "2023Q3", "2024Q1"),
        ("2023S1", "2022S2", "2023S2"),
        ("2023N9", "2022N9", "2024N9"),
        ("2023", "2022", "2024"),
    ],
)
def test_previous_and_next_cross_year_boundaries(text, previous, following):
    assert p(text).previous() == p(previous)
    assert p(text).next() == p(following)


@given(periods())
def test_next_undoes_previous(period):
    assert period.previous().next() == period


@given(periods(st.sampled_from([MONTHLY, QUARTERLY, SIX_MONTHLY, YEARLY])))
def test_consecutive_periods_of_a_type_leave_no_gap(period):
    assert (period.next().start - period.end).days == 1


@pytest.mark.parametrize(
    ("text", "expected"), [("202303", "202203"), ("2023Q2", "2022Q2"), ("2023N9", "2022N9")]
)
def test_same_period_previous_year(text, expected):
    assert p(text).same_period_previous_year() == p(expected)


def test_shifting_beyond_year_9999_is_refused():
    with pytest.raises(ValueError, match="ngoài phạm vi"):
        p("9999").next()


# --- Containment and decomposition ---------------------------------------------------------


def test_year_contains_its_quarters_and_nine_months():
    assert p("2023").contains(p("2023Q4"))
    assert p("2023").contains(p("2023N9"))
    assert not p("2023Q4").contains(p("2023"))


def test_nine_months_does_not_contain_the_fourth_quarter():
    assert p("2023N9").contains(p("2023Q3"))
    assert not p("2023N9").contains(p("2023Q4"))
    assert not p("2023N9").contains(p("2023S2"))


def test_contains_a_date_on_either_edge():
    assert p("2023Q1").contains(date(2023, 1, 1))
    assert p("2023Q1").contains(date(2023, 3, 31))
    assert not p("2023Q1").contains(date(2023, 4, 1))


def test_months_of_the_nine_month_period():
    assert [m.id for m in p("2023N9").months()] == [f"2023{m:02d}" for m in range(1, 10)]


def test_half_year_splits_into_two_quarters():
    assert p("2023S2").periods(QUARTERLY) == [p("2023Q3"), p("2023Q4")]


def test_longer_type_does_not_fit_in_a_shorter_period():
    assert p("2023Q1").periods(YEARLY) == []


@given(periods(), st.sampled_from(PeriodType))
def test_decomposition_lies_inside_and_in_order(period, period_type):
    parts = period.periods(period_type)
    assert all(period.contains(part) for part in parts)
    assert parts == sorted(parts)
    assert all(part.type is period_type for part in parts)


@given(periods())
def test_months_cover_every_day_of_the_period(period):
    months = period.months()
    assert months[0].start == period.start
    assert months[-1].end == period.end
    assert sum((m.end - m.start).days + 1 for m in months) == (period.end - period.start).days + 1


def test_periods_within_arbitrary_days_leave_out_the_partial_edges():
    within = periods_of_type_within(QUARTERLY, date(2023, 1, 2), date(2023, 12, 30))
    assert within == [p("2023Q2"), p("2023Q3")]


# --- Containing a date ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period_type", "expected"),
    [
        (MONTHLY, "202308"),
        (QUARTERLY, "2023Q3"),
        (SIX_MONTHLY, "2023S2"),
        (NINE_MONTHS, "2023N9"),
        (YEARLY, "2023"),
    ],
)
def test_period_containing_a_date(period_type, expected):
    assert Period.containing(date(2023, 8, 15), period_type) == p(expected)


def test_no_nine_month_period_contains_a_day_in_the_fourth_quarter():
    with pytest.raises(ValueError, match="15/11/2023 không thuộc kỳ 9 tháng đầu năm"):
        Period.containing(date(2023, 11, 15), NINE_MONTHS)


@given(
    st.dates(date(1900, 1, 1), date(2100, 12, 31)),
    st.sampled_from([MONTHLY, QUARTERLY, SIX_MONTHLY, YEARLY]),
)
def test_period_containing_a_date_contains_it(day, period_type):
    period = Period.containing(day, period_type)
    assert period.type is period_type
    assert period.contains(day)


# --- Windows -------------------------------------------------------------------------------


def test_five_year_window_holds_20_quarters_5_years_and_60_months():
    window = Window.parse("2019..2023")
    assert len(window.periods(QUARTERLY)) == 20
    assert len(window.periods(YEARLY)) == 5
    assert len(window.months()) == 60
    assert len(window.periods(NINE_MONTHS)) == 5
    assert len(window.periods(SIX_MONTHLY)) == 10


def test_window_runs_from_first_day_of_first_to_last_day_of_last():
    window = Window.parse("2022Q1..2022Q3")
    assert (window.start, window.end) == (date(2022, 1, 1), date(2022, 9, 30))
    assert window.periods() == [p("2022Q1"), p("2022Q2"), p("2022Q3")]


def test_window_of_one_period_is_allowed():
    assert Window.parse("2023..2023").periods() == [p("2023")]


def test_window_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError, match=r"'2023\.\.2019' — kỳ cuối \(2019\) đứng trước"):
        Window.parse("2023..2019")


def test_window_with_ends_of_different_types_is_refused():
    with pytest.raises(ValueError, match="hai đầu phải cùng loại kỳ"):
        Window.parse("2022Q1..2022S2")


@pytest.mark.parametrize("text", ["2019...2023", "2019..2020..2021", "2019.."])
def test_malformed_window_is_explained(text):
    with pytest.raises(ValueError, match="không hợp lệ"):
        Window.parse(text)


def test_bad_period_inside_a_window_is_named():
    with pytest.raises(ValueError, match="'2023Q5' — quý phải từ 1 đến 4"):
        Window.parse("2023Q1..2023Q5")


@pytest.mark.parametrize(
    ("text", "previous"),
    [
        ("2019..2023", "2014..2018"),
        ("2022Q1..2022Q3", "2021Q2..2021Q4"),
        ("202301..202301", "202212..202212"),
        ("2019N9..2023N9", "2014N9..2018N9"),
    ],
)
def test_previous_window_has_the_same_length_just_before(text, previous):
    assert Window.parse(text).previous() == Window.parse(previous)


@given(periods(), st.integers(0, 30))
def test_previous_window_ends_just_before_and_has_as_many_periods(first, extra):
    window = Window(first, first.shift(extra))
    previous = window.previous()
    assert len(previous.periods()) == len(window.periods())
    assert previous.last.next() == window.first


def test_same_window_of_the_previous_year():
    window = Window.parse("2022Q1..2022Q3")
    assert window.same_period_previous_year() == Window.parse("2021Q1..2021Q3")


def test_window_contains_periods_and_windows():
    window = Window.parse("2019..2023")
    assert window.contains(p("2021Q2"))
    assert window.contains(Window.parse("2020Q1..2020Q4"))
    assert not window.contains(p("2024Q1"))


@given(periods(), st.integers(0, 30))
def test_window_identifier_parses_back(first, extra):
    window = Window(first, first.shift(extra))
    assert Window.parse(window.id) == window
    assert parse_period_or_window(str(window)) == window


@pytest.mark.parametrize(
    ("text", "vietnamese", "english"),
    [
        ("2019..2023", "Giai đoạn 2019–2023", "2019–2023"),
        ("2022Q1..2022Q3", "Từ quý I/2022 đến quý III/2022", "Q1 2022 to Q3 2022"),
        ("202301..202306", "Từ tháng 1/2023 đến tháng 6/2023", "January 2023 to June 2023"),
    ],
)
def test_window_labels(text, vietnamese, english):
    assert Window.parse(text).label() == vietnamese
    assert Window.parse(text).label("en") == english


def test_period_or_window_is_accepted_where_a_period_is():
    assert parse_period_or_window("2023Q1") == p("2023Q1")
    assert parse_period_or_window("2019..2023") == Window(p("2019"), p("2023"))


# --- Due dates and timeliness --------------------------------------------------------------


def test_due_a_number_of_days_after_the_period_ends():
    assert due_date(p("2023Q1"), DaysAfterEnd(10)) == date(2023, 4, 10)
    assert due_date(p("202312"), DaysAfterEnd(5)) == date(2024, 1, 5)


def test_due_on_a_day_of_the_following_month():
    assert due_date(p("2023S1"), DayOfMonthAfterEnd(5)) == date(2023, 7, 5)


def test_due_before_the_period_ends():
    assert due_date(p("2023Q2"), DayOfMonthAfterEnd(20, months_after_end=0)) == date(2023, 6, 20)


def test_due_day_past_the_end_of_a_short_month_falls_on_its_last_day():
    assert due_date(p("202301"), DayOfMonthAfterEnd(31)) == date(2023, 2, 28)


def test_due_date_of_a_window_follows_its_last_period():
    assert due_date(Window.parse("2019..2023"), DaysAfterEnd(15)) == date(2024, 1, 15)


@pytest.mark.parametrize(
    "make_rule",
    [
        lambda: DaysAfterEnd(-1),
        lambda: DayOfMonthAfterEnd(0),
        lambda: DayOfMonthAfterEnd(32),
        lambda: DayOfMonthAfterEnd(5, months_after_end=-1),
    ],
)
def test_impossible_due_rules_are_refused(make_rule):
    with pytest.raises(ValueError):
        make_rule()


DUE = date(2023, 4, 10)


@pytest.mark.parametrize(
    ("submitted_on", "today", "expected"),
    [
        (date(2023, 4, 2), date(2023, 5, 1), Timeliness.ON_TIME),
        (DUE, DUE, Timeliness.ON_TIME),
        (date(2023, 4, 11), date(2023, 5, 1), Timeliness.LATE),
        (None, date(2023, 4, 11), Timeliness.MISSING),
        (None, DUE, Timeliness.NOT_YET_DUE),
    ],
)
def test_timeliness(submitted_on, today, expected):
    assert timeliness(due=DUE, submitted_on=submitted_on, today=today) is expected


def test_timeliness_refuses_datetimes_whose_day_depends_on_the_time_zone():
    with pytest.raises(TypeError):
        timeliness(due=DUE, submitted_on=datetime(2023, 4, 10, 23, 30), today=DUE)
