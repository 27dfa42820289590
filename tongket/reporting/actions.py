"""Functions that change reported figures and the state of reports."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tongket.core.periods import Period, PeriodType
from tongket.org.models import Role, Unit
from tongket.org.scope import can, require
from tongket.programmes.models import Indicator
from tongket.reporting.models import (
    DataValue,
    DataValueChange,
    ReportForm,
    Source,
    Submission,
    SubmissionEvent,
    SubmissionState,
)
from tongket.reporting.values import parse_value


class ValueRefused(ValueError):
    """A value that cannot be stored; the message says why, in the user's language."""


def check_can_enter(user: User, unit: Unit, form: ReportForm | None) -> None:
    """Reporters enter their own unit's figures; above it only if the form allows."""
    membership = require(user, Role.REPORTER, unit)
    if (
        membership.unit != unit
        and not can(user, Role.MANAGER, unit)
        and not (form is not None and form.parent_may_enter)
    ):
        raise PermissionDenied(_("Biểu mẫu này không cho cấp trên nhập thay."))


def locked_submission(unit: Unit, indicator: Indicator, period: str) -> Submission | None:
    """A submitted or approved report that covers this figure, if any."""
    return (
        Submission.objects.filter(
            unit=unit,
            period=period,
            form__indicators=indicator,
            state__in=[SubmissionState.SUBMITTED, SubmissionState.APPROVED],
        )
        .select_related("form")
        .first()
    )


@transaction.atomic
def _check_validity(unit: Unit, period: Period) -> None:
    """A value must fall in the unit's lifetime, at least partly: a ward created on
    1 July 2025 may report the whole year 2025 (its figure then supersedes its
    predecessors' for that year, `tongket.analytics.contributions`), not 2024."""
    if (unit.valid_from is not None and period.end < unit.valid_from) or (
        unit.valid_to is not None and period.start > unit.valid_to
    ):
        raise ValueRefused(
            _("Kỳ %(period)s nằm ngoài thời gian hoạt động của %(unit)s (%(span)s).")
            % {"period": period.id, "unit": unit.name, "span": validity_text(unit)}
        )


def validity_text(unit: Unit) -> str:
    start = unit.valid_from.strftime("%d/%m/%Y") if unit.valid_from else "…"
    end = unit.valid_to.strftime("%d/%m/%Y") if unit.valid_to else "…"
    return f"{start} – {end}"


def save_value(
    *,
    by: User,
    unit: Unit,
    indicator: Indicator,
    period: str,
    raw: str,
    option: str = "",
    source: str = Source.FORM,
    form: ReportForm | None = None,
) -> tuple[DataValue | None, bool]:
    """Store one figure (or delete it when `raw` is empty); returns (value, created).

    Raises PermissionDenied outside the user's rights and ValueRefused for a value
    that is malformed, for a computed indicator, or locked by a submitted report.
    """
    check_can_enter(by, unit, form)
    target = _checked_period(indicator, period)
    if indicator.is_computed:
        raise ValueRefused(
            _("“%(code)s” là chỉ tiêu tính toán, không nhập trực tiếp.") % {"code": indicator.code}
        )
    if indicator.is_from_records:
        raise ValueRefused(
            _("“%(code)s” được tính từ hồ sơ (%(source)s), không nhập trực tiếp.")
            % {"code": indicator.code, "source": indicator.source}
        )
    _check_option(indicator, option)
    _check_validity(unit, target)
    locked = locked_submission(unit, indicator, target.id)
    if locked is not None:
        raise ValueRefused(
            _("Báo cáo “%(form)s” kỳ %(period)s đã nộp hoặc đã duyệt: số liệu bị khóa.")
            % {"form": locked.form.name, "period": target.id}
        )
    existing = DataValue.objects.filter(
        unit=unit, indicator=indicator, option=option, period=target.id
    ).first()
    now = timezone.now()
    if not str(raw).strip():
        if existing is not None:
            _record_change(existing, existing.value, "", by, now, source)
            existing.delete()
        return None, False
    try:
        parsed = parse_value(indicator.value_type, raw)
    except ValueError as error:
        raise ValueRefused(str(error)) from error
    if existing is not None and existing.value == parsed.text:
        return existing, False
    old = existing.value if existing else ""
    value = existing or DataValue(
        unit=unit,
        indicator=indicator,
        option=option,
        period=target.id,
        period_start=target.start,
        period_end=target.end,
    )
    value.value, value.numeric = parsed.text, parsed.numeric
    value.entered_by, value.entered_at, value.source, value.form = by, now, source, form
    value.save()
    _record_change(value, old, parsed.text, by, now, source)
    return value, existing is None


