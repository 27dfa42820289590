"""The register's pages: a reporter records for their own unit; outside the subtree 404."""

import io
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from tongket.activities.actions import ActivityInput, record_activity
from tongket.activities.models import Activity, FollowUp
from tongket.reporting.models import DataValue


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _form(**extra):  # type: ignore[no-untyped-def]
    return {
        "kind": "study",
        "title": "Học tập Nghị quyết 35",
        "date": "2023-04-02",
        "organiser": "HN-THANHXUAN-KHUONGMAI",
        "documents": "35-NQ/TW",
        "p_CBCC": "12",
        "t_CBCC": "12",
        **extra,
    }


def test_ward_reporter_records_a_study_session_for_its_own_unit(people, programme):
    response = _client(people.ward).post("/activities/new/", _form())
    activity = Activity.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/activities/{activity.pk}/"
    assert DataValue.objects.get(indicator__code="HT_CBCC_DAHOC").numeric == 12


def test_the_reporters_form_has_no_unit_to_choose(people, programme):
    page = _client(people.ward).get("/activities/new/").content.decode()
    assert 'type="hidden" name="organiser" value="HN-THANHXUAN-KHUONGMAI"' in page
    assert 'name="p_CBCC"' in page and 'inputmode="numeric"' in page


def test_otherward_cannot_record_for_wards_unit_through_the_page(people, programme):
    response = _client(people.otherward).post("/activities/new/", _form())
    assert response.status_code == 200 and "không có đơn vị" in response.content.decode().lower()
    assert not Activity.objects.exists()


def test_participants_above_the_group_size_are_refused(people, programme):
    response = _client(people.ward).post("/activities/new/", _form(p_CBCC="13"))
    assert "nhiều hơn tổng số" in response.content.decode() and not Activity.objects.exists()


@pytest.mark.parametrize("path", ["/", "/edit/"])
def test_an_activity_outside_the_subtree_is_404(people, tree, record, path):
    activity = record(people.otherward, tree.other_ward)
    assert _client(people.ward).get(f"/activities/{activity.pk}{path}").status_code == 404


def test_an_activity_without_a_recorder_renders(people, tree, record):
    activity = record(people.ward, tree.ward)
    Activity.objects.filter(pk=activity.pk).update(created_by=None)
    page = _client(people.ward).get(f"/activities/{activity.pk}/")
    assert page.status_code == 200 and "nhập từ dữ liệu có sẵn" in page.content.decode()


def test_delete_outside_the_subtree_is_404_and_keeps_it(people, tree, record):
    activity = record(people.otherward, tree.other_ward)
    assert _client(people.ward).post(f"/activities/{activity.pk}/delete/").status_code == 404
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_viewer_reads_but_cannot_record(people, tree, record):
    activity = record(people.ward, tree.ward)
    client = _client(people.judge)
    assert client.get(f"/activities/{activity.pk}/").status_code == 200
    assert client.get("/activities/new/").status_code == 403
    assert client.post(f"/activities/{activity.pk}/delete/").status_code == 403


def test_list_searches_without_accents_and_filters_by_document(people, tree, record):
    record(people.ward, tree.ward, kind="conference", title="Hội nghị chuyên đề dư luận xã hội")
    record(people.ward, tree.ward, kind="training", title="Lớp tập huấn")
    page = _client(people.district).get("/activities/", {"q": "hoi nghi du luan"}).content.decode()
    assert "Hội nghị chuyên đề" in page and "Lớp tập huấn" not in page
    none = _client(people.district).get("/activities/", {"document": "115-KH/HU"}).content.decode()
    assert "Chưa có hoạt động nào" in none


def test_list_of_a_unit_outside_the_subtree_is_404(people, programme):
    assert (
        _client(people.ward).get("/activities/", {"unit": "HCM-QUAN1-BENNGHE"}).status_code == 404
    )


def test_list_is_paginated(people, tree, record):
    for n in range(27):
        record(people.ward, tree.ward, title=f"Lớp {n}")
    page = _client(people.ward).get("/activities/").content.decode()
    assert "Trang 1/2" in page


def test_calendar_shows_the_month_of_the_subtree(people, tree, record):
    record(people.ward, tree.ward, day=date(2023, 5, 10), title="Lớp tháng năm")
    record(people.otherward, tree.other_ward, day=date(2023, 5, 11), title="Lớp của quận khác")
    page = _client(people.district).get("/activities/calendar/", {"year": 2023, "month": 5})
    assert "Lớp tháng năm" in page.content.decode()
    assert "Lớp của quận khác" not in page.content.decode()


def test_calendar_filters_by_kind(people, tree, record):
    record(people.ward, tree.ward, kind="training", day=date(2023, 5, 10), title="Lớp tháng năm")
    record(people.ward, tree.ward, kind="study", day=date(2023, 5, 12), title="Học tập tháng năm")
    page = _client(people.ward).get(
        "/activities/calendar/", {"year": 2023, "month": 5, "kind": "study"}
    )
    assert "Học tập tháng năm" in page.content.decode()
    assert "Lớp tháng năm" not in page.content.decode()


