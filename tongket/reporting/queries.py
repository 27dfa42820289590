"""Reading reports: what a unit must report, its grid, completeness, approvals, checks."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tongket.analytics import rollup
from tongket.core.expressions import FormulaError, Severity, ValidationRule, Violation
from tongket.core.periods import Period, PeriodType, Timeliness, timeliness
from tongket.lib.clock import today
from tongket.org.models import Role, Unit
from tongket.org.scope import membership_of
from tongket.programmes.models import CategoryOption, Indicator
from tongket.reporting.models import (
    DataValue,
    FormIndicator,
    ReportForm,
    Submission,
    SubmissionState,
)
from tongket.reporting.models import ValidationRule as RuleModel


def forms_for(unit: Unit) -> list[ReportForm]:
    """The report forms a unit must hand in, by its kind."""
    return [form for form in ReportForm.objects.order_by("name") if form.is_assigned_to(unit)]


def reporting_units(form: ReportForm, root: Unit, period: Period) -> QuerySet[Unit]:
    """Units of the subtree that must report this form for this period."""
    return (
        Unit.objects.within(root)
        .filter(kind__in=form.unit_kinds)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=period.end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=period.end))
        .in_vietnamese_order()
    )


def latest_ended_period(period_type: PeriodType, day: date | None = None) -> Period:
    """The most recent period of a type that is over on `day`: the one now due."""
    day = day or today()
    if period_type == PeriodType.NINE_MONTHS:
        return Period.of(period_type, day.year if day.month >= 10 else day.year - 1)
    return Period.containing(day, period_type).previous()


def recent_periods(form: ReportForm, *, count: int = 6, day: date | None = None) -> list[Period]:
    """The last periods of the form's type that have ended, newest first."""
    latest = latest_ended_period(PeriodType(form.period_type), day)
    return [latest.shift(-step) for step in range(count)]


@dataclass
class Cell:
    indicator: Indicator
    option: CategoryOption | None
    value: DataValue | None
    previous: DataValue | None

    @property
    def key(self) -> str:
        return self.indicator.code + (f".{self.option.code}" if self.option else "")


@dataclass
class GridRow:
    indicator: Indicator
    section: str
    cells: list[Cell] = field(default_factory=list)
    computed: Decimal | None = None
    total: Decimal | None = None
    section_starts: bool = False


def entry_grid(form: ReportForm, unit: Unit, period: Period) -> list[GridRow]:
    """The rows of a unit's form for a period, with this and last period's values."""
    links = FormIndicator.objects.filter(form=form).select_related("indicator__category")
    indicators = [link.indicator for link in links]
    current = _values_by_key(unit, indicators, period)
    previous = _values_by_key(unit, indicators, period.previous())
    options = _options_by_category(indicators)
    rows: list[GridRow] = []
    for link in links:
        indicator = link.indicator
        starts = bool(link.section) and (not rows or rows[-1].section != link.section)
        row = GridRow(indicator=indicator, section=link.section, section_starts=starts)
        if not indicator.is_entered:
            row.computed = rollup.value_of(indicator, unit, period)
        else:
            for option in options.get(indicator.category_id or 0, [None]):  # type: ignore[list-item]
                key = (indicator.pk, option.code if option else "")
                row.cells.append(Cell(indicator, option, current.get(key), previous.get(key)))
            if indicator.category_id:
                numbers = [
                    c.value.numeric for c in row.cells if c.value and c.value.numeric is not None
                ]
                row.total = sum(numbers, Decimal(0)) if numbers else None
        rows.append(row)
    return rows


def _values_by_key(
    unit: Unit, indicators: list[Indicator], period: Period
) -> dict[tuple[int, str], DataValue]:
    values = DataValue.objects.filter(unit=unit, indicator__in=indicators, period=period.id)
    return {(v.indicator_id, v.option): v for v in values.select_related("entered_by")}


def _options_by_category(indicators: Iterable[Indicator]) -> dict[int, list[CategoryOption]]:
    ids = {i.category_id for i in indicators if i.category_id}
    grouped: dict[int, list[CategoryOption]] = {}
    for option in CategoryOption.objects.filter(category_id__in=ids):
        grouped.setdefault(option.category_id, []).append(option)
    return grouped


def own_values(unit: Unit, period: Period) -> dict[str, Decimal | None]:
    """The unit's own figures for a period by code and code.option (totals summed)."""
    return own_values_of_units([unit], period).get(unit.pk, {})


