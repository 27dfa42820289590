"""Documents cited by name only: "Luật Đất đai năm 2013", "Điều lệ Đảng", "Hiến pháp".

These have no number to link by, so they are never linked silently: the register
offers them to a manager as candidate entries. A name runs from its head word to a
year ("năm 2013"), punctuation or a word that starts the sentence's next part
("và", "của", "ngày" …). Vietnamese names write only the first word in capitals
("Luật Tổ chức chính quyền địa phương"), so the words after the head are taken
whatever their case; a comma continues the name only when a lower-case word follows
("Luật Cán bộ, công chức").
"""

import re
from dataclasses import dataclass

from tongket.vn.citations import Reference

# Heads in the order they are tried: the longer first.
_HEADS = ("Bộ luật", "Luật", "Pháp lệnh", "Hiến pháp", "Điều lệ")
_HEAD = re.compile(r"(?<![\w])(" + "|".join(re.escape(head) for head in _HEADS) + r")(?=\s)")
_WORD = re.compile(r"\s+([^\W\d_][\w-]*)")
_YEAR = re.compile(r"\s+(?:năm\s+)?((?:19|20)\d{2})(?![\d/])")
_COMMA_CONTINUES = re.compile(r",\s+(?=[a-zà-ỹđ])")
_STOP_WORDS = {
    "và",
    "của",
    "ngày",
    "số",
    "đã",
    "được",
    "về",
    "thì",
    "trong",
    "nhằm",
    "để",
    "theo",
    "có",
    "quy",
    "hướng",
    "sửa",
    "thực",
    "triển",
    "là",
    "với",
    "tại",
    "cho",
    "các",
    "đến",
    "năm",
    "hiện",
    "hành",
    "mới",
}
_MAX_WORDS = 9


@dataclass(frozen=True)
class NamedDocument:
    """A document named without a number; `name` as written, offsets into the text."""

    kind: str  # the head word: Luật, Bộ luật, Pháp lệnh, Hiến pháp, Điều lệ
    name: str
    year: str | None
    start: int
    end: int


def find_named_documents(text: str, refs: list[Reference] | None = None) -> list[NamedDocument]:
    """The documents named by name only, once each, in order of first mention.

    A head followed by a number ("Luật số 24/2018/QH14") is a numbered reference, found
    by the citation reader, not a name.
    """
    covered = [span for ref in refs or [] for span in ref.mentions]
    found: dict[str, NamedDocument] = {}
    for head in _HEAD.finditer(text):
        if any(start <= head.start() < end for start, end in covered):
            continue
        named = _read_name(text, head.start(), head.end(), head.group(1))
        if named is not None and named.name not in found:
            found[named.name] = named
    return list(found.values())


def _read_name(text: str, start: int, pos: int, kind: str) -> NamedDocument | None:
    words = 0
    end = pos
    while words < _MAX_WORDS:
        comma = _COMMA_CONTINUES.match(text, end)
        if comma is not None and words:
            end = comma.end() - 1
        word = _WORD.match(text, end)
        if word is None or word.group(1) in _STOP_WORDS:
            break
        if words == 0 and not word.group(1)[:1].isupper():
            return None
        end = word.end()
        words += 1
    if words == 0 and kind != "Hiến pháp":
        return None
    year = _YEAR.match(text, end)
    if year is not None:
        end = year.end()
    name = re.sub(r"\s+", " ", text[start:end]).strip()
    return NamedDocument(kind, name, year.group(1) if year else None, start, end)
