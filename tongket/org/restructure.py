"""A batch of tree changes from a file (JSON, XLSX, CSV), all or nothing.

`tongket restructure FILE` and the change page both build `ChangeSpec`s and call
`apply_changes`. JSON is a list (or `{"changes": [...]}`) of objects:

    {"kind": "merge", "effective": "2025-07-01", "document": "1656/NQ-UBTVQH15",
     "units": ["A", "B"], "into": "C" | {"code", "name", "kind", "parent"},
     "shares": {"A": 1, "B": 0.5}}
    {"kind": "split", "unit": "A", "into": ["X", {...new unit...}], "shares": {"X": 1}}
    {"kind": "rename", "unit": "A", "name": "…"}
    {"kind": "move", "unit": "A", "parent": "P"}
    {"kind": "dissolve", "unit": "A", "successor": "P", "share": 1}

A table has one change per line, with the columns kind, effective, document, unit
(several codes separated by commas for a merge), into (codes separated by commas),
name, parent, shares (`A=1; B=0.5`), successor, share; a new unit is then named by
`new_code`, `new_name`, `new_kind` (and `parent`).
"""

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from tongket.lib.tables import read_rows
from tongket.lib.uploads import UploadError
from tongket.org.actions import create_unit
from tongket.org.changes import (
    ChangeRefused,
    dissolve_unit,
    merge_units,
    move_unit,
    rename_unit,
    split_unit,
)
from tongket.org.models import ChangeKind, Unit, UnitChange, UnitKind
from tongket.org.scope import unit_for


class RestructureRejected(ValueError):
    """Nothing was written; the message names the change (by its number) and why."""


@dataclass
class ChangeSpec:
    kind: str
    effective: date
    document: str = ""
    units: list[str] = field(default_factory=list)
    into: list[str | dict[str, str]] = field(default_factory=list)
    name: str = ""
    parent: str = ""
    shares: dict[str, Decimal] = field(default_factory=dict)
    note: str = ""


