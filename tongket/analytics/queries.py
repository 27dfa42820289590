"""Pivot tables of rolled-up figures, and the stored values behind each figure.

Every function takes the acting user and reads only their subtree: a unit outside it
raises Unit.DoesNotExist, which pages show as "not found" (`tongket.org.scope`).
A pivot costs a fixed number of queries whatever its size (`tongket.analytics.grid`).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tongket.analytics.charts import format_number
from tongket.analytics.grid import OWN, TOTAL, Grid, RowKey, rollup_grid
from tongket.analytics.pivots import Cell, Column, Measure, Pivot, Row, RowKind, SourceRef
from tongket.analytics.rollup import Span, sources
from tongket.core.periods import Period, PeriodType, Window, periods_of_type_within
from tongket.lib.contributions import records_url
from tongket.org.lineage import children_on, tree_date
from tongket.org.models import Role, Unit, UnitQuerySet
from tongket.org.scope import User, can, scope_of, visible_units
from tongket.programmes.models import CategoryOption, Indicator, Programme, Target, ValueType
from tongket.reporting.models import DataValue, ReportForm

MAX_COLUMNS = 36
type TargetKey = tuple[int, int, str]  # indicator, unit, period id


class PivotError(ValueError):
    """A pivot that cannot be drawn as asked; the message says what to choose instead."""


def check_visible(user: User, unit: Unit) -> None:
    """Refuse a unit outside the user's subtree as missing, not forbidden, as
    `unit_for` does, so that other branches' figures cannot even be probed."""
    if not can(user, Role.VIEWER, unit):
        raise Unit.DoesNotExist(f"{unit.code} is outside the user's subtree")


# --- What may be chosen -----------------------------------------------------------------


def visible_programmes(user: User) -> QuerySet[Programme]:
    """Programmes run by a unit above the user's (which the user carries out) or below it."""
    scope = scope_of(user)
    if scope is None:
        return Programme.objects.none()
    on_the_chain = Q(owner_id__in=[*scope.ancestor_ids(), scope.pk])
    return Programme.objects.filter(on_the_chain | Q(owner__path__startswith=scope.path))


def visible_indicators(user: User) -> QuerySet[Indicator]:
    return (
        Indicator.objects.filter(programme__in=visible_programmes(user))
        .exclude(value_type=ValueType.TEXT)
        .select_related("programme", "category")
        .order_by("programme__name", "sort_order", "code")
    )


def visible_forms(user: User) -> QuerySet[ReportForm]:
    return ReportForm.objects.filter(programme__in=visible_programmes(user)).order_by("name")


def indicators_of(programme_or_form: Programme | ReportForm) -> list[Indicator]:
    """The numeric indicators of a programme, or of a report form in the form's order."""
    if isinstance(programme_or_form, ReportForm):
        chosen = programme_or_form.indicators.order_by("formindicator__sort_order", "code")
    else:
        chosen = programme_or_form.indicators.order_by("sort_order", "code")
    return list(chosen.exclude(value_type=ValueType.TEXT))


# --- Columns ----------------------------------------------------------------------------


def column_periods(
    span: Span, column_type: PeriodType | None, indicator: Indicator
) -> list[Period]:
    """The periods a pivot shows as columns: those of the chosen type lying inside the span."""
    column_type = column_type or default_column_type(span, indicator)
    periods = periods_of_type_within(column_type, span.start, span.end)
    if not periods:
        raise PivotError(
            _("Không có kỳ %(type)s nào nằm trọn trong %(span)s: chọn loại kỳ ngắn hơn.")
            % {"type": column_type.label(), "span": span.id}
        )
    if len(periods) > MAX_COLUMNS:
        raise PivotError(
            _("%(n)s cột là quá nhiều để xem (tối đa %(max)s): chọn loại kỳ dài hơn.")
            % {"n": len(periods), "max": MAX_COLUMNS}
        )
    return periods


def default_column_type(span: Span, indicator: Indicator) -> PeriodType:
    """A window's own periods (2019..2023 → years); inside one period, the periods the
    indicator is reported for when there are several (2023 → its quarters)."""
    if isinstance(span, Window):
        return span.type
    reported = PeriodType(indicator.period_type)
    return reported if len(span.periods(reported)) > 1 else span.type


def period_measures(
    indicator: Indicator, span: Span, column_type: PeriodType | None = None, option: str = ""
) -> list[Measure]:
    """One column per period of the span, then one over the whole span."""
    lang = page_language()
    periods = column_periods(span, column_type, indicator)
    measures = [Measure(indicator, p, p.label(lang), option, is_period=True) for p in periods]
    if [(p.start, p.end) for p in periods] != [(span.start, span.end)]:
        measures.append(Measure(indicator, span, span.label(lang), option, is_whole_span=True))
    return measures


