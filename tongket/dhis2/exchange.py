"""Moving between a DHIS2 instance and tongket as files.

Out: a programme's metadata as a DHIS2 metadata document (`POST /api/metadata` on a
DHIS2 server imports it) and its values as a data value set with the same UIDs.
In: a DHIS2 metadata export becomes tongket's own metadata document (CONTRACT.md,
imported by `tongket import metadata`), and a DHIS2 data value set is imported through
the same path as `POST /api/dataValueSets`, its UIDs translated to codes by the
metadata export and the codes mapped where they differ (CodeMapping).
"""

from typing import Any

from tongket.dhis2.formats import Dhis2Value
from tongket.dhis2.ids import DEFAULT_COC, uid
from tongket.dhis2.metadata import AGGREGATION_TYPES, VALUE_TYPES
from tongket.dhis2.models import CodeMapping, MappingKind
from tongket.org.models import Unit
from tongket.org.scope import User, visible_units
from tongket.programmes.models import Category, Indicator, Programme
from tongket.reporting.models import DataValue, ReportForm

DEFAULT_CATEGORY_COMBO = "bjDvmb4bfuf"  # DHIS2's "default" category combination
_PERIOD_TYPES = {"Monthly", "Quarterly", "SixMonthly", "Yearly"}


class ExchangeError(ValueError):
    """A file that cannot be exchanged; the message says why, in one line."""


def programme_metadata(user: User, programme: Programme) -> dict[str, Any]:
    """The programme as a DHIS2 metadata document, with the user's subtree as org units."""
    indicators = [
        i
        for i in Indicator.objects.filter(programme=programme).select_related("category")
        if i.is_entered
    ]
    categories = {i.category.pk: i.category for i in indicators if i.category is not None}
    forms = ReportForm.objects.filter(programme=programme).prefetch_related("indicators")
    units = list(visible_units(user).select_related("parent").order_by("level", "code"))
    unit_ids = {u.pk for u in units}
    return {
        "categoryOptions": [
            _named("co", option.code, option.name)
            for category in categories.values()
            for option in category.options.all()
        ],
        "categories": [_category(category) for category in categories.values()],
        "categoryCombos": [_category_combo(category) for category in categories.values()],
        "categoryOptionCombos": [
            {
                **_named("coc", option.code, option.name),
                "categoryCombo": {"id": uid("cc", category.code)},
                "categoryOptions": [{"id": uid("co", option.code)}],
            }
            for category in categories.values()
            for option in category.options.all()
        ],
        "dataElements": [_data_element(i) for i in indicators],
        "dataSets": [_data_set(form, indicators, units) for form in forms],
        "organisationUnits": [
            {
                **_named("ou", unit.code, unit.name),
                "openingDate": (unit.valid_from.isoformat() if unit.valid_from else "1900-01-01"),
                **({"closedDate": unit.valid_to.isoformat()} if unit.valid_to else {}),
                **(
                    {"parent": {"id": uid("ou", unit.parent.code)}}
                    if unit.parent is not None and unit.parent_id in unit_ids
                    else {}
                ),
            }
            for unit in units
        ],
    }


def programme_values(user: User, programme: Programme) -> dict[str, Any]:
    """The programme's stored values in the user's subtree, with the metadata's UIDs."""
    values = (
        DataValue.objects.filter(indicator__programme=programme, unit__in=visible_units(user))
        .select_related("unit", "indicator")
        .order_by("unit__code", "indicator__code", "period_start", "option")
    )
    return {
        "dataValues": [
            {
                "dataElement": uid("de", v.indicator.code),
                "period": v.period,
                "orgUnit": uid("ou", v.unit.code),
                "categoryOptionCombo": uid("coc", v.option) if v.option else DEFAULT_COC,
                "attributeOptionCombo": DEFAULT_COC,
                "value": v.value,
            }
            for v in values
            if v.indicator.is_entered
        ]
    }


def to_tongket_metadata(document: dict[str, Any], *, programme: str, unit: str) -> dict[str, Any]:
    """A DHIS2 metadata export as tongket's metadata document (CONTRACT.md)."""
    if not isinstance(document, dict) or "dataElements" not in document:
        raise ExchangeError("Tệp không phải là bản xuất metadata của DHIS2 (thiếu dataElements).")
    options_of = {
        combo.get("id"): [
            _code_of(option, document.get("categoryOptions", []))
            for category in combo.get("categories", [])
            for option in _by_id(document.get("categories", []), category.get("id")).get(
                "categoryOptions", []
            )
        ]
        for combo in document.get("categoryCombos", [])
    }
    value_types = {v: k for k, v in VALUE_TYPES.items()} | {"TEXT": "text"}
    aggregations = {v: k for k, v in AGGREGATION_TYPES.items()}
    data_sets = document.get("dataSets", [])
    period_of = {
        element["dataElement"]["id"]: data_set.get("periodType", "Yearly")
        for data_set in data_sets
        for element in data_set.get("dataSetElements", [])
    }
    indicators = []
    for element in document["dataElements"]:
        code = element.get("code") or element["id"]
        combo = element.get("categoryCombo", {}).get("id")
        indicators.append(
            {
                "code": code,
                "name": element.get("name", code),
                "programme": programme,
                "valueType": value_types.get(element.get("valueType", "NUMBER"), "number"),
                "aggregation": aggregations.get(element.get("aggregationType", "SUM"), "sum"),
                "periodType": period_of.get(element["id"], "Yearly"),
                "unitOfMeasure": "",
                "options": [o for o in options_of.get(combo, []) if o],
                "formula": "",
                "source": None,
            }
        )
    codes = {
        element["id"]: element.get("code") or element["id"] for element in document["dataElements"]
    }
    return {
        "programmes": [{"code": programme, "name": programme, "unit": unit}],
        "indicators": indicators,
        "forms": [
            {
                "code": data_set.get("code") or data_set["id"],
                "name": data_set.get("name", ""),
                "programme": programme,
                "periodType": data_set.get("periodType", "Yearly"),
                "unitKinds": [],
                "indicators": [
                    codes.get(e["dataElement"]["id"], e["dataElement"]["id"])
                    for e in data_set.get("dataSetElements", [])
                ],
                "dueDays": 15,
            }
            for data_set in data_sets
            if data_set.get("periodType", "Yearly") in _PERIOD_TYPES
        ],
        "rules": [],
        "targets": [],
    }


