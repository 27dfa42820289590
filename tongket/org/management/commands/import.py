from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tongket.lib.commands import acting_user, one_line, read_input
from tongket.lib.uploads import UploadError
from tongket.org.actions import ImportRejected, import_units_file

IMPORTERS = {"units": import_units_file}


class Command(BaseCommand):
    help = "Nhập dữ liệu từ CSV, XLSX hoặc JSON (toàn bộ hoặc không gì cả): units."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(IMPORTERS), help="loại dữ liệu")
        parser.add_argument("path", help="tệp .csv, .xlsx hoặc .json (- đọc từ stdin, dạng CSV)")
        parser.add_argument("--user", help="tài khoản thực hiện (quyền và phạm vi của tài khoản)")

    def handle(self, *args: object, **options: str) -> None:
        user = acting_user(options["user"])
        name, data = read_input(options["path"])
        if name == "stdin":
            name = "stdin.csv"
        try:
            result = IMPORTERS[options["kind"]](by=user, name=name, data=data)
        except UploadError as error:
            raise CommandError(str(error)) from error
        except ImportRejected as rejected:
            errors = [str(error) for error in rejected.errors]
            raise CommandError(
                f"Không nhập gì, {len(errors)} lỗi: {one_line(errors)}"
            ) from rejected
        except PermissionDenied as denied:
            raise CommandError(str(denied)) from denied
        self.stdout.write(f"Đã nhập: {result.created} mới, {result.updated} cập nhật.")
