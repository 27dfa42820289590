"""Reading the organisation tree, always through the user's scope."""

from dataclasses import dataclass

from django.db.models import Count, Q

from tongket.org.models import GRASSROOTS_KINDS, Unit, UnitQuerySet
from tongket.org.scope import User, scope_of, visible_units


@dataclass(frozen=True)
class SubtreeSummary:
    units: int
    levels: int
    grassroots: int
    by_kind: list[tuple[str, int]]


def ancestors(unit: Unit) -> list[Unit]:
    """The chain from the root down to the unit's parent, in one query."""
    ids = unit.ancestor_ids()
    by_id = Unit.objects.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def visible_ancestors(user: User, unit: Unit) -> list[Unit]:
    """The part of the unit's chain the user may open (from their own unit down)."""
    scope = scope_of(user)
    return [a for a in ancestors(unit) if scope is not None and scope.contains(a)]


def children_with_counts(unit: Unit, *, include_inactive: bool = True) -> UnitQuerySet:
    """Direct children, each annotated with its number of children, in Vietnamese order."""
    children = Unit.objects.filter(parent=unit).annotate_child_count()
    if not include_inactive:
        children = children.filter(valid_to__isnull=True)
    return children.in_vietnamese_order()


def with_child_count(unit: Unit) -> Unit:
    return Unit.objects.annotate_child_count().get(pk=unit.pk)


def summarise_subtree(unit: Unit) -> SubtreeSummary:
    below = Unit.objects.below(unit)
    kinds = below.values("kind").annotate(n=Count("id")).order_by("-n")
    labels = dict(Unit._meta.get_field("kind").choices or [])  # type: ignore[arg-type]
    totals = below.aggregate(
        units=Count("id"), grassroots=Count("id", filter=Q(kind__in=GRASSROOTS_KINDS))
    )
    deepest = below.order_by("-level").values_list("level", flat=True).first()
    return SubtreeSummary(
        units=totals["units"],
        levels=(deepest - unit.level) if deepest else 0,
        grassroots=totals["grassroots"],
        by_kind=[(str(labels.get(row["kind"], row["kind"])), row["n"]) for row in kinds],
    )


def search_units(
    user: User, query: str, *, kind: str = "", active_only: bool = False
) -> UnitQuerySet:
    units = visible_units(user).matching(query)
    if kind:
        units = units.filter(kind=kind)
    if active_only:
        units = units.filter(valid_to__isnull=True)
    # Higher units first: "khuong mai" should show the ward before its cells.
    return units.select_related("parent").order_by("level", "sort_key", "code")


def units_for_export(user: User, root: Unit) -> UnitQuerySet:
    """The subtree of `root` (already checked visible), parents before children."""
    return (
        visible_units(user)
        .within(root)
        .select_related("parent")
        .order_by("level", "sort_key", "code")
    )
