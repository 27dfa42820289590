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
