"""Remove the authors from what judges read: the text, and the DOCX file itself.

Names are matched without regard to case, diacritics or the spacing between the
syllables ("NGUYEN  Van An" is "Nguyễn Văn An"), because a name typed in a header
rarely matches the intake form letter for letter. Lines that introduce the author
("Tác giả:", "Họ và tên:", "Năm sinh:", "Đơn vị công tác:" …) lose what follows
the colon, which catches names spelt differently from the form. A bare given name
("An") is left alone: it is also an ordinary word.

A DOCX carries names outside its paragraphs too: the core properties (author, last
modified by), tracked changes and comments (``w:author``), the people list, custom
and application properties (company, manager) and the thumbnail of the first page.
The copy for judges drops or blanks all of them. A PDF's drawn text cannot be
redacted reliably, so judges get the anonymised text of a PDF and never the file.
"""

import io
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from tongket.vn.text import fold

REDACTED = "[…]"
ANONYMOUS = "Ẩn danh"

_LABELS = (
    "tac gia",
    "nhom tac gia",
    "dong tac gia",
    "ho va ten",
    "ho ten",
    "nguoi viet",
    "nguoi du thi",
    "but danh",
    "nam sinh",
    "sinh nam",
    "ngay sinh",
    "dien thoai",
    "so dien thoai",
    "email",
    "e-mail",
    "dia chi",
    "don vi cong tac",
    "don vi",
    "chuc vu",
)
_LABEL_LINE = re.compile(
    r"^(?P<label>[ \t\-–•*]*(?:" + "|".join(re.escape(label) for label in _LABELS) + r")"
    r"[^:\n]{0,30}:)(?P<value>[^\n]*)",
    re.MULTILINE,
)


def _folded(text: str) -> str:
    """The text folded so that offsets still point into ``text``."""
    folded = fold(text)
    if len(folded) == len(text):
        return folded
    return "".join((fold(char) or char)[0] for char in text)


def _name_pattern(name: str) -> re.Pattern[str] | None:
    parts = fold(unicodedata.normalize("NFC", name)).split()
    if not parts:
        return None
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, parts)) + r"(?!\w)")


def name_patterns(names: Iterable[str]) -> list[re.Pattern[str]]:
    """Longest names first, so "Nguyễn Văn An" is not half-matched as "Văn An"."""
    ordered = sorted({name.strip() for name in names if name.strip()}, key=len, reverse=True)
    return [pattern for name in ordered if (pattern := _name_pattern(name)) is not None]


def redact(text: str, patterns: list[re.Pattern[str]]) -> str:
    """``text`` (NFC) with the names and the values of author lines replaced by ``[…]``."""
    text = unicodedata.normalize("NFC", text)
    folded = _folded(text)
    spans: list[tuple[int, int]] = []
    for match in _LABEL_LINE.finditer(folded):
        value = match.group("value")
        if value.strip():
            start = match.start("value") + len(value) - len(value.lstrip())
            spans.append((start, match.end("value")))
    for pattern in patterns:
        spans.extend(match.span() for match in pattern.finditer(folded))
    if not spans:
        return text
    pieces, position = [], 0
    for start, end in _merged(spans):
        pieces += [text[position:start], REDACTED]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def anonymise_text(text: str, names: Iterable[str]) -> str:
    return redact(text, name_patterns(names))


# ---------------------------------------------------------------------------
# DOCX

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_IDENTITY_ATTRIBUTES = (f"{{{_W}}}author", f"{{{_W}}}initials")
# Relationships whose targets hold identities and are not needed to read the text.
_DROPPED_PACKAGE_RELS = ("/custom-properties", "/extended-properties", "/metadata/thumbnail")
_DROPPED_PART_RELS = ("/people", "/customXml", "/commentsExtended", "/commentsIds")


def anonymise_docx(data: bytes, names: Iterable[str]) -> bytes:
    """A copy of the DOCX with names redacted in every paragraph and no identifying metadata."""
    from docx import Document
    from docx.opc.part import XmlPart

    patterns = name_patterns(names)
    document = Document(io.BytesIO(data))
    package = document.part.package
    _clear_core_properties(document, patterns)
    _drop_rels(package.rels, _DROPPED_PACKAGE_RELS)
    for part in list(package.iter_parts()):
        _drop_rels(part.rels, _DROPPED_PART_RELS)
    for part in package.iter_parts():
        if isinstance(part, XmlPart):
            _anonymise_xml(part.element, patterns)
        elif "xml" in part.content_type and part.partname.endswith(".xml"):
            _anonymise_blob(part, patterns)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _clear_core_properties(document: Any, patterns: list[re.Pattern[str]]) -> None:
    properties = document.core_properties
    properties.author = ""
    properties.last_modified_by = ""
    for field in ("title", "subject", "keywords", "comments", "category", "content_status"):
        value = getattr(properties, field) or ""
        setattr(properties, field, redact(value, patterns) if field != "comments" else "")


def _drop_rels(rels: Any, suffixes: tuple[str, ...]) -> None:
    for rel_id, rel in list(rels.items()):
        if rel.reltype.endswith(suffixes):
            rels.pop(rel_id)
            rels.related_parts.pop(rel_id, None)


def _anonymise_xml(root: Any, patterns: list[re.Pattern[str]]) -> None:
    for element in root.iter():
        for attribute in _IDENTITY_ATTRIBUTES:
            if attribute in element.attrib:
                element.set(attribute, ANONYMOUS)
    for paragraph in root.iter(f"{{{_W}}}p"):
        _redact_paragraph(paragraph, patterns)


def _redact_paragraph(paragraph: Any, patterns: list[re.Pattern[str]]) -> None:
    """Redact across runs: a name is often split between runs by spell-check marks."""
    texts = [node for node in paragraph.iter(f"{{{_W}}}t") if _owner(node) is paragraph]
    if not texts:
        return
    joined = "".join(node.text or "" for node in texts)
    redacted = redact(joined, patterns)
    if redacted == joined:
        return
    texts[0].text = redacted
    texts[0].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    for node in texts[1:]:
        node.text = ""


def _owner(node: Any) -> Any:
    """The innermost paragraph a text node belongs to (text boxes nest paragraphs)."""
    parent = node.getparent()
    while parent is not None and parent.tag != f"{{{_W}}}p":
        parent = parent.getparent()
    return parent


def _anonymise_blob(part: Any, patterns: list[re.Pattern[str]]) -> None:
    from docx.oxml.parser import parse_xml
    from lxml import etree

    try:
        root = parse_xml(part.blob)
    except etree.XMLSyntaxError:
        return
    _anonymise_xml(root, patterns)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
