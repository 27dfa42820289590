"""The activity register: study sessions, training classes, thematic conferences and
inspections a unit organised, as records that figures are computed from.

An activity belongs to the unit that organised it; that unit's subtree decides who
sees it. Participants are counted by group (the codes of a disaggregation's options,
e.g. CBCC, DV), never by name, and inspected people only by role and unit: the
register needs counts and coverage, not a list of people.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tongket.org.models import Unit


class ActivityKind(models.TextChoices):
    STUDY = "study", _("Học tập, quán triệt")
    TRAINING = "training", _("Tập huấn, bồi dưỡng")
    CONFERENCE = "conference", _("Hội nghị, hội thảo chuyên đề")
    INSPECTION = "inspection", _("Kiểm tra, giám sát")
    OTHER = "other", _("Hoạt động khác")


class ActivityQuerySet(models.QuerySet["Activity"]):
    def between(self, start: object, end: object) -> "ActivityQuerySet":
        """Activities that begin inside [start, end]: an activity counts where it starts."""
        return self.filter(date__gte=start, date__lte=end)


class Activity(models.Model):
    organiser = models.ForeignKey(
        Unit, verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT, related_name="activities"
    )
    co_organisers = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị phối hợp"), blank=True, related_name="co_organised_activities"
    )
    kind = models.CharField(_("loại hoạt động"), max_length=16, choices=ActivityKind.choices)
    title = models.CharField(_("tên hoạt động"), max_length=300)
    date = models.DateField(_("ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    documents = models.JSONField(
        _("văn bản học tập, quán triệt"),
        default=list,
        blank=True,
        help_text=_("Số, ký hiệu đã chuẩn hóa, ví dụ 35-NQ/TW."),
    )
    lecturers = models.CharField(_("báo cáo viên"), max_length=500, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    # Inspections only.
    subject = models.CharField(_("nội dung kiểm tra, giám sát"), max_length=500, blank=True)
    conclusions = models.TextField(_("kết luận"), blank=True)
    inspected_units = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị được kiểm tra"), blank=True, related_name="inspections"
    )
    search_key = models.CharField(max_length=1200, editable=False, default="")
    # "|35-NQ/TW|135-KH/TU|": finds an activity by a document with one LIKE on any database.
    document_key = models.CharField(max_length=1000, editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("hoạt động")
        verbose_name_plural = pgettext_lazy("plural", "hoạt động")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("date")),
                name="activity_ends_after_it_starts",
            )
        ]
        indexes = [models.Index(fields=["organiser", "kind", "date"])]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} · {self.title}"

    @property
    def total_participants(self) -> int:
        return sum(p.count for p in self.participants.all())

    @property
    def is_inspection(self) -> bool:
        return self.kind == ActivityKind.INSPECTION


class Participation(models.Model):
    """How many of one group took part, and how many the group has (for coverage)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participants")
    group = models.CharField(_("nhóm"), max_length=32)
    count = models.PositiveIntegerField(_("số người tham gia"))
    target = models.PositiveIntegerField(_("tổng số của nhóm"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "group"], name="one_count_per_group")
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.count}"

    @property
    def coverage(self) -> float | None:
        """Participants as a share of the group, in percent; None without a group size."""
        if not self.target:
            return None
        return min(self.count, self.target) * 100 / self.target


class InspectedPerson(models.Model):
    """An individual inspected, by role and unit only: the register keeps no names."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="inspected")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT)
    role = models.CharField(_("chức vụ"), max_length=200)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.role} · {self.unit}"


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")
    DROPPED = "dropped", _("Không thực hiện")


class FollowUp(models.Model):
    """What an inspection asked for, by when, and whether it was done."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="follow_ups")
    action = models.CharField(_("việc cần làm"), max_length=500)
    responsible = models.ForeignKey(
        Unit, verbose_name=_("đơn vị thực hiện"), null=True, blank=True, on_delete=models.PROTECT
    )
    due = models.DateField(_("hạn"))
    status = models.CharField(
        _("tình trạng"), max_length=8, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )

    class Meta:
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.action


class AttachmentKind(models.TextChoices):
    MINUTES = "minutes", _("Biên bản")
    ATTENDANCE = "attendance", _("Danh sách điểm danh")
    PLAN = "plan", _("Kế hoạch")
    OTHER = "other", _("Tài liệu khác")


class Attachment(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("loại tài liệu"), max_length=16, choices=AttachmentKind.choices)
    file = models.FileField(upload_to="activities/%Y/")
    name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name
