"""What a review says, computed from the data: sections, tables, figures, charts.

The renderers (DOCX, PDF through DOCX, XLSX, the web preview) all draw this one
structure, so the same numbers appear everywhere, and each number is a `Figure` that
knows its indicator, unit and span: the DOCX lists them in an appendix and the web
preview links each to its drill-down.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from tongket.analytics import rollup
from tongket.analytics.grid import TOTAL, rollup_grid
from tongket.analytics.rollup import Span
from tongket.core.periods import Period, PeriodType, Window
from tongket.lib.numbers import percent, vn_number
from tongket.org.models import Unit
from tongket.programmes.models import Indicator, Target, ValueType
from tongket.reporting.models import DataValue
from tongket.reviews.models import Review, ReviewKind
from tongket.vn.text import sort_key


@dataclass
class Figure:
    """A number in the review and where it comes from."""

    ref: int
    value: Decimal | None
    indicator: Indicator
    unit: Unit
    span: str
    sources: int = 0
    cited: bool = True  # listed one by one in the appendix; table cells are cited by column

    @property
    def text(self) -> str:
        places = 1 if self.indicator.value_type in (ValueType.PERCENTAGE, ValueType.NUMBER) else 0
        text = vn_number(self.value, places or 1)
        return (
            f"{text}%"
            if self.indicator.value_type == ValueType.PERCENTAGE and self.value is not None
            else text
        )


Run = str | Figure


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list[Run]]
    sources: list[str] = field(default_factory=list)  # where each column's figures come from


@dataclass
class Chart:
    title: str
    categories: list[str]
    values: list[float | None]
    unit_label: str


@dataclass
class Section:
    key: str
    title: str
    paragraphs: list[list[Run]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    editable: bool = False


@dataclass
class ReviewContent:
    review: Review
    unit: Unit
    window: Window
    title: str
    subtitle: str
    sections: list[Section]
    figures: list[Figure]

    @property
    def window_label(self) -> str:
        return self.window.label()


SECTION_TITLES = [
    ("results", "TÌNH HÌNH VÀ KẾT QUẢ THỰC HIỆN"),
    ("limits", "HẠN CHẾ, NGUYÊN NHÂN"),
    ("lessons", "BÀI HỌC KINH NGHIỆM"),
    ("directions", "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"),
    ("proposals", "ĐỀ XUẤT, KIẾN NGHỊ"),
]
ROMAN = ["I", "II", "III", "IV", "V", "VI"]
DEFAULT_NARRATIVES = {
    "results": "",
    "lessons": (
        "Một là, phải thường xuyên quán triệt, nâng cao nhận thức, trách nhiệm của cấp ủy, "
        "người đứng đầu trong tổ chức thực hiện.\nHai là, phát huy vai trò của các tổ chức cơ sở "
        "đảng và lực lượng cộng tác viên; kịp thời sơ kết, rút kinh nghiệm, nhân rộng cách làm hay."
    ),
    "directions": (
        "Tiếp tục quán triệt, triển khai thực hiện nghiêm túc, hiệu quả Nghị quyết; "
        "củng cố, kiện toàn lực lượng cộng tác viên ở các tổ chức cơ sở đảng; nâng cao chất lượng "
        "các lớp tập huấn, hội nghị chuyên đề và thông tin, tuyên truyền trên các kênh của đơn vị."
    ),
    "proposals": "Đề nghị cấp trên tiếp tục quan tâm hướng dẫn, bồi dưỡng nghiệp vụ và bố trí kinh phí "
    "cho hoạt động của Ban Chỉ đạo.",
}


class _Figures:
    """The review's numbers, read in a few grouped queries and recorded as they are used."""

    def __init__(self, unit: Unit, window: Window, indicators: list[Indicator]) -> None:
        self.unit, self.window = unit, window
        self.years = years_in(window)
        self.grid = rollup_grid(indicators, unit, [window, window.previous(), *self.years])
        self.items: list[Figure] = []

    def number(self, indicator: Indicator, unit: Unit, span: Span) -> Decimal | None:
        """The same value as `rollup.value_of` for the unit (or one of its children)."""
        return self.grid.value(indicator, TOTAL if unit == self.unit else unit.pk, span)

    def value(self, indicator: Indicator, unit: Unit, span: Span, *, cited: bool = True) -> Figure:
        """A figure of the review: its value, and how many stored values it sums."""
        value = self.number(indicator, unit, span)
        counted = cited and not indicator.is_computed
        count = rollup.sources(indicator, unit, span).count() if counted else 0
        figure = Figure(len(self.items) + 1, value, indicator, unit, span.id, count, cited)
        self.items.append(figure)
        return figure


def years_in(window: Window) -> list[Period]:
    """The whole years inside a window, for the by-year table and chart."""
    if window.type == PeriodType.YEARLY or window.end.year > window.start.year:
        return window.periods(PeriodType.YEARLY)
    return []


