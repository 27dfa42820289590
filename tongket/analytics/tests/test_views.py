import csv
import io
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tongket.org.models import UnitKind
from tongket.org.tests.factories import UnitFactory
from tongket.programmes.tests.factories import IndicatorFactory
from tongket.reporting.actions import save_value

pytestmark = pytest.mark.urls("tongket.analytics.tests.urls")

PIVOT = {"indicator": "HT_LOP", "period": "2019..2023"}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _pivot(user, **params):
    return _client(user).get(reverse("analytics:pivot"), {**PIVOT, **params})


def test_the_pivot_defaults_to_the_users_own_unit(people, classes):
    response = _pivot(people.district)
    assert response.status_code == 200
    assert response.context["pivot"].unit.code == "HN-THANHXUAN"
    assert "Đảng ủy phường Hạ Đình" in response.text


def test_the_district_sees_the_pivot_of_its_ward(people, classes):
    response = _pivot(people.district, unit="HN-THANHXUAN-KHUONGMAI")
    assert response.status_code == 200
    assert [(row.kind, row.unit.code) for row in response.context["pivot"].rows] == [
        ("child", "HN-THANHXUAN-KHUONGMAI-TDP01"),
        ("own", "HN-THANHXUAN-KHUONGMAI"),
        ("total", "HN-THANHXUAN-KHUONGMAI"),
    ]


@pytest.mark.parametrize(
    "url", ["analytics:pivot", "analytics:sources", "analytics:export"], ids=["page", "src", "xlsx"]
)
def test_a_ward_asking_for_another_wards_figures_gets_not_found(people, classes, url):
    args = ["xlsx"] if url == "analytics:export" else []
    response = _client(people.ward).get(
        reverse(url, args=args), {**PIVOT, "unit": "HCM-QUAN1-BENNGHE"}
    )
    assert response.status_code == 404


