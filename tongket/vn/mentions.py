"""Mentions: each place a text cites a document, with what is said right around it.

Whole documents are scanned only with two cheap regular expressions, one for the
start of a symbol ("35-NQ", "30/2020/N") and one for a number after "số" or a type
word; everything else (the type word before, the date and issuer after) is read in
a small window around each hit. That keeps extraction fast on long reports, where
citations are a few characters in a thousand.
"""

import datetime
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from tongket.vn import dates, issuers
from tongket.vn.doctypes import GENERIC_TYPE_WORD, TYPE_ABBREVIATIONS, TYPE_WORDS, type_for_word
from tongket.vn.symbols import SYMBOL_START, Symbol, match_symbol

_SPACE = "[ \u00a0]"


def _words(listed: str) -> list[str]:
    return listed.split()


_ABBREVIATIONS = "|".join(sorted(TYPE_ABBREVIATIONS, key=len, reverse=True))
_QUALIFIERS = ("hành động", "liên tịch", "liên ngành", "chuyên đề", "phối hợp")


def _backwards(words: Iterable[str]) -> str:
    """An alternation matching the words written backwards, spaces being any spaces."""
    return "|".join(
        rf"{_SPACE}+".join(re.escape(part[::-1]) for part in reversed(word.split()))
        for word in sorted(words, key=len, reverse=True)
    )


_BACKWARDS_TYPE = (
    rf"(?P<type>{_backwards(TYPE_WORDS)}"
    rf"|(?-i:{_backwards(TYPE_ABBREVIATIONS)})(?=[\s(]|\Z))"
)
_BACKWARDS_NO_SO = rf"{_SPACE}*:?{_SPACE}*(?:(?:{_backwards(_QUALIFIERS)}){_SPACE}+)?"
# Nearest first: no "số", then "số" with 0 to 6 words between it and the type word.
_TYPE_WORD_BACKWARDS = [
    re.compile(_BACKWARDS_NO_SO + _BACKWARDS_TYPE, re.IGNORECASE),
    *(
        re.compile(
            rf"{_SPACE}*:?{_SPACE}*ốs{_SPACE}*(?:[^\W\d_]+{_SPACE}+){{{count}}}{_BACKWARDS_TYPE}",
            re.IGNORECASE,
        )
        for count in range(7)
    ),
]
# A number is a document number only after "số", a type word or its abbreviation.
# Numbers are found first (cheap to scan for) and the word before each looked up.
_NUMBER_START = re.compile(r"(?<![0-9])[0-9]")
_TYPE_WORDS_AS_WRITTEN = frozenset(TYPE_WORDS)
_SO = ("số", "Số", "SỐ")
_NUMBER = re.compile(r"[0-9]{1,5}(?![0-9]|[.,/\-][0-9]|%|[^\W\d_])")
_SO_BEFORE = re.compile(rf"(?:số|Số|SỐ){_SPACE}*:?{_SPACE}*\Z")
_TYPE_LOOKBEHIND = 72
# Words after a bare number that make it a quantity, not a document: "Báo cáo 6 tháng".
_QUANTITY_WORDS = frozenset(
    _words(
        "năm tháng quý tuần ngày giờ phút lần điểm nội nhiệm giải chỉ mục người đồng triệu tỷ "
        "nghìn ngàn bước giai đợt vấn chương điều khoản trang bài tổ đơn cấp xã phường đảng cán "
        "hộ lớp hội tập cá văn nhóm mặt trọng lĩnh thành chi tiêu x"
    )
)
_COUNTED_WORDS = frozenset(_words("người đồng tổ hộ đảng cán lượt đơn tập cá bài chi lớp"))
_RANGE_AFTER = re.compile(r"\s*[-–]\s*[0-9]{4}")
_NEXT_WORDS = re.compile(rf"{_SPACE}+([^\W\d_]+)(?:{_SPACE}+([0-9]+))?")
_LEADING = re.compile(rf"[{_SPACE[1:-1]},]*")
_PARENTHETICAL = re.compile(r"\([^()0-9\n]{1,30}\)")
_ISSUER_LEAD = re.compile(rf"(?:của|do|được|bởi){_SPACE}+")
_ISSUER_VERB = re.compile(
    rf"{_SPACE}+(?:(?:đã|vừa){_SPACE}+)?(?:thông qua|ký ban hành|ban hành|ký)(?![^\W\d_])"
)
_DATE_LEAD = re.compile(rf"(?:(?:ban hành|ký){_SPACE}+)?(?=ngày|Ngày|NGÀY)")
_PRE_VERB = re.compile(
    rf"(?:{_SPACE}+(?:đã|vừa|mới|kịp thời))*(?:{_SPACE}+ký)?"
    rf"{_SPACE}+(?:ban hành|xây dựng|có|phát hành){_SPACE}+\Z"
)
_PRE_DATE = re.compile(
    r"(?:^|[.;:\n\-–)]\s*)(?:Vào\s+)?(?P<date>(?:Ngày|ngày)\s+[0-9][^,;.\n]{2,28}?)\s*,\s*\Z"
)
# The official header: "Số: 115-KH/QU" on one line, "Thanh Xuân, ngày 10 tháng 01 năm 2024"
# on the next.
_HEADER_NUMBER = re.compile(rf"(?:^|\n){_SPACE}*(?:Số|SỐ){_SPACE}*:?{_SPACE}*\Z")
_HEADER_PLACE = re.compile(rf"{_SPACE}*\n[^\n,]{{1,40}},{_SPACE}*(?=ngày|Ngày)")


