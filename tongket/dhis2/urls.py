"""DHIS2's paths under /api/, with its optional version (/api/40/…) and format suffix."""

from django.urls import re_path

from tongket.dhis2 import views

_VERSION = r"(?:(?P<version>[0-9]{2})/)?"
_SUFFIX = r"(?P<suffix>\.json|\.csv|\.xml|\.adx)?/?$"

urlpatterns = [
    re_path(rf"^{_VERSION}dataValueSets{_SUFFIX}", views.data_value_sets, name="data_value_sets"),
    re_path(
        rf"^{_VERSION}(?P<resource>organisationUnits|dataElements|dataSets|categoryOptionCombos)"
        rf"{_SUFFIX}",
        views.metadata,
        name="metadata",
    ),
    re_path(rf"^{_VERSION}system/info{_SUFFIX}", views.system_info, name="system_info"),
]
