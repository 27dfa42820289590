from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tongket.org.models import Role, Unit
from tongket.org.scope import can, scope_of, unit_for, visible_units
from tongket.programmes.models import Programme
from tongket.reviews.actions import create_review, request_files, update_review
from tongket.reviews.content import SECTION_TITLES, build_content
from tongket.reviews.forms import ComposeForm, DetailsForm
from tongket.reviews.issuers import issuer_for
from tongket.reviews.models import FileStatus, Review, ReviewFile


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _review(request: HttpRequest, review_id: int) -> Review:
    review = get_object_or_404(Review.objects.select_related("unit", "programme"), pk=review_id)
    if not can(request.user, Role.VIEWER, review.unit):
        raise Http404
    return review


@login_required
def index(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    if scope is None:
        raise PermissionDenied
    may_compose = can(request.user, Role.MANAGER, scope)
    if request.method == "POST" and not may_compose:
        raise PermissionDenied(_("Chỉ quản lý mới soạn được báo cáo sơ kết, tổng kết."))
    programmes = Programme.objects.order_by("name")
    initial = {
        "unit": scope.code,
        "programme": programmes.first() if programmes.count() == 1 else None,
    }
    form = ComposeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            unit = unit_for(request.user, form.cleaned_data["unit"])
            review = create_review(
                by=_user(request),
                unit=unit,
                programme=form.cleaned_data["programme"],
                window=form.cleaned_data["window"],
                kind=form.cleaned_data["kind"],
                style=form.cleaned_data["style"],
            )
        except Unit.DoesNotExist:
            form.add_error("unit", _("Không có đơn vị này trong phạm vi của bạn."))
        else:
            return redirect("reviews:detail", review.pk)
    reviews = Review.objects.filter(unit__in=visible_units(request.user)).select_related(
        "unit", "programme"
    )
    return render(
        request,
        "reviews/index.html",
        {
            "form": form,
            "reviews": reviews[:100],
            "may_compose": may_compose,
        },
    )


@login_required
def detail(request: HttpRequest, review_id: int) -> HttpResponse:
    review = _review(request, review_id)
    may_edit = can(request.user, Role.MANAGER, review.unit)
    return render(
        request,
        "reviews/detail.html",
        {
            "review": review,
            "content": build_content(review),
            "may_edit": may_edit,
            "issuer": issuer_for(review.unit, review.style),
            "sections": SECTION_TITLES,
            "details": DetailsForm(
                initial={
                    "number": review.number,
                    "place": review.place,
                    "issue_date": review.issue_date,
                    "signer": review.signer,
                }
            ),
            **_files(review),
        },
    )


@login_required
@require_POST
def edit(request: HttpRequest, review_id: int) -> HttpResponse:
    review = _review(request, review_id)
    details = DetailsForm(request.POST)
    if details.is_valid():
        narratives = {
            key: request.POST.get(f"narrative_{key}", "") for key, _title in SECTION_TITLES
        }
        update_review(
            by=_user(request), review=review, narratives=narratives, **details.cleaned_data
        )
        messages.success(request, _("Đã lưu bản thảo."))
    else:
        messages.error(request, _("Kiểm tra lại số, ngày và người ký."))
    return redirect("reviews:detail", review.pk)


@login_required
@require_POST
def generate(request: HttpRequest, review_id: int) -> HttpResponse:
    review = _review(request, review_id)
    formats = [fmt for fmt in request.POST.getlist("fmt") if fmt in {"docx", "pdf", "xlsx"}] or [
        "docx"
    ]
    request_files(by=_user(request), review=review, formats=formats)
    messages.success(request, _("Đang tạo văn bản; tiến độ hiện ở dưới."))
    return redirect("reviews:detail", review.pk)


@login_required
def files(request: HttpRequest, review_id: int) -> HttpResponse:
    """The versions list, polled by htmx while a file is being made."""
    review = _review(request, review_id)
    return render(request, "reviews/detail.html#files", {"review": review, **_files(review)})


def _files(review: Review) -> dict[str, object]:
    items = list(review.files.all())
    pending = any(item.status in (FileStatus.QUEUED, FileStatus.RUNNING) for item in items)
    return {"files": items, "pending": pending}


@login_required
def download(request: HttpRequest, file_id: int) -> FileResponse:
    item = get_object_or_404(ReviewFile.objects.select_related("review__unit"), pk=file_id)
    if not can(request.user, Role.VIEWER, item.review.unit) or item.status != FileStatus.DONE:
        raise Http404
    return FileResponse(
        item.file.open("rb"), as_attachment=True, filename=(item.file.name or "").rsplit("/", 1)[-1]
    )
