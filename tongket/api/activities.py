"""The activity register over HTTP (CONTRACT.md, "Records that figures are computed from")."""

import datetime
from datetime import date
from typing import cast

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from tongket.activities import queries
from tongket.activities.actions import ActivityInput, ActivityRefused, Count, record_activity
from tongket.api.schemas import ErrorOut
from tongket.core.periods import parse_period_or_window
from tongket.org.models import Unit
from tongket.org.scope import unit_for

router = Router(tags=["activities"])


class ActivityIn(Schema):
    orgUnit: str
    kind: str = Field(description="study, training, conference, inspection hoặc other")
    date: date
    endDate: datetime.date | None = None
    title: str = Field(max_length=300)
    place: str = Field("", max_length=255)
    documents: list[str] = Field(default_factory=list, description="số, ký hiệu: 35-NQ/TW")
    participants: dict[str, int] = Field(default_factory=dict, description="nhóm → số người")
    targets: dict[str, int] = Field(default_factory=dict, description="nhóm → tổng số của nhóm")


class IdOut(Schema):
    id: int


class ActivityOut(Schema):
    id: int
    orgUnit: str
    kind: str
    date: date
    endDate: datetime.date | None
    title: str
    place: str
    documents: list[str]
    participants: dict[str, int]


class ActivityPage(Schema):
    count: int
    items: list[ActivityOut]


def _missing(code: str) -> Status:
    return Status(404, {"detail": f"Không có đơn vị “{code}” trong phạm vi của bạn."})


@router.post("/activities", response={200: IdOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut})
def post_activity(request: HttpRequest, body: ActivityIn):  # type: ignore[no-untyped-def]
    """Record an activity; the figures computed from the register follow at once."""
    try:
        unit = unit_for(request.user, body.orgUnit)
    except Unit.DoesNotExist:
        return _missing(body.orgUnit)
    groups = set(body.participants) | set(body.targets)
    data = ActivityInput(
        organiser=unit,
        kind=body.kind,
        title=body.title,
        date=body.date,
        end_date=body.endDate,
        place=body.place,
        documents=body.documents,
        participants={g: Count(body.participants.get(g, 0), body.targets.get(g)) for g in groups},
    )
    try:
        activity = record_activity(by=cast(User, request.user), data=data, via="api")
    except PermissionDenied as error:
        return Status(403, {"detail": str(error)})
    except ActivityRefused as error:
        return Status(400, {"detail": str(error)})
    return {"id": activity.pk}


@router.get("/activities", response={200: ActivityPage, 400: ErrorOut, 404: ErrorOut})
def list_activities(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    orgUnit: str = "",
    period: str = "",
    kind: str = "",
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0),
):
    """Activities of the caller's subtree (or of `orgUnit`'s), by period and kind."""
    unit = None
    if orgUnit:
        try:
            unit = unit_for(request.user, orgUnit)
        except Unit.DoesNotExist:
            return _missing(orgUnit)
    span = None
    if period:
        try:
            span = parse_period_or_window(period)
        except ValueError as error:
            return Status(400, {"detail": str(error)})
    activities = queries.search(
        request.user, queries.Filters(unit=unit, kind=kind, span=span, sort="date")
    )
    page = activities[offset : offset + limit]
    return {
        "count": activities.count(),
        "items": [
            {
                "id": a.pk,
                "orgUnit": a.organiser.code,
                "kind": a.kind,
                "date": a.date,
                "endDate": a.end_date,
                "title": a.title,
                "place": a.place,
                "documents": a.documents,
                "participants": {p.group: p.count for p in a.participants.all()},
            }
            for a in page
        ],
    }
