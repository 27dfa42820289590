"""What a review says about the register: counts and coverage by kind, and the list of
thematic conferences for the annex.

Coverage of a group is summed over the units that organised study sessions: for each
unit, its latest session with a group size recorded (min(participants, size) of size),
the same "latest per unit" rule as stock indicators, so that a cadre who studied in
2019 and again in 2023 is counted once.
"""

from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from tongket.activities.models import Activity, ActivityKind, ActivityQuerySet, Participation
from tongket.lib.contributions import ReviewPart, ReviewScope
from tongket.lib.numbers import vn_number
from tongket.org.models import Unit
from tongket.programmes.models import CategoryOption

KINDS_IN_ORDER = [
    ActivityKind.STUDY,
    ActivityKind.TRAINING,
    ActivityKind.CONFERENCE,
    ActivityKind.INSPECTION,
    ActivityKind.OTHER,
]


def _in_scope(scope: ReviewScope) -> ActivityQuerySet:
    return Activity.objects.filter(organiser__in=Unit.objects.within(scope.unit)).between(
        scope.start, scope.end
    )


def coverage(scope: ReviewScope, kind: str = ActivityKind.STUDY) -> dict[str, tuple[int, int]]:
    """Group code → (people reached, group size) over the scope's units."""
    rows = (
        Participation.objects.filter(
            activity__in=_in_scope(scope).filter(kind=kind), target__isnull=False
        )
        .select_related("activity")
        .order_by("activity__organiser_id", "group", "-activity__date", "-activity_id")
    )
    latest: dict[tuple[int, str], Participation] = {}
    for row in rows:
        latest.setdefault((row.activity.organiser_id, row.group), row)
    totals: dict[str, tuple[int, int]] = {}
    for (_unit, group), row in latest.items():
        reached, size = totals.get(group, (0, 0))
        target = row.target or 0
        totals[group] = (reached + min(row.count, target), size + target)
    return totals


def review_part(scope: ReviewScope) -> ReviewPart | None:
    activities = _in_scope(scope)
    counts = _counts(activities)
    if not counts:
        return None
    participants = _participants(activities)
    part = ReviewPart()
    for kind in KINDS_IN_ORDER:
        if kind not in counts:
            continue
        numbers = {
            "kind": kind.label,
            "count": vn_number(counts[kind]),
            "people": vn_number(participants.get(kind, 0)),
        }
        part.paragraphs.append(
            _("%(kind)s: %(count)s hoạt động, %(people)s lượt người tham gia.") % numbers
            if participants.get(kind)
            else _("%(kind)s: %(count)s hoạt động.") % numbers
        )
    names = dict(CategoryOption.objects.values_list("code", "name"))
    for group, (reached, size) in sorted(coverage(scope).items()):
        if size:
            part.paragraphs.append(
                _("%(reached)s/%(size)s %(group)s đã học tập, quán triệt (%(share)s%%).")
                % {
                    "reached": vn_number(reached),
                    "size": vn_number(size),
                    "group": names.get(group, group).lower(),
                    "share": vn_number(Decimal(reached * 100) / Decimal(size)),
                }
            )
    conferences = activities.filter(kind=ActivityKind.CONFERENCE).select_related("organiser")
    if conferences:
        part.annex_title = _("Các hội nghị, hội thảo chuyên đề")
        part.annex_header = [
            _("Ngày"),
            _("Tên hội nghị"),
            _("Đơn vị tổ chức"),
            _("Văn bản"),
            _("Số người tham gia"),
        ]
        part.annex_rows = [
            [
                f"{c.date:%d/%m/%Y}",
                c.title,
                c.organiser.name,
                ", ".join(c.documents),
                vn_number(sum(p.count for p in c.participants.all())),
            ]
            for c in conferences.order_by("date", "pk").prefetch_related("participants")
        ]
    return part


def _counts(activities: ActivityQuerySet) -> dict[str, int]:
    rows = activities.values("kind").annotate(n=Count("pk")).order_by()
    return {row["kind"]: row["n"] for row in rows}


def _participants(activities: ActivityQuerySet) -> dict[str, int]:
    rows = (
        Participation.objects.filter(activity__in=activities)
        .values("activity__kind")
        .annotate(total=Sum("count"))
        .order_by()
    )
    return {row["activity__kind"]: row["total"] or 0 for row in rows}
