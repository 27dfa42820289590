"""A district with two wards, a cell and values at every level, for the analytics tests.

Under Quận ủy Thanh Xuân: Đảng ủy phường Hạ Đình and Đảng ủy phường Khương Mai (with
its Chi bộ Tổ dân phố số 1). Training classes held (yearly, summed):

| unit                   | 2019 | 2020 | 2021 |
|------------------------|------|------|------|
| the district itself    |    5 |      |      |
| Hạ Đình                |    1 |      |      |
| Khương Mai             |    2 |    3 |      |
| Khương Mai's cell      |      |      |    4 |
| Bến Nghé (HCM, outside)|  100 |      |      |
"""

from dataclasses import dataclass

import pytest

from tongket.org.models import Unit, UnitKind
from tongket.org.tests.factories import UnitFactory
from tongket.programmes.models import Indicator
from tongket.programmes.tests.factories import IndicatorFactory, ProgrammeFactory
from tongket.reporting.actions import save_value

# The project's browser fixtures (one shared Chromium), for test_browser.py.
from tongket.tests.browser.conftest import browser, page  # noqa: F401


@dataclass
class Classes:
    indicator: Indicator
    hadinh: Unit


@pytest.fixture
def hadinh(tree) -> Unit:
    return UnitFactory(
        code="HN-THANHXUAN-HADINH",
        name="Đảng ủy phường Hạ Đình",
        kind=UnitKind.WARD_COMMITTEE,
        parent=tree.district,
    )


@pytest.fixture
def classes(tree, people, hadinh) -> Classes:
    programme = ProgrammeFactory(code="NQ35", name="Thực hiện Nghị quyết 35", owner=tree.root)
    indicator = IndicatorFactory(
        programme=programme, code="HT_LOP", name="Số lớp tập huấn", unit_of_measure="lớp"
    )
    admin = people.admin
    for unit, period, raw in [
        (tree.district, "2019", "5"),
        (hadinh, "2019", "1"),
        (tree.ward, "2019", "2"),
        (tree.ward, "2020", "3"),
        (tree.cell, "2021", "4"),
        (tree.other_ward, "2019", "100"),
    ]:
        save_value(by=admin, unit=unit, indicator=indicator, period=period, raw=raw)
    return Classes(indicator, hadinh)
