"""Reading the directives register, always within the user's scope.

A user sees the documents of units in their subtree, documents of bodies outside
the tree (no owner: the Politburo's resolutions, the Government's decrees), which
every unit carries out, and the documents of the levels above that their subtree's
documents are confirmed to implement (read-only).
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Q, QuerySet

from tongket.documents.actions import may_decide, may_decide_named
from tongket.documents.matching import symbol_key
from tongket.documents.models import (
    Citation,
    Document,
    ImplementsLink,
    LinkStatus,
    NamedCandidate,
)
from tongket.documents.search import Segment, highlight, query_words, snippet
from tongket.org.models import Role, Unit, UnitKind
from tongket.org.scope import User, can, scope_of, visible_units
from tongket.programmes.models import Programme
from tongket.vn.text import sort_key

SORTS: dict[str, list[Any]] = {
    "-date": [F("issue_date").desc(nulls_last=True), "-pk"],
    "date": [F("issue_date").asc(nulls_last=True), "pk"],
    "type": ["doc_type", "number_value", "pk"],
    "title": ["sort_key", "pk"],
}


def visible_documents(user: User) -> QuerySet[Document]:
    """The subtree's documents, those of bodies outside the tree, and the documents of
    the units above that the subtree carries out (read-only: see carried_out_above)."""
    scope = scope_of(user)
    if scope is None:
        return Document.objects.none()
    return Document.objects.filter(
        Q(owner__in=visible_units(user)) | Q(owner__isnull=True) | Q(pk__in=carried_out_above(user))
    )


def carried_out_above(user: User) -> set[int]:
    """Documents of the units above the user's that their subtree must carry out.

    A district sees the city plan its own plan implements, and the resolution that plan
    implements in turn: the targets of confirmed links from the subtree's documents,
    followed up the chain. It sees nothing else of the levels above.
    """
    scope = scope_of(user)
    ancestors = scope.ancestor_ids() if scope is not None else []
    if not ancestors:
        return set()
    confirmed = ImplementsLink.objects.filter(
        status=LinkStatus.CONFIRMED, to_document__owner_id__in=ancestors
    )
    found: set[int] = set()
    frontier = set(
        confirmed.filter(from_document__owner__in=visible_units(user)).values_list(
            "to_document_id", flat=True
        )
    )
    while frontier - found:
        found |= frontier
        frontier = set(
            confirmed.filter(from_document_id__in=frontier).values_list("to_document_id", flat=True)
        )
    return found


def is_visible(user: User, document: Document) -> bool:
    scope = scope_of(user)
    if scope is None:
        return False
    if document.owner is None or scope.contains(document.owner):
        return True
    return document.pk in carried_out_above(user)


@dataclass
class NamedRow:
    candidate: NamedCandidate
    may_decide: bool


def named_candidates(user: User, document: Document) -> list[NamedRow]:
    """Documents the text names without a number, and whether the user may decide."""
    return [
        NamedRow(candidate, may_decide_named(user, candidate))
        for candidate in document.named.select_related("entry", "decided_by").order_by("pk")
    ]


def may_add_links(user: User, document: Document) -> bool:
    """Managers of the document's unit state by hand what it implements."""
    return document.owner is not None and can(user, Role.MANAGER, document.owner)


def link_target(user: User, symbol: str) -> Document:
    """The document with this number/symbol that the user's documents may implement: a
    visible one, or one of a unit above (the plan of the level above, not yet linked,
    is named by its number); Document.DoesNotExist otherwise."""
    key = symbol_key(symbol)
    scope = scope_of(user)
    if key is None or scope is None:
        raise Document.DoesNotExist(symbol)
    candidates = Document.objects.filter(symbol_key=key)
    return candidates.filter(
        Q(pk__in=visible_documents(user)) | Q(owner_id__in=scope.ancestor_ids())
    ).get()


def document_for(user: User, pk: int) -> Document:
    """The document if the user may see it; Document.DoesNotExist otherwise."""
    return visible_documents(user).select_related("owner", "programme").get(pk=pk)


def programmes_for(user: User) -> QuerySet[Programme]:
    """Programmes run by the user's unit, by a unit above it (which it carries out) or
    by a unit below it."""
    scope = scope_of(user)
    if scope is None:
        return Programme.objects.none()
    return Programme.objects.filter(
        Q(owner__path__startswith=scope.path) | Q(owner_id__in=scope.ancestor_ids())
    ).order_by("name")


def units_to_choose(user: User) -> QuerySet[Unit]:
    """Units offered in forms: the user's own and two levels below, cells left out."""
    scope = scope_of(user)
    if scope is None:
        return Unit.objects.none()
    return (
        visible_units(user)
        .filter(level__lte=scope.level + 2)
        .exclude(kind=UnitKind.CELL)
        .order_by("path")
    )


