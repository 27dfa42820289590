"""A term's activities in and out of spreadsheets, in the same columns both ways.

Import is all or nothing: every line is checked, each problem names its line, and if
there is one problem nothing is written.
"""

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from tongket.activities.actions import (
    ActivityInput,
    ActivityRefused,
    Count,
    participant_groups,
    record_activity,
)
from tongket.activities.models import Activity, ActivityKind
from tongket.lib.tables import read_rows
from tongket.lib.uploads import UploadError, check_upload
from tongket.org.models import Unit
from tongket.org.scope import unit_for
from tongket.vn.text import fold

BASE_COLUMNS = ["unit", "kind", "date", "end_date", "title", "place", "documents", "lecturers"]
REQUIRED = ["unit", "kind", "date", "title"]
MAX_IMPORT_BYTES = 5 * 1024 * 1024


class ActivitiesRejected(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


def columns(groups: Iterable[str]) -> list[str]:
    """The file's columns: the activity, then each group's participants and its size."""
    header = list(BASE_COLUMNS)
    for code in groups:
        header += [code.lower(), f"{code.lower()}_total"]
    return header


def export_rows(activities: Iterable[Activity], groups: list[str]) -> list[list[object]]:
    rows = []
    for activity in activities:
        by_group = {p.group: p for p in activity.participants.all()}
        row: list[object] = [
            activity.organiser.code,
            activity.kind,
            activity.date.isoformat(),
            activity.end_date.isoformat() if activity.end_date else "",
            activity.title,
            activity.place,
            ", ".join(activity.documents),
            activity.lecturers,
        ]
        for code in groups:
            p = by_group.get(code)
            row += [p.count if p else "", p.target if p and p.target is not None else ""]
        rows.append(row)
    return rows


def _kind(text: str) -> str:
    key = fold(text).strip()
    for kind in ActivityKind:
        if key in (kind.value, fold(str(kind.label))):
            return kind.value
    raise ActivityRefused(_("loại “%(kind)s” không có") % {"kind": text})


def _day(text: str) -> date:
    for parse in (date.fromisoformat, _dmy):
        try:
            return parse(text.strip())
        except ValueError:
            continue
    raise ActivityRefused(
        _("ngày “%(day)s” không đọc được (2023-05-31 hoặc 31/05/2023)") % {"day": text}
    )


def _dmy(text: str) -> date:
    day, month, year = (int(part) for part in text.split("/"))
    return date(year, month, day)


def _number(text: str, column: str) -> int | None:
    if not text.strip():
        return None
    try:
        number = int(text.replace(".", "").strip())
    except ValueError:
        raise ActivityRefused(
            _("cột %(column)s: “%(value)s” không phải số") % {"column": column, "value": text}
        ) from None
    return number


def _input(user: User, values: dict[str, str], groups: list[str]) -> ActivityInput:
    try:
        unit = unit_for(user, values["unit"].strip())
    except Unit.DoesNotExist:
        raise ActivityRefused(
            _("không có đơn vị “%(code)s” trong phạm vi của bạn") % {"code": values["unit"]}
        ) from None
    participants = {}
    for code in groups:
        count = _number(values.get(code.lower(), ""), code.lower())
        target = _number(values.get(f"{code.lower()}_total", ""), f"{code.lower()}_total")
        if count is not None or target is not None:
            participants[code] = Count(count or 0, target)
    end = values.get("end_date", "").strip()
    return ActivityInput(
        organiser=unit,
        kind=_kind(values["kind"]),
        title=values["title"],
        date=_day(values["date"]),
        end_date=_day(end) if end else None,
        place=values.get("place", ""),
        documents=[
            d for d in values.get("documents", "").replace(";", ",").split(",") if d.strip()
        ],
        lecturers=values.get("lecturers", ""),
        participants=participants,
    )


def import_activities(*, by: User, name: str, data: bytes, via: str = "file") -> list[Activity]:
    """Record every activity of the file, or none; ActivitiesRejected names each bad line."""
    upload = check_upload(name, data, allowed={".xlsx", ".csv"}, max_bytes=MAX_IMPORT_BYTES)
    rows = read_rows(upload.suffix, upload.data, required=REQUIRED)
    if not rows:
        raise UploadError(_("Tệp không có dòng hoạt động nào."))
    groups = list(participant_groups())
    errors: list[str] = []
    created: list[Activity] = []
    with transaction.atomic():
        for row in rows:
            try:
                created.append(record_activity(by=by, data=_input(by, row.values, groups), via=via))
            except (ActivityRefused, PermissionDenied) as error:
                errors.append(_("Dòng %(line)s: %(error)s") % {"line": row.line, "error": error})
        if errors:  # raised inside the block: everything recorded above is rolled back
            raise ActivitiesRejected(errors)
    return created
