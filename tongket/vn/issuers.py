"""Issuer phrases: who issued a cited document, as the text names it.

Organisation names follow the Vietnamese rule of capitalising the first syllable of
each element ("Ban Thường vụ Quận ủy", "Bộ Giáo dục và Đào tạo", "Ủy ban nhân dân
thành phố Hà Nội"), so a phrase is read as a known head ("Bộ Chính trị", "Ban",
"Thành ủy", "UBND" …) followed by capitalised elements, place words ("thành phố",
"phường" …) and a term ("khóa XII"); it ends at the first word that cannot belong to
a name ("về", "ngày", a verb, punctuation). The phrase is returned as written, with
the tone mark placement normalised ("khoá" → "khóa") and brackets around the term
dropped ("Bộ Chính trị (khóa XII)" → "Bộ Chính trị khóa XII").
"""

import functools
import itertools
import re
from typing import NamedTuple

from tongket.vn.doctypes import TYPE_ABBREVIATIONS, TYPE_WORDS
from tongket.vn.text import fold, normalize

_TOKEN = re.compile(r"[^\W\d_]+|[0-9]+|[^\w\s]")
_ROMAN = re.compile(r"[IVXLC]+")
_LOOKAHEAD = 120


def _phrases(listed: str) -> frozenset[tuple[str, ...]]:
    """Comma-separated phrases as tuples of normalised lower-case words."""
    return frozenset(tuple(normalize(phrase).casefold().split()) for phrase in listed.split(", "))


# Heads that name an organisation by themselves.
_FULL_HEADS = _phrases(
    "Bộ Chính trị, Ban Bí thư, Chính phủ, Quốc hội, Thủ tướng, Thủ tướng Chính phủ, "
    "Thành ủy, Tỉnh ủy, Quận ủy, Huyện ủy, Thị ủy, Đảng ủy, Chi ủy, UBND, HĐND, UBTVQH, BTV, "
    "BCH, Ủy ban nhân dân, Hội đồng nhân dân, Ban Chấp hành, Ban Thường vụ, Trung ương, "
    "Chi bộ, Đảng bộ, Đảng đoàn, Ban cán sự đảng, Ủy ban Thường vụ Quốc hội, "
    "Mặt trận Tổ quốc, Kiểm toán nhà nước, Chủ tịch nước"
)
# Heads that need a capitalised name after them ("Bộ Nội vụ", "Ban Tuyên giáo").
_NAMED_HEADS = _phrases(
    "Bộ, Sở, Ban, Văn phòng, Ủy ban, Hội đồng, Hội nghị, Hội, Đoàn, Cục, Tổng cục, BCĐ, "
    "Phòng, Tổng Liên đoàn, Liên đoàn, Ban Chỉ đạo, Thường trực"
)
# Joint issuers written with a comma that still make one phrase.
_JOINT = (("bộ", "chính", "trị"), (",", "ban", "bí", "thư"))
# Lower-case words that belong inside names: places, "các cơ quan", "lần thứ".
_PLACE_WORDS = _phrases(
    "thành phố, thị xã, thị trấn, tỉnh, quận, huyện, phường, xã, các cơ quan, cơ quan, "
    "doanh nghiệp, nhân dân, cơ sở, đặc khu"
)
_TYPE_WORD_TOKENS = _phrases(", ".join([*TYPE_WORDS, *TYPE_ABBREVIATIONS]))
# Lower-case words that end a name when they follow a capitalised element.
_STOP_WORDS = frozenset(
    normalize(word)
    for word in [
        "về",
        "việc",
        "ngày",
        "năm",
        "tháng",
        "đã",
        "đang",
        "sẽ",
        "vừa",
        "ban",
        "thực",
        "triển",
        "quán",
        "tiếp",
        "là",
        "có",
        "được",
        "bị",
        "trong",
        "tại",
        "đến",
        "cho",
        "với",
        "của",
        "theo",
        "nay",
        "này",
        "đó",
        "để",
        "nhằm",
        "hướng",
        "quy",
        "phê",
        "tổ",
        "lãnh",
        "chỉ",
        "yêu",
        "và",
        "hoặc",
        "thì",
        "mà",
        "khi",
        "sau",
        "trước",
        "gồm",
        "từ",
        "cũng",
        "vẫn",
        "nêu",
        "xác",
        "đề",
        "ký",
        "giao",
        "tăng",
        "đẩy",
        "nâng",
        "cụ",
        "số",
        "thông",
        "xây",
        "đặt",
        "tặng",
        "ra",
        "cần",
        "sơ",
        "tổng",
        "chủ",
        "tham",
        "kiện",
        "nhiệm",
        "không",
        "hết",
        "như",
        "các",
        "trình",
        "báo",
        "gửi",
        "đối",
        "phối",
        "ngành",
        "cấp",
        "và",
    ]
)


