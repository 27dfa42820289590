from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tongket.core.periods import Period
from tongket.lib.tables import write_table
from tongket.lib.uploads import UploadError
from tongket.org.models import Role, Unit
from tongket.org.scope import can, membership_of, unit_for
from tongket.programmes.models import Indicator
from tongket.reporting import queries
from tongket.reporting.actions import (
    ValueRefused,
    ValuesRejected,
    approve_report,
    check_can_enter,
    return_report,
    save_value,
    submit_report,
)
from tongket.reporting.exchange import import_values_file
from tongket.reporting.models import DataValue, ReportForm, Submission
from tongket.reporting.templates_xlsx import TEMPLATE_COLUMNS, template_rows

CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _report(
    request: HttpRequest, form_code: str, unit_code: str, period: str
) -> tuple[ReportForm, Unit, Period]:
    """The form, a visible unit and a well-formed period of the URL, or 404."""
    form = get_object_or_404(ReportForm, code=form_code)
    try:
        unit = unit_for(request.user, unit_code)
        parsed = Period.parse(period)
    except (Unit.DoesNotExist, ValueError) as missing:
        raise Http404(str(missing)) from missing
    if parsed.type != form.period_kind:
        raise Http404(_("Kỳ %(period)s không hợp với biểu mẫu này.") % {"period": period})
    return form, unit, parsed


@login_required
def index(request: HttpRequest) -> HttpResponse:
    membership = membership_of(request.user)
    if membership is None:
        raise PermissionDenied
    unit = membership.unit
    forms = [(form, queries.recent_periods(form, count=6)) for form in queries.forms_for(unit)]
    statuses = {
        (s.form_id, s.period): s
        for s in Submission.objects.filter(unit=unit, form__in=[f for f, _p in forms])
    }
    rows = [
        (form, [(p, statuses.get((form.pk, p.id))) for p in periods]) for form, periods in forms
    ]
    overview = [
        (form, queries.latest_ended_period(form.period_kind))
        for form in ReportForm.objects.order_by("name")
    ]
    return render(
        request,
        "reporting/index.html",
        {
            "unit": unit,
            "rows": rows,
            "overview": overview,
            "awaiting": queries.awaiting_decision(_user(request))[:50],
            "is_manager": membership.has_role(Role.APPROVER),
        },
    )


@login_required
def entry(request: HttpRequest, form_code: str, unit_code: str, period: str) -> HttpResponse:
    form, unit, parsed = _report(request, form_code, unit_code, period)
    submission = Submission.objects.filter(form=form, unit=unit, period=parsed.id).first()
    may_enter = _may_enter(request, unit, form) and not (submission and submission.is_locked)
    return render(
        request,
        "reporting/entry.html",
        {
            "form": form,
            "unit": unit,
            "period": parsed,
            "submission": submission,
            "rows": queries.entry_grid(form, unit, parsed),
            "may_enter": may_enter,
            "violations": queries.violations(form, unit, parsed),
            "may_decide": submission is not None
            and unit.parent is not None
            and can(request.user, Role.APPROVER, unit.parent),
            "due": form.due_date(parsed),
            "assigned": form.is_assigned_to(unit),
            "events": submission.events.select_related("by") if submission else [],
        },
    )


def _may_enter(request: HttpRequest, unit: Unit, form: ReportForm) -> bool:
    try:
        check_can_enter(_user(request), unit, form)
    except PermissionDenied:
        return False
    return True


@login_required
@require_POST
def save(request: HttpRequest, form_code: str, unit_code: str, period: str) -> HttpResponse:
    """Save one cell as the user types (htmx); answers the cell's status and the checks."""
    form, unit, parsed = _report(request, form_code, unit_code, period)
    indicator = get_object_or_404(Indicator, code=request.POST.get("indicator", ""), forms=form)
    option = request.POST.get("option", "")
    error, value = "", None
    try:
        value, _created = save_value(
            by=_user(request),
            unit=unit,
            indicator=indicator,
            period=parsed.id,
            raw=request.POST.get("value", ""),
            option=option,
            form=form,
        )
    except (ValueRefused, PermissionDenied) as refused:
        error = str(refused)
    template = "reporting/entry.html#" + ("cellstatus" if request.POST.get("compact") else "saved")
    return render(
        request,
        template,
        {
            "error": error,
            "value": value,
            "form": form,
            "unit": unit,
            "period": parsed,
            "key": indicator.code + (f".{option}" if option else ""),
            "rows": queries.entry_grid(form, unit, parsed),
            "violations": queries.violations(form, unit, parsed),
        },
        status=200 if not error else 422,
    )


@login_required
def children_entry(
    request: HttpRequest, form_code: str, unit_code: str, period: str
) -> HttpResponse:
    """A parent enters for the units below it: one row per unit, one column per figure."""
    form, unit, parsed = _report(request, form_code, unit_code, period)
    units = [u for u in queries.reporting_units(form, unit, parsed) if u != unit]
    page = Paginator(units, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "reporting/children_entry.html",
        {
            "form": form,
            "unit": unit,
            "period": parsed,
            "page": page,
            "columns": queries.entry_columns(form),
            "rows": queries.children_grid(form, list(page.object_list), parsed, _user(request)),
        },
    )


