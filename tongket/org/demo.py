"""Seeding the demo: the tree and the accounts of CONTRACT.md."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from tongket.lib.clock import today
from tongket.org.actions import create_account, create_unit, set_membership
from tongket.org.demo_reform import (
    apply_reform,
    demo_ward_successor,
    other_ward_successor,
    reform_applies,
)
from tongket.org.demo_tree import (
    DEMO_START,
    demo_district_code,
    demo_units,
    demo_ward_code,
    other_ward_code,
)
from tongket.org.models import Role, Unit

DEMO_PASSWORD = "tongket-demo"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    unit_code: str
    role: Role
    superuser: bool = False


def demo_accounts(on: date | None = None) -> list[DemoAccount]:
    """The accounts of CONTRACT.md as they are on the demo's date (`on`, default today):
    after the 2025 reform, `ward` and `otherward` report for the wards that succeeded
    Khương Mai and Bến Nghé; `district` keeps the dissolved district's committee."""
    district = demo_district_code()
    reformed = reform_applies(on or today())
    ward = demo_ward_successor() if reformed else demo_ward_code()
    other = other_ward_successor() if reformed else other_ward_code()
    return [
        DemoAccount("admin", "Quản trị hệ thống", "TW", Role.ADMIN, superuser=True),
        DemoAccount("city", "Trần Thị Minh Hằng", "HN", Role.MANAGER),
        DemoAccount("district", "Lê Văn Thành", district, Role.MANAGER),
        DemoAccount("ward", "Nguyễn Thị Lan", ward, Role.REPORTER),
        DemoAccount("otherward", "Phạm Quốc Bảo", other, Role.REPORTER),
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
    for account in demo_accounts(on=DEMO_START):
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


@transaction.atomic
def seed_reform(units: dict[str, Unit]) -> int:
    """Apply the 2025 reform when the demo's date is after it, and put `ward` and
    `otherward` at the wards that exist then; returns the number of changes."""
    if not reform_applies(today()):
        return 0
    changes = apply_reform(units)
    users = {
        u.username: u for u in get_user_model().objects.filter(username__in=["ward", "otherward"])
    }
    for account in demo_accounts():
        if account.username in users:
            set_membership(
                by=None,
                user=users[account.username],
                unit=units[account.unit_code],
                role=account.role,
            )
    return changes
