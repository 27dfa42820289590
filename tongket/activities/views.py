from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tongket.activities import actions, exchange, queries
from tongket.activities.forms import (
    ActivityForm,
    AttachmentForm,
    FilterForm,
    FollowUpForm,
    FollowUpStatusForm,
    ImportForm,
    InspectedPersonForm,
    initial_from,
)
from tongket.activities.models import Activity, ActivityKind, FollowUp
from tongket.core.periods import parse_period_or_window
from tongket.lib.clock import today
from tongket.lib.tables import write_table
from tongket.lib.uploads import UploadError
from tongket.org.models import Role, Unit
from tongket.org.scope import has_role, scope_of, unit_for

PAGE_SIZE = 25
EXPORT_TYPES = {
    "csv": ("text/csv; charset=utf-8", ".csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
}


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _activity_or_404(request: HttpRequest, pk: int) -> Activity:
    try:
        return queries.activity_for(request.user, pk)
    except Activity.DoesNotExist as missing:
        raise Http404(_("Không có hoạt động này trong phạm vi của bạn.")) from missing


def _unit_or_404(request: HttpRequest, code: str) -> Unit:
    try:
        return unit_for(request.user, code)
    except Unit.DoesNotExist as missing:
        raise Http404(_("Không có đơn vị này trong phạm vi của bạn.")) from missing


def _filters(request: HttpRequest) -> tuple[FilterForm, queries.Filters, str]:
    """The list's filters from the query string; a unit outside the subtree is a 404."""
    form = FilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    unit = _unit_or_404(request, data["unit"].strip()) if data.get("unit", "").strip() else None
    span, problem = None, ""
    if data.get("period", "").strip():
        try:
            span = parse_period_or_window(data["period"].strip())
        except ValueError as error:
            problem = str(error)
    filters = queries.Filters(
        unit=unit,
        own_only=bool(data.get("own")) and unit is not None,
        kind=data.get("kind") or "",
        document=data.get("document", ""),
        span=span,
        query=data.get("q", ""),
        sort=data.get("sort") or "-date",
    )
    return form, filters, problem


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    if scope_of(request.user) is None:
        raise Http404
    form, filters, problem = _filters(request)
    page = Paginator(queries.search(request.user, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "filters": filters,
        "problem": problem,
        "page": page,
        "may_record": has_role(request.user, Role.REPORTER),
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results":
        return render(request, "activities/list.html#results", context)
    return render(request, "activities/list.html", context)


@login_required
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_TYPES or scope_of(request.user) is None:
        raise Http404
    _form, filters, _problem = _filters(request)
    groups = list(actions.participant_groups())
    content_type, suffix = EXPORT_TYPES[fmt]
    activities = queries.search(request.user, filters)
    body = write_table(
        suffix,
        exchange.columns(groups),
        exchange.export_rows(activities, groups),
        title="hoat-dong",
    )
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="hoat-dong{suffix}"'
    return response


@login_required
def calendar_page(request: HttpRequest) -> HttpResponse:
    if scope_of(request.user) is None:
        raise Http404
    day = today()
    try:
        year = int(request.GET.get("year", day.year))
        month = int(request.GET.get("month", day.month))
        if not (1 <= month <= 12 and 1900 <= year <= 2200):
            raise ValueError
    except ValueError:
        raise Http404 from None
    _form, filters, _problem = _filters(request)
    previous = (year - 1, 12) if month == 1 else (year, month - 1)
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    context = {
        "weeks": queries.month_calendar(request.user, year, month, filters),
        "year": year,
        "month": month,
        "previous": previous,
        "following": following,
        "filters": filters,
        "kinds": ActivityKind.choices,
    }
    return render(request, "activities/calendar.html", context)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity_or_404(request, pk)
    groups = actions.participant_groups()
    may_edit = _may_edit(request, activity)
    context = {
        "activity": activity,
        "groups": groups,
        "participants": [(groups.get(p.group, p.group), p) for p in activity.participants.all()],
        "may_edit": may_edit,
        "attachment_form": AttachmentForm(),
        "person_form": InspectedPersonForm(),
        "follow_up_form": FollowUpForm(),
        "statuses": FollowUpStatusForm.base_fields["status"].choices,  # type: ignore[attr-defined]
    }
    return render(request, "activities/detail.html", context)


def _may_edit(request: HttpRequest, activity: Activity) -> bool:
    try:
        actions.check_can_record(_user(request), activity.organiser)
    except PermissionDenied:
        return False
    return True


def _save(request: HttpRequest, activity: Activity | None) -> HttpResponse:
    groups = actions.participant_groups()
    initial = initial_from(activity) if activity else {"date": today()}
    form = ActivityForm(request.POST or None, user=request.user, groups=groups, initial=initial)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            if activity is None:
                saved = actions.record_activity(by=_user(request), data=form.to_input())
            else:
                saved = actions.update_activity(
                    by=_user(request), activity=activity, data=form.to_input()
                )
        except actions.ActivityRefused as error:
            errors = [str(error)]
        else:
            messages.success(request, _("Đã ghi “%(title)s”.") % {"title": saved.title})
            return redirect("activities:detail", pk=saved.pk)
    return render(
        request, "activities/form.html", {"form": form, "errors": errors, "activity": activity}
    )


@login_required
def create(request: HttpRequest) -> HttpResponse:
    if not has_role(request.user, Role.REPORTER):
        raise PermissionDenied(_("Bạn cần vai trò cán bộ báo cáo để ghi hoạt động."))
    return _save(request, None)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity_or_404(request, pk)
    actions.check_can_record(_user(request), activity.organiser)
    return _save(request, activity)


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity_or_404(request, pk)
    actions.delete_activity(by=_user(request), activity=activity)
    messages.success(request, _("Đã xóa hoạt động."))
    return redirect("activities:list")


@login_required
@require_POST
def attach(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity_or_404(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            actions.attach_file(
                by=_user(request),
                activity=activity,
                kind=form.cleaned_data["kind"],
                name=upload.name,
                data=upload.read(),
            )
        except UploadError as error:
            messages.error(request, str(error))
    else:
        messages.error(request, _("Chọn loại tài liệu và tệp."))
    return redirect("activities:detail", pk=activity.pk)


@login_required
def download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    activity = _activity_or_404(request, pk)
    attachment = activity.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@login_required
@require_POST
def add_person(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity_or_404(request, pk)
    form = InspectedPersonForm(request.POST)
    if form.is_valid():
        unit = _unit_or_404(request, form.cleaned_data["unit"].strip())
        actions.add_inspected_person(
            by=_user(request), activity=activity, unit=unit, role=form.cleaned_data["role"]
        )
    return redirect("activities:detail", pk=activity.pk)


@login_required
@require_POST
def add_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity_or_404(request, pk)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        code = form.cleaned_data["responsible"].strip()
        try:
            actions.add_follow_up(
                by=_user(request),
                activity=activity,
                action=form.cleaned_data["action"],
                due=form.cleaned_data["due"],
                responsible=_unit_or_404(request, code) if code else None,
            )
        except actions.ActivityRefused as error:
            messages.error(request, str(error))
    else:
        messages.error(request, _("Ghi việc cần làm và hạn."))
    return redirect("activities:detail", pk=activity.pk)


@login_required
@require_POST
def follow_up_status(request: HttpRequest, pk: int, follow_up_pk: int) -> HttpResponse:
    activity = _activity_or_404(request, pk)
    follow_up = (
        FollowUp.objects.filter(activity=activity, pk=follow_up_pk)
        .select_related("activity__organiser")
        .first()
    )
    form = FollowUpStatusForm(request.POST)
    if follow_up is None or not form.is_valid():
        raise Http404
    actions.set_follow_up_status(
        by=_user(request), follow_up=follow_up, status=form.cleaned_data["status"]
    )
    return redirect("activities:detail", pk=activity.pk)


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    if not has_role(request.user, Role.REPORTER):
        raise PermissionDenied(_("Bạn cần vai trò cán bộ báo cáo để nhập hoạt động."))
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            created = exchange.import_activities(
                by=_user(request), name=upload.name, data=upload.read()
            )
        except exchange.ActivitiesRejected as rejected:
            errors = rejected.errors
        except UploadError as error:
            errors = [str(error)]
        else:
            messages.success(request, _("Đã nhập %(n)s hoạt động.") % {"n": len(created)})
            return redirect("activities:list")
    return render(request, "activities/import.html", {"form": form, "errors": errors})


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    if scope_of(request.user) is None:
        raise Http404
    groups = list(actions.participant_groups())
    membership_unit = scope_of(request.user)
    assert membership_unit is not None
    example = [
        [
            membership_unit.code,
            "training",
            today().isoformat(),
            "",
            "Lớp tập huấn …",
            "",
            "35-NQ/TW",
            "",
        ]
    ]
    example[0] += ["" for _code in groups for _ in range(2)]
    body = write_table(".xlsx", exchange.columns(groups), example, title="hoat-dong")
    response = HttpResponse(body, content_type=EXPORT_TYPES["xlsx"][0])
    response["Content-Disposition"] = 'attachment; filename="mau-hoat-dong.xlsx"'
    return response
