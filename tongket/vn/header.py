"""A document's own identity, read from its official header.

Party and State documents open the same way (Hướng dẫn 36-HD/VPTW, Nghị định
30/2020/NĐ-CP): the superior body and the issuing body in capitals, "Số 09-KH/QU",
the place and date, then the type in capitals ("KẾ HOẠCH") and the summary line
("thực hiện Kế hoạch số 135-KH/TU … của Ban Thường vụ Thành ủy"). The citation reader
finds "Số 09-KH/QU" like any other reference; here we recognise it as the document
itself, so that it becomes the document's number instead of a citation of itself, and
read what the summary line says the document implements.

No Django import.
"""

import datetime
import re
from dataclasses import dataclass

from tongket.vn import dates
from tongket.vn.citations import Reference, extract_references
from tongket.vn.doctypes import GENERIC_TYPE_WORD, type_for_word
from tongket.vn.text import fold, normalize

HEADER_LINES = 16

_NUMBER_LINE = re.compile(r"\s*(?:Số|SỐ|số)\s*:?\s*\S")
_PLACE_DATE = re.compile(r"\s*[^,\n]{1,40},\s*(?=ngày|Ngày)")
_SEPARATOR = re.compile(r"[\W_]*")
_MOTTOS = ("dang cong san viet nam", "cong hoa xa hoi chu nghia viet nam", "doc lap")
# Lines between the type heading and the summary: "CỦA BỘ CHÍNH TRỊ", "HỘI NGHỊ LẦN THỨ …".
_HEADING_TAILS = ("cua ", "hoi nghi ")
_BODIES_WITHOUT_PLACE = {"uy ban nhan dan", "hoi dong nhan dan"}
_PLACE_WORDS = ("tinh ", "thanh pho ", "quan ", "huyen ", "phuong ", "xa ", "thi xa ", "thi tran ")
# A synthetic header for documents whose header table put something between the number
# and its date: the citation reader links "Thực hiện B, … xây dựng Kế hoạch như sau" to
# the header's number only when the date line follows it.
_SYNTHETIC_DATE_LINE = "Hà Nội, ngày 01 tháng 01 năm 2000"


@dataclass(frozen=True)
class Header:
    doc_type: str | None = None
    number: str | None = None
    symbol: str | None = None
    date: datetime.date | None = None
    issuer: str | None = None
    title: str | None = None
    implements: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Line:
    text: str
    start: int
    end: int


def read_header(text: str, references: list[Reference]) -> Header:
    """What the header says about the document, given the references found in text."""
    lines = _first_lines(text)
    number_at = next((i for i, line in enumerate(lines) if _NUMBER_LINE.match(line.text)), None)
    heading_at = _heading_index(lines, number_at)
    own = _own_reference(references, lines, number_at, heading_at)
    heading_type = _heading_type(lines[heading_at]) if heading_at is not None else None
    doc_type = heading_type or (own.type if own else None)
    title = _title(lines, heading_at)
    symbol = own.symbol if own else None
    return Header(
        doc_type=doc_type,
        number=own.number if own else None,
        symbol=symbol,
        date=_date(text, lines, own),
        issuer=_heading_issuer(lines, heading_at) or _issuer(lines, number_at),
        title=title,
        implements=_implements(text, lines, heading_at, own, doc_type, title),
    )


def own_reference(references: list[Reference], header: Header) -> Reference | None:
    """The reference that is the document itself, which is not a citation of it."""
    if header.symbol is None:
        return None
    return next((ref for ref in references if ref.symbol == header.symbol), None)


def _first_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    start = 0
    while start < len(text) and len(lines) < HEADER_LINES:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            lines.append(_Line(text[start:end], start, end))
        start = end + 1
    return lines


def _heading_index(lines: list[_Line], number_at: int | None) -> int | None:
    """The line in capitals that names the type ("KẾ HOẠCH", "NGHỊ QUYẾT SỐ 35-NQ/TW")."""
    start = 0 if number_at is None else number_at + 1
    return next((i for i in range(start, len(lines)) if _heading_type(lines[i])), None)


def _heading_type(line: _Line) -> str | None:
    if not line.text.isupper():
        return None
    words = line.text.split()
    for count in (4, 3, 2, 1):
        found = type_for_word(" ".join(words[:count]))
        if found and found != GENERIC_TYPE_WORD:
            return found
    return None


def _own_reference(
    references: list[Reference],
    lines: list[_Line],
    number_at: int | None,
    heading_at: int | None,
) -> Reference | None:
    """The reference mentioned on the "Số …" line, or on the type heading."""
    spans = [lines[i] for i in (number_at, heading_at) if i is not None]
    for reference in references:
        if reference.symbol is None:
            continue
        for start, _end in reference.mentions:
            if any(line.start <= start < line.end for line in spans):
                return reference
    return None


def _date(text: str, lines: list[_Line], own: Reference | None) -> datetime.date | None:
    if own is not None and own.date is not None:
        return datetime.date.fromisoformat(own.date)
    for line in lines:
        place = _PLACE_DATE.match(text, line.start, line.end)
        if place is not None:
            found = dates.match_date(text, place.end(), need_ngay=True)
            if found is not None and found.date is not None:
                return found.date
    return None


