from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tongket.lib.commands import acting_user, one_line, read_input
from tongket.lib.uploads import UploadError
from tongket.org.actions import ImportRejected, import_units_file
from tongket.reporting.actions import ValuesRejected
from tongket.reporting.exchange import import_values_file


def _import_units(**kwargs: Any) -> str:
    result = import_units_file(**kwargs)
    return f"Đã nhập đơn vị: {result.created} mới, {result.updated} cập nhật."


def _import_values(**kwargs: Any) -> str:
    summary = import_values_file(**kwargs)
    return (
        f"Đã nhập số liệu: {summary.imported} mới, {summary.updated} cập nhật, "
        f"{summary.ignored} ô trống bỏ qua."
    )


IMPORTERS = {"units": _import_units, "values": _import_values}


class Command(BaseCommand):
    help = "Nhập dữ liệu từ CSV, XLSX hoặc JSON, toàn bộ hoặc không gì cả: units, values."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(IMPORTERS), help="loại dữ liệu")
        parser.add_argument("path", help="tệp .csv, .xlsx hoặc .json (- đọc CSV từ stdin)")
        parser.add_argument("--user", help="tài khoản thực hiện (quyền và phạm vi của tài khoản)")

    def handle(self, *args: object, **options: str) -> None:
        user = acting_user(options["user"])
        name, data = read_input(options["path"])
        if name == "stdin":
            name = "stdin.csv"
        try:
            message = IMPORTERS[options["kind"]](by=user, name=name, data=data)
        except UploadError as error:
            raise CommandError(str(error)) from error
        except ImportRejected as rejected:
            errors = [str(error) for error in rejected.errors]
            raise CommandError(
                f"Không nhập gì, {len(errors)} lỗi: {one_line(errors)}"
            ) from rejected
        except ValuesRejected as rejected:
            errors = [f"{c['object']}: {c['value']}" for c in rejected.summary.conflicts]
            raise CommandError(
                f"Không nhập gì, {len(errors)} lỗi: {one_line(errors)}"
            ) from rejected
        except PermissionDenied as denied:
            raise CommandError(str(denied)) from denied
        self.stdout.write(message)