def build_content(review: Review) -> ReviewContent:
    window = Window.parse(review.window)
    unit = review.unit
    indicators = [i for i in review.programme.indicators.order_by("sort_order") if i.is_numeric]
    figures = _Figures(unit, window, indicators)
    results = Section("results", SECTION_TITLES[0][1])
    results.paragraphs = _result_paragraphs(review, indicators, figures)
    results.tables = [
        _summary_table(indicators, unit, window, figures),
        _yearly_table(indicators, unit, window, figures),
        _children_table(indicators, unit, window, figures),
    ]
    results.tables = [table for table in results.tables if table.rows]
    results.charts = [chart for chart in [_yearly_chart(indicators, figures)] if chart]
    results.paragraphs += _contest_paragraphs(unit, window)
    results.paragraphs += _narrative(review, "results")
    sections = [results, _limits_section(review, indicators, figures)]
    for key, title in SECTION_TITLES[2:]:
        sections.append(Section(key, title, paragraphs=_narrative(review, key), editable=True))
    kind = ReviewKind(review.kind).label
    return ReviewContent(
        review=review,
        unit=unit,
        window=window,
        title="BÁO CÁO",
        subtitle=f"{str(kind).removeprefix('Báo cáo ')} {_years(window)} {review.programme.name[0].lower()}"
        f"{review.programme.name[1:]}",
        sections=sections,
        figures=figures.items,
    )


def _contest_paragraphs(unit: Unit, window: Window) -> list[list[Run]]:
    """The unit's own writing contests held in the window, as the seed reports tell them."""
    from tongket.contests.models import Contest
    from tongket.contests.statistics import contest_statistics

    contests = Contest.objects.filter(
        unit=unit, year__gte=window.start.year, year__lte=window.end.year
    )
    paragraphs: list[list[Run]] = []
    for contest in contests.order_by("year"):
        stats = contest_statistics(contest)
        if not stats.entries:
            continue
        name = (
            contest.name
            if str(contest.year) in contest.name
            else f"{contest.name} năm {contest.year}"
        )
        text = (
            f"- {name}: {vn_number(stats.entries)} bài dự thi của "
            f"{vn_number(stats.authors)} tác giả, từ {stats.units_taking_part}/{stats.units_expected} "
            "đơn vị"
        )
        if stats.oldest and stats.youngest:
            text += (
                f"; tác giả cao tuổi nhất {stats.oldest[1]} tuổi, trẻ nhất {stats.youngest[1]} tuổi"
            )
        for round_name, count in stats.rounds[1:]:
            if count:
                text += f"; {vn_number(count)} bài vào {round_name.lower()}"
        if stats.forwarded:
            text += f"; {vn_number(stats.forwarded)} bài được chuyển lên cuộc thi cấp trên"
        if stats.prizes_collective or stats.prizes_individual:
            text += (
                f"; trao giải cho {stats.prizes_collective} tập thể và "
                f"{stats.prizes_individual} cá nhân"
            )
        paragraphs.append([text + "."])
    return paragraphs


def _task(review: Review) -> str:
    """The programme as the object of "đã triển khai …", without "thực hiện" twice."""
    name = review.programme.name[0].lower() + review.programme.name[1:]
    return name if name.startswith("thực hiện") else f"thực hiện {name}"


def _years(window: Window) -> str:
    years = window.end.year - window.start.year + 1
    if window.type == PeriodType.YEARLY and years > 1:
        return f"{years} năm"
    return window.label().lower()


def _narrative(review: Review, key: str) -> list[list[Run]]:
    text = review.narratives.get(key, DEFAULT_NARRATIVES.get(key, ""))
    return [[line.strip()] for line in text.splitlines() if line.strip()]


def _target(indicator: Indicator, unit: Unit, window: Window) -> Decimal | None:
    target = Target.objects.filter(indicator=indicator, unit=unit, period=window.id).first()
    return target.value if target else None


def _result_paragraphs(
    review: Review, indicators: list[Indicator], figures: _Figures
) -> list[list[Run]]:
    unit, window = review.unit, figures.window
    reporting = DataValue.objects.filter(
        unit__path__startswith=unit.path,
        indicator__programme=review.programme,
        period_start__gte=window.start,
        period_end__lte=window.end,
    )
    units_reporting = reporting.values("unit").distinct().count()
    paragraphs: list[list[Run]] = [
        [
            f"Giai đoạn {window.label().removeprefix('Giai đoạn ')}, {unit.name} và {units_reporting} đơn vị "
            f"báo cáo trực thuộc đã triển khai {_task(review)}. "
            "Kết quả chủ yếu như sau:"
        ]
    ]
    for indicator in indicators:
        figure = figures.value(indicator, unit, window)
        if figure.value is None:
            continue
        runs: list[Run] = [f"- {indicator.name}: ", figure]
        if indicator.unit_of_measure and indicator.value_type != ValueType.PERCENTAGE:
            runs.append(f" {indicator.unit_of_measure}")
        target = _target(indicator, unit, window)
        if target is not None:
            share = percent(figure.value, target)
            runs.append(f" (chỉ tiêu đề ra {vn_number(target)}, đạt {vn_number(share)}%)")
        runs.append(";")
        paragraphs.append(runs)
    return paragraphs


