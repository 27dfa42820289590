from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tongket.lib.commands import acting_user, read_input
from tongket.org.restructure import RestructureRejected, apply_changes, parse_changes


class Command(BaseCommand):
    help = (
        "Ghi nhận một loạt thay đổi đơn vị (đổi tên, chuyển, hợp nhất, chia tách, giải thể)"
        " từ tệp JSON, XLSX hoặc CSV, toàn bộ hoặc không gì cả (docs/units-over-time.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="tệp .json, .xlsx hoặc .csv (- đọc JSON từ stdin)")
        parser.add_argument(
            "--user", help="tài khoản thực hiện (quản lý cấp trên); không có: quản trị máy chủ"
        )

    def handle(self, *args: object, **options: Any) -> None:
        user = acting_user(options["user"]) if options["user"] else None
        name, data = read_input(options["path"])
        if name == "stdin":
            name = "stdin.json"
        try:
            changes = apply_changes(by=user, changes=parse_changes(name, data))
        except RestructureRejected as error:
            raise CommandError(f"Không ghi nhận gì: {error}") from error
        except PermissionDenied as error:
            raise CommandError(f"Không ghi nhận gì: {error}") from error
        self.stdout.write(f"Đã ghi nhận {len(changes)} thay đổi.")
