import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tongket.contests.intake import AuthorInput
from tongket.contests.models import PrizeRank
from tongket.contests.results import award_prize
from tongket.contests.statistics import contest_statistics
from tongket.contests.tests.factories import EntryFactory
from tongket.org.models import UnitKind
from tongket.org.tests.factories import UnitFactory


@pytest.fixture
def entries(contest, tree):  # type: ignore[no-untyped-def]
    """Three cells below the ward (one silent), a group entry and a two-entry author."""
    cell2 = UnitFactory(code="KM-TDP02", name="Chi bộ Tổ dân phố số 2", parent=tree.ward)
    UnitFactory(code="KM-TDP03", name="Chi bộ Tổ dân phố số 3", parent=tree.ward)
    UnitFactory(
        code="KM-BCD", name="Ban Chỉ đạo phường", kind=UnitKind.STEERING_COMMITTEE, parent=tree.ward
    )
    old, young = AuthorInput("Cụ Ông Một", 1928), AuthorInput("Em Hai", 2003)
    EntryFactory(contest=contest, unit=tree.cell, authors=[old])
    EntryFactory(contest=contest, unit=tree.cell, authors=[old, AuthorInput("Bà Ba", 1960)])
    EntryFactory(contest=contest, unit=cell2, authors=[young], category="Bài phản bác")
    EntryFactory(contest=contest, unit=tree.ward, authors=[AuthorInput("Ông Bốn", 1985)])
    return contest


def test_participation_counts_units_below_the_contest_but_not_committees(entries, tree):
    stats = contest_statistics(entries)
    assert stats.entries == 4
    assert (stats.units_taking_part, stats.units_expected) == (2, 3)
    assert stats.participation == pytest.approx(200 / 3)
    counts = {(row.unit.code if row.unit else None): row.entries for row in stats.per_unit}
    assert counts == {tree.cell.code: 2, "KM-TDP02": 1, "KM-TDP03": 0, None: 1}


def test_ages_oldest_youngest_groups_and_repeat_authors(entries):
    stats = contest_statistics(entries)
    assert stats.authors == 4 and stats.oldest and stats.youngest
    assert (stats.oldest[0].name, stats.oldest[1]) == ("Cụ Ông Một", 95)
    assert (stats.youngest[0].name, stats.youngest[1]) == ("Em Hai", 20)
    assert stats.group_entries == 1 and stats.authors_with_several == 1
    assert {band.label: band.authors for band in stats.ages if band.authors} == {
        "dưới 30": 1,
        "30–39": 1,
        "60–69": 1,
        "từ 80 trở lên": 1,
    }
    assert dict(stats.categories) == {"Bài chính luận": 3, "Bài phản bác": 1}


def test_prizes_are_counted_by_kind(entries, tree):
    award_prize(by=None, contest=entries, rank=PrizeRank.FIRST, entry=entries.entries.first())
    award_prize(by=None, contest=entries, rank=PrizeRank.COLLECTIVE, collective=tree.cell)
    stats = contest_statistics(entries)
    assert (stats.prizes_individual, stats.prizes_collective) == (1, 1)


def test_the_page_and_the_xlsx_show_the_figures(entries, people):
    client = Client()
    client.force_login(people.district)
    page = client.get(reverse("contests:statistics", args=[entries.pk])).content.decode()
    assert "2/3" in page and "20–95" in page
    response = client.get(reverse("contests:statistics_xlsx", args=[entries.pk]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Tổng hợp", "Theo đơn vị", "Độ tuổi", "Bài dự thi"]
    summary = {row[0]: row[1] for row in workbook["Tổng hợp"].iter_rows(values_only=True)}
    assert summary["Số bài dự thi"] == 4 and summary["Tác giả cao tuổi nhất"] == 95
    register = list(workbook["Bài dự thi"].iter_rows(values_only=True))
    assert len(register) == 5 and register[2][5] == "Cụ Ông Một; Bà Ba"


def test_exported_text_cannot_run_as_a_formula(contest, tree, people):
    EntryFactory(contest=contest, unit=tree.cell, title='=HYPERLINK("http://x")')
    client = Client()
    client.force_login(people.district)
    response = client.get(reverse("contests:statistics_xlsx", args=[contest.pk]))
    register = list(
        load_workbook(io.BytesIO(response.content))["Bài dự thi"].iter_rows(values_only=True)
    )
    assert register[1][2].startswith("'=")
