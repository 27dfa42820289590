"""`tongket cite`, run as a user runs it: a separate process, no database needed."""

import json
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tongket.conftest import run
from tongket.documents.tests.conftest import plan_docx
from tongket.documents.tests.pdfs import make_pdf

RESOLUTION = "Thực hiện Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị khóa XII."


def cite(
    args: list[str], var: Path, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return run(["cite", *args], var, stdin)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "note.txt").write_text(RESOLUTION, encoding="utf-8")
    (folder / "plan.docx").write_bytes(plan_docx())
    (folder / "plan.pdf").write_bytes(
        make_pdf([["Kế hoạch số 09-KH/QU thực hiện Kế hoạch số 135-KH/TU"]])
    )
    (folder / "latin1.txt").write_bytes(b"Ngh\xec quy\xeat")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 broken")
    return folder


@pytest.fixture(scope="module")
def cited(files: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list, Path]:
    """One run over every kind of input, as the tests below read it."""
    var = tmp_path_factory.mktemp("var")
    paths = [str(files / name) for name in ("note.txt", "plan.docx", "plan.pdf")] + ["-"]
    result = cite(["--json", *paths], var, stdin=RESOLUTION.encode())
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout), var


def test_json_output_is_exactly_the_contract(files, cited):
    output, var = cited
    assert output[0] == {
        "path": str(files / "note.txt"),
        "self": None,
        "refs": [
            {
                "type": "Nghị quyết",
                "number": "35",
                "symbol": "35-NQ/TW",
                "date": "2018-10-22",
                "issuer": "Bộ Chính trị khóa XII",
                "implements": [],
                "mentions": [[10, 32]],
            }
        ],
    }
    assert not (var / "tongket.sqlite3").exists()  # no database was touched


def test_one_object_per_input_in_order(files, cited):
    output, _var = cited
    assert [item["path"] for item in output] == [
        str(files / "note.txt"),
        str(files / "plan.docx"),
        str(files / "plan.pdf"),
        "-",
    ]


def test_docx_and_pdf_are_read_with_what_implements_what(cited):
    output, _var = cited
    docx_refs = {ref["symbol"]: ref for ref in output[1]["refs"]}
    assert "09-KH/QU" not in docx_refs  # the plan's own number, from its header
    assert output[1]["self"]["symbol"] == "09-KH/QU"
    assert output[1]["self"]["implements"] == ["135-KH/TU"]
    assert docx_refs["135-KH/TU"]["implements"] == ["35-NQ/TW"]
    assert [ref["symbol"] for ref in output[2]["refs"]] == ["09-KH/QU", "135-KH/TU"]
    assert output[2]["refs"][0]["implements"] == ["135-KH/TU"]


def test_a_text_without_a_header_has_no_own_number(cited):
    output, _var = cited
    assert output[0]["self"] is None and output[3]["self"] is None


def test_stdin_mentions_are_offsets_into_its_text(cited):
    output, _var = cited
    start, end = output[3]["refs"][0]["mentions"][0]
    assert RESOLUTION[start:end] == "Nghị quyết số 35-NQ/TW"


def test_without_json_the_output_is_for_people(files, capsys):
    call_command("cite", str(files / "note.txt"), str(files / "plan.pdf"))
    assert capsys.readouterr().out.splitlines() == [
        f"{files / 'note.txt'}: 1 văn bản được dẫn",
        "  Nghị quyết 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị khóa XII (1 lần)",
        f"{files / 'plan.pdf'}: 2 văn bản được dẫn",
        "  Kế hoạch 09-KH/QU (1 lần) → thực hiện 135-KH/TU",
        "  Kế hoạch 135-KH/TU (1 lần)",
    ]


def test_bad_input_exits_non_zero_with_one_line_and_prints_nothing(files, tmp_path):
    result = cite(["--json", str(files / "note.txt"), str(files / "missing.txt")], tmp_path)
    assert result.returncode != 0
    assert result.stderr.decode().strip().splitlines() == [
        f"CommandError: Không có tệp {files / 'missing.txt'}."
    ]
    assert result.stdout == b""


@pytest.mark.parametrize(
    ("bad", "says"), [("latin1.txt", "không phải UTF-8"), ("broken.docx", "bị hỏng")]
)
def test_unreadable_files_are_one_line_errors(files, bad, says, capsys):
    with pytest.raises(CommandError, match=says) as raised:
        call_command("cite", "--json", str(files / "note.txt"), str(files / bad))
    assert "\n" not in str(raised.value) and bad in str(raised.value)
    assert capsys.readouterr().out == ""
