"""Report forms, the values units report, and the submission of each report.

A value is stored once per (unit, indicator, disaggregation, period) with who entered
it, when and through what; every change is kept in DataValueChange. Roll-ups are
computed from these rows, never typed in twice.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tongket.core.periods import DaysAfterEnd, Period, PeriodType
from tongket.org.models import Unit
from tongket.programmes.models import PERIOD_TYPE_CHOICES, Indicator, Programme


class ReportForm(models.Model):
    """A set of indicators reported together, each period, by the units it is assigned to."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="forms")
    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    period_type = models.CharField(_("kỳ báo cáo"), max_length=16, choices=PERIOD_TYPE_CHOICES)
    indicators = models.ManyToManyField(Indicator, through="FormIndicator", related_name="forms")
    unit_kinds = models.JSONField(
        _("loại đơn vị báo cáo"),
        default=list,
        blank=True,
        help_text=_("Các loại đơn vị phải nộp biểu mẫu này, ví dụ ward_committee."),
    )
    due_days = models.PositiveSmallIntegerField(_("hạn nộp (số ngày sau khi hết kỳ)"), default=10)
    parent_may_enter = models.BooleanField(
        _("cấp trên được nhập thay"),
        default=True,
        help_text=_("Cho phép cán bộ cấp trên nhập số liệu thay cho đơn vị trực thuộc."),
    )

    class Meta:
        verbose_name = _("biểu mẫu báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "biểu mẫu báo cáo")

    def __str__(self) -> str:
        return self.name

    def due_date(self, period: Period) -> date:
        return DaysAfterEnd(self.due_days).due_date(period)

    @property
    def period_kind(self) -> PeriodType:
        return PeriodType(self.period_type)

    def is_assigned_to(self, unit: Unit) -> bool:
        return unit.kind in self.unit_kinds


class FormIndicator(models.Model):
    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE)
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE)
    sort_order = models.PositiveSmallIntegerField(default=0)
    section = models.CharField(_("mục"), max_length=255, blank=True)

    class Meta:
        ordering = ["sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["form", "indicator"], name="indicator_once_per_form")
        ]

    def __str__(self) -> str:
        return f"{self.form_id}:{self.indicator_id}"


class Source(models.TextChoices):
    FORM = "form", _("Nhập trên biểu mẫu")
    FILE = "file", _("Nhập từ tệp")
    API = "api", _("API")
    DEMO = "demo", _("Dữ liệu demo")
    RECORDS = "records", _("Tính từ hồ sơ")


class DataValue(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    # The disaggregation option's code; "" for an indicator without disaggregation.
    option = models.CharField(max_length=32, blank=True, default="")
    period = models.CharField(max_length=16)
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.CharField(_("giá trị"), max_length=2000)
    numeric = models.DecimalField(max_digits=20, decimal_places=4, null=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField()
    source = models.CharField(max_length=8, choices=Source.choices)
    form = models.ForeignKey(
        ReportForm, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = pgettext_lazy("plural", "số liệu")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "indicator", "option", "period"], name="one_value_per_cell"
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "period_start", "period_end"]),
            # Each unit's latest value ("last" aggregation) is one seek on this index.
            models.Index(
                fields=["indicator", "unit", "option", "period_end"], name="value_latest_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.indicator.code}{'.' + self.option if self.option else ''} {self.period} = {self.value}"


class DataValueChange(models.Model):
    """The history of a value: every change, with the old and the new value."""

    data_value = models.ForeignKey(DataValue, on_delete=models.CASCADE, related_name="changes")
    old_value = models.CharField(max_length=2000, blank=True)
    new_value = models.CharField(max_length=2000, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField()
    source = models.CharField(max_length=8, choices=Source.choices)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.old_value} → {self.new_value}"


class SubmissionState(models.TextChoices):
    DRAFT = "draft", _("Đang nhập")
    SUBMITTED = "submitted", _("Đã nộp, chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Bị trả lại")


LOCKED_STATES = {SubmissionState.SUBMITTED, SubmissionState.APPROVED}


class Submission(models.Model):
    """One unit's report on one form for one period, and where it stands."""

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="submissions")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="submissions")
    period = models.CharField(max_length=16)
    state = models.CharField(
        max_length=12, choices=SubmissionState.choices, default=SubmissionState.DRAFT
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(blank=True)

    class Meta:
        verbose_name = _("báo cáo đã nộp")
        verbose_name_plural = pgettext_lazy("plural", "báo cáo đã nộp")
        constraints = [
            models.UniqueConstraint(
                fields=["form", "unit", "period"], name="one_submission_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.form.code} {self.unit.code} {self.period}: {self.get_state_display()}"

    @property
    def is_locked(self) -> bool:
        return self.state in LOCKED_STATES

    @property
    def period_object(self) -> Period:
        return Period.parse(self.period)


class SubmissionEvent(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    state = models.CharField(max_length=12, choices=SubmissionState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.state} {self.at:%Y-%m-%d}"


class Severity(models.TextChoices):
    ERROR = "error", _("Lỗi")
    WARNING = "warning", _("Cảnh báo")


class ValidationRule(models.Model):
    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="rules")
    name = models.CharField(_("tên"), max_length=255)
    expression = models.CharField(
        _("quy tắc"), max_length=500, help_text=_("Ví dụ {HT_DAHOC} <= {HT_TONG}")
    )
    severity = models.CharField(max_length=8, choices=Severity.choices, default=Severity.ERROR)
    message = models.CharField(_("thông báo"), max_length=255)

    class Meta:
        verbose_name = _("quy tắc kiểm tra")
        verbose_name_plural = pgettext_lazy("plural", "quy tắc kiểm tra")

    def __str__(self) -> str:
        return self.name
