"""Contests and their entries: list, set-up, intake, import, register, receipt."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tongket.contests import queries
from tongket.contests.access import (
    Access,
    contest_or_404,
    entries_visible_to,
    entry_or_404,
    submitting_units,
)
from tongket.contests.bulk_import import COLUMNS, ImportRejected, import_entries
from tongket.contests.forms import ContestForm, EntryForm
from tongket.contests.intake import EntryInput, EntryRefused, submit_entry
from tongket.contests.models import Contest, EntryFile
from tongket.contests.setup import ContestRefused, create_contest
from tongket.lib.tables import write_table
from tongket.lib.uploads import UploadError
from tongket.org.models import Role
from tongket.org.scope import has_role

PAGE_SIZE = 50
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def user_of(request: HttpRequest) -> User:
    return cast(User, request.user)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def contest_for(request: HttpRequest, pk: int, needs: str = "any") -> tuple[Contest, Access]:
    """The contest if the user may see it (404 otherwise) and holds ``needs`` (403 otherwise)."""
    contest, access = contest_or_404(request.user, pk)
    allowed = {
        "any": access.any,
        "read": access.manage or access.view,
        "entries": access.sees_entries,
        "submit": access.submit,
        "manage": access.manage,
    }[needs]
    if not allowed:
        raise PermissionDenied(_("Bạn không có quyền xem trang này của cuộc thi."))
    return contest, access


@login_required
def contest_list(request: HttpRequest) -> HttpResponse:
    tasks = queries.judge_tasks(user_of(request))
    return render(
        request,
        "contests/contest_list.html",
        {
            "contests": queries.contest_list(user_of(request)),
            "tasks": tasks,
            "pending": sum(1 for task in tasks if not task.assignment.is_submitted),
            "may_create": has_role(request.user, Role.MANAGER),
        },
    )


@login_required
def contest_create(request: HttpRequest) -> HttpResponse:
    if not has_role(request.user, Role.MANAGER):
        raise PermissionDenied
    form = ContestForm(request.POST or None, user=user_of(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contest = create_contest(by=user_of(request), **data)
        except ContestRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("Đã tạo cuộc thi."))
            return redirect("contests:contest_detail", contest.pk)
    return render(request, "contests/contest_form.html", {"form": form})


@login_required
def contest_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contest, access = contest_for(request, pk)
    if access.judge:
        return redirect("contests:judge_home")
    return render(
        request,
        "contests/contest_detail.html",
        {
            "contest": contest,
            "access": access,
            "rounds": contest.rounds.all(),
            "criteria": contest.criteria.all(),
            "entry_count": entries_visible_to(request.user, contest, access).count(),
            "children": contest.children.select_related("unit"),
        },
    )


@login_required
def entry_list(request: HttpRequest, pk: int) -> HttpResponse:
    contest, access = contest_for(request, pk, "entries")
    query = request.GET.get("q", "")
    entries = queries.searchable_entries(entries_visible_to(request.user, contest, access), query)
    page = Paginator(
        entries.select_related("submitting_unit")
        .prefetch_related("author_links__author")
        .defer("text")
        .order_by("sequence"),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    template = "contests/entry_list.html" + ("#rows" if is_htmx(request) else "")
    return render(
        request, template, {"contest": contest, "access": access, "page": page, "query": query}
    )


@login_required
def entry_create(request: HttpRequest, pk: int) -> HttpResponse:
    contest, access = contest_for(request, pk, "submit")
    form = EntryForm(
        request.POST or None,
        request.FILES or None,
        units=submitting_units(request.user, contest),
        categories=contest.categories,
    )
    if request.method == "POST" and form.is_valid():
        try:
            entry = submit_entry(by=user_of(request), contest=contest, item=_entry_input(form))
        except EntryRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request, _("Đã nhận bài, số biên nhận %(n)s.") % {"n": entry.receipt_number}
            )
            return redirect("contests:entry_receipt", entry.pk)
    return render(
        request, "contests/entry_form.html", {"contest": contest, "access": access, "form": form}
    )


def _entry_input(form: EntryForm) -> EntryInput:
    data = form.cleaned_data
    file = data.get("file")
    return EntryInput(
        title=data["title"],
        submitting_unit=data["submitting_unit"],
        authors=data["authors"],
        category=data.get("category", ""),
        text=data.get("text", ""),
        file_name=file.name if file else "",
        file_data=file.read() if file else b"",
    )


@login_required
def entry_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Files and their spreadsheet in one form; htmx swaps in the report when done."""
    contest, access = contest_for(request, pk, "submit")
    context: dict[str, object] = {"contest": contest, "access": access}
    if request.method == "POST":
        uploads = [(f.name or "", f.read()) for f in request.FILES.getlist("files")]
        table = request.FILES.get("table")
        try:
            context["report"] = import_entries(
                by=user_of(request),
                contest=contest,
                files=uploads,
                table=(table.name or "", table.read()) if table else None,
            )
        except UploadError as error:
            context["error"] = str(error)
        except ImportRejected as rejected:
            context["report"] = rejected.report
    template = "contests/entry_import.html" + ("#report" if is_htmx(request) else "")
    return render(request, template, context)


@login_required
def import_template(request: HttpRequest, pk: int) -> HttpResponse:
    """An empty list of entries with the import's columns, one example line."""
    contest, _access = contest_for(request, pk, "submit")
    example = ["bai-1.docx", "Niềm tin từ cơ sở", "Nguyễn Văn An; Trần Thị Bình", "1958; 1990"]
    example += [contest.unit.code, contest.categories[0] if contest.categories else ""]
    body = write_table(".xlsx", list(COLUMNS), [example], title="Bai du thi")
    response = HttpResponse(body, content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="danh-sach-bai-du-thi.xlsx"'
    return response


@login_required
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry, access = entry_or_404(request.user, pk)
    return render(
        request,
        "contests/entry_detail.html",
        {
            "entry": entry,
            "contest": entry.contest,
            "access": access,
            "authors": entry.author_list(),
            "events": queries.entry_history(entry),
            "file": EntryFile.objects.filter(entry=entry).only("name", "entry").first(),
            "copies": entry.forwarded_copies.select_related("contest"),
            "results": entry.results.select_related("round"),
        },
    )


@login_required
def entry_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    entry, _access = entry_or_404(request.user, pk)
    return render(
        request,
        "contests/entry_receipt.html",
        {"entry": entry, "contest": entry.contest, "authors": entry.author_list()},
    )


@login_required
def entry_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The file as submitted, for those who may see the authors anyway."""
    entry, _access = entry_or_404(request.user, pk)
    file = EntryFile.objects.filter(entry=entry).first()
    if file is None:
        raise Http404
    response = HttpResponse(bytes(file.data), content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{entry.code}.{file.suffix}"'
    return response
