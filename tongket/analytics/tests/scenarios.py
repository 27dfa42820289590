"""Random small trees with random values, and a brute-force reading of them.

The property tests build a scenario inside a rolled-back savepoint, ask the roll-up
engine, and compare with `reference_value`, which applies the rules of
`tongket.analytics.rollup` to plain Python lists.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import count

from django.db import transaction
from django.utils import timezone
from hypothesis import strategies as st

from tongket.analytics.rollup import PLACES, Span, plain_decimal
from tongket.core.periods import Period, parse_period_or_window
from tongket.org.actions import create_unit
from tongket.org.models import Unit, UnitKind
from tongket.programmes.models import Aggregation, Indicator, ValueType
from tongket.programmes.tests.factories import IndicatorFactory, category_with_options
from tongket.reporting.models import DataValue, Source

# Months, quarters, halves and years of 2021–2023, so that spans of every type both
# contain and cut across them.
VALUE_PERIODS = [
    "2021",
    "2022",
    "2023",
    "2021Q4",
    "2022Q1",
    "2022Q2",
    "2022Q3",
    "2023Q1",
    "2022S1",
    "2022S2",
    "202201",
    "202203",
    "202206",
    "202212",
]
SPANS = [
    "2021",
    "2022",
    "2022Q1",
    "2022Q2",
    "2022S1",
    "2022N9",
    "202203",
    "2021..2023",
    "2022..2023",
    "2022Q1..2022Q3",
    "2021Q4..2022Q2",
    "202201..202206",
]
OPTIONS = ["A", "B"]
_serial = count()


@dataclass(frozen=True)
class Entry:
    unit: int  # index into the scenario's units
    period: str
    option: str
    value: int


@dataclass(frozen=True)
class Scenario:
    parents: tuple[int, ...]  # parents[i - 1] is the parent index of unit i; unit 0 is the root
    entries: tuple[Entry, ...]

    @property
    def size(self) -> int:
        return len(self.parents) + 1


@st.composite
def scenarios(draw: st.DrawFn, max_units: int = 6, max_entries: int = 14) -> Scenario:
    size = draw(st.integers(min_value=1, max_value=max_units))
    parents = tuple(draw(st.integers(min_value=0, max_value=i - 1)) for i in range(1, size))
    cells = draw(
        st.dictionaries(
            st.tuples(
                st.integers(min_value=0, max_value=size - 1),
                st.sampled_from(VALUE_PERIODS),
                st.sampled_from(OPTIONS),
            ),
            st.integers(min_value=-5, max_value=40),
            max_size=max_entries,
        )
    )
    entries = tuple(Entry(u, p, o, v) for (u, p, o), v in sorted(cells.items()))
    return Scenario(parents, entries)


spans = st.sampled_from(SPANS).map(parse_period_or_window)
options = st.sampled_from([None, "A"])


@contextmanager
def rolled_back() -> Iterator[None]:
    """Everything written inside is undone, so each hypothesis example starts clean."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def build_units(scenario: Scenario) -> list[Unit]:
    """The scenario's tree, under a new root of its own (other examples' trees, rolled
    back or not, are never inside it)."""
    tag = next(_serial)
    root = create_unit(
        by=None, code=f"R{tag}-0", name=f"Gốc {tag}", kind=UnitKind.CITY_COMMITTEE, parent=None
    )
    units = [root]
    for index, parent in enumerate(scenario.parents, start=1):
        units.append(
            create_unit(
                by=None,
                code=f"R{tag}-{index}",
                name=f"Chi bộ {tag}-{index}",
                kind=UnitKind.CELL,
                parent=units[parent],
            )
        )
    return units


def indicators_for_every_aggregation() -> dict[str, Indicator]:
    category = category_with_options(*OPTIONS)
    tag = next(_serial)
    return {
        aggregation: IndicatorFactory(
            code=f"{aggregation.upper()}{tag}",
            aggregation=aggregation,
            value_type=ValueType.NUMBER,
            category=category,
        )
        for aggregation in Aggregation.values
    }


def store(entries: tuple[Entry, ...], units: list[Unit], indicator: Indicator) -> None:
    now = timezone.now()
    rows = []
    for entry in entries:
        period = Period.parse(entry.period)
        rows.append(
            DataValue(
                unit=units[entry.unit],
                indicator=indicator,
                option=entry.option,
                period=period.id,
                period_start=period.start,
                period_end=period.end,
                value=str(entry.value),
                numeric=Decimal(entry.value),
                entered_at=now,
                source=Source.DEMO,
            )
        )
    DataValue.objects.bulk_create(rows)


def subtree(scenario: Scenario, top: int) -> set[int]:
    """The indices of `top` and every unit below it."""
    members = {top}
    for index, parent in enumerate(scenario.parents, start=1):  # parents come first
        if parent in members:
            members.add(index)
    return members


def reference_value(
    aggregation: str, scenario: Scenario, top: int, span: Span, option: str | None
) -> Decimal | None:
    """The roll-up rules applied by brute force to the scenario's entries."""
    inside = subtree(scenario, top)
    chosen = [
        e
        for e in scenario.entries
        if e.unit in inside
        and _within(Period.parse(e.period), span)
        and (option is None or e.option == option)
    ]
    if not chosen:
        return None
    numbers = [Decimal(e.value) for e in chosen]
    match aggregation:
        case Aggregation.SUM:
            result = sum(numbers, Decimal(0))
        case Aggregation.AVERAGE:
            result = sum(numbers, Decimal(0)) / len(numbers)
        case Aggregation.MIN:
            result = min(numbers)
        case Aggregation.MAX:
            result = max(numbers)
        case Aggregation.COUNT:
            result = Decimal(len({e.unit for e in chosen}))
        case Aggregation.LAST:
            result = Decimal(sum(latest.value for latest in _latest(chosen).values()))
    return plain_decimal(Decimal(result).quantize(PLACES))


def _within(period: Period, span: Span) -> bool:
    return span.start <= period.start and period.end <= span.end


def _latest(entries: list[Entry]) -> dict[tuple[int, str], Entry]:
    """Each (unit, option)'s entry whose period ends last; of two ending the same day,
    the one that starts first (the longer period)."""

    def recency(entry: Entry) -> tuple[date, int]:
        period = Period.parse(entry.period)
        return (period.end, -period.start.toordinal())

    latest: dict[tuple[int, str], Entry] = {}
    for entry in entries:
        key = (entry.unit, entry.option)
        if key not in latest or recency(entry) > recency(latest[key]):
            latest[key] = entry
    return latest
