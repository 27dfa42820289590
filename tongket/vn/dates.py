"""Dates in Vietnamese running text: "22/10/2018", "06-3-2020", "05.8.2023",
"ngày 22 tháng 10 năm 2018".

Day comes before month, always. A date that cannot exist ("31/02/2023") is not a
date: documents do contain such typos, and a wrong date is worse than none.
"""

import datetime
import re
from typing import NamedTuple

_NUMERIC = (
    r"(?P<day>[0-9]{1,2})[ ]?(?P<sep>[/.\-\u2013])[ ]?(?P<month>[0-9]{1,2})[ ]?(?P=sep)[ ]?"
    r"(?P<year>[0-9]{4})"
)
_IN_WORDS = (
    r"(?P<wday>[0-9]{1,2})\s+tháng\s+(?P<wmonth>[0-9]{1,2})\s*,?\s+năm\s+(?P<wyear>[0-9]{4})"
)
_EDGE_BEFORE = r"(?<![0-9/.\-\u2013])"
_EDGE_AFTER = r"(?![0-9]|[/.\-\u2013][0-9])"

# "ngày" is optional before a numeric date and required before a date in words.
_DATE = re.compile(
    rf"{_EDGE_BEFORE}(?:(?:ngày\s+)?{_NUMERIC}|ngày\s+{_IN_WORDS}){_EDGE_AFTER}",
    re.IGNORECASE,
)
_DATE_AFTER_NGAY = re.compile(rf"ngày\s+(?:{_NUMERIC}|{_IN_WORDS}){_EDGE_AFTER}", re.IGNORECASE)

MIN_YEAR = 1900
MAX_YEAR = 2100


class FoundDate(NamedTuple):
    """A date written in a text and where: date is None when it cannot exist."""

    date: datetime.date | None
    start: int
    end: int


def parse_date(text: str) -> datetime.date | None:
    """The date a whole string writes ("ngày 06/3/2020"), or None."""
    stripped = text.strip()
    found = _DATE.fullmatch(stripped)
    return None if found is None else _to_date(found)


def find_dates(text: str) -> list[FoundDate]:
    """Every possible date written in the text, in order, with its span."""
    found_dates = []
    for found in _DATE.finditer(text):
        value = _to_date(found)
        if value is not None:
            found_dates.append(FoundDate(value, found.start(), found.end()))
    return found_dates


def match_date(text: str, pos: int, *, need_ngay: bool = False) -> FoundDate | None:
    """A date written exactly at pos, possible or not (date None), or None if none is.

    Impossible dates are still returned with their span so that a caller reading
    the words after a reference can step over them.
    """
    pattern = _DATE_AFTER_NGAY if need_ngay else _DATE
    found = pattern.match(text, pos)
    if found is None:
        return None
    return FoundDate(_to_date(found), found.start(), found.end())


def _to_date(found: re.Match[str]) -> datetime.date | None:
    day, month, year = (
        (found["day"], found["month"], found["year"])
        if found["day"]
        else (found["wday"], found["wmonth"], found["wyear"])
    )
    if not MIN_YEAR <= int(year) <= MAX_YEAR:
        return None
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None
