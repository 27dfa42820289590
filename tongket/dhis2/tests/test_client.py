"""A DHIS2 integrator's script, with the real `dhis2.py` client, against a live server."""

import json

import pytest
import requests
from dhis2 import Api
from dhis2.exceptions import RequestException
from django.test import Client

from tongket.reporting.models import DataValue

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "tongket-demo"


@pytest.fixture
def accounts(people):
    for user in (people.ward, people.city, people.otherward):
        user.set_password(PASSWORD)
        user.save()
    return people


def _analytics(user, unit: str, indicator: str, period: str):
    client = Client()
    client.force_login(user)
    response = client.get(
        "/api/v1/analytics", {"indicator": indicator, "period": period, "orgUnit": unit}
    )
    token = client.post(
        "/api/v1/auth/token",
        {"username": user.username, "password": PASSWORD},
        content_type="application/json",
    ).json()["token"]
    response = client.get(
        "/api/v1/analytics",
        {"indicator": indicator, "period": period, "orgUnit": unit},
        headers={"Authorization": f"Bearer {token}"},
    )
    return response.json()["value"]


def test_a_ward_pushes_a_value_the_city_pulls_and_analytics_counts(
    live_server, accounts, tree, programme
):
    before = _analytics(accounts.city, tree.city.code, "CBCC_TONG", "2023")
    ward = Api(live_server.url, "ward", PASSWORD)
    answer = ward.post(
        "dataValueSets",
        json={
            "dataValues": [
                {
                    "dataElement": "CBCC_TONG",
                    "period": "2023",
                    "orgUnit": tree.ward.code,
                    "value": "27",
                }
            ]
        },
    ).json()
    assert answer["status"] == "OK"
    assert answer["response"]["importCount"] == {
        "imported": 1,
        "updated": 0,
        "ignored": 0,
        "deleted": 0,
    }

    city = Api(live_server.url, "city", PASSWORD)
    pulled = city.get(
        "dataValueSets",
        params={
            "dataSet": "TCCS_NAM",
            "period": "2023",
            "orgUnit": tree.city.code,
            "children": "true",
        },
    ).json()
    assert pulled["dataSet"] == "TCCS_NAM"
    assert [
        (v["dataElement"], v["orgUnit"], v["period"], v["value"], v["storedBy"])
        for v in pulled["dataValues"]
    ] == [("CBCC_TONG", tree.ward.code, "2023", "27", "ward")]
    assert _analytics(accounts.city, tree.city.code, "CBCC_TONG", "2023") == (before or 0) + 27


def test_a_value_for_another_branch_comes_back_as_a_conflict(
    live_server, accounts, tree, programme
):
    ward = Api(live_server.url, "ward", PASSWORD)
    with pytest.raises(RequestException) as refused:
        ward.post(
            "dataValueSets",
            json={
                "dataValues": [
                    {
                        "dataElement": "CBCC_TONG",
                        "period": "2023",
                        "orgUnit": tree.other_ward.code,
                        "value": "5",
                    }
                ]
            },
        )
    assert refused.value.code == 409
    summary = json.loads(refused.value.description)["response"]
    assert summary["status"] == "ERROR" and summary["importCount"]["imported"] == 0
    [conflict] = summary["conflicts"]
    assert tree.other_ward.code in conflict["object"] and "ngoài phạm vi" in conflict["value"]
    assert not DataValue.objects.exists()


def test_the_client_reads_the_server_version_and_org_units(live_server, accounts, tree):
    ward = Api(live_server.url, "ward", PASSWORD)
    assert ward.version_int == 40
    units = ward.get(
        "organisationUnits", params={"fields": "id,code,level,parent[code]", "paging": "false"}
    ).json()["organisationUnits"]
    assert [unit["code"] for unit in units] == [tree.ward.code, tree.cell.code]
    assert units[0]["parent"] == {"code": tree.district.code}


def test_wrong_credentials_are_refused_as_dhis2_refuses_them(live_server, accounts):
    response = requests.get(
        f"{live_server.url}/api/dataValueSets.json", auth=("ward", "wrong"), timeout=10
    )
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Basic")
