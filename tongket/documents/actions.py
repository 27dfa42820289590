"""Functions that change the directives register: uploading, and deciding on links."""

import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tongket.audit.actions import record
from tongket.documents import matching
from tongket.documents.models import (
    Citation,
    Document,
    DocumentStatus,
    ImplementsLink,
    LinkStatus,
    NamedCandidate,
)
from tongket.documents.textract import TextError, clean_text, extract_text
from tongket.lib.uploads import UploadError, check_upload
from tongket.org.models import Role, Unit
from tongket.org.scope import User as AnyUser
from tongket.org.scope import can, has_role, require, scope_of
from tongket.programmes.models import Programme
from tongket.vn.citations import Reference
from tongket.vn.document import read_citations
from tongket.vn.header import Header, own_reference
from tongket.vn.named import NamedDocument
from tongket.vn.symbols import normalize_symbol

DOCUMENT_SUFFIXES = {".txt", ".docx", ".pdf"}


def upload_document(
    *,
    by: User,
    name: str,
    data: bytes,
    owner: Unit | None,
    programme: Programme | None = None,
    doc_type: str = "",
    symbol: str = "",
    issue_date: datetime.date | None = None,
    issuer: str = "",
    title: str = "",
) -> Document:
    """Add a document to the register from its file, with what it cites.

    The document's own type, number, date, issuer and title come from its header,
    unless given here; its own number is the document, not a citation of itself.
    Every other reference becomes a citation of a register entry, created as
    "referenced" when the register lacks it, and every "A implements B" the text states
    becomes a proposed link for a manager to confirm. A referenced entry with this
    document's number becomes this document, so earlier citations of it stay attached.

    Raises PermissionDenied outside the user's rights, and UploadError, with a message
    for the user, for a file that cannot be accepted.
    """
    check_can_upload(by, owner, programme)
    upload = check_upload(
        name, data, allowed=DOCUMENT_SUFFIXES, max_bytes=settings.TONGKET_MAX_UPLOAD_BYTES
    )
    try:
        text = clean_text(extract_text(upload.suffix, upload.data))
    except TextError as error:
        raise UploadError(f"“{name}”: {error}") from error
    found = read_citations(text)
    references = [*found.refs, *([found.self] if found.self else [])]
    header = found.header or Header()
    given = Header(
        doc_type=doc_type, symbol=_normalised(symbol), date=issue_date, issuer=issuer, title=title
    )
    document = Document()
    stored = ""
    try:
        with transaction.atomic():
            document = _entry_for(_identified(header, given), owner, name)
            document.owner, document.programme, document.text = owner, programme, text
            document.status, document.file_name = DocumentStatus.UPLOADED, name[:255]
            document.created_by, document.created_at = by, timezone.now()
            document.file.save(name, ContentFile(data), save=False)
            stored = document.file.name or ""
            document.refresh_keys()
            document.save()
            _record(document, references, header, by)
            _offer_named(document, found.named)
            record(
                by=by,
                action="document.upload",
                obj=document,
                unit_path=owner.path if owner else "",
                after={"symbol": document.symbol, "title": document.title, "file": name[:255]},
            )
    except Exception:
        if stored:
            document.file.storage.delete(stored)
        raise
    return document


def check_can_upload(by: AnyUser, owner: Unit | None, programme: Programme | None) -> None:
    """Reporters and above add documents of their subtree; documents of bodies outside
    the tree (no owner) are the administrators'."""
    if owner is None:
        require(by, Role.ADMIN)
    else:
        require(by, Role.REPORTER, owner)
    if programme is not None and not programme_is_visible(by, programme):
        raise PermissionDenied(_("Chương trình này nằm ngoài phạm vi của bạn."))


def programme_is_visible(user: AnyUser, programme: Programme) -> bool:
    """Programmes run by the user's unit, a unit above it or a unit below it."""
    scope = scope_of(user)
    if scope is None:
        return False
    owner = programme.owner
    return scope.contains(owner) or owner.contains(scope)


def _normalised(symbol: str) -> str | None:
    if not symbol.strip():
        return None
    normalised = normalize_symbol(symbol)
    if normalised is None:
        raise UploadError(
            _("“%(symbol)s” không phải số, ký hiệu văn bản (ví dụ 09-KH/QU, 123/QĐ-UBND).")
            % {"symbol": symbol}
        )
    return normalised


def _identified(header: Header, given: Header) -> Header:
    """The header's reading with what the uploader typed in taking precedence."""
    return Header(
        doc_type=given.doc_type or header.doc_type,
        number=_number_of(given.symbol) if given.symbol else header.number,
        symbol=given.symbol or header.symbol,
        date=given.date or header.date,
        issuer=given.issuer or header.issuer,
        title=given.title or header.title,
        implements=header.implements,
    )