class IssuerMatch(NamedTuple):
    phrase: str
    start: int
    end: int


class _Token(NamedTuple):
    text: str
    key: str
    start: int
    end: int
    line_breaks: int = 0  # 0, 1 for a line break before the token, 2 for a blank line

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def match_issuer(text: str, pos: int) -> IssuerMatch | None:
    """The issuer phrase that starts exactly at pos, or None."""
    tokens = _tokens(text, pos, min(len(text), pos + _LOOKAHEAD))
    if not tokens or tokens[0].start != pos:
        return None
    length = _phrase_length(tokens)
    if not length:
        return None
    end = tokens[length - 1].end
    return IssuerMatch(clean_issuer(text[pos:end]), pos, end)


def issuer_ending_at(text: str, end: int, *, lookbehind: int = 120) -> IssuerMatch | None:
    """The issuer phrase that ends exactly at end, within the same clause, or None.

    Used for "Ban Thường vụ Quận ủy ban hành Kế hoạch …": the issuer comes first.
    """
    window_start = max(0, end - lookbehind)
    clause = text[window_start:end]
    cut = max(clause.rfind(mark) for mark in ".;:,\n()")
    clause_start = window_start + cut + 1
    for token in _tokens(text, clause_start, end):
        if not token.text[:1].isupper():
            continue
        found = match_issuer(text, token.start)
        if found is not None and found.end == end:
            return found
    return None


def clean_issuer(phrase: str) -> str:
    """One spelling for an issuer phrase: brackets dropped, spaces collapsed, tones placed."""
    return normalize(" ".join(phrase.replace("(", " ").replace(")", " ").split()))


def issuer_code_of_phrase(phrase: str) -> str | None:
    """The Party issuer code an issuer phrase points to ("Ban Thường vụ Quận ủy" → "QU")."""
    folded = fold(phrase)
    for words, code in _PHRASE_CODES:
        if words in folded:
            return code
    return None


_PHRASE_CODES = (
    ("quan uy", "QU"),
    ("huyen uy", "HU"),
    ("thi uy", "TX"),
    ("thanh uy", "TU"),
    ("tinh uy", "TU"),
    ("dang uy", "ĐU"),
    ("bo chinh tri", "TW"),
    ("ban bi thu", "TW"),
    ("trung uong", "TW"),
)


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    """The tokens of text[start:end], up to the end of the clause: names never cross it."""
    tokens: list[_Token] = []
    for found in _TOKEN.finditer(text, start, end):
        word = found.group()
        tokens.append(_Token(word, _key(word), found.start(), found.end()))
        if word in _CLAUSE_ENDS or len(tokens) == _MAX_TOKENS:
            break
    if tokens and text.find("\n", tokens[0].end, tokens[-1].start) >= 0:
        return [tokens[0]] + [
            token._replace(line_breaks=min(text.count("\n", before.end, token.start), 2))
            for before, token in itertools.pairwise(tokens)
        ]
    return tokens


_CLAUSE_ENDS = frozenset(".;:!?\n")
# Words that open a paragraph after a title line ("Căn cứ …") besides the stop words.
_LINE_OPENERS = frozenset({"căn", "nơi"})
_MAX_TOKENS = 20


@functools.lru_cache(maxsize=8192)
def _key(word: str) -> str:
    """The word as the tables hold it; cached since names repeat throughout a text."""
    return normalize(word).casefold()


def _phrase_length(tokens: list[_Token]) -> int:
    """How many tokens from the start form an issuer phrase (0 for none)."""
    if not (tokens[0].capitalised or tokens[0].text.isupper()):
        return 0
    index = _head_length(tokens, 0)
    if not index:
        return 0
    after_capital = tokens[index - 1].capitalised
    while index < len(tokens):
        step = _step(tokens, index, after_capital)
        if not step:
            break
        index += step
        after_capital = tokens[index - 1].capitalised and step == 1
        if tokens[index - 1].key == ")" or _is_term_end(tokens, index):
            break
    return index


