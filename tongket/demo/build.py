"""The demo, step by step: each app seeds its own data; this module orders the steps.

It sits above every app (STYLE.md, layers): a new app adds one step here, and no app
imports another app's demo.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model

from tongket.lib.clock import today
from tongket.org.demo import seed_org
from tongket.org.demo_tree import demo_district_code, demo_ward_code
from tongket.org.models import Unit

Units = dict[str, Unit]
# After this day the demo ward has handed in its 2023 report (the 2024 scenario, on
# 2024-01-08, leaves it to the `ward` account).
WARD_REPORTED_2023 = date(2024, 2, 1)


@dataclass(frozen=True)
class Step:
    """Announced before it runs; `done` turns its result into the line printed after."""

    announce: str
    run: Callable[[Units], object]
    done: str = ""


def seed_reporting(units: Units) -> int:
    """The demo programme with its 2019–2023 figures; returns the number of values."""
    from tongket.programmes.demo import seed_programme
    from tongket.reporting.demo import seed_values

    district = units[demo_district_code()]
    seed_programme(district)
    ward_user = get_user_model().objects.get(username="ward")
    return seed_values(
        district=district,
        ward=units[demo_ward_code()],
        ward_user=ward_user,
        ward_reported_2023=today() >= WARD_REPORTED_2023,
    )


def seed_activity_records(units: Units) -> int:
    """The records behind LOP_TAPHUAN, HN_CHUYENDE and the study figures."""
    from tongket.activities.demo import seed_activities

    return seed_activities(district=units[demo_district_code()])


def seed_directives(units: Units) -> int:
    """The register: the resolution and the plans that carry it out, as uploaded DOCX."""
    from tongket.documents.demo import seed_documents
    from tongket.programmes.models import Programme

    return seed_documents(units, Programme.objects.get(code="NQ35"))


def seed_contest_demo(units: Units) -> None:
    """The writing contests: a ward contest in judging, the district's, an earlier year's."""
    from tongket.contests.demo import seed_contests

    users = {user.username: user for user in get_user_model().objects.all()}
    seed_contests(units, users)


def seed_reform_demo(units: Units) -> str:
    """On the real date: the 2025 reform, the years after the seed scenario and the new
    wards' figures (none in the 2024 scenario, TONGKET_TODAY before 2025-07-01)."""
    from tongket.org.demo import seed_reform
    from tongket.org.demo_reform import demo_ward_successor
    from tongket.reporting.demo import seed_after_reform

    changes = seed_reform(units)
    if not changes:
        return "không áp dụng (ngày demo trước 01/07/2025)"
    ward_user = get_user_model().objects.get(username="ward")
    values = seed_after_reform(
        district=units[demo_district_code()],
        ward=units[demo_ward_code()],
        new_ward=units[demo_ward_successor()],
        ward_user=ward_user,
        today=today(),
    )
    return f"{changes} thay đổi, {values} số liệu 2024–{today().year}"


STEPS: list[Step] = [
    Step(
        "Tạo chương trình, chỉ tiêu, biểu mẫu và số liệu 2019–2023…",
        seed_reporting,
        "Đã tạo {} số liệu.",
    ),
    Step(
        "Tạo sổ hoạt động (học tập, tập huấn, hội nghị chuyên đề, kiểm tra)…",
        seed_activity_records,
        "Đã tạo {} hoạt động.",
    ),
    Step("Tạo sổ văn bản…", seed_directives, "Đã tạo sổ văn bản: {} văn bản."),
    Step("Tạo các cuộc thi viết (bài dự thi, ban giám khảo, điểm)…", seed_contest_demo),
    Step(
        "Sắp xếp đơn vị hành chính 2025 (Hà Nội, TP Hồ Chí Minh)…",
        seed_reform_demo,
        "Sắp xếp 2025: {}.",
    ),
]


def build(write: Callable[[str], None]) -> Units:
    """Seed the tree and accounts, then every app's step in order; returns the units."""
    write("Tạo cây tổ chức và tài khoản demo…")
    units = seed_org()
    write(f"Đã tạo {len(units)} đơn vị.")
    for step in STEPS:
        write(step.announce)
        result = step.run(units)
        if step.done:
            write(step.done.format(result))
    return units