def parse_changes(name: str, data: bytes) -> list[ChangeSpec]:
    """The changes of a file; RestructureRejected naming the first bad one."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix == ".json":
        try:
            loaded = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise RestructureRejected(f"Tệp JSON không đọc được: {error}") from error
        items = loaded.get("changes") if isinstance(loaded, dict) else loaded
        if not isinstance(items, list):
            raise RestructureRejected("Tệp JSON phải là một danh sách thay đổi.")
        return [_spec(number, item) for number, item in enumerate(items, start=1)]
    try:
        rows = read_rows(suffix, data, required=["kind", "effective", "unit"])
    except UploadError as error:
        raise RestructureRejected(str(error)) from error
    return [_spec(row.line, _row_item(row.values)) for row in rows]


def _row_item(values: dict[str, str]) -> dict[str, Any]:
    item: dict[str, Any] = {k: v for k, v in values.items() if v}
    codes = [c.strip() for c in values.get("unit", "").split(",") if c.strip()]
    item["units" if values.get("kind") == "merge" else "unit"] = (
        codes if values.get("kind") == "merge" else (codes[0] if codes else "")
    )
    into: list[Any] = [c.strip() for c in values.get("into", "").split(",") if c.strip()]
    if values.get("new_code"):
        into.append(
            {
                "code": values["new_code"],
                "name": values.get("new_name", ""),
                "kind": values.get("new_kind", ""),
                "parent": values.get("parent", ""),
            }
        )
    item["into"] = into[0] if values.get("kind") == "merge" and into else into
    shares = {}
    for part in values.get("shares", "").replace(",", ";").split(";"):
        if "=" in part:
            code, _eq, share = part.partition("=")
            shares[code.strip()] = share.strip()
    item["shares"] = shares
    return item


def _spec(number: int, item: object) -> ChangeSpec:
    where = f"Thay đổi {number}"
    if not isinstance(item, dict):
        raise RestructureRejected(f"{where}: phải là một đối tượng.")
    kind = str(item.get("kind", ""))
    if kind not in ChangeKind.values:
        raise RestructureRejected(
            f"{where}: loại “{kind}” không có (rename, move, merge, split, dissolve)."
        )
    try:
        effective = date.fromisoformat(str(item.get("effective", "")))
    except ValueError as error:
        raise RestructureRejected(f"{where}: ngày hiệu lực phải có dạng YYYY-MM-DD.") from error
    spec = ChangeSpec(kind=kind, effective=effective, document=str(item.get("document", "")))
    spec.note = str(item.get("note", ""))
    units = item.get("units") if kind == ChangeKind.MERGE else [item.get("unit")]
    if not isinstance(units, list) or not all(isinstance(u, str) and u for u in units):
        raise RestructureRejected(f"{where}: thiếu mã đơn vị (“unit”, hay “units” khi hợp nhất).")
    spec.units = list(units)
    into = item.get("into", [])
    spec.into = into if isinstance(into, list) else [into]
    spec.name = str(item.get("name", ""))
    spec.parent = str(item.get("parent", "") or item.get("successor", ""))
    raw_shares = item.get("shares") or {}
    if "share" in item:
        raw_shares = {spec.parent: item["share"]}
    try:
        spec.shares = {str(code): Decimal(str(share)) for code, share in dict(raw_shares).items()}
    except (InvalidOperation, TypeError, ValueError) as error:
        raise RestructureRejected(f"{where}: tỷ lệ phải là số từ 0 đến 1.") from error
    return spec


def apply_changes(*, by: User | None, changes: list[ChangeSpec]) -> list[UnitChange]:
    """Apply every change in order, or none: the first refusal undoes the batch and
    says which change (by number) and why."""
    done: list[UnitChange] = []
    with transaction.atomic():
        for number, spec in enumerate(changes, start=1):
            try:
                done.append(_apply(by, spec))
            except (ChangeRefused, Unit.DoesNotExist, ValueError) as error:
                raise RestructureRejected(f"Thay đổi {number}: {_reason(error)}") from error
    return done


def _reason(error: Exception) -> str:
    if isinstance(error, Unit.DoesNotExist):
        return str(error.args[0]) if error.args else "không có đơn vị này trong phạm vi."
    return str(error)


def _unit(by: User | None, code: str) -> Unit:
    try:
        return unit_for(by, code) if by is not None else Unit.objects.get(code=code)
    except Unit.DoesNotExist as missing:
        raise Unit.DoesNotExist(f"không có đơn vị “{code}” trong phạm vi.") from missing


def _successor(by: User | None, item: str | dict[str, str], effective: date) -> Unit:
    if isinstance(item, str):
        return _unit(by, item)
    kind = item.get("kind", "")
    if kind not in UnitKind.values:
        raise ChangeRefused(f"loại đơn vị “{kind}” của {item.get('code')} không có.")
    if Unit.objects.filter(code=item.get("code", "")).exists():
        raise ChangeRefused(f"mã {item.get('code')} đã có.")
    return create_unit(
        by=by,
        code=item.get("code", ""),
        name=item.get("name", ""),
        kind=kind,
        parent=_unit(by, item.get("parent", "")),
        valid_from=effective,
    )


def _apply(by: User | None, spec: ChangeSpec) -> UnitChange:
    units = [_unit(by, code) for code in spec.units]
    effective, document, note = spec.effective, spec.document, spec.note
    match spec.kind:
        case ChangeKind.RENAME:
            if not spec.name.strip():
                raise ChangeRefused("thiếu tên mới (“name”).")
            return rename_unit(
                unit=units[0],
                name=spec.name,
                by=by,
                effective=effective,
                document=document,
                note=note,
            )
        case ChangeKind.MOVE:
            return move_unit(
                unit=units[0],
                parent=_unit(by, spec.parent),
                by=by,
                effective=effective,
                document=document,
                note=note,
            )
        case ChangeKind.MERGE:
            if len(spec.into) != 1:
                raise ChangeRefused("hợp nhất cần đúng một đơn vị nhận (“into”).")
            into = _successor(by, spec.into[0], spec.effective)
            return merge_units(
                units=units,
                into=into,
                shares=spec.shares or None,
                by=by,
                effective=effective,
                document=document,
                note=note,
            )
        case ChangeKind.SPLIT:
            into_units = [_successor(by, item, spec.effective) for item in spec.into]
            return split_unit(
                unit=units[0],
                into=into_units,
                shares=spec.shares or None,
                by=by,
                effective=effective,
                document=document,
                note=note,
            )
        case _:
            successor = _unit(by, spec.parent) if spec.parent else None
            share = spec.shares.get(spec.parent, Decimal(1)) if spec.parent else Decimal(1)
            return dissolve_unit(
                unit=units[0],
                successor=successor,
                share=share,
                by=by,
                effective=effective,
                document=document,
                note=note,
            )


def change_from_form(unit: Unit, data: dict[str, Any]) -> ChangeSpec:
    """The change page's fields as a batch entry about `unit`."""
    kind = str(data["kind"])
    codes = [unit.code, *[c.strip() for c in str(data.get("others", "")).split(",") if c.strip()]]
    into = [c.strip() for c in str(data.get("into", "")).split(",") if c.strip()]
    item: dict[str, Any] = {
        "kind": kind,
        "effective": data["effective"].isoformat(),
        "document": data.get("document", ""),
        "name": data.get("name", ""),
        "parent": data.get("parent", ""),
        "into": into[0] if kind == ChangeKind.MERGE and into else into,
        "shares": _row_item({"shares": str(data.get("shares", "")).replace(",", ".")})["shares"],
    }
    item["units" if kind == ChangeKind.MERGE else "unit"] = (
        codes if kind == ChangeKind.MERGE else unit.code
    )
    return _spec(1, item)