def _number_of(symbol: str) -> str:
    """The leading number of a normalised symbol ("09-KH/QU" → "09")."""
    return symbol[: len(symbol) - len(symbol.lstrip("0123456789"))]


def _entry_for(header: Header, owner: Unit | None, name: str) -> Document:
    """The referenced entry this upload turns out to be, or a new document."""
    if not header.doc_type:
        raise UploadError(
            _("Không nhận ra loại văn bản của “%(name)s”: hãy chọn loại văn bản.") % {"name": name}
        )
    date = header.date.isoformat() if header.date else None
    if header.symbol:
        same = Document.objects.filter(symbol_key=matching.symbol_key(header.symbol)).filter(
            Q(owner=owner) | Q(owner__isnull=True)
        )
    elif (header.number or "").isdigit():
        same = Document.objects.filter(
            doc_type=header.doc_type, number_value=int(header.number or 0), owner=owner
        )
    else:
        same = Document.objects.none()
    uploaded = matching.best_by_date(
        same.filter(status=DocumentStatus.UPLOADED, owner=owner), date, owner
    )
    if uploaded is not None and (header.symbol or uploaded.issue_date == header.date):
        raise UploadError(
            _("%(label)s đã có trong sổ văn bản (tải lên ngày %(day)s).")
            % {"label": uploaded.label, "day": f"{uploaded.created_at:%d/%m/%Y}"}
        )
    document = matching.best_by_date(same.filter(status=DocumentStatus.REFERENCED), date, owner)
    document = document or Document()
    document.doc_type = header.doc_type
    document.symbol = header.symbol or None
    document.number = header.number or document.number
    document.issue_date = header.date or document.issue_date
    document.issuer = header.issuer or document.issuer
    document.title = header.title or document.title
    return document


def _record(document: Document, references: list[Reference], header: Header, by: User) -> None:
    """Store the document's citations and the implements links its text proposes."""
    own = own_reference(references, header)
    line = _line_of(document.owner)
    resolved: dict[int, Document] = {}
    citations: dict[int, Citation] = {}
    for index, reference in enumerate(references):
        is_self = reference.symbol and matching.symbol_key(reference.symbol) == document.symbol_key
        target = document if reference is own or is_self else _cited_entry(reference, line, by)
        resolved[index] = target
        if target.pk == document.pk:
            continue
        citation = citations.get(target.pk)
        if citation is None:
            citations[target.pk] = Citation(
                from_document=document,
                to_document=target,
                cited_as=_cited_as(reference),
                mentions=[list(span) for span in reference.mentions],
            )
        else:
            citation.mentions += [list(span) for span in reference.mentions]
    for citation in citations.values():
        citation.mentions.sort()
        citation.count = len(citation.mentions)
    Citation.objects.bulk_create(citations.values())
    by_symbol = {ref.symbol: resolved[i] for i, ref in enumerate(references) if ref.symbol}
    pairs: list[tuple[Document, Document | None]] = [
        (document, by_symbol.get(symbol)) for symbol in header.implements
    ]
    for index, reference in enumerate(references):
        pairs += [(resolved[index], by_symbol.get(symbol)) for symbol in reference.implements]
    for source, maybe in pairs:
        if maybe is not None and source.pk != maybe.pk:
            ImplementsLink.objects.get_or_create(
                from_document=source, to_document=maybe, defaults={"found_in": document}
            )


def _offer_named(document: Document, named: list[NamedDocument]) -> None:
    """Documents named without a number, offered for a manager to confirm."""
    for item in named:
        NamedCandidate.objects.get_or_create(
            document=document, name=item.name[:255], defaults={"kind": item.kind}
        )


def _line_of(unit: Unit | None) -> list[Unit]:
    """The unit and its superiors, top first."""
    if unit is None:
        return []
    above = Unit.objects.filter(pk__in=unit.ancestor_ids()).order_by("level")
    return [*above, unit]


def _cited_entry(reference: Reference, line: list[Unit], by: User) -> Document:
    """The register entry of a cited document, created as "referenced" if it has none."""
    unit = matching.issuing_unit(reference, line)
    found = matching.find_cited(reference, unit)
    if found is not None:
        if found.is_referenced and _completes(found, reference):
            found.refresh_keys()
            found.save()
        return found
    entry = Document(
        doc_type=reference.type,
        number=reference.number or "",
        symbol=reference.symbol,
        issue_date=datetime.date.fromisoformat(reference.date) if reference.date else None,
        issuer=reference.issuer or "",
        owner=unit,
        status=DocumentStatus.REFERENCED,
        created_by=by,
    )
    entry.refresh_keys()
    entry.save()
    return entry


def _completes(entry: Document, reference: Reference) -> bool:
    """Fill in what a referenced entry lacks from a later citation; True if it changed."""
    changed = False
    if entry.issue_date is None and reference.date:
        entry.issue_date = datetime.date.fromisoformat(reference.date)
        changed = True
    if not entry.issuer and reference.issuer:
        entry.issuer = reference.issuer
        changed = True
    return changed


