"""Running a round: its jury, the assignments (automatic, then by hand)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tongket.contests import queries
from tongket.contests.judging import JudgingRefused, assign, assign_automatically, unassign
from tongket.contests.models import Assignment
from tongket.contests.setup import ContestRefused, eligible_judges, set_jury
from tongket.contests.views import contest_for, user_of


@login_required
def round_detail(request: HttpRequest, pk: int, order: int) -> HttpResponse:
    contest, access = contest_for(request, pk, "read")
    round = queries.round_of(contest, order)
    jury = set(round.jury.values_list("judge_id", flat=True))
    return render(
        request,
        "contests/round_detail.html",
        {
            "contest": contest,
            "round": round,
            "access": access,
            "overview": queries.round_overview(round),
            "candidates": eligible_judges(user_of(request), contest) if access.manage else [],
            "jury": jury,
        },
    )


@login_required
@require_POST
def round_jury(request: HttpRequest, pk: int, order: int) -> HttpResponse:
    contest, _access = contest_for(request, pk, "manage")
    round = queries.round_of(contest, order)
    ids = [int(value) for value in request.POST.getlist("judges") if value.isdigit()]
    judges = list(get_user_model().objects.filter(pk__in=ids))
    try:
        set_jury(by=user_of(request), round=round, judges=judges)
        messages.success(request, _("Đã cập nhật ban giám khảo: %(n)s người.") % {"n": len(judges)})
    except ContestRefused as refused:
        messages.error(request, str(refused))
    return redirect("contests:round_detail", contest.pk, round.order)


@login_required
@require_POST
def round_assign(request: HttpRequest, pk: int, order: int) -> HttpResponse:
    contest, _access = contest_for(request, pk, "manage")
    round = queries.round_of(contest, order)
    try:
        summary = assign_automatically(by=user_of(request), round=round)
        messages.success(request, _("Đã phân công thêm %(n)s lượt chấm.") % {"n": summary.created})
        if summary.short:
            messages.error(
                request,
                _("%(n)s bài chưa đủ giám khảo (xung đột lợi ích hoặc ban giám khảo quá ít).")
                % {"n": summary.short},
            )
    except JudgingRefused as refused:
        messages.error(request, str(refused))
    return redirect("contests:round_detail", contest.pk, round.order)


@login_required
@require_POST
def assignment_add(request: HttpRequest, pk: int, order: int) -> HttpResponse:
    """The manager's override: one more judge for one entry."""
    contest, _access = contest_for(request, pk, "manage")
    round = queries.round_of(contest, order)
    entry = contest.entries.filter(code=request.POST.get("code", "").strip().upper()).first()
    judge_id = request.POST.get("judge", "")
    judge = round.jury.filter(judge_id=int(judge_id)).first() if judge_id.isdigit() else None
    if entry is None or judge is None:
        messages.error(request, _("Không tìm thấy bài hoặc giám khảo."))
    else:
        try:
            assign(by=user_of(request), round=round, entry=entry, judge=judge.judge)
            messages.success(request, _("Đã phân công bài %(code)s.") % {"code": entry.code})
        except JudgingRefused as refused:
            messages.error(request, str(refused))
    return redirect("contests:round_detail", contest.pk, round.order)


@login_required
@require_POST
def assignment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(Assignment.objects.select_related("round__contest"), pk=pk)
    contest, _access = contest_for(request, assignment.round.contest_id, "manage")
    try:
        unassign(by=user_of(request), assignment=assignment)
        messages.success(request, _("Đã bỏ phân công."))
    except JudgingRefused as refused:
        messages.error(request, str(refused))
    return redirect("contests:round_detail", contest.pk, assignment.round.order)
