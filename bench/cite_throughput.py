"""Throughput of citation extraction on generated report-like text, against a naive baseline.

Generates about 50 MB (or --mb N) of Vietnamese report, plan and news paragraphs from a
fixed seed, in memory, cut into documents of a few kilobytes as real files are; then
times `extract_references` and a naive single-regex extractor on the same documents,
one core, and prints the median MB/s of each over --runs runs and their ratio.

Run from the repository root: `uv run python bench/cite_throughput.py [--mb N] [--runs R]`.
"""

import argparse
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tongket.vn.citations import extract_references

SEED = 20240522
DOCUMENT_CHARS = 6000

_NAIVE = re.compile(
    r"(?:Nghị quyết|Kế hoạch|Chỉ thị|Kết luận|Quy định|Quyết định|Hướng dẫn|Thông báo|Báo cáo"
    r"|Công văn|Đề án|Chương trình|Nghị định|Thông tư|Luật|Thông tri|Tờ trình)"
    r"\s+(?:số\s+)?(\d+(?:/\d{4})?[-/][A-ZĐa-zđ]+(?:[-/][A-ZĐƯ0-9]+)*)"
)

_PARTY_ISSUERS = ["TW", "TU", "HU", "QU", "ĐU", "BTGTU", "VPTW", "BTCTW"]
_PARTY_TYPES = [("Nghị quyết", "NQ"), ("Kế hoạch", "KH"), ("Chỉ thị", "CT"), ("Kết luận", "KL")]
_PARTY_TYPES += [("Quy định", "QĐ"), ("Quyết định", "QĐ"), ("Hướng dẫn", "HD"), ("Báo cáo", "BC")]
_PARTY_TYPES += [("Chương trình hành động", "CTr"), ("Thông báo", "TB"), ("Đề án", "ĐA")]
_STATE = [
    ("Nghị định", "NĐ-CP", True),
    ("Thông tư", "TT-BNV", True),
    ("Quyết định", "QĐ-UBND", False),
]
_STATE += [("Kế hoạch", "KH-UBND", False), ("Quyết định", "QĐ-TTg", False)]
_ISSUERS = [
    "Bộ Chính trị",
    "Ban Bí thư",
    "Ban Chấp hành Trung ương Đảng khóa XIII",
    "Ban Thường vụ Thành ủy",
    "Ban Thường vụ Quận ủy",
    "Ban Thường vụ Huyện ủy",
    "Tỉnh ủy",
    "Đảng ủy phường",
    "Chính phủ",
    "UBND quận",
    "Ban Tuyên giáo Thành ủy",
    "Thủ tướng Chính phủ",
]
_TOPICS = [
    "tăng cường bảo vệ nền tảng tư tưởng của Đảng",
    "đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "xây dựng, chỉnh đốn Đảng và hệ thống chính trị",
    "chuyển đổi số trên địa bàn",
    "công tác phát triển đảng viên ở tổ dân phố",
    "nâng cao chất lượng sinh hoạt chi bộ",
    "công tác tuyên truyền, vận động nhân dân",
]
_FILLER = [
    "Đảng ủy phường đã tổ chức {n} lớp bồi dưỡng lý luận chính trị cho {m} đảng viên, đạt {p}% "
    "kế hoạch đề ra.",
    "Trong {q}, toàn quận có {n} tổ chức cơ sở đảng tổ chức hội nghị chuyên đề với {m} lượt "
    "người tham dự.",
    "Trang thông tin điện tử của quận đăng tải {m} tin bài, thu hút khoảng {n} nghìn lượt "
    "tương tác; bình quân {p} nghìn lượt tiếp cận mỗi ngày.",
    "Các chi bộ duy trì nền nếp sinh hoạt định kỳ, {p}% chi bộ được xếp loại hoàn thành tốt "
    "nhiệm vụ; {n}/{m} tổ dân phố có tổ cộng tác viên.",
    "Cuộc thi chính luận năm {y} thu hút {m} bài dự thi, {n} bài vào vòng 2; tác giả cao tuổi "
    "nhất {a} tuổi, trẻ nhất 20 tuổi.",
    "Hội nghị diễn ra ngày {date} tại Hội trường Quận ủy, số {n} phố Khương Trung; liên hệ "
    "024.3858.{m:04d}.",
    "Công tác kiểm tra, giám sát được tăng cường; {n} đảng viên được biểu dương, khen thưởng "
    "với tổng kinh phí {m}.000.000 đồng.",
    "Tuy nhiên, việc nắm bắt tình hình dư luận xã hội ở một số nơi còn chậm, chưa kịp thời "
    "tham mưu giải quyết những vấn đề mới phát sinh.",
]


