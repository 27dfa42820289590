from django import forms
from django.utils.translation import gettext_lazy as _

from tongket.core.periods import Window
from tongket.programmes.models import Programme
from tongket.reviews.models import ReviewKind, ReviewStyle


class ComposeForm(forms.Form):
    unit = forms.CharField(label=_("Mã đơn vị"), max_length=64)
    programme = forms.ModelChoiceField(
        label=_("Chương trình"), queryset=Programme.objects.order_by("name")
    )
    window = forms.CharField(
        label=_("Giai đoạn"),
        initial="2019..2023",
        max_length=32,
        help_text=_("Ví dụ 2019..2023, 2022Q1..2022Q3 (9 tháng đầu năm)"),
    )
    kind = forms.ChoiceField(
        label=_("Loại báo cáo"), choices=ReviewKind.choices, initial=ReviewKind.INTERIM
    )
    style = forms.ChoiceField(
        label=_("Thể thức"), choices=ReviewStyle.choices, initial=ReviewStyle.PARTY
    )

    def clean_window(self) -> str:
        try:
            return Window.parse(self.cleaned_data["window"].strip()).id
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error


class DetailsForm(forms.Form):
    number = forms.CharField(label=_("Số"), max_length=16, required=False)
    place = forms.CharField(label=_("Địa danh"), max_length=64, required=False)
    issue_date = forms.DateField(
        label=_("Ngày ban hành"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    signer = forms.CharField(label=_("Người ký"), max_length=128, required=False)
