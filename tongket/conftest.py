"""Fixtures shared by every app's tests: a small tree shaped like the demo's."""

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from tongket.org.models import Role, Unit, UnitKind
from tongket.org.tests.factories import UnitFactory, member

# Property tests judge correctness, not speed: a loaded CI machine must not fail them
# on hypothesis's per-example deadline.
hypothesis_settings.register_profile("tongket", deadline=None)
hypothesis_settings.load_profile("tongket")


@dataclass
class Tree:
    root: Unit
    city: Unit
    district: Unit
    ward: Unit
    cell: Unit
    other_city: Unit
    other_district: Unit
    other_ward: Unit


@pytest.fixture
def tree(db) -> Tree:  # type: ignore[no-untyped-def]
    root = UnitFactory(code="TW", name="Ban Chấp hành Trung ương Đảng", kind=UnitKind.CENTRAL)
    city = UnitFactory(code="HN", name="Thành ủy Hà Nội", kind=UnitKind.CITY_COMMITTEE, parent=root)
    district = UnitFactory(
        code="HN-THANHXUAN",
        name="Quận ủy Thanh Xuân",
        kind=UnitKind.URBAN_DISTRICT_COMMITTEE,
        parent=city,
    )
    ward = UnitFactory(
        code="HN-THANHXUAN-KHUONGMAI",
        name="Đảng ủy phường Khương Mai",
        kind=UnitKind.WARD_COMMITTEE,
        parent=district,
    )
    cell = UnitFactory(
        code="HN-THANHXUAN-KHUONGMAI-TDP01",
        name="Chi bộ Tổ dân phố số 1",
        kind=UnitKind.CELL,
        parent=ward,
    )
    other_city = UnitFactory(
        code="HCM", name="Thành ủy Hồ Chí Minh", kind=UnitKind.CITY_COMMITTEE, parent=root
    )
    other_district = UnitFactory(
        code="HCM-QUAN1",
        name="Quận ủy Quận 1",
        kind=UnitKind.URBAN_DISTRICT_COMMITTEE,
        parent=other_city,
    )
    other_ward = UnitFactory(
        code="HCM-QUAN1-BENNGHE",
        name="Đảng ủy phường Bến Nghé",
        kind=UnitKind.WARD_COMMITTEE,
        parent=other_district,
    )
    return Tree(root, city, district, ward, cell, other_city, other_district, other_ward)


@dataclass
class People:
    admin: object
    city: object
    district: object
    ward: object
    otherward: object
    judge: object


@pytest.fixture
def people(tree: Tree) -> People:
    admin = member(tree.root, Role.ADMIN, "admin")
    admin.is_superuser = admin.is_staff = True  # type: ignore[attr-defined]
    admin.save()  # type: ignore[attr-defined]
    return People(
        admin=admin,
        city=member(tree.city, Role.MANAGER, "city"),
        district=member(tree.district, Role.MANAGER, "district"),
        ward=member(tree.ward, Role.REPORTER, "ward"),
        otherward=member(tree.other_ward, Role.REPORTER, "otherward"),
        judge=member(tree.district, Role.VIEWER, "judge1"),
    )


def run(
    args: list[str], var: Path, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """`tongket ARGS` in a separate process on a demo database under `var`, in the 2024
    review scenario (the demo's own default is the real date, with the 2025 reform:
    tongket/demo/tests/test_reform.py covers it)."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(
        {
            "TONGKET_VAR_DIR": str(var),
            "DJANGO_SETTINGS_MODULE": "tongket.settings.demo",
            "TONGKET_TODAY": "2024-01-08",
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "tongket.cli", *args],
        env=env,
        input=stdin,
        capture_output=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The demo built once per test session by `tongket demo --no-serve`."""
    var = tmp_path_factory.mktemp("var")
    result = run(["demo", "--no-serve"], var)
    assert result.returncode == 0, result.stderr.decode()
    return var, result.stdout.decode()


@pytest.fixture
def demo_var(demo_run: tuple[Path, str]) -> Path:
    return demo_run[0]
