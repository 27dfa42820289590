"""Exchange with a DHIS2 instance as files, and codes mapped where they differ."""

import base64
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from tongket.dhis2.exchange import (
    programme_metadata,
    programme_values,
    to_tongket_metadata,
    values_from_dhis2,
)
from tongket.dhis2.ids import uid
from tongket.dhis2.models import CodeMapping
from tongket.dhis2.values import import_value_set
from tongket.programmes.models import Programme
from tongket.reporting.actions import save_value
from tongket.reporting.models import DataValue


def test_metadata_for_a_dhis2_server_has_what_its_importer_requires(people, programme, tree):
    document = programme_metadata(people.district, Programme.objects.get(code="NQ35"))
    elements = {e["code"]: e for e in document["dataElements"]}
    assert {"CBCC_TONG", "QT_THAMGIA"} <= set(elements)
    assert "CBCC_TYLE" not in elements  # computed: DHIS2 would hold it as an indicator
    element = elements["QT_THAMGIA"]
    assert element["domainType"] == "AGGREGATE" and element["valueType"] == "INTEGER"
    assert element["categoryCombo"]["id"] == uid("cc", "DOITUONG")
    assert len(element["shortName"]) <= 50
    units = {u["code"]: u for u in document["organisationUnits"]}
    assert units[tree.ward.code]["parent"] == {"id": uid("ou", tree.district.code)}
    assert "parent" not in units[tree.district.code]  # the top of what is exported
    form = next(d for d in document["dataSets"] if d["code"] == "TCCS_NAM")
    assert {"id": uid("ou", tree.ward.code)} in form["organisationUnits"]


def test_values_go_out_with_uids_and_come_back_as_the_same_cells(
    people, programme, tree, indicator
):
    save_value(
        by=people.ward, unit=tree.ward, indicator=indicator("CBCC_TONG"), period="2023", raw="31"
    )
    save_value(
        by=people.ward,
        unit=tree.ward,
        indicator=indicator("QT_THAMGIA"),
        period="2023",
        raw="12",
        option="DV",
    )
    nq35 = Programme.objects.get(code="NQ35")
    metadata, values = (
        programme_metadata(people.district, nq35),
        programme_values(people.district, nq35),
    )
    assert values["dataValues"][0]["orgUnit"] == uid("ou", tree.ward.code)
    before = set(
        DataValue.objects.values_list("unit__code", "indicator__code", "option", "period", "value")
    )
    DataValue.objects.all().delete()
    result = import_value_set(
        by=people.district,
        values=values_from_dhis2(values, metadata),
        strategy="CREATE",
        dry_run=False,
    )
    assert result.imported == 2 and not result.conflicts
    after = set(
        DataValue.objects.values_list("unit__code", "indicator__code", "option", "period", "value")
    )
    assert after == before


def test_dhis2_metadata_becomes_tongket_metadata(people, programme, tree):
    document = programme_metadata(people.district, Programme.objects.get(code="NQ35"))
    converted = to_tongket_metadata(document, programme="NQ35_DHIS2", unit=tree.district.code)
    indicators = {i["code"]: i for i in converted["indicators"]}
    assert indicators["QT_THAMGIA"]["options"] == ["CBCC", "DV", "DOANVIEN"]
    assert indicators["CBCC_TONG"]["aggregation"] == "last"
    assert indicators["CBCC_TONG"]["periodType"] == "Yearly"
    form = next(f for f in converted["forms"] if f["code"] == "TCCS_NAM")
    assert "CBCC_TONG" in form["indicators"] and form["programme"] == "NQ35_DHIS2"


def test_a_mapped_code_is_stored_under_tongkets_own(people, programme, tree):
    CodeMapping.objects.create(kind="orgUnit", external="KhuongMai_OU", code=tree.ward.code)
    CodeMapping.objects.create(kind="dataElement", external="DE_KEYCADRES", code="CBCC_TONG")
    people.ward.set_password("pw-for-dhis2")
    people.ward.save()
    auth = base64.b64encode(b"ward:pw-for-dhis2").decode()
    body = {
        "dataValues": [
            {
                "dataElement": "DE_KEYCADRES",
                "period": "2023",
                "orgUnit": "KhuongMai_OU",
                "value": "9",
            }
        ]
    }
    response = Client().post(
        "/api/dataValueSets",
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Basic {auth}"},
    )
    assert response.status_code == 200
    stored = DataValue.objects.get()
    assert (stored.unit, stored.indicator.code, stored.value) == (tree.ward, "CBCC_TONG", "9")


def test_a_manager_maps_a_code_on_the_page_and_only_within_the_subtree(people, tree):
    client = Client()
    client.force_login(people.district)
    response = client.post(
        "/dhis2/mappings/", {"kind": "orgUnit", "external": "OU_X", "code": tree.other_ward.code}
    )
    assert response.status_code == 200 and "Không có mã" in response.content.decode()
    assert not CodeMapping.objects.exists()
    response = client.post(
        "/dhis2/mappings/", {"kind": "orgUnit", "external": "OU_X", "code": tree.ward.code}
    )
    assert response.status_code == 302 and CodeMapping.objects.get().code == tree.ward.code
    reporter = Client()
    reporter.force_login(people.ward)
    assert reporter.get("/dhis2/mappings/").status_code == 403


def test_the_command_exports_then_imports_what_it_exported(
    people, programme, tree, indicator, tmp_path, capsys
):
    save_value(
        by=people.ward, unit=tree.ward, indicator=indicator("CBCC_TONG"), period="2023", raw="31"
    )
    meta, data = tmp_path / "metadata.json", tmp_path / "values.json"
    call_command(
        "dhis2",
        "export",
        "--programme",
        "NQ35",
        "-o",
        str(meta),
        "--values",
        str(data),
        "--user",
        "district",
    )
    assert json.loads(meta.read_text())["dataElements"]
    DataValue.objects.all().delete()
    call_command("dhis2", "import", str(data), "--metadata", str(meta), "--user", "district")
    assert "1 mới" in capsys.readouterr().out
    assert DataValue.objects.get().value == "31"


def test_the_command_refuses_a_file_that_is_not_a_data_value_set(people, tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text('{"organisationUnits": []}')
    with pytest.raises(CommandError, match="data value set"):
        call_command("dhis2", "import", str(bad), "--user", "district")
