"""What a pivot table is, and how it becomes rows for a file and charts.

A pivot has one row per child of a unit (then the values stored on the unit itself,
then the total over its subtree) and one column per figure asked for: an indicator
over a period. The page, the CSV/XLSX/JSON exports and the charts are all drawn from
the same `Pivot`, so a downloaded file holds exactly the numbers on the screen.
Building a pivot from the database is `tongket.analytics.queries`.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.http import urlencode
from django.utils.translation import gettext as _

from tongket.analytics.charts import ChartSpec, Series
from tongket.analytics.rollup import Span
from tongket.org.models import Unit
from tongket.programmes.models import Indicator


class RowKind(StrEnum):
    CHILD = "child"
    OWN = "own"  # values stored on the unit itself, not on any child
    TOTAL = "total"


@dataclass(frozen=True)
class Measure:
    """One figure a column holds: an indicator (maybe one disaggregation) over a span."""

    indicator: Indicator
    span: Span
    label: str
    option: str = ""
    is_period: bool = False  # one of the periods the window is split into
    is_whole_span: bool = False  # the column over the whole window, after its periods


@dataclass(frozen=True)
class SourceRef:
    """Where the stored values behind a cell are listed (the sources page's query)."""

    indicator: str
    unit: str
    span: str
    option: str = ""
    own: bool = False
    on: str = ""  # the date whose tree the figure follows, ISO; "" for the default

    @property
    def query(self) -> str:
        params = {"indicator": self.indicator, "unit": self.unit, "period": self.span}
        if self.on:
            params["on"] = self.on
        if self.option:
            params["option"] = self.option
        if self.own:
            params["own"] = "1"
        return urlencode(params)


@dataclass(frozen=True)
class Column:
    label: str
    note: str = ""  # unit of measure, or what the target column is for
    is_target: bool = False
    is_period: bool = False
    is_whole_span: bool = False

    @property
    def heading(self) -> str:
        return f"{self.label} ({self.note})" if self.note else self.label


@dataclass(frozen=True)
class Cell:
    value: Decimal | None
    text: str
    source: SourceRef | None = None  # None for targets and empty cells
    is_whole_span: bool = False
    is_target: bool = False


@dataclass(frozen=True)
class Row:
    kind: RowKind
    label: str
    unit: Unit
    cells: tuple[Cell, ...]

    @property
    def drills_down(self) -> bool:
        """Whether the row's unit has a pivot of its own worth opening."""
        return self.kind == RowKind.CHILD


@dataclass(frozen=True)
class Pivot:
    title: str
    unit: Unit
    span: Span
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    description: str = ""  # how the figures are rolled up
    unit_of_measure: str = ""

    @property
    def has_values(self) -> bool:
        return any(
            cell.value is not None
            for row in self.rows
            for cell, column in zip(row.cells, self.columns, strict=True)
            if not column.is_target
        )

    def header(self) -> list[str]:
        return [_("Đơn vị"), _("Mã đơn vị"), *(column.heading for column in self.columns)]

    def table_rows(self) -> list[list[object]]:
        """The rows as a file holds them: numbers as numbers, an empty cell as nothing."""
        return [
            [row.label, row.unit.code, *(exportable(cell.value) for cell in row.cells)]
            for row in self.rows
        ]


def exportable(value: Decimal | None) -> int | float | None:
    """A figure for a spreadsheet or JSON: whole numbers stay whole (718, not 718.0)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def trend_chart(pivot: Pivot) -> ChartSpec | None:
    """The total row over the period columns: how the figure moved from period to period."""
    positions = [i for i, column in enumerate(pivot.columns) if column.is_period]
    total = _total_row(pivot)
    if len(positions) < 2 or total is None:
        return None
    spec = ChartSpec(
        kind="line",
        title=_("Diễn biến theo kỳ: %(title)s") % {"title": pivot.title},
        categories=tuple(pivot.columns[i].label for i in positions),
        series=(Series(total.unit.name, tuple(total.cells[i].value for i in positions)),),
        unit_label=pivot.unit_of_measure,
    )
    return spec if spec.has_values else None


def comparison_chart(pivot: Pivot, column: int) -> ChartSpec | None:
    """The children side by side on one column (the whole window, or one indicator)."""
    children = [row for row in pivot.rows if row.kind != RowKind.TOTAL]
    if len(children) < 2:
        return None
    spec = ChartSpec(
        kind="bar",
        title=_("So sánh các đơn vị: %(figure)s") % {"figure": pivot.columns[column].label},
        categories=tuple(row.label for row in children),
        series=(
            Series(pivot.columns[column].label, tuple(r.cells[column].value for r in children)),
        ),
        unit_label=pivot.columns[column].note or pivot.unit_of_measure,
    )
    return spec if spec.has_values else None


def _total_row(pivot: Pivot) -> Row | None:
    return next((row for row in pivot.rows if row.kind == RowKind.TOTAL), None)
