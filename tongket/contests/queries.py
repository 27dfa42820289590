"""Reading contests for the pages, always for a given user or an already checked contest.

Judges' pages are built from :class:`AnonymousEntry`, never from an ``Entry``: a
template cannot show an author's name that it was never given.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import cast

from django.contrib.auth.models import User
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from tongket.contests.access import visible_contests
from tongket.contests.anonymise import name_patterns, redact
from tongket.contests.calibration import JudgeProfile
from tongket.contests.models import (
    Assignment,
    ConflictOfInterest,
    Contest,
    Criterion,
    Entry,
    EntryEvent,
    EntryFile,
    Round,
    RoundResult,
)
from tongket.contests.results import calibration_of, results_are_stale


def contest_list(user: User) -> QuerySet[Contest]:
    return (
        visible_contests(user)
        .select_related("unit")
        .annotate(entry_count=Count("entries", distinct=True))
        .order_by("-year", "name")
    )


def round_of(contest: Contest, order: int) -> Round:
    found = contest.rounds.filter(order=order).first()
    if found is None:
        raise Http404
    return found


# ---------------------------------------------------------------------------
# Judges


@dataclass(frozen=True)
class AnonymousEntry:
    code: str
    title: str
    category: str
    text: str
    has_docx: bool


def anonymous_entry(entry: Entry) -> AnonymousEntry:
    patterns = name_patterns(author.name for author in entry.author_list())
    file = EntryFile.objects.filter(entry=entry).only("name").first()
    return AnonymousEntry(
        code=entry.code,
        title=redact(entry.title, patterns),
        category=entry.category,
        text=redact(entry.text, patterns),
        has_docx=file is not None and file.suffix == "docx",
    )


@dataclass(frozen=True)
class JudgeTask:
    assignment: Assignment
    code: str
    contest: Contest
    round: Round


def judge_tasks(user: User) -> list[JudgeTask]:
    """The judge's assignments, open rounds first; entries appear by code only."""
    assignments = (
        Assignment.objects.filter(judge_id=user.pk)
        .select_related("round__contest__unit", "entry")
        .only(
            "pk",
            "submitted_at",
            "total",
            "round__name",
            "round__order",
            "round__closed_at",
            "round__contest__name",
            "round__contest__year",
            "round__contest__unit__name",
            "entry__code",
        )
        .order_by("round__closed_at", "-round__contest__year", "round__order", "entry__code")
    )
    return [JudgeTask(a, a.entry.code, a.round.contest, a.round) for a in assignments]


def judge_assignment_or_404(user: User, pk: int) -> Assignment:
    assignment = (
        Assignment.objects.select_related("round__contest", "entry")
        .filter(pk=pk, judge_id=user.pk)
        .first()
    )
    if assignment is None:
        raise Http404
    return assignment


@dataclass(frozen=True)
class SheetLine:
    criterion: Criterion
    points: str


def score_sheet(assignment: Assignment, posted: dict[int, str] | None = None) -> list[SheetLine]:
    """The rubric with the points as typed (after a refused POST) or as saved."""
    saved = {
        score.criterion_id: format(score.points.normalize(), "f")
        for score in assignment.scores.all()
    }
    values = posted if posted is not None else saved
    return [
        SheetLine(criterion, values.get(criterion.pk, ""))
        for criterion in assignment.round.contest.criteria.order_by("order")
    ]


# ---------------------------------------------------------------------------
# Managers


@dataclass
class JudgeLoad:
    judge: User
    assigned: int = 0
    submitted: int = 0


@dataclass
class EntryPanel:
    entry: Entry
    assignments: list[Assignment] = field(default_factory=list)
    conflicts: int = 0


@dataclass
class RoundOverview:
    loads: list[JudgeLoad]
    panels: list[EntryPanel]
    assigned: int
    submitted: int


def round_overview(round: Round) -> RoundOverview:
    seats = round.jury.select_related("judge").order_by("judge__first_name", "judge__username")
    loads = {seat.judge_id: JudgeLoad(seat.judge) for seat in seats}
    panels = {
        entry.pk: EntryPanel(entry)
        for entry in round.entries().select_related("submitting_unit").defer("text")
    }
    assignments = list(round.assignments.select_related("judge"))
    for assignment in assignments:
        if assignment.judge_id in loads:
            loads[assignment.judge_id].assigned += 1
            loads[assignment.judge_id].submitted += assignment.is_submitted
        if assignment.entry_id in panels:
            panels[assignment.entry_id].assignments.append(assignment)
    counted = (
        ConflictOfInterest.objects.filter(entry_id__in=panels)
        .values("entry_id")
        .annotate(n=Count("pk"))
    )
    for row in counted:
        panels[row["entry_id"]].conflicts = row["n"]
    return RoundOverview(
        loads=list(loads.values()),
        panels=list(panels.values()),
        assigned=len(assignments),
        submitted=sum(a.is_submitted for a in assignments),
    )


@dataclass
class ResultsPage:
    results: list[RoundResult]
    judges: list[tuple[User | None, JudgeProfile]]
    stale: bool
    disputed: int
    per_judge: dict[int, dict[int, object]]


def results_page(round: Round) -> ResultsPage:
    from django.contrib.auth import get_user_model

    results = list(
        round.results.select_related("entry__submitting_unit")
        .prefetch_related("entry__author_links__author")
        .defer("entry__text")
    )
    calibration = calibration_of(round)
    profiles = calibration.judges if calibration else []
    users = get_user_model().objects.in_bulk([cast(int, profile.judge) for profile in profiles])
    per_judge: dict[int, dict[int, object]] = defaultdict(dict)
    for entry_id, judge_id, total in round.assignments.filter(
        submitted_at__isnull=False
    ).values_list("entry_id", "judge_id", "total"):
        per_judge[entry_id][judge_id] = total
    return ResultsPage(
        results=results,
        judges=[(users.get(cast(int, profile.judge)), profile) for profile in profiles],
        stale=results_are_stale(round),
        disputed=sum(result.disputed for result in results),
        per_judge=dict(per_judge),
    )


def entry_history(entry: Entry) -> QuerySet[EntryEvent]:
    return entry.events.select_related("by")


def searchable_entries(entries: QuerySet[Entry], query: str) -> QuerySet[Entry]:
    query = query.strip()
    if not query:
        return entries
    return entries.filter(
        Q(code__iexact=query)
        | Q(receipt_number__icontains=query)
        | Q(title__icontains=query)
        | Q(authors__name__icontains=query)
    ).distinct()
