"""The records behind the demo's activity figures.

Every district of both cities holds training classes and thematic conferences each
year; Quận ủy Thanh Xuân's are the seed report's 5 classes and 4 conferences over
2019..2023. Every grassroots organisation of Thanh Xuân holds a yearly study session
of Resolution 35-NQ/TW whose attendance matches the figures it reported (key cadres,
Party members, Youth Union members), so key cadres' coverage is 100%. One inspection
has follow-ups, one of them due in the week of the demo's date.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from tongket.activities import figures
from tongket.activities.models import Activity, ActivityKind, FollowUp, Participation
from tongket.lib.clock import now
from tongket.org.models import Unit, UnitKind
from tongket.reporting.models import DataValue, ReportForm
from tongket.vn.text import fold

YEARS = range(2019, 2024)
DISTRICT_CLASSES = [1, 1, 0, 1, 2]  # sums to 5
DISTRICT_CONFERENCES = [1, 1, 0, 1, 1]  # sums to 4
CONFERENCE_TOPICS = [
    "Hội nghị chuyên đề “Đấu tranh phản bác các quan điểm sai trái, thù địch trên không gian mạng”",
    "Hội nghị chuyên đề “Nâng cao hiệu quả hoạt động của Tổ cộng tác viên dư luận xã hội”",
    "Hội thảo chuyên đề “Bảo vệ nền tảng tư tưởng của Đảng qua các trang thông tin của đơn vị”",
    "Hội nghị chuyên đề “Sơ kết 5 năm thực hiện Nghị quyết số 35-NQ/TW”",
]
TRAINING = "Lớp tập huấn nghiệp vụ công tác bảo vệ nền tảng tư tưởng của Đảng năm {year}"
STUDY = "Học tập, quán triệt Nghị quyết số 35-NQ/TW năm {year}"
DOCUMENTS = ["35-NQ/TW", "135-KH/TU"]


def _activity(unit: Unit, kind: str, title: str, day: date, place: str = "") -> Activity:
    stamp = now()
    return Activity(
        organiser=unit,
        kind=kind,
        title=title,
        date=day,
        place=place,
        documents=DOCUMENTS,
        document_key="|" + "|".join(DOCUMENTS) + "|",
        search_key=fold(f"{title} {place} {' '.join(DOCUMENTS)}"),
        lecturers="Báo cáo viên Ban Tuyên giáo" if kind != ActivityKind.INSPECTION else "",
        created_at=stamp,
        updated_at=stamp,
    )


@transaction.atomic
def seed_activities(*, district: Unit) -> int:
    rng = random.Random(35)
    activities: list[Activity] = []
    counts: list[dict[str, tuple[int, int | None]]] = []
    districts = Unit.objects.filter(kind__in=ReportForm.objects.get(code="HUYEN_NAM").unit_kinds)
    for unit in districts.order_by("path"):
        held = 0
        for index, year in enumerate(YEARS):
            demo = unit == district
            classes = DISTRICT_CLASSES[index] if demo else rng.randint(0, 2)
            conferences = DISTRICT_CONFERENCES[index] if demo else rng.randint(0, 2)
            for n in range(classes):
                day = date(year, 3 + 4 * n, 10 + rng.randint(0, 15))
                activities.append(
                    _activity(
                        unit, ActivityKind.TRAINING, TRAINING.format(year=year), day, unit.name
                    )
                )
                counts.append({"CBCC": (rng.randint(60, 120), None)})
            for n in range(conferences):
                day = date(year, 6 + 5 * n, 5 + rng.randint(0, 20))
                topic = CONFERENCE_TOPICS[held % len(CONFERENCE_TOPICS)]
                held += 1
                activities.append(_activity(unit, ActivityKind.CONFERENCE, topic, day, unit.name))
                counts.append(
                    {"CBCC": (rng.randint(40, 90), None), "DV": (rng.randint(50, 150), None)}
                )
    study_activities, study_counts = _study_sessions(district, rng)
    activities += study_activities
    counts += study_counts
    Activity.objects.bulk_create(activities, batch_size=1000)
    Participation.objects.bulk_create(
        [
            Participation(activity=activity, group=group, count=count, target=target)
            for activity, by_group in zip(activities, counts, strict=True)
            for group, (count, target) in by_group.items()
        ],
        batch_size=2000,
    )
    _inspection(district)
    figures.recompute({figures.key_of(activity) for activity in activities})
    return len(activities) + 1


def _study_sessions(
    district: Unit, rng: random.Random
) -> tuple[list[Activity], list[dict[str, tuple[int, int | None]]]]:
    """One session a year per grassroots organisation, attendance as it reported."""
    reported: dict[tuple[int, str, str], Decimal] = {}
    values = DataValue.objects.filter(
        unit__in=Unit.objects.within(district),
        indicator__code__in=["CBCC_TONG", "CBCC_DAHOC", "QT_THAMGIA"],
    ).values_list("unit_id", "indicator__code", "option", "period", "numeric")
    for unit_id, code, option, period, number in values:
        if number is None:
            continue
        reported[(unit_id, f"{code}.{option}" if option else code, period)] = number
    units = {u.pk: u for u in Unit.objects.filter(pk__in={key[0] for key in reported})}
    activities, counts = [], []
    for (unit_id, code, period), cadres in sorted(reported.items()):
        if code != "CBCC_TONG":
            continue
        year = int(period)
        studied = int(reported.get((unit_id, "CBCC_DAHOC", period), cadres))
        day = date(year, 2, 1) + timedelta(days=rng.randint(0, 120))
        unit = units[unit_id]
        activities.append(
            _activity(unit, ActivityKind.STUDY, STUDY.format(year=year), day, unit.name)
        )
        counts.append(
            {
                "CBCC": (studied, int(cadres)),
                "DV": (int(reported.get((unit_id, "QT_THAMGIA.DV", period), 0)), None),
                "DOANVIEN": (int(reported.get((unit_id, "QT_THAMGIA.DOANVIEN", period), 0)), None),
            }
        )
    return activities, counts


def _inspection(district: Unit) -> None:
    wards = list(
        Unit.objects.filter(parent=district, kind=UnitKind.WARD_COMMITTEE).order_by("sort_key")[:3]
    )
    inspection = _activity(
        district,
        ActivityKind.INSPECTION,
        "Kiểm tra việc thực hiện Nghị quyết số 35-NQ/TW tại các đảng ủy phường",
        date(2023, 11, 14),
    )
    inspection.subject = "Việc học tập, quán triệt và thành lập Tổ cộng tác viên"
    inspection.conclusions = (
        "Các đơn vị đã quán triệt đầy đủ; một số đơn vị chưa có Tổ cộng tác viên."
    )
    inspection.save()
    inspection.inspected_units.set(wards)
    for ward, (action, due) in zip(
        wards,
        [
            ("Thành lập Tổ cộng tác viên dư luận xã hội", date(2024, 1, 15)),
            ("Bổ sung biên bản học tập, quán triệt năm 2023", date(2024, 2, 28)),
            ("Báo cáo kết quả khắc phục", date(2024, 3, 31)),
        ],
        strict=False,
    ):
        FollowUp.objects.create(activity=inspection, action=action, due=due, responsible=ward)
