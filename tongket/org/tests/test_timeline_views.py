"""The timeline and change pages: who sees them, who records changes."""

from datetime import date

import pytest
from django.test import Client

from tongket.org.changes import merge_units
from tongket.org.lineage import successors
from tongket.org.models import Unit, UnitKind
from tongket.org.tests.factories import UnitFactory


@pytest.fixture
def merged(tree, people):  # type: ignore[no-untyped-def]
    new = UnitFactory(
        code="HN-PL",
        name="Đảng ủy phường Phương Liệt",
        kind=UnitKind.WARD_COMMITTEE,
        parent=tree.city,
        valid_from=date(2025, 7, 1),
    )
    merge_units(
        by=None,
        units=[tree.ward],
        into=new,
        effective=date(2025, 7, 1),
        document="1656/NQ-UBTVQH15",
    )
    return new


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_the_timeline_shows_the_lineage_and_the_deciding_document(people, merged):
    page = _client(people.city).get("/units/HN-THANHXUAN-KHUONGMAI/timeline/").content.decode()
    assert (
        "Đảng ủy phường Phương Liệt" in page and "1656/NQ-UBTVQH15" in page and "30/06/2025" in page
    )


def test_the_timeline_of_a_unit_outside_the_subtree_is_not_found(people, merged):
    assert _client(people.otherward).get("/units/HN-PL/timeline/").status_code == 404


@pytest.mark.parametrize(("who", "status"), [("city", 200), ("district", 403), ("ward", 403)])
def test_only_a_manager_of_the_level_above_opens_the_change_page(people, tree, who, status):
    code = tree.district.code
    assert _client(getattr(people, who)).get(f"/units/{code}/change/").status_code in (
        (status,) if status == 200 else (403, 404)
    )


def test_a_manager_records_a_dissolution_on_the_change_page(people, tree):
    UnitFactory(code="HN-OTHER", parent=tree.city, kind=UnitKind.WARD_COMMITTEE)
    response = _client(people.city).post(
        f"/units/{tree.cell.code}/change/",
        {
            "kind": "dissolve",
            "effective": "2025-07-01",
            "document": "12-QĐ/TU",
            "parent": tree.ward.code,
        },
    )
    assert response.status_code == 302
    cell = Unit.objects.get(pk=tree.cell.pk)
    assert cell.valid_to == date(2025, 6, 30)
    assert [link.unit for link in successors(cell)] == [tree.ward]


def test_a_refused_change_is_shown_with_its_reason(people, tree):
    response = _client(people.city).post(
        f"/units/{tree.cell.code}/change/",
        {"kind": "move", "effective": "2025-07-01", "parent": "NOPE"},
    )
    assert response.status_code == 200 and "NOPE" in response.content.decode()


def test_a_member_of_a_dissolved_ward_is_told_of_the_successor_on_the_home_page(
    people, merged, settings
):
    settings.TONGKET_TODAY = "2026-12-04"
    page = _client(people.ward).get("/").content.decode()
    assert "đã kết thúc hoạt động ngày 30/06/2025" in page and "Phương Liệt" in page


def test_the_timeline_speaks_english_when_chosen(people, merged):
    client = _client(people.city)
    client.cookies["django_language"] = "en"
    page = client.get("/units/HN-PL/timeline/").content.decode()
    assert "Predecessors" in page and "Share of history" in page and "Merge" in page
