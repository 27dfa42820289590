"""The implementation tree of a programme: resolution → provincial plans → district
plans → ward plans, from confirmed implements links.

Under each document the tree lists the units one administrative level below the
document's unit (for a document of a body outside the tree, the provinces and cities)
that existed when it was issued, each with the plans by which it carries the document
out, or none yet: that list is what a steering committee chases. Implementing
documents by other units (a grassroots organisation, the same committee again) are
listed after it.

Only what the user may see is shown: units of their subtree, and the documents above
it on the way down to them (a district sees the city's plan it implements, by its
number and issuer only, without opening it).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from tongket.documents.models import Document, ImplementsLink, LinkStatus
from tongket.org.models import Unit, UnitKind
from tongket.org.scope import User, scope_of
from tongket.programmes.models import Programme
from tongket.vn.links import NON_IMPLEMENTING_TYPES

# Units expected to issue their own plan for a document of the level above.
ADMINISTRATIVE_KINDS = frozenset(
    {
        UnitKind.CITY_COMMITTEE,
        UnitKind.PROVINCE_COMMITTEE,
        UnitKind.URBAN_DISTRICT_COMMITTEE,
        UnitKind.RURAL_DISTRICT_COMMITTEE,
        UnitKind.TOWN_COMMITTEE,
        UnitKind.WARD_COMMITTEE,
        UnitKind.COMMUNE_COMMITTEE,
        UnitKind.TOWNSHIP_COMMITTEE,
    }
)


@dataclass
class Row:
    """A unit expected to carry a document out, and its plans for it (none: not yet)."""

    unit: Unit
    plans: list["Node"] = field(default_factory=list)


@dataclass
class Node:
    document: Document
    visible: bool
    rows: list[Row] = field(default_factory=list)
    others: list["Node"] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(1 for row in self.rows if row.plans)

    @property
    def with_plans(self) -> list[Row]:
        return [row for row in self.rows if row.plans]

    @property
    def missing(self) -> list[Unit]:
        """The units that have not issued their plan yet: what the committee chases."""
        return [row.unit for row in self.rows if not row.plans]


def implementation_tree(user: User, programme: Programme) -> list[Node]:
    """The trees of confirmed implementation that hold the programme's documents, from
    their top documents down, as far as the user may see."""
    scope = scope_of(user)
    if scope is None:
        return []
    parents, children = _confirmed_links()
    starts = Document.objects.filter(programme=programme).exclude(
        doc_type__in=NON_IMPLEMENTING_TYPES
    )
    tops = {_top(pk, parents) for pk in starts.values_list("pk", flat=True)}
    # Once chains exist, a document linked to nothing yet (a plan whose link awaits
    # confirmation) is not a tree of its own; before, the lone resolution is the tree.
    tops = {pk for pk in tops if children.get(pk)} or tops
    documents = _documents(_descendants(tops, children))
    expected = _expected_units(documents.values())
    builder = _Builder(scope, documents, children, expected)
    nodes = [builder.node(pk, frozenset()) for pk in tops if pk in documents]
    return sorted((node for node in nodes if node is not None), key=_by_date)


def _confirmed_links() -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    parents: dict[int, list[int]] = defaultdict(list)
    children: dict[int, list[int]] = defaultdict(list)
    links = ImplementsLink.objects.filter(status=LinkStatus.CONFIRMED)
    for source, target in links.values_list("from_document_id", "to_document_id"):
        parents[source].append(target)
        children[target].append(source)
    return parents, children


def _top(pk: int, parents: dict[int, list[int]]) -> int:
    """The document at the top of pk's chain (the first parent at each step)."""
    seen = {pk}
    while parents.get(pk):
        following = next((p for p in parents[pk] if p not in seen), None)
        if following is None:
            break
        pk = following
        seen.add(pk)
    return pk


def _descendants(tops: set[int], children: dict[int, list[int]]) -> set[int]:
    found = set(tops)
    queue = list(tops)
    while queue:
        for child in children.get(queue.pop(), []):
            if child not in found:
                found.add(child)
                queue.append(child)
    return found


def _documents(ids: set[int]) -> dict[int, Document]:
    documents = (
        Document.objects.filter(pk__in=ids).select_related("owner").defer("text", "search_key")
    )
    return {document.pk: document for document in documents}


def _expected_units(documents: Iterable[Document]) -> dict[int | None, list[Unit]]:
    """For each document owner (None for bodies outside the tree), the units one level
    below it that are expected to issue a plan."""
    owners = {document.owner_id for document in documents if document.owner_id}
    units = Unit.objects.filter(kind__in=ADMINISTRATIVE_KINDS).filter(
        Q(parent_id__in=owners) | Q(parent__isnull=False, parent__parent__isnull=True)
    )
    expected: dict[int | None, list[Unit]] = defaultdict(list)
    for unit in units.order_by("sort_key", "code"):
        parent = unit.parent_id
        if parent in owners:
            expected[parent].append(unit)
        if unit.level == 2:
            expected[None].append(unit)
    return expected


def _existed_after(unit: Unit, day: date | None) -> bool:
    """Whether the unit still existed when the document was issued (units merge and end)."""
    return day is None or unit.valid_to is None or unit.valid_to >= day


def _by_date(node: Node) -> tuple[date, int]:
    return (node.document.issue_date or date.max, node.document.pk)


class _Builder:
    def __init__(
        self,
        scope: Unit,
        documents: dict[int, Document],
        children: dict[int, list[int]],
        expected: dict[int | None, list[Unit]],
    ) -> None:
        self.scope, self.documents = scope, documents
        self.children, self.expected = children, expected

    def node(self, pk: int, above: frozenset[int]) -> Node | None:
        """The node of a document with what implements it; None if nothing in it may be
        shown. `above` guards against cycles of links."""
        document = self.documents[pk]
        below = [
            node
            for child in self.children.get(pk, [])
            if child not in above and child in self.documents
            if (node := self.node(child, above | {pk})) is not None
        ]
        below.sort(key=_by_date)
        units = [
            unit
            for unit in self.expected.get(document.owner_id, [])
            if _existed_after(unit, document.issue_date)
        ]
        rows = [
            Row(unit, [node for node in below if node.document.owner_id == unit.pk])
            for unit in units
        ]
        rows = [row for row in rows if row.plans or self.scope.contains(row.unit)]
        placed = {unit.pk for unit in units}
        others = [node for node in below if node.document.owner_id not in placed]
        visible = document.owner is None or self.scope.contains(document.owner)
        if not (visible or others or any(row.plans for row in rows)):
            return None
        return Node(document, visible, rows, others)