@dataclass
class Mention:
    """One citation in the text: [start, end) covers the type word and the symbol or number."""

    start: int
    end: int
    number_start: int
    number: str
    symbol: Symbol | None
    type: str | None
    typed_by_word: bool
    date: datetime.date | None = None
    issuer: str | None = None
    issuer_before: bool = False
    tail_end: int = 0
    in_header: bool = False


def find_mentions(text: str) -> list[Mention]:
    """Every mention in NFC text whose look-alike characters are already replaced."""
    found = _symbol_mentions(text)
    found.extend(_number_mentions(text, {mention.number_start for mention in found}))
    found.sort(key=lambda mention: mention.start)
    _share_issuer_within_lists(text, found)
    return found


def _symbol_mentions(text: str) -> list[Mention]:
    mentions: list[Mention] = []
    last_end = 0
    for candidate in SYMBOL_START.finditer(text):
        if candidate.start() < last_end:
            continue
        found = match_symbol(text, candidate.start())
        if found is None:
            continue
        mention = _mention(text, found.start, found.end, found.symbol)
        if mention is not None:
            mentions.append(mention)
            last_end = found.end
    return mentions


def _number_mentions(text: str, symbol_numbers: set[int]) -> list[Mention]:
    mentions: list[Mention] = []
    for start in _NUMBER_START.finditer(text):
        pos = start.start()
        word = _word_before_number(text, pos)
        if word is None:
            continue
        number = _NUMBER.match(text, pos)
        if number is None or _symbol_starts_at(text, pos, symbol_numbers):
            continue
        if _is_quantity(text, number.end(), after_so=word in _SO):
            continue
        mention = _mention(text, number.start(), number.end(), None)
        if mention is not None and not _is_year(mention, text):
            mentions.append(mention)
    return mentions


def _word_before_number(text: str, pos: int) -> str | None:
    """ "số", a capitalised type word or an abbreviation right before pos, else None."""
    before = text[pos - 1 : pos]
    if not before or not (before in " \u00a0:" or before.isupper()):
        return None
    head = text[max(0, pos - 28) : pos].rstrip(" \u00a0:")
    words = head.split()
    if not words:
        return None
    last = words[-1]
    if last in _SO or last in TYPE_ABBREVIATIONS:
        return last
    if last[-2:] in ("NQ", "KH", "CT", "KL", "QĐ", "HD") and last[:-2] in ("", "("):
        return last[-2:]
    if last.endswith(_SO) and not last[-3:-2].isalpha():
        return last[-2:]
    for count in (1, 2, 3, 4):
        phrase = " ".join(words[-count:])
        if phrase in _TYPE_WORDS_AS_WRITTEN:
            return phrase
    return None


