"""/api/dataValueSets as DHIS2 clients call it: formats, strategies, dry runs, conflicts."""

import base64
import csv
import io
import json

import pytest
from django.test import Client
from lxml import etree

from tongket.reporting.actions import save_value
from tongket.reporting.models import DataValue

PASSWORD = "secret-pass-1"


@pytest.fixture
def basic(people):
    def headers(user):
        user.set_password(PASSWORD)
        user.save()
        raw = base64.b64encode(f"{user.username}:{PASSWORD}".encode()).decode()
        return {"Authorization": f"Basic {raw}"}

    return headers


def _post(headers, body, *, path="/api/dataValueSets", content_type="application/json", **query):
    url = path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
    data = json.dumps(body) if isinstance(body, dict) else body
    return Client().post(url, data, content_type=content_type, headers=headers)


def _value(unit, value="10", element="CBCC_TONG", period="2023", **extra):
    return {"dataElement": element, "period": period, "orgUnit": unit, "value": value, **extra}


def test_csv_in_dhis2_column_order_is_imported(basic, people, tree, programme):
    body = (
        "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value\n"
        f"CBCC_TONG,2023,{tree.ward.code},default,default,12\n"
        f"QT_THAMGIA,2023,{tree.ward.code},CBCC,default,30\n"
    )
    response = _post(
        basic(people.ward), body, path="/api/dataValueSets.csv", content_type="text/csv"
    )
    assert response.status_code == 200
    assert response.json()["response"]["importCount"]["imported"] == 2
    assert DataValue.objects.get(indicator__code="QT_THAMGIA").option == "CBCC"


def test_adx_is_validated_against_the_schema_then_imported(basic, people, tree, programme):
    adx = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<adx xmlns="urn:ihe:qrph:adx:2015" exported="2024-01-05T10:00:00">'
        f'<group orgUnit="{tree.ward.code}" period="2023-01-01/P1Y" dataSet="TCCS_NAM">'
        '<dataValue dataElement="CBCC_TONG" value="40"/>'
        '<dataValue dataElement="QT_THAMGIA" DOITUONG="DV" value="120"/>'
        "</group></adx>"
    )
    response = _post(
        basic(people.ward), adx, path="/api/dataValueSets.adx", content_type="application/adx+xml"
    )
    assert response.json()["response"]["importCount"]["imported"] == 2
    assert DataValue.objects.get(indicator__code="CBCC_TONG").value == "40"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            '<adx xmlns="urn:ihe:qrph:adx:2015"><group orgUnit="X" period="2023-01-01/P1Y"><dataValue dataElement="A" value="1"/></group></adx>',
            "lược đồ",
        ),
        (
            '<adx xmlns="urn:ihe:qrph:adx:2015" exported="2024-01-05T10:00:00"><group orgUnit="X" period="2023"><dataValue dataElement="A" value="1"/></group></adx>',
            "lược đồ",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><adx xmlns="urn:ihe:qrph:adx:2015" exported="2024-01-05T10:00:00">&e;</adx>',
            "ADX",
        ),
        ("<adx", "không đọc được"),
    ],
)
def test_an_adx_document_off_the_schema_is_refused_whole(
    basic, people, tree, programme, document, message
):
    response = _post(
        basic(people.ward), document, path="/api/dataValueSets.xml", content_type="application/xml"
    )
    assert response.status_code == 409 and message in response.json()["message"]
    assert not DataValue.objects.exists()


def test_dry_run_counts_and_writes_nothing(basic, people, tree, programme):
    response = _post(basic(people.ward), {"dataValues": [_value(tree.ward.code)]}, dryRun="true")
    assert response.json()["response"]["importCount"]["imported"] == 1
    assert response.json()["response"]["importOptions"]["dryRun"] is True
    assert not DataValue.objects.exists()


