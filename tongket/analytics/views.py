from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from tongket.analytics import queries
from tongket.analytics.charts import render_svg
from tongket.analytics.forms import PivotForm, SourcesForm
from tongket.analytics.pivots import Pivot, comparison_chart, trend_chart
from tongket.lib.tables import write_table
from tongket.org.models import Unit
from tongket.org.queries import visible_ancestors
from tongket.org.scope import User, scope_of, unit_for

PAGE_SIZE = 50
EXPORT_TYPES = {
    "csv": ("text/csv; charset=utf-8", ".csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    "json": ("application/json", ".json"),
}


def _unit_or_404(request: HttpRequest) -> Unit:
    """The unit asked for (the user's own by default); outside their subtree it does not exist."""
    scope = scope_of(request.user)
    if scope is None:
        raise Http404(_("Tài khoản chưa được gắn với đơn vị nào."))
    code = request.GET.get("unit") or scope.code
    try:
        return unit_for(request.user, code)
    except Unit.DoesNotExist as missing:
        raise Http404(
            _("Không có đơn vị “%(code)s” trong phạm vi của bạn.") % {"code": code}
        ) from missing


def _pivot_from(form: PivotForm, user: User, unit: Unit) -> Pivot:
    """One indicator over the periods, or a programme's or form's indicators over the span."""
    data = form.cleaned_data
    if data["indicator"] is not None:
        return queries.period_pivot(
            user,
            indicator=data["indicator"],
            unit=unit,
            span=data["period"],
            column_type=data["columns"],
            option=data["option"],
            on=data["on"],
        )
    title, indicators = form.indicator_set()
    return queries.indicator_pivot(
        user, indicators=indicators, unit=unit, span=data["period"], title=title, on=data["on"]
    )


def _charts(pivot: Pivot) -> list[SafeString]:
    """The trend of the total over the periods, and the children compared on the whole
    window (or on the first indicator).

    Safe to insert: render_svg escapes every piece of text it draws.
    """
    specs = [trend_chart(pivot)]
    value_columns = [i for i, column in enumerate(pivot.columns) if not column.is_target]
    whole = [i for i in value_columns if pivot.columns[i].is_whole_span]
    if value_columns:
        specs.append(comparison_chart(pivot, (whole or value_columns)[0]))
    return [
        mark_safe(render_svg(spec, ident=f"chart-{n}"))
        for n, spec in enumerate(specs)
        if spec is not None
    ]


@login_required
def pivot_page(request: HttpRequest) -> HttpResponse:
    unit = _unit_or_404(request)
    asked = request.GET.copy() or None
    if asked is not None:
        asked["unit"] = unit.code  # the user's own unit when none was asked for
    form = PivotForm(asked, user=request.user, unit=unit, initial={"unit": unit.code})
    context: dict[str, object] = {"form": form, "unit": unit}
    if form.is_valid():
        pivot = _pivot_from(form, request.user, unit)
        context.update(pivot=pivot, charts=_charts(pivot))
    context["ancestors"] = visible_ancestors(request.user, unit)
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "analytics":
        return render(request, "analytics/pivot.html#analytics", context)
    return render(request, "analytics/pivot.html", context)


@login_required
def pivot_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_TYPES:
        raise Http404
    unit = _unit_or_404(request)
    form = PivotForm(request.GET, user=request.user, unit=unit)
    if not form.is_valid():
        return HttpResponseBadRequest(" ".join(str(e) for e in form.errors.values()))
    pivot = _pivot_from(form, request.user, unit)
    content_type, suffix = EXPORT_TYPES[fmt]
    body = write_table(suffix, pivot.header(), pivot.table_rows(), title=unit.code)
    response = HttpResponse(body, content_type=content_type)
    name = f"tong-hop-{unit.code}-{pivot.span.id.replace('..', '-')}{suffix}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def sources_page(request: HttpRequest) -> HttpResponse:
    unit = _unit_or_404(request)
    form = SourcesForm(request.GET, user=request.user)
    if not form.is_valid():
        raise Http404(_("Không tìm thấy số liệu được yêu cầu."))
    asked = {**form.asked(), "unit": unit}
    page = Paginator(queries.value_sources(request.user, **asked), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        **asked,
        "figure": queries.figure_behind(request.user, **asked),
        "page": page,
        "lines": queries.describe_sources(page.object_list),
        "ancestors": visible_ancestors(request.user, unit),
    }
    return render(request, "analytics/sources.html", context)
