"""Document types: the type words of running text and the type codes of symbols.

A reference names its type twice, in words ("Nghị quyết số 35-NQ/TW") and as the
code inside the symbol ("NQ"). The two usually agree; where a code is ambiguous
("QĐ" is both Quyết định and, in recent Party documents, Quy định) the words decide.
Codes follow Hướng dẫn 36-HD/VPTW (Party) and Nghị định 30/2020/NĐ-CP (State).
"""

import re

from tongket.vn.text import fold


def _listed(text: str, separator: str | None = None) -> list[str]:
    return text.split(separator)


PARTY_CODES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "QĐi": "Quy định",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QC": "Quy chế",
    "TB": "Thông báo",
    "TT": "Thông tri",
    "HD": "Hướng dẫn",
    "BC": "Báo cáo",
    "KH": "Kế hoạch",
    "CTr": "Chương trình",
    "TTr": "Tờ trình",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "CV": "Công văn",
    "BB": "Biên bản",
    "CĐ": "Công điện",
    "GM": "Giấy mời",
    "NQLT": "Nghị quyết liên tịch",
    "HDLT": "Hướng dẫn liên tịch",
    "TTLT": "Thông tri liên tịch",
    "QCPH": "Quy chế phối hợp",
    "CTPH": "Chương trình phối hợp",
}

STATE_CODES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "QyĐ": "Quy định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "GM": "Giấy mời",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "NQLT": "Nghị quyết liên tịch",
    "PL": "Pháp lệnh",
}

# Codes written with a lower-case letter in their official form. Upper-casing them
# would lose the letter that tells Quy định (QĐi) from Quyết định (QĐ).
MIXED_CASE_CODES: dict[str, str] = {
    code.upper(): code for code in ("QĐi", "CTr", "TTr", "TTg", "QyĐ", "GDTrH")
}

# Issuer codes of Party symbols, and the committee each names: "TW" the centre,
# "TU" a province or centrally-run city, "HU"/"QU"/"TX" a district, "ĐU" a ward,
# commune or other Party committee.
PARTY_ISSUER_CODES = frozenset({"TW", "TƯ", "TU", "HU", "QU", "TX", "ĐU", "ĐUK", "CB"})

KNOWN_ISSUER_CODES = frozenset(
    {
        *PARTY_ISSUER_CODES,
        *_listed(
            "VPTW BTCTW BTGTW BTGDVTW BDVTW UBKTTW BNCTW BKTTW BĐNTW BTGTU BTCTU BDVTU UBKTTU VPTU "
            "BTGHU BTGQU BTCQU VPQU CP TTg UBND HĐND VPCP BNV BTC BGDĐT BYT BCA BQP BTTTT BVHTTDL "
            "BLĐTBXH BKHĐT BTP BCĐ MTTQ ĐTN VP"
        ),
    }
)

# Type words, longest first so that "Thông tư liên tịch" wins over "Thông tư". The
# generic "văn bản" (document) names no type: the symbol's code decides.
TYPE_WORDS: tuple[str, ...] = tuple(
    _listed(
        "Nghị quyết liên tịch, Thông tư liên tịch, Hướng dẫn liên tịch, Chương trình phối hợp, "
        "Quy chế phối hợp, Nghị quyết, Kế hoạch, Chỉ thị, Kết luận, Quy định, Quyết định, "
        "Hướng dẫn, Thông báo, Báo cáo, Công văn, Đề án, Dự án, Chương trình, Nghị định, "
        "Thông tư, Bộ luật, Luật, Pháp lệnh, Thông tri, Tờ trình, Quy chế, Công điện, Thông cáo, "
        "Phương án, Văn bản",
        separator=", ",
    )
)
GENERIC_TYPE_WORD = "Văn bản"

# Abbreviations that stand for the type word in running text ("NQ 35", "KH số 12").
TYPE_ABBREVIATIONS: dict[str, str] = {
    "NQ": "Nghị quyết",
    "KH": "Kế hoạch",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QĐ": "Quyết định",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
}

_WORD_BY_FOLD = {fold(word): word for word in TYPE_WORDS}


def type_for_word(word: str) -> str | None:
    """The canonical type for a type word as written in any case ("KẾ HOẠCH"), or None.

    Returns "Văn bản" for the generic word; callers treat it as no type.
    """
    folded = fold(" ".join(word.split()))
    return _WORD_BY_FOLD.get(folded) or TYPE_ABBREVIATIONS.get(word)


def type_for_code(code: str, *, party: bool) -> str | None:
    """The type a canonical code stands for in a Party or a State symbol."""
    table = PARTY_CODES if party else STATE_CODES
    return table.get(code)


def _fold_table(codes: frozenset[str] | set[str]) -> dict[str, str]:
    """Map each code's ASCII folding to the code when no other code folds alike.

    "ND" can only be "NĐ", so it is read as "NĐ"; "HD" may be Hướng dẫn (HD) or
    Hợp đồng (HĐ), so a written "HD" is left as it is.
    """
    by_fold: dict[str, set[str]] = {}
    for code in codes:
        by_fold.setdefault(fold(code), set()).add(code)
    return {key: next(iter(found)) for key, found in by_fold.items() if len(found) == 1}


_ALL_TYPE_CODES = set(PARTY_CODES) | set(STATE_CODES)
_TYPE_CODE_BY_FOLD = _fold_table(_ALL_TYPE_CODES)
_ISSUER_CODE_BY_FOLD = _fold_table(set(KNOWN_ISSUER_CODES) - {"TƯ"})


def canonical_type_code(raw: str) -> str | None:
    """The official spelling of a type code written in any case or without Đ, or None."""
    upper = raw.upper()
    if upper in MIXED_CASE_CODES:
        return MIXED_CASE_CODES[upper]
    if upper in _ALL_TYPE_CODES:
        return upper
    return _TYPE_CODE_BY_FOLD.get(fold(raw))


def known_issuer_code(raw: str) -> str | None:
    """The official spelling of a known issuer code written in any case or without Đ."""
    upper = raw.upper()
    if upper in MIXED_CASE_CODES:
        return MIXED_CASE_CODES[upper]
    if upper in KNOWN_ISSUER_CODES:
        return upper
    return _ISSUER_CODE_BY_FOLD.get(fold(raw))


def canonical_issuer_code(raw: str) -> str:
    """The issuer part of a symbol in its official spelling (upper case, Đ restored)."""
    return known_issuer_code(raw) or raw.upper()


def type_words_pattern() -> str:
    """A regular expression alternation of the type words, tolerant of extra spaces."""
    return "|".join(r"\s+".join(map(re.escape, word.split())) for word in TYPE_WORDS)
