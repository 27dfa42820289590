"""Figures computed from records (activities, honours, channels) share the values table."""

from decimal import Decimal

import pytest

from tongket.analytics import rollup
from tongket.core.periods import Period
from tongket.programmes.tests.factories import IndicatorFactory
from tongket.reporting.actions import ValueRefused, save_value, store_record_value
from tongket.reporting.models import DataValue, DataValueChange


@pytest.fixture
def trainings(db):
    return IndicatorFactory(code="LOP_TAPHUAN", source="activities:count:training")


def test_a_record_sourced_indicator_refuses_typed_values(people, tree, trainings):
    with pytest.raises(ValueRefused, match="tính từ hồ sơ"):
        save_value(by=people.ward, unit=tree.ward, indicator=trainings, period="2023", raw="3")
    assert not DataValue.objects.exists()


def test_a_computed_count_rolls_up_like_a_typed_value(tree, trainings):
    store_record_value(
        unit=tree.ward, indicator=trainings, period=Period.parse("2023"), value=Decimal(2)
    )
    stored = DataValue.objects.get()
    assert stored.source == "records" and stored.entered_by is None
    assert rollup.value_of(trainings, tree.district, Period.parse("2023")) == 2


def test_a_count_back_to_zero_clears_the_value_and_records_the_change(tree, trainings):
    period = Period.parse("2023")
    store_record_value(unit=tree.ward, indicator=trainings, period=period, value=Decimal(1))
    store_record_value(unit=tree.ward, indicator=trainings, period=period, value=Decimal(0))
    assert not DataValue.objects.exists()
    assert rollup.value_of(trainings, tree.district, period) is None


def test_a_typed_indicator_cannot_be_stored_as_a_record_figure(tree, db):
    typed = IndicatorFactory(code="CBCC_TONG")
    with pytest.raises(ValueRefused):
        store_record_value(
            unit=tree.ward, indicator=typed, period=Period.parse("2023"), value=Decimal(1)
        )
    assert not DataValueChange.objects.exists()