def _step(tokens: list[_Token], index: int, after_capital: bool) -> int:
    """How many tokens at index continue the phrase (0 ends it)."""
    token = tokens[index]
    if token.line_breaks and _ends_at_line_break(token):
        return 0
    term = _term_length(tokens, index)
    if term:
        return term
    for table in (_PLACE_WORDS, _FULL_HEADS):
        length = _match_words(tokens, index, table)
        if length:
            return length
    if token.capitalised:
        return 0 if _match_words(tokens, index, _TYPE_WORD_TOKENS) else 1
    if token.text.isdigit():
        # "Hội nghị Trung ương 4", "lần thứ 6", "Ban Chỉ đạo 35"
        return 1 if tokens[index - 1].key in ("ương", "thứ", "đạo", "bcđ") else 0
    if token.key == "," and _follows_joint(tokens, index):
        return len(_JOINT[1])
    if token.key == "và" and index + 1 < len(tokens) and tokens[index + 1].capitalised:
        return 0 if _match_words(tokens, index + 1, _TYPE_WORD_TOKENS) else 1
    if token.key == "lần" and index + 2 < len(tokens) and tokens[index + 1].key == "thứ":
        return 3
    if after_capital and token.text.isalpha() and not _stops(tokens, index):
        return 1
    return 0


def _ends_at_line_break(token: _Token) -> bool:
    """A name never goes on past a blank line, nor into a new line that opens with a word
    no name contains ("Bộ Chính trị\nThực hiện …": a title line, then the first
    paragraph); a name wrapped onto the next line ("Ban Thường vụ\nThành ủy") goes on."""
    return token.line_breaks == 2 or token.key in _STOP_WORDS or token.key in _LINE_OPENERS


def _stops(tokens: list[_Token], index: int) -> bool:
    """A lower-case word that cannot go on a name ("về", "ngày", "thông qua" …)."""
    key = tokens[index].key
    if key == "thông":  # "Truyền thông" goes on, "thông qua" and "thông báo" do not
        following = tokens[index + 1].key if index + 1 < len(tokens) else ""
        return following in ("qua", "báo", "tin")
    return key in _STOP_WORDS


def _follows_joint(tokens: list[_Token], index: int) -> bool:
    """ "Bộ Chính trị, Ban Bí thư": one issuer although a comma separates the two."""
    first, second = _JOINT
    before = tuple(token.key for token in tokens[max(0, index - len(first)) : index])
    after = tuple(token.key for token in tokens[index : index + len(second)])
    return before == first and after == second


def _head_length(tokens: list[_Token], index: int) -> int:
    full = _match_words(tokens, index, _FULL_HEADS)
    named = _match_words(tokens, index, _NAMED_HEADS)
    if named > full:
        following = tokens[index + named] if index + named < len(tokens) else None
        if following is not None and (
            following.capitalised or following.key == "lần" or following.text.isdigit()
        ):
            return named
    return full


def _match_words(tokens: list[_Token], index: int, table: frozenset[tuple[str, ...]]) -> int:
    """The length of the longest entry of table that the tokens at index spell."""
    lengths = _LENGTHS_BY_FIRST_WORD[id(table)].get(tokens[index].key)
    if lengths is None:
        return 0
    for length in lengths:
        if index + length > len(tokens):
            continue
        if tuple(token.key for token in tokens[index : index + length]) in table:
            return length
    return 0


def _lengths_by_first_word(table: frozenset[tuple[str, ...]]) -> dict[str, list[int]]:
    """For each first word of the table's entries, their lengths, longest first."""
    lengths: dict[str, set[int]] = {}
    for entry in table:
        lengths.setdefault(entry[0], set()).add(len(entry))
    return {word: sorted(found, reverse=True) for word, found in lengths.items()}


_LENGTHS_BY_FIRST_WORD = {
    id(table): _lengths_by_first_word(table)
    for table in (_FULL_HEADS, _NAMED_HEADS, _PLACE_WORDS, _TYPE_WORD_TOKENS)
}


def _term_length(tokens: list[_Token], index: int) -> int:
    """ "khóa XII" or "(khóa XII)": the term of a committee, part of its name."""
    offset = 1 if tokens[index].key == "(" else 0
    if index + offset + 1 >= len(tokens) or tokens[index + offset].key != "khóa":
        return 0
    number = tokens[index + offset + 1].text
    if not (_ROMAN.fullmatch(number) or number.isdigit()):
        return 0
    length = offset + 2
    if offset and index + length < len(tokens) and tokens[index + length].key == ")":
        length += 1
    return length


def _is_term_end(tokens: list[_Token], index: int) -> bool:
    return index >= 2 and tokens[index - 2].key == "khóa"
