from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tongket.analytics import queries
from tongket.analytics.pivots import RowKind
from tongket.analytics.rollup import parse_span, value_of
from tongket.core.periods import PeriodType
from tongket.org.models import Unit, UnitKind
from tongket.org.tests.factories import UnitFactory
from tongket.programmes.models import Target
from tongket.programmes.tests.factories import IndicatorFactory, ProgrammeFactory
from tongket.reporting.actions import save_value
from tongket.reporting.tests.factories import form_with


def _period_pivot(people, classes, tree, span="2019..2023", **kwargs):
    return queries.period_pivot(
        kwargs.pop("user", people.district),
        indicator=classes.indicator,
        unit=kwargs.pop("unit", tree.district),
        span=parse_span(span),
        **kwargs,
    )


def _values(row):
    return [cell.value for cell in row.cells]


def test_period_pivot_has_a_row_per_child_then_own_values_then_the_total(people, classes, tree):
    pivot = _period_pivot(people, classes, tree)
    assert [(row.kind, row.unit.code) for row in pivot.rows] == [
        (RowKind.CHILD, "HN-THANHXUAN-HADINH"),
        (RowKind.CHILD, "HN-THANHXUAN-KHUONGMAI"),
        (RowKind.OWN, "HN-THANHXUAN"),
        (RowKind.TOTAL, "HN-THANHXUAN"),
    ]
    assert [c.label for c in pivot.columns] == [
        "Năm 2019", "Năm 2020", "Năm 2021", "Năm 2022", "Năm 2023", "Giai đoạn 2019–2023"
    ]  # fmt: skip


def test_period_pivot_cells_are_the_roll_ups(people, classes, tree):
    hadinh, khuongmai, own, total = _period_pivot(people, classes, tree).rows
    assert _values(hadinh) == [1, None, None, None, None, 1]
    assert _values(khuongmai) == [2, 3, 4, None, None, 9]
    assert _values(own) == [5, None, None, None, None, 5]
    assert _values(total) == [8, 3, 4, None, None, 15]


def test_values_outside_the_subtree_never_reach_the_pivot(people, classes, tree):
    pivot = _period_pivot(people, classes, tree, unit=tree.city, user=people.city)
    assert [row.unit.code for row in pivot.rows] == ["HN-THANHXUAN", "HN"]
    assert _values(pivot.rows[-1])[-1] == 15


def test_a_cell_links_to_the_values_behind_it(people, classes, tree):
    khuongmai = _period_pivot(people, classes, tree).rows[1]
    assert khuongmai.cells[1].source.query == (
        "indicator=HT_LOP&unit=HN-THANHXUAN-KHUONGMAI&period=2020"
    )
    assert khuongmai.cells[3].source is None  # nothing behind an empty cell


def test_the_own_values_row_links_to_the_units_own_values(people, classes, tree):
    own = _period_pivot(people, classes, tree).rows[2]
    assert own.cells[0].source.query == "indicator=HT_LOP&unit=HN-THANHXUAN&period=2019&own=1"


def test_a_leaf_unit_has_only_its_total_row(people, classes, tree):
    pivot = _period_pivot(people, classes, tree, unit=tree.cell)
    assert [row.kind for row in pivot.rows] == [RowKind.TOTAL]


def test_columns_can_be_quarters_of_a_year(people, classes, tree):
    pivot = _period_pivot(people, classes, tree, span="2023", column_type=PeriodType.QUARTERLY)
    assert [c.label for c in pivot.columns] == [
        "Quý I/2023", "Quý II/2023", "Quý III/2023", "Quý IV/2023", "Năm 2023"
    ]  # fmt: skip


def test_inside_one_period_the_columns_default_to_the_indicators_periods(tree, people):
    indicator = IndicatorFactory(code="Q", period_type=PeriodType.QUARTERLY.value)
    periods = queries.column_periods(parse_span("2023"), None, indicator)
    assert [p.id for p in periods] == ["2023Q1", "2023Q2", "2023Q3", "2023Q4"]


def test_too_many_columns_are_refused_with_a_reason(classes):
    with pytest.raises(queries.PivotError, match="quá nhiều"):
        queries.column_periods(parse_span("2015..2023"), PeriodType.MONTHLY, classes.indicator)


