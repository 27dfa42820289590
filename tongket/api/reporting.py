"""Indicators, data values and analytics: the DHIS2-shaped part of the API."""

from datetime import date
from decimal import Decimal
from typing import cast

from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from tongket.analytics import rollup
from tongket.api.schemas import ErrorOut
from tongket.org.models import Unit
from tongket.org.scope import unit_for
from tongket.programmes.models import Indicator
from tongket.reporting.actions import ValueRow, import_values
from tongket.reporting.models import Source

router = Router(tags=["reporting"])


class IndicatorOut(Schema):
    code: str
    name: str
    aggregation: str
    valueType: str
    periodType: str
    unitOfMeasure: str
    computed: bool
    formula: str
    options: list[str]
    programme: str


class DataValueIn(Schema):
    orgUnit: str
    indicator: str
    period: str
    value: str | int | float | bool
    option: str = Field("", description="mã nhóm phân tổ, để trống nếu chỉ tiêu không phân tổ")


class DataValuesIn(Schema):
    dataValues: list[DataValueIn]


class Conflict(Schema):
    object: str
    value: str


class ImportSummaryOut(Schema):
    imported: int
    updated: int
    ignored: int
    conflicts: list[Conflict]


class AnalyticsOut(Schema):
    indicator: str
    period: str
    orgUnit: str
    value: float | int | None


@router.get("/indicators", response=list[IndicatorOut])
def indicators(request: HttpRequest):  # type: ignore[no-untyped-def]
    """Every indicator, with how it aggregates over units and time."""
    items = Indicator.objects.select_related("programme", "category").prefetch_related(
        "category__options"
    )
    return [
        {
            "code": i.code,
            "name": i.name,
            "aggregation": i.aggregation,
            "valueType": i.value_type,
            "periodType": i.period_type,
            "unitOfMeasure": i.unit_of_measure,
            "computed": i.is_computed,
            "formula": i.formula,
            "programme": i.programme.code,
            "options": [o.code for o in i.category.options.all()] if i.category else [],
        }
        for i in items.order_by("programme__code", "sort_order", "code")
    ]


@router.post("/datavalues", response=ImportSummaryOut)
def datavalues(request: HttpRequest, payload: DataValuesIn):  # type: ignore[no-untyped-def]
    """Store values; each one outside the caller's subtree or invalid is a conflict, not stored."""
    rows = [
        ValueRow(
            unit=v.orgUnit,
            indicator=v.indicator,
            period=v.period,
            value=_text(v.value),
            option=v.option,
            where=f"dataValues[{index}]",
        )
        for index, v in enumerate(payload.dataValues)
    ]
    summary = import_values(by=cast(User, request.user), rows=rows, source=Source.API, atomic=False)
    return summary.__dict__


def _text(value: str | int | float | bool) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


@router.get("/analytics", response={200: AnalyticsOut, 400: ErrorOut, 404: ErrorOut})
def analytics(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    indicator: str,
    period: str,
    orgUnit: str,
    option: str = "",
    on: date | None = None,
):
    """The indicator aggregated over the unit's whole subtree for a period or window, its
    predecessors' history included by shares, as the tree stood on `on` (YYYY-MM-DD;
    default today, within the unit's validity)."""
    try:
        unit = unit_for(request.user, orgUnit)
    except Unit.DoesNotExist:
        return Status(404, {"detail": f"Không có đơn vị “{orgUnit}” trong phạm vi của bạn."})
    found = Indicator.objects.filter(code=indicator).first()
    if found is None:
        return Status(404, {"detail": f"Không có chỉ tiêu “{indicator}”."})
    try:
        span = rollup.parse_span(period)
    except ValueError as error:
        return Status(400, {"detail": str(error)})
    value = rollup.value_of(found, unit, span, option or None, on)
    return {
        "indicator": found.code,
        "period": span.id,
        "orgUnit": unit.code,
        "value": _number(value),
    }


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
