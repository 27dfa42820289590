"""Reading units over time: the tree as it stood on a date, and where history went.

Two kinds of history, kept apart (docs/adr/0008-lineage.md):

- *placement*: a unit that moves keeps its code and values; `UnitPlacement` remembers
  the paths it had before, so "the tree as it stood on D" is the current path for dates
  after the last move and the remembered one before;
- *lineage*: merges, splits and dissolutions end units and pass their history, by
  shares, to successors (`LineageEdge`); `LineageClosure` is its transitive closure,
  (node, source, weight, since), recomputed from the edges after each change, so that a
  roll-up joins values to it once instead of walking chains.

These functions are SQL building blocks and plain reads; the roll-ups that use them
live in `tongket.analytics`.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from tongket.lib.clock import today
from tongket.org.models import (
    LineageClosure,
    LineageEdge,
    Membership,
    Unit,
    UnitChange,
    UnitPlacement,
    UnitQuerySet,
)


def tree_date(unit: Unit, on: date | None = None) -> date:
    """The date whose tree a unit's figures follow: `on` or today, within the unit's
    validity — a dissolved district is read as it stood on its last day."""
    day = on or today()
    if unit.valid_to is not None and day > unit.valid_to:
        day = unit.valid_to
    if unit.valid_from is not None and day < unit.valid_from:
        day = unit.valid_from
    return day


def covering(day: date) -> Q:
    """Placements that held on `day`."""
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & Q(valid_to__gte=day)


def path_on(unit_ref: str, day: date) -> Coalesce:
    """SQL for the path of the unit at `unit_ref` (a field path such as "unit" or
    "lin__node", or "pk" for the unit itself) as the tree stood on `day`."""
    earlier = UnitPlacement.objects.filter(covering(day), unit=OuterRef(unit_ref)).values("path")
    own_path = F("path") if unit_ref == "pk" else F(f"{unit_ref}__path")
    return Coalesce(Subquery(earlier[:1]), own_path)


def unit_path_then(unit: Unit, day: date) -> Coalesce:
    """SQL for a given unit's path as the tree stood on `day`, to avoid a query."""
    earlier = UnitPlacement.objects.filter(covering(day), unit=unit.pk).values("path")
    return Coalesce(Subquery(earlier[:1]), Value(unit.path))


def unit_path_on(unit: Unit, day: date) -> str:
    placed = UnitPlacement.objects.filter(covering(day), unit=unit).values_list("path", flat=True)
    return next(iter(placed), unit.path)


def active_on(prefix: str, day: date) -> Q:
    """The unit at `prefix` ("lin__node__") existed on `day`."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


def closure_on(day: date, prefix: str = "") -> Q:
    """Closure rows that hold for the tree as it stood on `day`."""
    return Q(**{f"{prefix}since__isnull": True}) | Q(**{f"{prefix}since__lte": day})


def subtree_on(unit: Unit, day: date) -> UnitQuerySet:
    """The units of the unit's subtree as the tree stood on `day`, existing then."""
    prefix = unit_path_on(unit, day)
    return (
        Unit.objects.filter(active_on("", day))
        .annotate(path_then=path_on("pk", day))
        .filter(path_then__startswith=prefix)
    )


def children_on(unit: Unit, day: date) -> UnitQuerySet:
    """The unit's children as the tree stood on `day` (those existing then)."""
    earlier = UnitPlacement.objects.filter(covering(day), unit=OuterRef("pk"))
    then = Subquery(earlier.values("parent")[:1], output_field=IntegerField())
    return (
        Unit.objects.filter(active_on("", day))
        .annotate(parent_then=Coalesce(then, F("parent_id"), output_field=IntegerField()))
        .filter(parent_then=unit.pk)
    )


def events_of(unit: Unit) -> list[UnitChange]:
    """The recorded changes the unit took part in, oldest first."""
    return list(UnitChange.objects.filter(units=unit).order_by("effective", "id"))


# --- Lineage ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    unit: Unit
    share: Decimal
    effective: date


def predecessors(unit: Unit) -> list[Link]:
    edges = LineageEdge.objects.filter(successor=unit).select_related("predecessor")
    return [
        Link(e.predecessor, e.share, e.effective)
        for e in edges.order_by("predecessor__sort_key", "predecessor__code")
    ]


