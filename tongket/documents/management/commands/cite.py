"""`tongket cite [--json] PATH…`: the documents cited in text, .docx and .pdf files."""

import json
import sys
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tongket.documents.textract import TextError, decode_text, extract_text
from tongket.lib.commands import read_input, write_output
from tongket.lib.uploads import UploadError, check_upload
from tongket.vn.citations import Reference, reference_to_json
from tongket.vn.document import DocumentCitations, read_citations

BINARY_SUFFIXES = {".docx": b"PK\x03\x04", ".pdf": b"%PDF-"}


class Command(BaseCommand):
    help = "Tìm các văn bản được dẫn trong tệp văn bản, .docx, .pdf (`-` đọc từ stdin)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="tệp .txt, .docx, .pdf hoặc -")
        parser.add_argument("--json", action="store_true", help="in JSON theo CONTRACT.md")

    def handle(self, *args: object, **options: Any) -> None:
        # Every input is read before anything is printed: a bad file prints nothing.
        results = [(path, read_citations(_read(path))) for path in options["paths"]]
        if options["json"]:
            items = [
                {
                    "path": path,
                    "self": reference_to_json(found.self) if found.self else None,
                    "refs": [reference_to_json(r) for r in found.refs],
                }
                for path, found in results
            ]
            output = json.dumps(items, ensure_ascii=False, indent=2) + "\n"
        else:
            output = "".join(_human(path, found) for path, found in results)
        write_output("-", output.encode())
        sys.stdout.flush()


def _read(path: str) -> str:
    """The text of one input; a one-line CommandError when it cannot be read."""
    name, data = read_input(path)
    suffix = _kind(name, data)
    try:
        if suffix in BINARY_SUFFIXES:
            check_upload(
                name if PurePath(name).suffix.lower() == suffix else f"{name}{suffix}",
                data,
                allowed=set(BINARY_SUFFIXES),
                max_bytes=settings.TONGKET_MAX_UPLOAD_BYTES,
            )
            return extract_text(suffix, data)
        if len(data) > settings.TONGKET_MAX_UPLOAD_BYTES:
            raise TextError("tệp quá lớn.")
        return decode_text(data)
    except (UploadError, TextError) as error:
        raise CommandError(f"{path}: {error}") from error


def _kind(name: str, data: bytes) -> str:
    """.docx or .pdf by the name, or by the content for stdin; anything else is text."""
    suffix = PurePath(name).suffix.lower()
    if suffix in BINARY_SUFFIXES:
        return suffix
    if path_is_stdin(name):
        for kind, signature in BINARY_SUFFIXES.items():
            if data.startswith(signature):
                return kind
    return ".txt"


def path_is_stdin(name: str) -> bool:
    return name == "stdin"


def _human(path: str, found: DocumentCitations) -> str:
    lines = []
    if found.self is not None:
        lines.append(f"{path}: văn bản {_describe(found.self)}")
    lines.append(f"{path}: {len(found.refs)} văn bản được dẫn")
    for ref in found.refs:
        line = "  " + _describe(ref) + f" ({len(ref.mentions)} lần)"
        if ref.implements:
            line += f" → thực hiện {', '.join(ref.implements)}"
        lines.append(line)
    if found.named:
        names = "; ".join(named.name for named in found.named)
        lines.append(f"  chỉ nêu tên, không có số: {names}")
    return "\n".join(lines) + "\n"


def _describe(ref: Reference) -> str:
    parts = [ref.type, ref.symbol or (f"số {ref.number}" if ref.number else "")]
    if ref.date:
        day = ref.date.split("-")
        parts.append(f"ngày {day[2]}/{day[1]}/{day[0]}")
    if ref.issuer:
        parts.append(f"của {ref.issuer}")
    return " ".join(part for part in parts if part)
