"""DHIS2's metadata lists: fields, filters and paging, within the caller's subtree."""

import pytest
from django.test import Client

from tongket.dhis2.ids import uid


@pytest.fixture
def client(people):
    def for_user(user):
        client = Client()
        client.force_login(user)
        return client

    return for_user


def test_org_units_are_the_subtree_with_paths_from_the_top(client, people, tree):
    body = (
        client(people.district)
        .get("/api/organisationUnits.json", {"fields": "*", "paging": "false"})
        .json()
    )
    units = {unit["code"]: unit for unit in body["organisationUnits"]}
    assert set(units) == {tree.district.code, tree.ward.code, tree.cell.code}
    assert units[tree.cell.code]["path"].split("/")[1:] == [
        uid("ou", code)
        for code in (
            tree.root.code,
            tree.city.code,
            tree.district.code,
            tree.ward.code,
            tree.cell.code,
        )
    ]


def test_default_fields_and_a_pager(client, people, tree):
    body = client(people.city).get("/api/organisationUnits", {"pageSize": "2"}).json()
    assert body["pager"] == {"page": 1, "pageCount": 2, "total": 4, "pageSize": 2}
    assert set(body["organisationUnits"][0]) == {"id", "displayName"}


def test_filters_ignore_diacritics_with_ilike(client, people, tree):
    body = (
        client(people.city)
        .get("/api/organisationUnits", {"filter": "name:ilike:khuong mai", "fields": "code"})
        .json()
    )
    assert body["organisationUnits"] == [{"code": tree.ward.code}]


def test_data_elements_and_data_sets_speak_dhis2_types(client, people, programme):
    elements = (
        client(people.ward)
        .get(
            "/api/dataElements",
            {
                "fields": "code,valueType,aggregationType",
                "paging": "false",
                "filter": "code:in:[CBCC_TONG,CBCC_TYLE]",
            },
        )
        .json()
    )
    assert elements["dataElements"] == [
        {"code": "CBCC_TONG", "valueType": "INTEGER", "aggregationType": "LAST"},
        {"code": "CBCC_TYLE", "valueType": "PERCENTAGE", "aggregationType": "AVERAGE"},
    ]
    sets = (
        client(people.ward)
        .get(
            "/api/40/dataSets.json",
            {
                "fields": "code,periodType,dataSetElements[dataElement[code]]",
                "filter": "code:eq:TCCS_NAM",
            },
        )
        .json()
    )
    assert sets["dataSets"][0]["periodType"] == "Yearly"


def test_a_malformed_filter_is_a_conflict_not_an_error_page(client, people):
    response = client(people.ward).get("/api/organisationUnits", {"filter": "name"})
    assert response.status_code == 409 and "Bộ lọc" in response.json()["message"]


def test_anonymous_callers_are_asked_to_authenticate():
    response = Client().get("/api/system/info.json")
    assert response.status_code == 401
