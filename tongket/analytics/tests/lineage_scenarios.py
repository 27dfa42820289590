"""Random sequences of merges, splits, renames, moves and dissolutions, and a
brute-force reading of the figures that follow them.

The reference walks every lineage path from each value's unit to each node of the tree
as it stood on the asked date and multiplies the shares along it, applying the rules
of `tongket.analytics.contributions` (a value superseded by an own value of a unit
between, weights of 0 counting nothing) to plain Python lists.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from tongket.analytics.rollup import PLACES, Span, plain_decimal
from tongket.analytics.tests.scenarios import OPTIONS, VALUE_PERIODS, Entry, _within
from tongket.core.periods import Period
from tongket.org.actions import create_unit
from tongket.org.changes import dissolve_unit, merge_units, move_unit, rename_unit, split_unit
from tongket.org.models import Unit, UnitKind
from tongket.programmes.models import Aggregation

SHARES = [Decimal(0), Decimal("0.25"), Decimal("0.5"), Decimal("0.75"), Decimal(1)]
SPLIT_SHARES = [
    None,  # the default: all to the first successor
    (Decimal("0.5"), Decimal("0.5")),
    (Decimal("0.25"), Decimal("0.75")),
    (Decimal("0.25"), Decimal("0.25"), Decimal("0.5")),
    (Decimal(0), Decimal("0.5")),
]
CHANGE_DATES = [
    date(2021, 7, 1),
    date(2022, 1, 1),
    date(2022, 4, 1),
    date(2022, 7, 1),
    date(2023, 1, 1),
    date(2023, 4, 1),
]
QUERY_DATES = [
    date(2021, 3, 1),
    date(2022, 2, 1),
    date(2022, 6, 30),
    date(2022, 7, 1),
    date(2023, 2, 1),
    date(2024, 1, 1),
]
OPERATIONS = ["merge_new", "merge_existing", "split", "rename", "move", "dissolve"]


@dataclass(frozen=True)
class Operation:
    kind: str
    picks: tuple[int, ...]  # indices into the candidates, taken modulo their number
    shares: tuple[int, ...]  # indices into SHARES
    split: int  # index into SPLIT_SHARES


@dataclass(frozen=True)
class History:
    parents: tuple[int, ...]
    operations: tuple[Operation, ...]
    dates: tuple[date, ...]
    entries: tuple[
        tuple[int, str, str, int], ...
    ]  # unit (modulo the units built), period, option, value


@st.composite
def histories(draw: st.DrawFn) -> History:
    size = draw(st.integers(min_value=2, max_value=6))
    parents = tuple(draw(st.integers(min_value=0, max_value=i - 1)) for i in range(1, size))
    count = draw(st.integers(min_value=0, max_value=4))
    dates = tuple(
        sorted(
            draw(
                st.lists(st.sampled_from(CHANGE_DATES), min_size=count, max_size=count, unique=True)
            )
        )
    )
    operations = tuple(
        Operation(
            draw(st.sampled_from(OPERATIONS)),
            tuple(draw(st.lists(st.integers(0, 20), min_size=4, max_size=4))),
            tuple(draw(st.lists(st.integers(0, len(SHARES) - 1), min_size=3, max_size=3))),
            draw(st.integers(0, len(SPLIT_SHARES) - 1)),
        )
        for _ in dates
    )
    entries = tuple(
        draw(
            st.lists(
                st.tuples(
                    st.integers(0, 30),
                    st.sampled_from(VALUE_PERIODS),
                    st.sampled_from(OPTIONS),
                    st.integers(-5, 40),
                ),
                max_size=18,
                unique_by=lambda e: e[:3],
            )
        )
    )
    return History(parents, operations, dates, entries)


@dataclass
class Model:
    """The tree and its lineage in plain Python, kept beside the database one."""

    units: list[Unit] = field(default_factory=list)
    valid_from: dict[int, date | None] = field(default_factory=dict)
    valid_to: dict[int, date | None] = field(default_factory=dict)
    parent: dict[int, int | None] = field(default_factory=dict)
    placements: dict[int, list[tuple[date, int | None]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    edges: list[tuple[int, int, Decimal, date]] = field(default_factory=list)

    def add(self, unit: Unit, parent: int | None, since: date | None) -> int:
        self.units.append(unit)
        index = len(self.units) - 1
        self.valid_from[index], self.valid_to[index], self.parent[index] = since, None, parent
        return index

    def active(self, index: int, day: date) -> bool:
        start, end = self.valid_from[index], self.valid_to[index]
        return (start is None or start <= day) and (end is None or day <= end)

    def parent_on(self, index: int, day: date) -> int | None:
        for until, parent in sorted(self.placements[index], key=lambda p: p[0]):
            if day <= until:
                return parent
        return self.parent[index]

    def ancestors_on(self, index: int, day: date) -> list[int]:
        chain, current = [], self.parent_on(index, day)
        while current is not None:
            chain.append(current)
            current = self.parent_on(current, day)
        return chain

    def subtree_now(self, index: int) -> list[int]:
        return [
            i
            for i in range(len(self.units))
            if i == index or index in self.ancestors_on(i, date.max)
        ]

    def move(self, index: int, to: int, effective: date) -> None:
        for member in self.subtree_now(index):
            self.placements[member].append((effective - timedelta(days=1), self.parent[member]))
        self.parent[index] = to


def apply(history: History, tag: str) -> Model:
    """Build the history's tree and apply its operations through the real actions,
    mirroring each in the plain model; an operation that does not fit the current tree
    (no candidate) is skipped in both."""
    model = Model()
    root = create_unit(
        by=None, code=f"L{tag}-0", name=f"Gốc {tag}", kind=UnitKind.CITY_COMMITTEE, parent=None
    )
    model.add(root, None, None)
    for index, parent in enumerate(history.parents, start=1):
        unit = create_unit(
            by=None,
            code=f"L{tag}-{index}",
            name=f"Chi bộ {index}",
            kind=UnitKind.CELL,
            parent=model.units[parent],
        )
        model.add(unit, parent, None)
    for number, (operation, effective) in enumerate(
        zip(history.operations, history.dates, strict=True)
    ):
        _apply_one(model, operation, effective, f"L{tag}-N{number}")
    return model


def _new_unit(model: Model, code: str, effective: date) -> int:
    unit = create_unit(
        by=None,
        code=code,
        name=code,
        kind=UnitKind.CELL,
        parent=model.units[0],
        valid_from=effective,
    )
    return model.add(unit, 0, effective)


def _pick(candidates: list[int], pick: int) -> int:
    return candidates[pick % len(candidates)]


def _end(model: Model, index: int, effective: date, heir: int | None) -> None:
    model.valid_to[index] = effective - timedelta(days=1)
    if heir is not None:
        for child in [
            i for i, p in model.parent.items() if p == index and model.valid_to[i] is None
        ]:
            model.move(child, heir, effective)


def _apply_one(model: Model, operation: Operation, effective: date, code: str) -> None:
    live = [i for i in range(1, len(model.units)) if model.valid_to[i] is None]
    if not live:
        return
    picks, units = operation.picks, model.units
    match operation.kind:
        case "merge_new" | "merge_existing":
            merged = sorted({_pick(live, p) for p in picks[: 1 + picks[3] % 3]})
            merged = [
                m for m in merged if not any(a in merged for a in model.ancestors_on(m, date.max))
            ]
            if operation.kind == "merge_existing":
                inside = {s for m in merged for s in model.subtree_now(m)}
                targets = [
                    i for i in range(len(units)) if model.valid_to[i] is None and i not in inside
                ]
                into = _pick(targets, picks[2])
            else:
                into = _new_unit(model, code, effective)
            shares = {units[m].code: SHARES[operation.shares[n % 3]] for n, m in enumerate(merged)}
            merge_units(
                by=None,
                units=[units[m] for m in merged],
                into=units[into],
                effective=effective,
                shares=shares,
            )
            for m in merged:
                share = shares[units[m].code]
                model.edges.append((m, into, share, effective))
                _end(model, m, effective, into if share > 0 else None)
        case "split":
            unit = _pick(live, picks[0])
            pattern = SPLIT_SHARES[operation.split]
            parts = 2 if pattern is None else len(pattern)
            parts_made = [_new_unit(model, f"{code}-{n}", effective) for n in range(parts)]
            given = pattern or tuple(Decimal(1) if n == 0 else Decimal(0) for n in range(parts))
            split_unit(
                by=None,
                unit=units[unit],
                into=[units[i] for i in parts_made],
                effective=effective,
                shares=None
                if pattern is None
                else {units[i].code: s for i, s in zip(parts_made, pattern, strict=True)},
            )
            for successor, share in zip(parts_made, given, strict=True):
                model.edges.append((unit, successor, share, effective))
            heir = max(zip(parts_made, given, strict=True), key=lambda pair: pair[1])[0]
            _end(model, unit, effective, heir)
        case "rename":
            unit = _pick(live, picks[0])
            rename_unit(by=None, unit=units[unit], name=f"Tên mới {code}", effective=effective)
        case "move":
            unit = _pick(live, picks[0])
            inside = set(model.subtree_now(unit))
            targets = [
                i for i in range(len(units)) if model.valid_to[i] is None and i not in inside
            ]
            to = _pick(targets, picks[1])
            units[unit].refresh_from_db()
            move_unit(by=None, unit=units[unit], parent=units[to], effective=effective)
            model.move(unit, to, effective)
        case "dissolve":
            unit = _pick(live, picks[0])
            units[unit].refresh_from_db()
            above = model.parent[unit]
            if above is None or model.valid_to[above] is not None:
                return
            share = SHARES[operation.shares[0]]
            dissolve_unit(
                by=None, unit=units[unit], effective=effective, successor=units[above], share=share
            )
            model.edges.append((unit, above, share, effective))
            _end(model, unit, effective, above)
    for built in units:
        built.refresh_from_db()


def entries_of(history: History, model: Model) -> list[Entry]:
    """The history's values on the units built (one per cell: the first drawn wins)."""
    cells: dict[tuple[int, str, str], Entry] = {}
    for u, p, o, v in history.entries:
        entry = Entry(u % len(model.units), p, o, v)
        cells.setdefault((entry.unit, p, o), entry)
    return list(cells.values())


