"""Checking imported unit rows before anything is written.

A secretariat fixes an import file from the error list alone, so each error names
the line, the column and what is wrong, in Vietnamese.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _

from tongket.lib.tables import Row
from tongket.org.models import Unit, UnitKind
from tongket.vn.text import fold, normalize

COLUMNS = ("code", "name", "kind", "parent", "valid_from", "valid_to")
REQUIRED_COLUMNS = ("code", "name", "kind")
# An export is a valid import file, with two columns for people reading it.
EXPORT_COLUMNS = (*COLUMNS, "kind_name", "level")
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_KIND_BY_KEY = {fold(kind.value): kind.value for kind in UnitKind} | {
    fold(str(kind.label)): kind.value for kind in UnitKind
}


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Dòng %(line)s, cột “%(column)s”: %(message)s") % {
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


@dataclass(frozen=True)
class UnitRow:
    line: int
    code: str
    name: str
    kind: str
    parent_code: str | None
    valid_from: date | None
    valid_to: date | None


def parse_unit_rows(rows: list[Row]) -> tuple[list[UnitRow], list[RowError]]:
    parsed: list[UnitRow] = []
    errors: list[RowError] = []
    for row in rows:
        unit_row, row_errors = _parse_row(row)
        errors.extend(row_errors)
        if unit_row is not None:
            parsed.append(unit_row)
    return parsed, errors


def _parse_row(row: Row) -> tuple[UnitRow | None, list[RowError]]:
    values, line = row.values, row.line
    errors: list[RowError] = []
    code = values.get("code", "").strip()
    if not _CODE.match(code):
        errors.append(
            RowError(
                line,
                "code",
                _(
                    "mã “%(code)s” không hợp lệ (chữ không dấu, số, dấu chấm, gạch ngang; tối đa 64 ký tự)"
                )
                % {"code": code},
            )
        )
    name = normalize(values.get("name", "").strip())
    if not name:
        errors.append(RowError(line, "name", _("thiếu tên đơn vị")))
    elif len(name) > 255:
        errors.append(RowError(line, "name", _("tên dài quá 255 ký tự")))
    kind = _KIND_BY_KEY.get(fold(values.get("kind", "").strip()))
    if kind is None:
        errors.append(
            RowError(
                line,
                "kind",
                _("loại “%(kind)s” không có trong danh mục") % {"kind": values.get("kind", "")},
            )
        )
    valid_from = _parse_date(values.get("valid_from", ""), line, "valid_from", errors)
    valid_to = _parse_date(values.get("valid_to", ""), line, "valid_to", errors)
    if valid_from and valid_to and valid_to < valid_from:
        errors.append(RowError(line, "valid_to", _("ngày hết hiệu lực trước ngày có hiệu lực")))
    if errors:
        return None, errors
    parent_code = values.get("parent", "").strip() or None
    return UnitRow(line, code, name, kind or "", parent_code, valid_from, valid_to), []


def _parse_date(text: str, line: int, column: str, errors: list[RowError]) -> date | None:
    text = text.strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    errors.append(
        RowError(
            line,
            column,
            _("ngày “%(text)s” không hợp lệ (dùng 2019-01-31 hoặc 31/01/2019)") % {"text": text},
        )
    )
    return None


@dataclass
class ImportPlan:
    ordered_rows: list[UnitRow] = field(default_factory=list)
    existing: dict[str, Unit] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)


def plan_import(rows: list[UnitRow], *, scope: Unit | None, may_create_roots: bool) -> ImportPlan:
    """Order rows parents-first and check each lands inside the importer's subtree."""
    plan = ImportPlan()
    by_code: dict[str, UnitRow] = {}
    for row in rows:
        if row.code in by_code:
            plan.errors.append(
                RowError(
                    row.line,
                    "code",
                    _("mã “%(code)s” lặp lại dòng %(first)s")
                    % {"code": row.code, "first": by_code[row.code].line},
                )
            )
        by_code[row.code] = row
    referenced = set(by_code) | {row.parent_code for row in rows if row.parent_code}
    plan.existing = {unit.code: unit for unit in Unit.objects.filter(code__in=referenced)}
    for row in rows:
        _check_placement(row, by_code, plan, scope, may_create_roots)
    if not plan.errors:
        plan.ordered_rows = _parents_first(rows, by_code, plan)
    return plan


def _check_placement(
    row: UnitRow,
    by_code: dict[str, UnitRow],
    plan: ImportPlan,
    scope: Unit | None,
    may_create_roots: bool,
) -> None:
    existing = plan.existing.get(row.code)
    if (
        existing is not None
        and scope is not None
        and not (scope.contains(existing) and existing != scope)
    ):
        plan.errors.append(
            RowError(
                row.line,
                "code",
                _("đơn vị “%(code)s” đã có và nằm ngoài phạm vi bạn được sửa") % {"code": row.code},
            )
        )
    if row.parent_code is None:
        if not may_create_roots:
            plan.errors.append(RowError(row.line, "parent", _("thiếu đơn vị cấp trên")))
        return
    if row.parent_code == row.code:
        plan.errors.append(
            RowError(row.line, "parent", _("đơn vị không thể là cấp trên của chính nó"))
        )
        return
    parent = plan.existing.get(row.parent_code)
    if row.parent_code not in by_code and parent is None:
        plan.errors.append(
            RowError(
                row.line,
                "parent",
                _("đơn vị cấp trên “%(code)s” không tồn tại") % {"code": row.parent_code},
            )
        )
    elif (
        row.parent_code not in by_code
        and parent is not None
        and scope is not None
        and not scope.contains(parent)
    ):
        plan.errors.append(
            RowError(
                row.line,
                "parent",
                _("đơn vị cấp trên “%(code)s” nằm ngoài phạm vi của bạn")
                % {"code": row.parent_code},
            )
        )
    elif existing is not None and parent is not None and existing.contains(parent):
        plan.errors.append(
            RowError(
                row.line, "parent", _("không thể chuyển đơn vị vào dưới chính cấp dưới của nó")
            )
        )


def _parents_first(
    rows: list[UnitRow], by_code: dict[str, UnitRow], plan: ImportPlan
) -> list[UnitRow]:
    ordered: list[UnitRow] = []
    state: dict[str, str] = {}

    def visit(row: UnitRow, chain: list[str]) -> None:
        if state.get(row.code) == "done":
            return
        if state.get(row.code) == "visiting":
            plan.errors.append(
                RowError(
                    row.line,
                    "parent",
                    _("vòng lặp cấp trên: %(chain)s") % {"chain": " → ".join([*chain, row.code])},
                )
            )
            return
        state[row.code] = "visiting"
        parent_row = by_code.get(row.parent_code or "")
        if parent_row is not None:
            visit(parent_row, [*chain, row.code])
        state[row.code] = "done"
        ordered.append(row)

    for row in rows:
        visit(row, [])
    return ordered


def export_rows(units: Iterable[Unit]) -> list[list[object]]:
    """Units as rows of EXPORT_COLUMNS (the page and the CLI share this)."""
    return [
        [
            u.code,
            u.name,
            u.kind,
            u.parent.code if u.parent else "",
            u.valid_from.isoformat() if u.valid_from else "",
            u.valid_to.isoformat() if u.valid_to else "",
            u.get_kind_display(),
            u.level,
        ]
        for u in units
    ]