def generate_documents(
    megabytes: float, seed: int = SEED, citation_share: float = 0.15
) -> list[str]:
    """Report-like documents totalling about megabytes of UTF-8, deterministic for a seed.

    citation_share is the share of sentences that cite documents: plans open with
    dense citations, reports and news cite more sparsely.
    """
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    documents: list[str] = []
    size = 0
    while size < target:
        document = _document(rng, citation_share)
        documents.append(document)
        size += len(document.encode("utf-8"))
    return documents


def _document(rng: random.Random, citation_share: float) -> str:
    paragraphs = []
    length = 0
    while length < DOCUMENT_CHARS:
        sentences = [_sentence(rng, citation_share) for _ in range(rng.randint(3, 7))]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        length += len(paragraph)
    return "\n".join(paragraphs)


def _sentence(rng: random.Random, citation_share: float) -> str:
    roll = rng.random() / citation_share
    if roll < 0.45:
        return f"Thực hiện {_citation(rng)}, {rng.choice(_ISSUERS)} ban hành {_citation(rng)}."
    if roll < 0.85:
        return f"{_citation(rng)} về {rng.choice(_TOPICS)} đã được triển khai sâu rộng."
    if roll < 1.0:
        number = rng.randint(1, 150)
        return f"Sau {rng.randint(2, 10)} năm thực hiện Nghị quyết {number}, kết quả bước đầu khả quan."
    return rng.choice(_FILLER).format(
        n=rng.randint(2, 99),
        m=rng.randint(100, 9999),
        p=rng.randint(60, 100),
        q=rng.choice(["quý I", "6 tháng đầu năm", "năm 2023", "9 tháng"]),
        y=rng.randint(2019, 2025),
        a=rng.randint(70, 99),
        date=_date(rng),
    )


def _citation(rng: random.Random) -> str:
    number = f"{rng.randint(1, 999):02d}"
    if rng.random() < 0.7:
        words, code = rng.choice(_PARTY_TYPES)
        symbol = f"{number}-{code}/{rng.choice(_PARTY_ISSUERS)}"
    else:
        words, code, legal = rng.choice(_STATE)
        symbol = f"{number}/{rng.randint(2010, 2025)}/{code}" if legal else f"{number}/{code}"
    so = rng.choice(["số ", "số ", ""])
    tail = []
    if rng.random() < 0.7:
        tail.append(f"ngày {_date(rng)}")
    if rng.random() < 0.7:
        tail.append(f"của {rng.choice(_ISSUERS)}")
    return " ".join([f"{words} {so}{symbol}", *tail])


def _date(rng: random.Random) -> str:
    return f"{rng.randint(1, 28):02d}/{rng.randint(1, 12)}/{rng.randint(2015, 2025)}"


def naive_extract(text: str) -> list[str]:
    """The baseline: one regular expression, distinct symbols in order of first match."""
    return list(dict.fromkeys(found.group(1) for found in _NAIVE.finditer(text)))


def _megabytes_per_second(
    extract: Callable[[str], object], documents: list[str], megabytes: float, runs: int
) -> float:
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        for document in documents:
            extract(document)
        rates.append(megabytes / (time.perf_counter() - start))
    return statistics.median(rates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="megabytes of text (default 50)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each (default 3)")
    parser.add_argument(
        "--citation-share",
        type=float,
        default=0.15,
        help="share of sentences citing documents (default 0.15; 0.5 is a plan's opening)",
    )
    args = parser.parse_args()
    documents = generate_documents(args.mb, citation_share=args.citation_share)
    megabytes = sum(len(document.encode("utf-8")) for document in documents) / 1_000_000
    references = sum(len(extract_references(document)) for document in documents[:200])
    print(f"{megabytes:.1f} MB in {len(documents)} documents, seed {SEED}")
    per_document = references / min(200, len(documents))
    kilobytes = megabytes * 1000 / len(documents)
    print(f"~{per_document:.1f} distinct references per document of ~{kilobytes:.1f} kB")
    naive = _megabytes_per_second(naive_extract, documents, megabytes, args.runs)
    ours = _megabytes_per_second(extract_references, documents, megabytes, args.runs)
    print(f"naive single regex   {naive:8.2f} MB/s (median of {args.runs})")
    print(f"extract_references   {ours:8.2f} MB/s (median of {args.runs})")
    print(f"ratio                {ours / naive:8.2f}")


if __name__ == "__main__":
    main()
