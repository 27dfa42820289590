"""Document numbers and symbols (số, ký hiệu): parsing and one normalised form.

Two shapes occur. Party documents write the number, a hyphen, the type code and the
issuer code ("35-NQ/TW", "8011-CV/BTCTW"). State documents write the number, the
year for legal documents, then the type code and the issuer joined by hyphens
("30/2020/NĐ-CP", "123/QĐ-UBND"), or the issuer and its unit for letters
("45/UBND-VX"); a law has only its assembly ("24/2018/QH14").

Text as typed and as extracted from PDFs varies: en and em dashes, spaces inside the
symbol, "ND" for "NĐ", the look-alike "Ð" (U+00D0), lower case, and the next word
glued on ("35-NQ/TWKết luận"). The normalised form has no spaces, ASCII hyphens, NFC,
upper case except the codes officially written with a lower-case letter (QĐi, CTr,
TTr, TTg, QyĐ), which keep it: "QĐi" is how a Party Quy định is told from a Quyết định.

"TƯ" (Trung ương) is kept as written here: whether it means the centre (TW) or a
provincial committee typed with a stray horn (TU) depends on the sentence, and the
citation extractor decides (see tongket.vn.citations).
"""

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import NamedTuple

from tongket.vn.doctypes import (
    MIXED_CASE_CODES,
    PARTY_ISSUER_CODES,
    canonical_issuer_code,
    canonical_type_code,
    known_issuer_code,
    type_for_code,
)
from tongket.vn.text import fold

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_SPACE = "[ \u00a0]{0,2}"
_DASH = f"[{DASHES}]"
# A code: letters and digits, "&" inside ("PTTH&TTĐT").
_PART = r"[^\W\d_](?:[^\W_]|&(?=[^\W\d_]))*"
# A document number: digits, and one letter after them as some are written ("30c", "01a").
_NUMBER = r"[0-9]{1,5}(?:[a-zA-Z](?=[ \u00a0/" + re.escape(DASHES) + r"]))?"

# Characters that stand for another of the same width: dashes, a no-break space,
# slashes and the letters that look like Đ. Replacing them one for one keeps offsets.
_LOOKALIKES = {
    **{dash: "-" for dash in DASHES[1:]},
    "\u00a0": " ",
    "\u2044": "/",
    "\u2215": "/",
    "\uff0f": "/",
    "\u00d0": "Đ",
    "\u0189": "Đ",
    "\u00f0": "đ",
}
_LOOKALIKE_CHARS = re.compile("[" + "".join(_LOOKALIKES) + "]")

# Where a symbol may start: a number, a dash or slash, an optional year, then a
# letter. Cheap enough to scan whole documents with.
SYMBOL_START = re.compile(
    rf"(?<![{DASHES}0-9/.,])[0-9]{{1,5}}[a-zA-Z]?{_SPACE}[{DASHES}/]{_SPACE}"
    rf"(?:[0-9]{{4}}{_SPACE}/{_SPACE})?[^\W\d_]"
)
_PARTY = re.compile(
    rf"(?P<number>{_NUMBER}){_SPACE}{_DASH}{_SPACE}(?P<code>[^\W\d_]{{1,6}})"
    rf"{_SPACE}/{_SPACE}(?P<issuer>{_PART})"
)
_STATE = re.compile(
    rf"(?P<number>{_NUMBER}){_SPACE}/{_SPACE}"
    rf"(?:(?P<year>(?:19|20)[0-9]{{2}}){_SPACE}/{_SPACE})?"
    rf"(?P<parts>{_PART}(?:{_SPACE}[{DASHES}/]{_SPACE}{_PART})*)"
)
_PART_RE = re.compile(_PART)
# One Vietnamese syllable, folded: used to tell "TWKết" (TW + Kết) from "TWvề".
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)


