"""Reading the register, always through the user's subtree."""

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch

from tongket.activities.models import Activity, ActivityQuerySet, FollowUp
from tongket.core.periods import Span
from tongket.org.models import Unit
from tongket.org.scope import User, visible_units
from tongket.vn.symbols import normalize_symbol
from tongket.vn.text import fold

SORTS = {
    "-date": ("-date", "-pk"),
    "date": ("date", "pk"),
    "title": ("search_key", "pk"),
    "unit": ("organiser__sort_key", "-date"),
    "kind": ("kind", "-date"),
}


@dataclass(frozen=True)
class Filters:
    unit: Unit | None = None
    own_only: bool = False  # the unit's own activities, not its subtree's
    kind: str = ""
    document: str = ""
    span: Span | None = None
    query: str = ""
    sort: str = "-date"


def activities_for(user: User) -> ActivityQuerySet:
    """Activities organised anywhere in the user's subtree."""
    return Activity.objects.filter(organiser__in=visible_units(user))


def activity_for(user: User, pk: int) -> Activity:
    """The activity if the user may see it; Activity.DoesNotExist otherwise (a 404)."""
    return (
        activities_for(user)
        .select_related("organiser", "created_by")
        .prefetch_related("participants", "co_organisers", "inspected_units", "attachments")
        .prefetch_related(
            Prefetch("follow_ups", queryset=FollowUp.objects.select_related("responsible"))
        )
        .prefetch_related("inspected__unit")
        .get(pk=pk)
    )


def search(user: User, filters: Filters) -> ActivityQuerySet:
    activities = activities_for(user)
    if filters.unit is not None:
        activities = (
            activities.filter(organiser=filters.unit)
            if filters.own_only
            else activities.filter(organiser__in=Unit.objects.within(filters.unit))
        )
    if filters.kind:
        activities = activities.filter(kind=filters.kind)
    if filters.document:
        symbol = normalize_symbol(filters.document) or filters.document.strip()
        activities = activities.filter(document_key__contains=f"|{symbol}|")
    if filters.span is not None:
        activities = activities.between(filters.span.start, filters.span.end)
    for word in fold(filters.query).split():
        activities = activities.filter(search_key__contains=word)
    order = SORTS.get(filters.sort, SORTS["-date"])
    return activities.select_related("organiser").prefetch_related("participants").order_by(*order)


@dataclass
class Day:
    day: date
    in_month: bool
    activities: list[Activity]


def month_calendar(user: User, year: int, month: int, filters: Filters) -> list[list[Day]]:
    """Weeks (Monday first) of the month with the subtree's activities on each day;
    an activity over several days shows on each of them."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    start = first - timedelta(days=first.weekday())
    end = last + timedelta(days=6 - last.weekday())
    activities = search(user, Filters(**{**filters.__dict__, "span": None, "sort": "date"}))
    by_day: dict[date, list[Activity]] = defaultdict(list)
    spanning = (
        activities.filter(date__lte=end)
        .exclude(end_date__lt=start)
        .exclude(end_date__isnull=True, date__lt=start)
    )
    for activity in spanning:
        day = max(activity.date, start)
        stop = min(activity.end_date or activity.date, end)
        while day <= stop:
            by_day[day].append(activity)
            day += timedelta(days=1)
    weeks, day = [], start
    while day <= end:
        weeks.append([Day(d, d.month == month, by_day.get(d, [])) for d in _week(day)])
        day += timedelta(days=7)
    return weeks


def _week(monday: date) -> list[date]:
    return [monday + timedelta(days=i) for i in range(7)]


def follow_ups_due(user: User, today: date, within_days: int = 14) -> list[FollowUp]:
    """Open inspection follow-ups of the subtree due by two weeks from today, or overdue."""
    return list(
        FollowUp.objects.filter(
            activity__in=activities_for(user),
            status="open",
            due__lte=today + timedelta(days=within_days),
        )
        .select_related("activity", "responsible")
        .order_by("due")[:20]
    )
