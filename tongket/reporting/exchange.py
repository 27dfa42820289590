"""Figures in and out of files: the command line and the pages share these."""

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import QuerySet

from tongket.core.periods import parse_period_or_window
from tongket.lib.tables import read_rows
from tongket.lib.uploads import check_upload
from tongket.org.models import Unit
from tongket.programmes.models import Indicator
from tongket.reporting.actions import ImportSummary, import_values
from tongket.reporting.models import DataValue, Source
from tongket.reporting.templates_xlsx import REQUIRED, value_rows

VALUE_COLUMNS = (
    "unit",
    "indicator",
    "option",
    "period",
    "value",
    "entered_by",
    "entered_at",
    "source",
    "form",
)
INDICATOR_COLUMNS = (
    "code",
    "name",
    "programme",
    "unit_of_measure",
    "value_type",
    "aggregation",
    "period_type",
    "category",
    "formula",
)


def import_values_file(*, by: User, name: str, data: bytes) -> ImportSummary:
    """A file of figures (the template's columns), all or nothing."""
    upload = check_upload(
        name, data, allowed={".csv", ".xlsx", ".json"}, max_bytes=settings.TONGKET_MAX_UPLOAD_BYTES
    )
    rows = value_rows(read_rows(upload.suffix, upload.data, required=REQUIRED))
    return import_values(by=by, rows=rows, source=Source.FILE, atomic=True)


def values_in(root: Unit, *, indicator: str = "", period: str = "") -> QuerySet[DataValue]:
    """Stored values of a subtree (the caller checked it is visible), with provenance."""
    values = DataValue.objects.filter(unit__path__startswith=root.path)
    if indicator:
        values = values.filter(indicator__code=indicator)
    if period:
        span = parse_period_or_window(period)
        values = values.filter(period_start__gte=span.start, period_end__lte=span.end)
    return values.select_related("unit", "indicator", "entered_by", "form").order_by(
        "unit__path", "indicator__code", "period_start", "option"
    )


def value_rows_for_export(values: QuerySet[DataValue]) -> list[list[object]]:
    return [
        [
            v.unit.code,
            v.indicator.code,
            v.option,
            v.period,
            v.value,
            v.entered_by.get_username() if v.entered_by else "",
            v.entered_at.isoformat(timespec="seconds"),
            v.source,
            v.form.code if v.form else "",
        ]
        for v in values
    ]


def indicator_rows() -> list[list[object]]:
    return [
        [
            i.code,
            i.name,
            i.programme.code,
            i.unit_of_measure,
            i.value_type,
            i.aggregation,
            i.period_type,
            i.category.code if i.category else "",
            i.formula,
        ]
        for i in Indicator.objects.select_related("programme", "category").order_by(
            "programme__code", "sort_order"
        )
    ]
