"""Which register entry a cited reference means.

A symbol does not name one document everywhere: every district committee numbers its
plans "…-KH/QU" and every ward committee "…-KH/ĐU", so "09-KH/QU" cited by a ward of
Thanh Xuân is Thanh Xuân's plan, not Ba Đình's. A Party symbol's issuer code therefore
places the cited document on the citing unit's own line of superiors (or on the unit
its issuer phrase names), and only entries of that unit, or entries with no unit yet,
can match. Central and State symbols ("35-NQ/TW", "30/2020/NĐ-CP") match anywhere.

Among several entries, the date decides: same day, else same year, else undated;
an entry dated another year is another document ("01-KH/QU" is reused each term).
"""

import re
from collections.abc import Iterable, Sequence

from django.db.models import Q

from tongket.documents.models import Document, DocumentStatus
from tongket.org.models import Unit, UnitKind
from tongket.vn.citations import Reference
from tongket.vn.issuers import issuer_code_of_phrase
from tongket.vn.symbols import parse_symbol
from tongket.vn.text import fold

# Party issuer codes of committees inside the tree, and the kinds of unit they name.
LOCAL_ISSUER_KINDS: dict[str, frozenset[str]] = {
    "TU": frozenset({UnitKind.CITY_COMMITTEE, UnitKind.PROVINCE_COMMITTEE}),
    "QU": frozenset({UnitKind.URBAN_DISTRICT_COMMITTEE}),
    "HU": frozenset({UnitKind.RURAL_DISTRICT_COMMITTEE}),
    "TX": frozenset({UnitKind.TOWN_COMMITTEE}),
    "ĐU": frozenset(
        {
            UnitKind.WARD_COMMITTEE,
            UnitKind.COMMUNE_COMMITTEE,
            UnitKind.TOWNSHIP_COMMITTEE,
            UnitKind.GRASSROOTS_COMMITTEE,
        }
    ),
}
# Heads of issuer phrases, longest first; what follows one is a place name.
_HEADS = (
    "dang uy phuong",
    "dang uy xa",
    "dang uy thi tran",
    "quan uy",
    "huyen uy",
    "thanh uy",
    "tinh uy",
    "thi uy",
    "dang uy",
)


def symbol_key(symbol: str | None) -> str | None:
    parsed = parse_symbol(symbol) if symbol else None
    return parsed.key if parsed else symbol


def issuer_code(reference: Reference) -> str | None:
    """The Party issuer code of a reference: from its symbol, else from its issuer phrase."""
    parsed = parse_symbol(reference.symbol) if reference.symbol else None
    if parsed is not None:
        return parsed.issuer if parsed.party else None
    return issuer_code_of_phrase(reference.issuer) if reference.issuer else None


def is_local(reference: Reference) -> bool:
    return issuer_code(reference) in LOCAL_ISSUER_KINDS


def issuing_unit(reference: Reference, line: Sequence[Unit]) -> Unit | None:
    """The unit that issued a cited document, if the reference says so clearly enough.

    `line` is the citing document's unit and its superiors, top first. A phrase that
    names a place ("Quận ủy Ba Đình") is looked up by name; otherwise the nearest unit
    of the right kind on the line is meant ("Quận ủy" in a ward's plan is its district's;
    "TU" is the province, the top one, even above a provincial city).
    """
    kinds = LOCAL_ISSUER_KINDS.get(issuer_code(reference) or "")
    if kinds is None:
        return None
    place = _place_named(reference.issuer)
    if place:
        named = [
            unit for unit in line if unit.kind in kinds and unit.search_key.endswith(place)
        ] or list(Unit.objects.filter(kind__in=kinds, search_key__endswith=f" {place}")[:2])
        return named[0] if len(named) == 1 else None
    fitting = [unit for unit in line if unit.kind in kinds]
    if not fitting:
        return None
    return fitting[0] if issuer_code(reference) == "TU" else fitting[-1]


def _place_named(phrase: str | None) -> str:
    """The folded place name after a committee's head ("Quận ủy Ba Đình" → "ba dinh")."""
    if not phrase:
        return ""
    folded = _TERM.sub("", " ".join(fold(phrase).split()))
    for head in _HEADS:
        found = folded.find(head)
        if found >= 0:
            return folded[found + len(head) :].strip()
    return ""


_TERM = re.compile(r"\s+khoa\s+\w+$")


def find_cited(reference: Reference, unit: Unit | None) -> Document | None:
    """The register entry a reference means, or None if it has none yet."""
    if reference.symbol:
        candidates = Document.objects.filter(symbol_key=symbol_key(reference.symbol))
        if unit is not None:
            candidates = candidates.filter(Q(owner=unit) | Q(owner__isnull=True))
        elif is_local(reference):
            candidates = candidates.filter(owner__isnull=True)
        return best_by_date(candidates.select_related("owner"), reference.date, unit)
    return _find_without_symbol(reference, unit)


def _find_without_symbol(reference: Reference, unit: Unit | None) -> Document | None:
    """ "Nghị quyết 35": by type and number, and the issuer when given, if only one fits."""
    if not (reference.number or "").isdigit():
        return None
    candidates = Document.objects.filter(
        doc_type=reference.type, number_value=int(reference.number or 0)
    )
    if unit is not None:
        candidates = candidates.filter(Q(owner=unit) | Q(owner__isnull=True))
    fitting = [
        document
        for document in candidates.select_related("owner")[:50]
        if issuer_agrees(reference.issuer, document) and _year_fits(reference.date, document)
    ]
    if len(fitting) == 1:
        return fitting[0]
    same = [
        document
        for document in fitting
        if document.symbol is None and fold(document.issuer) == fold(reference.issuer or "")
    ]
    return same[0] if len(same) == 1 else None


def issuer_agrees(phrase: str | None, document: Document) -> bool:
    """Whether an issuer phrase can name the document's issuer: one contains the other,
    or both point to the same Party code ("Bộ Chính trị" and "Trung ương" are "TW")."""
    names = [
        name for name in (document.issuer, document.owner.name if document.owner else "") if name
    ]
    if not phrase or not names:
        return True
    wanted = fold(phrase)
    for name in names:
        folded = fold(name)
        if wanted in folded or folded in wanted:
            return True
    code = issuer_code_of_phrase(phrase)
    parsed = parse_symbol(document.symbol) if document.symbol else None
    theirs = parsed.issuer if parsed and parsed.party else issuer_code_of_phrase(names[0])
    return code is not None and code == theirs


def _year_fits(date: str | None, document: Document) -> bool:
    return date is None or document.issue_date is None or document.issue_date.year == int(date[:4])


def best_by_date(
    candidates: Iterable[Document], date: str | None, unit: Unit | None
) -> Document | None:
    """The entry a reference dated `date` means (see the module docstring)."""
    ordered = sorted(
        candidates,
        key=lambda d: (
            unit is not None and d.owner_id != unit.pk,
            d.status != DocumentStatus.UPLOADED,
            -(d.issue_date.toordinal() if d.issue_date else 0),
            d.pk,
        ),
    )
    if date is None:
        return ordered[0] if ordered else None
    for fits in (
        lambda d: d.issue_date is not None and d.issue_date.isoformat() == date,
        lambda d: d.issue_date is not None and d.issue_date.year == int(date[:4]),
        lambda d: d.issue_date is None,
    ):
        found = next((document for document in ordered if fits(document)), None)
        if found is not None:
            return found
    return None
