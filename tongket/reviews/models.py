from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tongket.org.models import Unit
from tongket.programmes.models import Programme


class ReviewKind(models.TextChoices):
    INTERIM = "interim", _("Báo cáo sơ kết")
    FINAL = "final", _("Báo cáo tổng kết")
    PERIODIC = "periodic", _("Báo cáo định kỳ")


class ReviewStyle(models.TextChoices):
    PARTY = "party", _("Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)")
    STATE = "state", _("Văn bản hành chính (Nghị định 30/2020/NĐ-CP)")


class Review(models.Model):
    """A review report being drafted for a unit and a window; its files are versions."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="reviews")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="reviews")
    window = models.CharField(_("giai đoạn"), max_length=32)
    kind = models.CharField(_("loại báo cáo"), max_length=12, choices=ReviewKind.choices)
    style = models.CharField(_("thể thức"), max_length=8, choices=ReviewStyle.choices)
    number = models.CharField(_("số"), max_length=16, blank=True)
    place = models.CharField(_("địa danh"), max_length=64, blank=True)
    issue_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    signer = models.CharField(_("người ký"), max_length=128, blank=True)
    narratives = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("báo cáo sơ kết, tổng kết")
        verbose_name_plural = pgettext_lazy("plural", "báo cáo sơ kết, tổng kết")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit} {self.window}"


class FileFormat(models.TextChoices):
    DOCX = "docx", "DOCX"
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "XLSX"


class FileStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Xong")
    FAILED = "failed", _("Lỗi")


class ReviewFile(models.Model):
    """One generated document: a version in one format, made by a background task."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="files")
    version = models.PositiveIntegerField()
    fmt = models.CharField(max_length=4, choices=FileFormat.choices)
    status = models.CharField(max_length=8, choices=FileStatus.choices, default=FileStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=500, blank=True)
    file = models.FileField(upload_to="reviews/%Y/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-version", "fmt"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "fmt", "version"], name="one_file_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.review} v{self.version}.{self.fmt}"