def _symbol_starts_at(text: str, pos: int, symbol_numbers: set[int]) -> bool:
    return pos in symbol_numbers or match_symbol(text, pos) is not None


def _is_quantity(text: str, end: int, *, after_so: bool) -> bool:
    """True when the words after a number make it a count or a period ("Báo cáo 6 tháng").

    After "số" a number is a document number unless a count follows ("số 5 tổ dân
    phố"); "Kế hoạch số 5 năm 2020" is plan 5 of 2020.
    """
    if text[end : end + 1] in ("%", "/", "x"):
        return True
    following = _NEXT_WORDS.match(text, end)
    if following is None:
        return False
    word = following.group(1).casefold()
    if word == "ngày" and following.group(2):
        return False
    if word == "năm" and len(following.group(2) or "") == 4:
        # "Đề án 06 năm 2024" is project 06 of 2024; "kế hoạch 5 năm 2021-2025" is a span.
        return _RANGE_AFTER.match(text, following.end()) is not None
    if after_so:
        return word in _COUNTED_WORDS
    return word in _QUANTITY_WORDS


def _is_year(mention: Mention, text: str) -> bool:
    """ "Kế hoạch 2025" names a year's plan, not plan number 2025, unless "số" is written."""
    written_so = _SO_BEFORE.search(
        text, max(0, mention.end - len(mention.number) - 8), mention.end - len(mention.number)
    )
    return written_so is None and len(mention.number) == 4 and mention.number[:2] in ("19", "20")


def _mention(text: str, start: int, end: int, symbol: Symbol | None) -> Mention | None:
    """Build the mention of the number or symbol at [start, end), or None if it is none."""
    type_word = _type_word_before(text, start, symbol)
    word_type = type_for_word(type_word.text) if type_word else None
    if word_type == GENERIC_TYPE_WORD:
        word_type = None
    if symbol is None:
        if word_type is None:
            return None
        mention_type: str | None = word_type
    else:
        has_so = type_word is not None or _SO_BEFORE.search(text, max(0, start - 8), start)
        if symbol.weak and not has_so:
            return None
        mention_type = word_type or symbol.default_type
        if mention_type is None:
            return None
    mention = Mention(
        start=type_word.start if type_word else start,
        end=end,
        number_start=start,
        number=symbol.number if symbol else text[start:end],
        symbol=symbol,
        type=mention_type,
        typed_by_word=word_type is not None,
    )
    _read_tail(text, mention)
    if mention.date is None:
        _read_header_date(text, mention)
    if mention.issuer is None:
        _read_issuer_before(text, mention)
    return mention


class _TypeWord(NamedTuple):
    text: str
    start: int


def _type_word_before(text: str, start: int, symbol: Symbol | None) -> _TypeWord | None:
    """The type word that introduces the number at start ("Kế hoạch số 5"), or None.

    Of several ("Thông báo kết luận số 125-TB/QU"), the one the symbol's code agrees
    with wins, else the nearest. The words are matched backwards from the number, on
    the reversed window, so that each try is one anchored match.
    """
    window_start = max(0, start - _TYPE_LOOKBEHIND)
    backwards = text[window_start:start][::-1]
    nearest = None
    for pattern in _TYPE_WORD_BACKWARDS:
        found = pattern.match(backwards)
        if found is None:
            continue
        word = _TypeWord(found["type"][::-1], start - found.end())
        if not _stands_alone(text, word):
            continue
        if symbol is None or symbol.default_type in (None, type_for_word(word.text)):
            return word
        nearest = nearest or word
    return nearest


