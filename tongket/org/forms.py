from django import forms
from django.utils.translation import gettext_lazy as _

from tongket.org.models import UnitKind


class UnitSearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm đơn vị"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Loại"), required=False, choices=[("", _("Tất cả loại")), *UnitKind.choices]
    )
    active = forms.BooleanField(label=_("Chỉ đơn vị đang hoạt động"), required=False)


class UnitImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách đơn vị"),
        help_text=_(
            "CSV, XLSX hoặc JSON với các cột code, name, kind, parent, valid_from, valid_to."
        ),
    )