@transaction.atomic
def store_record_value(
    *, unit: Unit, indicator: Indicator, period: Period, value: Decimal | None, option: str = ""
) -> DataValue | None:
    """Store the figure a record app computed from its register (None or 0 clears it).

    Record-sourced indicators go through the same table as typed ones, so roll-ups,
    pivots, reviews and exports need no special case; the value's source says it was
    computed, and the drill-down leads to the records behind it. Access was checked
    by the record app when the record itself was written.
    """
    if not indicator.is_from_records:
        raise ValueRefused(
            _("“%(code)s” không phải chỉ tiêu tính từ hồ sơ.") % {"code": indicator.code}
        )
    if period.type != PeriodType(indicator.period_type):
        raise ValueRefused(
            _("Chỉ tiêu “%(code)s” báo cáo theo %(type)s, không nhận kỳ %(period)s.")
            % {
                "code": indicator.code,
                "type": PeriodType(indicator.period_type).label(),
                "period": period.id,
            }
        )
    if value:
        _check_validity(unit, period)
    existing = (
        DataValue.objects.select_for_update()
        .filter(unit=unit, indicator=indicator, option=option, period=period.id)
        .first()
    )
    now = timezone.now()
    if value is None or value == 0:
        if existing is not None:
            _record_change(existing, existing.value, "", None, now, Source.RECORDS)
            existing.delete()
        return None
    text = format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if existing is not None and existing.value == text:
        return existing
    old = existing.value if existing else ""
    stored = existing or DataValue(
        unit=unit,
        indicator=indicator,
        option=option,
        period=period.id,
        period_start=period.start,
        period_end=period.end,
    )
    stored.value, stored.numeric = text, value
    stored.entered_by, stored.entered_at, stored.source, stored.form = (
        None,
        now,
        Source.RECORDS,
        None,
    )
    stored.save()
    _record_change(stored, old, text, None, now, Source.RECORDS)
    return stored


def _checked_period(indicator: Indicator, period: str) -> Period:
    try:
        target = Period.parse(period)
    except ValueError as error:
        raise ValueRefused(str(error)) from error
    if target.type != PeriodType(indicator.period_type):
        raise ValueRefused(
            _("Chỉ tiêu “%(code)s” báo cáo theo %(type)s, không nhận kỳ %(period)s.")
            % {
                "code": indicator.code,
                "type": PeriodType(indicator.period_type).label(),
                "period": period,
            }
        )
    return target


def _check_option(indicator: Indicator, option: str) -> None:
    if indicator.category_id is None:
        if option:
            raise ValueRefused(
                _("Chỉ tiêu “%(code)s” không có phân tổ.") % {"code": indicator.code}
            )
        return
    if not indicator.category.options.filter(code=option).exists():  # type: ignore[union-attr]
        raise ValueRefused(
            _("Nhóm “%(option)s” không thuộc phân tổ của chỉ tiêu “%(code)s”.")
            % {"option": option, "code": indicator.code}
        )


def _record_change(
    value: DataValue, old: str, new: str, by: User | None, at: datetime, source: str
) -> None:
    DataValueChange.objects.create(
        data_value=value, old_value=old, new_value=new, changed_by=by, changed_at=at, source=source
    )


@dataclass
class ValueRow:
    """One figure to import: codes as written in the file or the API call."""

    unit: str
    indicator: str
    period: str
    value: str
    option: str = ""
    where: str = ""  # "dòng 4" or "dataValues[3]", for messages


@dataclass
class ImportSummary:
    imported: int = 0
    updated: int = 0
    ignored: int = 0
    conflicts: list[dict[str, str]] = field(default_factory=list)


class ValuesRejected(Exception):
    def __init__(self, summary: ImportSummary) -> None:
        super().__init__(_("%(n)s giá trị không hợp lệ") % {"n": len(summary.conflicts)})
        self.summary = summary


def import_values(
    *, by: User, rows: Iterable[ValueRow], source: str, atomic: bool
) -> ImportSummary:
    """Store many figures, as the API and file uploads do.

    Each row that cannot be stored (a unit outside the user's subtree, an unknown
    code, a malformed value, a locked report) becomes a conflict. With `atomic`,
    one conflict means nothing is stored (file uploads); without, the other rows are
    stored and the conflicts reported (the DHIS2 import-summary convention of the API).
    """
    summary = ImportSummary()
    with transaction.atomic():
        units, indicators = _lookups(rows := list(rows))
        for row in rows:
            _import_row(by, row, units, indicators, source, summary)
        if atomic and summary.conflicts:
            transaction.set_rollback(True)
            raise ValuesRejected(summary)
    return summary


