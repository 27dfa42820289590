from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tongket.documents.models import DocumentStatus
from tongket.documents.queries import Facets, Filters, programmes_for, units_to_choose
from tongket.org.scope import User
from tongket.vn.doctypes import GENERIC_TYPE_WORD, TYPE_WORDS

# The types a secretariat registers most, first; then every other type the reader knows.
COMMON_TYPES = [
    "Nghị quyết",
    "Kế hoạch",
    "Chỉ thị",
    "Kết luận",
    "Quy định",
    "Quyết định",
    "Hướng dẫn",
    "Thông báo",
    "Báo cáo",
    "Công văn",
    "Đề án",
    "Chương trình",
    "Nghị định",
    "Thông tư",
    "Luật",
]
DOCUMENT_TYPES = COMMON_TYPES + sorted(
    set(TYPE_WORDS) - set(COMMON_TYPES) - {GENERIC_TYPE_WORD}, key=TYPE_WORDS.index
)
SORT_CHOICES = [
    ("-date", _("Mới ban hành trước")),
    ("date", _("Cũ trước")),
    ("type", _("Theo loại và số")),
    ("title", _("Theo trích yếu (A–Z)")),
]


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{'— ' * (obj.level - self.top_level)}{obj.name}"

    top_level = 1


def _unit_field(user: User, *, required: bool, label: Any) -> UnitChoiceField:
    units = units_to_choose(user)
    field = UnitChoiceField(
        queryset=units,
        required=required,
        label=label,
        to_field_name="code",
        empty_label=None if required else _("Mọi đơn vị"),
    )
    first = units.first()
    field.top_level = first.level if first else 1
    return field


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp văn bản"), help_text=_("Word (.docx), PDF có lớp chữ, hoặc văn bản .txt.")
    )
    doc_type = forms.ChoiceField(
        label=_("Loại văn bản"),
        required=False,
        choices=[("", _("Tự nhận từ văn bản")), *((t, t) for t in DOCUMENT_TYPES)],
    )
    symbol = forms.CharField(
        label=_("Số, ký hiệu"),
        required=False,
        max_length=64,
        help_text=_("Để trống để đọc từ dòng “Số …” ở đầu văn bản."),
    )
    issue_date = forms.DateField(
        label=_("Ngày ban hành"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    issuer = forms.CharField(label=_("Cơ quan ban hành"), required=False, max_length=255)
    title = forms.CharField(label=_("Trích yếu"), required=False, max_length=500)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = _unit_field(user, required=True, label=_("Đơn vị ban hành"))
        self.fields["programme"] = forms.ModelChoiceField(
            queryset=programmes_for(user),
            required=False,
            label=_("Thuộc chương trình"),
            empty_label=_("Không thuộc chương trình nào"),
        )
        self.order_fields(["file", "owner", "programme"])


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm"), required=False, max_length=200)
    doc_type = forms.ChoiceField(label=_("Loại"), required=False)
    issuer = forms.ChoiceField(label=_("Cơ quan ban hành"), required=False)
    year = forms.TypedChoiceField(label=_("Năm"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Mọi trạng thái")), *DocumentStatus.choices],
    )
    sort = forms.ChoiceField(label=_("Sắp xếp"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args: Any, user: User, facets: Facets, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["doc_type"].choices = [("", _("Mọi loại")), *((t, t) for t in facets.types)]  # type: ignore[attr-defined]
        self.fields["issuer"].choices = [  # type: ignore[attr-defined]
            ("", _("Mọi cơ quan")),
            *((name, name) for name in facets.issuers),
        ]
        self.fields["year"].choices = [("", _("Mọi năm")), *((y, y) for y in facets.years)]  # type: ignore[attr-defined]
        self.fields["unit"] = _unit_field(user, required=False, label=_("Đơn vị"))
        self.fields["programme"] = forms.ModelChoiceField(
            queryset=programmes_for(user),
            required=False,
            label=_("Chương trình"),
            empty_label=_("Mọi chương trình"),
        )
        for field in self.fields.values():  # the filters show no labels, only their choices
            field.widget.attrs.setdefault("aria-label", field.label)

    def filters(self) -> Filters:
        """The filters to apply; invalid values (a stale link, a tampered URL) are dropped."""
        self.is_valid()
        data = self.cleaned_data
        return Filters(
            query=data.get("q") or "",
            doc_type=data.get("doc_type") or "",
            issuer=data.get("issuer") or "",
            year=data.get("year"),
            unit=data.get("unit"),
            programme=data.get("programme"),
            status=data.get("status") or "",
            sort=data.get("sort") or "-date",
        )
