"""The figures a review report gives about a contest, and their XLSX export.

"The contest drew 718 entries from 21 of 50 grassroots organisations; the oldest
author was 95, the youngest 20": counts over the contest's own entries and
authors, nothing about the authors beyond what the contest recorded.

Participation is counted per unit directly below the contest's unit (steering
committees aside, as they are not units that take part), each entry credited to
the one whose subtree submitted it.
"""

import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from tongket.contests.models import Author, Contest, Entry, EntryAuthor
from tongket.lib.tables import neutralise
from tongket.org.models import Unit, UnitKind

AGE_BANDS = [(0, 29), (30, 39), (40, 49), (50, 59), (60, 69), (70, 79), (80, 200)]


@dataclass(frozen=True)
class UnitCount:
    unit: Unit | None  # None: entries submitted by the contest's own unit
    entries: int


@dataclass(frozen=True)
class AgeBand:
    label: str
    authors: int
    share: float


@dataclass
class ContestStatistics:
    entries: int = 0
    authors: int = 0
    units_expected: int = 0
    units_taking_part: int = 0
    per_unit: list[UnitCount] = field(default_factory=list)
    ages: list[AgeBand] = field(default_factory=list)
    oldest: tuple[Author, int] | None = None
    youngest: tuple[Author, int] | None = None
    group_entries: int = 0
    authors_with_several: int = 0
    categories: list[tuple[str, int]] = field(default_factory=list)
    rounds: list[tuple[str, int]] = field(default_factory=list)
    forwarded: int = 0
    prizes_individual: int = 0
    prizes_collective: int = 0

    @property
    def participation(self) -> float | None:
        if not self.units_expected:
            return None
        return 100 * self.units_taking_part / self.units_expected


def participating_units(contest: Contest) -> list[Unit]:
    """The units directly below the contest's that could take part in its year."""
    year_start, year_end = date(contest.year, 1, 1), date(contest.year, 12, 31)
    children = contest.unit.children.exclude(kind=UnitKind.STEERING_COMMITTEE)
    return [
        unit
        for unit in children.in_vietnamese_order()
        if (unit.valid_from is None or unit.valid_from <= year_end)
        and (unit.valid_to is None or unit.valid_to >= year_start)
    ]


def contest_statistics(contest: Contest) -> ContestStatistics:
    stats = ContestStatistics()
    entries = list(contest.entries.select_related("submitting_unit").defer("text"))
    stats.entries = len(entries)
    _participation(contest, entries, stats)
    _authors(contest, stats)
    stats.categories = Counter(e.category or _("(không ghi)") for e in entries).most_common()
    stats.rounds = [
        (round.name, sum(1 for e in entries if e.reached >= round.order))
        for round in contest.rounds.order_by("order")
    ]
    stats.forwarded = (
        Entry.objects.filter(forwarded_from__contest=contest)
        .values("forwarded_from_id")
        .distinct()
        .count()
    )
    stats.prizes_individual = contest.prizes.filter(entry__isnull=False).count()
    stats.prizes_collective = contest.prizes.filter(collective__isnull=False).count()
    return stats


def _participation(contest: Contest, entries: list[Entry], stats: ContestStatistics) -> None:
    units = participating_units(contest)
    counts: Counter[Unit | None] = Counter()
    for entry in entries:
        owner = next((u for u in units if u.contains(entry.submitting_unit)), None)
        counts[owner] += 1
    stats.units_expected = len(units)
    stats.units_taking_part = sum(1 for unit in units if counts[unit])
    stats.per_unit = [UnitCount(unit, counts[unit]) for unit in units]
    if counts[None]:
        stats.per_unit.append(UnitCount(None, counts[None]))


