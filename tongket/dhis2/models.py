"""Codes that differ between a DHIS2 instance and tongket, as a manager maps them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MappingKind(models.TextChoices):
    ORG_UNIT = "orgUnit", _("Đơn vị")
    DATA_ELEMENT = "dataElement", _("Chỉ tiêu")
    OPTION = "categoryOptionCombo", _("Nhóm phân tổ")


class CodeMapping(models.Model):
    """`external` (a DHIS2 code or UID) means tongket's `code` wherever DHIS2 data arrives."""

    kind = models.CharField(_("loại"), max_length=24, choices=MappingKind.choices)
    external = models.CharField(_("mã bên DHIS2"), max_length=64)
    code = models.CharField(_("mã trong tongket"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ánh xạ mã DHIS2")
        verbose_name_plural = pgettext_lazy("plural", "ánh xạ mã DHIS2")
        ordering = ["kind", "external"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "external"], name="one_mapping_per_code")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.external} → {self.code}"
