"""The DHIS2-shaped API of CONTRACT.md: /indicators, /datavalues, /analytics."""

from datetime import date

import pytest
from django.test import Client

from tongket.activities.actions import ActivityInput, record_activity
from tongket.api.models import ApiToken


def _headers(user):  # type: ignore[no-untyped-def]
    return {"Authorization": f"Bearer {ApiToken.issue(user)}"}


def _analytics(user, indicator, period, unit):  # type: ignore[no-untyped-def]
    response = Client().get(
        "/api/v1/analytics",
        {"indicator": indicator, "period": period, "orgUnit": unit},
        headers=_headers(user),
    )
    return response


def _post(user, values):  # type: ignore[no-untyped-def]
    return Client().post(
        "/api/v1/datavalues",
        {"dataValues": values},
        content_type="application/json",
        headers=_headers(user),
    )


def test_indicators_list_codes_names_and_aggregation(people, programme):
    items = Client().get("/api/v1/indicators", headers=_headers(people.ward)).json()
    by_code = {item["code"]: item for item in items}
    assert by_code["CTV_CO"]["aggregation"] == "last"
    assert by_code["QT_THAMGIA"]["options"] == ["CBCC", "DV", "DOANVIEN"]
    assert by_code["CBCC_TYLE"]["computed"] is True


def test_ward_posting_a_value_raises_the_district_figure_by_exactly_that_value(people, programme):
    before = (
        _analytics(people.district, "LOP_TAPHUAN", "2019..2023", "HN-THANHXUAN").json()["value"]
        or 0
    )
    summary = _post(
        people.ward,
        [
            {
                "orgUnit": "HN-THANHXUAN-KHUONGMAI",
                "indicator": "TT_TINBAI",
                "period": "2023Q4",
                "value": "7",
            }
        ],
    ).json()
    assert summary == {"imported": 1, "updated": 0, "ignored": 0, "conflicts": []}
    after = _analytics(people.district, "TT_TINBAI", "2023Q4", "HN-THANHXUAN").json()
    assert after == {
        "indicator": "TT_TINBAI",
        "period": "2023Q4",
        "orgUnit": "HN-THANHXUAN",
        "value": 7,
    }
    assert before == 0


def test_value_for_another_wards_unit_is_a_conflict_and_not_stored(people, programme):
    summary = _post(
        people.ward,
        [
            {
                "orgUnit": "HCM-QUAN1-BENNGHE",
                "indicator": "TT_TINBAI",
                "period": "2023Q4",
                "value": "7",
            },
            {
                "orgUnit": "HN-THANHXUAN-KHUONGMAI",
                "indicator": "TT_TINBAI",
                "period": "2023Q4",
                "value": "3",
            },
        ],
    ).json()
    assert summary["imported"] == 1 and len(summary["conflicts"]) == 1
    assert "HCM-QUAN1-BENNGHE" in summary["conflicts"][0]["object"]
    other = _analytics(people.otherward, "TT_TINBAI", "2023Q4", "HCM-QUAN1-BENNGHE").json()
    assert other["value"] is None


def test_updating_a_value_counts_as_updated(people, programme):
    value = {
        "orgUnit": "HN-THANHXUAN-KHUONGMAI",
        "indicator": "CBCC_TONG",
        "period": "2023",
        "value": 15,
    }
    _post(people.ward, [value])
    summary = _post(people.ward, [{**value, "value": 16}]).json()
    assert summary["updated"] == 1
    assert (
        _analytics(people.ward, "CBCC_TONG", "2023", "HN-THANHXUAN-KHUONGMAI").json()["value"] == 16
    )


def test_malformed_values_and_codes_are_conflicts(people, programme):
    summary = _post(
        people.ward,
        [
            {
                "orgUnit": "HN-THANHXUAN-KHUONGMAI",
                "indicator": "NOPE",
                "period": "2023",
                "value": "1",
            },
            {
                "orgUnit": "HN-THANHXUAN-KHUONGMAI",
                "indicator": "CBCC_TONG",
                "period": "2023Q5",
                "value": "1",
            },
            {
                "orgUnit": "HN-THANHXUAN-KHUONGMAI",
                "indicator": "CBCC_TONG",
                "period": "2023",
                "value": "mười",
            },
        ],
    ).json()
    assert summary["imported"] == 0 and len(summary["conflicts"]) == 3
    messages = " ".join(c["value"] for c in summary["conflicts"])
    assert "NOPE" in messages and "2023Q5" in messages and "không phải là số" in messages


def test_window_follows_the_aggregation(people, programme, tree):
    # LOP_TAPHUAN counts training activities of the register; TCCS_SO is typed.
    for year, n in zip(range(2019, 2024), [1, 1, 0, 1, 2], strict=True):
        for _ in range(n):
            record_activity(
                by=people.district,
                data=ActivityInput(
                    organiser=tree.district, kind="training", title="Lớp", date=date(year, 5, 1)
                ),
            )
    values = [
        {"orgUnit": "HN-THANHXUAN", "indicator": "TCCS_SO", "period": str(year), "value": n}
        for year, n in zip(range(2019, 2024), [48, 49, 50, 50, 50], strict=True)
    ]
    assert _post(people.district, values).json()["imported"] == 5
    assert _analytics(people.city, "LOP_TAPHUAN", "2019..2023", "HN").json()["value"] == 5
    assert _analytics(people.city, "TCCS_SO", "2019..2023", "HN").json()["value"] == 50
    assert _analytics(people.city, "LOP_TAPHUAN", "2021..2022", "HN").json()["value"] == 1


@pytest.mark.parametrize("period", ["2023Q5", "2023..2019", "hôm qua"])
def test_malformed_period_is_a_400_with_a_message(people, programme, period):
    response = _analytics(people.city, "LOP_TAPHUAN", period, "HN")
    assert response.status_code == 400 and response.json()["detail"]


def test_analytics_outside_the_subtree_is_404(people, programme):
    assert _analytics(people.ward, "LOP_TAPHUAN", "2023", "HN-THANHXUAN").status_code == 404