def own_values_of_units(units: list[Unit], period: Period) -> dict[int, dict[str, Decimal | None]]:
    """Each unit's own figures for a period, in one query, keyed as formulas name them."""
    result: dict[int, dict[str, Decimal | None]] = {unit.pk: {} for unit in units}
    rows = DataValue.objects.filter(unit__in=units, period=period.id).values_list(
        "unit_id", "indicator__code", "option", "numeric"
    )
    for unit_id, code, option, numeric in rows:
        values = result[unit_id]
        if option:
            values[f"{code}.{option}"] = numeric
            values[code] = (values.get(code) or Decimal(0)) + (numeric or Decimal(0))
        else:
            values[code] = numeric
    return result


@dataclass(frozen=True)
class RuleResult:
    rule: RuleModel
    violation: Violation


def violations(form: ReportForm, unit: Unit, period: Period) -> list[RuleResult]:
    """The form's validation rules that the unit's figures break for the period."""
    return _broken_rules(_rules(form), own_values(unit, period))


def violations_in(
    form: ReportForm, units: list[Unit], period: Period
) -> list[tuple[Unit, list[RuleResult]]]:
    """The violations report of a subtree: each unit whose figures break a rule."""
    rules = _rules(form)
    values = own_values_of_units(units, period)
    found = [(unit, _broken_rules(rules, values[unit.pk])) for unit in units if values[unit.pk]]
    return [(unit, results) for unit, results in found if results]


def _rules(form: ReportForm) -> list[tuple[RuleModel, ValidationRule]]:
    parsed = []
    for rule in form.rules.all():
        try:
            parsed.append(
                (rule, ValidationRule.parse(rule.expression, severity=Severity(rule.severity)))
            )
        except FormulaError:
            continue  # a rule that does not parse is reported where rules are edited
    return parsed


def _broken_rules(
    rules: list[tuple[RuleModel, ValidationRule]], values: dict[str, Decimal | None]
) -> list[RuleResult]:
    results = []
    for rule, check in rules:
        violation = check.check(values)
        if violation is not None:
            results.append(RuleResult(rule, violation))
    return results


@dataclass
class CompletenessRow:
    unit: Unit
    submission: Submission | None
    timeliness: Timeliness


@dataclass
class Completeness:
    form: ReportForm
    period: Period
    due: date
    rows: list[CompletenessRow]

    def count(self, *states: Timeliness) -> int:
        return sum(1 for row in self.rows if row.timeliness in states)

    @property
    def expected(self) -> int:
        return len(self.rows)

    @property
    def reported(self) -> int:
        return self.count(Timeliness.ON_TIME, Timeliness.LATE)

    @property
    def approved(self) -> int:
        return sum(
            1 for r in self.rows if r.submission and r.submission.state == SubmissionState.APPROVED
        )

    @property
    def rate(self) -> float | None:
        return 100 * self.reported / self.expected if self.expected else None


def completeness(form: ReportForm, period: Period, root: Unit) -> Completeness:
    """Who in the subtree has reported the form for the period, who late, who not."""
    due = form.due_date(period)
    units = list(reporting_units(form, root, period).select_related("parent"))
    submissions = {
        s.unit_id: s for s in Submission.objects.filter(form=form, period=period.id, unit__in=units)
    }
    rows = []
    for unit in units:
        submission = submissions.get(unit.pk)
        reported = submission and submission.state in (
            SubmissionState.SUBMITTED,
            SubmissionState.APPROVED,
        )
        submitted_on = (
            submission.submitted_at.date()
            if reported and submission and submission.submitted_at
            else None
        )
        rows.append(
            CompletenessRow(
                unit, submission, timeliness(due=due, submitted_on=submitted_on, today=today())
            )
        )
    return Completeness(form, period, due, rows)


def awaiting_decision(user: User) -> QuerySet[Submission]:
    """Reports submitted by units below the user, for an approver to decide on."""
    membership = membership_of(user)
    if membership is None or not membership.has_role(Role.APPROVER):
        return Submission.objects.none()
    return (
        Submission.objects.filter(
            state=SubmissionState.SUBMITTED, unit__parent__path__startswith=membership.unit.path
        )
        .select_related("form", "unit", "submitted_by")
        .order_by("submitted_at")
    )


