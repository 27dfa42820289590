"""Many roll-ups at once: the cells of a pivot table.

A pivot asks for an indicator over every child of a unit for every period of a
window. One `value_of` per cell would cost a query per cell; here the same
aggregates are grouped by the child each value's unit lies under — read from the
unit path, `parent.path + "<child id>/…"` — and by the span its period lies inside,
so the number of queries depends on neither the number of children nor of columns.

The rules are those of `tongket.analytics.rollup` (whose docstring states them),
and the tests check every cell against `value_of`. Aggregates that do not add up
across groups are carried as parts that do: an average as a sum and a count, a count
of reporting units per option and over all options separately.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Min,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Length, StrIndex, Substr

from tongket.analytics.contributions import contributions
from tongket.analytics.rollup import Span, evaluate_formula, formula_of, rounded
from tongket.org.lineage import tree_date, unit_path_then
from tongket.org.models import Unit
from tongket.programmes.models import Aggregation, Indicator

OWN = "own"  # the values stored on the parent unit itself, not on any child
TOTAL = "total"  # the parent's whole subtree
type RowKey = int | str  # a child's primary key, OWN or TOTAL
type SpanKey = tuple[date, date]
type PartialKey = tuple[int, str | None, RowKey, SpanKey]


@dataclass
class _Partial:
    """What one group of stored values contributes to each aggregation.

    Groups of disjoint values merge by adding totals and counts and by taking the
    smaller low and larger high, so a parent's figure is built from its children's
    without reading the values again.
    """

    total: Decimal = Decimal(0)
    count: Decimal = Decimal(0)  # the sum of the values' weights
    low: Decimal | None = None
    high: Decimal | None = None
    units: int = 0
    last: Decimal | None = None

    def add_stats(self, total: Decimal, count: Decimal, low: Decimal, high: Decimal) -> None:
        self.total += total
        self.count += count
        self.low = low if self.low is None else min(self.low, low)
        self.high = high if self.high is None else max(self.high, high)

    def add_last(self, last: Decimal) -> None:
        self.last = last if self.last is None else self.last + last

    def result(self, aggregation: str) -> Decimal | None:
        match Aggregation(aggregation):
            case Aggregation.SUM:
                value = self.total if self.count else None
            case Aggregation.AVERAGE:
                value = self.total / self.count if self.count else None
            case Aggregation.MIN:
                value = self.low
            case Aggregation.MAX:
                value = self.high
            case Aggregation.LAST:
                value = self.last
            case Aggregation.COUNT:
                value = Decimal(self.units) if self.units else None
        return rounded(value)


class Grid:
    """Roll-ups of some indicators for a parent's children, the values stored on the
    parent itself (OWN) and its whole subtree (TOTAL), over some spans."""

    def __init__(
        self,
        indicators: Mapping[str, Indicator],
        spans: Iterable[SpanKey],
        partials: Mapping[PartialKey, _Partial],
    ) -> None:
        self._indicators = indicators
        self._spans = set(spans)
        self._partials = partials
        self._evaluating: set[str] = set()

    def value(
        self, indicator: Indicator, row: RowKey, span: Span, option: str | None = None
    ) -> Decimal | None:
        """The same figure as `value_of` for the row's subtree (or OWN values) and span."""
        key = _span_key(span)
        if key not in self._spans:
            raise ValueError(f"The grid was not read for {span}.")
        if indicator.is_computed:
            return self._computed(indicator, row, span)
        partial = self._partials.get((indicator.pk, option or None, row, key))
        return partial.result(indicator.aggregation) if partial else None

    def rows_with_values(self) -> set[RowKey]:
        return {row for (_i, _o, row, _s) in self._partials if row != TOTAL}

    def _computed(self, indicator: Indicator, row: RowKey, span: Span) -> Decimal | None:
        if indicator.code in self._evaluating:  # a formula that refers back to itself
            return None
        self._evaluating.add(indicator.code)
        try:
            operands = {code: self._indicators.get(code) for code in _codes_in(indicator)}
            return evaluate_formula(
                indicator, operands, lambda operand, opt: self.value(operand, row, span, opt)
            )
        finally:
            self._evaluating.discard(indicator.code)


