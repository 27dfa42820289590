"""The 2025 reform in the demo, from `vietnamadminunits`' own converter mapping.

On 1 July 2025 Hà Nội and TP Hồ Chí Minh lost their districts and their wards and
communes were merged into new ones (Nghị quyết 1656/NQ-UBTVQH15 and 1685/NQ-UBTVQH15),
and TP Hồ Chí Minh absorbed Bình Dương and Bà Rịa – Vũng Tàu (Nghị quyết
202/2025/QH15). The package's converter (data/converter_2025.json) says, for each new
ward, the old wards it was formed of whole ("no divided"), and for each old ward that
was divided, the new wards it went to and which of them is the default one. Here:

- each new ward is created on 2025-07-01 under its city and recorded as a merge of its
  predecessors: an old ward formed into it whole passes its whole history (share 1); a
  divided one passes it all to its default new ward and 0 to the others (CONTRACT.md);
- the grassroots organisations under an old ward move with it (a move event each);
- each district is dissolved on 2025-07-01, its own history (and that of its agencies'
  organisations, dissolved with it) passing to the city committee;
- the demo does not hold the wards of Bình Dương and Bà Rịa – Vũng Tàu: it holds the
  two provinces as units (2019 – 2025-06-30) merged into TP Hồ Chí Minh, whose new wards
  formed from their wards have no predecessors in the demo.
"""

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from tongket.org.actions import create_unit
from tongket.org.changes import dissolve_unit, merge_units
from tongket.org.demo_tree import (
    DEMO_PROVINCES,
    DEMO_START,
    DISTRICTS_ABOLISHED,
    dataset_dir,
    demo_units,
    demo_ward_code,
    other_ward_code,
)
from tongket.org.models import Unit, UnitKind

REFORM = date(2025, 7, 1)
WARDS_DOCUMENT = {"HN": "1656/NQ-UBTVQH15", "HCM": "1685/NQ-UBTVQH15"}
PROVINCES_DOCUMENT = "202/2025/QH15"
_PROVINCE_KEYS = {"HN": "thanhphohanoi", "HCM": "thanhphohochiminh"}
MERGED_PROVINCES = [
    ("BINHDUONG", "Tỉnh ủy Bình Dương"),
    ("BRVT", "Tỉnh ủy Bà Rịa – Vũng Tàu"),
]
_NEW_KIND = {
    "Phường": (UnitKind.WARD_COMMITTEE, "Đảng ủy phường"),
    "Xã": (UnitKind.COMMUNE_COMMITTEE, "Đảng ủy xã"),
    "Đặc khu": (UnitKind.COMMUNE_COMMITTEE, "Đảng ủy đặc khu"),
}


@dataclass(frozen=True)
class NewWard:
    code: str
    name: str
    kind: str
    city: str
    predecessors: dict[str, Decimal]  # old ward key → share of its history


def reform_applies(day: date) -> bool:
    return day >= REFORM


def new_ward_code(city: str, ward_key: str) -> str:
    return f"{city}-{ward_key.upper()}"


def new_wards() -> list[NewWard]:
    """Every new ward of the two cities with its predecessors' keys and shares."""
    mapping = json.loads((dataset_dir() / "converter_2025.json").read_text(encoding="utf-8"))
    with sqlite3.connect(f"file:{dataset_dir() / 'dataset.db'}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT provinceCode, wardKey, wardShort, wardType FROM admin_units"
            " WHERE provinceCode IN (?, ?) ORDER BY provinceCode, wardCode",
            tuple(DEMO_PROVINCES),
        ).fetchall()
    wards = []
    for province, key, short, ward_type in rows:
        city = DEMO_PROVINCES[province]
        province_key = _PROVINCE_KEYS[city]
        shares: dict[str, Decimal] = {
            old: Decimal(1)
            for old in mapping["DICT_PROVINCE_WARD_NO_DIVIDED"][province_key].get(key, [])
        }
        for old, parts in mapping["DICT_PROVINCE_WARD_DIVIDED"][province_key].items():
            for part in parts:
                if part["newWardKey"] == key:
                    shares[old] = Decimal(1) if part["isDefaultNewWard"] else Decimal(0)
        kind, prefix = _NEW_KIND[ward_type]
        wards.append(NewWard(new_ward_code(city, key), f"{prefix} {short}", kind, city, shares))
    return wards


