from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tongket.activities import queries as activity_queries
from tongket.documents import queries
from tongket.documents.actions import (
    add_link,
    confirm_link,
    decide_named,
    reject_link,
    remove_link,
    upload_document,
)
from tongket.documents.chains import implementation_tree
from tongket.documents.forms import SearchForm, UploadForm
from tongket.documents.models import Document, ImplementsLink, NamedCandidate
from tongket.documents.search import mark_spans
from tongket.lib.uploads import UploadError
from tongket.org.models import Role
from tongket.org.scope import has_role, require, scope_of
from tongket.programmes.models import Programme

PAGE_SIZE = 25
DECISIONS = {"confirm": confirm_link, "reject": reject_link, "remove": remove_link}


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _document_or_404(request: HttpRequest, pk: int) -> Document:
    try:
        return queries.document_for(request.user, pk)
    except Document.DoesNotExist as missing:
        raise Http404(_("Không có văn bản này trong phạm vi của bạn.")) from missing


@login_required
def register(request: HttpRequest) -> HttpResponse:
    if scope_of(request.user) is None:
        raise Http404
    form = SearchForm(request.GET, user=request.user, facets=queries.facets(request.user))
    filters = form.filters()
    documents = queries.search_documents(request.user, filters)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "hits": queries.with_snippets(page, filters.query),
        "may_upload": has_role(request.user, Role.REPORTER),
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results":
        return render(request, "documents/register.html#results", context)
    return render(request, "documents/register.html", context)


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    require(request.user, Role.REPORTER)
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = upload_document(
                by=_user(request),
                name=data["file"].name,
                data=data["file"].read(),
                owner=data["owner"],
                programme=data["programme"],
                doc_type=data["doc_type"],
                symbol=data["symbol"],
                issue_date=data["issue_date"],
                issuer=data["issuer"],
                title=data["title"],
            )
        except UploadError as error:
            errors = [str(error)]
        else:
            messages.success(request, _("Đã thêm %(label)s vào sổ.") % {"label": document.label})
            return redirect("documents:detail", pk=document.pk)
    return render(request, "documents/upload.html", {"form": form, "errors": errors})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_or_404(request, pk)
    citations = queries.citations_of(request.user, document)
    spans = [span for row in citations for span in row.citation.mentions]
    studied = activity_queries.search(
        request.user, activity_queries.Filters(document=document.symbol or "")
    )
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "citations": citations,
            "links": queries.links_of(request.user, document),
            "implemented_by": queries.implemented_by(request.user, document),
            "named": queries.named_candidates(request.user, document),
            "may_add_links": queries.may_add_links(request.user, document),
            "text": mark_spans(document.text, spans),
            "activities": studied[:10] if document.symbol else [],
            "activities_count": studied.count() if document.symbol else 0,
        },
    )


@login_required
@require_POST
def add(request: HttpRequest, pk: int) -> HttpResponse:
    """A manager states that this document implements another, given by its number."""
    document = _document_or_404(request, pk)
    symbol = request.POST.get("symbol", "").strip()[:64]
    try:
        target = queries.link_target(request.user, symbol)
    except Document.DoesNotExist:
        messages.error(
            request,
            _("Không tìm thấy văn bản số “%(symbol)s” trong phạm vi của bạn.") % {"symbol": symbol},
        )
    else:
        add_link(by=_user(request), source=document, target=target)
        messages.success(
            request,
            _("Đã ghi: %(source)s thực hiện %(target)s.")
            % {"source": document.label, "target": target.label},
        )
    return redirect("documents:detail", pk=document.pk)


@login_required
@require_POST
def decide_name(request: HttpRequest, pk: int, named_pk: int, verb: str) -> HttpResponse:
    """Confirm or reject a document the text names without a number."""
    document = _document_or_404(request, pk)
    if verb not in ("confirm", "reject"):
        raise Http404
    try:
        candidate = document.named.get(pk=named_pk)
    except NamedCandidate.DoesNotExist as missing:
        raise Http404 from missing
    decide_named(by=_user(request), candidate=candidate, confirm=verb == "confirm")
    return redirect("documents:detail", pk=document.pk)


@login_required
def download(request: HttpRequest, pk: int) -> FileResponse:
    document = _document_or_404(request, pk)
    if not document.file:
        raise Http404(_("Văn bản này chưa có tệp."))
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.file_name)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int, link_pk: int, verb: str) -> HttpResponse:
    """Confirm or reject a proposed link; htmx swaps the row, plain forms come back."""
    document = _document_or_404(request, pk)
    if verb not in DECISIONS:
        raise Http404
    try:
        link = queries.link_for(request.user, document, link_pk)
    except ImplementsLink.DoesNotExist as missing:
        raise Http404 from missing
    DECISIONS[verb](by=_user(request), link=link)
    if request.headers.get("HX-Request"):
        row = queries.link_row(request.user, link)
        return render(request, "documents/detail.html#link", {"row": row, "document": document})
    return redirect("documents:detail", pk=document.pk)


@login_required
def programmes(request: HttpRequest) -> HttpResponse:
    listed = queries.programmes_for(request.user).select_related("owner")
    return render(request, "documents/programmes.html", {"programmes": listed})


@login_required
def tree(request: HttpRequest, code: str) -> HttpResponse:
    try:
        programme = queries.programmes_for(request.user).get(code=code)
    except Programme.DoesNotExist as missing:
        raise Http404(_("Không có chương trình này trong phạm vi của bạn.")) from missing
    nodes = implementation_tree(request.user, programme)
    return render(request, "documents/tree.html", {"programme": programme, "nodes": nodes})
