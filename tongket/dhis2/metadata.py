"""Metadata in DHIS2's shape: org units, data elements, data sets, category option combos.

Enough of DHIS2's list API for the clients that use it: `fields` (names, `*`/`:all`,
one level of `parent[id,code]`), `filter=property:operator:value` (eq, ne, like, ilike,
in; `ilike` ignores diacritics), `paging`, `page`, `pageSize`. Objects carry a stable
UID (tongket.dhis2.ids) and their tongket code.
"""

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from tongket.dhis2.ids import DEFAULT_COC, uid
from tongket.org.models import Unit
from tongket.org.scope import User, visible_units
from tongket.programmes.models import CategoryOption, Indicator
from tongket.reporting.models import ReportForm
from tongket.vn.text import fold

VALUE_TYPES = {
    "integer": "INTEGER",
    "number": "NUMBER",
    "percentage": "PERCENTAGE",
    "boolean": "BOOLEAN",
    "text": "LONG_TEXT",
}
AGGREGATION_TYPES = {
    "sum": "SUM",
    "average": "AVERAGE",
    "min": "MIN",
    "max": "MAX",
    "last": "LAST",
    "count": "COUNT",
}
DEFAULT_FIELDS = ["id", "displayName"]
_FILTER = re.compile(r"^(?P<prop>[\w.]+):(?P<op>eq|ne|like|ilike|in|!eq):(?P<value>.*)$")


class MetadataError(ValueError):
    """A list request that cannot be answered; the message says why."""


@dataclass
class Listing:
    items: list[dict[str, Any]]
    pager: dict[str, int] | None


def organisation_units(user: User) -> list[dict[str, Any]]:
    units = list(visible_units(user).select_related("parent").order_by("level", "code"))
    codes = {unit.pk: unit.code for unit in units}
    if units:
        # The path runs from the top of the tree, above the user's own unit.
        codes |= dict(Unit.objects.filter(pk__in=units[0].ancestor_ids()).values_list("pk", "code"))
    rows = []
    for unit in units:
        path_ids = [int(p) for p in unit.path.strip("/").split("/")]
        path = "/" + "/".join(uid("ou", codes[p]) for p in path_ids if p in codes)
        parent = unit.parent
        rows.append(
            {
                "id": uid("ou", unit.code),
                "code": unit.code,
                "name": unit.name,
                "displayName": unit.name,
                "shortName": unit.name[:50],
                "level": unit.level + 1,
                "path": path,
                "parent": {"id": uid("ou", parent.code), "code": parent.code} if parent else None,
                "openingDate": _date(unit.valid_from),
                "closedDate": _date(unit.valid_to),
            }
        )
    return rows


def data_elements(user: User) -> list[dict[str, Any]]:
    items = Indicator.objects.select_related("programme", "category").order_by("code")
    return [
        {
            "id": uid("de", i.code),
            "code": i.code,
            "name": i.name,
            "displayName": i.name,
            "shortName": i.name[:50],
            "valueType": VALUE_TYPES.get(i.value_type, "NUMBER"),
            "aggregationType": AGGREGATION_TYPES.get(i.aggregation, "SUM"),
            "domainType": "AGGREGATE",
            "categoryCombo": {
                "id": uid("cc", i.category.code) if i.category else "bjDvmb4bfuf",
                "code": i.category.code if i.category else "default",
            },
        }
        for i in items
    ]


def data_sets(user: User) -> list[dict[str, Any]]:
    forms = ReportForm.objects.prefetch_related("indicators").order_by("code")
    return [
        {
            "id": uid("ds", form.code),
            "code": form.code,
            "name": form.name,
            "displayName": form.name,
            "periodType": form.period_type,
            "dataSetElements": [
                {"dataElement": {"id": uid("de", i.code), "code": i.code}}
                for i in form.indicators.all()
            ],
        }
        for form in forms
    ]


def category_option_combos(user: User) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {"id": DEFAULT_COC, "code": "default", "name": "default", "displayName": "default"}
    ]
    for option in CategoryOption.objects.select_related("category").order_by(
        "category__code", "sort_order"
    ):
        rows.append(
            {
                "id": uid("coc", option.code),
                "code": option.code,
                "name": option.name,
                "displayName": option.name,
                "categoryCombo": {"id": uid("cc", option.category.code)},
            }
        )
    return rows


RESOURCES: dict[str, Callable[[User], list[dict[str, Any]]]] = {
    "organisationUnits": organisation_units,
    "dataElements": data_elements,
    "dataSets": data_sets,
    "categoryOptionCombos": category_option_combos,
}


def listing(
    rows: list[dict[str, Any]],
    *,
    fields: str | None,
    filters: Iterable[str],
    paging: bool,
    page: int,
    page_size: int,
) -> Listing:
    for text in filters:
        rows = _filtered(rows, text)
    chosen = [_select(row, _parse_fields(fields)) for row in rows]
    if not paging:
        return Listing(chosen, None)
    if page < 1 or not 1 <= page_size <= 10_000:
        raise MetadataError("page phải ≥ 1 và pageSize trong khoảng 1–10000.")
    total = len(chosen)
    pager = {
        "page": page,
        "pageCount": max(1, math.ceil(total / page_size)),
        "total": total,
        "pageSize": page_size,
    }
    return Listing(chosen[(page - 1) * page_size : page * page_size], pager)


def _parse_fields(fields: str | None) -> dict[str, list[str] | None]:
    if not fields:
        return dict.fromkeys(DEFAULT_FIELDS)
    parsed: dict[str, list[str] | None] = {}
    for name, inner in re.findall(r"([\w:*]+)(?:\[([^\]]*)\])?", fields):
        parsed[name] = (
            [part.strip() for part in inner.split(",") if part.strip()] if inner else None
        )
    return parsed


def _select(row: dict[str, Any], fields: dict[str, list[str] | None]) -> dict[str, Any]:
    if "*" in fields or ":all" in fields or ":owner" in fields:
        return {key: value for key, value in row.items() if value is not None}
    chosen: dict[str, Any] = {}
    for name, inner in fields.items():
        if name not in row or row[name] is None:
            continue
        value = row[name]
        if inner and isinstance(value, dict):
            value = {key: value[key] for key in inner if key in value}
        elif inner and isinstance(value, list):
            value = [{k: item[k] for k in inner if k in item} for item in value]
        chosen[name] = value
    return chosen


def _filtered(rows: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    found = _FILTER.match(text)
    if found is None:
        raise MetadataError(f"Bộ lọc “{text}” không hợp lệ: dùng thuộc tính:toán tử:giá trị.")
    prop, op, wanted = found["prop"], found["op"], found["value"]

    def value_of(row: dict[str, Any]) -> str:
        value: Any = row
        for part in prop.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return "" if value is None else str(value)

    if op == "in":
        options = {item.strip() for item in wanted.strip("[]").split(",")}
        return [row for row in rows if value_of(row) in options]
    if op in ("ne", "!eq"):
        return [row for row in rows if value_of(row) != wanted]
    if op == "eq":
        return [row for row in rows if value_of(row) == wanted]
    if op == "like":
        return [row for row in rows if wanted in value_of(row)]
    key = fold(wanted)
    return [row for row in rows if key in fold(value_of(row))]


def _date(value: Any) -> str | None:
    return f"{value.isoformat()}T00:00:00.000" if value else None
