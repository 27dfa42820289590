"""Values of an indicator over a subtree and a period or window.

Set-based: one SQL aggregate over the stored values whose unit lies in the subtree
(a prefix match on the unit path) and whose period lies inside the span. Each
aggregation answers one question:

- sum, average, min, max: over every stored value (units × periods × options);
- last: each unit's (and option's) latest value inside the span, summed over units —
  stocks such as "organisations that have a communicator team";
- count: the number of distinct units that reported a value.

A computed indicator applies its formula to its operands' roll-ups over the same
subtree and span (a ratio of sums, not an average of ratios); a missing operand or a
division by zero gives no value. Callers pass units already checked against the
user's scope (`tongket.org.scope`).

This module is the one place that reads values for figures: pages, the API, exports
and reviews all call it, so a pre-aggregated store can replace its queries later
without changing them.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Avg, Count, Max, Min, OuterRef, QuerySet, Subquery, Sum

from tongket.org.models import Unit
from tongket.programmes.models import Aggregation, Indicator
from tongket.reporting.expressions import Expression, parse
from tongket.reporting.models import DataValue
from tongket.reporting.periods import Period, Window, parse_period_or_window

Span = Period | Window
PLACES = Decimal("0.0001")


def parse_span(text: str) -> Span:
    """A period (`2023Q1`) or a window (`2019..2023`); ValueError with a message otherwise."""
    return parse_period_or_window(text)


def stored_values(indicator: Indicator, span: Span, option: str | None = None) -> QuerySet[DataValue]:
    """The numeric values of an indicator whose period lies inside the span."""
    values = DataValue.objects.filter(
        indicator=indicator, period_start__gte=span.start, period_end__lte=span.end,
        numeric__isnull=False,
    )
    if option:
        values = values.filter(option=option)
    return values


def in_subtree(values: QuerySet[DataValue], unit: Unit) -> QuerySet[DataValue]:
    return values.filter(unit__path__startswith=unit.path)


def value_of(indicator: Indicator, unit: Unit, span: Span, option: str | None = None
             ) -> Decimal | None:
    """The indicator over the unit's whole subtree and the span."""
    if indicator.is_computed:
        return _computed(indicator, lambda operand, opt: value_of(operand, unit, span, opt))
    return aggregate(in_subtree(stored_values(indicator, span, option), unit), indicator.aggregation)


def aggregate(values: QuerySet[DataValue], aggregation: str) -> Decimal | None:
    """One aggregate of already-filtered values, per the aggregation's rule."""
    if aggregation == Aggregation.COUNT:
        count = values.values("unit").distinct().count()
        return Decimal(count) if count else None
    if aggregation == Aggregation.LAST:
        values = latest_per_unit(values)
        aggregation = Aggregation.SUM
    function = {Aggregation.SUM: Sum, Aggregation.AVERAGE: Avg, Aggregation.MIN: Min,
                Aggregation.MAX: Max}[Aggregation(aggregation)]
    result = values.aggregate(result=function("numeric"))["result"]
    return _rounded(result)


def latest_per_unit(values: QuerySet[DataValue]) -> QuerySet[DataValue]:
    """Of the given values, each (unit, option)'s one with the latest period."""
    latest = values.filter(unit=OuterRef("unit"), option=OuterRef("option")).order_by(
        "-period_end", "period_start"
    )
    return values.filter(pk=Subquery(latest.values("pk")[:1]))


def sources(indicator: Indicator, unit: Unit, span: Span, option: str | None = None
            ) -> QuerySet[DataValue]:
    """The stored values a figure is computed from, with who entered them and when."""
    values = in_subtree(stored_values(indicator, span, option), unit)
    if indicator.aggregation == Aggregation.LAST:
        values = latest_per_unit(values)
    return values.select_related("unit", "entered_by", "form").order_by(
        "unit__sort_key", "period_start", "option"
    )


def children_values(indicator: Indicator, parent: Unit, children: Iterable[Unit], span: Span,
                    option: str | None = None) -> dict[int, Decimal | None]:
    """The indicator over each child's subtree: the rows of a pivot table."""
    return {child.pk: value_of(indicator, child, span, option) for child in children}


def _computed(indicator: Indicator, operand_value) -> Decimal | None:  # type: ignore[no-untyped-def]
    expression = formula_of(indicator)
    codes = expression.indicator_codes
    operands = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    values: dict[str, Decimal | None] = {}
    for reference in expression.references:
        code, _dot, option = reference.partition(".")
        operand = operands.get(code)
        values[reference] = operand_value(operand, option or None) if operand else None
    result = expression.evaluate(values)
    return _rounded(result)


def formula_of(indicator: Indicator) -> Expression:
    return parse(indicator.formula)


def _rounded(value: Decimal | int | float | None) -> Decimal | None:
    if value is None:
        return None
    return plain_decimal(Decimal(str(value)).quantize(PLACES))


def plain_decimal(value: Decimal) -> Decimal:
    """Without trailing zeros and never in exponent form (100, not 1E+2)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