def rollup_grid(
    indicators: Iterable[Indicator],
    parent: Unit,
    spans: Iterable[Span],
    on: date | None = None,
) -> Grid:
    """Every figure of `Grid.value` for these indicators, spans and the parent's rows,
    as the tree stood on `on` (default: today, within the parent's validity) and with
    the lineage applied (`tongket.analytics.contributions`).

    Reads at most three grouped queries per layer of non-overlapping spans (columns
    of one period type form one layer, the whole window another), plus one per level
    of formula nesting to find the operands of computed indicators.
    """
    wanted = with_operands(indicators)
    stored = [i for i in wanted.values() if not i.is_computed]
    span_keys = {_span_key(span) for span in spans}
    partials: dict[PartialKey, _Partial] = {}
    if stored:
        day = tree_date(parent, on)
        parent_path = unit_path_then(parent, day)
        for layer in _layers(span_keys):
            _read_layer(stored, parent_path, layer, day, partials)
    return Grid(wanted, span_keys, partials)


def with_operands(indicators: Iterable[Indicator]) -> dict[str, Indicator]:
    """The indicators and, through their formulas, every indicator they are computed from."""
    found = {i.code: i for i in indicators}
    missing: set[str] = set()
    pending = _referenced(found.values()) - found.keys()
    while pending:
        loaded = list(Indicator.objects.filter(code__in=pending))
        found.update((i.code, i) for i in loaded)
        missing |= pending - {i.code for i in loaded}
        pending = _referenced(loaded) - found.keys() - missing
    return found


def _referenced(indicators: Iterable[Indicator]) -> set[str]:
    return {code for i in indicators if i.is_computed for code in _codes_in(i)}


def _codes_in(indicator: Indicator) -> frozenset[str]:
    return formula_of(indicator).indicator_codes


def _span_key(span: Span) -> SpanKey:
    return (span.start, span.end)


def _layers(spans: Iterable[SpanKey]) -> list[list[SpanKey]]:
    """The spans split into groups of non-overlapping ones, so that each stored value
    falls in at most one span of a group and one CASE expression can bucket it."""
    layers: list[list[SpanKey]] = []
    for span in sorted(spans):
        layer = next((layer for layer in layers if span[0] > layer[-1][1]), None)
        if layer is None:
            layers.append([span])
        else:
            layer.append(span)
    return layers


def _read_layer(
    stored: list[Indicator],
    parent_path: Coalesce,
    layer: list[SpanKey],
    on: date,
    partials: dict[PartialKey, _Partial],
) -> None:
    values = (
        contributions(stored, parent_path, layer[0][0], layer[-1][1], on)
        .annotate(child=_child_key(parent_path), bucket=_bucket(layer))
        .filter(bucket__isnull=False)
    )
    aggregations = {i.pk: i.aggregation for i in stored}
    plain = [pk for pk, aggregation in aggregations.items() if aggregation != Aggregation.LAST]
    counted = [pk for pk, aggregation in aggregations.items() if aggregation == Aggregation.COUNT]
    latest = [pk for pk, aggregation in aggregations.items() if aggregation == Aggregation.LAST]
    if plain:
        _add_stats(values.filter(indicator__in=plain), layer, partials)
    if counted:
        _add_unit_counts(values.filter(indicator__in=counted), layer, partials)
    if latest:
        _add_latest(values.filter(indicator__in=latest), layer, partials)


def _child_key(parent_path: Coalesce) -> Substr:
    """The part of a node's path (as the tree stood then) that names the parent's child
    above it: `"42/"` for `parent_path + "42/7/"`, and `""` for the parent itself."""
    below_parent = Substr("node_path", Length(parent_path) + 1)
    return Substr(below_parent, 1, StrIndex(below_parent, Value("/")))


