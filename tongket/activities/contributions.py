"""What the register adds to pages other apps own: the header, the home page, reviews
and the drill-down of record-sourced figures."""

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tongket.activities import figures, queries
from tongket.activities.review import review_part
from tongket.lib import contributions
from tongket.lib.clock import today
from tongket.lib.contributions import NavItem, User, WorkItem
from tongket.org.scope import scope_of


def register() -> None:
    contributions.add_navigation(
        NavItem(
            namespace="activities",
            label=gettext_lazy("Hoạt động"),
            url_name="activities:list",
            order=35,
            visible=lambda user: scope_of(user) is not None,
        )
    )
    contributions.add_work("activities.follow_ups", follow_up_work, order=60)
    contributions.add_review_part("activities", review_part, order=30)
    contributions.add_records_link(figures.APP, records_link)


def follow_up_work(user: User) -> list[WorkItem]:
    """Inspection follow-ups of the subtree that fall due within two weeks or are late."""
    if scope_of(user) is None:
        return []
    day = today()
    return [
        WorkItem(
            text=(
                _("Quá hạn %(due)s: %(action)s (%(activity)s)")
                if item.due < day
                else _("Hạn %(due)s: %(action)s (%(activity)s)")
            )
            % {
                "due": f"{item.due:%d/%m/%Y}",
                "action": item.action,
                "activity": item.activity.title,
            },
            url=reverse("activities:detail", args=[item.activity_id]),
            kind="due",
        )
        for item in queries.follow_ups_due(user, day)
    ]


def records_link(indicator: Any, unit: Any, period: str, option: str) -> str | None:
    """The register filtered to the activities a stored value was computed from."""
    source = figures.parse_source(indicator.source)
    if source is None:
        return None
    query = {"unit": unit.code, "own": "1", "kind": source.kind, "period": period}
    return f"{reverse('activities:list')}?{urlencode(query)}"
