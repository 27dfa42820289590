"""Judging a round: conflicts, assignments (automatic and by hand) and score sheets."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tongket.contests.assignment import plan_assignments
from tongket.contests.models import (
    Assignment,
    ConflictOfInterest,
    ConflictSource,
    Criterion,
    Entry,
    EntryAuthor,
    Round,
    Score,
)
from tongket.org.models import Role, Unit
from tongket.org.scope import membership_of, require

TOTAL_SCALE = Decimal(100)


class JudgingRefused(ValueError):
    """A judging change that cannot be made; the message says why, for the user."""


# ---------------------------------------------------------------------------
# Conflicts of interest


def detected_conflicts(round: Round) -> dict[tuple[int, int], str]:
    """``(entry, judge)`` pairs where the judge belongs to an author's or the submitting unit.

    The rule is the tree's: a judge whose unit lies in the subtree of the unit that
    submitted the entry, or of an author's unit, judges their own people.
    """
    judges = [
        (seat.judge_id, membership.unit)
        for seat in round.jury.select_related("judge__membership__unit")
        if (membership := membership_of(seat.judge)) is not None
    ]
    if not judges:
        return {}
    units_of: dict[int, set[Unit]] = defaultdict(set)
    for entry in round.entries().select_related("submitting_unit"):
        units_of[entry.pk].add(entry.submitting_unit)
    links = EntryAuthor.objects.filter(entry__in=round.entries()).select_related("author__unit")
    for link in links:
        units_of[link.entry_id].add(link.author.unit)
    found = {}
    for entry_id, units in units_of.items():
        for judge_id, judge_unit in judges:
            inside = [unit for unit in units if unit.contains(judge_unit)]
            if inside:
                found[(entry_id, judge_id)] = _("Giám khảo thuộc %(unit)s") % {
                    "unit": inside[0].name
                }
    return found


def conflicts_in(round: Round) -> set[tuple[int, int]]:
    """Declared and detected conflicts of the round's entries, as ``(entry, judge)``."""
    declared = ConflictOfInterest.objects.filter(entry__in=round.entries()).values_list(
        "entry_id", "judge_id"
    )
    return set(declared) | set(detected_conflicts(round))


@transaction.atomic
def declare_conflict(*, by: User, assignment: Assignment, reason: str) -> Assignment | None:
    """The judge steps back from an entry; another judge takes it when one is free.

    Returns the replacement assignment, if any.
    """
    if assignment.judge_id != by.pk:
        raise PermissionDenied
    _check_open(assignment.round)
    ConflictOfInterest.objects.update_or_create(
        entry=assignment.entry,
        judge=by,
        defaults={"source": ConflictSource.DECLARED, "reason": reason.strip()},
    )
    round, entry = assignment.round, assignment.entry
    assignment.delete()
    plan = plan_assignments(
        [entry.pk],
        list(round.jury.values_list("judge_id", flat=True)),
        round.judges_per_entry,
        conflicts=conflicts_in(round),
        existing=round.assignments.values_list("entry_id", "judge_id"),
    )
    created = [Assignment.objects.create(round=round, entry_id=e, judge_id=j) for e, j in plan.new]
    return created[0] if created else None


# ---------------------------------------------------------------------------
# Assignments


@dataclass(frozen=True)
class AssignmentSummary:
    created: int
    short: int  # entries left with fewer than k judges


@transaction.atomic
def assign_automatically(*, by: User | None, round: Round) -> AssignmentSummary:
    """Bring every entry of the round up to k judges, keeping what is already assigned."""
    if by is not None:
        require(by, Role.MANAGER, round.contest.unit)
    _check_open(round)
    detected = detected_conflicts(round)
    _record_detected(detected)
    judges = list(round.jury.order_by("judge__username").values_list("judge_id", flat=True))
    if not judges:
        raise JudgingRefused(_("Vòng thi chưa có giám khảo."))
    entries = list(round.entries().order_by("sequence").values_list("pk", flat=True))
    plan = plan_assignments(
        entries,
        judges,
        round.judges_per_entry,
        conflicts=conflicts_in(round),
        existing=round.assignments.values_list("entry_id", "judge_id"),
    )
    Assignment.objects.bulk_create(
        Assignment(round=round, entry_id=entry, judge_id=judge) for entry, judge in plan.new
    )
    return AssignmentSummary(created=len(plan.new), short=len(plan.short))


