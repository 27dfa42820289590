"""Programmes and the indicators their units report on.

Follows DHIS2's aggregate model, made smaller: an indicator is a data element with
its own aggregation, an optional disaggregation (category) and an optional formula
that makes it computed from others.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tongket.core.periods import PeriodType
from tongket.org.models import Unit


class Programme(models.Model):
    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    description = models.TextField(_("mô tả"), blank=True)
    owner = models.ForeignKey(
        Unit, verbose_name=_("đơn vị chủ trì"), on_delete=models.PROTECT, related_name="programmes"
    )
    start = models.DateField(_("bắt đầu"), null=True, blank=True)
    end = models.DateField(_("kết thúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("chương trình")
        verbose_name_plural = pgettext_lazy("plural", "chương trình")

    def __str__(self) -> str:
        return self.name


class ValueType(models.TextChoices):
    INTEGER = "integer", _("Số nguyên")
    NUMBER = "number", _("Số")
    PERCENTAGE = "percentage", _("Tỷ lệ %")
    BOOLEAN = "boolean", _("Có/Không")
    TEXT = "text", pgettext_lazy("value type", "Văn bản")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Tổng")
    AVERAGE = "average", _("Trung bình")
    MIN = "min", _("Nhỏ nhất")
    MAX = "max", _("Lớn nhất")
    LAST = "last", _("Giá trị cuối kỳ")
    COUNT = "count", _("Số đơn vị báo cáo")


PERIOD_TYPE_CHOICES = [
    (PeriodType.MONTHLY.value, _("Tháng")),
    (PeriodType.QUARTERLY.value, _("Quý")),
    (PeriodType.SIX_MONTHLY.value, _("6 tháng")),
    (PeriodType.NINE_MONTHS.value, _("9 tháng đầu năm")),
    (PeriodType.YEARLY.value, _("Năm")),
]


class Category(models.Model):
    """A disaggregation: e.g. participants by group (cán bộ chủ chốt, đảng viên, …)."""

    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=255)

    class Meta:
        verbose_name = _("phân tổ")
        verbose_name_plural = pgettext_lazy("plural", "phân tổ")

    def __str__(self) -> str:
        return self.name


class CategoryOption(models.Model):
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="options")
    code = models.CharField(_("mã"), max_length=32)
    name = models.CharField(_("tên"), max_length=255)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("nhóm phân tổ")
        verbose_name_plural = pgettext_lazy("plural", "nhóm phân tổ")
        ordering = ["sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["category", "code"], name="option_code_per_category")
        ]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=32, blank=True)
    value_type = models.CharField(
        _("kiểu giá trị"), max_length=16, choices=ValueType.choices, default=ValueType.INTEGER
    )
    aggregation = models.CharField(
        _("cách tổng hợp"), max_length=16, choices=Aggregation.choices, default=Aggregation.SUM
    )
    period_type = models.CharField(
        _("kỳ báo cáo"), max_length=16, choices=PERIOD_TYPE_CHOICES, default=PeriodType.YEARLY.value
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("phân tổ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    formula = models.CharField(
        _("công thức"),
        max_length=500,
        blank=True,
        help_text=_("Để trống nếu đơn vị nhập số liệu; ví dụ {HT_DAHOC} / {HT_TONG} * 100."),
    )
    source = models.CharField(
        _("tính từ hồ sơ"),
        max_length=64,
        blank=True,
        help_text=_(
            "Để trống nếu đơn vị nhập số liệu; ví dụ activities:count:training "
            "(số lớp tập huấn tính từ sổ hoạt động)."
        ),
    )
    description = models.TextField(_("giải thích"), blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = pgettext_lazy("plural", "chỉ tiêu")
        ordering = ["sort_order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(formula="") | Q(category__isnull=True),
                name="computed_indicator_has_no_disaggregation",
            ),
            models.CheckConstraint(
                condition=Q(formula="") | Q(source=""),
                name="indicator_has_one_way_of_computing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"

    @property
    def is_computed(self) -> bool:
        return bool(self.formula)

    @property
    def is_entered(self) -> bool:
        """Typed in by units, as opposed to computed by a formula or from records."""
        return not self.formula and not self.source

    @property
    def is_from_records(self) -> bool:
        """Computed from a record app's register (activities, honours, channels)."""
        return bool(self.source)

    @property
    def source_app(self) -> str:
        """The record app that computes this indicator: `activities` of `activities:count:training`."""
        return self.source.split(":", 1)[0]

    @property
    def is_numeric(self) -> bool:
        return self.value_type != ValueType.TEXT


class Target(models.Model):
    """What a unit aims for on an indicator over a period or a window."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="targets")
    period = models.CharField(_("kỳ"), max_length=32, help_text=_("Ví dụ 2023 hoặc 2019..2023"))
    value = models.DecimalField(_("chỉ tiêu đề ra"), max_digits=20, decimal_places=4)

    class Meta:
        verbose_name = _("mục tiêu")
        verbose_name_plural = pgettext_lazy("plural", "mục tiêu")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "period"], name="one_target_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.unit.code} {self.period}: {self.value}"