@login_required
@require_POST
def submit(request: HttpRequest, form_code: str, unit_code: str, period: str) -> HttpResponse:
    form, unit, parsed = _report(request, form_code, unit_code, period)
    errors = [r for r in queries.violations(form, unit, parsed) if r.rule.severity == "error"]
    if errors:
        messages.error(
            request, _("Chưa nộp được: còn %(n)s lỗi kiểm tra cần sửa.") % {"n": len(errors)}
        )
    else:
        try:
            submit_report(by=_user(request), form=form, unit=unit, period=parsed.id)
            messages.success(
                request,
                _("Đã nộp báo cáo. Số liệu được khóa cho đến khi cấp trên duyệt hoặc trả lại."),
            )
        except ValueRefused as refused:
            messages.error(request, str(refused))
    return redirect("reporting:entry", form.code, unit.code, parsed.id)


@login_required
@require_POST
def decide(request: HttpRequest, submission_id: int, decision: str) -> HttpResponse:
    submission = get_object_or_404(
        Submission.objects.select_related("form", "unit__parent"), pk=submission_id
    )
    if not can(request.user, Role.VIEWER, submission.unit):
        raise Http404
    comment = request.POST.get("comment", "")
    try:
        if decision == "approve":
            approve_report(by=_user(request), submission=submission, comment=comment)
            messages.success(
                request, _("Đã duyệt báo cáo của %(unit)s.") % {"unit": submission.unit.name}
            )
        elif decision == "return":
            return_report(by=_user(request), submission=submission, comment=comment)
            messages.success(
                request, _("Đã trả lại báo cáo để %(unit)s sửa.") % {"unit": submission.unit.name}
            )
        else:
            raise Http404
    except ValueRefused as refused:
        messages.error(request, str(refused))
    return redirect(
        "reporting:entry", submission.form.code, submission.unit.code, submission.period
    )


@login_required
def completeness(request: HttpRequest, form_code: str, unit_code: str, period: str) -> HttpResponse:
    form, unit, parsed = _report(request, form_code, unit_code, period)
    report = queries.completeness(form, parsed, unit)
    return render(
        request,
        "reporting/completeness.html",
        {
            "form": form,
            "unit": unit,
            "period": parsed,
            "report": report,
            "periods": queries.recent_periods(form, count=8),
            "violations": queries.violations_in(form, [row.unit for row in report.rows], parsed),
        },
    )


@login_required
def template_download(
    request: HttpRequest, form_code: str, unit_code: str, period: str, fmt: str
) -> HttpResponse:
    form, unit, parsed = _report(request, form_code, unit_code, period)
    suffix = {"xlsx": ".xlsx", "csv": ".csv"}.get(fmt)
    if suffix is None:
        raise Http404
    units = [unit] + (
        [u for u in queries.reporting_units(form, unit, parsed) if u != unit]
        if form.parent_may_enter or can(request.user, Role.MANAGER, unit)
        else []
    )
    body = write_table(
        suffix, TEMPLATE_COLUMNS, template_rows(form, units, parsed), title=form.code
    )
    response = HttpResponse(body, content_type=CONTENT_TYPES[suffix])
    response["Content-Disposition"] = (
        f'attachment; filename="{form.code}-{unit.code}-{parsed.id}{suffix}"'
    )
    return response


@login_required
@require_POST
def upload(request: HttpRequest, form_code: str, unit_code: str, period: str) -> HttpResponse:
    """Import a filled template: all rows or none, each problem named by its line."""
    form, unit, parsed = _report(request, form_code, unit_code, period)
    file = request.FILES.get("file")
    try:
        if file is None:
            raise UploadError(_("Chưa chọn tệp."))
        summary = import_values_file(by=_user(request), name=file.name or "", data=file.read())
    except UploadError as error:
        messages.error(request, str(error))
    except ValuesRejected as rejected:
        details = "; ".join(f"{c['object']}: {c['value']}" for c in rejected.summary.conflicts[:10])
        messages.error(
            request,
            _("Không nhập gì — %(n)s dòng có lỗi: %(details)s")
            % {"n": len(rejected.summary.conflicts), "details": details},
        )
    else:
        messages.success(
            request,
            _("Đã nhập %(new)s giá trị mới, cập nhật %(updated)s, bỏ qua %(ignored)s ô trống.")
            % {"new": summary.imported, "updated": summary.updated, "ignored": summary.ignored},
        )
    return redirect("reporting:entry", form.code, unit.code, parsed.id)


@login_required
def history(request: HttpRequest, value_id: int) -> HttpResponse:
    value = get_object_or_404(
        DataValue.objects.select_related("unit", "indicator", "entered_by", "form"), pk=value_id
    )
    if not can(request.user, Role.VIEWER, value.unit):
        raise Http404
    return render(
        request,
        "reporting/history.html",
        {
            "value": value,
            "changes": value.changes.select_related("changed_by"),
        },
    )
