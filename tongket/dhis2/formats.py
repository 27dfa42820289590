"""Data value sets in DHIS2's three formats: JSON, CSV and ADX XML.

Reading turns a payload into `Dhis2Value`s (codes, since tongket speaks
`idScheme=code`); writing turns stored values back into each format. ADX documents are
validated against the ADX schema (adx.xsd, from ISO/IHE QRPH ADX) before they are read,
with entities and network access off.
"""

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from tongket.core.periods import Period

ADX_NAMESPACE = "urn:ihe:qrph:adx:2015"
_SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).with_name("adx.xsd"))))
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
# DHIS2's CSV columns, in its order (docs: "Data values CSV format").
CSV_COLUMNS = [
    "dataelement",
    "period",
    "orgunit",
    "categoryoptioncombo",
    "attributeoptioncombo",
    "value",
    "storedby",
    "lastupdated",
    "comment",
    "followup",
    "deleted",
]
_MAX_VALUES = 200_000


class PayloadError(ValueError):
    """A payload that cannot be read at all; the message says why, in one line."""


@dataclass
class Dhis2Value:
    data_element: str
    period: str
    org_unit: str
    value: str
    option: str = ""  # the category option combo's code; "" for the default one
    where: str = ""


@dataclass
class OutValue:
    data_element: str
    period: str
    org_unit: str
    option: str
    value: str
    stored_by: str
    last_updated: str


