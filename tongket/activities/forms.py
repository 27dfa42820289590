from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tongket.activities.actions import ActivityInput, Count
from tongket.activities.models import ActivityKind, AttachmentKind, FollowUpStatus
from tongket.activities.queries import SORTS
from tongket.org.models import Role, Unit
from tongket.org.scope import User, can, membership_of, unit_for

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
SORT_CHOICES = [
    ("-date", _("Mới nhất trước")),
    ("date", _("Cũ nhất trước")),
    ("title", _("Theo tên (A–Z)")),
    ("unit", _("Theo đơn vị")),
    ("kind", _("Theo loại")),
]
assert {code for code, _label in SORT_CHOICES} == set(SORTS)


def _date_field(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _codes(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


class ActivityForm(forms.Form):
    """One activity; a reporter's organiser is fixed to their unit, so the phone form is short."""

    kind = forms.ChoiceField(label=_("Loại hoạt động"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Tên hoạt động"), max_length=300)
    date = _date_field(_("Ngày"))
    end_date = _date_field(_("Đến ngày (nếu nhiều ngày)"), required=False)
    organiser = forms.CharField(label=_("Đơn vị tổ chức (mã)"), max_length=64)
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    documents = forms.CharField(
        label=_("Văn bản học tập, quán triệt"),
        required=False,
        max_length=500,
        help_text=_("Số, ký hiệu, cách nhau bởi dấu phẩy: 35-NQ/TW, 135-KH/TU"),
    )
    lecturers = forms.CharField(label=_("Báo cáo viên"), max_length=500, required=False)
    co_organisers = forms.CharField(
        label=_("Đơn vị phối hợp (mã, cách nhau bởi dấu phẩy)"), max_length=500, required=False
    )
    subject = forms.CharField(
        label=_("Nội dung kiểm tra, giám sát"), max_length=500, required=False
    )
    inspected_units = forms.CharField(
        label=_("Đơn vị được kiểm tra (mã, cách nhau bởi dấu phẩy)"),
        max_length=1000,
        required=False,
    )
    conclusions = forms.CharField(
        label=_("Kết luận"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    notes = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, user: User, groups: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user, self.groups = user, groups
        membership = membership_of(user)
        if membership is not None and not can(user, Role.MANAGER, membership.unit):
            self.fields["organiser"].widget = forms.HiddenInput()
            self.fields["organiser"].initial = membership.unit.code
        elif membership is not None:
            self.fields["organiser"].initial = membership.unit.code
        for code, name in groups.items():
            attrs = {"inputmode": "numeric", "min": "0"}
            self.fields[f"p_{code}"] = forms.IntegerField(
                label=name, required=False, min_value=0, widget=forms.NumberInput(attrs=attrs)
            )
            self.fields[f"t_{code}"] = forms.IntegerField(
                label=_("trên tổng số"),
                required=False,
                min_value=0,
                widget=forms.NumberInput(attrs=attrs),
            )

    def group_rows(self) -> list[tuple[Any, Any]]:
        return [(self[f"p_{code}"], self[f"t_{code}"]) for code in self.groups]

    def _unit(self, code: str, field: str) -> Unit:
        try:
            return unit_for(self.user, code)
        except Unit.DoesNotExist:
            raise forms.ValidationError(
                {field: _("Không có đơn vị “%(code)s” trong phạm vi của bạn.") % {"code": code}}
            ) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        data["organiser_unit"] = self._unit(data["organiser"], "organiser")
        data["co_organiser_units"] = [
            self._unit(c, "co_organisers") for c in _codes(data["co_organisers"])
        ]
        data["inspected"] = [
            self._unit(c, "inspected_units") for c in _codes(data["inspected_units"])
        ]
        return data

    def to_input(self) -> ActivityInput:
        data = self.cleaned_data
        participants = {}
        for code in self.groups:
            count, target = data.get(f"p_{code}"), data.get(f"t_{code}")
            if count is not None or target is not None:
                participants[code] = Count(count or 0, target)
        return ActivityInput(
            organiser=data["organiser_unit"],
            kind=data["kind"],
            title=data["title"],
            date=data["date"],
            end_date=data["end_date"],
            place=data["place"],
            documents=_codes(data["documents"]),
            lecturers=data["lecturers"],
            notes=data["notes"],
            participants=participants,
            co_organisers=data["co_organiser_units"],
            subject=data["subject"],
            conclusions=data["conclusions"],
            inspected_units=data["inspected"],
        )


def initial_from(activity: Any) -> dict[str, Any]:
    initial = {
        "kind": activity.kind,
        "title": activity.title,
        "date": activity.date,
        "end_date": activity.end_date,
        "organiser": activity.organiser.code,
        "place": activity.place,
        "documents": ", ".join(activity.documents),
        "lecturers": activity.lecturers,
        "co_organisers": ", ".join(u.code for u in activity.co_organisers.all()),
        "subject": activity.subject,
        "inspected_units": ", ".join(u.code for u in activity.inspected_units.all()),
        "conclusions": activity.conclusions,
        "notes": activity.notes,
    }
    for p in activity.participants.all():
        initial[f"p_{p.group}"], initial[f"t_{p.group}"] = p.count, p.target
    return initial


class FilterForm(forms.Form):
    q = forms.CharField(required=False, label=_("Tìm"))
    kind = forms.ChoiceField(
        required=False, label=_("Loại"), choices=[("", _("Mọi loại")), *ActivityKind.choices]
    )
    unit = forms.CharField(required=False, label=_("Đơn vị (mã)"))
    own = forms.BooleanField(required=False, label=_("chỉ đơn vị này"))
    document = forms.CharField(required=False, label=_("Văn bản"))
    period = forms.CharField(required=False, label=_("Kỳ"), help_text=_("2023, 2023Q1, 2019..2023"))
    sort = forms.ChoiceField(required=False, label=_("Sắp xếp"), choices=SORT_CHOICES)


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=AttachmentKind.choices)
    file = forms.FileField(label=_("Tệp"), help_text=_("PDF, Word, Excel hoặc ảnh, tối đa 10 MB."))


def _placeholder(text: Any) -> forms.TextInput:
    return forms.TextInput(attrs={"placeholder": text, "aria-label": text})


class InspectedPersonForm(forms.Form):
    unit = forms.CharField(
        label=_("Đơn vị (mã)"), max_length=64, widget=_placeholder(_("Mã đơn vị"))
    )
    role = forms.CharField(
        label=_("Chức vụ"),
        max_length=200,
        help_text=_("Chỉ ghi chức vụ, không ghi họ tên."),
        widget=_placeholder(_("Chức vụ (không ghi họ tên)")),
    )


class FollowUpForm(forms.Form):
    action = forms.CharField(
        label=_("Việc cần khắc phục"), max_length=500, widget=_placeholder(_("Việc cần khắc phục"))
    )
    due = _date_field(_("Hạn"))
    responsible = forms.CharField(
        label=_("Đơn vị thực hiện (mã)"),
        max_length=64,
        required=False,
        widget=_placeholder(_("Mã đơn vị thực hiện")),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["due"].widget.attrs["aria-label"] = _("Hạn")


class FollowUpStatusForm(forms.Form):
    status = forms.ChoiceField(choices=FollowUpStatus.choices)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp XLSX"),
        help_text=_("Các cột như tệp mẫu; sai một dòng thì không nhập dòng nào."),
    )
