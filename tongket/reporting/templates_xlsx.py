"""Fill-in templates: the figures a unit (and the units it may enter for) must report."""

from tongket.core.periods import Period
from tongket.lib.tables import Row
from tongket.org.models import Unit
from tongket.reporting.actions import ValueRow
from tongket.reporting.models import DataValue, FormIndicator, ReportForm

TEMPLATE_COLUMNS = ("unit", "unit_name", "indicator", "indicator_name", "option", "period", "value")
REQUIRED = ("unit", "indicator", "period", "value")


def template_rows(form: ReportForm, units: list[Unit], period: Period) -> list[list[object]]:
    """One row per figure to fill, prefilled with what is already stored."""
    links = FormIndicator.objects.filter(form=form).select_related("indicator__category")
    stored = {
        (v.unit_id, v.indicator_id, v.option): v.value
        for v in DataValue.objects.filter(unit__in=units, period=period.id)
    }
    rows: list[list[object]] = []
    for unit in units:
        for link in links:
            indicator = link.indicator
            if not indicator.is_entered:
                continue
            options = list(indicator.category.options.all()) if indicator.category else [None]
            for option in options:
                code = option.code if option else ""
                label = f"{indicator.name} — {option.name}" if option else indicator.name
                rows.append(
                    [
                        unit.code,
                        unit.name,
                        indicator.code,
                        label,
                        code,
                        period.id,
                        stored.get((unit.pk, indicator.pk, code), ""),
                    ]
                )
    return rows


def value_rows(rows: list[Row]) -> list[ValueRow]:
    """Rows read from an uploaded template, keeping their line numbers for messages."""
    return [
        ValueRow(
            unit=row.values.get("unit", ""),
            indicator=row.values.get("indicator", ""),
            period=row.values.get("period", ""),
            value=row.values.get("value", ""),
            option=row.values.get("option", ""),
            where=f"dòng {row.line}",
        )
        for row in rows
    ]
