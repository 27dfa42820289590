"""What a whole document says: its own number (from its header) apart from what it cites.

`tongket cite` reports three things per document: `self`, the document's own number,
date and issuer read from its header; `refs`, the other documents it cites; and
documents it names without a number ("Luật Đất đai năm 2013"), offered to a manager
as candidate entries rather than linked.

The header's "Số: 87/KH-UBND" line is the document's identity, not a citation of
itself; the same number written again in the running text (a lead, "Kế hoạch
155/KH-UBND năm 2017 về …") is a mention like any other and stays a reference.
"""

import datetime
from dataclasses import dataclass, field

from tongket.vn.citations import Reference, extract_references
from tongket.vn.header import Header, header_spans, read_header
from tongket.vn.named import NamedDocument, find_named_documents


@dataclass
class DocumentCitations:
    self: Reference | None
    refs: list[Reference]
    named: list[NamedDocument] = field(default_factory=list)
    header: Header | None = None


def read_citations(text: str) -> DocumentCitations:
    """The document's own number, the documents it cites, and those it names only."""
    references = extract_references(text)
    header = read_header(text, references)
    own: Reference | None = None
    refs = references
    if header.symbol is not None:
        spans = header_spans(text)
        refs = []
        for reference in references:
            if reference.symbol != header.symbol:
                refs.append(reference)
                continue
            own = reference
            elsewhere = [m for m in reference.mentions if not _inside(m, spans)]
            if elsewhere:
                refs.append(_with_mentions(reference, elsewhere))
        own = Reference(
            type=header.doc_type or (own.type if own else ""),
            number=header.number,
            symbol=header.symbol,
            date=_iso(header.date),
            issuer=header.issuer,
            implements=list(header.implements),
            mentions=[m for m in own.mentions if _inside(m, spans)] if own else [],
        )
    return DocumentCitations(own, refs, find_named_documents(text, refs), header)


def _inside(mention: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start <= mention[0] < end for start, end in spans)


def _with_mentions(reference: Reference, mentions: list[tuple[int, int]]) -> Reference:
    return Reference(
        type=reference.type,
        number=reference.number,
        symbol=reference.symbol,
        date=reference.date,
        issuer=reference.issuer,
        implements=list(reference.implements),
        mentions=mentions,
    )


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None