def _heading_issuer(lines: list[_Line], heading_at: int | None) -> str | None:
    """ "NGHỊ QUYẾT / CỦA BỘ CHÍNH TRỊ": the issuer named under the type heading."""
    if heading_at is None or heading_at + 1 >= len(lines):
        return None
    words = lines[heading_at + 1].text.strip()
    if words.isupper() and fold(words).startswith("cua "):
        return name_case(words.split(None, 1)[1])
    return None


def _issuer(lines: list[_Line], number_at: int | None) -> str | None:
    """The last body named above the number: the one that issues (the first is its superior)."""
    if number_at is None:
        return None
    names = [
        line.text.strip()
        for line in lines[:number_at]
        if line.text.strip().isupper()
        and not _SEPARATOR.fullmatch(line.text.strip())
        and not fold(line.text.strip()).startswith(_MOTTOS)
    ]
    if not names:
        return None
    # "ỦY BAN NHÂN DÂN / TỈNH HÀ NAM": a State body whose place is on the next line.
    if (
        len(names) >= 2
        and fold(names[-2]) in _BODIES_WITHOUT_PLACE
        and fold(names[-1]).startswith(_PLACE_WORDS)
    ):
        return name_case(f"{names[-2]} {names[-1]}")
    return name_case(names[-1])


def _title(lines: list[_Line], heading_at: int | None) -> str | None:
    """The summary under the type heading, its wrapped lines joined."""
    if heading_at is None:
        return None
    parts: list[str] = []
    for line in lines[heading_at + 1 :]:
        words = line.text.strip()
        if not parts and words.isupper() and fold(words).startswith(_HEADING_TAILS):
            continue
        if _SEPARATOR.fullmatch(words) or (parts and not words[:1].islower()):
            break
        parts.append(words)
    if not parts:
        return None
    title = " ".join(parts)
    if title.isupper():
        title = title.lower()
    return (title[:1].upper() + title[1:])[:500]


def _implements(
    text: str,
    lines: list[_Line],
    heading_at: int | None,
    own: Reference | None,
    doc_type: str | None,
    title: str | None,
) -> tuple[str, ...]:
    """What the document says it implements: in its body ("Thực hiện B, … ban hành Kế
    hoạch"), read with the header put in the shape the citation reader knows, and in its
    summary line ("thực hiện B"), read as "<type> số <own number> thực hiện B"."""
    if own is None or own.symbol is None:
        return ()
    found = list(own.implements)
    if heading_at is not None:
        body = text[lines[heading_at].start :]
        synthetic = f"Số {own.symbol}\n{_SYNTHETIC_DATE_LINE}\n{body}"
        found += _implements_of(own.symbol, synthetic)
    if title and doc_type:
        found += _implements_of(own.symbol, f"{doc_type} số {own.symbol} {title}")
    return tuple(dict.fromkeys(symbol for symbol in found if symbol != own.symbol))


def _implements_of(symbol: str, text: str) -> list[str]:
    for reference in extract_references(text):
        if reference.symbol == symbol:
            return reference.implements
    return []


# Words of organisation names that keep a lower-case letter when a header in capitals
# is written back in running-text case ("QUẬN ỦY THANH XUÂN" → "Quận ủy Thanh Xuân").
_NAME_PHRASES = [
    "Ban Chấp hành",
    "Ban Thường vụ",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Trung ương",
    "Thành ủy",
    "Tỉnh ủy",
    "Quận ủy",
    "Huyện ủy",
    "Thị ủy",
    "Đảng ủy",
    "Đảng bộ",
    "Chi bộ",
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Ủy ban Kiểm tra",
    "Ban Tuyên giáo",
    "Ban Tổ chức",
    "Ban Dân vận",
    "Văn phòng",
    "Ban Chỉ đạo",
    "thành phố",
    "thị trấn",
    "thị xã",
    "phường",
    "quận",
    "huyện",
    "tỉnh",
    "xã",
]
_PHRASE_WORDS = sorted(
    ((tuple(normalize(phrase).lower().split()), phrase.split()) for phrase in _NAME_PHRASES),
    key=lambda entry: -len(entry[0]),
)


def name_case(upper: str) -> str:
    """An organisation name written in capitals, in the case running text uses."""
    words = normalize(upper).split()
    lowered = [word.lower() for word in words]
    result: list[str] = []
    index = 0
    while index < len(words):
        for key, proper in _PHRASE_WORDS:
            if tuple(lowered[index : index + len(key)]) == key:
                result.extend(proper)
                index += len(key)
                break
        else:
            result.append(lowered[index][:1].upper() + lowered[index][1:])
            index += 1
    name = " ".join(result)
    return name[:1].upper() + name[1:]


def header_spans(text: str) -> list[tuple[int, int]]:
    """Where the header states the document's own number: the "Số …" line and the type
    heading ("NGHỊ QUYẾT SỐ 35-NQ/TW"), as [start, end) offsets into text."""
    lines = _first_lines(text)
    number_at = next((i for i, line in enumerate(lines) if _NUMBER_LINE.match(line.text)), None)
    heading_at = _heading_index(lines, number_at)
    return [(lines[i].start, lines[i].end) for i in (number_at, heading_at) if i is not None]
