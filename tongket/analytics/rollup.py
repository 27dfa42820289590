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

`value_of` answers one figure. A pivot table asks for many — every child of a unit
for every period — and reads them all at once through `tongket.analytics.grid`,
which follows the same rules in a number of queries that does not depend on the
number of cells (docs/adr/0006-roll-ups.md).

This module is the one place that reads values for figures: pages, the API, exports
and reviews all call it, so a pre-aggregated store can replace its queries later
without changing them.
"""

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from functools import lru_cache

from django.db.models import Count, Max, Min, OuterRef, Q, QuerySet, Subquery, Sum

from tongket.core.expressions import Expression, parse
from tongket.core.periods import Period, Window, parse_period_or_window
from tongket.org.lineage import tree_date, unit_path_then
from tongket.org.models import Unit
from tongket.programmes.models import Aggregation, Indicator
from tongket.reporting.models import DataValue

Span = Period | Window
PLACES = Decimal("0.0001")
type OperandValue = Callable[[Indicator, str | None], Decimal | None]


def parse_span(text: str) -> Span:
    """A period (`2023Q1`) or a window (`2019..2023`); ValueError with a message otherwise."""
    return parse_period_or_window(text)


def stored_values(
    indicator: Indicator, span: Span, option: str | None = None
) -> QuerySet[DataValue]:
    """The numeric values of an indicator whose period lies inside the span."""
    values = DataValue.objects.filter(
        indicator=indicator,
        period_start__gte=span.start,
        period_end__lte=span.end,
        numeric__isnull=False,
    )
    if option:
        values = values.filter(option=option)
    return values


def in_subtree(values: QuerySet[DataValue], unit: Unit) -> QuerySet[DataValue]:
    return values.filter(unit__path__startswith=unit.path)


def value_of(
    indicator: Indicator,
    unit: Unit,
    span: Span,
    option: str | None = None,
    on: date | None = None,
) -> Decimal | None:
    """The indicator over the unit's whole subtree and the span, as the tree stood on
    `on` (default today, within the unit's validity), its predecessors' history
    included by their shares (`tongket.analytics.contributions`)."""
    from tongket.analytics.grid import TOTAL, rollup_grid  # here: grid builds on this module

    return rollup_grid([indicator], unit, [span], on).value(indicator, TOTAL, span, option)


def aggregate(values: QuerySet[DataValue], aggregation: str) -> Decimal | None:
    """One aggregate of already-filtered values, per the aggregation's rule."""
    if aggregation == Aggregation.COUNT:
        count = values.values("unit").distinct().count()
        return Decimal(count) if count else None
    if aggregation == Aggregation.AVERAGE:
        return _average(values)
    if aggregation == Aggregation.LAST:
        values = latest_per_unit(values)
        aggregation = Aggregation.SUM
    function = {Aggregation.SUM: Sum, Aggregation.MIN: Min, Aggregation.MAX: Max}[
        Aggregation(aggregation)
    ]
    result = values.aggregate(result=function("numeric"))["result"]
    return rounded(result)


def _average(values: QuerySet[DataValue]) -> Decimal | None:
    """Sum over count in Decimal: SQLite's AVG is a float, which could round a mean
    such as 0.00015 differently from PostgreSQL and from the pivot's cells."""
    parts = values.aggregate(total=Sum("numeric"), count=Count("id"))
    return rounded(parts["total"] / parts["count"]) if parts["count"] else None


def latest_per_unit(values: QuerySet[DataValue]) -> QuerySet[DataValue]:
    """Of the given values, each (unit, option)'s one with the latest period."""
    latest = values.filter(unit=OuterRef("unit"), option=OuterRef("option")).order_by(
        "-period_end", "period_start"
    )
    return values.filter(pk=Subquery(latest.values("pk")[:1]))


def sources(
    indicator: Indicator,
    unit: Unit,
    span: Span,
    option: str | None = None,
    on: date | None = None,
) -> QuerySet[DataValue]:
    """The stored values a figure is computed from, with who entered them and when.

    For a computed indicator, the values behind each of its operands (as the formula
    names them, with their disaggregation): a rate is traced to the figures it divides.
    """
    if indicator.is_computed:
        operands = operands_of(indicator)
        behind = Q(pk__in=[])
        for reference in formula_of(indicator).references:
            code, _dot, operand_option = reference.partition(".")
            operand = operands.get(code)
            if operand is not None:
                operand_values = sources(operand, unit, span, operand_option or None, on)
                behind |= Q(pk__in=operand_values.values("pk"))
        values = DataValue.objects.filter(behind)
    else:
        values = _counted_values(indicator, unit, span, option, on)
        if indicator.aggregation == Aggregation.LAST:
            values = latest_per_unit(values)
    return values.select_related("unit", "indicator", "entered_by", "form").order_by(
        "unit__sort_key", "unit__code", "indicator__code", "period_start", "option"
    )


def _counted_values(
    indicator: Indicator, unit: Unit, span: Span, option: str | None, on: date | None
) -> QuerySet[DataValue]:
    """The stored values the unit's figure counts, its predecessors' included."""
    from tongket.analytics.contributions import contributions

    day = tree_date(unit, on)
    counted = contributions([indicator], unit_path_then(unit, day), span.start, span.end, day)
    if option:
        counted = counted.filter(option=option)
    return DataValue.objects.filter(pk__in=counted.values("pk"))


def children_values(
    indicator: Indicator,
    parent: Unit,
    children: Iterable[Unit],
    span: Span,
    option: str | None = None,
) -> dict[int, Decimal | None]:
    """The indicator over each child's subtree: the rows of a pivot table."""
    from tongket.analytics.grid import rollup_grid  # here: grid builds on this module

    children = list(children)
    if any(child.parent_id != parent.pk for child in children):
        return {child.pk: value_of(indicator, child, span, option) for child in children}
    grid = rollup_grid([indicator], parent, [span])
    return {child.pk: grid.value(indicator, child.pk, span, option) for child in children}


# --- Computed indicators ----------------------------------------------------------------


def operands_of(indicator: Indicator) -> dict[str, Indicator | None]:
    """The indicators a formula refers to, by code; None for a code that does not exist."""
    codes = formula_of(indicator).indicator_codes
    found = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    return {code: found.get(code) for code in codes}


def evaluate_formula(
    indicator: Indicator,
    operands: Mapping[str, Indicator | None],
    operand_value: OperandValue,
) -> Decimal | None:
    """The formula over its operands' figures, each read by `operand_value`."""
    expression = formula_of(indicator)
    values: dict[str, Decimal | None] = {}
    for reference in expression.references:
        code, _dot, option = reference.partition(".")
        operand = operands.get(code)
        values[reference] = operand_value(operand, option or None) if operand else None
    return rounded(expression.evaluate(values))


def formula_of(indicator: Indicator) -> Expression:
    return _parsed(indicator.formula)


@lru_cache(maxsize=512)
def _parsed(formula: str) -> Expression:
    """Formulas are parsed once per process: a pivot evaluates one for every cell."""
    return parse(formula)


def rounded(value: Decimal | int | float | None) -> Decimal | None:
    if value is None:
        return None
    return plain_decimal(Decimal(str(value)).quantize(PLACES))


def plain_decimal(value: Decimal) -> Decimal:
    """Without trailing zeros and never in exponent form (100, not 1E+2)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