def _authors(contest: Contest, stats: ContestStatistics) -> None:
    authors = list(contest.authors.all().order_by("birth_year", "name"))
    stats.authors = len(authors)
    links = EntryAuthor.objects.filter(entry__contest=contest).values_list("entry_id", "author_id")
    per_entry = Counter(entry for entry, _author in links)
    per_author = Counter(author for _entry, author in links)
    stats.group_entries = sum(1 for count in per_entry.values() if count > 1)
    stats.authors_with_several = sum(1 for count in per_author.values() if count > 1)
    if not authors:
        return
    ages = [author.age_in(contest.year) for author in authors]
    stats.oldest = (authors[0], ages[0])
    stats.youngest = (authors[-1], ages[-1])
    stats.ages = [
        AgeBand(_age_label(low, high), n, 100 * n / len(ages))
        for low, high in AGE_BANDS
        for n in [sum(1 for age in ages if low <= age <= high)]
    ]


def _age_label(low: int, high: int) -> str:
    if low == 0:
        return _("dưới %(age)s") % {"age": high + 1}
    if high >= 200:
        return _("từ %(age)s trở lên") % {"age": low}
    return f"{low}–{high}"


# ---------------------------------------------------------------------------
# Export


def statistics_workbook(contest: Contest, stats: ContestStatistics) -> bytes:
    """The figures, per-unit counts, ages and the entry register, one sheet each."""
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = _("Tổng hợp")
    _fill(summary, [_("Chỉ số"), _("Giá trị")], _summary_rows(contest, stats))
    _fill(
        workbook.create_sheet(_("Theo đơn vị")),
        [_("Đơn vị"), _("Số bài")],
        [[row.unit.name if row.unit else contest.unit.name, row.entries] for row in stats.per_unit],
    )
    _fill(
        workbook.create_sheet(_("Độ tuổi")),
        [_("Độ tuổi"), _("Số tác giả"), _("Tỷ lệ (%)")],
        [[band.label, band.authors, round(band.share, 1)] for band in stats.ages],
    )
    _fill(
        workbook.create_sheet(_("Bài dự thi")),
        [
            _("Số biên nhận"),
            _("Mã bài"),
            _("Tên bài"),
            _("Thể loại"),
            _("Đơn vị gửi bài"),
            _("Tác giả"),
            _("Năm sinh"),
            _("Vòng đã vào"),
        ],
        _register_rows(contest),
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _summary_rows(contest: Contest, stats: ContestStatistics) -> list[list[object]]:
    rows: list[list[object]] = [
        [_("Cuộc thi"), str(contest)],
        [_("Số bài dự thi"), stats.entries],
        [_("Số tác giả"), stats.authors],
        [
            _("Đơn vị có bài / đơn vị trực thuộc"),
            f"{stats.units_taking_part}/{stats.units_expected}",
        ],
        [_("Bài của nhóm tác giả"), stats.group_entries],
        [_("Tác giả có từ hai bài trở lên"), stats.authors_with_several],
    ]
    if stats.oldest and stats.youngest:
        rows += [[_("Tác giả cao tuổi nhất"), stats.oldest[1]]]
        rows += [[_("Tác giả trẻ tuổi nhất"), stats.youngest[1]]]
    rows += [[_("Số bài vào %(round)s") % {"round": name}, n] for name, n in stats.rounds]
    rows += [
        [_("Số bài gửi lên cấp trên"), stats.forwarded],
        [_("Giải cá nhân"), stats.prizes_individual],
        [_("Giải tập thể"), stats.prizes_collective],
    ]
    return rows


def _register_rows(contest: Contest) -> list[list[object]]:
    entries = contest.entries.select_related("submitting_unit").prefetch_related(
        "author_links__author"
    )
    rows = []
    for entry in entries.defer("text"):
        authors = [link.author for link in entry.author_links.all()]
        rows.append(
            [
                entry.receipt_number,
                entry.code,
                entry.title,
                entry.category,
                entry.submitting_unit.name,
                "; ".join(author.name for author in authors),
                "; ".join(str(author.birth_year) for author in authors),
                entry.reached,
            ]
        )
    return rows


def _fill(sheet: Worksheet, header: list[str], rows: list[list[object]]) -> None:
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([neutralise(value) for value in row])
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
