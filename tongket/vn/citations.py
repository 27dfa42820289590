"""Document references cited in a text: the public face of tongket.vn citation reading.

`extract_references(text)` returns one Reference per distinct document, in order of
first mention, with the fields of `tongket cite --json` (see CONTRACT.md);
`reference_to_json` gives exactly that JSON object.

How mentions become references:

- Mentions with a symbol are one document when their normalised symbols agree, the
  number's leading zeros aside ("04-NQ/TW" is "4-NQ/TW").
- A mention without a symbol ("Nghị quyết 35", "Kế hoạch số 5 của Quận ủy") joins the
  one document with the same type and number, and an issuer that does not
  contradict it; when two documents could be meant, it stays a reference of its own.
- "TƯ" as a symbol's issuer code is read from the sentence: "TU" when the issuer
  phrase names a provincial or city committee ("Kế hoạch số 135-KH/TƯ của Thành ủy"),
  "TW" when it names the centre; otherwise as the same number cited elsewhere in the
  text with "TW" or "TU"; otherwise "TW", the older spelling of the centre's code
  ("Nghị quyết số 03-NQ/TƯ" of 1997).
- Only documents cited with a number are found: a law cited by its name alone
  ("Luật Đất đai 2013") is not.
"""

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from tongket.vn.issuers import issuer_code_of_phrase
from tongket.vn.links import NON_IMPLEMENTING_TYPES, implementation_links
from tongket.vn.mentions import Mention, find_mentions
from tongket.vn.symbols import number_key, replace_lookalikes


@dataclass
class Reference:
    """One document cited in a text; mentions are [start, end) offsets into that text."""

    type: str
    number: str | None
    symbol: str | None
    date: str | None
    issuer: str | None
    implements: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)


def extract_references(text: str) -> list[Reference]:
    """The documents a text cites, one Reference each, in order of first mention."""
    prepared, origin = _prepare(text)
    mentions = find_mentions(prepared)
    if not mentions:
        return []
    _resolve_central_or_provincial(mentions)
    owner, groups = _group(mentions)
    references = [_reference(mentions, members) for members in groups]
    for source, target in implementation_links(prepared, mentions):
        _add_implements(references[owner[source]], references[owner[target]])
    if origin is not None:
        for reference in references:
            reference.mentions = [(origin[start], origin[end]) for start, end in reference.mentions]
    return references


def reference_to_json(reference: Reference) -> dict[str, Any]:
    """The `tongket cite --json` object for one reference (CONTRACT.md)."""
    return {
        "type": reference.type,
        "number": reference.number,
        "symbol": reference.symbol,
        "date": reference.date,
        "issuer": reference.issuer,
        "implements": list(reference.implements),
        "mentions": [[start, end] for start, end in reference.mentions],
    }


def _prepare(text: str) -> tuple[str, list[int] | None]:
    """NFC text with look-alikes replaced, and where each of its characters came from
    (None when no character moved)."""
    text = replace_lookalikes(text)
    if unicodedata.is_normalized("NFC", text):
        return text, None
    pieces: list[str] = []
    origin: list[int] = []
    cluster_start = 0
    for index in range(1, len(text) + 1):
        if index < len(text) and unicodedata.combining(text[index]):
            continue
        composed = unicodedata.normalize("NFC", text[cluster_start:index])
        pieces.append(composed)
        origin.extend([cluster_start] * len(composed))
        cluster_start = index
    origin.append(len(text))
    return "".join(pieces), origin


def _resolve_central_or_provincial(mentions: list[Mention]) -> None:
    """Replace the issuer code "TƯ" by "TW" or "TU" (see the module docstring)."""
    known = {
        (m.symbol.code, number_key(m.symbol.number)): m.symbol.issuer
        for m in mentions
        if m.symbol is not None and m.symbol.party and m.symbol.issuer in ("TW", "TU")
    }
    for mention in mentions:
        symbol = mention.symbol
        if symbol is None or not symbol.party or symbol.issuer != "TƯ":
            continue
        code = issuer_code_of_phrase(mention.issuer) if mention.issuer else None
        if code not in ("TW", "TU"):
            code = known.get((symbol.code, number_key(symbol.number)), "TW")
        mention.symbol = symbol.with_issuer(code)


def _group(mentions: list[Mention]) -> tuple[list[int], list[list[int]]]:
    """Which reference each mention belongs to, and the mentions of each reference."""
    owner = [-1] * len(mentions)
    groups: list[list[int]] = []
    by_symbol: dict[str, int] = {}
    for index, mention in enumerate(mentions):
        if mention.symbol is not None:
            key = mention.symbol.key
            if key not in by_symbol:
                by_symbol[key] = len(groups)
                groups.append([])
            owner[index] = by_symbol[key]
            groups[owner[index]].append(index)
    bare_groups: list[int] = []
    for index, mention in enumerate(mentions):
        if mention.symbol is None:
            owner[index] = _bare_owner(
                mentions, index, groups, list(by_symbol.values()), bare_groups
            )
            groups[owner[index]].append(index)
    groups_in_order = sorted(range(len(groups)), key=lambda g: min(groups[g]))
    renumber = {old: new for new, old in enumerate(groups_in_order)}
    return [renumber[g] for g in owner], [sorted(groups[g]) for g in groups_in_order]


def _bare_owner(
    mentions: list[Mention],
    index: int,
    groups: list[list[int]],
    symbol_groups: list[int],
    bare_groups: list[int],
) -> int:
    """The group a mention without a symbol joins, created if no single one fits."""
    mention = mentions[index]
    for candidates in (symbol_groups, bare_groups):
        fitting = [g for g in candidates if _fits(mention, [mentions[i] for i in groups[g]])]
        if len(fitting) == 1:
            return fitting[0]
        if len(fitting) > 1:
            break
    groups.append([])
    bare_groups.append(len(groups) - 1)
    return len(groups) - 1


def _fits(mention: Mention, members: list[Mention]) -> bool:
    """Same type and number, and no issuer that says otherwise."""
    first = members[0]
    if _group_type(members) != mention.type or number_key(first.number) != number_key(
        mention.number
    ):
        return False
    if mention.issuer is None:
        return True
    phrases = {m.issuer.casefold() for m in members if m.issuer}
    if mention.issuer.casefold() in phrases:
        return True
    code = issuer_code_of_phrase(mention.issuer)
    symbol = next((m.symbol for m in members if m.symbol is not None), None)
    if symbol is not None and symbol.party and code is not None:
        return symbol.issuer.endswith(code)
    return not phrases


def _group_type(members: list[Mention]) -> str | None:
    for mention in members:
        if mention.typed_by_word:
            return mention.type
    return members[0].type


def _reference(mentions: list[Mention], members: list[int]) -> Reference:
    group = [mentions[index] for index in members]
    with_symbol = next((m for m in group if m.symbol is not None), None)
    date = next((m.date for m in group if m.date is not None), None)
    return Reference(
        type=_group_type(group) or "",
        number=with_symbol.symbol.number if with_symbol and with_symbol.symbol else group[0].number,
        symbol=str(with_symbol.symbol) if with_symbol else None,
        date=date.isoformat() if date else None,
        issuer=next((m.issuer for m in group if m.issuer), None),
        mentions=[(m.start, m.end) for m in group],
    )


def _add_implements(source: Reference, target: Reference) -> None:
    if source is target or target.symbol is None or source.type in NON_IMPLEMENTING_TYPES:
        return
    if target.symbol not in source.implements:
        source.implements.append(target.symbol)