def _bucket(layer: list[SpanKey]) -> Case:
    """The index in the layer of the span a value's period lies inside, NULL if none."""
    return Case(
        *(
            When(period_start__gte=start, period_end__lte=end, then=Value(index))
            for index, (start, end) in enumerate(layer)
        ),
        default=None,
        output_field=IntegerField(),
    )


def _weighted() -> ExpressionWrapper:
    return ExpressionWrapper(
        F("weight") * F("numeric"), output_field=DecimalField(max_digits=30, decimal_places=10)
    )


def _add_stats(
    values: QuerySet[Any], layer: list[SpanKey], partials: dict[PartialKey, _Partial]
) -> None:
    groups = (
        values.values("indicator_id", "option", "child", "bucket")
        .annotate(
            total=Sum(_weighted()),
            count=Sum("weight"),
            low=Min("numeric"),
            high=Max("numeric"),
            units=Count("node", distinct=True),
        )
        .order_by()
    )
    for group in groups:
        for key in _keys_of(group, layer, every_option=True):
            partials.setdefault(key, _Partial()).add_stats(
                _decimal(group["total"]), _decimal(group["count"]), group["low"], group["high"]
            )
        # Distinct nodes do not add up across options (a unit reports several):
        # per option here, over all options in _add_unit_counts.
        for key in _keys_of(group, layer, every_option=False):
            partials.setdefault(key, _Partial()).units += group["units"]


def _add_unit_counts(
    values: QuerySet[Any], layer: list[SpanKey], partials: dict[PartialKey, _Partial]
) -> None:
    groups = (
        values.values("indicator_id", "child", "bucket")
        .annotate(units=Count("node", distinct=True))
        .order_by()
    )
    for group in groups:
        for key in _keys_of({**group, "option": ""}, layer, every_option=True):
            partials.setdefault(key, _Partial()).units += group["units"]


def _add_latest(
    values: QuerySet[Any], layer: list[SpanKey], partials: dict[PartialKey, _Partial]
) -> None:
    """Each node's (and option's) latest period inside the span — ending last, the
    longest of those — and the weighted sum of the values it carries for that period:
    a merged ward's stock is its predecessors' stocks at the latest date reported."""
    groups = (
        values.values(
            "indicator_id", "option", "node", "child", "bucket", "period_end", "period_start"
        )
        .annotate(last=Sum(_weighted()))
        .order_by()
    )
    chosen: dict[tuple[object, ...], dict[str, Any]] = {}
    for group in groups:
        key = (group["indicator_id"], group["option"], group["node"], group["bucket"])
        best = chosen.get(key)
        rank = (group["period_end"], -group["period_start"].toordinal())
        if best is None or rank > (best["period_end"], -best["period_start"].toordinal()):
            chosen[key] = group
    for group in chosen.values():
        for key in _keys_of(group, layer, every_option=True):
            partials.setdefault(key, _Partial()).add_last(_decimal(group["last"]))


def _decimal(value: object) -> Decimal:
    """SQLite returns products of decimals as floats; read them back as decimals."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _keys_of(
    group: Mapping[str, object], layer: list[SpanKey], *, every_option: bool
) -> list[PartialKey]:
    """The cells a group of values counts in: its child's row and the total row, for
    its own option and — when `every_option` — for all options together."""
    indicator_id = int(group["indicator_id"])  # type: ignore[call-overload]
    span = layer[int(group["bucket"])]  # type: ignore[call-overload]
    child = str(group["child"])
    row: RowKey = int(child.rstrip("/")) if child else OWN
    options: list[str | None] = [str(group["option"])] if group["option"] else []
    if every_option:
        options.append(None)
    return [(indicator_id, option, r, span) for option in options for r in (row, TOTAL)]