def _lookups(rows: list[ValueRow]) -> tuple[dict[str, Unit], dict[str, Indicator]]:
    units = {u.code: u for u in Unit.objects.filter(code__in={r.unit for r in rows})}
    indicators = {
        i.code: i
        for i in Indicator.objects.filter(code__in={r.indicator for r in rows}).select_related(
            "category"
        )
    }
    return units, indicators


def _import_row(
    by: User,
    row: ValueRow,
    units: dict[str, Unit],
    indicators: dict[str, Indicator],
    source: str,
    summary: ImportSummary,
) -> None:
    if not row.value.strip():
        summary.ignored += 1  # an unfilled template row; deleting is done on the form
        return
    unit, indicator = units.get(row.unit), indicators.get(row.indicator)
    problem = None
    if unit is None or not can(by, Role.VIEWER, unit):
        problem = _("Đơn vị “%(code)s” không có hoặc nằm ngoài phạm vi của bạn.") % {
            "code": row.unit
        }
    elif indicator is None:
        problem = _("Không có chỉ tiêu “%(code)s”.") % {"code": row.indicator}
    if problem is None and unit is not None and indicator is not None:
        try:
            with transaction.atomic():
                value, created = save_value(
                    by=by,
                    unit=unit,
                    indicator=indicator,
                    period=row.period,
                    raw=row.value,
                    option=row.option,
                    source=source,
                )
        except (ValueRefused, PermissionDenied) as error:
            problem = str(error)
        else:
            if value is None:
                summary.ignored += 1
            elif created:
                summary.imported += 1
            else:
                summary.updated += 1
            return
    summary.conflicts.append(
        {
            "object": f"{row.where} {row.unit}/{row.indicator}/{row.period}".strip(),
            "value": str(problem),
        }
    )


def _submission(form: ReportForm, unit: Unit, period: str) -> Submission:
    submission, _created = Submission.objects.get_or_create(form=form, unit=unit, period=period)
    return submission


def _transition(
    submission: Submission, state: SubmissionState, by: User, comment: str = ""
) -> None:
    now = timezone.now()
    submission.state = state
    if state == SubmissionState.SUBMITTED:
        submission.submitted_at, submission.submitted_by = now, by
    else:
        submission.decided_at, submission.decided_by = now, by
    submission.comment = comment
    submission.save()
    SubmissionEvent.objects.create(
        submission=submission, state=state, by=by, at=now, comment=comment
    )


@transaction.atomic
def submit_report(*, by: User, form: ReportForm, unit: Unit, period: str) -> Submission:
    """The unit hands in its report for the period; its figures lock until returned."""
    check_can_enter(by, unit, form)
    submission = _submission(form, unit, Period.parse(period).id)
    if submission.is_locked:
        raise ValueRefused(_("Báo cáo này đã được nộp."))
    _transition(submission, SubmissionState.SUBMITTED, by)
    return submission


def check_can_decide(user: User, submission: Submission) -> None:
    """Only an approver of a unit above the reporting one decides on its report."""
    parent = submission.unit.parent
    if parent is None or not can(user, Role.APPROVER, parent):
        raise PermissionDenied(
            _("Chỉ cấp trên trực tiếp (hoặc cao hơn) mới duyệt được báo cáo này.")
        )


@transaction.atomic
def approve_report(*, by: User, submission: Submission, comment: str = "") -> Submission:
    check_can_decide(by, submission)
    if submission.state != SubmissionState.SUBMITTED:
        raise ValueRefused(_("Chỉ duyệt được báo cáo đang chờ duyệt."))
    _transition(submission, SubmissionState.APPROVED, by, comment)
    return submission


@transaction.atomic
def return_report(*, by: User, submission: Submission, comment: str) -> Submission:
    """Send a report back for correction; the comment says what to fix."""
    check_can_decide(by, submission)
    if submission.state not in (SubmissionState.SUBMITTED, SubmissionState.APPROVED):
        raise ValueRefused(_("Chỉ trả lại được báo cáo đã nộp."))
    if not comment.strip():
        raise ValueRefused(_("Hãy ghi rõ lý do trả lại để đơn vị sửa."))
    _transition(submission, SubmissionState.RETURNED, by, comment.strip())
    return submission