@dataclass(frozen=True)
class Symbol:
    """A parsed number/symbol; str() gives the normalised form."""

    number: str
    code: str | None
    issuer: str
    year: str | None = None
    party: bool = True
    # Joint State documents write the issuers after a slash: "183/2010/TTLT/BTC-BNN".
    joint: bool = False

    def __str__(self) -> str:
        number = self.number.upper()
        if self.party:
            return f"{number}-{self.code}/{self.issuer}"
        head = f"{number}/{self.year}/" if self.year else f"{number}/"
        if self.code and self.joint:
            return f"{head}{self.code}/{self.issuer}"
        return head + "-".join(part for part in (self.code, self.issuer) if part)

    @property
    def key(self) -> str:
        """The normalised form with the number's leading zeros dropped: "4-NQ/TW" is "04-NQ/TW"."""
        return str(replace(self, number=number_key(self.number)))

    @property
    def default_type(self) -> str | None:
        """The type the symbol alone implies, or None when only words can tell."""
        if self.code is not None:
            return type_for_code(self.code, party=self.party)
        if self.party:
            return None
        if self.year:
            return "Luật" if re.fullmatch(r"QH[0-9]*", self.issuer) else None
        return "Công văn"

    @property
    def weak(self) -> bool:
        """True for shapes that ordinary numbers can take ("12/ABC-X"): they need "số"
        or a type word in front before they count as a document."""
        if self.default_type is None:
            return True
        return not self.party and self.code is None and self.year is None

    def with_issuer(self, issuer: str) -> "Symbol":
        return replace(self, issuer=issuer)


def number_key(number: str) -> str:
    """A document number compared by value: "04" is "4", "01a" is "1A"."""
    digits = number.rstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return str(int(digits)) + number[len(digits) :].upper()


_ISSUER_ONLY = re.compile(r"[A-ZĐ&]{2,12}")


class SymbolMatch(NamedTuple):
    symbol: Symbol
    start: int
    end: int


def replace_lookalikes(text: str) -> str:
    """Replace dashes, slashes, spaces and Đ look-alikes one for one (offsets unchanged)."""
    if _LOOKALIKE_CHARS.search(text) is None:
        return text
    return _LOOKALIKE_CHARS.sub(lambda found: _LOOKALIKES[found.group()], text)


def parse_symbol(text: str) -> Symbol | None:
    """Parse a whole string as one symbol ("35 - NQ/TW", "30/2020/ND-CP"), or None."""
    text = replace_lookalikes(unicodedata.normalize("NFC", text)).strip()
    found = match_symbol(text, 0)
    if found is None or found.end != len(text):
        return None
    return found.symbol


def normalize_symbol(text: str) -> str | None:
    """The normalised form of a symbol ("35–nq/tw" → "35-NQ/TW"), or None if it is not one."""
    symbol = parse_symbol(text)
    return None if symbol is None else str(symbol)


def match_symbol(text: str, pos: int) -> SymbolMatch | None:
    """The symbol starting exactly at pos in NFC text with look-alikes replaced, or None."""
    return _match_party(text, pos) or _match_state(text, pos)


def _match_party(text: str, pos: int) -> SymbolMatch | None:
    found = _PARTY.match(text, pos)
    if found is None:
        return None
    code = canonical_type_code(found["code"])
    if code is None:
        if not found["code"].isupper():
            return None
        code = found["code"]
    issuer = _clean_part(found["issuer"], issuer_role=True)
    if issuer is None:
        return None
    symbol = Symbol(found["number"], code, issuer[0])
    return SymbolMatch(symbol, pos, found.start("issuer") + issuer[1])


