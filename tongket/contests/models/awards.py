"""What judging leads to: each round's stored results, and the prizes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tongket.contests.models.contest import Contest, Round
from tongket.contests.models.entry import Entry
from tongket.org.models import Unit


class RoundResult(models.Model):
    """An entry's scores in a round as ``calibrate`` gave them when last computed."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="results")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="results")
    judges = models.PositiveSmallIntegerField()
    raw_mean = models.FloatField()
    trimmed_mean = models.FloatField()
    zscore_mean = models.FloatField()
    model_score = models.FloatField()
    spread = models.FloatField()
    disputed = models.BooleanField(default=False)
    rank = models.PositiveIntegerField()
    advanced = models.BooleanField(default=False)

    class Meta:
        ordering = ["round", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["round", "entry"], name="result_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.round_id} #{self.rank}: {self.entry_id}"


class PrizeRank(models.TextChoices):
    SPECIAL = "special", _("Giải Đặc biệt")
    FIRST = "first", _("Giải Nhất")
    SECOND = "second", _("Giải Nhì")
    THIRD = "third", _("Giải Ba")
    CONSOLATION = "consolation", _("Giải Khuyến khích")
    COLLECTIVE = "collective", _("Giải Tập thể")


class Prize(models.Model):
    """A prize to an entry (its authors) or to a collective (a unit)."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="prizes")
    category = models.CharField(_("thể loại"), max_length=120, blank=True)
    rank = models.CharField(_("giải"), max_length=16, choices=PrizeRank.choices)
    entry = models.ForeignKey(
        Entry, null=True, blank=True, on_delete=models.CASCADE, related_name="prizes"
    )
    collective = models.ForeignKey(
        Unit,
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    awarded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("giải thưởng")
        verbose_name_plural = pgettext_lazy("plural", "giải thưởng")
        ordering = ["contest", "category", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(entry__isnull=False, collective__isnull=True)
                | Q(entry__isnull=True, collective__isnull=False),
                name="prize_to_entry_or_collective",
            ),
            models.UniqueConstraint(
                fields=["contest", "entry"],
                condition=Q(entry__isnull=False),
                name="prize_once_per_entry",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_rank_display()} · {self.entry or self.collective}"

    @property
    def is_collective(self) -> bool:
        return self.collective_id is not None
