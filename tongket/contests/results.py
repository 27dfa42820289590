"""Results of a round, advancing to the next, forwarding up a level, and prizes.

Results are computed on request and stored, so that the ranking that decided who
advanced stays on record even if a judge later corrects a sheet; the results page
says when they are older than the latest sheet.
"""

from typing import cast

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tongket.contests.calibration import Calibration, calibrate
from tongket.contests.intake import AuthorInput, EntryInput, store_entry
from tongket.contests.models import (
    Contest,
    Entry,
    EntryEvent,
    EntryFile,
    EventKind,
    Prize,
    PrizeRank,
    Round,
    RoundResult,
)
from tongket.org.models import Role, Unit
from tongket.org.scope import require


class ResultsRefused(ValueError):
    """A results step that cannot be taken now; the message says why."""


def score_triples(round: Round) -> list[tuple[int, int, float]]:
    """``(judge, entry, total)`` of every submitted sheet, in submission order."""
    return [
        (judge, entry, float(total or 0))
        for judge, entry, total in round.assignments.filter(submitted_at__isnull=False)
        .order_by("submitted_at", "pk")
        .values_list("judge_id", "entry_id", "total")
    ]


def calibration_of(round: Round) -> Calibration | None:
    triples = score_triples(round)
    return calibrate(triples) if triples else None


@transaction.atomic
def compute_results(*, by: User | None, round: Round) -> list[RoundResult]:
    """Store every method's score, the disagreement flag and the rank of each scored entry."""
    if by is not None:
        require(by, Role.MANAGER, round.contest.unit)
    if round.is_closed:
        raise ResultsRefused(_("Vòng thi đã kết thúc; kết quả đã được chốt."))
    calibration = calibration_of(round)
    if calibration is None:
        raise ResultsRefused(_("Chưa có phiếu chấm nào được nộp."))
    order = {entry: rank for rank, entry in enumerate(calibration.ranking(round.ranking_method), 1)}
    RoundResult.objects.filter(round=round).delete()
    results = RoundResult.objects.bulk_create(
        RoundResult(
            round=round,
            entry_id=cast(int, scores.entry),
            judges=scores.count,
            raw_mean=scores.raw_mean,
            trimmed_mean=scores.trimmed_mean,
            zscore_mean=scores.zscore_mean,
            model_score=scores.model_score,
            spread=scores.spread,
            disputed=scores.disputed,
            rank=order[scores.entry],
        )
        for scores in calibration.entries
    )
    round.results_at = timezone.now()
    round.save(update_fields=["results_at"])
    return results


def results_are_stale(round: Round) -> bool:
    """Whether a sheet was submitted after the results were computed."""
    if round.results_at is None:
        return round.assignments.filter(submitted_at__isnull=False).exists()
    return round.assignments.filter(submitted_at__gt=round.results_at).exists()


def _check_results_final(round: Round) -> None:
    pending = round.assignments.filter(submitted_at__isnull=True).count()
    if pending:
        raise ResultsRefused(_("Còn %(n)s phiếu chấm chưa nộp trong vòng này.") % {"n": pending})
    if round.results_at is None or results_are_stale(round):
        raise ResultsRefused(_("Hãy tính lại kết quả với các phiếu chấm mới nhất trước."))


@transaction.atomic
def advance(*, by: User | None, round: Round, count: int | None = None) -> list[Entry]:
    """The best ``count`` entries (the round's setting by default) go on; the round closes."""
    if by is not None:
        require(by, Role.MANAGER, round.contest.unit)
    if round.is_closed:
        raise ResultsRefused(_("Vòng thi đã kết thúc."))
    following = round.next_round()
    if following is None:
        raise ResultsRefused(_("Đây là vòng cuối; hãy trao giải hoặc gửi bài lên cấp trên."))
    if following.assignments.exists():
        raise ResultsRefused(_("Vòng sau đã được phân công chấm."))
    count = count if count is not None else round.advance_count
    if not count or count < 1:
        raise ResultsRefused(_("Cần số bài vào vòng sau."))
    _check_results_final(round)
    best = list(round.results.filter(rank__lte=count).select_related("entry"))
    round.entries().update(reached=round.order)
    chosen = [result.entry for result in best]
    Entry.objects.filter(pk__in=[entry.pk for entry in chosen]).update(reached=following.order)
    round.results.update(advanced=False)
    round.results.filter(pk__in=[result.pk for result in best]).update(advanced=True)
    now = timezone.now()
    EntryEvent.objects.bulk_create(
        EntryEvent(
            entry=entry,
            at=now,
            by=by,
            kind=EventKind.ADVANCED,
            contest_name=str(round.contest),
            note=_("Từ %(round)s vào %(next)s") % {"round": round.name, "next": following.name},
        )
        for entry in chosen
    )
    round.closed_at = now
    round.save(update_fields=["closed_at"])
    return chosen


