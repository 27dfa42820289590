"""The demo organisation tree, built from real administrative units.

The seed scenario is 2019–2023, when districts still existed, so the tree follows the
three-level structure before 1 July 2025 from the `vietnamadminunits` package (MIT):
Hà Nội and TP Hồ Chí Minh with every district and ward. District- and ward-level
units carry valid_to = 2025-06-30, the day before districts were abolished and
communes merged, so the 2025 structure can be added after them.
"""

import importlib.util
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tongket.org.models import UnitKind
from tongket.vn.text import fold

DEMO_START = date(2019, 1, 1)
DISTRICTS_ABOLISHED = date(2025, 6, 30)
DEMO_PROVINCES = {"01": "HN", "79": "HCM"}
DEMO_DISTRICT = ("01", "Thanh Xuân")  # the district of the `district` and `ward` accounts
DEMO_WARD = "Khương Mai"
OTHER_WARD = ("79", "Quận 1", "Bến Nghé")

_DISTRICT_KIND = {
    "Quận": UnitKind.URBAN_DISTRICT_COMMITTEE,
    "Huyện": UnitKind.RURAL_DISTRICT_COMMITTEE,
    "Thị xã": UnitKind.TOWN_COMMITTEE,
    "Thành phố": UnitKind.CITY_COMMITTEE,
}
_DISTRICT_PREFIX = {
    UnitKind.URBAN_DISTRICT_COMMITTEE: "Quận ủy",
    UnitKind.RURAL_DISTRICT_COMMITTEE: "Huyện ủy",
    UnitKind.TOWN_COMMITTEE: "Thị ủy",
    UnitKind.CITY_COMMITTEE: "Thành ủy",
}
_WARD_KIND = {
    "Phường": (UnitKind.WARD_COMMITTEE, "Đảng ủy phường"),
    "Xã": (UnitKind.COMMUNE_COMMITTEE, "Đảng ủy xã"),
    "Thị trấn": (UnitKind.TOWNSHIP_COMMITTEE, "Đảng ủy thị trấn"),
}

# Grassroots organisations of the demo district besides its ward committees: with the
# wards they make the 50 of the seed report.
DISTRICT_GRASSROOTS = [
    "Chi bộ Văn phòng Quận ủy",
    "Chi bộ các Ban Đảng Quận ủy",
    "Chi bộ Ủy ban Kiểm tra Quận ủy",
    "Đảng bộ Cơ quan Ủy ban nhân dân quận",
    "Chi bộ Hội đồng nhân dân quận",
    "Đảng bộ Công an quận",
    "Đảng bộ Quân sự quận",
    "Chi bộ Viện Kiểm sát nhân dân quận",
    "Chi bộ Tòa án nhân dân quận",
    "Chi bộ Chi cục Thi hành án dân sự quận",
    "Chi bộ Chi cục Thuế quận",
    "Chi bộ Kho bạc Nhà nước quận",
    "Chi bộ Bảo hiểm xã hội quận",
    "Đảng bộ Trung tâm Y tế quận",
    "Chi bộ Trung tâm Văn hóa, Thông tin và Thể thao quận",
    "Chi bộ Ban Quản lý dự án đầu tư xây dựng quận",
    "Chi bộ Đội Quản lý trật tự xây dựng đô thị",
    "Chi bộ Khối Mặt trận Tổ quốc và các đoàn thể quận",
    "Chi bộ Trung tâm Chính trị quận",
    "Chi bộ Trường Trung học phổ thông Nhân Chính",
    "Chi bộ Trường Trung học phổ thông Khương Đình",
    "Chi bộ Trường Trung học cơ sở Thanh Xuân",
    "Chi bộ Trường Trung học cơ sở Khương Đình",
    "Chi bộ Trường Trung học cơ sở Nhân Chính",
    "Chi bộ Trường Trung học cơ sở Phương Liệt",
    "Chi bộ Trường Trung học cơ sở Hạ Đình",
    "Chi bộ Trường Trung học cơ sở Khương Mai",
    "Chi bộ Trường Trung học cơ sở Kim Giang",
    "Chi bộ Trường Trung học cơ sở Việt Nam - Angiêri",
    "Chi bộ Trường Tiểu học Kim Giang",
    "Chi bộ Trường Tiểu học Khương Mai",
    "Chi bộ Trường Tiểu học Phương Liệt",
    "Chi bộ Trường Tiểu học Nguyễn Trãi",
    "Chi bộ Trường Tiểu học Hạ Đình",
    "Chi bộ Trường Mầm non Thanh Xuân Bắc",
    "Chi bộ Trường Mầm non Khương Trung",
    "Chi bộ Trường Mầm non Hoa Sữa",
    "Đảng bộ Công ty cổ phần Cơ khí Hà Nội",
    "Chi bộ Công ty cổ phần Cao su Sao Vàng",
    "Chi bộ Công ty cổ phần Xà phòng Hà Nội",
    "Chi bộ Hợp tác xã Dịch vụ Thanh Xuân",
]
WARD_CELLS = 8  # residential-group cells under the demo ward


