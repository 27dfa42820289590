"""The stored values that count in a subtree's figures, with the lineage applied.

A figure of unit X over a span, as the tree stood on date D, is read from the
*contributions* of the units that existed on D in X's subtree (as it stood then) —
the figure's *nodes*. Each node V contributes every stored value of every unit S
whose history it carries (`LineageClosure`: S = V with weight 1, and its
predecessors, through any chain of changes, by the product of the shares), as one
row: (value, node, weight). Values never move; one SQL join to the closure replaces
walking chains (docs/adr/0008-lineage.md).

Nothing is counted twice:
- a unit that ended before D is no node; its history is counted only through its
  successors' closure rows, which hold from the change on (`since`);
- a value of S for (indicator, option, period) is *superseded* in V's figure when a
  unit T between S and V in the lineage (T ≠ S, V itself included) stored its own
  value for the same indicator, option and period: a yearly 2025 figure of a ward
  created on 2025-07-01 is the whole year's, its predecessors' 2025 values are not
  added to it;
- weights of 0 (the non-default parts of a split ward) contribute nothing.
"""

from collections.abc import Iterable
from datetime import date

from django.db.models import Exists, F, FilteredRelation, OuterRef, QuerySet
from django.db.models.functions import Coalesce

from tongket.org.lineage import active_on, closure_on, path_on, under
from tongket.programmes.models import Indicator
from tongket.reporting.models import DataValue


def contributions(
    indicators: Iterable[Indicator],
    parent_path: Coalesce,
    start: date,
    end: date,
    on: date,
) -> QuerySet[DataValue]:
    """Values inside [start, end] counting in the subtree at `parent_path` (the
    parent's path as the tree stood on `on`: `unit_path_then`), one row per node,
    annotated with `node`, `weight` and `node_path`."""
    values = (
        DataValue.objects.annotate(
            lin=FilteredRelation(
                "unit__inherited_by", condition=closure_on(on, "unit__inherited_by__")
            )
        )
        # One filter() call: conditions on the multi-valued `lin` in another call would
        # join the closure a second time and count values once per extra row.
        .filter(
            active_on("lin__node__", on),
            indicator__in=list(indicators),
            numeric__isnull=False,
            period_start__gte=start,
            period_end__lte=end,
            lin__weight__gt=0,
        )
        .annotate(
            node=F("lin__node_id"), weight=F("lin__weight"), node_path=path_on("lin__node", on)
        )
        .filter(under("node_path", parent_path))
    )
    return values.filter(~Exists(_superseding(on)))


def _superseding(on: date) -> QuerySet[DataValue]:
    """Own values of a unit T between the outer value's unit S and its node V."""
    return DataValue.objects.filter(
        closure_on(on, "unit__inherited_by__"),
        closure_on(on, "unit__lineage_sources__"),
        indicator=OuterRef("indicator"),
        option=OuterRef("option"),
        period=OuterRef("period"),
        numeric__isnull=False,
        unit__inherited_by__node=OuterRef("node"),
        unit__lineage_sources__source=OuterRef("unit"),
    ).exclude(unit=OuterRef("unit"))
