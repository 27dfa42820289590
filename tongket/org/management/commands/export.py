from pathlib import PurePath
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tongket.lib.commands import acting_user, write_output
from tongket.lib.tables import write_table
from tongket.org import queries
from tongket.org.models import Unit
from tongket.org.scope import scope_of, unit_for
from tongket.org.unit_rows import EXPORT_COLUMNS, export_rows
from tongket.reporting import exchange

FORMATS = {".csv", ".xlsx", ".json"}


class Command(BaseCommand):
    help = "Xuất dữ liệu trong phạm vi của tài khoản ra CSV, XLSX hoặc JSON: units, values, indicators."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["units", "values", "indicators"], help="loại dữ liệu")
        parser.add_argument(
            "-o",
            "--output",
            required=True,
            help="tệp ra; định dạng theo đuôi tệp (.csv, .xlsx, .json); - là stdout (CSV)",
        )
        parser.add_argument("--user", help="tài khoản thực hiện (quyền và phạm vi của tài khoản)")
        parser.add_argument("--unit", help="mã đơn vị gốc (mặc định: đơn vị của tài khoản)")
        parser.add_argument("--indicator", default="", help="values: chỉ một chỉ tiêu")
        parser.add_argument(
            "--period", default="", help="values: một kỳ hoặc giai đoạn, ví dụ 2019..2023"
        )

    def handle(self, *args: object, **options: Any) -> None:
        user = acting_user(options["user"])
        output = options["output"]
        suffix = ".csv" if output == "-" else PurePath(output).suffix.lower()
        if suffix not in FORMATS:
            raise CommandError(f"Đuôi tệp “{suffix}” không hỗ trợ: dùng .csv, .xlsx hoặc .json.")
        root = self._root(user, options["unit"])
        header: tuple[str, ...]
        rows: list[list[object]]
        if options["kind"] == "units":
            units = queries.units_for_export(user, root)
            header, rows = EXPORT_COLUMNS, export_rows(units)
        elif options["kind"] == "values":
            try:
                values = exchange.values_in(
                    root, indicator=options["indicator"], period=options["period"]
                )
            except ValueError as error:
                raise CommandError(str(error)) from error
            header, rows = exchange.VALUE_COLUMNS, exchange.value_rows_for_export(values)
        else:
            header, rows = exchange.INDICATOR_COLUMNS, exchange.indicator_rows()
        write_output(output, write_table(suffix, header, rows, title=options["kind"]))
        if output != "-":
            self.stdout.write(f"Đã xuất {len(rows)} dòng ra {output}.")

    def _root(self, user: Any, code: str | None) -> Unit:
        root = scope_of(user)
        if root is None:
            raise CommandError(f"Tài khoản “{user.get_username()}” chưa gắn với đơn vị nào.")
        if not code:
            return root
        try:
            return unit_for(user, code)
        except Unit.DoesNotExist as missing:
            raise CommandError(f"Không có đơn vị “{code}” trong phạm vi của bạn.") from missing