@dataclass(frozen=True)
class DemoUnit:
    code: str
    name: str
    kind: str
    parent_code: str | None
    valid_from: date | None
    valid_to: date | None
    key: str = ""  # a ward's key in vietnamadminunits' 2025 converter: province_district_ward


def dataset_dir() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("Thiếu gói vietnamadminunits: chạy `uv sync`.")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _dataset() -> Path:
    return dataset_dir() / "dataset.db"


def _slug(name: str) -> str:
    return "".join(ch for ch in fold(name).upper() if ch.isalnum())


def demo_units() -> list[DemoUnit]:
    """The whole demo tree, parents before children."""
    units = [DemoUnit("TW", "Ban Chấp hành Trung ương Đảng", UnitKind.CENTRAL, None, None, None)]
    with sqlite3.connect(f"file:{_dataset()}?mode=ro", uri=True) as connection:
        rows = connection.execute(
            "SELECT provinceCode, provinceShort, districtCode, districtShort, districtType,"
            " wardCode, wardShort, wardType, provinceKey || '_' || districtKey || '_' || wardKey"
            " FROM admin_units_legacy"
            " WHERE provinceCode IN (?, ?) ORDER BY provinceCode, districtCode, wardCode",
            tuple(DEMO_PROVINCES),
        ).fetchall()
    seen: set[str] = set()
    for (
        province,
        province_name,
        _district,
        district_name,
        district_type,
        ward,
        ward_name,
        ward_type,
        key,
    ) in rows:
        province_code = DEMO_PROVINCES[province]
        if province_code not in seen:
            seen.add(province_code)
            units.append(
                DemoUnit(
                    province_code,
                    f"Thành ủy {province_name}",
                    UnitKind.CITY_COMMITTEE,
                    "TW",
                    DEMO_START,
                    None,
                )
            )
        district_code = f"{province_code}-{_slug(district_name)}"
        if district_code not in seen:
            seen.add(district_code)
            kind = _DISTRICT_KIND[district_type]
            units.append(
                DemoUnit(
                    district_code,
                    f"{_DISTRICT_PREFIX[kind]} {district_name}",
                    kind,
                    province_code,
                    DEMO_START,
                    DISTRICTS_ABOLISHED,
                )
            )
        ward_kind, ward_prefix = _WARD_KIND[ward_type]
        ward_code = f"{district_code}-{_slug(ward_name)}"
        if ward_code in seen:
            ward_code = f"{ward_code}-{ward}"
        seen.add(ward_code)
        units.append(
            DemoUnit(
                ward_code,
                f"{ward_prefix} {ward_name}",
                ward_kind,
                district_code,
                DEMO_START,
                DISTRICTS_ABOLISHED,
                key,
            )
        )
    return units + _demo_district_extras()


def demo_district_code() -> str:
    return f"{DEMO_PROVINCES[DEMO_DISTRICT[0]]}-{_slug(DEMO_DISTRICT[1])}"


def demo_ward_code() -> str:
    return f"{demo_district_code()}-{_slug(DEMO_WARD)}"


def other_ward_code() -> str:
    province, district, ward = OTHER_WARD
    return f"{DEMO_PROVINCES[province]}-{_slug(district)}-{_slug(ward)}"


def _demo_district_extras() -> list[DemoUnit]:
    district = demo_district_code()
    extras = [
        DemoUnit(
            f"{district}-CS{index:02d}",
            name,
            UnitKind.GRASSROOTS_COMMITTEE
            if name.startswith("Đảng bộ")
            else UnitKind.GRASSROOTS_CELL,
            district,
            DEMO_START,
            DISTRICTS_ABOLISHED,
        )
        for index, name in enumerate(DISTRICT_GRASSROOTS, start=1)
    ]
    ward = demo_ward_code()
    extras += [
        DemoUnit(
            f"{ward}-TDP{index:02d}",
            f"Chi bộ Tổ dân phố số {index}",
            UnitKind.CELL,
            ward,
            DEMO_START,
            None,  # they go on after 2025, under the ward that succeeds Khương Mai
        )
        for index in range(1, WARD_CELLS + 1)
    ]
    extras.append(
        DemoUnit(
            f"{district}-BCD35",
            "Ban Chỉ đạo 35 Quận ủy Thanh Xuân",
            UnitKind.STEERING_COMMITTEE,
            district,
            DEMO_START,
            DISTRICTS_ABOLISHED,
        )
    )
    return extras
