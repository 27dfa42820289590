"""Vietnamese text keys: canonical form, diacritic folding and collation.

Pure Python, no Django import: the web app, the command line and the analytics
kernels share these functions.
"""

import re
import unicodedata

# Tone marks as combining characters after NFD. Order is the dictionary order of
# tones: ngang (none), huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Letter modifiers that make a letter of its own in the Vietnamese alphabet.
_MODIFIERS = {"\u0306", "\u0302", "\u031b"}

_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_RANK: dict[str, float] = {letter: index for index, letter in enumerate(_ALPHABET)}
# Foreign letters sort after their nearest Vietnamese neighbour.
_LETTER_RANK.update(
    {
        "f": _LETTER_RANK["e"] + 0.5,
        "j": _LETTER_RANK["i"] + 0.5,
        "w": _LETTER_RANK["v"] + 0.5,
        "z": _LETTER_RANK["y"] + 0.5,
    }
)

# Two conventions place the tone in the open rhymes oa, oe, uy: "hoà, khoẻ, thuỷ" and
# "hòa, khỏe, thủy". Official documents mostly use the second ("Cộng hòa"), so that
# is the canonical form. With a final consonant ("hoàng", "huỳnh") or after q ("quý")
# both conventions agree and nothing moves.
_TONE_CLASS = "[\u0300\u0309\u0303\u0301\u0323]"
_SPLIT_TONE = re.compile(
    rf"([oO])([aAeE])({_TONE_CLASS})(?!\w)|(?<![qQ])([uU])([yY])({_TONE_CLASS})(?!\w)"
)


def normalize(text: str) -> str:
    """Return NFC text with the tone mark placed by one convention ("hòa", not "hoà").

    Both "hoà" and "hòa" occur in official documents; comparing or indexing them
    must treat them as one word.
    """
    decomposed = unicodedata.normalize("NFD", text)
    decomposed = _SPLIT_TONE.sub(_tone_on_first_vowel, decomposed)
    return unicodedata.normalize("NFC", decomposed)


def _tone_on_first_vowel(match: re.Match[str]) -> str:
    if match.group(1):
        return match.group(1) + match.group(3) + match.group(2)
    return match.group(4) + match.group(6) + match.group(5)


def fold(text: str) -> str:
    """Lower-case text with every diacritic removed and đ read as d: a search key."""
    folded = text.casefold().translate(_FOLD_TABLE)
    if folded.isascii() or not any(map(_has_marks, set(folded))):
        return folded
    return _fold_slowly(folded)


def _fold_slowly(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d")


def _has_marks(char: str) -> bool:
    """Whether NFD changes char: listed decompositions, and Hangul's computed ones."""
    hangul = "\uac00" <= char <= "\ud7a3"
    return hangul or bool(unicodedata.decomposition(char) or unicodedata.combining(char))


# Latin letters with diacritics (Vietnamese among them) and the combining marks, folded
# one character at a time: the hot path is then a single str.translate.
_FOLD_TABLE = {
    code: _fold_slowly(chr(code))
    for block in (range(0xC0, 0x250), range(0x300, 0x370), range(0x1E00, 0x1F00))
    for code in block
    if _fold_slowly(chr(code)) != chr(code)
}


def sort_key(text: str) -> str:
    """A key whose plain string order is Vietnamese alphabetical order.

    The key is made of digits only so that it sorts the same way under any database
    collation: three digits a character for the letters (ă, â, đ, ê, ô, ơ, ư are
    letters of their own), then "000", then one digit a letter for its tone.
    """
    primary: list[str] = []
    tones: list[str] = []
    for run in _DIGIT_RUN.split(unicodedata.normalize("NFD", normalize(text).casefold())):
        if _DIGIT_RUN.fullmatch(run):  # not str.isdigit(), which also takes "¹"
            digits = run.lstrip("0") or "0"
            chunks = [f"{40 + min(len(digits), 59):03d}"] + [f"{70 + int(d):03d}" for d in digits]
            primary.extend(chunks)
            tones.extend("0" * len(chunks))
            continue
        _append_letters(run, primary, tones)
    return "".join(primary) + "000" + "".join(tones)


_DIGIT_RUN = re.compile(r"([0-9]+)")


def _append_letters(run: str, primary: list[str], tones: list[str]) -> None:
    for char in run:
        if char in _TONES:
            if tones:
                tones[-1] = str(_TONES[char])
            continue
        if char in _MODIFIERS and primary:
            primary[-1] = _modified_rank(primary[-1], char)
            continue
        if unicodedata.combining(char):
            continue
        primary.append(f"{_char_rank(char):03d}")
        tones.append("0")


def _char_rank(char: str) -> int:
    if char in _LETTER_RANK:
        return 100 + int(_LETTER_RANK[char] * 2)
    if char.isspace():
        return 1
    if char.isalpha():
        return 200 + ord(char) % 700
    return 10


_MODIFIED = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
_RANK_TO_LETTER = {f"{100 + int(rank * 2):03d}": letter for letter, rank in _LETTER_RANK.items()}


def _modified_rank(code: str, modifier: str) -> str:
    letter = _RANK_TO_LETTER.get(code)
    combined = _MODIFIED.get((letter or "", modifier))
    if combined is None:
        return code
    return f"{100 + int(_LETTER_RANK[combined] * 2):03d}"
