"""The page where a manager maps DHIS2 codes that differ from tongket's."""

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tongket.audit.actions import record
from tongket.dhis2.models import CodeMapping, MappingKind
from tongket.org.models import Role, Unit
from tongket.org.scope import require, unit_for
from tongket.programmes.models import CategoryOption, Indicator


class MappingForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Loại"), choices=MappingKind.choices)
    external = forms.CharField(label=gettext_lazy("Mã bên DHIS2"), max_length=64)
    code = forms.CharField(label=gettext_lazy("Mã trong tongket"), max_length=64)

    def __init__(self, *args, user: object, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        kind, code = data.get("kind"), str(data.get("code", "")).strip()
        known = {
            MappingKind.ORG_UNIT: lambda: _unit_visible(self.user, code),
            MappingKind.DATA_ELEMENT: lambda: Indicator.objects.filter(code=code).exists(),
            MappingKind.OPTION: lambda: CategoryOption.objects.filter(code=code).exists(),
        }
        if kind in known and code and not known[kind]():
            self.add_error(
                "code", _("Không có mã “%(code)s” trong phạm vi của bạn.") % {"code": code}
            )
        return data


def _unit_visible(user: object, code: str) -> bool:
    try:
        unit_for(user, code)  # type: ignore[arg-type]
    except Unit.DoesNotExist:
        return False
    return True


@login_required
def mappings(request: HttpRequest) -> HttpResponse:
    membership = require(request.user, Role.MANAGER)
    form = MappingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        mapping, _created = CodeMapping.objects.update_or_create(
            kind=data["kind"],
            external=data["external"].strip(),
            defaults={"code": data["code"].strip(), "created_by": cast(User, request.user)},
        )
        record(
            by=request.user,
            action="dhis2.map",
            obj=mapping,
            unit_path=membership.unit.path,
            after={"kind": mapping.kind, "external": mapping.external, "code": mapping.code},
        )
        messages.success(request, _("Đã lưu: %(mapping)s.") % {"mapping": mapping})
        return redirect("dhis2_pages:mappings")
    listed = CodeMapping.objects.select_related("created_by")
    return render(request, "dhis2/mappings.html", {"form": form, "mappings": listed})


@login_required
@require_POST
def delete_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require(request.user, Role.MANAGER)
    mapping = get_object_or_404(CodeMapping, pk=pk)
    record(
        by=request.user,
        action="dhis2.unmap",
        obj=mapping,
        unit_path=membership.unit.path,
        before={"kind": mapping.kind, "external": mapping.external, "code": mapping.code},
    )
    mapping.delete()
    messages.success(request, _("Đã xóa ánh xạ."))
    return redirect("dhis2_pages:mappings")