@transaction.atomic
def forward_best(*, by: User | None, round: Round, count: int) -> list[Entry]:
    """Send the best ``count`` entries of the final round to the parent contest."""
    contest = round.contest
    if by is not None:
        require(by, Role.MANAGER, contest.unit)
    if contest.parent is None:
        raise ResultsRefused(_("Cuộc thi không có cuộc thi cấp trên."))
    if round.next_round() is not None:
        raise ResultsRefused(_("Chỉ gửi lên cấp trên các bài của vòng cuối."))
    if count < 1:
        raise ResultsRefused(_("Cần số bài gửi lên cấp trên."))
    _check_results_final(round)
    best = round.results.filter(rank__lte=count).select_related("entry").order_by("rank")
    copies = [
        forward_entry(by=by, entry=result.entry, target=contest.parent)
        for result in best
        if not result.entry.forwarded_copies.filter(contest=contest.parent).exists()
    ]
    if round.closed_at is None:
        round.closed_at = timezone.now()
        round.save(update_fields=["closed_at"])
    return copies


def forward_entry(*, by: User | None, entry: Entry, target: Contest) -> Entry:
    """A copy of ``entry`` in ``target`` that carries the entry's history with it."""
    source = entry.contest
    file = EntryFile.objects.filter(entry=entry).first()
    item = EntryInput(
        title=entry.title,
        submitting_unit=entry.submitting_unit,
        authors=[AuthorInput(a.name, a.birth_year, a.unit) for a in entry.author_list()],
        category=entry.category
        if not target.categories or entry.category in target.categories
        else "",
        file_name=file.name if file else "",
        file_data=bytes(file.data) if file else b"",
    )
    now = timezone.now()
    copy = store_entry(
        by=by,
        contest=target,
        item=item,
        text=entry.text,
        received_at=now,
        kind=EventKind.FORWARDED_IN,
        forwarded_from=entry,
        fingerprint=bytes(entry.fingerprint.data),
    )
    first_event = copy.events.get()
    first_event.note = _("Từ %(contest)s, mã %(code)s, số biên nhận %(receipt)s") % {
        "contest": source,
        "code": entry.code,
        "receipt": entry.receipt_number,
    }
    first_event.save(update_fields=["note"])
    EntryEvent.objects.bulk_create(
        EntryEvent(
            entry=copy,
            at=event.at,
            by_id=event.by_id,
            kind=event.kind,
            contest_name=event.contest_name,
            note=event.note,
        )
        for event in entry.events.all()
    )
    EntryEvent.objects.create(
        entry=entry,
        at=now,
        by=by,
        kind=EventKind.FORWARDED_OUT,
        contest_name=str(source),
        note=_("Sang %(contest)s, mã %(code)s") % {"contest": target, "code": copy.code},
    )
    return copy


@transaction.atomic
def award_prize(
    *,
    by: User | None,
    contest: Contest,
    rank: str,
    category: str = "",
    entry: Entry | None = None,
    collective: Unit | None = None,
    note: str = "",
) -> Prize:
    if by is not None:
        require(by, Role.MANAGER, contest.unit)
    if rank not in PrizeRank.values:
        raise ResultsRefused(_("Không có loại giải này."))
    if (entry is None) == (collective is None):
        raise ResultsRefused(_("Giải trao cho một bài dự thi hoặc cho một tập thể."))
    if entry is not None:
        if entry.contest_id != contest.pk:
            raise ResultsRefused(_("Bài này không thuộc cuộc thi."))
        if contest.prizes.filter(entry=entry).exists():
            raise ResultsRefused(_("Bài này đã có giải."))
        category = category or entry.category
    if collective is not None and not contest.unit.contains(collective):
        raise ResultsRefused(_("Tập thể không thuộc phạm vi cuộc thi."))
    prize = Prize.objects.create(
        contest=contest,
        rank=rank,
        category=category,
        entry=entry,
        collective=collective,
        note=note,
        awarded_by=by,
    )
    if entry is not None:
        EntryEvent.objects.create(
            entry=entry,
            at=timezone.now(),
            by=by,
            kind=EventKind.AWARDED,
            contest_name=str(contest),
            note=prize.get_rank_display(),
        )
    return prize


@transaction.atomic
def withdraw_prize(*, by: User, prize: Prize) -> None:
    require(by, Role.MANAGER, prize.contest.unit)
    prize.delete()
