"""Entries, their authors (as much as a contest needs), files, fingerprints and history."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tongket.contests.models.contest import Contest
from tongket.org.models import Unit


class Author(models.Model):
    """An author as far as one contest needs: name, birth year, unit; nothing more.

    One row per person and contest, so that an author with several entries is
    counted once; ``key`` (the folded name) is what identifies them on intake.
    """

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(_("họ và tên"), max_length=255)
    key = models.CharField(max_length=255, editable=False)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"))
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("tác giả")
        verbose_name_plural = pgettext_lazy("plural", "tác giả")
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "key", "birth_year", "unit"], name="author_unique_in_contest"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def age_in(self, year: int) -> int:
        return year - self.birth_year


class Entry(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="entries")
    code = models.CharField(_("mã bài"), max_length=16)
    title = models.CharField(_("tên bài"), max_length=500)
    text = models.TextField(_("nội dung"))
    category = models.CharField(_("thể loại"), max_length=120, blank=True)
    submitting_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị gửi bài"), on_delete=models.PROTECT, related_name="+"
    )
    authors = models.ManyToManyField(Author, through="EntryAuthor", related_name="entries")
    sequence = models.PositiveIntegerField(editable=False)
    receipt_number = models.CharField(_("số biên nhận"), max_length=32)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(_("nhận lúc"))
    # The order of the furthest round the entry reached: every entry is in round 1.
    reached = models.PositiveSmallIntegerField(_("vòng đã vào"), default=1)
    forwarded_from = models.ForeignKey(
        "self",
        verbose_name=_("chuyển lên từ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forwarded_copies",
    )

    class Meta:
        verbose_name = _("bài dự thi")
        verbose_name_plural = pgettext_lazy("plural", "bài dự thi")
        ordering = ["contest", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "code"], name="entry_code_unique"),
            models.UniqueConstraint(fields=["contest", "sequence"], name="entry_sequence_unique"),
            models.UniqueConstraint(
                fields=["contest", "forwarded_from"], name="entry_forwarded_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.title}"

    def author_list(self) -> list[Author]:
        return [link.author for link in self.author_links.select_related("author")]


class EntryAuthor(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="author_links")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["entry", "position"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "author"], name="entry_author_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} · {self.author_id}"


class EntryFile(models.Model):
    """The file as submitted, kept in the database so an import stays all-or-nothing.

    Judges never receive these bytes: they get the anonymised text, and for a DOCX
    a copy rewritten without the authors' names (see ``anonymise``).
    """

    entry = models.OneToOneField(Entry, on_delete=models.CASCADE, related_name="file")
    name = models.CharField(max_length=255)
    data = models.BinaryField()

    def __str__(self) -> str:
        return self.name

    @property
    def suffix(self) -> str:
        return self.name.rsplit(".", 1)[-1].lower() if "." in self.name else ""


class EntryFingerprint(models.Model):
    """The entry's MinHash fingerprint, stored so later contests need not recompute it."""

    entry = models.OneToOneField(
        Entry, on_delete=models.CASCADE, related_name="fingerprint", primary_key=True
    )
    data = models.BinaryField()

    def __str__(self) -> str:
        return f"fingerprint of {self.entry_id}"


class EventKind(models.TextChoices):
    RECEIVED = "received", _("Nhận bài")
    IMPORTED = "imported", _("Nhập từ tệp")
    ADVANCED = "advanced", _("Vào vòng sau")
    FORWARDED_OUT = "forwarded_out", _("Gửi lên cấp trên")
    FORWARDED_IN = "forwarded_in", _("Nhận từ cấp dưới")
    AWARDED = "awarded", _("Đạt giải")


class EntryEvent(models.Model):
    """What happened to an entry; a forwarded copy carries its source's events too."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    contest_name = models.CharField(max_length=300)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["entry", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.kind}"
