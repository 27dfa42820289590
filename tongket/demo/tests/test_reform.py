"""The 2025 reform in the demo: real cases from vietnamadminunits' mapping, and the
district's 2019..2023 review figures unchanged by it, figure by figure."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings

from tongket.analytics.grid import OWN, TOTAL, rollup_grid
from tongket.analytics.rollup import value_of
from tongket.core.periods import Period, PeriodType, parse_period_or_window
from tongket.demo.build import seed_reform_demo, seed_reporting
from tongket.org.demo import DEMO_PASSWORD, seed_org
from tongket.org.demo_tree import demo_district_code, demo_ward_code, other_ward_code
from tongket.org.lineage import predecessors, successor_memberships, successors
from tongket.org.models import ChangeKind, Membership, Unit, UnitChange
from tongket.programmes.models import Indicator

WINDOW = parse_period_or_window("2019..2023")
TODAY = "2026-12-04"


def _review_figures(district: Unit) -> dict[tuple[str, object, str, str | None], Decimal | None]:
    """Every figure a review of the district shows: each indicator (and option) over the
    window, the previous one and each year, for the district and each of its rows."""
    indicators = list(Indicator.objects.all())
    spans = [WINDOW, WINDOW.previous(), *WINDOW.periods(PeriodType.YEARLY)]
    grid = rollup_grid(indicators, district, spans)
    rows = [TOTAL, OWN, *Unit.objects.filter(parent=district).values_list("pk", flat=True)]
    options = [None, "CBCC", "DV", "DOANVIEN"]
    return {
        (i.code, row, span.id, option): grid.value(i, row, span, option)
        for i in indicators
        for row in rows
        for span in spans
        for option in options
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        with override_settings(TONGKET_TODAY=TODAY):
            units = seed_org()
            seed_reporting(units)
            before = _review_figures(units[demo_district_code()])
            seed_reform_demo(units)
            after = _review_figures(Unit.objects.get(code=demo_district_code()))
        yield {"units": units, "before": before, "after": after}
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def on_the_real_date(demo, db, settings):  # type: ignore[no-untyped-def]
    settings.TONGKET_TODAY = TODAY
    return demo


def test_the_district_review_2019_2023_is_unchanged_by_the_reform(on_the_real_date):
    before, after = on_the_real_date["before"], on_the_real_date["after"]
    assert sum(1 for v in before.values() if v is not None) > 500
    assert after == before


def test_khuong_mai_passes_its_whole_history_to_the_new_phuong_liet(on_the_real_date):
    khuong_mai = Unit.objects.get(code=demo_ward_code())
    assert khuong_mai.valid_to == date(2025, 6, 30)
    [link] = successors(khuong_mai)
    assert (link.unit.code, link.share) == ("HN-PHUONGPHUONGLIET", 1)
    assert link.unit.valid_from == date(2025, 7, 1)


def test_a_split_predecessor_passes_its_history_to_its_default_new_ward_only(on_the_real_date):
    # Khương Trung was divided; the converter names Khương Đình its default new ward.
    khuong_trung = Unit.objects.get(code="HN-THANHXUAN-KHUONGTRUNG")
    shares = {link.unit.code: link.share for link in successors(khuong_trung)}
    assert shares == {"HN-PHUONGKHUONGDINH": 1, "HN-PHUONGPHUONGLIET": 0}
    new_phuong_liet = Unit.objects.get(code="HN-PHUONGPHUONGLIET")
    assert {link.unit.code for link in predecessors(new_phuong_liet)} >= {
        demo_ward_code(),
        "HN-THANHXUAN-PHUONGLIET",
        "HN-THANHXUAN-KHUONGTRUNG",
    }


def test_the_new_wards_series_is_its_predecessors_history_by_shares_plus_its_own(
    on_the_real_date,
):
    posts = Indicator.objects.get(code="TT_TINBAI")
    new_ward = Unit.objects.get(code="HN-PHUONGPHUONGLIET")
    links = predecessors(new_ward)
    for year in range(2019, 2027):
        span = Period.of(PeriodType.YEARLY, year)
        inherited = sum(
            (link.share * (value_of(posts, link.unit, span) or 0) for link in links),
            Decimal(0),
        )
        stored = new_ward.values.filter(indicator=posts, period__startswith=str(year))
        own = sum((v.numeric or Decimal(0) for v in stored), Decimal(0))
        assert value_of(posts, new_ward, span) == inherited + own, year
        assert inherited + own > 0, year  # continuous: a figure every year, 2019–2026


def test_ho_chi_minh_city_absorbs_two_provinces(on_the_real_date):
    city = Unit.objects.get(code="HCM")
    provinces = [link for link in predecessors(city) if link.unit.kind == "province_committee"]
    assert {(link.unit.code, link.share) for link in provinces} == {
        ("BINHDUONG", 1),
        ("BRVT", 1),
    }
    assert city.valid_to is None
    change = UnitChange.objects.get(kind=ChangeKind.MERGE, edges__predecessor__code="BINHDUONG")
    assert change.document == "202/2025/QH15"


def test_districts_are_dissolved_and_their_cells_moved_with_codes_kept(on_the_real_date):
    district = Unit.objects.get(code=demo_district_code())
    assert district.valid_to == date(2025, 6, 30)
    assert [link.unit.code for link in successors(district)] == ["HN"]
    cell = Unit.objects.get(code=f"{demo_ward_code()}-TDP01")
    assert cell.parent.code == "HN-PHUONGPHUONGLIET"
    assert cell.changes.filter(kind=ChangeKind.MOVE).count() == 1


def test_ward_and_otherward_report_for_wards_that_exist_today(on_the_real_date):
    today = date.fromisoformat(TODAY)
    ward = Membership.objects.get(user__username="ward").unit
    other = Membership.objects.get(user__username="otherward").unit
    assert ward.code == "HN-PHUONGPHUONGLIET" and ward.is_active_on(today)
    assert other.is_active_on(today) and other.code != ward.code
    assert Unit.objects.get(code=other_ward_code()) in [link.unit for link in predecessors(other)]
    assert Membership.objects.get(user__username="city").unit == ward.parent
    assert Membership.objects.get(user__username="district").unit.code == demo_district_code()


def test_the_api_gives_the_lineage_of_the_contract(on_the_real_date):
    token = (
        Client()
        .post(
            "/api/v1/auth/token",
            {"username": "city", "password": DEMO_PASSWORD},
            content_type="application/json",
        )
        .json()["token"]
    )
    headers = {"Authorization": f"Bearer {token}"}
    new = Client().get("/api/v1/units/HN-PHUONGPHUONGLIET", headers=headers).json()
    assert new["kind"] == "ward_committee"
    assert new["parent"]["code"] == "HN"
    assert (new["validFrom"], new["validTo"]) == ("2025-07-01", None)
    assert {"code": demo_ward_code(), "share": 1.0} in new["predecessors"]
    assert new["successors"] == []
    old = Client().get(f"/api/v1/units/{demo_ward_code()}", headers=headers).json()
    assert old["validTo"] == "2025-06-30"
    assert old["successors"] == [{"code": "HN-PHUONGPHUONGLIET", "share": 1.0}]


def test_members_of_a_dissolved_unit_are_offered_the_successors_membership(on_the_real_date):
    district = Unit.objects.get(code=demo_district_code())
    offered = successor_memberships(district)
    assert {(m.user.username, unit.code) for m, unit in offered} >= {("district", "HN")}
    assert get_user_model().objects.filter(username="district").exists()
