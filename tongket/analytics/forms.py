import re
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tongket.analytics import queries
from tongket.analytics.rollup import Span, parse_span
from tongket.core.periods import PeriodType
from tongket.org.models import Unit
from tongket.org.queries import visible_ancestors
from tongket.org.scope import User
from tongket.programmes.models import PERIOD_TYPE_CHOICES, CategoryOption, Indicator


def default_window(today: date | None = None) -> str:
    """The last five full years: the usual stretch of an interim review."""
    year = (today or date.today()).year
    return f"{year - 5}..{year - 1}"


# "2019-2023", "2019 – 2023": how people write a window in a letter.
_DASHED_WINDOW = re.compile(r"\s*(\S+?)\s*[-–—]\s*(\S+)\s*")


def _span_or_error(text: str) -> Span:
    """The period or window typed, or the parser's message and, for a window written
    with a dash, how to write it."""
    try:
        return parse_span(text)
    except ValueError as error:
        dashed = _DASHED_WINDOW.fullmatch(text)
        if dashed and _is_span(f"{dashed[1]}..{dashed[2]}"):
            raise forms.ValidationError(
                _("Viết giai đoạn bằng hai dấu chấm giữa hai kỳ: %(window)s.")
                % {"window": f"{dashed[1]}..{dashed[2]}"}
            ) from error
        raise forms.ValidationError(str(error)) from error


def _is_span(text: str) -> bool:
    try:
        parse_span(text)
    except ValueError:
        return False
    return True


class PivotForm(forms.Form):
    """What to tabulate: one indicator over periods, or a set of indicators over one span."""

    indicator = forms.ChoiceField(label=_("Chỉ tiêu"), required=False)
    group = forms.ChoiceField(label=_("hoặc bộ chỉ tiêu"), required=False)
    unit = forms.ChoiceField(label=_("Đơn vị"), required=False)
    period = forms.CharField(
        label=_("Kỳ hoặc giai đoạn"),
        max_length=40,
        help_text=_("Ví dụ 2023, 2023Q2, 2019..2023 hoặc 2022Q1..2022Q4"),
    )
    columns = forms.ChoiceField(
        label=_("Cột theo"),
        required=False,
        choices=[("", _("Tự động")), *PERIOD_TYPE_CHOICES],
    )
    option = forms.ChoiceField(label=_("Nhóm phân tổ"), required=False)
    on = forms.DateField(
        label=_("Cây đơn vị tại ngày"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Bỏ trống: cây đơn vị hôm nay (đơn vị đã giải thể: ngày cuối cùng của nó)."),
    )

    def __init__(self, *args: Any, user: User, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self._choose("unit", self._unit_choices(unit))
        self._indicators = {i.code: i for i in queries.visible_indicators(user)}
        self._programmes = {p.code: p for p in queries.visible_programmes(user)}
        self._forms = {f.code: f for f in queries.visible_forms(user)}
        self._choose("indicator", self._indicator_choices())
        self._choose("group", self._group_choices())
        self._choose("option", self._option_choices())
        self.fields["period"].initial = default_window()

    def _choose(self, name: str, choices: list[Any]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def _unit_choices(self, unit: Unit) -> list[Any]:
        """The units one step away: up the chain, or down to a child (rows drill further)."""
        above = [(u.code, u.name) for u in visible_ancestors(self.user, unit)]
        below = [(u.code, u.name) for u in queries.children_of(self.user, unit)]
        groups = [(_("Cấp trên"), above), (_("Đơn vị đang xem"), [(unit.code, unit.name)])]
        return [*groups, (_("Đơn vị trực thuộc"), below)] if below else groups

    def _indicator_choices(self) -> list[Any]:
        by_programme: dict[str, list[tuple[str, str]]] = {}
        for indicator in self._indicators.values():
            label = f"{indicator.code} · {indicator.name}"
            by_programme.setdefault(indicator.programme.name, []).append((indicator.code, label))
        return [("", "—"), *by_programme.items()]

    def _group_choices(self) -> list[Any]:
        programmes = [(f"programme:{c}", p.name) for c, p in self._programmes.items()]
        report_forms = [(f"form:{c}", f.name) for c, f in self._forms.items()]
        return [("", "—"), (_("Chương trình"), programmes), (_("Biểu mẫu báo cáo"), report_forms)]

    def _option_choices(self) -> list[Any]:
        categories = {i.category_id for i in self._indicators.values() if i.category_id}
        options = CategoryOption.objects.filter(category_id__in=categories).select_related(
            "category"
        )
        by_category: dict[str, list[tuple[str, str]]] = {}
        for option in options:
            by_category.setdefault(option.category.name, []).append((option.code, option.name))
        return [("", _("Tất cả")), *by_category.items()]

    def clean_period(self) -> Span:
        return _span_or_error(self.cleaned_data["period"])

    def clean_columns(self) -> PeriodType | None:
        chosen = self.cleaned_data.get("columns")
        return PeriodType(chosen) if chosen else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        indicator = self._indicators.get(data.get("indicator") or "")
        if indicator is None and not data.get("group"):
            raise forms.ValidationError(_("Chọn một chỉ tiêu, hoặc một chương trình hay biểu mẫu."))
        data["indicator"] = indicator
        if indicator is not None:
            self._check_option(indicator, data.get("option") or "")
            if "period" in data:
                self._check_columns(indicator, data["period"], data.get("columns"))
        return data

    def _check_option(self, indicator: Indicator, option: str) -> None:
        if option and not (indicator.category and indicator.category.options.filter(code=option)):
            self.add_error(
                "option",
                _("Chỉ tiêu “%(code)s” không có nhóm phân tổ này.") % {"code": indicator.code},
            )

    def _check_columns(self, indicator: Indicator, span: Span, columns: PeriodType | None) -> None:
        try:
            queries.column_periods(span, columns, indicator)
        except queries.PivotError as error:
            self.add_error("columns", str(error))

    def indicator_set(self) -> tuple[str, list[Indicator]]:
        """The title and indicators of the chosen programme or report form."""
        kind, _colon, code = self.cleaned_data["group"].partition(":")
        chosen = self._programmes[code] if kind == "programme" else self._forms[code]
        return chosen.name, queries.indicators_of(chosen)


class SourcesForm(forms.Form):
    """Which figure's stored values to list: the parameters of a pivot cell's link."""

    indicator = forms.CharField(max_length=32)
    period = forms.CharField(max_length=40)
    option = forms.CharField(max_length=32, required=False)
    own = forms.BooleanField(required=False)
    on = forms.DateField(required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_indicator(self) -> Indicator:
        code = self.cleaned_data["indicator"]
        found = queries.visible_indicators(self.user).filter(code=code).first()
        if found is None:
            raise forms.ValidationError(_("Không có chỉ tiêu “%(code)s”.") % {"code": code})
        return found

    def clean_period(self) -> Span:
        return _span_or_error(self.cleaned_data["period"])

    def asked(self) -> dict[str, Any]:
        """The figure asked for, as `queries.value_sources` takes it (without the unit)."""
        data = self.cleaned_data
        return {
            "indicator": data["indicator"],
            "span": data["period"],
            "option": data["option"],
            "own_only": data["own"],
            "on": data["on"],
        }