@dataclass(frozen=True)
class Attention:
    text: str
    url: str
    kind: str  # "due", "returned", "approve"


def attention(user: User) -> list[Attention]:
    """What waits for the user: reports to hand in or fix, reports to approve."""
    membership = membership_of(user)
    if membership is None:
        return []
    items: list[Attention] = []
    unit = membership.unit
    if membership.has_role(Role.REPORTER):
        for form in forms_for(unit):
            period = latest_ended_period(PeriodType(form.period_type))
            if not unit.is_active_on(period.end):
                continue
            submission = Submission.objects.filter(form=form, unit=unit, period=period.id).first()
            url = reverse("reporting:entry", args=[form.code, unit.code, period.id])
            if submission is None or submission.state == SubmissionState.DRAFT:
                items.append(
                    Attention(
                        _("Nộp “%(form)s” %(period)s — hạn %(due)s")
                        % {
                            "form": form.name,
                            "period": period.label(),
                            "due": date_format(form.due_date(period), "d/m/Y"),
                        },
                        url,
                        "due",
                    )
                )
        for submission in Submission.objects.filter(
            unit=unit, state=SubmissionState.RETURNED
        ).select_related("form"):
            url = reverse(
                "reporting:entry", args=[submission.form.code, unit.code, submission.period]
            )
            items.append(
                Attention(
                    _("Sửa và nộp lại “%(form)s” %(period)s: %(comment)s")
                    % {
                        "form": submission.form.name,
                        "period": submission.period_object.label(),
                        "comment": submission.comment,
                    },
                    url,
                    "returned",
                )
            )
    items += _judging(user)
    for submission in awaiting_decision(user)[:20]:
        url = reverse(
            "reporting:entry", args=[submission.form.code, submission.unit.code, submission.period]
        )
        items.append(
            Attention(
                _("Duyệt “%(form)s” %(period)s của %(unit)s")
                % {
                    "form": submission.form.name,
                    "period": submission.period_object.label(),
                    "unit": submission.unit.name,
                },
                url,
                "approve",
            )
        )
    return items


@dataclass(frozen=True)
class Column:
    indicator: Indicator
    option: CategoryOption | None

    @property
    def key(self) -> str:
        return self.indicator.code + (f".{self.option.code}" if self.option else "")


def entry_columns(form: ReportForm) -> list[Column]:
    """The figures a unit enters on a form, one column per indicator and option."""
    links = FormIndicator.objects.filter(form=form).select_related("indicator__category")
    indicators = [link.indicator for link in links if link.indicator.is_entered]
    options = _options_by_category(indicators)
    return [
        Column(indicator, option)
        for indicator in indicators
        for option in options.get(indicator.category_id or 0, [None])  # type: ignore[list-item]
    ]


@dataclass
class ChildRow:
    unit: Unit
    cells: list[tuple[Column, DataValue | None]]
    locked: bool
    may_enter: bool


def children_grid(
    form: ReportForm, units: list[Unit], period: Period, user: User
) -> list[ChildRow]:
    """The bulk-entry rows for units below a parent, in two queries."""
    from tongket.reporting.actions import check_can_enter  # actions import this module

    columns = entry_columns(form)
    values = {
        (v.unit_id, v.indicator_id, v.option): v
        for v in DataValue.objects.filter(unit__in=units, period=period.id, indicator__forms=form)
    }
    locked = set(
        Submission.objects.filter(
            form=form,
            period=period.id,
            unit__in=units,
            state__in=[SubmissionState.SUBMITTED, SubmissionState.APPROVED],
        ).values_list("unit_id", flat=True)
    )
    rows = []
    for unit in units:
        try:
            check_can_enter(user, unit, form)
            may_enter = True
        except PermissionDenied:
            may_enter = False
        cells = [
            (c, values.get((unit.pk, c.indicator.pk, c.option.code if c.option else "")))
            for c in columns
        ]
        rows.append(ChildRow(unit, cells, unit.pk in locked, may_enter))
    return rows


def _judging(user: User) -> list[Attention]:
    """Contest entries waiting for this judge's score sheet."""
    from tongket.contests.queries import judge_tasks

    pending = sum(1 for task in judge_tasks(user) if not task.assignment.is_submitted)
    if not pending:
        return []
    return [
        Attention(
            _("Chấm %(n)s bài dự thi đang chờ bạn") % {"n": pending},
            reverse("contests:judge_home"),
            "approve",
        )
    ]
