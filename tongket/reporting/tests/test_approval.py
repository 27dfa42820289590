import pytest
from django.core.exceptions import PermissionDenied

from tongket.reporting.actions import (
    ValueRefused,
    approve_report,
    return_report,
    save_value,
    submit_report,
)
from tongket.reporting.models import SubmissionState


@pytest.fixture
def submitted(people, tree, indicator, yearly_form):  # type: ignore[no-untyped-def]
    save_value(
        by=people.ward, unit=tree.ward, indicator=indicator("CBCC_TONG"), period="2023", raw="15"
    )
    return submit_report(by=people.ward, form=yearly_form, unit=tree.ward, period="2023")


def test_district_approves_a_ward_report(people, submitted):
    approve_report(by=people.district, submission=submitted)
    submitted.refresh_from_db()
    assert submitted.state == SubmissionState.APPROVED and submitted.decided_by == people.district
    assert [e.state for e in submitted.events.all()] == ["submitted", "approved"]


def test_ward_cannot_approve_its_own_report(people, submitted):
    with pytest.raises(PermissionDenied):
        approve_report(by=people.ward, submission=submitted)


def test_a_viewer_above_cannot_approve(people, submitted):
    with pytest.raises(PermissionDenied):
        approve_report(by=people.judge, submission=submitted)


def test_another_city_cannot_approve(people, submitted, tree):
    from tongket.org.models import Role
    from tongket.org.tests.factories import member

    outsider = member(tree.other_city, Role.MANAGER)
    with pytest.raises(PermissionDenied):
        approve_report(by=outsider, submission=submitted)


def test_return_needs_a_reason_and_unlocks(people, tree, indicator, submitted):
    with pytest.raises(ValueRefused, match="lý do"):
        return_report(by=people.district, submission=submitted, comment=" ")
    return_report(by=people.district, submission=submitted, comment="Kiểm tra lại số cán bộ")
    value, _ = save_value(
        by=people.ward, unit=tree.ward, indicator=indicator("CBCC_TONG"), period="2023", raw="16"
    )
    assert value.value == "16"


def test_approved_report_can_be_returned_but_not_approved_twice(people, submitted):
    approve_report(by=people.district, submission=submitted)
    with pytest.raises(ValueRefused):
        approve_report(by=people.district, submission=submitted)
    return_report(by=people.city, submission=submitted, comment="Sai số liệu")
    assert submitted.state == SubmissionState.RETURNED


def test_resubmitting_after_return_goes_back_to_waiting(people, tree, yearly_form, submitted):
    return_report(by=people.district, submission=submitted, comment="Bổ sung")
    again = submit_report(by=people.ward, form=yearly_form, unit=tree.ward, period="2023")
    assert again.pk == submitted.pk and again.state == SubmissionState.SUBMITTED


def test_submitting_twice_is_refused(people, tree, yearly_form, submitted):
    with pytest.raises(ValueRefused, match="đã được nộp"):
        submit_report(by=people.ward, form=yearly_form, unit=tree.ward, period="2023")
