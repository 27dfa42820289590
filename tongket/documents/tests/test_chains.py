from datetime import date

import pytest

from tongket.documents.actions import confirm_link, upload_document
from tongket.documents.chains import implementation_tree
from tongket.documents.demo import city_plan, official_docx
from tongket.documents.models import ImplementsLink
from tongket.documents.tests.conftest import plan_docx
from tongket.org.models import UnitKind
from tongket.org.tests.factories import UnitFactory


@pytest.fixture
def chain(people, tree, programme, ba_dinh):
    """35-NQ/TW → 135-KH/TU (city) → 09-KH/QU (Thanh Xuân) → 15-KH/ĐU (Khương Mai)."""
    city = upload_document(
        by=people.city,
        name="c.docx",
        data=official_docx(city_plan()),
        owner=tree.city,
        programme=programme,
    )
    district = upload_document(
        by=people.district, name="d.docx", data=plan_docx(), owner=tree.district
    )
    ward = upload_document(
        by=people.ward,
        name="w.docx",
        data=plan_docx(
            issuer="ĐẢNG ỦY PHƯỜNG KHƯƠNG MAI",
            number="15-KH/ĐU",
            summary=("thực hiện Kế hoạch số 09-KH/QU của Ban Thường vụ Quận ủy",),
            body=("Quán triệt Kế hoạch số 09-KH/QU đến các chi bộ.",),
        ),
        owner=tree.ward,
    )
    for document in (city, district, ward):
        for link in ImplementsLink.objects.filter(from_document=document):
            confirm_link(by=people.admin, link=link)
    return city, district, ward


def _rows(node):
    return {row.unit.code: [plan.document.symbol for plan in row.plans] for row in node.rows}


def test_city_sees_each_district_with_its_plan_or_none(people, programme, chain):
    [root] = implementation_tree(people.city, programme)
    assert root.document.symbol == "35-NQ/TW" and root.visible
    assert _rows(root) == {"HN": ["135-KH/TU"]}
    city_node = root.rows[0].plans[0]
    assert _rows(city_node) == {"HN-BADINH": [], "HN-THANHXUAN": ["09-KH/QU"]}
    assert city_node.done == 1
    district_node = city_node.rows[1].plans[0]
    assert _rows(district_node) == {"HN-THANHXUAN-KHUONGMAI": ["15-KH/ĐU"]}


def test_administrators_see_every_city_and_province(people, programme, chain):
    [root] = implementation_tree(people.admin, programme)
    assert _rows(root) == {"HCM": [], "HN": ["135-KH/TU"]}


def test_district_sees_the_way_down_to_itself_but_not_other_districts(people, programme, chain):
    [root] = implementation_tree(people.district, programme)
    city_node = root.rows[0].plans[0]
    assert not city_node.visible  # the city's plan is shown by its number only
    assert _rows(city_node) == {"HN-THANHXUAN": ["09-KH/QU"]}
    assert city_node.rows[0].plans[0].visible


def test_a_ward_of_another_branch_sees_only_the_resolution(people, programme, chain):
    [root] = implementation_tree(people.otherward, programme)
    assert root.document.symbol == "35-NQ/TW" and root.rows == [] and root.others == []


def test_the_tree_starts_from_any_document_of_the_programme(people, programme, chain):
    _city, _district, ward = chain
    ward.refresh_from_db()
    assert ward.programme == programme  # joined the programme link by link, on confirmation
    [root] = implementation_tree(people.admin, programme)
    assert root.document.symbol == "35-NQ/TW"


def test_proposed_links_do_not_count(people, programme, tree):
    upload_document(
        by=people.city,
        name="c.docx",
        data=official_docx(city_plan()),
        owner=tree.city,
        programme=programme,
    )
    [root] = implementation_tree(people.admin, programme)
    assert root.document.symbol == "135-KH/TU" and root.done == 0


def test_units_that_ended_before_the_document_are_not_expected(people, programme, tree, chain):
    UnitFactory(
        code="HN-OLD",
        name="Quận ủy Cũ",
        kind=UnitKind.URBAN_DISTRICT_COMMITTEE,
        parent=tree.city,
        valid_to=date(2018, 12, 31),
    )
    [root] = implementation_tree(people.city, programme)
    assert "HN-OLD" not in _rows(root.rows[0].plans[0])


def test_a_plan_by_a_unit_of_another_level_is_listed_apart(people, programme, tree, chain):
    cell_plan = upload_document(
        by=people.ward,
        name="cb.docx",
        data=plan_docx(
            issuer="CHI BỘ TỔ DÂN PHỐ SỐ 1",
            number="3-KH/CB",
            summary=("thực hiện Kế hoạch số 09-KH/QU của Ban Thường vụ Quận ủy",),
        ),
        owner=tree.cell,
    )
    link = ImplementsLink.objects.get(from_document=cell_plan, to_document__symbol="09-KH/QU")
    confirm_link(by=people.admin, link=link)
    [root] = implementation_tree(people.district, programme)
    district_node = root.rows[0].plans[0].rows[0].plans[0]
    assert [node.document.symbol for node in district_node.others] == ["3-KH/CB"]


def test_a_cycle_of_links_does_not_loop(people, programme, chain):
    city, district, _ward = chain
    loop = ImplementsLink.objects.create(from_document=city, to_document=district)
    confirm_link(by=people.admin, link=loop)
    assert implementation_tree(people.admin, programme)


def test_the_tree_takes_a_fixed_number_of_queries(
    people, programme, chain, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        implementation_tree(people.city, programme)