def _cited_as(reference: Reference) -> dict[str, str | None]:
    return {
        "type": reference.type,
        "number": reference.number,
        "symbol": reference.symbol,
        "date": reference.date,
        "issuer": reference.issuer,
    }


def may_decide(user: AnyUser, link: ImplementsLink) -> bool:
    """Managers of the implementing document's unit decide on its links; for a document
    of a body outside the tree, managers of the unit whose document stated the link."""
    unit = link.from_document.owner
    if unit is None and link.found_in is not None:
        unit = link.found_in.owner
    if unit is None:
        return has_role(user, Role.ADMIN)
    return can(user, Role.MANAGER, unit)


@transaction.atomic
def confirm_link(*, by: User, link: ImplementsLink) -> ImplementsLink:
    """Confirm that one document implements another: it now counts in the implementation
    tree, and the implementing document joins the programme of what it implements."""
    _decide(by, link, LinkStatus.CONFIRMED)
    source, target = link.from_document, link.to_document
    if source.programme_id is None and target.programme_id is not None:
        source.programme_id = target.programme_id
        source.save(update_fields=["programme"])
    return link


@transaction.atomic
def reject_link(*, by: User, link: ImplementsLink) -> ImplementsLink:
    """Reject a proposed link; it stays recorded so that the extractor does not propose
    it again on the next upload."""
    _decide(by, link, LinkStatus.REJECTED)
    return link


def _decide(by: User, link: ImplementsLink, status: LinkStatus, action: str = "") -> None:
    if not may_decide(by, link):
        raise PermissionDenied(_("Chỉ quản lý của đơn vị ban hành văn bản mới xác nhận liên kết."))
    before = link.status if link.pk else None
    link.status, link.decided_by, link.decided_at = status, by, timezone.now()
    link.save()
    owner = link.from_document.owner
    record(
        by=by,
        action=action or f"link.{status}",
        obj=link,
        unit_path=owner.path if owner else "",
        before={"status": before} if before else None,
        after={
            "status": str(status),
            "from": link.from_document.label,
            "to": link.to_document.label,
        },
    )


@transaction.atomic
def add_link(*, by: User, source: Document, target: Document) -> ImplementsLink:
    """State by hand that `source` implements `target`, though its text may not say so.

    The manager of the source's unit decides, as for proposed links; the target is any
    document the manager may see, such as the plan of the level above. A link rejected
    earlier is confirmed again.
    """
    if source.pk == target.pk:
        raise PermissionDenied(_("Một văn bản không thể thực hiện chính nó."))
    link = ImplementsLink.objects.filter(from_document=source, to_document=target).first()
    link = link or ImplementsLink(from_document=source, to_document=target)
    _decide(by, link, LinkStatus.CONFIRMED, "link.add")
    return link


@transaction.atomic
def remove_link(*, by: User, link: ImplementsLink) -> ImplementsLink:
    """Take a link out of the implementation tree. It stays recorded as rejected, so
    that the next upload citing both documents does not propose it again."""
    _decide(by, link, LinkStatus.REJECTED, "link.remove")
    return link


def may_decide_named(user: AnyUser, candidate: NamedCandidate) -> bool:
    owner = candidate.document.owner
    return can(user, Role.MANAGER, owner) if owner else has_role(user, Role.ADMIN)


@transaction.atomic
def decide_named(*, by: User, candidate: NamedCandidate, confirm: bool) -> NamedCandidate:
    """Confirm a document named without a number (it becomes a register entry that the
    text cites) or reject it (it is not offered again for this document)."""
    if not may_decide_named(by, candidate):
        raise PermissionDenied(_("Chỉ quản lý của đơn vị ban hành văn bản mới xác nhận."))
    if confirm:
        entry = Document.objects.filter(
            status=DocumentStatus.REFERENCED, symbol__isnull=True, title=candidate.name
        ).first() or Document(
            doc_type=candidate.kind,
            title=candidate.name,
            status=DocumentStatus.REFERENCED,
            created_by=by,
        )
        if entry.pk is None:
            entry.refresh_keys()
            entry.save()
        Citation.objects.get_or_create(
            from_document=candidate.document,
            to_document=entry,
            defaults={"cited_as": {"type": candidate.kind, "title": candidate.name}, "count": 1},
        )
        candidate.entry = entry
    candidate.status = LinkStatus.CONFIRMED if confirm else LinkStatus.REJECTED
    candidate.decided_by, candidate.decided_at = by, timezone.now()
    candidate.save()
    owner = candidate.document.owner
    record(
        by=by,
        action="named.confirm" if confirm else "named.reject",
        obj=candidate,
        unit_path=owner.path if owner else "",
        after={"name": candidate.name, "document": candidate.document.label},
    )
    return candidate
