"""`tongket dedup [--json] [--threshold T] PATH…`: near-duplicate pairs among texts.

Paths are .txt, .docx or .pdf files, or folders searched (recursively) for them;
``-`` reads one text from stdin. Output follows CONTRACT.md; passages are
character offsets into each file's text as read (a .txt file as decoded).
"""

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tongket.contests.dedup import DEFAULT_THRESHOLD, find_near_duplicates, to_contract_json
from tongket.contests.texts import ENTRY_SUFFIXES, plain_text
from tongket.lib.uploads import MAX_UNCOMPRESSED_BYTES, UploadError, check_upload


class Command(BaseCommand):
    help = "Tìm các cặp văn bản gần trùng nhau trong các tệp .txt, .docx, .pdf hoặc thư mục."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def one_line_error(message: str) -> NoReturn:
            sys.stderr.write(f"tongket dedup: {message}\n")
            sys.exit(2)

        parser.error = one_line_error  # type: ignore[method-assign]
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "paths", nargs="*", metavar="PATH", help="tệp hoặc thư mục (- là stdin)"
        )
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
        parser.add_argument(
            "--threshold",
            default=str(DEFAULT_THRESHOLD),
            help=f"độ giống tối thiểu, trong (0, 1]; mặc định {DEFAULT_THRESHOLD}",
        )

    def handle(self, *args: object, **options: Any) -> None:
        threshold = _threshold(options["threshold"])
        if not options["paths"]:
            raise CommandError("Cần ít nhất một tệp hoặc thư mục.")
        names, texts = [], []
        for name, read in _inputs(options["paths"]):
            names.append(name)
            texts.append(read())
        pairs = find_near_duplicates(texts, threshold)
        if options["json"]:
            document = to_contract_json(pairs, names)
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
            return
        if not pairs:
            self.stdout.write(f"Không có cặp nào giống nhau từ {threshold:.0%} trở lên.")
        for pair in pairs:
            self.stdout.write(
                f"{pair.similarity:.3f}\t{names[pair.a]}\t{names[pair.b]}"
                f"\t{len(pair.passages)} đoạn trùng"
            )


def _threshold(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError as error:
        raise CommandError(
            f"--threshold phải là một số trong (0, 1], không phải “{raw}”."
        ) from error
    if not 0 < value <= 1:
        raise CommandError(f"--threshold phải trong (0, 1], không phải {raw}.")
    return value


def _inputs(paths: list[str]) -> list[tuple[str, Any]]:
    """(name, reader) of every text, checked to exist before any is read."""
    found: list[tuple[str, Any]] = []
    for raw in paths:
        if raw == "-":
            found.append(("-", lambda: sys.stdin.buffer.read().decode("utf-8-sig")))
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ENTRY_SUFFIXES
            )
            if not files:
                raise CommandError(f"Thư mục {raw} không có tệp .txt, .docx hay .pdf nào.")
            found += [(str(file), _reader(file)) for file in files]
        elif path.is_file():
            if path.suffix.lower() not in ENTRY_SUFFIXES:
                raise CommandError(f"Không đọc được {raw}: chỉ nhận tệp .txt, .docx, .pdf.")
            found.append((raw, _reader(path)))
        else:
            raise CommandError(f"Không có tệp hoặc thư mục {raw}.")
    return found


def _reader(path: Path) -> Any:
    def read() -> str:
        try:
            upload = check_upload(
                path.name,
                path.read_bytes(),
                allowed=ENTRY_SUFFIXES,
                max_bytes=MAX_UNCOMPRESSED_BYTES,
            )
            return plain_text(upload.name, upload.data)
        except (UploadError, OSError) as error:
            raise CommandError(f"{path}: {error}") from error

    return read