def test_an_activity_over_several_days_shows_on_each(people, tree, programme):
    record_activity(
        by=people.ward,
        data=ActivityInput(
            organiser=tree.ward,
            kind="training",
            title="Lớp ba ngày",
            date=date(2023, 5, 30),
            end_date=date(2023, 6, 1),
        ),
    )
    page = _client(people.ward).get("/activities/calendar/", {"year": 2023, "month": 5})
    assert page.content.decode().count("Lớp ba ngày") == 6  # link text and title, three days


def test_export_neutralises_formulas(people, tree, record):
    record(people.ward, tree.ward, title='=HYPERLINK("http://x")')
    body = _client(people.ward).get("/activities/export.xlsx").content
    rows = list(load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))
    assert rows[0][:5] == ("unit", "kind", "date", "end_date", "title")
    assert rows[1][4].startswith("'=")


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["unit", "kind", "date", "title", "documents", "cbcc", "cbcc_total"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _upload(client: Client, data: bytes):  # type: ignore[no-untyped-def]
    file = io.BytesIO(data)
    file.name = "hoat-dong.xlsx"
    return client.post("/activities/import/", {"file": file})


def test_import_records_every_line(people, programme):
    data = _xlsx(
        [
            ["HN-THANHXUAN-KHUONGMAI", "training", "2023-03-01", "Lớp 1", "35-NQ/TW", 10, 12],
            [
                "HN-THANHXUAN-KHUONGMAI",
                "Hội nghị, hội thảo chuyên đề",
                "15/06/2023",
                "Hội nghị",
                "",
                "",
                "",
            ],
        ]
    )
    response = _upload(_client(people.ward), data)
    assert response.status_code == 302 and Activity.objects.count() == 2
    assert DataValue.objects.get(indicator__code="HN_CHUYENDE").numeric == 1


def test_import_is_all_or_nothing_and_names_each_bad_line(people, programme):
    data = _xlsx(
        [
            ["HN-THANHXUAN-KHUONGMAI", "training", "2023-03-01", "Lớp 1", "", "", ""],
            ["HN-THANHXUAN-KHUONGMAI", "picnic", "2023-03-01", "Dã ngoại", "", "", ""],
            ["HN-THANHXUAN-KHUONGMAI", "training", "31/02/2023", "Lớp 2", "", "", ""],
        ]
    )
    page = _upload(_client(people.ward), data).content.decode()
    assert "Dòng 3" in page and "Dòng 4" in page and "Dòng 2" not in page
    assert not Activity.objects.exists() and not DataValue.objects.exists()


def test_import_refuses_a_line_for_a_unit_outside_the_subtree(people, programme):
    data = _xlsx([["HN-THANHXUAN-KHUONGMAI", "training", "2023-03-01", "Lớp", "", "", ""]])
    page = _upload(_client(people.otherward), data).content.decode()
    assert "Dòng 2" in page and "HN-THANHXUAN-KHUONGMAI" in page
    assert not Activity.objects.exists()


def test_inspection_follow_ups_change_status(people, tree, record):
    inspection = record(people.district, tree.district, kind="inspection", title="Kiểm tra")
    client = _client(people.district)
    client.post(
        f"/activities/{inspection.pk}/inspected/", {"unit": tree.ward.code, "role": "Bí thư"}
    )
    client.post(
        f"/activities/{inspection.pk}/follow-ups/",
        {"action": "Lập tổ cộng tác viên", "due": "2024-01-15", "responsible": tree.ward.code},
    )
    follow_up = FollowUp.objects.get()
    client.post(
        f"/activities/{inspection.pk}/follow-ups/{follow_up.pk}/status/", {"status": "done"}
    )
    follow_up.refresh_from_db()
    assert follow_up.status == "done" and inspection.inspected.get().role == "Bí thư"


def test_attachment_is_checked_and_kept(people, tree, record):
    activity = record(people.ward, tree.ward)
    client = _client(people.ward)
    bad = io.BytesIO(b"not a pdf")
    bad.name = "bien-ban.pdf"
    client.post(f"/activities/{activity.pk}/attachments/", {"kind": "minutes", "file": bad})
    assert not activity.attachments.exists()
    good = io.BytesIO(b"%PDF-1.4 minutes")
    good.name = "bien-ban.pdf"
    client.post(f"/activities/{activity.pk}/attachments/", {"kind": "minutes", "file": good})
    attachment = activity.attachments.get()
    download = client.get(f"/activities/{activity.pk}/attachments/{attachment.pk}/")
    assert b"".join(download.streaming_content) == b"%PDF-1.4 minutes"
    assert (
        _client(people.otherward)
        .get(f"/activities/{activity.pk}/attachments/{attachment.pk}/")
        .status_code
        == 404
    )


def test_list_queries_do_not_grow_with_the_activities(people, tree, record):
    client = _client(people.district)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get("/activities/")
        return len(captured)

    record(people.ward, tree.ward, CBCC=3)
    few = queries()
    for n in range(15):
        record(people.district, tree.cell if n % 2 else tree.ward, title=f"Lớp {n}", CBCC=n)
    assert queries() == few
