"""Forms of the contest pages. Lists (rounds, criteria, authors) are typed one per line,
fields separated by "|", which a secretariat clerk fills faster than a formset."""

from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django import forms
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tongket.contests.access import visible_contests
from tongket.contests.intake import AuthorInput
from tongket.contests.models import Contest, PrizeRank
from tongket.contests.setup import CriterionSpec, RoundSpec
from tongket.org.models import Role, Unit
from tongket.org.scope import can, unit_for


def _lines(text: str) -> list[list[str]]:
    return [
        [part.strip() for part in line.split("|")] for line in text.splitlines() if line.strip()
    ]


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError as error:
        raise forms.ValidationError(_("“%(text)s” không phải là số.") % {"text": text}) from error


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation as error:
        raise forms.ValidationError(_("“%(text)s” không phải là số.") % {"text": text}) from error


class ContestForm(forms.Form):
    unit = forms.CharField(label=_("Mã đơn vị tổ chức"), max_length=64)
    name = forms.CharField(label=_("Tên cuộc thi"), max_length=255)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    rules = forms.CharField(
        label=_("Thể lệ"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    opens_on = forms.DateField(label=_("Nhận bài từ"), required=False)
    closes_on = forms.DateField(label=_("Hạn nhận bài"), required=False)
    categories = forms.CharField(
        label=_("Thể loại"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mỗi dòng một thể loại; để trống nếu không chia thể loại."),
    )
    rounds = forms.CharField(
        label=_("Các vòng"),
        widget=forms.Textarea(attrs={"rows": 3}),
        initial="Sơ khảo | 20 | 2\nChung khảo | | 3",
        help_text=_("Mỗi dòng: tên vòng | số bài vào vòng sau | số giám khảo chấm mỗi bài."),
    )
    criteria = forms.CharField(
        label=_("Tiêu chí chấm"),
        widget=forms.Textarea(attrs={"rows": 4}),
        initial="Nội dung, tư tưởng | 40\nTính thuyết phục, lập luận | 30\n"
        "Tính sáng tạo, thực tiễn | 20\nHình thức trình bày | 10",
        help_text=_("Mỗi dòng: tên tiêu chí | điểm tối đa | trọng số (mặc định 1)."),
    )
    parent = forms.ModelChoiceField(
        label=_("Cuộc thi cấp trên"), queryset=Contest.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        parent = cast(forms.ModelChoiceField, self.fields["parent"])
        parent.queryset = visible_contests(user).select_related("unit")

    def clean_unit(self) -> Unit:
        try:
            unit = unit_for(self.user, self.cleaned_data["unit"].strip())
        except Unit.DoesNotExist as missing:
            raise forms.ValidationError(
                _("Không có đơn vị này trong phạm vi của bạn.")
            ) from missing
        if not can(self.user, Role.MANAGER, unit):
            raise forms.ValidationError(_("Bạn cần vai trò quản lý ở đơn vị này."))
        return unit

    def clean_categories(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data["categories"].splitlines() if line.strip()
        ]

    def clean_rounds(self) -> list[RoundSpec]:
        specs = []
        for parts in _lines(self.cleaned_data["rounds"]):
            parts += ["", ""]
            specs.append(
                RoundSpec(
                    name=parts[0],
                    advance_count=_integer(parts[1]) if parts[1] else None,
                    judges_per_entry=_integer(parts[2]) if parts[2] else 3,
                )
            )
        if not specs:
            raise forms.ValidationError(_("Cần ít nhất một vòng."))
        return specs

    def clean_criteria(self) -> list[CriterionSpec]:
        specs = []
        for parts in _lines(self.cleaned_data["criteria"]):
            if len(parts) < 2:
                raise forms.ValidationError(_("Mỗi tiêu chí cần tên và điểm tối đa."))
            maximum = _decimal(parts[1])
            weight = _decimal(parts[2]) if len(parts) > 2 and parts[2] else Decimal(1)
            if maximum <= 0 or weight <= 0:
                raise forms.ValidationError(_("Điểm tối đa và trọng số phải lớn hơn 0."))
            specs.append(CriterionSpec(parts[0], maximum, weight))
        if not specs:
            raise forms.ValidationError(_("Cần ít nhất một tiêu chí."))
        return specs


class EntryForm(forms.Form):
    title = forms.CharField(label=_("Tên bài"), max_length=500)
    submitting_unit = forms.ModelChoiceField(
        label=_("Đơn vị gửi bài"), queryset=Unit.objects.none()
    )
    category = forms.ChoiceField(label=_("Thể loại"), required=False)
    authors = forms.CharField(
        label=_("Tác giả"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một tác giả: họ và tên | năm sinh. Bài của nhóm: nhiều dòng."),
    )
    text = forms.CharField(
        label=_("Nội dung bài"), widget=forms.Textarea(attrs={"rows": 10}), required=False
    )
    file = forms.FileField(label=_("Hoặc tệp bài (.docx, .pdf, .txt)"), required=False)

    def __init__(
        self, *args: Any, units: QuerySet[Unit], categories: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["submitting_unit"]).queryset = units
        choices = [("", "—"), *((c, c) for c in categories)]
        cast(forms.ChoiceField, self.fields["category"]).choices = choices
        if not categories:
            del self.fields["category"]

    def clean_authors(self) -> list[AuthorInput]:
        authors = []
        for parts in _lines(self.cleaned_data["authors"]):
            if len(parts) < 2 or not parts[1]:
                raise forms.ValidationError(_("Mỗi tác giả cần họ tên và năm sinh."))
            authors.append(AuthorInput(parts[0], _integer(parts[1])))
        if not authors:
            raise forms.ValidationError(_("Cần ít nhất một tác giả."))
        return authors


class PrizeForm(forms.Form):
    rank = forms.ChoiceField(label=_("Giải"), choices=PrizeRank.choices)
    category = forms.CharField(label=_("Thể loại"), required=False, max_length=120)
    entry_code = forms.CharField(label=_("Mã bài (giải cá nhân)"), required=False, max_length=16)
    unit_code = forms.CharField(label=_("Mã đơn vị (giải tập thể)"), required=False, max_length=64)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=255)
