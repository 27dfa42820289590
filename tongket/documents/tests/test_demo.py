import pytest

from tongket.documents.chains import implementation_tree
from tongket.documents.demo import DISTRICT_PLANS, WARD_PLANS, seed_documents
from tongket.documents.models import Document, DocumentStatus, ImplementsLink
from tongket.org.models import UnitKind
from tongket.org.tests.factories import UnitFactory


@pytest.fixture
def units(tree, people, ba_dinh):
    """The demo's units that have plans, on the small test tree."""
    found = {unit.code: unit for unit in (tree.city, tree.district, tree.ward, ba_dinh)}
    for plan in DISTRICT_PLANS:
        if plan.code not in found:
            kind = (
                UnitKind.RURAL_DISTRICT_COMMITTEE
                if "HU" in plan.number
                else UnitKind.URBAN_DISTRICT_COMMITTEE
            )
            found[plan.code] = UnitFactory(
                code=plan.code, name=plan.committee.title(), kind=kind, parent=tree.city
            )
    for ward in WARD_PLANS:
        if ward.code not in found:
            found[ward.code] = UnitFactory(
                code=ward.code,
                name=ward.committee.title(),
                kind=UnitKind.WARD_COMMITTEE,
                parent=tree.district,
            )
    UnitFactory(
        code="HN-THANHXUAN-HADINH",
        name="Đảng ủy phường Hạ Đình",
        kind=UnitKind.WARD_COMMITTEE,
        parent=tree.district,
    )
    return found


def test_demo_seeds_the_chain_from_the_resolution_to_the_wards(units, programme, people):
    count = seed_documents(units, programme)
    assert count == Document.objects.count() >= 12
    resolution = Document.objects.get(symbol="35-NQ/TW")
    assert resolution.status == DocumentStatus.REFERENCED and resolution.owner is None
    assert Document.objects.filter(status=DocumentStatus.UPLOADED).count() == 11
    [root] = implementation_tree(people.city, programme)
    assert root.document == resolution
    city = root.rows[0].plans[0]
    done = {row.unit.code: [p.document.symbol for p in row.plans] for row in city.rows}
    assert done["HN-THANHXUAN"] == ["09-KH/QU"] and done["HN-BADINH"] == []
    district = next(row for row in city.rows if row.unit.code == "HN-THANHXUAN").plans[0]
    wards = {row.unit.code: bool(row.plans) for row in district.rows}
    assert wards["HN-THANHXUAN-KHUONGMAI"] and not wards["HN-THANHXUAN-HADINH"]


def test_demo_confirms_each_plans_own_link_and_leaves_the_rest_proposed(units, programme):
    seed_documents(units, programme)
    confirmed = ImplementsLink.objects.filter(status="confirmed")
    assert confirmed.count() == 1 + len(DISTRICT_PLANS) + len(WARD_PLANS)
    assert all(link.found_in_id == link.from_document_id for link in confirmed)
    report = Document.objects.get(symbol="312-BC/QU")
    assert not ImplementsLink.objects.filter(from_document=report).exists()
