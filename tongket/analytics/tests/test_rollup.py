from decimal import Decimal

import pytest

from tongket.analytics.rollup import children_values, parse_span, sources, value_of
from tongket.core.periods import PeriodType, Window
from tongket.programmes.models import Aggregation, ValueType
from tongket.programmes.tests.factories import IndicatorFactory, category_with_options
from tongket.reporting.actions import save_value


def test_sum_covers_the_subtree_and_nothing_outside_it(classes, tree):
    assert value_of(classes.indicator, tree.district, parse_span("2019..2023")) == 15
    assert value_of(classes.indicator, tree.ward, parse_span("2019..2023")) == 9
    assert value_of(classes.indicator, tree.root, parse_span("2019")) == 108


def test_a_unit_with_no_values_has_no_figure(classes, tree):
    assert value_of(classes.indicator, tree.other_district, parse_span("2020")) is None


def test_a_period_counts_only_values_lying_inside_it(classes, tree):
    assert value_of(classes.indicator, tree.district, parse_span("2020")) == 3
    assert value_of(classes.indicator, tree.district, parse_span("2022..2023")) is None


def test_a_quarterly_indicator_over_a_window_sums_its_twenty_quarters(tree, people):
    indicator = IndicatorFactory(code="HN_QUY", period_type=PeriodType.QUARTERLY.value)
    window = Window.parse("2019..2023")
    for number, quarter in enumerate(window.periods(PeriodType.QUARTERLY), start=1):
        save_value(
            by=people.admin, unit=tree.ward, indicator=indicator, period=quarter.id, raw=str(number)
        )
    assert len(window.periods(PeriodType.QUARTERLY)) == 20
    assert value_of(indicator, tree.district, window) == sum(range(1, 21))
    assert value_of(indicator, tree.district, parse_span("2023")) == 17 + 18 + 19 + 20
    assert value_of(indicator, tree.district, parse_span("2022Q2..2022Q3")) == 14 + 15


@pytest.fixture
def participants(tree, people):
    """Participants by group: key cadres (CBCC) and members (DV), in two wards."""
    indicator = IndicatorFactory(
        code="HT_NGUOI", category=category_with_options("CBCC", "DV"), value_type=ValueType.INTEGER
    )
    for unit, option, raw in [
        (tree.ward, "CBCC", "12"),
        (tree.ward, "DV", "30"),
        (tree.cell, "DV", "8"),
        (tree.other_ward, "CBCC", "50"),
    ]:
        save_value(
            by=people.admin, unit=unit, indicator=indicator, period="2023", raw=raw, option=option
        )
    return indicator


def test_a_disaggregated_total_adds_every_option(participants, tree):
    assert value_of(participants, tree.district, parse_span("2023")) == 50


def test_one_option_counts_only_its_values(participants, tree):
    assert value_of(participants, tree.district, parse_span("2023"), "CBCC") == 12
    assert value_of(participants, tree.district, parse_span("2023"), "DV") == 38


def test_count_is_of_reporting_units_not_of_values(participants, tree):
    participants.aggregation = Aggregation.COUNT
    participants.save()
    assert value_of(participants, tree.district, parse_span("2023")) == 2
    assert value_of(participants, tree.district, parse_span("2023"), "CBCC") == 1


def test_last_takes_each_units_latest_value_in_the_span(tree, people):
    teams = IndicatorFactory(
        code="DOI_NGU", aggregation=Aggregation.LAST, period_type=PeriodType.QUARTERLY.value
    )
    for unit, period, raw in [
        (tree.ward, "2022Q4", "1"),
        (tree.ward, "2023Q2", "3"),
        (tree.cell, "2023Q1", "2"),
        (tree.cell, "2023Q4", "5"),
    ]:
        save_value(by=people.admin, unit=unit, indicator=teams, period=period, raw=raw)
    assert value_of(teams, tree.district, parse_span("2019..2023")) == 3 + 5
    assert value_of(teams, tree.district, parse_span("2023S1")) == 3 + 2


