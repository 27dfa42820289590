import io

from django.test import Client
from openpyxl import Workbook, load_workbook

from tongket.reporting.actions import save_value, submit_report
from tongket.reporting.models import DataValue, Submission

ENTRY = "/reporting/TCCS_NAM/HN-THANHXUAN-KHUONGMAI/2023/"


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_entry_grid_shows_last_period_and_disaggregations(people, tree, indicator, programme):
    save_value(
        by=people.ward, unit=tree.ward, indicator=indicator("CBCC_TONG"), period="2022", raw="14"
    )
    page = _client(people.ward).get(ENTRY).content.decode()
    assert "Cán bộ chủ chốt" in page and "Đoàn viên, quần chúng" in page
    assert ">14<" in page  # last year's value beside the cell


def test_saving_a_cell_answers_its_status_and_updates_the_computed_row(
    people, tree, indicator, programme
):
    client = _client(people.ward)
    client.post(
        ENTRY + "value/", {"indicator": "CBCC_TONG", "value": "20"}, headers={"HX-Request": "true"}
    )
    response = client.post(
        ENTRY + "value/", {"indicator": "CBCC_DAHOC", "value": "15"}, headers={"HX-Request": "true"}
    )
    text = response.content.decode()
    assert response.status_code == 200 and "Đã lưu" in text
    assert '<span id="computed-CBCC_TYLE" hx-swap-oob="true">75</span>' in text


def test_bad_cell_value_is_refused_in_place(people, programme):
    response = _client(people.ward).post(
        ENTRY + "value/", {"indicator": "CBCC_TONG", "value": "abc"}
    )
    assert response.status_code == 422 and "không phải là số" in response.content.decode()
    assert not DataValue.objects.exists()


def test_validation_rule_is_shown_when_broken(people, programme):
    client = _client(people.ward)
    client.post(ENTRY + "value/", {"indicator": "CBCC_TONG", "value": "10"})
    text = client.post(
        ENTRY + "value/", {"indicator": "CBCC_DAHOC", "value": "12"}
    ).content.decode()
    assert "không thể lớn hơn tổng số" in text


def test_report_with_an_error_cannot_be_submitted(people, programme):
    client = _client(people.ward)
    client.post(ENTRY + "value/", {"indicator": "CBCC_TONG", "value": "10"})
    client.post(ENTRY + "value/", {"indicator": "CBCC_DAHOC", "value": "12"})
    client.post(ENTRY + "submit/")
    assert not Submission.objects.exists()


def test_other_ward_cannot_open_the_entry_page(people, programme):
    assert _client(people.otherward).get(ENTRY).status_code == 404


def test_district_approves_from_the_page(people, tree, indicator, yearly_form):
    save_value(
        by=people.ward, unit=tree.ward, indicator=indicator("CBCC_TONG"), period="2023", raw="10"
    )
    submission = submit_report(by=people.ward, form=yearly_form, unit=tree.ward, period="2023")
    client = _client(people.district)
    assert "Duyệt" in client.get(ENTRY).content.decode()
    client.post(f"/reporting/submissions/{submission.pk}/approve/")
    submission.refresh_from_db()
    assert submission.state == "approved"


def test_template_round_trip_and_atomic_upload(people, tree, indicator, programme):
    client = _client(people.ward)
    sheet = load_workbook(io.BytesIO(client.get(ENTRY + "template.xlsx").content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "unit",
        "unit_name",
        "indicator",
        "indicator_name",
        "option",
        "period",
        "value",
    )
    workbook = Workbook()
    out = workbook.active
    out.append(list(rows[0]))
    for row in rows[1:]:
        value = {"CBCC_TONG": 12, "CBCC_DAHOC": 12}.get(row[2], "")
        out.append([*row[:6], value])
    out.append(["HCM-QUAN1-BENNGHE", "", "CBCC_TONG", "", "", "2023", 9])  # outside the subtree
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.name = "mau.xlsx"
    buffer.seek(0)
    response = client.post(ENTRY + "upload/", {"file": buffer}, follow=True)
    assert "Không nhập gì" in response.content.decode() and not DataValue.objects.exists()
    out.delete_rows(out.max_row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.name = "mau.xlsx"
    buffer.seek(0)
    client.post(ENTRY + "upload/", {"file": buffer})
    assert DataValue.objects.filter(unit=tree.ward, source="file").count() == 2


def test_completeness_counts_who_reported(people, tree, indicator, yearly_form):
    save_value(
        by=people.ward, unit=tree.ward, indicator=indicator("CBCC_TONG"), period="2023", raw="10"
    )
    submit_report(by=people.ward, form=yearly_form, unit=tree.ward, period="2023")
    page = _client(people.city).get("/reporting/TCCS_NAM/HN/2023/completeness/").content.decode()
    assert "1/1" in page and "Đảng ủy phường Khương Mai" in page
    assert "Bến Nghé" not in page


def test_home_lists_the_report_due_and_the_report_to_approve(
    people, tree, indicator, yearly_form, settings
):
    settings.TONGKET_TODAY = "2024-01-08"
    assert (
        "Nộp “Báo cáo năm của tổ chức cơ sở đảng” Năm 2023"
        in _client(people.ward).get("/").content.decode()
    )
    save_value(
        by=people.ward, unit=tree.ward, indicator=indicator("CBCC_TONG"), period="2023", raw="10"
    )
    submit_report(by=people.ward, form=yearly_form, unit=tree.ward, period="2023")
    assert "Duyệt “Báo cáo năm" in _client(people.district).get("/").content.decode()


def test_violations_report_lists_units_whose_figures_break_a_rule(
    people, tree, indicator, programme
):
    save_value(
        by=people.ward, unit=tree.ward, indicator=indicator("CBCC_TONG"), period="2023", raw="10"
    )
    save_value(
        by=people.ward, unit=tree.ward, indicator=indicator("CBCC_DAHOC"), period="2023", raw="11"
    )
    page = (
        _client(people.district)
        .get("/reporting/TCCS_NAM/HN-THANHXUAN/2023/completeness/")
        .content.decode()
    )
    assert "Số liệu vi phạm quy tắc kiểm tra" in page and "không thể lớn hơn tổng số" in page


def test_district_enters_for_its_wards_in_one_grid(people, tree, programme):
    client = _client(people.district)
    page = client.get("/reporting/TCCS_NAM/HN-THANHXUAN/2023/children/").content.decode()
    assert "Đảng ủy phường Khương Mai" in page and "Bến Nghé" not in page
    response = client.post(
        ENTRY + "value/", {"indicator": "CBCC_TONG", "value": "9", "compact": "1"}
    )
    assert "Đã lưu" in response.content.decode() and "hx-swap-oob" not in response.content.decode()
    value = DataValue.objects.get()
    assert value.unit == tree.ward and value.entered_by == people.district


def test_entry_page_shows_a_value_nobody_entered(people, tree, indicator, programme):
    value, _created = save_value(
        by=people.ward, unit=tree.ward, indicator=indicator("CBCC_TONG"), period="2023", raw="14"
    )
    assert value is not None
    DataValue.objects.filter(pk=value.pk).update(entered_by=None)
    client = _client(people.ward)
    assert client.get(ENTRY).status_code == 200
    assert client.get(f"/reporting/values/{value.pk}/history/").status_code == 200