def values_from_dhis2(
    data: dict[str, Any], metadata: dict[str, Any] | None = None
) -> list[Dhis2Value]:
    """A DHIS2 data value set as values with tongket codes: UIDs translated through the
    metadata export, then codes mapped where a manager said they differ."""
    if not isinstance(data, dict) or not isinstance(data.get("dataValues"), list):
        raise ExchangeError("Tệp không phải là data value set của DHIS2 (thiếu dataValues).")
    codes: dict[str, str] = {}
    for kind in ("organisationUnits", "dataElements", "categoryOptionCombos"):
        for item in (metadata or {}).get(kind, []):
            if item.get("code"):
                codes[item["id"]] = item["code"]

    def code(value: object) -> str:
        text = str(value or "").strip()
        return codes.get(text, text)

    values = []
    for index, item in enumerate(data["dataValues"]):
        if not isinstance(item, dict):
            raise ExchangeError(f"dataValues[{index}] không phải là một đối tượng.")
        option = code(item.get("categoryOptionCombo"))
        values.append(
            Dhis2Value(
                data_element=code(item.get("dataElement")),
                period=str(item.get("period", "")),
                org_unit=code(item.get("orgUnit")),
                value=str(item.get("value", "")),
                option="" if option in ("", "default", DEFAULT_COC) else option,
                where=f"dataValues[{index}]",
            )
        )
    return apply_mappings(values)


def apply_mappings(values: list[Dhis2Value]) -> list[Dhis2Value]:
    """Values with the codes a manager mapped replaced by tongket's own."""
    mapped = {(m.kind, m.external): m.code for m in CodeMapping.objects.all()}
    if not mapped:
        return values
    for value in values:
        value.org_unit = mapped.get((MappingKind.ORG_UNIT, value.org_unit), value.org_unit)
        value.data_element = mapped.get(
            (MappingKind.DATA_ELEMENT, value.data_element), value.data_element
        )
        value.option = mapped.get((MappingKind.OPTION, value.option), value.option)
    return values


def _named(kind: str, code: str, name: str) -> dict[str, Any]:
    return {"id": uid(kind, code), "code": code, "name": name, "shortName": name[:50]}


def _category(category: Category) -> dict[str, Any]:
    return {
        **_named("ca", category.code, category.name),
        "dataDimensionType": "DISAGGREGATION",
        "categoryOptions": [{"id": uid("co", option.code)} for option in category.options.all()],
    }


def _category_combo(category: Category) -> dict[str, Any]:
    return {
        **_named("cc", category.code, category.name),
        "dataDimensionType": "DISAGGREGATION",
        "categories": [{"id": uid("ca", category.code)}],
    }


def _data_element(indicator: Indicator) -> dict[str, Any]:
    combo = uid("cc", indicator.category.code) if indicator.category else DEFAULT_CATEGORY_COMBO
    return {
        **_named("de", indicator.code, indicator.name),
        "valueType": VALUE_TYPES.get(indicator.value_type, "NUMBER"),
        "aggregationType": AGGREGATION_TYPES.get(indicator.aggregation, "SUM"),
        "domainType": "AGGREGATE",
        "categoryCombo": {"id": combo},
        "zeroIsSignificant": False,
    }


def _data_set(form: ReportForm, entered: list[Indicator], units: list[Unit]) -> dict[str, Any]:
    wanted = {i.pk for i in entered}
    return {
        **_named("ds", form.code, form.name),
        # DHIS2 has no nine-month period type: such forms go as yearly, and say so.
        "periodType": form.period_type if form.period_type in _PERIOD_TYPES else "Yearly",
        "categoryCombo": {"id": DEFAULT_CATEGORY_COMBO},
        "dataSetElements": [
            {"dataElement": {"id": uid("de", i.code)}, "dataSet": {"id": uid("ds", form.code)}}
            for i in form.indicators.all()
            if i.pk in wanted
        ],
        "organisationUnits": [
            {"id": uid("ou", unit.code)} for unit in units if unit.kind in form.unit_kinds
        ],
    }


def _by_id(items: list[dict[str, Any]], wanted: object) -> dict[str, Any]:
    return next((item for item in items if item.get("id") == wanted), {})


def _code_of(option: dict[str, Any], options: list[dict[str, Any]]) -> str:
    found = _by_id(options, option.get("id"))
    return str(found.get("code") or option.get("code") or option.get("id") or "")
