"""Seeding the demo: the tree and the accounts of CONTRACT.md."""

from dataclasses import dataclass

from django.db import transaction

from tongket.org.actions import create_account, create_unit
from tongket.org.demo_tree import demo_district_code, demo_units, demo_ward_code, other_ward_code
from tongket.org.models import Role, Unit

DEMO_PASSWORD = "tongket-demo"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    unit_code: str
    role: Role
    superuser: bool = False


def demo_accounts() -> list[DemoAccount]:
    district = demo_district_code()
    return [
        DemoAccount("admin", "Quản trị hệ thống", "TW", Role.ADMIN, superuser=True),
        DemoAccount("city", "Trần Thị Minh Hằng", "HN", Role.MANAGER),
        DemoAccount("district", "Lê Văn Thành", district, Role.MANAGER),
        DemoAccount("ward", "Nguyễn Thị Lan", demo_ward_code(), Role.REPORTER),
        DemoAccount("otherward", "Phạm Quốc Bảo", other_ward_code(), Role.REPORTER),
        DemoAccount("judge1", "Đỗ Thị Thu Trang", f"{district}-BCD35", Role.VIEWER),
        DemoAccount("judge2", "Hoàng Minh Đức", f"{district}-BCD35", Role.VIEWER),
        DemoAccount("judge3", "Vũ Ngọc Ánh", f"{district}-BCD35", Role.VIEWER),
    ]


@transaction.atomic
def seed_org() -> dict[str, Unit]:
    """Create the demo tree and accounts; returns the units by code."""
    units: dict[str, Unit] = {}
    for item in demo_units():
        units[item.code] = create_unit(
            by=None,
            code=item.code,
            name=item.name,
            kind=item.kind,
            parent=units.get(item.parent_code or ""),
            valid_from=item.valid_from,
            valid_to=item.valid_to,
        )
    for account in demo_accounts():
        create_account(
            by=None,
            username=account.username,
            password=DEMO_PASSWORD,
            unit=units[account.unit_code],
            role=account.role,
            full_name=account.full_name,
            is_superuser=account.superuser,
        )
    return units


def seed_reporting(units: dict[str, Unit]) -> int:
    """The demo programme with its 2019–2023 figures; returns the number of values."""
    from django.contrib.auth import get_user_model

    from tongket.programmes.demo import seed_programme
    from tongket.reporting.demo import seed_values

    district = units[demo_district_code()]
    seed_programme(district)
    ward_user = get_user_model().objects.get(username="ward")
    return seed_values(district=district, ward=units[demo_ward_code()], ward_user=ward_user)


def seed_directives(units: dict[str, Unit]) -> int:
    """The register: the resolution and the plans that carry it out, as uploaded DOCX."""
    from tongket.documents.demo import seed_documents
    from tongket.programmes.models import Programme

    return seed_documents(units, Programme.objects.get(code="NQ35"))


def seed_contest_demo(units: dict[str, Unit]) -> None:
    """The writing contests: a ward contest in judging, the district's, an earlier year's."""
    from django.contrib.auth import get_user_model

    from tongket.contests.demo import seed_contests

    users = {user.username: user for user in get_user_model().objects.all()}
    seed_contests(units, users)