def test_columns_longer_than_the_window_are_refused_with_a_reason(classes):
    with pytest.raises(queries.PivotError, match="Không có kỳ năm nào"):
        queries.column_periods(parse_span("2023Q1..2023Q3"), PeriodType.YEARLY, classes.indicator)


def test_targets_appear_next_to_their_column(people, classes, tree):
    Target.objects.create(
        indicator=classes.indicator, unit=tree.district, period="2019..2023", value=Decimal(20)
    )
    Target.objects.create(
        indicator=classes.indicator, unit=tree.ward, period="2019..2023", value=Decimal(10)
    )
    pivot = _period_pivot(people, classes, tree)
    assert [c.label for c in pivot.columns][-2:] == ["Giai đoạn 2019–2023", "Mục tiêu"]
    targets = [row.cells[-1].value for row in pivot.rows]
    assert targets == [None, 10, None, 20]


def test_a_unit_that_ended_before_the_window_is_left_out_unless_it_has_values(
    people, classes, tree
):
    UnitFactory(
        code="HN-THANHXUAN-CU",
        name="Đảng ủy phường Cũ",
        kind=UnitKind.WARD_COMMITTEE,
        parent=tree.district,
        valid_to=date(2018, 12, 31),
    )
    pivot = _period_pivot(people, classes, tree)
    assert "HN-THANHXUAN-CU" not in [row.unit.code for row in pivot.rows]


def test_indicator_pivot_has_a_column_per_indicator_of_a_form(people, classes, tree):
    members = IndicatorFactory(code="DV_MOI", name="Đảng viên mới", unit_of_measure="người")
    save_value(by=people.admin, unit=tree.ward, indicator=members, period="2020", raw="7")
    form = form_with(classes.indicator, members, code="BM01", name="Biểu tổng hợp")
    pivot = queries.indicator_pivot(
        people.district,
        indicators=queries.indicators_of(form),
        unit=tree.district,
        span=parse_span("2019..2023"),
        title=form.name,
    )
    assert [c.heading for c in pivot.columns] == ["Số lớp tập huấn (lớp)", "Đảng viên mới (người)"]
    assert [_values(row) for row in pivot.rows] == [[1, None], [9, 7], [5, None], [15, 7]]


def test_computed_indicators_are_computed_in_every_cell(people, tree, hadinh):
    done = IndicatorFactory(code="HT_DAHOC")
    total = IndicatorFactory(code="HT_TONG")
    rate = IndicatorFactory(code="HT_TYLE", formula="{HT_DAHOC} / {HT_TONG} * 100")
    for unit, indicator, raw in [
        (tree.ward, done, "45"),
        (tree.ward, total, "50"),
        (hadinh, done, "3"),
        (hadinh, total, "0"),
    ]:
        save_value(by=people.admin, unit=unit, indicator=indicator, period="2023", raw=raw)
    pivot = queries.indicator_pivot(
        people.district,
        indicators=(done, total, rate),
        unit=tree.district,
        span=parse_span("2023"),
        title="",
    )
    assert [_values(row) for row in pivot.rows] == [[3, 0, None], [45, 50, 90], [48, 50, 96]]


def test_a_unit_outside_the_users_subtree_is_not_found(people, classes, tree):
    with pytest.raises(Unit.DoesNotExist):
        queries.period_pivot(
            people.ward, indicator=classes.indicator, unit=tree.other_ward, span=parse_span("2019")
        )
    with pytest.raises(Unit.DoesNotExist):
        queries.value_sources(
            people.ward, indicator=classes.indicator, unit=tree.district, span=parse_span("2019")
        )


def test_programmes_of_units_above_and_below_are_visible(people, classes, tree):
    ProgrammeFactory(code="KH115", name="Kế hoạch 115 của Thành ủy", owner=tree.city)
    ProgrammeFactory(code="KH_PHUONG", name="Kế hoạch của phường", owner=tree.ward)
    assert {p.code for p in queries.visible_programmes(people.ward)} == {
        "NQ35", "KH115", "KH_PHUONG"
    }  # fmt: skip
    assert {p.code for p in queries.visible_programmes(people.district)} == {
        "NQ35", "KH115", "KH_PHUONG"
    }  # fmt: skip
    assert {p.code for p in queries.visible_programmes(people.otherward)} == {"NQ35"}