def indicator_measures(indicators: Iterable[Indicator], span: Span) -> list[Measure]:
    return [Measure(indicator, span, indicator.name) for indicator in indicators]


# --- Pivots -----------------------------------------------------------------------------


def period_pivot(
    user: User,
    *,
    indicator: Indicator,
    unit: Unit,
    span: Span,
    column_type: PeriodType | None = None,
    option: str = "",
    on: date | None = None,
) -> Pivot:
    """Units × periods for one indicator: the unit's children, its own values and its total,
    as the tree stood on `on` (default today, within the unit's validity)."""
    title = indicator.name if not option else f"{indicator.name} — {option_name(indicator, option)}"
    return build_pivot(
        user,
        unit,
        span,
        period_measures(indicator, span, column_type, option),
        title=title,
        description=describe_rule(indicator),
        unit_of_measure=indicator.unit_of_measure,
        on=on,
    )


def describe_rule(indicator: Indicator) -> str:
    """How the indicator's figures are rolled up, in the reader's words."""
    if indicator.is_computed:
        return _("Tính theo công thức %(formula)s") % {"formula": indicator.formula}
    return _("Cách tổng hợp: %(rule)s") % {"rule": indicator.get_aggregation_display()}


def indicator_pivot(
    user: User,
    *,
    indicators: Sequence[Indicator],
    unit: Unit,
    span: Span,
    title: str,
    on: date | None = None,
) -> Pivot:
    """Units × indicators over one period or window: a programme's or a form's figures."""
    return build_pivot(user, unit, span, indicator_measures(indicators, span), title=title, on=on)


def build_pivot(
    user: User,
    unit: Unit,
    span: Span,
    measures: Sequence[Measure],
    *,
    title: str,
    description: str = "",
    unit_of_measure: str = "",
    on: date | None = None,
) -> Pivot:
    """The pivot of some measures lying inside `span` over the unit's children, as the
    tree stood on `on` (its children then, figures with their predecessors' history)."""
    check_visible(user, unit)
    day = tree_date(unit, on)
    grid = rollup_grid({m.indicator for m in measures}, unit, [m.span for m in measures], day)
    children = _children_to_show(user, unit, day, grid)
    targets = _targets(measures, [unit, *children])
    with_target = [_has_target(m, targets) for m in measures]
    cells = _Cells(measures, grid, targets, with_target, on.isoformat() if on else "")
    rows = [cells.row(RowKind.CHILD, child.name, child, child.pk) for child in children]
    if children and OWN in grid.rows_with_values():
        own_label = _("%(name)s (nhập trực tiếp)") % {"name": unit.name}
        rows.append(cells.row(RowKind.OWN, own_label, unit, OWN))
    total_label = _("Toàn %(name)s") % {"name": unit.name}
    rows.append(cells.row(RowKind.TOTAL, total_label, unit, TOTAL))
    return Pivot(
        title=title,
        unit=unit,
        span=span,
        columns=tuple(_columns(measures, with_target)),
        rows=tuple(rows),
        description=description,
        unit_of_measure=unit_of_measure,
    )


def option_name(indicator: Indicator, option: str) -> str:
    if indicator.category is None:
        return option
    found = indicator.category.options.filter(code=option).first()
    return found.name if found else option


def children_of(user: User, unit: Unit) -> UnitQuerySet:
    return visible_units(user).filter(parent=unit).in_vietnamese_order()


def _children_to_show(user: User, unit: Unit, day: date, grid: Grid) -> list[Unit]:
    """The children as the tree stood on `day` — the rows the grid's figures are
    grouped by, so that the rows always add up to the total."""
    then = children_on(unit, day).values("pk")
    return list(visible_units(user).filter(pk__in=then).in_vietnamese_order())


def _targets(measures: Sequence[Measure], units: Sequence[Unit]) -> dict[TargetKey, Target]:
    found = Target.objects.filter(
        indicator__in={m.indicator for m in measures},
        unit__in=units,
        period__in={m.span.id for m in measures},
    )
    return {(t.indicator_id, t.unit_id, t.period): t for t in found}


def _has_target(measure: Measure, targets: dict[TargetKey, Target]) -> bool:
    return any(i == measure.indicator.pk and p == measure.span.id for i, _u, p in targets)