def _stands_alone(text: str, word: _TypeWord) -> bool:
    """A lower-case type word must start a word and not be "kỷ luật" or "pháp luật"."""
    if word.text[0].isupper():
        return True
    before = text[max(0, word.start - 5) : word.start]
    if before[-1:].isalpha():
        return False
    return not before.rstrip().casefold().endswith(("kỷ", "pháp", "điều"))


def _read_tail(text: str, mention: Mention) -> None:
    """Read the date and issuer written after a mention, in either order."""
    pos = mention.end
    mention.tail_end = pos
    seen_date = False
    for _ in range(5):
        after_date = seen_date and pos == mention.tail_end
        pos = _LEADING.match(text, pos).end()  # type: ignore[union-attr]
        bare_issuer = after_date and text[mention.tail_end : pos].strip() == ""
        found_date = _date_at(text, pos)
        if found_date is not None and not seen_date:
            mention.date, seen_date = found_date.date, True
            pos = mention.tail_end = found_date.end
            continue
        issuer = _issuer_at(text, pos, bare=bare_issuer) if mention.issuer is None else None
        if issuer is not None:
            mention.issuer = issuer.phrase
            pos = mention.tail_end = issuer.end
            continue
        aside = _PARENTHETICAL.match(text, pos)
        if aside is None:
            return
        pos = aside.end()


def _read_header_date(text: str, mention: Mention) -> None:
    if not _HEADER_NUMBER.search(text, max(0, mention.start - 8), mention.start):
        return
    place = _HEADER_PLACE.match(text, mention.tail_end)
    if place is not None:
        found = dates.match_date(text, place.end(), need_ngay=True)
        if found is not None:
            mention.date, mention.in_header = found.date, True


def _date_at(text: str, pos: int) -> dates.FoundDate | None:
    if text.startswith("(", pos):
        found = dates.match_date(text, pos + 1)
        if found is not None and text.startswith(")", found.end):
            return dates.FoundDate(found.date, pos, found.end + 1)
        return None
    lead = _DATE_LEAD.match(text, pos)
    if lead is None:
        return None
    return dates.match_date(text, lead.end(), need_ngay=True)


def _issuer_at(text: str, pos: int, *, bare: bool) -> issuers.IssuerMatch | None:
    """The issuer after "của", "do", "được" — or, right after a date, with no word at all
    ("Nghị quyết số 19-NQ/TW ngày 16/6/2022 Hội nghị lần thứ năm …")."""
    lead = _ISSUER_LEAD.match(text, pos)
    if lead is None and not bare:
        return None
    found = issuers.match_issuer(text, lead.end() if lead else pos)
    if found is None:
        return None
    verb = _ISSUER_VERB.match(text, found.end)
    end = verb.end() if verb else found.end
    return issuers.IssuerMatch(found.phrase, found.start, end)


def _read_issuer_before(text: str, mention: Mention) -> None:
    """ "Ban Thường vụ Quận ủy ban hành Kế hoạch số 09": the issuer (and date) come first."""
    verb = _PRE_VERB.search(text, max(0, mention.start - 30), mention.start)
    if verb is None:
        return
    found = issuers.issuer_ending_at(text, verb.start())
    if found is None:
        return
    mention.issuer, mention.issuer_before = found.phrase, True
    if mention.date is None:
        lead = _PRE_DATE.search(text, max(0, found.start - 45), found.start)
        if lead is not None:
            mention.date = dates.parse_date(lead["date"])


_LIST_GAP = re.compile(rf"{_SPACE}*(?:,|và|,{_SPACE}*và){_SPACE}*")


def _share_issuer_within_lists(text: str, mentions: list[Mention]) -> None:
    """ "Quận ủy ban hành Kế hoạch số 15 và Kế hoạch số 16": both have the issuer."""
    for previous, mention in itertools.pairwise(mentions):
        if (
            mention.issuer is None
            and previous.issuer_before
            and _LIST_GAP.fullmatch(text, previous.tail_end, mention.start)
        ):
            mention.issuer, mention.issuer_before = previous.issuer, True