def clamp(model: Model, index: int, day: date) -> date:
    end, start = model.valid_to[index], model.valid_from[index]
    if end is not None and day > end:
        day = end
    if start is not None and day < start:
        day = start
    return day


def reference(
    aggregation: str,
    model: Model,
    entries: list[Entry],
    top: int,
    span: Span,
    option: str | None,
    day: date,
) -> Decimal | None:
    """Each value × the product of the shares along each path to each node, by brute force."""
    day = clamp(model, top, day)
    nodes = [
        i
        for i in range(len(model.units))
        if model.active(i, day) and (i == top or top in model.ancestors_on(i, day))
    ]
    own = {(e.unit, e.period, e.option) for e in entries}
    incoming = defaultdict(list)
    for predecessor, successor, share, effective in model.edges:
        if effective <= day:
            incoming[successor].append((predecessor, share))

    def paths(node: int) -> list[tuple[int, Decimal]]:
        found = [(node, Decimal(1))]
        for predecessor, share in incoming[node]:
            found += [(source, weight * share) for source, weight in paths(predecessor)]
        return found

    def upstream(node: int) -> set[int]:
        return {source for source, _weight in paths(node)}

    rows: list[tuple[int, Entry, Decimal]] = []  # node, entry, weight
    for node in nodes:
        weights: dict[int, Decimal] = defaultdict(Decimal)
        for source, weight in paths(node):
            weights[source] += weight
        between = upstream(node)
        for entry in entries:
            carried = weights.get(entry.unit)
            if carried is None or carried <= 0:
                continue
            if not _within(Period.parse(entry.period), span):
                continue
            if option is not None and entry.option != option:
                continue
            superseded = any(
                t != entry.unit
                and entry.unit in upstream(t)
                and (t, entry.period, entry.option) in own
                for t in between
            )
            if not superseded:
                rows.append((node, entry, carried))
    if not rows:
        return None
    match aggregation:
        case Aggregation.SUM:
            result = sum((w * e.value for _n, e, w in rows), Decimal(0))
        case Aggregation.AVERAGE:
            result = sum((w * e.value for _n, e, w in rows), Decimal(0)) / sum(
                w for _n, _e, w in rows
            )
        case Aggregation.MIN:
            result = Decimal(min(e.value for _n, e, _w in rows))
        case Aggregation.MAX:
            result = Decimal(max(e.value for _n, e, _w in rows))
        case Aggregation.COUNT:
            result = Decimal(len({n for n, _e, _w in rows}))
        case Aggregation.LAST:
            latest: dict[tuple[int, str], tuple[date, int]] = {}
            for node, entry, _w in rows:
                period = Period.parse(entry.period)
                rank = (period.end, -period.start.toordinal())
                key = (node, entry.option)
                latest[key] = max(latest.get(key, rank), rank)
            result = Decimal(0)
            for node, entry, weight in rows:
                period = Period.parse(entry.period)
                if latest[(node, entry.option)] == (period.end, -period.start.toordinal()):
                    result += weight * entry.value
    return plain_decimal(Decimal(result).quantize(PLACES))