def test_create_leaves_existing_values_and_update_leaves_new_cells(
    basic, people, tree, programme, indicator
):
    save_value(
        by=people.ward, unit=tree.ward, indicator=indicator("CBCC_TONG"), period="2023", raw="5"
    )
    headers = basic(people.ward)
    body = {"dataValues": [_value(tree.ward.code, "9"), _value(tree.ward.code, "3", period="2022")]}
    created = _post(headers, body, importStrategy="CREATE").json()["response"]["importCount"]
    assert (created["imported"], created["updated"], created["ignored"]) == (1, 0, 1)
    body = {"dataValues": [_value(tree.ward.code, "9"), _value(tree.ward.code, "4", period="2021")]}
    updated = _post(headers, body, importStrategy="UPDATE").json()["response"]["importCount"]
    assert (updated["imported"], updated["updated"], updated["ignored"]) == (0, 1, 1)
    stored = dict(DataValue.objects.values_list("period", "value"))
    assert stored == {"2023": "9", "2022": "3"}


def test_delete_removes_the_values_named(basic, people, tree, programme, indicator):
    save_value(
        by=people.ward, unit=tree.ward, indicator=indicator("CBCC_TONG"), period="2023", raw="5"
    )
    body = {"dataValues": [_value(tree.ward.code), _value(tree.ward.code, period="2020")]}
    count = _post(basic(people.ward), body, importStrategy="DELETE").json()["response"][
        "importCount"
    ]
    assert (count["deleted"], count["ignored"]) == (1, 1)
    assert not DataValue.objects.exists()


def test_a_value_of_the_wrong_type_is_a_conflict_and_the_rest_is_stored(
    basic, people, tree, programme
):
    body = {
        "dataValues": [_value(tree.ward.code, "mười"), _value(tree.ward.code, "8", period="2022")]
    }
    response = _post(basic(people.ward), body)
    assert response.status_code == 409
    summary = response.json()["response"]
    assert summary["status"] == "WARNING" and summary["importCount"]["imported"] == 1
    assert "dataValues[0]" in summary["conflicts"][0]["object"]


def test_older_api_versions_answer_with_the_plain_import_summary(basic, people, tree, programme):
    response = _post(
        basic(people.ward),
        {"dataValues": [_value(tree.ward.code)]},
        path="/api/33/dataValueSets.json",
    )
    assert response.status_code == 200 and response.json()["responseType"] == "ImportSummary"


def test_an_id_scheme_other_than_code_is_refused_with_the_reason(basic, people, tree, programme):
    response = _post(basic(people.ward), {"dataValues": [_value(tree.ward.code)]}, idScheme="UID")
    assert response.status_code == 409 and "idScheme=code" in response.json()["message"]
    assert not DataValue.objects.exists()


def test_values_read_back_as_csv_and_adx(basic, people, tree, programme, indicator):
    save_value(
        by=people.ward,
        unit=tree.ward,
        indicator=indicator("CBCC_TONG"),
        period="2023",
        raw="15",
    )
    client = Client()
    query = {
        "dataElement": "CBCC_TONG",
        "period": "2023",
        "orgUnit": tree.district.code,
        "children": "true",
    }
    text = client.get(
        "/api/dataValueSets.csv", query, headers=basic(people.district)
    ).content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:6] == [
        "dataelement",
        "period",
        "orgunit",
        "categoryoptioncombo",
        "attributeoptioncombo",
        "value",
    ]
    assert rows[1][:6] == ["CBCC_TONG", "2023", tree.ward.code, "default", "default", "15"]
    xml = client.get("/api/dataValueSets.adx", query, headers=basic(people.district)).content
    root = etree.fromstring(xml)
    group = root[0]
    assert group.get("orgUnit") == tree.ward.code and group.get("period") == "2023-01-01/P1Y"
    assert group[0].get("value") == "15"


def test_a_query_outside_the_subtree_is_a_conflict(basic, people, tree, programme):
    response = Client().get(
        "/api/dataValueSets.json",
        {"dataSet": "TCCS_NAM", "period": "2023", "orgUnit": tree.other_district.code},
        headers=basic(people.district),
    )
    assert response.status_code == 409 and "ngoài phạm vi" in response.json()["message"]


def test_without_a_period_the_query_says_what_is_missing(basic, people, tree, programme):
    response = Client().get(
        "/api/dataValueSets.json",
        {"dataSet": "TCCS_NAM", "orgUnit": tree.ward.code},
        headers=basic(people.ward),
    )
    assert response.status_code == 409 and "period" in response.json()["message"]
