"""Judging: conflicts of interest, who reads what, and the score sheets."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tongket.contests.models.contest import Criterion, Round
from tongket.contests.models.entry import Entry


class ConflictSource(models.TextChoices):
    DECLARED = "declared", _("Giám khảo tự khai")
    DETECTED = "detected", _("Phát hiện theo đơn vị")


class ConflictOfInterest(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="conflicts")
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contest_conflicts"
    )
    source = models.CharField(max_length=16, choices=ConflictSource.choices)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("xung đột lợi ích")
        verbose_name_plural = pgettext_lazy("plural", "xung đột lợi ích")
        constraints = [
            models.UniqueConstraint(fields=["entry", "judge"], name="conflict_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.judge_id} × {self.entry_id} ({self.source})"


class Assignment(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="assignments")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="assignments")
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contest_assignments"
    )
    manual = models.BooleanField(default=False)
    comment = models.TextField(_("nhận xét"), blank=True)
    total = models.DecimalField(max_digits=7, decimal_places=3, null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("phân công chấm")
        verbose_name_plural = pgettext_lazy("plural", "phân công chấm")
        ordering = ["round", "entry__code", "judge__username"]
        constraints = [
            models.UniqueConstraint(fields=["round", "entry", "judge"], name="assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.judge_id} → {self.entry_id} ({self.round_id})"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="score_unique"),
            models.CheckConstraint(condition=Q(points__gte=0), name="score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.points}"
