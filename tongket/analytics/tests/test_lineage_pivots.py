"""Pivots and figures as the tree stood on a date, with the lineage applied."""

from datetime import date
from decimal import Decimal

from tongket.analytics import queries
from tongket.analytics.rollup import parse_span, value_of
from tongket.org.changes import merge_units
from tongket.org.models import UnitKind
from tongket.org.tests.factories import UnitFactory
from tongket.reporting.actions import save_value

REFORM = date(2025, 7, 1)


def _merged(tree, classes, people):  # type: ignore[no-untyped-def]
    """Khương Mai and Hạ Đình merged into a new ward of the city, which reports 2025."""
    new = UnitFactory(
        code="HN-NEW",
        name="Đảng ủy phường Mới",
        kind=UnitKind.WARD_COMMITTEE,
        parent=tree.city,
        valid_from=REFORM,
    )
    merge_units(by=None, units=[tree.ward, classes.hadinh], into=new, effective=REFORM)
    save_value(by=people.admin, unit=new, indicator=classes.indicator, period="2025", raw="7")
    return new


def test_the_city_pivot_today_shows_the_new_ward_with_its_predecessors_history(
    people, classes, tree
):
    new = _merged(tree, classes, people)
    pivot = queries.period_pivot(
        people.city, indicator=classes.indicator, unit=tree.city, span=parse_span("2019..2025")
    )
    rows = {row.label: row.cells[-1].value for row in pivot.rows}
    # 1 (Hạ Đình 2019) + 2 + 3 (Khương Mai) + 4 (its cell, moved with it) + 7 (own, 2025)
    assert rows[new.name] == Decimal(17)
    assert rows["Quận ủy Thanh Xuân"] == Decimal(5)  # its own value; its wards have gone
    assert rows["Toàn Thành ủy Hà Nội"] == Decimal(22)


def test_the_city_pivot_as_the_tree_stood_in_2024_shows_the_district(people, classes, tree):
    _merged(tree, classes, people)
    pivot = queries.period_pivot(
        people.city,
        indicator=classes.indicator,
        unit=tree.city,
        span=parse_span("2019..2025"),
        on=date(2024, 1, 1),
    )
    rows = {row.label: row.cells[-1].value for row in pivot.rows}
    assert rows["Quận ủy Thanh Xuân"] == Decimal(15)  # 5 + 1 + 2 + 3 + 4
    assert "Đảng ủy phường Mới" not in rows


def test_the_dissolved_districts_figures_are_those_of_its_last_day(people, classes, tree):
    before = value_of(classes.indicator, tree.district, parse_span("2019..2023"))
    _merged(tree, classes, people)
    tree.district.valid_to = date(2025, 6, 30)
    tree.district.save()
    assert value_of(classes.indicator, tree.district, parse_span("2019..2023")) == before