def test_export_rows_hold_the_numbers_of_the_table(people, classes, tree):
    pivot = _period_pivot(people, classes, tree)
    assert pivot.header()[:3] == ["Đơn vị", "Mã đơn vị", "Năm 2019"]
    assert pivot.table_rows()[-1] == [
        "Toàn Quận ủy Thanh Xuân",
        "HN-THANHXUAN",
        8,
        3,
        4,
        None,
        None,
        15,
    ]


def test_sources_list_who_entered_each_value(people, classes, tree):
    values = queries.value_sources(
        people.district, indicator=classes.indicator, unit=tree.district, span=parse_span("2019")
    )
    lines = queries.describe_sources(values)
    assert [(line.unit.code, line.period, line.value, line.entered_by) for line in lines] == [
        ("HN-THANHXUAN-HADINH", "Năm 2019", "1", "admin"),
        ("HN-THANHXUAN-KHUONGMAI", "Năm 2019", "2", "admin"),
        ("HN-THANHXUAN", "Năm 2019", "5", "admin"),
    ]


def test_own_sources_are_only_the_values_stored_on_the_unit(people, classes, tree):
    values = queries.value_sources(
        people.district,
        indicator=classes.indicator,
        unit=tree.district,
        span=parse_span("2019"),
        own_only=True,
    )
    assert [v.unit.code for v in values] == ["HN-THANHXUAN"]


def _wards(district: Unit, count: int) -> list[Unit]:
    return [
        UnitFactory(
            code=f"{district.code}-P{n}",
            name=f"Đảng ủy phường {n}",
            kind=UnitKind.WARD_COMMITTEE,
            parent=district,
        )
        for n in range(count)
    ]


def _pivot_queries(user, indicator, unit, span) -> int:
    with CaptureQueriesContext(connection) as captured:
        queries.period_pivot(user, indicator=indicator, unit=unit, span=parse_span(span))
    return len(captured)


def test_pivot_queries_do_not_grow_with_children_or_periods(people, classes, tree):
    small = _pivot_queries(people.district, classes.indicator, tree.district, "2019..2020")
    for ward in _wards(tree.district, 12):
        for year in range(2019, 2024):
            save_value(
                by=people.admin, unit=ward, indicator=classes.indicator, period=str(year), raw="1"
            )
    large = _pivot_queries(people.district, classes.indicator, tree.district, "2014..2023")
    assert large == small


def test_a_pivot_of_twelve_wards_over_ten_years_reads_four_queries(
    people, classes, tree, django_assert_max_num_queries
):
    for ward in _wards(tree.district, 12):
        for year in range(2014, 2024):
            save_value(
                by=people.admin, unit=ward, indicator=classes.indicator, period=str(year), raw="2"
            )
    with django_assert_max_num_queries(4):  # two layers of columns, children, targets
        pivot = queries.period_pivot(
            people.district,
            indicator=classes.indicator,
            unit=tree.district,
            span=parse_span("2014..2023"),
        )
    assert len(pivot.rows) == 12 + 2 + 2 and len(pivot.columns) == 11  # + own row and total
    assert _values(pivot.rows[-1])[-1] == 12 * 10 * 2 + 15


def test_pivot_of_computed_indicators_reads_a_bounded_number_of_queries(
    people, tree, django_assert_max_num_queries
):
    done = IndicatorFactory(code="HT_DAHOC")
    total = IndicatorFactory(code="HT_TONG")
    rate = IndicatorFactory(code="HT_TYLE", formula="{HT_DAHOC} / {HT_TONG} * 100")
    for ward in _wards(tree.district, 10):
        for year in range(2019, 2024):
            for indicator, raw in [(done, "9"), (total, "10")]:
                save_value(
                    by=people.admin, unit=ward, indicator=indicator, period=str(year), raw=raw
                )
    with django_assert_max_num_queries(8):
        pivot = queries.period_pivot(
            people.district, indicator=rate, unit=tree.district, span=parse_span("2019..2023")
        )
    assert _values(pivot.rows[-1]) == [90] * 6
    assert value_of(rate, tree.district, parse_span("2019..2023")) == 90
