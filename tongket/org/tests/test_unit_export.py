import csv
import io
import json

from django.test import Client
from openpyxl import load_workbook

from tongket.org.tests.factories import UnitFactory


def _get(user, url):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client.get(url)


def test_xlsx_export_lists_the_subtree_parents_first(people, tree):
    response = _get(people.district, "/units/HN-THANHXUAN/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("code", "name", "kind", "parent")
    assert [row[0] for row in rows[1:]] == [
        "HN-THANHXUAN",
        "HN-THANHXUAN-KHUONGMAI",
        "HN-THANHXUAN-KHUONGMAI-TDP01",
    ]
    assert rows[2][1] == "Đảng ủy phường Khương Mai"


def test_exported_cells_that_look_like_formulas_are_neutralised(people, tree):
    UnitFactory(code="EVIL", name='=HYPERLINK("http://x","y")', parent=tree.ward)
    response = _get(people.district, "/units/HN-THANHXUAN/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = next(row[1] for row in sheet.iter_rows() if row[0].value == "EVIL")
    assert cell.data_type == "s" and cell.value.startswith("'=")
    text = _get(people.district, "/units/HN-THANHXUAN/export.csv").content.decode("utf-8-sig")
    evil = next(row for row in csv.reader(io.StringIO(text)) if row[0] == "EVIL")
    assert evil[1].startswith("'=")


def test_csv_export_opens_in_excel_with_vietnamese(people, tree):
    response = _get(people.ward, "/units/HN-THANHXUAN-KHUONGMAI/export.csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert "Khương Mai" in response.content.decode("utf-8-sig")


def test_json_export_round_trips_through_import_columns(people, tree):
    response = _get(people.city, "/units/HN/export.json")
    items = json.loads(response.content)
    assert {item["code"] for item in items} == {
        "HN",
        "HN-THANHXUAN",
        "HN-THANHXUAN-KHUONGMAI",
        "HN-THANHXUAN-KHUONGMAI-TDP01",
    }
    assert {"code", "name", "kind", "parent", "valid_from", "valid_to"} <= set(items[0])
