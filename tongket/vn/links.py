"""Which cited document is said to implement which.

Three ways of saying it are read, each from the words between two mentions:

- "A … thực hiện B" (or triển khai, cụ thể hóa, quán triệt và thực hiện, về việc
  thực hiện, hướng dẫn thực hiện …), possibly after A's title ("A về X để thực hiện
  B"): A implements B. Chains follow: "09-KH/HU về thực hiện 135-KH/TU … về thực
  hiện 41-CT/TW" gives 09 → 135 → 41.
- Lists: "A thực hiện B và C" (A implements both) and "A và B thực hiện C" (both
  implement C).
- A sentence that opens with the verb: "Thực hiện B, Quận ủy ban hành A": A
  implements B.

A review or report of implementation ("Báo cáo … về kết quả 5 năm thực hiện B") is
not an implementation, nor is a legal basis ("Căn cứ B").
"""

import re
import unicodedata
from dataclasses import dataclass, field

from tongket.vn.doctypes import TYPE_WORDS
from tongket.vn.mentions import Mention


def _folded(text: str) -> str:
    """Lower-case ASCII letters of text ("để thực hiện" → "de thuc hien"), the rest dropped.

    Like tongket.vn.text.fold but several times faster, since every gap between two
    mentions goes through it; the patterns here only look at letters and punctuation
    that survive.
    """
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return decomposed.encode("ascii", "ignore").decode("ascii")


_VERB = (
    r"(?:thuc hien|trien khai|cu the hoa|the che hoa|thi hanh|quy dinh chi tiet"
    r"|huong dan thuc hien|huong dan thi hanh)"
)
_LEAD_VERBS = (
    r"(?:(?:tiep tuc|to chuc|hoc tap|quan triet|trien khai|thuc hien)(?:\s*,\s*|\s+va\s+|\s+))*"
)
# "… thực hiện các nhiệm vụ tại Chỉ thị Y": the verb's object, then the document.
_OBJECT = (
    r"(?:\s+(?:cac\s+|nhung\s+)?(?:nhiem vu|noi dung|muc tieu|giai phap|chu truong|quan diem"
    r"|yeu cau|chi tieu|ket luan|chuong trinh)(?:\s[a-z ,]{0,80}?)?\s+(?:tai|theo|cua|trong|neu tai"
    r"|neu trong|de ra tai|de ra trong))"
)
_CONNECTOR = rf"{_LEAD_VERBS}{_VERB}(?:\s+(?:co hieu qua|nghiem tuc|tot|day du|dong bo))?{_OBJECT}?"
_FOLDED_TYPE_WORDS = {_folded(word): word for word in TYPE_WORDS}
_TYPE_WORD_ALTERNATION = "|".join(sorted(_FOLDED_TYPE_WORDS, key=len, reverse=True))
# "A … (ban hành) Chương trình hành động thực hiện B": A's content implements B.
_ISSUED_WITH = rf"(?:(?:ban hanh|kem theo)\s+)?(?:{_TYPE_WORD_ALTERNATION})(?:\s+hanh dong)?\s+"
_CONNECT_GAP = re.compile(
    rf"[\s,(]*(?:(?:ve|de|nham)(?:\s[^.;:!?\n]{{0,200}}?)?\s+|{_ISSUED_WITH})?{_CONNECTOR}\s*"
)
_LIST_GAP = re.compile(r"\s*(?:,|va|,\s*va|cung voi|va cac)?\s*")
_NOT_IMPLEMENTING = re.compile(
    r"\b(?:so ket|tong ket|ket qua|danh gia|kiem tra|giam sat|tinh hinh|bao cao)\b"
)
_CLAUSE_VERBS = re.compile(r"(?<!\w)(?:đã|đang|được|sẽ|cần|yêu cầu|đề nghị|chỉ đạo)(?!\w)")
_SENTENCE_BREAK = re.compile(r"[.;!?](?:\s|$)|\n")
_OPENING = re.compile(rf"\W*(?:(?:de|nham)\s+)?{_CONNECTOR}(?:\s[^,.;:!?\n]*(?:\sva|,))?\s*")
_ISSUING_VERB = re.compile(r"[^.;!?\n]*,[^.;!?\n]*\s(?:ban hanh|xay dung|phat hanh|co)\s*")
_SENTENCE_MARKS = ".;!?\n"
_ISSUES = r"\s(?:ban hanh|xay dung|phat hanh|co)\s"
# "Để cụ thể hóa Luật, Chính phủ ban hành …": the verb's object is the last law cited.
_OPENING_ON_EARLIER = re.compile(
    rf"\W*(?:(?:de|nham)\s+)?{_CONNECTOR}\s+(?P<type>{_TYPE_WORD_ALTERNATION}),[^.;!?\n]*{_ISSUES}\s*"
)
# "Thực hiện B, Ban Thường vụ Quận ủy xây dựng Kế hoạch như sau": the plan is the
# document itself, numbered in its header.
_ISSUES_ITSELF = re.compile(
    rf"[^.;!?\n]*,[^.;!?\n]*{_ISSUES}(?P<type>{_TYPE_WORD_ALTERNATION})(?!\s*(?:so\b|[0-9]))"
)