def _record_detected(detected: dict[tuple[int, int], str]) -> None:
    existing = set(
        ConflictOfInterest.objects.filter(
            entry_id__in={entry for entry, _judge in detected}
        ).values_list("entry_id", "judge_id")
    )
    ConflictOfInterest.objects.bulk_create(
        ConflictOfInterest(
            entry_id=entry, judge_id=judge, source=ConflictSource.DETECTED, reason=reason
        )
        for (entry, judge), reason in detected.items()
        if (entry, judge) not in existing
    )


@transaction.atomic
def assign(*, by: User, round: Round, entry: Entry, judge: User) -> Assignment:
    """A manager's override: this judge reads this entry."""
    require(by, Role.MANAGER, round.contest.unit)
    _check_open(round)
    if not round.jury.filter(judge=judge).exists():
        raise JudgingRefused(_("Người này không ở trong ban giám khảo của vòng."))
    if not round.entries().filter(pk=entry.pk).exists():
        raise JudgingRefused(_("Bài này không ở trong vòng thi."))
    if (entry.pk, judge.pk) in conflicts_in(round):
        raise JudgingRefused(_("Giám khảo có xung đột lợi ích với bài này."))
    assignment, created = Assignment.objects.get_or_create(
        round=round, entry=entry, judge=judge, defaults={"manual": True}
    )
    if not created:
        raise JudgingRefused(_("Giám khảo đã được phân công chấm bài này."))
    return assignment


@transaction.atomic
def unassign(*, by: User, assignment: Assignment) -> None:
    require(by, Role.MANAGER, assignment.round.contest.unit)
    _check_open(assignment.round)
    if assignment.is_submitted:
        raise JudgingRefused(_("Giám khảo đã chấm bài này; không thể bỏ phân công."))
    assignment.delete()


def _check_open(round: Round) -> None:
    if round.is_closed:
        raise JudgingRefused(_("Vòng thi đã kết thúc."))


# ---------------------------------------------------------------------------
# Score sheets


def parse_points(raw: object, criterion: Criterion) -> Decimal:
    """Points for one criterion: a number from 0 to its maximum, "," or "." as decimal mark."""
    try:
        points = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation as error:
        raise JudgingRefused(
            _("“%(criterion)s”: cần nhập một số.") % {"criterion": criterion.name}
        ) from error
    if not points.is_finite() or not 0 <= points <= criterion.max_points:
        raise JudgingRefused(
            _("“%(criterion)s”: điểm phải từ 0 đến %(max)s.")
            % {"criterion": criterion.name, "max": _plain(criterion.max_points)}
        )
    if points != points.quantize(Decimal("0.01")):
        raise JudgingRefused(
            _("“%(criterion)s”: điểm lẻ tối đa hai chữ số thập phân.")
            % {"criterion": criterion.name}
        )
    return points


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def weighted_total(points: dict[int, Decimal], criteria: list[Criterion]) -> Decimal:
    """The weighted share of the maximum, on a 100-point scale."""
    earned = sum((c.weight * points[c.pk] for c in criteria), Decimal(0))
    possible = sum((c.weight * c.max_points for c in criteria), Decimal(0))
    return (TOTAL_SCALE * earned / possible).quantize(Decimal("0.001"))


@transaction.atomic
def save_scores(
    *, by: User, assignment: Assignment, points: dict[int, object], comment: str = ""
) -> Assignment:
    """Record a judge's score sheet (all criteria at once) and comment; resubmitting replaces it.

    Raises JudgingRefused naming every criterion that is missing or out of range.
    """
    if assignment.judge_id != by.pk:
        raise PermissionDenied
    _check_open(assignment.round)
    criteria = list(assignment.round.contest.criteria.order_by("order"))
    parsed: dict[int, Decimal] = {}
    problems = []
    for criterion in criteria:
        raw = points.get(criterion.pk)
        if raw is None or str(raw).strip() == "":
            problems.append(_("“%(criterion)s”: chưa chấm.") % {"criterion": criterion.name})
            continue
        try:
            parsed[criterion.pk] = parse_points(raw, criterion)
        except JudgingRefused as refused:
            problems.append(str(refused))
    if problems:
        raise JudgingRefused(" ".join(problems))
    Score.objects.filter(assignment=assignment).delete()
    Score.objects.bulk_create(
        Score(assignment=assignment, criterion=c, points=parsed[c.pk]) for c in criteria
    )
    assignment.total = weighted_total(parsed, criteria)
    assignment.comment = comment.strip()
    assignment.submitted_at = timezone.now()
    assignment.save(update_fields=["total", "comment", "submitted_at"])
    return assignment
