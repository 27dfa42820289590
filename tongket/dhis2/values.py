"""Data value sets read and written as DHIS2 does, through tongket's own rules.

Writing goes through `tongket.reporting.actions` (`import_values`, and `save_value`
for deletions): the subtree, locked reports, validity and value types apply exactly as
on every other path, and a refused value is a conflict of DHIS2's import summary.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q

from tongket.dhis2.formats import Dhis2Value, OutValue
from tongket.org.models import Unit
from tongket.org.scope import User as AnyUser
from tongket.org.scope import unit_for, visible_units
from tongket.programmes.models import Indicator
from tongket.reporting.actions import ValueRefused, ValueRow, import_values, save_value
from tongket.reporting.models import DataValue, FormIndicator, ReportForm, Source

STRATEGIES = ("CREATE", "UPDATE", "CREATE_AND_UPDATE", "DELETE")
_MAX_ROWS = 100_000


class QueryError(ValueError):
    """A request DHIS2 would answer with 409 Conflict; the message says why."""


@dataclass
class Query:
    data_sets: list[str] = field(default_factory=list)
    data_elements: list[str] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    start: datetime.date | None = None
    end: datetime.date | None = None
    org_units: list[str] = field(default_factory=list)
    children: bool = False


def read_values(user: AnyUser, query: Query) -> list[OutValue]:
    """The stored values the query asks for, within the user's subtree."""
    if not (query.data_sets or query.data_elements):
        raise QueryError("Cần ít nhất một dataSet hoặc dataElement.")
    if not (query.periods or (query.start and query.end)):
        raise QueryError("Cần ít nhất một period, hoặc startDate và endDate.")
    if not query.org_units:
        raise QueryError("Cần ít nhất một orgUnit.")
    indicators = _indicators(query)
    units = Q()
    for code in query.org_units:
        try:
            unit = unit_for(user, code)
        except Unit.DoesNotExist as missing:
            raise QueryError(
                f"Đơn vị “{code}” không có hoặc nằm ngoài phạm vi của bạn."
            ) from missing
        units |= Q(unit__in=visible_units(user).within(unit)) if query.children else Q(unit=unit)
    values = DataValue.objects.filter(units, indicator__in=indicators)
    if query.periods:
        values = values.filter(period__in=query.periods)
    else:
        values = values.filter(period_start__gte=query.start, period_end__lte=query.end)
    values = values.select_related("unit", "indicator", "entered_by").order_by(
        "unit__code", "indicator__code", "period_start", "option"
    )
    return [
        OutValue(
            data_element=value.indicator.code,
            period=value.period,
            org_unit=value.unit.code,
            option=value.option,
            value=value.value,
            stored_by=value.entered_by.get_username() if value.entered_by else "",
            last_updated=value.entered_at.strftime("%Y-%m-%dT%H:%M:%S.000"),
        )
        for value in values[:_MAX_ROWS]
    ]


def _indicators(query: Query) -> list[Indicator]:
    found: dict[str, Indicator] = {}
    if query.data_sets:
        forms = {f.code: f for f in ReportForm.objects.filter(code__in=query.data_sets)}
        missing = [code for code in query.data_sets if code not in forms]
        if missing:
            raise QueryError(f"Không có dataSet “{missing[0]}”.")
        for link in FormIndicator.objects.filter(form__in=forms.values()).select_related(
            "indicator"
        ):
            found[link.indicator.code] = link.indicator
    if query.data_elements:
        elements = {i.code: i for i in Indicator.objects.filter(code__in=query.data_elements)}
        missing = [code for code in query.data_elements if code not in elements]
        if missing:
            raise QueryError(f"Không có dataElement “{missing[0]}”.")
        found.update(elements)
    return list(found.values())


@dataclass
class ImportResult:
    imported: int = 0
    updated: int = 0
    ignored: int = 0
    deleted: int = 0
    conflicts: list[dict[str, str]] = field(default_factory=list)

    @property
    def status(self) -> str:
        if not self.conflicts:
            return "SUCCESS"
        return "WARNING" if self.imported + self.updated + self.deleted else "ERROR"


def import_value_set(
    *, by: User, values: list[Dhis2Value], strategy: str, dry_run: bool
) -> ImportResult:
    """Store a data value set under DHIS2's import strategy; with `dry_run`, only count."""
    if strategy not in STRATEGIES:
        raise QueryError(f"importStrategy phải là một trong {', '.join(STRATEGIES)}.")
    result = ImportResult()
    with transaction.atomic():
        rows, present = _rows(values)
        if strategy == "DELETE":
            _delete(by, rows, present, result)
        else:
            kept = []
            for row in rows:
                exists = _key(row) in present
                if (strategy == "CREATE" and exists) or (strategy == "UPDATE" and not exists):
                    result.ignored += 1
                else:
                    kept.append(row)
            summary = import_values(by=by, rows=kept, source=Source.API, atomic=False)
            result.imported, result.updated = summary.imported, summary.updated
            result.ignored += summary.ignored
            result.conflicts = summary.conflicts
        if dry_run:
            transaction.set_rollback(True)
    return result


def _rows(values: list[Dhis2Value]) -> tuple[list[ValueRow], set[tuple[str, str, str, str]]]:
    rows = [
        ValueRow(
            unit=v.org_unit,
            indicator=v.data_element,
            period=v.period,
            value=v.value,
            option=v.option,
            where=v.where,
        )
        for v in values
    ]
    stored = DataValue.objects.filter(
        unit__code__in={r.unit for r in rows},
        indicator__code__in={r.indicator for r in rows},
        period__in={r.period for r in rows},
    ).values_list("unit__code", "indicator__code", "option", "period")
    return rows, set(stored)


def _key(row: ValueRow) -> tuple[str, str, str, str]:
    return (row.unit, row.indicator, row.option, row.period)


def _delete(
    by: User, rows: list[ValueRow], present: set[tuple[str, str, str, str]], result: ImportResult
) -> None:
    units = {u.code: u for u in visible_units(by).filter(code__in={r.unit for r in rows})}
    indicators = {i.code: i for i in Indicator.objects.filter(code__in={r.indicator for r in rows})}
    for row in rows:
        if _key(row) not in present:
            result.ignored += 1
            continue
        unit, indicator = units.get(row.unit), indicators.get(row.indicator)
        if unit is None or indicator is None:
            result.conflicts.append(
                {"object": row.unit, "value": "Đơn vị nằm ngoài phạm vi của bạn."}
            )
            continue
        try:
            with transaction.atomic():
                save_value(
                    by=by,
                    unit=unit,
                    indicator=indicator,
                    period=row.period,
                    raw="",
                    option=row.option,
                    source=Source.API,
                )
        except (ValueRefused, PermissionDenied) as error:
            result.conflicts.append({"object": f"{row.where} {row.unit}", "value": str(error)})
        else:
            result.deleted += 1
