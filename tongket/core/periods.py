"""Reporting periods and windows, named by DHIS2 period identifiers.

Figures are stored per period, exchanged with DHIS2-style identifiers (`202301`,
`2023Q1`, `2023S1`, `2023`) and asked for over windows (`2019..2023`). Pure Python,
no Django import: the API, the command line and the review generator share it.

Vietnamese reports also use the cumulative "9 tháng đầu năm" (January–September).
DHIS2 has no such period type, so tongket names it `2023N9` ("N" for nine, read
"9 tháng"): the pattern collides with no DHIS2 identifier (weeks `2023W1`,
bi-weeks `2023BiW1`, bi-months `202301B`, financial years `2023April`, …). There is
one nine-month period a year, so its `previous()` is the same months of the year
before, and when exporting to DHIS2 its values must go out as months or quarters.

A window joins two periods of the same type, from the first one's first day to the
last one's last day. Mixed ends such as `2022Q1..2022S2` are refused: "the window
of the same length just before" would often end inside a half-year, and
`2022Q1..2022Q4` says the same thing without ambiguity.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import total_ordering
from typing import Protocol

__all__ = [
    "DayOfMonthAfterEnd",
    "DaysAfterEnd",
    "DueRule",
    "Period",
    "PeriodType",
    "Span",
    "Timeliness",
    "Window",
    "due_date",
    "parse_period_or_window",
    "periods_of_type_within",
    "timeliness",
]


class PeriodType(StrEnum):
    """The kinds of reporting period; the values are DHIS2's period type names."""

    MONTHLY = "Monthly"
    QUARTERLY = "Quarterly"
    SIX_MONTHLY = "SixMonthly"
    NINE_MONTHS = "NineMonths"  # tongket's own: January–September, cumulative
    YEARLY = "Yearly"

    def label(self, lang: str = "vi") -> str:
        """The name of the period type for people ("quý", "quarter")."""
        return _TYPE_LABELS[_language(lang)][self]


@dataclass(frozen=True)
class _Shape:
    length: int  # in months
    first_months: tuple[int, ...]  # the months (1–12) in which a period of the type begins

    @property
    def step(self) -> int:
        """Months from one period of the type to the next."""
        return 12 // len(self.first_months)


_SHAPES = {
    PeriodType.MONTHLY: _Shape(1, tuple(range(1, 13))),
    PeriodType.QUARTERLY: _Shape(3, (1, 4, 7, 10)),
    PeriodType.SIX_MONTHLY: _Shape(6, (1, 7)),
    PeriodType.NINE_MONTHS: _Shape(9, (1,)),
    PeriodType.YEARLY: _Shape(12, (1,)),
}

_TYPE_LABELS = {
    "vi": {
        PeriodType.MONTHLY: "tháng",
        PeriodType.QUARTERLY: "quý",
        PeriodType.SIX_MONTHLY: "6 tháng",
        PeriodType.NINE_MONTHS: "9 tháng đầu năm",
        PeriodType.YEARLY: "năm",
    },
    "en": {
        PeriodType.MONTHLY: "month",
        PeriodType.QUARTERLY: "quarter",
        PeriodType.SIX_MONTHLY: "half-year",
        PeriodType.NINE_MONTHS: "first nine months",
        PeriodType.YEARLY: "year",
    },
}

# Written out rather than taken from `calendar.month_name`, which follows the locale.
_ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_ROMAN = ("I", "II", "III", "IV")

_ACCEPTED_FORMS = (
    "Dùng mã kỳ DHIS2: 2023 (năm), 2023S1 (6 tháng), 2023N9 (9 tháng đầu năm), "
    "2023Q1 (quý), 202301 (tháng)."
)


class Span(Protocol):
    """Anything with a first and a last day (both inclusive): a period, a window."""

    @property
    def start(self) -> date: ...

    @property
    def end(self) -> date: ...


