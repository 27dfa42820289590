"""Functions that change the activity register, each recomputing the figures it feeds."""

import datetime
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from tongket.activities import figures
from tongket.activities.models import (
    Activity,
    ActivityKind,
    Attachment,
    FollowUp,
    FollowUpStatus,
    InspectedPerson,
    Participation,
)
from tongket.audit import actions as audit
from tongket.lib.clock import now
from tongket.lib.uploads import check_upload
from tongket.org.models import Role, Unit
from tongket.org.scope import can, require
from tongket.programmes.models import CategoryOption
from tongket.vn.symbols import normalize_symbol
from tongket.vn.text import fold, normalize

ATTACHMENT_TYPES = {".pdf", ".docx", ".xlsx", ".jpg", ".jpeg", ".png"}
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


class ActivityRefused(ValueError):
    """An activity that cannot be recorded; the message says why, in the user's language."""


@dataclass
class Count:
    count: int
    target: int | None = None


@dataclass
class ActivityInput:
    """What a person records about one activity, as the form, the API or a file gives it."""

    organiser: Unit
    kind: str
    title: str
    date: date
    end_date: datetime.date | None = None
    place: str = ""
    documents: list[str] = field(default_factory=list)
    lecturers: str = ""
    notes: str = ""
    participants: dict[str, Count] = field(default_factory=dict)
    co_organisers: list[Unit] = field(default_factory=list)
    subject: str = ""
    conclusions: str = ""
    inspected_units: list[Unit] = field(default_factory=list)


def check_can_record(user: User, unit: Unit) -> None:
    """A reporter records their own unit's activities; a manager also those below."""
    membership = require(user, Role.REPORTER, unit)
    if membership.unit != unit and not can(user, Role.MANAGER, unit):
        raise PermissionDenied(_("Cán bộ báo cáo chỉ ghi hoạt động của đơn vị mình."))


def participant_groups() -> dict[str, str]:
    """Group code → name: the options of the disaggregations that activity figures use
    (every option when none does yet)."""
    categories = {
        indicator.category_id
        for indicator, source in figures.sourced_indicators()
        if indicator.category_id is not None
    }
    options = CategoryOption.objects.select_related("category").order_by(
        "category__code", "sort_order", "code"
    )
    if categories:
        options = options.filter(category_id__in=categories)
    return {option.code: option.name for option in options}


def clean_documents(symbols: list[str]) -> list[str]:
    """Normalised symbols ("35–nq/tw" → "35-NQ/TW"), each once; refuses what is not a symbol."""
    cleaned: list[str] = []
    for raw in symbols:
        if not raw.strip():
            continue
        symbol = normalize_symbol(raw.strip())
        if symbol is None:
            raise ActivityRefused(
                _("“%(symbol)s” không phải số, ký hiệu văn bản (ví dụ 35-NQ/TW).") % {"symbol": raw}
            )
        if symbol not in cleaned:
            cleaned.append(symbol)
    return cleaned


def _check(by: User, data: ActivityInput) -> None:
    if data.kind not in ActivityKind.values:
        raise ActivityRefused(
            _("Loại hoạt động “%(kind)s” không có; chọn một trong %(kinds)s.")
            % {"kind": data.kind, "kinds": ", ".join(ActivityKind.values)}
        )
    if not data.title.strip():
        raise ActivityRefused(_("Hoạt động cần có tên."))
    if data.end_date is not None and data.end_date < data.date:
        raise ActivityRefused(_("Ngày kết thúc không thể trước ngày bắt đầu."))
    groups = participant_groups()
    for group, number in data.participants.items():
        if group not in groups:
            raise ActivityRefused(
                _("Nhóm “%(group)s” không có; các nhóm: %(groups)s.")
                % {"group": group, "groups": ", ".join(groups)}
            )
        if number.count < 0 or (number.target is not None and number.target < 0):
            raise ActivityRefused(_("Số người không thể âm (nhóm %(group)s).") % {"group": group})
        if number.target is not None and number.count > number.target:
            raise ActivityRefused(
                _("Nhóm %(group)s: %(count)s người tham gia, nhiều hơn tổng số %(target)s.")
                % {"group": group, "count": number.count, "target": number.target}
            )
    for unit in [*data.co_organisers, *data.inspected_units]:
        if not can(by, Role.VIEWER, unit):
            raise PermissionDenied(
                _("Đơn vị “%(unit)s” nằm ngoài phạm vi của bạn.") % {"unit": unit}
            )


def _search_key(activity: Activity) -> str:
    parts = [activity.title, activity.place, activity.lecturers, activity.subject]
    return fold(" ".join([*parts, *activity.documents]))[:1200]


