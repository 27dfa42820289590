"""Results, advancing and forwarding, prizes, statistics and near-duplicates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tongket.contests import duplicates, queries
from tongket.contests.access import entry_or_404
from tongket.contests.forms import PrizeForm
from tongket.contests.models import Contest, Prize, PrizeRank
from tongket.contests.results import (
    ResultsRefused,
    advance,
    award_prize,
    compute_results,
    forward_best,
    withdraw_prize,
)
from tongket.contests.statistics import contest_statistics, statistics_workbook
from tongket.contests.views import XLSX_TYPE, contest_for, user_of
from tongket.org.models import Unit
from tongket.org.scope import unit_for

RANK_ORDER = {rank: index for index, rank in enumerate(PrizeRank.values)}


@login_required
def results(request: HttpRequest, pk: int, order: int) -> HttpResponse:
    contest, access = contest_for(request, pk, "read")
    round = queries.round_of(contest, order)
    return render(
        request,
        "contests/results.html",
        {
            "contest": contest,
            "round": round,
            "access": access,
            "page": queries.results_page(round),
            "next_round": round.next_round(),
        },
    )


@login_required
@require_POST
def results_step(request: HttpRequest, pk: int, order: int, step: str) -> HttpResponse:
    """Compute the results, advance the best to the next round, or forward them up."""
    contest, _access = contest_for(request, pk, "manage")
    round = queries.round_of(contest, order)
    count = int(request.POST.get("count") or 0) if request.POST.get("count", "").isdigit() else None
    try:
        if step == "compute":
            found = compute_results(by=user_of(request), round=round)
            messages.success(request, _("Đã tính kết quả của %(n)s bài.") % {"n": len(found)})
        elif step == "advance":
            moved = advance(by=user_of(request), round=round, count=count)
            messages.success(request, _("%(n)s bài vào vòng sau.") % {"n": len(moved)})
        elif step == "forward":
            sent = forward_best(by=user_of(request), round=round, count=count or 0)
            messages.success(
                request, _("Đã gửi %(n)s bài lên cuộc thi cấp trên.") % {"n": len(sent)}
            )
        else:
            raise Http404
    except ResultsRefused as refused:
        messages.error(request, str(refused))
    return redirect("contests:results", contest.pk, round.order)


@login_required
def prizes(request: HttpRequest, pk: int) -> HttpResponse:
    contest, access = contest_for(request, pk, "manage" if request.method == "POST" else "read")
    form = PrizeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _award(request, contest, form.cleaned_data)
            return redirect("contests:prizes", contest.pk)
        except ResultsRefused as refused:
            form.add_error(None, str(refused))
    awarded = sorted(
        contest.prizes.select_related("entry", "collective"),
        key=lambda prize: (prize.category, RANK_ORDER[prize.rank], prize.pk),
    )
    return render(
        request,
        "contests/prizes.html",
        {"contest": contest, "access": access, "form": form, "prizes": awarded},
    )


def _award(request: HttpRequest, contest: Contest, data: dict[str, str]) -> None:
    entry = (
        contest.entries.filter(code=data["entry_code"].strip().upper()).first()
        if data["entry_code"]
        else None
    )
    collective = None
    if data["unit_code"]:
        try:
            collective = unit_for(request.user, data["unit_code"].strip())
        except Unit.DoesNotExist as missing:
            raise ResultsRefused(_("Không có đơn vị này trong phạm vi của bạn.")) from missing
    if data["entry_code"] and entry is None:
        raise ResultsRefused(_("Không có bài mã %(code)s.") % {"code": data["entry_code"]})
    award_prize(
        by=user_of(request),
        contest=contest,
        rank=data["rank"],
        category=data["category"],
        entry=entry,
        collective=collective,
        note=data["note"],
    )
    messages.success(request, _("Đã trao giải."))


@login_required
@require_POST
def prize_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    prize = get_object_or_404(Prize, pk=pk)
    contest, _access = contest_for(request, prize.contest_id, "manage")
    withdraw_prize(by=user_of(request), prize=prize)
    messages.success(request, _("Đã hủy giải."))
    return redirect("contests:prizes", contest.pk)


@login_required
def statistics(request: HttpRequest, pk: int) -> HttpResponse:
    contest, access = contest_for(request, pk, "read")
    return render(
        request,
        "contests/statistics.html",
        {"contest": contest, "access": access, "stats": contest_statistics(contest)},
    )


@login_required
def statistics_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    contest, _access = contest_for(request, pk, "read")
    body = statistics_workbook(contest, contest_statistics(contest))
    response = HttpResponse(body, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="cuoc-thi-{contest.pk}-thong-ke.xlsx"'
    return response


@login_required
def duplicate_list(request: HttpRequest, pk: int) -> HttpResponse:
    contest, access = contest_for(request, pk, "read")
    return render(
        request,
        "contests/duplicates.html",
        {
            "contest": contest,
            "access": access,
            "within": duplicates.duplicates_in(contest),
            "earlier": duplicates.duplicates_of_earlier(user_of(request), contest),
        },
    )


@login_required
def duplicate_pair(request: HttpRequest, pk: int, a: int, b: int) -> HttpResponse:
    """Two entries side by side, the passages they share highlighted and numbered alike."""
    contest, _access = contest_for(request, pk, "read")
    first, _a = entry_or_404(request.user, a)
    second, _b = entry_or_404(request.user, b)
    if contest.pk not in (first.contest_id, second.contest_id):
        raise Http404
    left, right, count = duplicates.side_by_side(first.text, second.text)
    return render(
        request,
        "contests/duplicate_pair.html",
        {
            "contest": contest,
            "a": first,
            "b": second,
            "left": left,
            "right": right,
            "count": count,
            "percent": 100 * duplicates.similarity_of(first, second),
        },
    )
