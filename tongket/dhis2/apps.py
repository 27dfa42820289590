from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Dhis2Config(AppConfig):
    """DHIS2's Web API spoken by tongket: data value sets and metadata (top layer)."""

    name = "tongket.dhis2"
    verbose_name = _("Tương thích DHIS2")
    default_auto_field = "django.db.models.BigAutoField"