@dataclass(frozen=True)
class Filters:
    query: str = ""
    doc_type: str = ""
    issuer: str = ""
    year: int | None = None
    unit: Unit | None = None
    programme: Programme | None = None
    status: str = ""
    sort: str = "-date"


def search_documents(user: User, filters: Filters) -> QuerySet[Document]:
    """The register filtered and sorted; every query word must start a word (accents
    ignored) of the type, symbol, issuer, title or text."""
    documents = visible_documents(user)
    for word in query_words(filters.query):
        # contains is a cheap first cut; the pattern keeps matches at a word's start.
        documents = documents.filter(
            search_key__contains=word, search_key__regex=rf"(^|[^0-9a-z]){re.escape(word)}"
        )
    if filters.doc_type:
        documents = documents.filter(doc_type=filters.doc_type)
    if filters.issuer:
        documents = documents.filter(issuer=filters.issuer)
    if filters.year:
        documents = documents.filter(issue_date__year=filters.year)
    if filters.unit is not None:
        documents = documents.filter(owner__path__startswith=filters.unit.path)
    if filters.programme is not None:
        documents = documents.filter(programme=filters.programme)
    if filters.status:
        documents = documents.filter(status=filters.status)
    documents = documents.select_related("owner").defer("search_key")
    if not filters.query:
        documents = documents.defer("search_key", "text")
    return documents.order_by(*SORTS.get(filters.sort, SORTS["-date"]))


@dataclass(frozen=True)
class Hit:
    """A document found by a search, with its title and a passage highlighted."""

    document: Document
    title: list[Segment]
    snippet: list[Segment]


def with_snippets(documents: Iterable[Document], query: str) -> list[Hit]:
    words = query_words(query)
    return [
        Hit(
            document,
            highlight(document.title or document.label, words),
            snippet(document.text, words) if words else [],
        )
        for document in documents
    ]


@dataclass(frozen=True)
class Facets:
    types: list[str]
    issuers: list[str]
    years: list[int]


def facets(user: User) -> Facets:
    """The values the register's filters offer, from the documents the user can see."""
    documents = visible_documents(user).order_by()
    types = documents.values_list("doc_type", flat=True).distinct()
    issuers = documents.exclude(issuer="").values_list("issuer", flat=True).distinct()
    years = documents.dates("issue_date", "year", order="DESC")
    return Facets(
        types=sorted(types, key=sort_key),
        issuers=sorted(issuers, key=sort_key)[:300],
        years=[day.year for day in years],
    )


@dataclass(frozen=True)
class CitationRow:
    citation: Citation
    visible: bool

    @property
    def date(self) -> datetime.date | None:
        """The date the citing text gives, which the cited entry may not have."""
        value = self.citation.cited_as.get("date")
        return datetime.date.fromisoformat(value) if value else None


def citations_of(user: User, document: Document) -> list[CitationRow]:
    """What a document cites, in order of first mention; `visible` says whether the
    cited entry may be opened (its unit may lie outside the user's subtree)."""
    citations = document.citations.select_related("to_document__owner")
    rows = [CitationRow(c, is_visible(user, c.to_document)) for c in citations]
    return sorted(rows, key=lambda row: row.citation.mentions[0] if row.citation.mentions else [0])


@dataclass
class LinkRow:
    link: ImplementsLink
    from_visible: bool
    to_visible: bool
    may_decide: bool = field(default=False)


def links_of(user: User, document: Document) -> list[LinkRow]:
    """The implements links a document's text proposed, and those of the document itself."""
    links = (
        ImplementsLink.objects.filter(Q(from_document=document) | Q(found_in=document))
        .select_related(
            "from_document__owner", "to_document__owner", "found_in__owner", "decided_by"
        )
        .order_by("pk")
    )
    return [link_row(user, link) for link in links]


def link_row(user: User, link: ImplementsLink) -> LinkRow:
    return LinkRow(
        link,
        is_visible(user, link.from_document),
        is_visible(user, link.to_document),
        may_decide(user, link),
    )


def implemented_by(user: User, document: Document) -> list[Document]:
    """The visible documents confirmed to implement this one."""
    return list(
        visible_documents(user)
        .filter(
            implements_links__to_document=document,
            implements_links__status=LinkStatus.CONFIRMED,
        )
        .select_related("owner")
        .defer("text", "search_key")
        .order_by(F("issue_date").asc(nulls_last=True), "pk")
    )


def link_for(user: User, document: Document, pk: int) -> ImplementsLink:
    """A link shown on a visible document's page; ImplementsLink.DoesNotExist otherwise."""
    return ImplementsLink.objects.select_related(
        "from_document__owner", "to_document__owner", "found_in__owner"
    ).get(Q(from_document=document) | Q(found_in=document), pk=pk)
