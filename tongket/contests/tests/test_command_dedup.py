"""`tongket dedup` as CONTRACT.md specifies it, run as a user would: a separate process."""

import io
import json
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tongket.conftest import run as tongket
from tongket.contests.dedup import exact_jaccard, passages
from tongket.contests.tests.test_texts import docx_bytes, pdf_bytes

BASE = (
    "Nghị quyết của Đảng về bảo vệ nền tảng tư tưởng của Đảng trong tình hình mới "
    "đã được cán bộ đảng viên ở khu dân cư học tập quán triệt nghiêm túc và thực hiện "
    "bằng những việc làm cụ thể hằng ngày để giữ vững niềm tin của nhân dân"
)


def run(
    args: list[str], var: Path, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return tongket(["dedup", *args], var, stdin)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "bai"
    (folder / "con").mkdir(parents=True)
    (folder / "a.txt").write_text(BASE + " của toàn xã hội.", encoding="utf-8")
    (folder / "con" / "b.docx").write_bytes(docx_bytes("Mở đầu khác. " + BASE + " và thế hệ trẻ."))
    (folder / "c.txt").write_text(
        "Một bài hoàn toàn khác về chuyện đời thường ở khu phố cũ.", encoding="utf-8"
    )
    (folder / "ghi-chu.md").write_text("không phải bài dự thi", encoding="utf-8")
    return folder


def test_json_lists_pairs_with_similarity_and_passages(corpus: Path, tmp_path: Path):
    """Folders, a PDF and stdin in one run: each process start costs seconds."""
    pdf_text = "Bao ve nen tang tu tuong cua Dang trong tinh hinh moi la nhiem vu thuong xuyen"
    (tmp_path / "p.pdf").write_bytes(pdf_bytes(pdf_text))
    result = run(["--json", str(corpus), str(tmp_path / "p.pdf"), "-"], tmp_path, pdf_text.encode())
    assert result.returncode == 0, result.stderr.decode()
    document = json.loads(result.stdout)
    a, b = str(corpus / "a.txt"), str(corpus / "con" / "b.docx")
    assert list(document) == ["pairs"]
    assert [(p["a"], p["b"]) for p in document["pairs"]] == [(str(tmp_path / "p.pdf"), "-"), (a, b)]
    pair = document["pairs"][1]
    text_a = (corpus / "a.txt").read_text(encoding="utf-8")
    text_b = "Mở đầu khác. " + BASE + " và thế hệ trẻ.\nÔ một\tÔ hai"
    assert pair["similarity"] == pytest.approx(exact_jaccard(text_a, text_b))
    assert pair["passages"] == [list(p) for p in passages(text_a, text_b)]
    a0, a1, b0, b1 = pair["passages"][0]
    assert text_a[a0:a1] == text_b[b0:b1] == BASE


@pytest.mark.parametrize("args", [["khong-co.txt"], ["--bogus", "."]])
def test_bad_input_fails_with_one_line_and_no_output(tmp_path: Path, args: list[str]):
    result = run(args, tmp_path)
    assert result.returncode != 0
    assert len(result.stderr.decode().strip().splitlines()) == 1
    assert result.stdout == b""


# The same command in-process, for what does not need a separate process.


def dedup(*args: str) -> str:
    output = io.StringIO()
    call_command("dedup", *args, stdout=output)
    return output.getvalue()


def test_pairs_below_the_threshold_are_left_out(corpus: Path):
    assert json.loads(dedup("--json", "--threshold", "0.99", str(corpus))) == {"pairs": []}


def test_pairs_are_sorted_by_similarity(tmp_path: Path):
    words = BASE.split()
    for name, text in [("x", BASE), ("y", " ".join(words[:-3])), ("z", " ".join(words[:-10]))]:
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    similarities = [
        pair["similarity"] for pair in json.loads(dedup("--json", str(tmp_path)))["pairs"]
    ]
    assert len(similarities) == 3 and similarities == sorted(similarities, reverse=True)


def test_plain_output_has_one_line_per_pair(corpus: Path):
    lines = dedup(str(corpus)).strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("0.")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--threshold", "0", "."], "--threshold"),
        (["--threshold", "abc", "."], "--threshold"),
        ([], "ít nhất một"),
        (["{folder}/ghi-chu.md"], "chỉ nhận"),
        (["{folder}/con/hong.docx"], "hong.docx"),
    ],
)
def test_bad_input_is_a_command_error(corpus: Path, args: list[str], message: str):
    (corpus / "con" / "hong.docx").write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(CommandError, match=message):
        dedup(*[arg.format(folder=corpus) for arg in args])
