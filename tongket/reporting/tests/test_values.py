from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from tongket.reporting.actions import ValueRefused, save_value, submit_report
from tongket.reporting.models import DataValue, DataValueChange
from tongket.reporting.values import parse_value


@pytest.mark.parametrize(
    ("value_type", "raw", "numeric"),
    [
        ("integer", "1.234", Decimal(1234)),
        ("integer", " 12 ", Decimal(12)),
        ("number", "1.234,5", Decimal("1234.5")),
        ("number", "12,5", Decimal("12.5")),
        ("number", "12.5", Decimal("12.5")),
        ("percentage", "99,5", Decimal("99.5")),
        ("boolean", "Có", Decimal(1)),
        ("boolean", "không", Decimal(0)),
    ],
)
def test_values_are_read_as_people_type_them(value_type, raw, numeric):
    assert parse_value(value_type, raw).numeric == numeric


@pytest.mark.parametrize(
    ("value_type", "raw", "message"),
    [
        ("integer", "12,5", "không phải số nguyên"),
        ("integer", "-3", "không thể âm"),
        ("integer", "mười", "không phải là số"),
        ("percentage", "120", "từ 0 đến 100"),
        ("boolean", "có lẽ", "Có hoặc Không"),
    ],
)
def test_bad_values_are_refused_with_a_reason(value_type, raw, message):
    with pytest.raises(ValueError, match=message):
        parse_value(value_type, raw)


def test_reporter_saves_a_value_with_provenance_and_history(people, tree, indicator):
    value, created = save_value(
        by=people.ward, unit=tree.ward, indicator=indicator("CBCC_TONG"), period="2023", raw="15"
    )
    assert created and value.entered_by == people.ward and value.source == "form"
    save_value(
        by=people.ward, unit=tree.ward, indicator=indicator("CBCC_TONG"), period="2023", raw="16"
    )
    changes = list(DataValueChange.objects.values_list("old_value", "new_value"))
    assert changes == [("15", "16"), ("", "15")]
    assert DataValue.objects.get().numeric == 16


def test_empty_value_deletes_and_keeps_the_trace(people, tree, indicator):
    save_value(
        by=people.ward, unit=tree.ward, indicator=indicator("CBCC_TONG"), period="2023", raw="15"
    )
    save_value(
        by=people.ward, unit=tree.ward, indicator=indicator("CBCC_TONG"), period="2023", raw=""
    )
    assert not DataValue.objects.exists()


def test_reporter_cannot_enter_for_another_ward(people, tree, indicator):
    with pytest.raises(PermissionDenied):
        save_value(
            by=people.ward,
            unit=tree.other_ward,
            indicator=indicator("CBCC_TONG"),
            period="2023",
            raw="15",
        )
    assert not DataValue.objects.exists()


def test_viewer_cannot_enter(people, tree, indicator):
    with pytest.raises(PermissionDenied):
        save_value(
            by=people.judge,
            unit=tree.ward,
            indicator=indicator("CBCC_TONG"),
            period="2023",
            raw="1",
        )


def test_period_of_the_wrong_type_is_refused(people, tree, indicator):
    with pytest.raises(ValueRefused, match="không nhận kỳ 2023Q1"):
        save_value(
            by=people.ward,
            unit=tree.ward,
            indicator=indicator("CBCC_TONG"),
            period="2023Q1",
            raw="1",
        )


def test_computed_indicator_cannot_be_entered(people, tree, indicator):
    with pytest.raises(ValueRefused, match="tính toán"):
        save_value(
            by=people.ward, unit=tree.ward, indicator=indicator("CBCC_TYLE"), period="2023", raw="1"
        )


def test_unknown_disaggregation_option_is_refused(people, tree, indicator):
    with pytest.raises(ValueRefused, match="không thuộc phân tổ"):
        save_value(
            by=people.ward,
            unit=tree.ward,
            indicator=indicator("QT_THAMGIA"),
            period="2023",
            raw="1",
            option="XYZ",
        )


def test_submitted_report_locks_its_values(people, tree, indicator, yearly_form):
    save_value(
        by=people.ward, unit=tree.ward, indicator=indicator("CBCC_TONG"), period="2023", raw="15"
    )
    submit_report(by=people.ward, form=yearly_form, unit=tree.ward, period="2023")
    with pytest.raises(ValueRefused, match="khóa"):
        save_value(
            by=people.ward,
            unit=tree.ward,
            indicator=indicator("CBCC_TONG"),
            period="2023",
            raw="16",
        )
    assert DataValue.objects.get().value == "15"


def test_a_value_outside_the_units_lifetime_is_refused_with_the_reason(people, tree, indicator):
    tree.ward.valid_to = date(2025, 6, 30)
    tree.ward.save()
    with pytest.raises(ValueRefused, match="ngoài thời gian hoạt động"):
        save_value(
            by=people.ward,
            unit=tree.ward,
            indicator=indicator("CBCC_TONG"),
            period="2026",
            raw="15",
        )
    assert not DataValue.objects.exists()


def test_a_ward_created_mid_year_reports_the_whole_year(people, tree, indicator):
    tree.ward.valid_from = date(2025, 7, 1)
    tree.ward.save()
    value, created = save_value(
        by=people.ward, unit=tree.ward, indicator=indicator("CBCC_TONG"), period="2025", raw="15"
    )
    assert created and value.period == "2025"
    with pytest.raises(ValueRefused, match="01/07/2025"):
        save_value(
            by=people.ward, unit=tree.ward, indicator=indicator("CBCC_TONG"), period="2024", raw="9"
        )
