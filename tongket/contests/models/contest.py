"""A contest at a unit, its rounds, its rubric and each round's jury."""

from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tongket.contests.calibration import METHODS
from tongket.org.models import Unit

if TYPE_CHECKING:
    from tongket.contests.models.entry import Entry

# How a round may rank its entries: the scores ``calibrate`` returns.
RANKING_METHODS = {
    "raw_mean": _("Điểm trung bình"),
    "trimmed_mean": _("Trung bình bỏ điểm cao nhất, thấp nhất"),
    "zscore_mean": _("Điểm chuẩn hóa theo giám khảo"),
    "model_score": _("Điểm hiệu chỉnh"),
}
assert set(RANKING_METHODS) == set(METHODS)


class Contest(models.Model):
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT, related_name="contests"
    )
    name = models.CharField(_("tên cuộc thi"), max_length=255)
    year = models.PositiveSmallIntegerField(_("năm"))
    rules = models.TextField(_("thể lệ"), blank=True)
    opens_on = models.DateField(_("nhận bài từ"), null=True, blank=True)
    closes_on = models.DateField(_("hạn nhận bài"), null=True, blank=True)
    results_on = models.DateField(_("công bố kết quả"), null=True, blank=True)
    categories = models.JSONField(_("thể loại"), default=list, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cuộc thi cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cuộc thi")
        verbose_name_plural = pgettext_lazy("plural", "cuộc thi")
        ordering = ["-year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True)
                | Q(opens_on__isnull=True)
                | Q(closes_on__gte=F("opens_on")),
                name="contest_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    def first_round(self) -> "Round | None":
        return self.rounds.order_by("order").first()

    def last_round(self) -> "Round | None":
        return self.rounds.order_by("-order").first()


class Round(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="rounds")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("tên vòng"), max_length=120)
    advance_count = models.PositiveIntegerField(_("số bài vào vòng sau"), null=True, blank=True)
    judges_per_entry = models.PositiveSmallIntegerField(_("số giám khảo mỗi bài"), default=3)
    ranking_method = models.CharField(
        _("xếp hạng theo"),
        max_length=16,
        choices=list(RANKING_METHODS.items()),
        default="model_score",
    )
    results_at = models.DateTimeField(_("tính kết quả lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("vòng thi")
        verbose_name_plural = pgettext_lazy("plural", "vòng thi")
        ordering = ["contest", "order"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "order"], name="round_order_unique"),
            models.CheckConstraint(condition=Q(judges_per_entry__gte=1), name="round_needs_judge"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def next_round(self) -> "Round | None":
        return self.contest.rounds.filter(order__gt=self.order).order_by("order").first()

    def entries(self) -> "models.QuerySet[Entry]":
        """The entries that reached this round (an entry stays in every round it passed)."""
        return self.contest.entries.filter(reached__gte=self.order)


class Criterion(models.Model):
    """One line of the rubric; an assignment's total is the weighted share of the maxima."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("tiêu chí"), max_length=255)
    weight = models.DecimalField(_("trọng số"), max_digits=5, decimal_places=2, default=Decimal(1))
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("tiêu chí chấm")
        verbose_name_plural = pgettext_lazy("plural", "tiêu chí chấm")
        ordering = ["contest", "order"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "order"], name="criterion_order_unique"),
            models.CheckConstraint(condition=Q(max_points__gt=0), name="criterion_max_positive"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class JuryMember(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="jury")
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="jury_seats"
    )

    class Meta:
        verbose_name = _("giám khảo")
        verbose_name_plural = pgettext_lazy("plural", "giám khảo")
        constraints = [
            models.UniqueConstraint(fields=["round", "judge"], name="jury_member_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.judge} · {self.round}"