def read_json(body: bytes) -> list[Dhis2Value]:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise PayloadError(f"JSON không đọc được: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("dataValues", []), list):
        raise PayloadError("JSON phải là một đối tượng có mảng “dataValues”.")
    defaults = {key: data.get(key) for key in ("period", "orgUnit")}
    values = []
    for index, item in enumerate(_limited(data.get("dataValues", []))):
        if not isinstance(item, dict):
            raise PayloadError(f"dataValues[{index}] không phải là một đối tượng.")
        values.append(
            Dhis2Value(
                data_element=_text(item.get("dataElement")),
                period=_text(item.get("period") or defaults["period"]),
                org_unit=_text(item.get("orgUnit") or defaults["orgUnit"]),
                value=_text(item.get("value")),
                option=_option(item.get("categoryOptionCombo")),
                where=f"dataValues[{index}]",
            )
        )
    return values


def read_csv(body: bytes) -> list[Dhis2Value]:
    try:
        text = body.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except (UnicodeDecodeError, csv.Error) as error:
        raise PayloadError(f"CSV không đọc được: {error}") from error
    if rows and rows[0] and rows[0][0].strip().lower() in ("dataelement", "data_element"):
        header = [cell.strip().lower() for cell in rows[0]]
        rows = rows[1:]
        position = {name: header.index(name) for name in CSV_COLUMNS if name in header}
    else:
        position = {name: index for index, name in enumerate(CSV_COLUMNS)}
    values = []
    for number, row in enumerate(_limited(rows), start=2 if position else 1):
        if not any(cell.strip() for cell in row):
            continue

        def cell(name: str, row: list[str] = row) -> str:
            index = position.get(name)
            return row[index].strip() if index is not None and index < len(row) else ""

        values.append(
            Dhis2Value(
                data_element=cell("dataelement"),
                period=cell("period"),
                org_unit=cell("orgunit"),
                value=cell("value"),
                option=_option(cell("categoryoptioncombo")),
                where=f"dòng {number}",
            )
        )
    return values


def read_adx(body: bytes) -> list[Dhis2Value]:
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError as error:
        raise PayloadError(f"ADX không đọc được: {error}") from error
    if root.getroottree().docinfo.doctype:
        raise PayloadError("ADX không được khai báo DOCTYPE hay thực thể (entity).")
    try:
        valid = _SCHEMA.validate(root)
    except etree.XMLSchemaValidateError as error:
        raise PayloadError(f"ADX không đúng lược đồ: {error}") from error
    if not valid:
        last = _SCHEMA.error_log.last_error
        raise PayloadError(f"ADX không đúng lược đồ: dòng {last.line}: {last.message}")
    values = []
    for group in root.iter(f"{{{ADX_NAMESPACE}}}group"):
        period = _adx_period(group.get("period", ""))
        org_unit = group.get("orgUnit", "")
        for value in group.iter(f"{{{ADX_NAMESPACE}}}dataValue"):
            extra = {k: v for k, v in value.attrib.items() if k not in ("dataElement", "value")}
            values.append(
                Dhis2Value(
                    data_element=value.get("dataElement", ""),
                    period=period,
                    org_unit=org_unit,
                    value=value.get("value", ""),
                    option=_option(next(iter(extra.values()), "")),
                    where=f"dòng {value.sourceline}",
                )
            )
            if len(values) > _MAX_VALUES:
                raise PayloadError(f"Quá {_MAX_VALUES} giá trị trong một lần gửi.")
    return values


def write_json(values: list[OutValue], data_set: str | None) -> bytes:
    body: dict[str, Any] = {"dataValues": [_json_value(value) for value in values]}
    if data_set:
        body = {"dataSet": data_set, **body}
    return json.dumps(body, ensure_ascii=False).encode()


def write_csv(values: list[OutValue]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for value in values:
        writer.writerow(
            [
                value.data_element,
                value.period,
                value.org_unit,
                value.option or "default",
                "default",
                _safe(value.value),
                value.stored_by,
                value.last_updated,
                "",
                "false",
                "false",
            ]
        )
    return out.getvalue().encode()


def write_adx(values: list[OutValue], data_set: str | None, exported: str) -> bytes:
    root = etree.Element(f"{{{ADX_NAMESPACE}}}adx", nsmap={None: ADX_NAMESPACE})
    root.set("exported", exported)
    groups: dict[tuple[str, str], Any] = {}
    for value in values:
        key = (value.org_unit, value.period)
        group = groups.get(key)
        if group is None:
            group = etree.SubElement(root, f"{{{ADX_NAMESPACE}}}group")
            group.set("orgUnit", value.org_unit)
            group.set("period", adx_period(value.period))
            if data_set:
                group.set("dataSet", data_set)
            groups[key] = group
        element = etree.SubElement(group, f"{{{ADX_NAMESPACE}}}dataValue")
        element.set("dataElement", value.data_element)
        if value.option:
            element.set("OPTION", value.option)
        element.set("value", value.value)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def adx_period(period: str) -> str:
    """ADX writes a period as its start and ISO 8601 duration: 2023 → 2023-01-01/P1Y."""
    parsed = Period.parse(period)
    months = (parsed.end.year - parsed.start.year) * 12 + parsed.end.month - parsed.start.month + 1
    duration = f"P{months // 12}Y" if months % 12 == 0 else f"P{months}M"
    return f"{parsed.start.isoformat()}/{duration}"


def _adx_period(text: str) -> str:
    """The DHIS2 period of an ADX period (2023-01-01/P1Y → 2023; 2023-04-01/P3M → 2023Q2)."""
    start, _, duration = text.partition("/")
    try:
        year, month = int(start[:4]), int(start[5:7])
    except ValueError as error:
        raise PayloadError(f"Kỳ ADX “{text}” không hợp lệ.") from error
    if duration == "P1Y" and month == 1:
        return str(year)
    if duration == "P6M" and month in (1, 7):
        return f"{year}S{1 if month == 1 else 2}"
    if duration == "P3M" and month in (1, 4, 7, 10):
        return f"{year}Q{(month - 1) // 3 + 1}"
    if duration == "P1M":
        return f"{year}{month:02d}"
    if duration == "P9M" and month == 1:
        return f"{year}N9"
    raise PayloadError(f"Kỳ ADX “{text}” không hợp lệ.")


def _json_value(value: OutValue) -> dict[str, Any]:
    item = {
        "dataElement": value.data_element,
        "period": value.period,
        "orgUnit": value.org_unit,
        "categoryOptionCombo": value.option or "default",
        "attributeOptionCombo": "default",
        "value": value.value,
        "storedBy": value.stored_by,
        "lastUpdated": value.last_updated,
        "followup": False,
    }
    return item


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def _option(code: object) -> str:
    text = _text(code)
    return "" if text.lower() in ("", "default", "hllvx50cxc0") else text


def _limited(items: list[Any]) -> list[Any]:
    if len(items) > _MAX_VALUES:
        raise PayloadError(f"Quá {_MAX_VALUES} giá trị trong một lần gửi.")
    return items


def _safe(text: str) -> str:
    """A value a spreadsheet would run as a formula is written with a leading quote."""
    return "'" + text if text[:1] in ("=", "+", "@", "\t", "\r") else text