def _columns(measures: Sequence[Measure], with_target: Sequence[bool]) -> list[Column]:
    columns = []
    for measure, has_target in zip(measures, with_target, strict=True):
        note = measure.indicator.unit_of_measure if len({m.indicator for m in measures}) > 1 else ""
        columns.append(
            Column(
                measure.label,
                note,
                is_period=measure.is_period,
                is_whole_span=measure.is_whole_span,
            )
        )
        if has_target:
            columns.append(Column(_("Mục tiêu"), measure.label, is_target=True))
    return columns


@dataclass(frozen=True)
class _Cells:
    """What every row's cells are read from: the measures, their roll-ups and targets."""

    measures: Sequence[Measure]
    grid: Grid
    targets: dict[TargetKey, Target]
    with_target: Sequence[bool]
    on: str = ""

    def row(self, kind: RowKind, label: str, unit: Unit, key: RowKey) -> Row:
        cells: list[Cell] = []
        for measure, has_target in zip(self.measures, self.with_target, strict=True):
            cells.append(self._value(measure, kind, unit, key))
            if has_target:
                cells.append(self._target(measure, kind, unit))
        return Row(kind, label, unit, tuple(cells))

    def _value(self, measure: Measure, kind: RowKind, unit: Unit, key: RowKey) -> Cell:
        value = self.grid.value(measure.indicator, key, measure.span, measure.option)
        source = SourceRef(
            measure.indicator.code,
            unit.code,
            measure.span.id,
            measure.option,
            own=kind == RowKind.OWN,
            on=self.on,
        )
        text = format_number(value, page_language())
        return Cell(value, text, source if value is not None else None, measure.is_whole_span)

    def _target(self, measure: Measure, kind: RowKind, unit: Unit) -> Cell:
        """The unit's own target; none on the row of values it stored itself."""
        target = self.targets.get((measure.indicator.pk, unit.pk, measure.span.id))
        goal = target.value if target and kind != RowKind.OWN else None
        text = format_number(goal, page_language()) if goal is not None else ""
        return Cell(goal, text, is_target=True)


def page_language() -> str:
    """The language figures and periods are written in: "vi" unless the page is English."""
    return "en" if (get_language() or "vi").startswith("en") else "vi"


# --- The values behind a figure ---------------------------------------------------------


def value_sources(
    user: User,
    *,
    indicator: Indicator,
    unit: Unit,
    span: Span,
    option: str = "",
    own_only: bool = False,
    on: date | None = None,
) -> QuerySet[DataValue]:
    """The stored values a pivot cell is computed from (its predecessors' included),
    who entered them, when and how."""
    check_visible(user, unit)
    values = sources(indicator, unit, span, option or None, on)
    return values.filter(unit=unit) if own_only else values


def figure_behind(
    user: User,
    *,
    indicator: Indicator,
    unit: Unit,
    span: Span,
    option: str = "",
    own_only: bool = False,
    on: date | None = None,
) -> Decimal | None:
    """The figure whose sources are listed: the unit's roll-up, or its own values' when
    the cell is the row of values stored on the unit itself."""
    check_visible(user, unit)
    grid = rollup_grid([indicator], unit, [span], on)
    return grid.value(indicator, OWN if own_only else TOTAL, span, option)


@dataclass(frozen=True)
class SourceLine:
    """One stored value as the sources page shows it."""

    unit: Unit
    indicator: str
    period: str
    option: str
    value: str
    entered_by: str
    entered_at: datetime
    source: str
    records_url: str | None = None  # the records a record-sourced value was computed from


def describe_sources(values: Iterable[DataValue]) -> list[SourceLine]:
    """The values in words: period labels, option names and who entered them."""
    values = list(values)
    categories = {c for v in values if (c := v.indicator.category_id) is not None}
    names = _option_names(categories)
    lang = page_language()
    return [
        SourceLine(
            unit=v.unit,
            indicator=v.indicator.code,
            period=Period.parse(v.period).label(lang),
            option=names.get((v.indicator.category_id, v.option), v.option),
            value=format_number(v.numeric, lang) if v.numeric is not None else v.value,
            entered_by=_person(v),
            entered_at=v.entered_at,
            source=_how_entered(v),
            records_url=records_url(v.indicator, v.unit, v.period, v.option),
        )
        for v in values
    ]


def _option_names(categories: set[int]) -> dict[tuple[int | None, str], str]:
    options = CategoryOption.objects.filter(category_id__in=categories)
    return {(o.category_id, o.code): o.name for o in options}


def _person(value: DataValue) -> str:
    user = value.entered_by
    if user is None:
        return _("(không rõ)")
    return user.get_full_name() or user.get_username()


def _how_entered(value: DataValue) -> str:
    how = str(value.get_source_display())
    return f"{how}: {value.form.name}" if value.form else how