@pytest.fixture
def studied(tree, people):
    """Cadres who studied the resolution, out of all cadres, and the computed rate."""
    done = IndicatorFactory(code="HT_DAHOC")
    total = IndicatorFactory(code="HT_TONG")
    rate = IndicatorFactory(
        code="HT_TYLE", formula="{HT_DAHOC} / {HT_TONG} * 100", value_type=ValueType.PERCENTAGE
    )
    for unit, indicator, raw in [
        (tree.ward, done, "45"),
        (tree.ward, total, "50"),
        (tree.cell, done, "9"),
        (tree.cell, total, "10"),
        (tree.other_ward, done, "1"),
        (tree.other_ward, total, "0"),
    ]:
        save_value(by=people.admin, unit=unit, indicator=indicator, period="2023", raw=raw)
    return rate


def test_a_computed_indicator_is_a_ratio_of_sums(studied, tree):
    assert value_of(studied, tree.district, parse_span("2023")) == 90
    assert value_of(studied, tree.cell, parse_span("2023")) == 90


def test_a_computed_indicator_divided_by_zero_has_no_value(studied, tree):
    assert value_of(studied, tree.other_ward, parse_span("2023")) is None


def test_a_computed_indicator_without_an_operand_has_no_value(studied, tree):
    assert value_of(studied, tree.ward, parse_span("2022")) is None


def test_average_min_and_max_read_every_value(tree, people):
    score = IndicatorFactory(code="DIEM", value_type=ValueType.NUMBER)
    for unit, raw in [(tree.ward, "7"), (tree.cell, "8,5"), (tree.other_ward, "1")]:
        save_value(by=people.admin, unit=unit, indicator=score, period="2023", raw=raw)
    span = parse_span("2023")
    expected = {
        Aggregation.AVERAGE: Decimal("7.75"),
        Aggregation.MIN: 7,
        Aggregation.MAX: Decimal("8.5"),
    }
    for aggregation, value in expected.items():
        score.aggregation = aggregation
        assert value_of(score, tree.district, span) == value


def test_sources_name_who_entered_each_value_in_unit_name_order(classes, tree, people):
    values = list(sources(classes.indicator, tree.ward, parse_span("2019..2023")))
    assert [(v.unit.name, v.period, v.entered_by) for v in values] == [
        ("Chi bộ Tổ dân phố số 1", "2021", people.admin),
        ("Đảng ủy phường Khương Mai", "2019", people.admin),
        ("Đảng ủy phường Khương Mai", "2020", people.admin),
    ]


def test_sources_of_a_computed_indicator_are_its_operands_values(studied, tree):
    values = sources(studied, tree.ward, parse_span("2023"))
    assert sorted((v.indicator.code, v.unit.code) for v in values) == [
        ("HT_DAHOC", "HN-THANHXUAN-KHUONGMAI"),
        ("HT_DAHOC", "HN-THANHXUAN-KHUONGMAI-TDP01"),
        ("HT_TONG", "HN-THANHXUAN-KHUONGMAI"),
        ("HT_TONG", "HN-THANHXUAN-KHUONGMAI-TDP01"),
    ]


def test_children_values_roll_up_each_child(classes, tree):
    values = children_values(
        classes.indicator, tree.district, [classes.hadinh, tree.ward], parse_span("2019..2023")
    )
    assert values == {classes.hadinh.pk: 1, tree.ward.pk: 9}


def test_children_values_of_units_further_down_still_roll_up_each(classes, tree):
    values = children_values(
        classes.indicator, tree.district, [tree.cell], parse_span("2019..2023")
    )
    assert values == {tree.cell.pk: 4}


def test_a_malformed_span_says_what_is_wrong():
    with pytest.raises(ValueError, match="Kỳ báo cáo không hợp lệ"):
        parse_span("2019-2023")