def _summary_table(
    indicators: list[Indicator], unit: Unit, window: Window, figures: _Figures
) -> Table:
    previous = window.previous()
    rows: list[list[Run]] = []
    for number, indicator in enumerate(indicators, start=1):
        value = figures.value(indicator, unit, window)
        target = _target(indicator, unit, window)
        before = figures.value(indicator, unit, previous)
        rows.append(
            [
                str(number),
                indicator.name,
                indicator.unit_of_measure,
                value,
                vn_number(target) if target is not None else "—",
                f"{vn_number(percent(value.value, target))}%"
                if target and value.value is not None
                else "—",
                before,
            ]
        )
    return Table(
        f"Bảng 1. Kết quả thực hiện các chỉ tiêu, {window.label().lower()}",
        [
            "TT",
            "Chỉ tiêu",
            "Đơn vị tính",
            "Kết quả",
            "Chỉ tiêu đề ra",
            "Tỷ lệ đạt",
            f"Cùng kỳ trước ({previous.id.replace('..', '–')})",
        ],
        rows,
    )


def _yearly_table(
    indicators: list[Indicator], unit: Unit, window: Window, figures: _Figures
) -> Table:
    years = figures.years
    rows: list[list[Run]] = []
    for indicator in indicators:
        cells = [figures.value(indicator, unit, year, cited=False) for year in years]
        if any(cell.value is not None for cell in cells):
            rows.append([indicator.name, *cells])
    notes = [
        f"Bảng 2, cột {year.year}: chỉ tiêu của từng hàng, tổng hợp toàn {unit.name} "
        f"({unit.code}, gồm các đơn vị trực thuộc), kỳ {year.id}"
        for year in years
    ]
    return Table(
        "Bảng 2. Kết quả theo năm", ["Chỉ tiêu", *[str(y.year) for y in years]], rows, notes
    )


def _children_table(
    indicators: list[Indicator], unit: Unit, window: Window, figures: _Figures
) -> Table:
    main = [i for i in indicators if not i.is_computed][:4]
    children = sorted(Unit.objects.filter(parent=unit), key=lambda u: sort_key(u.name))
    rows: list[list[Run]] = []
    for child in children:
        cells = [figures.value(indicator, child, window, cited=False) for indicator in main]
        if any(cell.value is not None for cell in cells):
            rows.append([child.name, *cells])
    notes = [
        f"Bảng 3, cột “{i.name}”: chỉ tiêu {i.code}, tổng hợp từng đơn vị ở hàng (gồm cấp dưới "
        f"của đơn vị đó), kỳ {window.id}"
        for i in main
    ]
    header = ["Đơn vị", *[i.name for i in main]]
    return Table("Bảng 3. Kết quả theo đơn vị trực thuộc", header, rows, notes)


def _yearly_chart(indicators: list[Indicator], figures: _Figures) -> Chart | None:
    candidates = [i for i in indicators if i.aggregation == "sum" and not i.is_computed]
    window = figures.window
    if not candidates or window.end.year == window.start.year:
        return None
    indicator = candidates[0]
    years = figures.years
    values = [figures.number(indicator, figures.unit, year) for year in years]
    if all(v is None for v in values):
        return None
    return Chart(
        f"Biểu đồ. {indicator.name} theo năm",
        [str(y.year) for y in years],
        [float(v) if v is not None else None for v in values],
        indicator.unit_of_measure,
    )


def _limits_section(review: Review, indicators: list[Indicator], figures: _Figures) -> Section:
    """Limitations: the user's text, or a draft from targets not met."""
    section = Section("limits", SECTION_TITLES[1][1], editable=True)
    if review.narratives.get("limits"):
        section.paragraphs = _narrative(review, "limits")
        return section
    shortfalls = []
    unit, window = figures.unit, figures.window
    for indicator in indicators:
        target = _target(indicator, unit, window)
        value = figures.number(indicator, unit, window)
        if target is not None and value is not None and value < target:
            shortfalls.append(
                f"{indicator.name.lower()} đạt {vn_number(value)}/{vn_number(target)} "
                f"({vn_number(percent(value, target))}% chỉ tiêu)"
            )
    if shortfalls:
        section.paragraphs.append([f"Một số chỉ tiêu chưa đạt kế hoạch: {'; '.join(shortfalls)}."])
    section.paragraphs.append(
        ["Nguyên nhân: (cấp ủy bổ sung phân tích nguyên nhân khách quan, chủ quan)."]
    )
    return section


def issue_line(place: str, day: date) -> str:
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)  # "tháng 01", "tháng 7"
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"