def test_a_ward_cannot_climb_to_its_district(people, classes):
    assert _pivot(people.ward, unit="HN-THANHXUAN").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(classes):
    response = Client().get(reverse("analytics:pivot"), PIVOT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_rows_drill_down_to_the_childs_pivot_keeping_the_question(people, classes):
    response = _pivot(people.district)
    assert 'href="?indicator=HT_LOP&amp;period=2019..2023&amp;unit=HN-THANHXUAN-KHUONGMAI"' in (
        response.text
    )


def test_cells_link_to_their_sources(people, classes):
    response = _pivot(people.district)
    assert (
        "/analytics/sources/?indicator=HT_LOP&amp;unit=HN-THANHXUAN-KHUONGMAI&amp;period=2020"
        in (response.text)
    )


def test_a_malformed_period_is_explained_in_vietnamese(people, classes):
    response = _pivot(people.district, period="2019/2023")
    assert response.status_code == 200
    assert "pivot" not in response.context
    assert "Kỳ báo cáo không hợp lệ: &#x27;2019/2023&#x27;" in response.text


def test_a_window_written_with_a_dash_is_shown_how_to_write_it(people, classes):
    response = _pivot(people.district, period="2019 – 2023")
    assert "Viết giai đoạn bằng hai dấu chấm giữa hai kỳ: 2019..2023." in response.text


def test_choosing_nothing_asks_for_an_indicator(people, classes):
    response = _pivot(people.district, indicator="")
    assert "Chọn một chỉ tiêu, hoặc một chương trình hay biểu mẫu." in response.text


def test_a_period_without_values_says_so(people, classes):
    response = _pivot(people.district, period="2024")
    assert "Chưa có số liệu cho kỳ này." in response.text
    assert reverse("analytics:export", args=["xlsx"]) not in response.text


def test_htmx_gets_only_the_form_and_the_results(people, classes):
    response = _client(people.district).get(
        reverse("analytics:pivot"),
        PIVOT,
        headers={"HX-Request": "true", "HX-Target": "analytics"},
    )
    assert "<html" not in response.text
    assert "Toàn Quận ủy Thanh Xuân" in response.text


def test_the_page_draws_the_trend_and_the_comparison_as_inline_svg(people, classes):
    response = _pivot(people.district)
    assert response.text.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 2
    assert "style=" not in response.text and "<script>" not in response.text


def test_a_programme_pivot_has_a_column_per_indicator(people, classes):
    IndicatorFactory(
        programme=classes.indicator.programme, code="DV_MOI", name="Đảng viên mới", sort_order=1
    )
    response = _pivot(people.district, indicator="", group="programme:NQ35", period="2019")
    pivot = response.context["pivot"]
    assert [c.label for c in pivot.columns] == ["Số lớp tập huấn", "Đảng viên mới"]
    assert pivot.table_rows()[-1][2:] == [8, None]
    assert response.text.count("<svg") == 1  # units compared; no trend over indicators


def test_xlsx_export_holds_the_numbers_of_the_page(people, classes):
    page = _pivot(people.district).context["pivot"]
    response = _client(people.district).get(reverse("analytics:export", args=["xlsx"]), PIVOT)
    assert response["Content-Disposition"] == (
        'attachment; filename="tong-hop-HN-THANHXUAN-2019-2023.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == page.header()
    assert rows[1:] == page.table_rows()
    assert rows[-1] == ["Toàn Quận ủy Thanh Xuân", "HN-THANHXUAN", 8, 3, 4, None, None, 15]


def test_csv_export_holds_the_numbers_of_the_page(people, classes):
    response = _client(people.district).get(reverse("analytics:export", args=["csv"]), PIVOT)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Đơn vị", "Mã đơn vị", "Năm 2019"]
    assert rows[-1] == ["Toàn Quận ủy Thanh Xuân", "HN-THANHXUAN", "8", "3", "4", "", "", "15"]


def test_json_export_holds_the_numbers_of_the_page(people, classes):
    response = _client(people.district).get(reverse("analytics:export", args=["json"]), PIVOT)
    total = json.loads(response.content)[-1]
    assert total["Mã đơn vị"] == "HN-THANHXUAN"
    assert total["Giai đoạn 2019–2023"] == 15 and total["Năm 2022"] is None


def test_an_unknown_export_format_is_not_found(people, classes):
    response = _client(people.district).get(reverse("analytics:export", args=["pdf"]), PIVOT)
    assert response.status_code == 404


def test_an_export_of_a_malformed_question_is_a_bad_request(people, classes):
    response = _client(people.district).get(
        reverse("analytics:export", args=["csv"]), {**PIVOT, "period": "20xx"}
    )
    assert response.status_code == 400


def _sources(user, **params):
    query = {"indicator": "HT_LOP", "period": "2019..2023", "unit": "HN-THANHXUAN", **params}
    return _client(user).get(reverse("analytics:sources"), query)


def test_sources_show_who_entered_each_value(people, classes, tree):
    people.ward.first_name, people.ward.last_name = "Lan", "Nguyễn Thị"
    people.ward.save()
    save_value(by=people.ward, unit=tree.ward, indicator=classes.indicator, period="2022", raw="6")
    response = _sources(people.district, unit="HN-THANHXUAN-KHUONGMAI", period="2022")
    assert response.status_code == 200
    assert [(line.unit.code, line.entered_by) for line in response.context["lines"]] == [
        ("HN-THANHXUAN-KHUONGMAI", "Lan Nguyễn Thị")
    ]
    assert "Nhập trên biểu mẫu" in response.text


def test_sources_of_the_own_row_list_only_the_units_own_values(people, classes):
    response = _sources(people.district, own="1")
    assert [line.unit.code for line in response.context["lines"]] == ["HN-THANHXUAN"]
    assert response.context["figure"] == 5


def test_sources_are_paginated(people, classes, tree):
    for year in range(1960, 2019):
        save_value(
            by=people.admin, unit=tree.cell, indicator=classes.indicator, period=str(year), raw="1"
        )
    response = _sources(people.district, period="1960..2023")
    assert len(response.context["lines"]) == 50
    assert "page=2" in response.text
    assert len(_sources(people.district, period="1960..2023", page=2).context["lines"]) == 14


def test_sources_of_an_unknown_indicator_are_not_found(people, classes):
    assert _sources(people.district, indicator="KHONG_CO").status_code == 404


# Each account: a unit inside its subtree and one outside it (admin sees everything).
PLACES = {
    "admin": ("HCM-QUAN1-BENNGHE", None),
    "city": ("HN-THANHXUAN-KHUONGMAI", "HCM-QUAN1-BENNGHE"),
    "district": ("HN-THANHXUAN-KHUONGMAI-TDP01", "HN"),
    "ward": ("HN-THANHXUAN-KHUONGMAI-TDP01", "HCM-QUAN1-BENNGHE"),
    "otherward": ("HCM-QUAN1-BENNGHE", "HN-THANHXUAN-KHUONGMAI"),
    "judge": ("HN-THANHXUAN-KHUONGMAI", "HCM-QUAN1"),
}
PAGES = {
    "pivot": lambda: reverse("analytics:pivot"),
    "export": lambda: reverse("analytics:export", args=["xlsx"]),
    "sources": lambda: reverse("analytics:sources"),
}


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("account", list(PLACES))
def test_every_role_reads_figures_inside_its_subtree_only(people, classes, account, page):
    inside, outside = PLACES[account]
    client = _client(getattr(people, account))
    assert client.get(PAGES[page](), {**PIVOT, "unit": inside}).status_code == 200
    if outside is not None:
        assert client.get(PAGES[page](), {**PIVOT, "unit": outside}).status_code == 404


def test_the_page_reads_as_many_queries_for_twelve_wards_as_for_two(people, classes, tree):
    def page_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert _pivot(people.district).status_code == 200
        return len(captured)

    before = page_queries()
    for n in range(10):
        ward = UnitFactory(
            code=f"HN-THANHXUAN-P{n}",
            name=f"Đảng ủy phường {n}",
            kind=UnitKind.WARD_COMMITTEE,
            parent=tree.district,
        )
        save_value(by=people.admin, unit=ward, indicator=classes.indicator, period="2020", raw="1")
    assert page_queries() == before


def test_the_page_speaks_english_when_chosen(people, classes):
    client = _client(people.district)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("analytics:pivot"), PIVOT)
    assert "All of Quận ủy Thanh Xuân" in response.text
    assert [c.label for c in response.context["pivot"].columns][-1] == "2019–2023"


def test_the_unit_list_offers_the_chain_above_and_the_children(people, classes, tree):
    form = _pivot(people.city, unit="HN-THANHXUAN").context["form"]
    assert [
        (group, [code for code, _name in units]) for group, units in form.fields["unit"].choices
    ] == [
        ("Cấp trên", ["HN"]),
        ("Đơn vị đang xem", ["HN-THANHXUAN"]),
        ("Đơn vị trực thuộc", ["HN-THANHXUAN-HADINH", "HN-THANHXUAN-KHUONGMAI"]),
    ]
