"""POST/GET /api/v1/activities as CONTRACT.md says, inside the caller's subtree only."""

from datetime import date

from django.test import Client

from tongket.activities.models import Activity
from tongket.api.models import ApiToken

TRAINING = {
    "orgUnit": "HN-THANHXUAN-KHUONGMAI",
    "kind": "training",
    "date": "2023-09-12",
    "title": "Lớp bồi dưỡng",
    "documents": ["35–nq/tw"],
    "participants": {"CBCC": 14},
}


def _post(user, body):  # type: ignore[no-untyped-def]
    return Client().post(
        "/api/v1/activities",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {ApiToken.issue(user)}"},
    )


def _get(user, **params):  # type: ignore[no-untyped-def]
    return Client().get(
        "/api/v1/activities", params, headers={"Authorization": f"Bearer {ApiToken.issue(user)}"}
    )


def test_ward_records_its_own_activity_with_normalised_symbols(people, programme):
    response = _post(people.ward, TRAINING)
    activity = Activity.objects.get(pk=response.json()["id"])
    assert activity.documents == ["35-NQ/TW"] and activity.organiser.code == TRAINING["orgUnit"]


def test_otherward_cannot_post_for_wards_unit(people, programme):
    response = _post(people.otherward, TRAINING)
    assert response.status_code == 404
    assert not Activity.objects.exists()


def test_reporter_cannot_post_for_a_unit_below_their_own(people, programme):
    response = _post(people.ward, {**TRAINING, "orgUnit": "HN-THANHXUAN-KHUONGMAI-TDP01"})
    assert response.status_code == 403 and not Activity.objects.exists()


def test_viewer_cannot_post(people, programme):
    response = _post(people.judge, {**TRAINING, "orgUnit": "HN-THANHXUAN"})
    assert response.status_code == 403 and not Activity.objects.exists()


def test_district_manager_may_post_for_a_ward(people, programme):
    assert _post(people.district, TRAINING).status_code == 200


def test_unknown_kind_and_group_are_400_with_a_message(people, programme):
    assert "picnic" in _post(people.ward, {**TRAINING, "kind": "picnic"}).json()["detail"]
    response = _post(people.ward, {**TRAINING, "participants": {"NOPE": 1}})
    assert response.status_code == 400 and "NOPE" in response.json()["detail"]


def test_list_is_the_subtree_filtered_by_period_and_kind(people, tree, record):
    record(people.ward, tree.ward, kind="training", day=date(2023, 3, 1))
    record(people.ward, tree.ward, kind="study", day=date(2022, 3, 1))
    record(people.otherward, tree.other_ward, kind="training", day=date(2023, 3, 1))
    assert _get(people.ward).json()["count"] == 2
    assert _get(people.district, period="2023", kind="training").json()["count"] == 1
    assert _get(people.admin, period="2023", kind="training").json()["count"] == 2
    item = _get(people.ward, kind="study").json()["items"][0]
    assert item["orgUnit"] == "HN-THANHXUAN-KHUONGMAI" and item["date"] == "2022-03-01"


def test_list_of_a_unit_outside_the_subtree_is_404(people, programme):
    assert _get(people.ward, orgUnit="HCM-QUAN1-BENNGHE").status_code == 404
    assert _get(people.ward, period="2023Q5").status_code == 400
