"""What each app contributes to pages that a lower layer owns.

The header's navigation, the home page's work list and the sections of a review are
owned by low layers (`org`, `reviews`) but filled by apps above or beside them. Rather
than have the owner import every app (an upward import, and an edit of `org` for each
new app), each app registers its items here in its `AppConfig.ready`, and the owner
gathers them. Adding an app adds its items without touching the pages that show them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

User = AbstractBaseUser | AnonymousUser


@dataclass(frozen=True)
class NavItem:
    """A link in the header: `namespace` marks it active on that app's pages."""

    namespace: str
    label: Any  # a lazy translation
    url_name: str
    order: int
    visible: Callable[[User], bool] = field(default=lambda user: True)


@dataclass(frozen=True)
class WorkItem:
    """A line of the home page's work list: what waits for the user, and where."""

    text: str
    url: str
    kind: str  # "due", "returned", "approve", "judge", "review", … (a CSS class)


@dataclass(frozen=True)
class ReviewScope:
    """What a review covers: a unit (the tree as it stood on `as_of`) over a span of dates."""

    unit: Any  # tongket.org.models.Unit
    start: date
    end: date
    programme: Any = None  # tongket.programmes.models.Programme or None


@dataclass
class ReviewPart:
    """Plain text an app adds to a review's results section, and tables for its annex.

    Sentences are plain strings (the app formats its own numbers with
    `tongket.lib.numbers`); reviews lay them out in every format alike.
    """

    paragraphs: list[str] = field(default_factory=list)
    annex_title: str = ""
    annex_header: list[str] = field(default_factory=list)
    annex_rows: list[list[str]] = field(default_factory=list)


WorkProvider = Callable[[User], Iterable[WorkItem]]
ReviewProvider = Callable[[ReviewScope], ReviewPart | None]
# (indicator, unit, period id, option) → the page listing the records behind that stored
# value, for indicators computed from records (`Indicator.source`).
RecordsLinker = Callable[[Any, Any, str, str], str | None]

_navigation: list[NavItem] = []
_work: list[tuple[int, str, WorkProvider]] = []
_review: list[tuple[int, str, ReviewProvider]] = []
_records: dict[str, RecordsLinker] = {}


def add_navigation(item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in _navigation):
        _navigation.append(item)


def add_work(key: str, provider: WorkProvider, *, order: int) -> None:
    if all(existing != key for _, existing, _ in _work):
        _work.append((order, key, provider))


def add_review_part(key: str, provider: ReviewProvider, *, order: int) -> None:
    if all(existing != key for _, existing, _ in _review):
        _review.append((order, key, provider))


def add_records_link(app: str, linker: RecordsLinker) -> None:
    """Say where the records behind `app:…` sourced values are listed (the drill-down's end)."""
    _records.setdefault(app, linker)


def records_url(indicator: Any, unit: Any, period: str, option: str = "") -> str | None:
    """The page of records behind a stored value of a record-sourced indicator, if any."""
    source = getattr(indicator, "source", "")
    linker = _records.get(source.split(":", 1)[0]) if source else None
    return linker(indicator, unit, period, option) if linker else None


def navigation(user: User) -> list[NavItem]:
    return [item for item in sorted(_navigation, key=lambda i: i.order) if item.visible(user)]


def work_for(user: User) -> list[WorkItem]:
    items: list[WorkItem] = []
    for _, _, provider in sorted(_work, key=lambda entry: entry[0]):
        items.extend(provider(user))
    return items


def review_parts(scope: ReviewScope) -> list[ReviewPart]:
    parts = (provider(scope) for _, _, provider in sorted(_review, key=lambda entry: entry[0]))
    return [part for part in parts if part is not None]
