"""The directives register: documents, what they cite, and which plan implements which.

A document is either *uploaded* (we hold its file and text) or only *referenced*
(another document cites it and nobody has uploaded it yet). Uploading a referenced
document turns that entry into an uploaded one, so citations made before the upload
keep pointing at it (docs/adr/0006-documents.md).
"""

from pathlib import PurePath
from uuid import uuid4

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tongket.org.models import Unit
from tongket.programmes.models import Programme
from tongket.vn.symbols import parse_symbol
from tongket.vn.text import fold, sort_key


class DocumentStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Đã tải lên")
    REFERENCED = "referenced", _("Được dẫn, chưa có tệp")


class LinkStatus(models.TextChoices):
    PROPOSED = "proposed", _("Đề xuất")
    CONFIRMED = "confirmed", _("Đã xác nhận")
    REJECTED = "rejected", _("Đã bác bỏ")


def _upload_path(document: "Document", name: str) -> str:
    """A random name: what users call their files says nothing we want in a path."""
    return f"documents/{timezone.now():%Y}/{uuid4().hex}{PurePath(name).suffix.lower()}"


class Document(models.Model):
    doc_type = models.CharField(_("loại văn bản"), max_length=64)
    number = models.CharField(_("số"), max_length=16, blank=True)
    number_value = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # NULL, not "", for "no symbol": documents without one must never match each other
    # by symbol, and NULL equals nothing.
    symbol = models.CharField(_("số, ký hiệu"), max_length=64, null=True, blank=True)  # noqa: DJ001
    symbol_key = models.CharField(max_length=64, null=True, editable=False, db_index=True)  # noqa: DJ001
    issue_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500, blank=True)
    owner = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
        help_text=_("Để trống cho văn bản của cơ quan ngoài cây tổ chức (Bộ Chính trị, …)."),
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("chương trình"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    file = models.FileField(_("tệp"), upload_to=_upload_path, blank=True)
    file_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    text = models.TextField(_("nội dung"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=DocumentStatus.choices, db_index=True
    )
    search_key = models.TextField(editable=False, default="")
    sort_key = models.CharField(max_length=1024, editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = pgettext_lazy("plural", "văn bản")
        constraints = [
            models.CheckConstraint(
                condition=Q(status=DocumentStatus.REFERENCED) | ~Q(file=""),
                name="uploaded_document_has_a_file",
            ),
            models.CheckConstraint(
                condition=Q(symbol__isnull=True, symbol_key__isnull=True)
                | Q(symbol__isnull=False, symbol_key__isnull=False),
                name="document_symbol_has_a_key",
            ),
        ]
        indexes = [models.Index(fields=["doc_type", "number_value"])]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """How people name a document: "Nghị quyết số 35-NQ/TW", "Nghị quyết 35"."""
        if self.symbol:
            return f"{self.doc_type} số {self.symbol}"
        if self.number:
            return f"{self.doc_type} số {self.number}"
        if self.title.startswith(self.doc_type):
            return self.title  # named without a number: "Luật Đất đai năm 2013"
        return self.doc_type

    @property
    def is_referenced(self) -> bool:
        return self.status == DocumentStatus.REFERENCED

    def refresh_keys(self) -> None:
        """Recompute the derived columns; call after changing what they are made of."""
        parsed = parse_symbol(self.symbol) if self.symbol else None
        self.symbol_key = parsed.key if parsed else (self.symbol or None)
        digits = self.number.isascii() and self.number.isdigit()
        self.number_value = int(self.number) if digits else None
        heading = " ".join(
            part for part in (self.doc_type, self.symbol, self.issuer, self.title) if part
        )
        self.search_key = fold(f"{heading}\n{self.text}")
        self.sort_key = sort_key(f"{self.title or self.doc_type} {self.number}"[:200])


class Citation(models.Model):
    """One document citing another; `cited_as` keeps what the citing text says about it."""

    from_document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="citations")
    to_document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="cited_by")
    cited_as = models.JSONField(default=dict)
    mentions = models.JSONField(default=list)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("trích dẫn")
        verbose_name_plural = pgettext_lazy("plural", "trích dẫn")
        constraints = [
            models.UniqueConstraint(fields=["from_document", "to_document"], name="cite_once"),
            models.CheckConstraint(
                condition=~Q(from_document=models.F("to_document")), name="no_self_citation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_document} → {self.to_document}"


class ImplementsLink(models.Model):
    """`from_document` carries out `to_document`, as read in `found_in`'s text.

    Links are proposed by the extractor and count only once a manager confirms them:
    the implementation tree is built from confirmed links alone.
    """

    from_document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="implements_links"
    )
    to_document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="implemented_by_links"
    )
    found_in = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=LinkStatus.choices,
        default=LinkStatus.PROPOSED,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("liên kết thực hiện")
        verbose_name_plural = pgettext_lazy("plural", "liên kết thực hiện")
        constraints = [
            models.UniqueConstraint(
                fields=["from_document", "to_document"], name="implements_once"
            ),
            models.CheckConstraint(
                condition=~Q(from_document=models.F("to_document")), name="no_self_implementation"
            ),
            models.CheckConstraint(
                condition=Q(status=LinkStatus.PROPOSED) | Q(decided_at__isnull=False),
                name="decided_link_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_document} ⇒ {self.to_document}"


class NamedCandidate(models.Model):
    """A document a text names without a number ("Luật Đất đai năm 2013", "Điều lệ Đảng").

    With no number to match by, it is never linked silently: a manager confirms it,
    which makes it a register entry cited by the text, or rejects it, which keeps it
    from being offered again for the same document.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="named")
    kind = models.CharField(_("loại"), max_length=32)
    name = models.CharField(_("tên"), max_length=255)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=LinkStatus.choices, default=LinkStatus.PROPOSED
    )
    entry = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("văn bản chỉ nêu tên")
        verbose_name_plural = pgettext_lazy("plural", "văn bản chỉ nêu tên")
        constraints = [
            models.UniqueConstraint(fields=["document", "name"], name="named_once_per_document")
        ]

    def __str__(self) -> str:
        return self.name
