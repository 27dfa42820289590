"""Fixtures for the directives register: a programme and official documents as files."""

from datetime import date

import pytest

from tongket.documents.demo import OfficialText, official_docx
from tongket.org.models import UnitKind
from tongket.org.tests.factories import UnitFactory
from tongket.programmes.tests.factories import ProgrammeFactory

# The browser fixtures for test_browser_upload.py, and the hook that lets `page` save a
# screenshot when a test fails.
from tongket.tests.browser.conftest import (  # noqa: F401
    browser,
    page,
    pytest_runtest_makereport,
)


@pytest.fixture
def programme(tree):  # type: ignore[no-untyped-def]
    return ProgrammeFactory(code="NQ35", name="Thực hiện Nghị quyết 35", owner=tree.root)


@pytest.fixture
def ba_dinh(tree):  # type: ignore[no-untyped-def]
    """A second district of the city, with one ward."""
    district = UnitFactory(
        code="HN-BADINH",
        name="Quận ủy Ba Đình",
        kind=UnitKind.URBAN_DISTRICT_COMMITTEE,
        parent=tree.city,
    )
    UnitFactory(
        code="HN-BADINH-PHUCXA",
        name="Đảng ủy phường Phúc Xá",
        kind=UnitKind.WARD_COMMITTEE,
        parent=district,
    )
    return district


def plan(
    *,
    issuer: str = "QUẬN ỦY THANH XUÂN",
    superior: str = "THÀNH ỦY HÀ NỘI",
    number: str = "09-KH/QU",
    day: date = date(2019, 3, 15),
    summary: tuple[str, ...] = (
        "thực hiện Kế hoạch số 135-KH/TU ngày 28/01/2019 của Ban Thường vụ Thành ủy",
        "về thực hiện Nghị quyết số 35-NQ/TW của Bộ Chính trị",
    ),
    body: tuple[str, ...] = (
        "Thực hiện Kế hoạch số 135-KH/TU ngày 28/01/2019 của Ban Thường vụ Thành ủy Hà Nội về "
        "thực hiện Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị khóa XII, Ban "
        "Thường vụ Quận ủy xây dựng Kế hoạch thực hiện như sau:",
        "1. Quán triệt Nghị quyết 35 đến toàn thể cán bộ, đảng viên.",
    ),
    heading: str = "KẾ HOẠCH",
) -> OfficialText:
    return OfficialText(
        superior=superior,
        issuer=issuer,
        number=number,
        place="Hà Nội",
        day=day,
        heading=heading,
        summary=list(summary),
        body=list(body),
    )


def plan_docx(**kwargs) -> bytes:  # type: ignore[no-untyped-def]
    return official_docx(plan(**kwargs))
