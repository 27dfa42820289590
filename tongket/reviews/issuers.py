"""Who issues the review, as its header names it, from the unit and the format.

A Party review is issued by the committee ("QUẬN ỦY THANH XUÂN" under "ĐẢNG BỘ
THÀNH PHỐ HÀ NỘI", symbol -BC/QU); a State review by the People's Committee of the
same area ("ỦY BAN NHÂN DÂN QUẬN THANH XUÂN", symbol BC-UBND).
"""

from tongket.org.models import Unit, UnitKind

# kind → (prefix in the unit's name, area word, Party symbol code)
_KINDS = {
    UnitKind.CITY_COMMITTEE: ("Thành ủy", "thành phố", "TU"),
    UnitKind.PROVINCE_COMMITTEE: ("Tỉnh ủy", "tỉnh", "TU"),
    UnitKind.URBAN_DISTRICT_COMMITTEE: ("Quận ủy", "quận", "QU"),
    UnitKind.RURAL_DISTRICT_COMMITTEE: ("Huyện ủy", "huyện", "HU"),
    UnitKind.TOWN_COMMITTEE: ("Thị ủy", "thị xã", "TU"),
    UnitKind.WARD_COMMITTEE: ("Đảng ủy phường", "phường", "ĐU"),
    UnitKind.COMMUNE_COMMITTEE: ("Đảng ủy xã", "xã", "ĐU"),
    UnitKind.TOWNSHIP_COMMITTEE: ("Đảng ủy thị trấn", "thị trấn", "ĐU"),
}


def place_name(unit: Unit) -> str:
    """ "Thanh Xuân" for Quận ủy Thanh Xuân: the area, as the date line names it."""
    prefix = _KINDS.get(UnitKind(unit.kind), ("", "", ""))[0]
    return unit.name.removeprefix(prefix).strip() or unit.name


def _area(unit: Unit) -> str:
    area = _KINDS.get(UnitKind(unit.kind), ("", "", ""))[1]
    return f"{area} {place_name(unit)}".strip()


def issuer_for(unit: Unit, style: str) -> dict[str, str]:
    parent = unit.parent
    if style == "state":
        return {
            "parent": f"Ủy ban nhân dân {_area(parent)}" if parent and parent.parent else "",
            "name": f"Ủy ban nhân dân {_area(unit)}",
            "code": "UBND",
            "place": place_name(unit),
        }
    return {
        "parent": f"Đảng bộ {_area(parent)}"
        if parent and parent.kind in _KINDS
        else "Ban Chấp hành Trung ương",
        "name": unit.name,
        "code": _KINDS.get(UnitKind(unit.kind), ("", "", "BCĐ"))[2],
        "place": place_name(unit),
    }
