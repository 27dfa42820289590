from django.test import Client

from tongket.org.demo import DEMO_PASSWORD, seed_org
from tongket.org.demo_tree import demo_district_code
from tongket.org.models import GRASSROOTS_KINDS, Unit


def _token(username: str) -> str:
    response = Client().post(
        "/api/v1/auth/token",
        {"username": username, "password": DEMO_PASSWORD},
        content_type="application/json",
    )
    return response.json()["token"]


def test_demo_tree_matches_the_contract_and_the_seed(db):
    units = seed_org()
    # Real names from the pre-2025 structure, with validity dates for the 2025 change.
    thanh_xuan = units[demo_district_code()]
    assert thanh_xuan.name == "Quận ủy Thanh Xuân"
    assert str(thanh_xuan.valid_to) == "2025-06-30"
    assert units["HCM-QUAN1"].name == "Quận ủy Quận 1"
    assert Unit.objects.filter(parent=units["HN"]).count() == 30  # Hà Nội's districts
    # The demo district has the 50 grassroots organisations of the seed report.
    grassroots = Unit.objects.filter(parent=thanh_xuan, kind__in=GRASSROOTS_KINDS).count()
    assert grassroots == 50
    # ward and otherward sit under different districts.
    ward = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {_token('ward')}"}).json()
    other = (
        Client()
        .get("/api/v1/me", headers={"Authorization": f"Bearer {_token('otherward')}"})
        .json()
    )
    assert Unit.objects.get(code=ward["code"]).parent != Unit.objects.get(code=other["code"]).parent
    response = Client().get(
        f"/api/v1/units/{other['code']}", headers={"Authorization": f"Bearer {_token('ward')}"}
    )
    assert response.status_code in (403, 404)
