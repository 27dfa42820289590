"""One audit trail for every app: who changed what, when, before and after, through what.

A single table rather than one history table per app, so the trail of a unit, a value
or a contest reads the same way and cannot disagree with another app's. Events are
immutable: the application never updates or deletes one. The unit is stored by id and
path (not a foreign key), so a trail outlives the object and is scoped by subtree.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Via(models.TextChoices):
    WEB = "web", _("Trang web")
    API = "api", _("API")
    CLI = "cli", _("Dòng lệnh")
    FILE = "file", _("Nhập tệp")
    SYSTEM = "system", _("Hệ thống")


class ImmutableEvent(Exception):
    """An audit event was about to be changed or deleted."""


class AuditEvent(models.Model):
    at = models.DateTimeField(_("lúc"), db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(_("thao tác"), max_length=64)
    object_type = models.CharField(_("loại đối tượng"), max_length=64)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("đối tượng"), max_length=255, blank=True)
    unit_path = models.CharField(max_length=255, blank=True, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    via = models.CharField(_("qua"), max_length=8, choices=Via.choices, default=Via.WEB)

    class Meta:
        verbose_name = _("sự kiện thay đổi")
        verbose_name_plural = pgettext_lazy("plural", "sự kiện thay đổi")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.by_name} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if self.pk is not None:
            raise ImmutableEvent(self.pk)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise ImmutableEvent(self.pk)
