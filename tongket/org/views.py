from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tongket.lib.tables import write_table
from tongket.lib.uploads import UploadError
from tongket.org import lineage, queries
from tongket.org.actions import ImportRejected, import_units_file
from tongket.org.forms import UnitChangeForm, UnitImportForm, UnitSearchForm
from tongket.org.models import Membership, Role, Unit
from tongket.org.restructure import RestructureRejected, apply_changes, change_from_form
from tongket.org.scope import can, membership_of, require, scope_of, unit_for
from tongket.org.unit_rows import COLUMNS, EXPORT_COLUMNS, export_rows
from tongket.reporting.queries import attention

PAGE_SIZE = 50
EXPORT_FORMATS = {"csv": ".csv", "xlsx": ".xlsx", "json": ".json"}
EXPORT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".json": "application/json",
}


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _visible_unit_or_404(request: HttpRequest, code: str) -> Unit:
    try:
        return unit_for(request.user, code)
    except Unit.DoesNotExist as missing:
        raise Http404(
            _("Không có đơn vị “%(code)s” trong phạm vi của bạn.") % {"code": code}
        ) from missing


@login_required
def home(request: HttpRequest) -> HttpResponse:
    membership = membership_of(request.user)
    if membership is None:
        return render(request, "org/no_membership.html", status=403)
    unit = membership.unit
    return render(
        request,
        "org/home.html",
        {
            "unit": unit,
            "ancestors": queries.ancestors(unit),
            "children": queries.children_with_counts(unit)[:12],
            "summary": queries.summarise_subtree(unit),
            "attention": attention(_user(request)),
            "successor": next(
                (s for m, s in lineage.successor_memberships(unit) if m.pk == membership.pk), None
            ),
        },
    )


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    if scope is None:
        raise Http404
    form = UnitSearchForm(request.GET)
    form.is_valid()
    query = form.cleaned_data.get("q", "")
    kind = form.cleaned_data.get("kind", "")
    searching = bool(query or kind)
    context: dict[str, object] = {
        "form": form,
        "query": query,
        "searching": searching,
        "scope": scope,
    }
    if searching:
        units = queries.search_units(
            request.user, query, kind=kind, active_only=form.cleaned_data.get("active", False)
        )
        context["page"] = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    else:
        context["root"] = queries.with_child_count(scope)
        context["children"] = queries.children_with_counts(scope)
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "unit-results":
        return render(request, "org/unit_list.html#results", context)
    return render(request, "org/unit_list.html", context)


@login_required
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = _visible_unit_or_404(request, code)
    children = Paginator(queries.children_with_counts(unit), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    members = None
    if can(request.user, Role.MANAGER, unit):
        members = (
            Membership.objects.filter(unit=unit).select_related("user").order_by("user__username")
        )
    return render(
        request,
        "org/unit_detail.html",
        {
            "unit": unit,
            "ancestors": queries.visible_ancestors(request.user, unit),
            "children": children,
            "summary": queries.summarise_subtree(unit),
            "members": members,
            "can_import": can(request.user, Role.MANAGER, unit),
        },
    )


@login_required
def unit_node(request: HttpRequest, code: str) -> HttpResponse:
    """One node of the tree browser, opened or closed, swapped in place by htmx."""
    unit = _visible_unit_or_404(request, code)
    node = queries.with_child_count(unit)
    expanded = "collapsed" not in request.GET
    children = queries.children_with_counts(unit) if expanded else None
    return render(
        request, "org/tree_node.html", {"node": node, "children": children, "expanded": expanded}
    )


@login_required
def unit_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    unit = _visible_unit_or_404(request, code)
    suffix = EXPORT_FORMATS.get(fmt)
    if suffix is None:
        raise Http404
    units = queries.units_for_export(request.user, unit)
    body = write_table(suffix, EXPORT_COLUMNS, export_rows(units), title=unit.code)
    response = HttpResponse(body, content_type=EXPORT_TYPES[suffix])
    response["Content-Disposition"] = f'attachment; filename="units-{unit.code}{suffix}"'
    return response


@login_required
def unit_import(request: HttpRequest) -> HttpResponse:
    membership = require(request.user, Role.MANAGER)
    form = UnitImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_units_file(
                by=cast(User, request.user), name=upload.name, data=upload.read()
            )
        except UploadError as error:
            errors = [str(error)]
        except ImportRejected as rejected:
            errors = [str(error) for error in rejected.errors]
        else:
            messages.success(
                request,
                _("Đã nhập: %(created)s đơn vị mới, %(updated)s đơn vị cập nhật.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("org:unit_detail", code=membership.unit.code)
    return render(
        request,
        "org/unit_import.html",
        {"form": form, "errors": errors, "columns": COLUMNS, "scope": membership.unit},
    )


@login_required
def unit_timeline(request: HttpRequest, code: str) -> HttpResponse:
    """The unit's life: when it began and ended, each change, where its history came
    from and went, and the places it held in the tree."""
    unit = _visible_unit_or_404(request, code)
    return render(
        request,
        "org/unit_timeline.html",
        {
            "unit": unit,
            "ancestors": queries.visible_ancestors(request.user, unit),
            "events": lineage.events_of(unit),
            "predecessors": lineage.predecessors(unit),
            "successors": lineage.successors(unit),
            "placements": unit.placements.select_related("parent").order_by("valid_to"),
            "offered": lineage.successor_memberships(unit)
            if can(request.user, Role.MANAGER, unit)
            else [],
            "can_change": can(request.user, Role.MANAGER, unit.parent or unit),
        },
    )


@login_required
def unit_change(request: HttpRequest, code: str) -> HttpResponse:
    """Record a rename, move, merge, split or dissolution of the unit (a manager of the
    level above)."""
    unit = _visible_unit_or_404(request, code)
    require(request.user, Role.MANAGER, unit.parent or unit)
    form = UnitChangeForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            apply_changes(by=_user(request), changes=[change_from_form(unit, form.cleaned_data)])
        except RestructureRejected as rejected:
            error = str(rejected)
        else:
            messages.success(request, _("Đã ghi nhận thay đổi."))
            return redirect("org:unit_timeline", code=unit.code)
    return render(
        request,
        "org/unit_change.html",
        {
            "unit": unit,
            "ancestors": queries.visible_ancestors(request.user, unit),
            "form": form,
            "error": error,
        },
    )