NON_IMPLEMENTING_TYPES = frozenset({"Báo cáo", "Tờ trình"})
# The longest run of words read between two mentions: a title and a verb.
_LONGEST_GAP = 260
_OPENING_WORDS = (
    "thuc hien",
    "trien khai",
    "de ",
    "nham ",
    "tiep tuc",
    "to chuc",
    "hoc tap",
    "quan triet",
    "cu the",
    "the che",
    "thi hanh",
    "quy dinh",
    "huong dan",
)


@dataclass
class _Group:
    """Mentions joined by "và" or commas, and the mentions that implement all of them."""

    members: list[int]
    sources: list[int] = field(default_factory=list)


def implementation_links(text: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """Pairs (i, j) of indexes into mentions: mention i is said to implement mention j."""
    links: list[tuple[int, int]] = []
    group = _Group([0])
    opening = _Opening()
    for index, mention in enumerate(mentions):
        if index:
            previous = mentions[index - 1]
            raw_gap = text[previous.tail_end : mention.start]
            if len(raw_gap) <= _LONGEST_GAP and _new_paragraph(text, previous, raw_gap):
                group = _Group([index])
            else:
                group = _extend(group, index, raw_gap, mentions, links)
        opening.see(text, mentions, index, links)
        _link_to_earlier(text, mentions, index, links)
    opening.close(text, mentions, links)
    return links


def _link_to_earlier(
    text: str, mentions: list[Mention], index: int, links: list[tuple[int, int]]
) -> None:
    """ "Để cụ thể hóa Luật, Chính phủ ban hành Nghị định …": link to the last law cited."""
    lead = _sentence_lead(text, mentions[index])
    found = _OPENING_ON_EARLIER.fullmatch(lead) if lead is not None else None
    if found is None:
        return
    wanted = _FOLDED_TYPE_WORDS[found["type"]]
    for earlier in range(index - 1, -1, -1):
        if mentions[earlier].type == wanted:
            links.append((index, earlier))
            return


def _extend(
    group: _Group, index: int, raw_gap: str, mentions: list[Mention], links: list[tuple[int, int]]
) -> _Group:
    """Read the gap before mention index: a list goes on, a connector links, else restart."""
    if len(raw_gap) > _LONGEST_GAP:
        return _Group([index])
    gap = _folded(raw_gap)
    if _LIST_GAP.fullmatch(gap):
        group.members.append(index)
        links.extend((source, index) for source in group.sources)
        return group
    if not _is_connector(raw_gap, gap):
        return _Group([index])
    # "A thực hiện B và C về thực hiện D": only C implements D.
    sources = group.members[-1:] if group.sources else group.members
    sources = [source for source in sources if mentions[source].type not in NON_IMPLEMENTING_TYPES]
    links.extend((source, index) for source in sources)
    return _Group([index], sources)


@dataclass
class _Opening:
    """The targets of a sentence that opens with the verb ("Thực hiện B và C, …"), and
    the documents said to be issued for them ("… ban hành A và D")."""

    targets: list[int] = field(default_factory=list)
    receivers: list[int] = field(default_factory=list)

    def see(
        self, text: str, mentions: list[Mention], index: int, links: list[tuple[int, int]]
    ) -> None:
        mention = mentions[index]
        last = (
            self.receivers[-1] if self.receivers else (self.targets[-1] if self.targets else None)
        )
        if last is not None and _SENTENCE_BREAK.search(
            text, mentions[last].tail_end, mention.start
        ):
            self.close(text, mentions, links)
            last = None
        if last is not None:
            between = _fold_short(text, mentions[index - 1].tail_end, mention.start)
            if last == index - 1 and _LIST_GAP.fullmatch(between):
                (self.receivers if self.receivers else self.targets).append(index)
                links.extend((index, target) for target in self.targets if self.receivers)
                return
            if not self.receivers and _ISSUING_VERB.fullmatch(between):
                self.receivers.append(index)
                links.extend((index, target) for target in self.targets)
                return
        if _opens_sentence(text, mention):
            self.close(text, mentions, links)
            self.targets = [index]

    def close(self, text: str, mentions: list[Mention], links: list[tuple[int, int]]) -> None:
        """End the sentence: with no document issued for the targets, the document may be
        the text itself ("… xây dựng Kế hoạch như sau")."""
        if self.targets and not self.receivers:
            rest = _folded(text[mentions[self.targets[-1]].tail_end :][:400])
            found = _ISSUES_ITSELF.match(rest)
            header = next((i for i, m in enumerate(mentions) if m.in_header), None)
            if (
                found
                and header is not None
                and mentions[header].type == _FOLDED_TYPE_WORDS[found["type"]]
            ):
                links.extend((header, target) for target in self.targets if target != header)
        self.targets, self.receivers = [], []


def _fold_short(text: str, start: int, end: int) -> str:
    """The folded text between start and end, or "" when too long to be a link."""
    return _folded(text[start:end]) if end - start <= _LONGEST_GAP else ""


def _sentence_lead(text: str, mention: Mention) -> str | None:
    """The folded words from the start of mention's sentence up to it, if within reach
    and if they open with a verb that can introduce an implemented document."""
    window_start = max(0, mention.start - 160)
    cut = max(text.rfind(mark, window_start, mention.start) for mark in _SENTENCE_MARKS)
    if cut >= 0:
        start = cut + 1
    elif window_start == 0:
        start = 0
    else:
        return None
    opening = _folded(text[start : min(start + 16, mention.start)]).lstrip(" \t\"'(-")
    if not opening.startswith(_OPENING_WORDS):
        return None
    return _folded(text[start : mention.start])


def _opens_sentence(text: str, mention: Mention) -> bool:
    """True when only an implementing verb stands between the sentence start and mention."""
    lead = _sentence_lead(text, mention)
    return lead is not None and _OPENING.fullmatch(lead) is not None


def _is_connector(raw_gap: str, gap: str) -> bool:
    if not _CONNECT_GAP.fullmatch(gap):
        return False
    return not (_NOT_IMPLEMENTING.search(gap) or _CLAUSE_VERBS.search(raw_gap))


_LINE_START = re.compile(r"\n\s*([^\W\d_])")


def _new_paragraph(text: str, previous: Mention, raw_gap: str) -> bool:
    """Whether a paragraph opening with a capital lies between two mentions, after a line
    that is not a heading: a title line ending "… của Bộ Chính trị" does not connect to
    "Thực hiện B" opening the next paragraph, while "KẾ HOẠCH SỐ 68-KH/QU" does connect
    to "Triển khai thực hiện B" on the line below it."""
    if "\n" not in raw_gap:
        return False
    if not any(found.group(1).isupper() for found in _LINE_START.finditer(raw_gap)):
        return False
    line = text[text.rfind("\n", 0, previous.start) + 1 : previous.tail_end]
    return any(char.islower() for char in line)