def _match_state(text: str, pos: int) -> SymbolMatch | None:
    found = _STATE.match(text, pos)
    if found is None:
        return None
    parts, separators, ends = _clean_parts(found["parts"], found.start("parts"))
    if not parts:
        return None
    code = canonical_type_code(parts[0])
    joint = bool(code) and bool(separators) and separators[0] == "/"
    # A slash elsewhere ends the symbol: "45/UBND-VX/2023" is 45/UBND-VX.
    for index, separator in enumerate(separators[1 if joint else 0 :], start=1 if joint else 0):
        if separator == "/":
            parts, ends = parts[: index + 1], ends[: index + 1]
            break
    end = ends[-1]
    rest = parts[1:] if code else [canonical_issuer_code(parts[0]) or parts[0], *parts[1:]]
    if not joint and _is_party_in_state_shape(found["year"], code, rest):
        # A Party symbol typed in the State shape: "35/NQ-TW".
        return SymbolMatch(Symbol(found["number"], code, rest[0]), pos, end)
    if code and not rest:
        return None
    if not code and len(rest) == 1 and not found["year"] and not _ISSUER_ONLY.fullmatch(rest[0]):
        # "197/STTTT" is a letter of the Sở; "12/B3" is a flat, not a document.
        return None
    symbol = Symbol(found["number"], code, "-".join(rest), found["year"], party=False, joint=joint)
    return SymbolMatch(symbol, pos, end)


def _is_party_in_state_shape(year: str | None, code: str | None, rest: list[str]) -> bool:
    if year or code is None or len(rest) != 1 or rest[0] not in PARTY_ISSUER_CODES:
        return False
    return type_for_code(code, party=True) is not None


def _clean_parts(raw: str, offset: int) -> tuple[list[str], list[str], list[int]]:
    """Clean the hyphen-joined parts of a State symbol, stopping at the first bad one;
    also the separator before each part after the first ("-", or "/" in joint symbols)
    and where each part ends."""
    parts: list[str] = []
    separators: list[str] = []
    ends: list[int] = []
    end = offset
    for found in _PART_RE.finditer(raw):
        if parts:
            between = raw[end - offset : found.start()].strip(" \u00a0")
            if between not in ("-", "/"):
                break
            separators.append(between)
        cleaned = _clean_part(found.group(), issuer_role=bool(parts))
        if cleaned is None:
            if separators:
                separators.pop()
            break
        parts.append(cleaned[0])
        end = offset + found.start() + cleaned[1]
        ends.append(end)
        if cleaned[1] < len(found.group()):
            break
    return parts, separators, ends


def _clean_part(raw: str, *, issuer_role: bool) -> tuple[str, int] | None:
    """The official spelling of one code and how many characters of raw it takes.

    Fewer characters than raw means a word is glued on: "TWKết" gives ("TW", 2),
    "TWvề" gives ("TW", 2) too, since "Wvề" cannot start a Vietnamese word.
    """
    for mixed in MIXED_CASE_CODES.values():
        if raw.startswith(mixed) and not raw[len(mixed) :][:1].islower():
            return mixed, len(mixed)
    lookup = canonical_issuer_code if issuer_role else canonical_type_code
    upper_len = _upper_prefix_length(raw)
    if upper_len == len(raw):
        return lookup(raw) or raw, len(raw)
    if issuer_role:
        known = known_issuer_code(raw)
        if known is not None or _is_short_code(raw):
            return (known or raw.upper()), len(raw)
    else:
        code = canonical_type_code(raw)
        if code is not None:
            return code, len(raw)
    if upper_len == 0:
        return None
    if upper_len >= 3 and _SYLLABLE.fullmatch(fold(raw[upper_len - 1 :])):
        upper_len -= 1
    head = raw[:upper_len]
    return (lookup(head) or head), upper_len


def _upper_prefix_length(raw: str) -> int:
    for index, char in enumerate(raw):
        if not (char.isupper() or char.isdigit() or char == "&"):
            return index
    return len(raw)


def _is_short_code(raw: str) -> bool:
    """A lower-case issuer like "tw" or "ubnd": ASCII letters (and đ) only, at most 6."""
    return len(raw) <= 6 and re.fullmatch("[A-Za-zĐđ]+", raw) is not None and raw.islower()
