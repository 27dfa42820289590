"""A judge's pages: their assignments, an anonymous entry with its score sheet.

Everything here is reached through the judge's own assignment; the entry reaches
the template only as an ``AnonymousEntry``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tongket.contests import queries
from tongket.contests.anonymise import anonymise_docx
from tongket.contests.judging import JudgingRefused, declare_conflict, save_scores
from tongket.contests.models import EntryFile
from tongket.contests.views import is_htmx, user_of

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def judge_home(request: HttpRequest) -> HttpResponse:
    tasks = queries.judge_tasks(user_of(request))
    return render(
        request,
        "contests/judge_home.html",
        {"tasks": tasks, "pending": sum(1 for t in tasks if not t.assignment.is_submitted)},
    )


@login_required
def judge_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """The anonymous entry and the rubric; a POST saves the sheet (htmx swaps the form)."""
    assignment = queries.judge_assignment_or_404(user_of(request), pk)
    error, posted = "", None
    if request.method == "POST":
        criteria = assignment.round.contest.criteria.all()
        posted = {c.pk: request.POST.get(f"criterion-{c.pk}", "") for c in criteria}
        try:
            save_scores(
                by=user_of(request),
                assignment=assignment,
                points=dict(posted),
                comment=request.POST.get("comment", ""),
            )
        except JudgingRefused as refused:
            error = str(refused)
        else:
            if not is_htmx(request):
                messages.success(request, _("Đã lưu phiếu chấm."))
                return redirect("contests:judge_entry", pk)
            posted = None
    context = {
        "assignment": assignment,
        "round": assignment.round,
        "contest": assignment.round.contest,
        "entry": queries.anonymous_entry(assignment.entry),
        "sheet": queries.score_sheet(assignment, posted),
        "error": error,
        "comment": request.POST.get("comment", assignment.comment),
    }
    if is_htmx(request):  # htmx swaps only successful responses, refusals included
        return render(request, "contests/judge_entry.html#sheet", context)
    return render(request, "contests/judge_entry.html", context, status=422 if error else 200)


@login_required
def judge_document(request: HttpRequest, pk: int) -> HttpResponse:
    """The DOCX rewritten without the authors, the only file a judge can download."""
    assignment = queries.judge_assignment_or_404(user_of(request), pk)
    file = EntryFile.objects.filter(entry=assignment.entry).first()
    if file is None or file.suffix != "docx":
        raise Http404
    names = [author.name for author in assignment.entry.author_list()]
    response = HttpResponse(anonymise_docx(bytes(file.data), names), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{assignment.entry.code}.docx"'
    return response


@login_required
@require_POST
def judge_conflict(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = queries.judge_assignment_or_404(user_of(request), pk)
    code = assignment.entry.code
    try:
        declare_conflict(
            by=user_of(request), assignment=assignment, reason=request.POST.get("reason", "")
        )
    except JudgingRefused as refused:
        messages.error(request, str(refused))
        return redirect("contests:judge_entry", pk)
    except PermissionDenied:
        raise Http404 from None
    messages.success(
        request,
        _("Đã ghi nhận xung đột lợi ích; bài %(code)s được chuyển cho giám khảo khác.")
        % {"code": code},
    )
    return redirect("contests:judge_home")
