"""Helpers shared by the `tongket` commands."""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.management.base import CommandError


def acting_user(username: str | None) -> User:
    """The account a command acts as: its subtree and role bound what the command may do."""
    if not username:
        raise CommandError("Thiếu --user: lệnh chạy với quyền và phạm vi của một tài khoản.")
    try:
        return get_user_model().objects.get(username=username, is_active=True)
    except get_user_model().DoesNotExist as missing:
        raise CommandError(f"Không có tài khoản “{username}”.") from missing


def read_input(path: str) -> tuple[str, bytes]:
    if path == "-":
        return "stdin", sys.stdin.buffer.read()
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"Không có tệp {path}.")
    return file.name, file.read_bytes()


def write_output(path: str, data: bytes) -> None:
    """Write to a temporary file first so a failure leaves no partial output."""
    if path == "-":
        sys.stdout.buffer.write(data)
        return
    target = Path(path)
    if not target.parent.exists():
        raise CommandError(f"Không có thư mục {target.parent}.")
    partial = target.with_name(f".{target.name}.partial")
    partial.write_bytes(data)
    partial.replace(target)


def one_line(errors: list[str], limit: int = 5) -> str:
    shown = "; ".join(errors[:limit])
    if len(errors) > limit:
        shown += f"; … và {len(errors) - limit} lỗi khác"
    return shown