def _write(activity: Activity, data: ActivityInput) -> None:
    activity.organiser = data.organiser
    activity.kind = data.kind
    activity.title = normalize(data.title.strip())
    activity.date, activity.end_date = data.date, data.end_date
    activity.place = normalize(data.place.strip())
    activity.documents = clean_documents(data.documents)
    activity.lecturers = normalize(data.lecturers.strip())
    activity.notes = data.notes.strip()
    activity.subject = normalize(data.subject.strip())
    activity.conclusions = data.conclusions.strip()
    activity.search_key = _search_key(activity)
    activity.document_key = ("|" + "|".join(activity.documents) + "|")[:1000]
    activity.updated_at = now()
    activity.save()
    activity.co_organisers.set(data.co_organisers)
    activity.inspected_units.set(
        data.inspected_units if data.kind == ActivityKind.INSPECTION else []
    )
    activity.participants.all().delete()
    Participation.objects.bulk_create(
        Participation(activity=activity, group=group, count=number.count, target=number.target)
        for group, number in data.participants.items()
        if number.count or number.target
    )


def _snapshot(activity: Activity) -> dict[str, object]:
    return {
        "unit": activity.organiser.code,
        "kind": activity.kind,
        "title": activity.title,
        "date": activity.date.isoformat(),
        "documents": activity.documents,
        "participants": {p.group: p.count for p in activity.participants.all()},
    }


@transaction.atomic
def record_activity(*, by: User, data: ActivityInput, via: str = "web") -> Activity:
    """Record an activity of the user's unit (or, for a manager, of a unit below)."""
    check_can_record(by, data.organiser)
    _check(by, data)
    activity = Activity(created_by=by, created_at=now())
    _write(activity, data)
    figures.recompute([figures.key_of(activity)])
    audit.record(
        by=by,
        action="activity.create",
        obj=activity,
        unit_path=activity.organiser.path,
        after=_snapshot(activity),
        via=via,
    )
    return activity


@transaction.atomic
def update_activity(
    *, by: User, activity: Activity, data: ActivityInput, via: str = "web"
) -> Activity:
    check_can_record(by, activity.organiser)
    check_can_record(by, data.organiser)
    _check(by, data)
    before, old_key = _snapshot(activity), figures.key_of(activity)
    _write(activity, data)
    figures.recompute([old_key, figures.key_of(activity)])
    audit.record(
        by=by,
        action="activity.update",
        obj=activity,
        unit_path=activity.organiser.path,
        before=before,
        after=_snapshot(activity),
        via=via,
    )
    return activity


@transaction.atomic
def delete_activity(*, by: User, activity: Activity, via: str = "web") -> None:
    check_can_record(by, activity.organiser)
    before, key, path = _snapshot(activity), figures.key_of(activity), activity.organiser.path
    audit.record(
        by=by, action="activity.delete", obj=activity, unit_path=path, before=before, via=via
    )
    activity.delete()
    figures.recompute([key])


@transaction.atomic
def attach_file(*, by: User, activity: Activity, kind: str, name: str, data: bytes) -> Attachment:
    """Attach minutes, an attendance sheet or a plan, after the upload checks."""
    check_can_record(by, activity.organiser)
    upload = check_upload(name, data, allowed=ATTACHMENT_TYPES, max_bytes=MAX_ATTACHMENT_BYTES)
    attachment = Attachment(
        activity=activity,
        kind=kind,
        name=upload.name[:255],
        size=len(upload.data),
        uploaded_by=by,
        uploaded_at=now(),
    )
    attachment.file.save(f"{activity.pk}{upload.suffix}", ContentFile(upload.data), save=False)
    attachment.save()
    audit.record(by=by, action="activity.attach", obj=attachment, unit_path=activity.organiser.path)
    return attachment


@transaction.atomic
def add_inspected_person(*, by: User, activity: Activity, unit: Unit, role: str) -> InspectedPerson:
    """An individual inspected, named only by role and unit."""
    check_can_record(by, activity.organiser)
    if not role.strip():
        raise ActivityRefused(_("Cần ghi chức vụ của người được kiểm tra."))
    person = InspectedPerson.objects.create(activity=activity, unit=unit, role=role.strip())
    audit.record(by=by, action="activity.inspected", obj=person, unit_path=activity.organiser.path)
    return person


@transaction.atomic
def add_follow_up(
    *, by: User, activity: Activity, action: str, due: date, responsible: Unit | None = None
) -> FollowUp:
    check_can_record(by, activity.organiser)
    if not activity.is_inspection:
        raise ActivityRefused(_("Chỉ cuộc kiểm tra, giám sát mới có việc cần khắc phục."))
    if not action.strip():
        raise ActivityRefused(_("Cần ghi việc cần làm."))
    follow_up = FollowUp.objects.create(
        activity=activity, action=action.strip(), due=due, responsible=responsible
    )
    audit.record(
        by=by, action="activity.follow_up", obj=follow_up, unit_path=activity.organiser.path
    )
    return follow_up


@transaction.atomic
def set_follow_up_status(*, by: User, follow_up: FollowUp, status: str) -> FollowUp:
    check_can_record(by, follow_up.activity.organiser)
    if status not in FollowUpStatus.values:
        raise ActivityRefused(_("Tình trạng “%(status)s” không có.") % {"status": status})
    before = {"status": follow_up.status}
    follow_up.status = status
    follow_up.save(update_fields=["status"])
    audit.record(
        by=by,
        action="activity.follow_up_status",
        obj=follow_up,
        unit_path=follow_up.activity.organiser.path,
        before=before,
        after={"status": status},
    )
    return follow_up
