from django import forms
from django.utils.translation import gettext_lazy as _

from tongket.org.models import ChangeKind, UnitKind


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


class UnitChangeForm(forms.Form):
    """One change of the tree, about the unit whose page it is on."""

    kind = forms.ChoiceField(label=_("Loại thay đổi"), choices=ChangeKind.choices)
    effective = forms.DateField(
        label=_("Có hiệu lực từ"), widget=forms.DateInput(attrs={"type": "date"})
    )
    document = forms.CharField(
        label=_("Số, ký hiệu văn bản quyết định"), max_length=128, required=False
    )
    name = forms.CharField(label=_("Tên mới (đổi tên)"), max_length=255, required=False)
    parent = forms.CharField(
        label=_("Mã đơn vị cấp trên mới (chuyển) hoặc đơn vị kế thừa (giải thể)"),
        max_length=64,
        required=False,
    )
    others = forms.CharField(
        label=_("Mã các đơn vị cùng hợp nhất (cách nhau bởi dấu phẩy)"),
        max_length=2000,
        required=False,
    )
    into = forms.CharField(
        label=_("Mã đơn vị nhận (hợp nhất) hoặc các đơn vị kế thừa (chia tách)"),
        max_length=2000,
        required=False,
    )
    shares = forms.CharField(
        label=_("Tỷ lệ lịch sử chuyển sang, ví dụ A=1; B=0,5 (bỏ trống: toàn bộ cho đơn vị đầu)"),
        max_length=2000,
        required=False,
    )
