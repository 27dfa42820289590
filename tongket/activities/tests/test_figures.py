"""Figures computed from the register go through the same roll-up as typed values."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tongket.activities.actions import (
    ActivityInput,
    Count,
    delete_activity,
    record_activity,
    update_activity,
)
from tongket.activities.figures import parse_source
from tongket.activities.models import Activity
from tongket.analytics import rollup
from tongket.api.models import ApiToken
from tongket.core.periods import Period, PeriodType, Window
from tongket.programmes.models import Indicator
from tongket.reporting.actions import ValueRefused, save_value
from tongket.reporting.models import DataValue


def _analytics(user, indicator: str, period: str, unit: str):  # type: ignore[no-untyped-def]
    response = Client().get(
        "/api/v1/analytics",
        {"indicator": indicator, "period": period, "orgUnit": unit},
        headers={"Authorization": f"Bearer {ApiToken.issue(user)}"},
    )
    assert response.status_code == 200, response.content
    return response.json()["value"] or 0


def _indicator(code: str) -> Indicator:
    return Indicator.objects.get(code=code)


def test_a_training_posted_by_the_ward_raises_the_district_figure_by_exactly_one(people, programme):
    before = _analytics(people.district, "LOP_TAPHUAN", "2023", "HN-THANHXUAN")
    response = Client().post(
        "/api/v1/activities",
        {
            "orgUnit": "HN-THANHXUAN-KHUONGMAI",
            "kind": "training",
            "date": "2023-09-12",
            "title": "Lớp bồi dưỡng nghiệp vụ tuyên truyền",
            "documents": ["35-NQ/TW"],
            "participants": {"CBCC": 14, "DV": 40},
        },
        content_type="application/json",
        headers={"Authorization": f"Bearer {ApiToken.issue(people.ward)}"},
    )
    assert response.status_code == 200 and set(response.json()) == {"id"}
    assert _analytics(people.district, "LOP_TAPHUAN", "2023", "HN-THANHXUAN") == before + 1
    assert _analytics(people.district, "LOP_TAPHUAN", "2022", "HN-THANHXUAN") == 0


def test_moving_an_activity_to_another_year_moves_its_count(people, tree, record):
    activity = record(people.ward, tree.ward, day=date(2022, 3, 1))
    update_activity(
        by=people.ward,
        activity=activity,
        data=ActivityInput(
            organiser=tree.ward, kind="training", title="Lớp", date=date(2023, 3, 1)
        ),
    )
    window = Window.parse("2022..2023")
    values = DataValue.objects.filter(indicator__code="LOP_TAPHUAN")
    assert [(v.period, v.numeric) for v in values] == [("2023", Decimal(1))]
    assert rollup.value_of(_indicator("LOP_TAPHUAN"), tree.district, window) == 1


def test_deleting_the_last_activity_clears_the_figure(people, tree, record):
    activity = record(people.ward, tree.ward)
    delete_activity(by=people.ward, activity=activity)
    assert not DataValue.objects.filter(indicator__code="LOP_TAPHUAN").exists()


def test_participants_are_stored_per_group_of_the_disaggregation(people, tree, record):
    record(people.ward, tree.ward, kind="study", CBCC=(12, 12), DV=80)
    record(people.ward, tree.ward, kind="study", CBCC=(10, 12), DOANVIEN=30)
    stored = {v.option: v.numeric for v in DataValue.objects.filter(indicator__code="HT_THAMGIA")}
    assert stored == {"CBCC": 22, "DV": 80, "DOANVIEN": 30}


def test_coverage_counts_the_best_attended_session_not_the_sum(people, tree, record):
    record(people.ward, tree.ward, kind="study", day=date(2023, 2, 1), CBCC=(9, 12))
    record(people.ward, tree.ward, kind="study", day=date(2023, 4, 1), CBCC=(12, 12))
    coverage = rollup.value_of(_indicator("HT_CBCC_TYLE"), tree.district, Period.parse("2023"))
    assert coverage == 100
    assert rollup.value_of(_indicator("HT_CBCC_DAHOC"), tree.district, Period.parse("2023")) == 12


def test_a_typed_value_for_a_record_sourced_indicator_is_refused(people, tree, programme):
    with pytest.raises(ValueRefused, match="tính từ hồ sơ"):
        save_value(
            by=people.district,
            unit=tree.district,
            indicator=_indicator("LOP_TAPHUAN"),
            period="2023",
            raw="3",
        )


def test_a_typed_value_through_the_api_is_a_conflict(people, programme):
    response = Client().post(
        "/api/v1/datavalues",
        {
            "dataValues": [
                {
                    "orgUnit": "HN-THANHXUAN",
                    "indicator": "HN_CHUYENDE",
                    "period": "2023",
                    "value": "2",
                }
            ]
        },
        content_type="application/json",
        headers={"Authorization": f"Bearer {ApiToken.issue(people.district)}"},
    )
    summary = response.json()
    assert summary["imported"] == 0 and len(summary["conflicts"]) == 1
    assert not DataValue.objects.filter(indicator__code="HN_CHUYENDE").exists()


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("activities:count:training", ("count", "training", "")),
        ("activities:participants:study", ("participants", "study", "")),
        ("activities:reached:study:CBCC", ("reached", "study", "CBCC")),
        ("activities:count:picnic", None),
        ("activities:reached:study", None),
        ("honours:collectives", None),
    ],
)
def test_sources_are_parsed_or_ignored(text, parsed):
    source = parse_source(text)
    assert (None if source is None else (source.measure, source.kind, source.group)) == parsed


# Brute force: count and add up the activities themselves, with no stored values.
def _reference(activities: list[tuple[int, int, str, int]], units, top, start: int, end: int):  # type: ignore[no-untyped-def]
    inside = [a for a in activities if top.contains(units[a[0]]) and start <= a[1] <= end]
    return (
        sum(1 for a in inside if a[2] == "training"),
        sum(a[3] for a in inside if a[2] == "study"),
    )


activity_lists = st.lists(
    st.tuples(
        st.integers(0, 4),  # unit
        st.integers(2019, 2023),  # year
        st.sampled_from(["training", "study", "conference"]),
        st.integers(0, 50),  # key cadres taking part
    ),
    max_size=12,
)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(activities=activity_lists, window=st.tuples(st.integers(2019, 2023), st.integers(0, 4)))
def test_counts_and_participants_roll_up_like_a_brute_force_count(
    people, tree, programme, activities, window
):
    Activity.objects.all().delete()
    DataValue.objects.all().delete()
    units = [tree.district, tree.ward, tree.cell, tree.other_ward, tree.city]
    for index, (unit, year, kind, cadres) in enumerate(activities):
        record_activity(
            by=people.admin,
            data=ActivityInput(
                organiser=units[unit],
                kind=kind,
                title=f"Hoạt động {index}",
                date=date(year, 1 + index % 12, 1 + index % 28),
                participants={"CBCC": Count(cadres)} if cadres else {},
            ),
        )
    start, length = window
    end = min(start + length, 2023)
    span = Window.parse(f"{start}..{end}") if end > start else Period.of(PeriodType.YEARLY, start)
    for top in [tree.root, tree.city, tree.district, tree.ward, tree.other_ward]:
        classes, cadres = _reference(activities, units, top, start, end)
        assert (rollup.value_of(_indicator("LOP_TAPHUAN"), top, span) or 0) == classes
        assert (rollup.value_of(_indicator("HT_THAMGIA"), top, span, "CBCC") or 0) == cadres


def test_recompute_command_restores_figures_after_a_definition_changes(people, tree, record):
    record(people.ward, tree.ward, kind="inspection", title="Kiểm tra")
    indicator = _indicator("HN_CHUYENDE")
    indicator.source = "activities:count:inspection"
    indicator.save()
    call_command("recompute_activity_figures", stdout=StringIO())
    assert DataValue.objects.get(indicator=indicator).numeric == 1