def successors(unit: Unit) -> list[Link]:
    edges = LineageEdge.objects.filter(predecessor=unit).select_related("successor")
    return [
        Link(e.successor, e.share, e.effective)
        for e in edges.order_by("-share", "successor__sort_key", "successor__code")
    ]


def default_successor(unit: Unit) -> Unit | None:
    """The successor carrying the largest share of the unit's history (the official
    mapping's default one for a split ward)."""
    found = successors(unit)
    return found[0].unit if found and found[0].share > 0 else None


def successor_memberships(unit: Unit) -> list[tuple[Membership, Unit]]:
    """The memberships of a unit that has ended, each with the unit its member is offered
    instead: the default successor, following chains of changes to a unit that exists."""
    if unit.valid_to is None or unit.valid_to >= today():
        return []
    successor = default_successor(unit)
    seen = {unit.pk}
    while successor is not None and not successor.is_active_on(today()):
        if successor.pk in seen:
            return []
        seen.add(successor.pk)
        successor = default_successor(successor)
    if successor is None:
        return []
    members = Membership.objects.filter(unit=unit).select_related("user")
    return [(membership, successor) for membership in members]


type ClosureRow = tuple[int, Decimal, date | None]  # source, weight, since


def refresh_closure(changed: Iterable[int]) -> None:
    """Recompute the closure rows of the changed successors and of every unit their
    history flows on to; a unit's own row (node = source) never changes."""
    edges = list(LineageEdge.objects.values_list("predecessor", "successor", "share", "effective"))
    incoming: dict[int, list[tuple[int, Decimal, date]]] = defaultdict(list)
    outgoing: dict[int, set[int]] = defaultdict(set)
    for predecessor, successor, share, effective in edges:
        incoming[successor].append((predecessor, share, effective))
        outgoing[predecessor].add(successor)
    affected: set[int] = set()
    pending = list(changed)
    while pending:
        node = pending.pop()
        if node not in affected:
            affected.add(node)
            pending.extend(outgoing[node])
    memo: dict[int, dict[tuple[int, date | None], Decimal]] = {}
    rows = []
    for node in affected:
        for (source, since), weight in _closure_of(node, incoming, memo).items():
            if source != node:
                rows.append(
                    LineageClosure(node_id=node, source_id=source, weight=weight, since=since)
                )
    LineageClosure.objects.filter(node__in=affected).exclude(source=F("node")).delete()
    LineageClosure.objects.bulk_create(rows, batch_size=2000)


def _closure_of(
    node: int,
    incoming: dict[int, list[tuple[int, Decimal, date]]],
    memo: dict[int, dict[tuple[int, date | None], Decimal]],
) -> dict[tuple[int, date | None], Decimal]:
    """(source, since) → weight: the sum over lineage paths of the product of shares,
    `since` being the latest effective date along the path."""
    if node in memo:
        return memo[node]
    result: dict[tuple[int, date | None], Decimal] = {(node, None): Decimal(1)}
    for predecessor, share, effective in incoming[node]:
        for (source, since), weight in _closure_of(predecessor, incoming, memo).items():
            later = effective if since is None else max(since, effective)
            result[(source, later)] = result.get((source, later), Decimal(0)) + weight * share
    memo[node] = result
    return result


def reaches(start: int, target: int) -> bool:
    """Whether `target`'s history already flows into `start` (a new edge start → target
    would close a cycle)."""
    return LineageClosure.objects.filter(node=start, source=target).exists()


def own_closure_row(unit: Unit) -> None:
    """A new unit carries its own values (called by `create_unit`)."""
    LineageClosure.objects.create(node=unit, source=unit, weight=Decimal(1), since=None)


def under(path_field: str, parent_path: object) -> Q:
    """Rows whose unit path, as the tree stood on a date (`path_on`), lies under a parent's.

    The subtree rule of `tongket.org.scope`, for paths computed as of a date rather than
    stored on the unit: kept in org so that no other app writes a subtree filter.
    """
    return Q(**{f"{path_field}__startswith": parent_path})