def successor_code(old_code: str) -> str | None:
    """The code of the new ward that carries an old ward's whole history."""
    key = next((u.key for u in demo_units() if u.code == old_code), "")
    for ward in new_wards():
        if ward.predecessors.get(key) == 1:
            return ward.code
    return None


@transaction.atomic
def apply_reform(units: dict[str, Unit]) -> int:
    """Apply the reform to the demo tree (adding the new units to `units`); returns the
    number of changes recorded."""
    changes = 0
    old_by_key = {u.key: units[u.code] for u in demo_units() if u.key and u.code in units}
    for code, name in MERGED_PROVINCES:
        units[code] = create_unit(
            by=None,
            code=code,
            name=name,
            kind=UnitKind.PROVINCE_COMMITTEE,
            parent=units["TW"],
            valid_from=DEMO_START,
            valid_to=DISTRICTS_ABOLISHED,
        )
    merge_units(
        by=None,
        units=[units[code] for code, _name in MERGED_PROVINCES],
        into=units["HCM"],
        effective=REFORM,
        document=PROVINCES_DOCUMENT,
        note="Hợp nhất tỉnh Bình Dương, tỉnh Bà Rịa – Vũng Tàu và Thành phố Hồ Chí Minh",
    )
    changes += 1
    for ward in new_wards():
        unit = create_unit(
            by=None,
            code=ward.code,
            name=ward.name,
            kind=ward.kind,
            parent=units[ward.city],
            valid_from=REFORM,
        )
        units[ward.code] = unit
        predecessors = {key: share for key, share in ward.predecessors.items() if key in old_by_key}
        if predecessors:
            merge_units(
                by=None,
                units=[old_by_key[key] for key in predecessors],
                into=unit,
                effective=REFORM,
                document=WARDS_DOCUMENT[ward.city],
                shares={old_by_key[key].code: share for key, share in predecessors.items()},
            )
            changes += 1
    changes += _dissolve_districts(units)
    return changes


def _dissolve_districts(units: dict[str, Unit]) -> int:
    """Districts, and the organisations of their agencies, end with the district level;
    their own history counts in the city committee's."""
    changes = 0
    items = demo_units()
    city_of = {u.code: u.parent_code for u in items if u.parent_code in WARDS_DOCUMENT}
    districts: dict[str, list[str]] = defaultdict(list)
    for item in items:
        if item.parent_code in city_of:
            districts[item.parent_code].append(item.code)
    for district_code, child_codes in districts.items():
        district = units[district_code]
        city = units[city_of[district_code] or ""]
        for code in child_codes:
            child = Unit.objects.get(pk=units[code].pk)
            if not child.successor_edges.exists() and child.kind != UnitKind.STEERING_COMMITTEE:
                dissolve_unit(
                    by=None,
                    unit=child,
                    effective=REFORM,
                    document=WARDS_DOCUMENT[city.code],
                    successor=city,
                )
                changes += 1
        dissolve_unit(
            by=None,
            unit=Unit.objects.get(pk=district.pk),
            effective=REFORM,
            document=WARDS_DOCUMENT[city.code],
            successor=city,
            note="Kết thúc hoạt động của đảng bộ cấp huyện",
        )
        changes += 1
    return changes


def demo_ward_successor() -> str:
    """The new ward that succeeded Khương Mai (the `ward` account's unit today)."""
    found = successor_code(demo_ward_code())
    if found is None:
        raise RuntimeError("The 2025 mapping names no successor of the demo ward.")
    return found


def other_ward_successor() -> str:
    found = successor_code(other_ward_code())
    if found is None:
        raise RuntimeError("The 2025 mapping names no successor of the other demo ward.")
    return found