@total_ordering
@dataclass(frozen=True, repr=False)
class Period:
    """One reporting period: a month, quarter, half-year, first nine months or year.

    Build one with `Period.parse("2023Q1")`, `Period.of(PeriodType.QUARTERLY, 2023, 1)`
    or `Period.containing(day, type)`; `end` follows from the type and `start`.
    Periods sort by first day, and a shorter period before a longer one beginning the
    same day (`202301 < 2023Q1 < 2023S1 < 2023N9 < 2023`), so a sorted table reads in
    the order the figures came in.
    """

    type: PeriodType
    start: date
    end: date = field(init=False)

    def __post_init__(self) -> None:
        shape = _SHAPES[self.type]
        if self.start.day != 1 or self.start.month not in shape.first_months:
            raise ValueError(
                f"Kỳ {self.type.label()} không thể bắt đầu ngày {self.start:%d/%m/%Y}."
            )
        last_month = _month_number(self.start) + shape.length - 1
        object.__setattr__(self, "end", _last_day(last_month))

    @classmethod
    def of(cls, period_type: PeriodType, year: int, number: int = 1) -> Period:
        """The `number`-th period of the type in `year` (quarter 3, month 11, …)."""
        first_months = _SHAPES[period_type].first_months
        if not 1 <= number <= len(first_months):
            raise ValueError(
                f"Kỳ {period_type.label()} thứ {number} không tồn tại: "
                f"một năm có {len(first_months)} kỳ {period_type.label()}."
            )
        return _starting(period_type, year * 12 + first_months[number - 1] - 1)

    @classmethod
    def parse(cls, text: str) -> Period:
        """The period named by a canonical DHIS2 identifier, e.g. `2023Q1`.

        Raises ValueError with a Vietnamese message saying what is wrong, because the
        message goes straight back to the person or script that typed the id.
        """
        return _parse_period(text)

    @classmethod
    def containing(cls, day: date, period_type: PeriodType) -> Period:
        """The period of the type in which `day` falls.

        Raises ValueError for October–December days and the nine-month type, the only
        type whose periods leave gaps in the year.
        """
        shape = _SHAPES[period_type]
        first_month = max(month for month in shape.first_months if month <= day.month)
        period = _starting(period_type, day.year * 12 + first_month - 1)
        if period.end < day:
            raise ValueError(
                f"Ngày {day:%d/%m/%Y} không thuộc kỳ {period_type.label()} nào "
                f"(kỳ gần nhất là {period.label()})."
            )
        return period

    @property
    def id(self) -> str:
        """The canonical identifier: `202301`, `2023Q1`, `2023S1`, `2023N9`, `2023`."""
        year = f"{self.start.year:04d}"
        match self.type:
            case PeriodType.MONTHLY:
                return f"{year}{self.start.month:02d}"
            case PeriodType.QUARTERLY:
                return f"{year}Q{self.number}"
            case PeriodType.SIX_MONTHLY:
                return f"{year}S{self.number}"
            case PeriodType.NINE_MONTHS:
                return f"{year}N9"
            case PeriodType.YEARLY:
                return year

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def number(self) -> int:
        """The position of the period in its year, from 1 (month 11, quarter 3, …)."""
        return _SHAPES[self.type].first_months.index(self.start.month) + 1

    def label(self, lang: str = "vi") -> str:
        """The name people read: "Quý I/2023" in Vietnamese, "Q1 2023" in English."""
        if _language(lang) == "vi":
            return self._vietnamese_label()
        return self._english_label()

    def _vietnamese_label(self) -> str:
        year = self.start.year
        match self.type:
            case PeriodType.MONTHLY:
                return f"Tháng {self.start.month}/{year}"
            case PeriodType.QUARTERLY:
                return f"Quý {_ROMAN[self.number - 1]}/{year}"
            case PeriodType.SIX_MONTHLY:
                half = "đầu" if self.number == 1 else "cuối"
                return f"6 tháng {half} năm {year}"
            case PeriodType.NINE_MONTHS:
                return f"9 tháng đầu năm {year}"
            case PeriodType.YEARLY:
                return f"Năm {year}"

    def _english_label(self) -> str:
        year = self.start.year
        match self.type:
            case PeriodType.MONTHLY:
                return f"{_ENGLISH_MONTHS[self.start.month - 1]} {year}"
            case PeriodType.QUARTERLY:
                return f"Q{self.number} {year}"
            case PeriodType.SIX_MONTHLY:
                half = "First" if self.number == 1 else "Second"
                return f"{half} half of {year}"
            case PeriodType.NINE_MONTHS:
                return f"First nine months of {year}"
            case PeriodType.YEARLY:
                return str(year)

    def shift(self, steps: int) -> Period:
        """The period of the same type `steps` periods later (earlier when negative)."""
        step = _SHAPES[self.type].step
        return _starting(self.type, _month_number(self.start) + steps * step)

    def previous(self) -> Period:
        return self.shift(-1)

    def next(self) -> Period:
        return self.shift(1)

    def same_period_previous_year(self) -> Period:
        """The same period a year earlier ("cùng kỳ năm trước"), the usual comparison."""
        return self.shift(-12 // _SHAPES[self.type].step)

    def contains(self, other: Span | date) -> bool:
        """Whether a date, period or window lies entirely inside this period."""
        return _contains(self, other)

    def periods(self, period_type: PeriodType) -> list[Period]:
        """The periods of a type lying entirely inside this one (2023S1 → two quarters)."""
        return periods_of_type_within(period_type, self.start, self.end)

    def months(self) -> list[Period]:
        """The monthly periods this one is made of: the unit figures are summed over."""
        return self.periods(PeriodType.MONTHLY)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return (self.start, self.end) < (other.start, other.end)

    def __str__(self) -> str:
        return self.id

    def __repr__(self) -> str:
        return f"{type(self).__name__}.parse({self.id!r})"


@dataclass(frozen=True, repr=False)
class Window:
    """Two periods of one type and everything between them: `2019..2023`.

    The review of a programme covers a window ("giai đoạn 2019–2023"); figures over
    it are aggregated from the periods it contains.
    """

    first: Period
    last: Period

    def __post_init__(self) -> None:
        text = f"{self.first.id}..{self.last.id}"
        if self.first.type != self.last.type:
            raise ValueError(
                f"Khoảng kỳ không hợp lệ: '{text}' — hai đầu phải cùng loại kỳ "
                f"({self.first.type.label()} và {self.last.type.label()}), "
                "ví dụ 2022Q1..2022Q4."
            )
        if self.last < self.first:
            raise ValueError(
                f"Khoảng kỳ không hợp lệ: '{text}' — kỳ cuối ({self.last.id}) "
                f"đứng trước kỳ đầu ({self.first.id})."
            )

    @classmethod
    def parse(cls, text: str) -> Window:
        """The window named `FIRST..LAST`, e.g. `2019..2023` or `2022Q1..2022Q3`."""
        parts = text.strip().split("..")
        if len(parts) != 2:
            raise ValueError(
                f"Khoảng kỳ không hợp lệ: '{text}' — viết hai kỳ cách nhau bởi '..', "
                "ví dụ 2019..2023 hoặc 2022Q1..2022Q3."
            )
        return cls(Period.parse(parts[0]), Period.parse(parts[1]))

    @property
    def type(self) -> PeriodType:
        return self.first.type

    @property
    def start(self) -> date:
        return self.first.start

    @property
    def end(self) -> date:
        return self.last.end

    @property
    def id(self) -> str:
        return f"{self.first.id}..{self.last.id}"

    def label(self, lang: str = "vi") -> str:
        """The name people read: "Giai đoạn 2019–2023", "Từ quý I/2022 đến quý III/2022"."""
        vietnamese = _language(lang) == "vi"
        if self.type is PeriodType.YEARLY:
            years = f"{self.first.year}–{self.last.year}"
            return f"Giai đoạn {years}" if vietnamese else years
        if vietnamese:
            first, last = (_lower_first(p.label("vi")) for p in (self.first, self.last))
            return f"Từ {first} đến {last}"
        return f"{self.first.label('en')} to {self.last.label('en')}"

    def periods(self, period_type: PeriodType | None = None) -> list[Period]:
        """The periods of a type lying entirely inside the window (its own type by default).

        `2019..2023` holds 5 years, 20 quarters and 60 months.
        """
        return periods_of_type_within(period_type or self.type, self.start, self.end)

    def months(self) -> list[Period]:
        return self.periods(PeriodType.MONTHLY)

    def contains(self, other: Span | date) -> bool:
        """Whether a date, period or window lies entirely inside this window."""
        return _contains(self, other)

    def shift(self, steps: int) -> Window:
        """The window moved by `steps` periods of its type."""
        return Window(self.first.shift(steps), self.last.shift(steps))

    def previous(self) -> Window:
        """The window of as many periods just before: what "compared with the previous
        window" compares with (`2022Q1..2022Q3` → `2021Q2..2021Q4`)."""
        return self.shift(-len(self.periods()))

    def next(self) -> Window:
        return self.shift(len(self.periods()))

    def same_period_previous_year(self) -> Window:
        """The same stretch of the year before (`2022Q1..2022Q3` → `2021Q1..2021Q3`)."""
        return Window(self.first.same_period_previous_year(), self.last.same_period_previous_year())

    def __str__(self) -> str:
        return self.id

    def __repr__(self) -> str:
        return f"{type(self).__name__}.parse({self.id!r})"


def parse_period_or_window(text: str) -> Period | Window:
    """A period (`2023Q1`) or a window (`2019..2023`): the API accepts either."""
    if ".." in text:
        return Window.parse(text)
    return Period.parse(text)


def periods_of_type_within(period_type: PeriodType, start: date, end: date) -> list[Period]:
    """The periods of a type lying entirely between two days (both inclusive), in order.

    A period that only overlaps the edges is left out: a figure for 2023Q4 says
    nothing about how much of it fell in October.
    """
    shape = _SHAPES[period_type]
    first_month = _month_number(start) + (start.day > 1)
    last_month = _month_number(end) - (end < _last_day(_month_number(end)))
    return [
        _starting(period_type, month)
        for month in range(first_month, last_month - shape.length + 2)
        if month % 12 + 1 in shape.first_months
    ]


# --- Due dates and timeliness -------------------------------------------------------------


@dataclass(frozen=True)
class DaysAfterEnd:
    """Due a number of days after the period's last day ("chậm nhất 5 ngày sau kỳ").

    Zero means the last day of the period itself.
    """

    days: int

    def __post_init__(self) -> None:
        if self.days < 0:
            raise ValueError("Số ngày sau khi kết thúc kỳ không được âm.")

    def due_date(self, period: Span) -> date:
        return period.end + timedelta(days=self.days)


@dataclass(frozen=True)
class DayOfMonthAfterEnd:
    """Due on a fixed day of a month counted from the period's last month.

    "Trước ngày 20 của tháng cuối kỳ" is `DayOfMonthAfterEnd(20, months_after_end=0)`;
    "ngày 5 tháng sau" is `DayOfMonthAfterEnd(5)`. A day past the end of a short month
    falls on its last day, as people read "ngày 31" in February.
    """

    day: int
    months_after_end: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.day <= 31:
            raise ValueError(f"Ngày hạn nộp phải từ 1 đến 31, không phải {self.day}.")
        if self.months_after_end < 0:
            raise ValueError("Số tháng sau khi kết thúc kỳ không được âm.")

    def due_date(self, period: Span) -> date:
        month = _month_number(period.end) + self.months_after_end
        last_day = _last_day(month)
        return last_day.replace(day=min(self.day, last_day.day))


type DueRule = DaysAfterEnd | DayOfMonthAfterEnd


def due_date(period: Span, rule: DueRule) -> date:
    """The last day on which the report for a period counts as on time."""
    return rule.due_date(period)


class Timeliness(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"  # not submitted, and the due date has passed
    NOT_YET_DUE = "not_yet_due"  # not submitted, but there is still time


def timeliness(*, due: date, submitted_on: date | None, today: date) -> Timeliness:
    """Whether a report came in on time, late, not at all, or is not due yet.

    A report submitted on its due date is on time. The dates are local calendar days:
    a datetime is refused because which day it falls on depends on the time zone, and
    only the caller knows it.
    """
    for value in (due, submitted_on, today):
        if isinstance(value, datetime):
            raise TypeError("Pass calendar dates in local time, not datetimes.")
    if submitted_on is None:
        return Timeliness.MISSING if today > due else Timeliness.NOT_YET_DUE
    return Timeliness.ON_TIME if submitted_on <= due else Timeliness.LATE


# --- Helpers ---------------------------------------------------------------------------------


def _parse_period(text: str) -> Period:
    candidate = text.strip()
    for pattern, period_type in _ID_PATTERNS:
        match = pattern.fullmatch(candidate)
        if match:
            year, number = int(match["year"]), int(match["number"] or 1)
            _check_year(text, year)
            _check_number(text, period_type, number)
            period = Period.of(period_type, year, number)
            if period.id != candidate:
                raise ValueError(f"Kỳ báo cáo không hợp lệ: '{text}' — viết là '{period.id}'.")
            return period
    raise ValueError(f"Kỳ báo cáo không hợp lệ: '{text}'{_hint(candidate)} {_ACCEPTED_FORMS}")


_ID_PATTERNS = [
    (re.compile(r"(?P<year>[0-9]{4})(?P<number>)"), PeriodType.YEARLY),
    (re.compile(r"(?P<year>[0-9]{4})(?P<number>[0-9]{2})"), PeriodType.MONTHLY),
    (re.compile(r"(?P<year>[0-9]{4})Q(?P<number>[0-9]+)"), PeriodType.QUARTERLY),
    (re.compile(r"(?P<year>[0-9]{4})S(?P<number>[0-9]+)"), PeriodType.SIX_MONTHLY),
    (re.compile(r"(?P<year>[0-9]{4})N9(?P<number>)"), PeriodType.NINE_MONTHS),
]

_NUMBER_RULES = {
    PeriodType.MONTHLY: "tháng phải từ 01 đến 12",
    PeriodType.QUARTERLY: "quý phải từ 1 đến 4",
    PeriodType.SIX_MONTHLY: "nửa năm phải là 1 (6 tháng đầu năm) hoặc 2 (6 tháng cuối năm)",
}


def _check_year(text: str, year: int) -> None:
    if year < 1:
        raise ValueError(f"Kỳ báo cáo không hợp lệ: '{text}' — năm phải từ 0001 đến 9999.")


def _check_number(text: str, period_type: PeriodType, number: int) -> None:
    if period_type in _NUMBER_RULES and number > len(_SHAPES[period_type].first_months):
        raise ValueError(f"Kỳ báo cáo không hợp lệ: '{text}' — {_NUMBER_RULES[period_type]}.")
    if number < 1:
        raise ValueError(f"Kỳ báo cáo không hợp lệ: '{text}' — {_NUMBER_RULES[period_type]}.")


def _hint(candidate: str) -> str:
    """A guess at what was meant, for the mistakes people actually make."""
    iso_month = re.fullmatch(r"([0-9]{4})-([0-9]{2})", candidate)
    if iso_month:
        return f" — tháng viết liền, không có dấu gạch: '{iso_month[1]}{iso_month[2]}'."
    if candidate != candidate.upper() and _is_period_id(candidate.upper()):
        return f" — viết hoa: '{candidate.upper()}'."
    if re.fullmatch(r"[0-9]{4}N[0-9]+", candidate):
        return " — kỳ nhiều tháng duy nhất là 9 tháng đầu năm, mã 'N9'."
    return "."


def _is_period_id(text: str) -> bool:
    try:
        _parse_period(text)
    except ValueError:
        return False
    return True


def _contains(outer: Span, inner: Span | date) -> bool:
    if isinstance(inner, date):
        return outer.start <= inner <= outer.end
    return outer.start <= inner.start and inner.end <= outer.end


def _starting(period_type: PeriodType, month_number: int) -> Period:
    """The period of a type beginning in a month counted from year 0 (`year * 12 + month - 1`)."""
    if not date.min.year * 12 <= month_number < (date.max.year + 1) * 12:
        raise ValueError("Kỳ báo cáo nằm ngoài phạm vi năm 0001–9999.")
    year, month_index = divmod(month_number, 12)
    return Period(period_type, date(year, month_index + 1, 1))


def _month_number(day: date) -> int:
    return day.year * 12 + day.month - 1


def _last_day(month_number: int) -> date:
    year, month_index = divmod(month_number, 12)
    return date(year, month_index + 1, calendar.monthrange(year, month_index + 1)[1])


def _language(lang: str) -> str:
    """The base language of a tag ("vi-VN" → "vi"); an unknown one is a programming error."""
    base = lang.replace("_", "-").split("-")[0].lower()
    if base not in _TYPE_LABELS:
        raise ValueError(f"Unsupported language {lang!r}: use 'vi' or 'en'.")
    return base


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
