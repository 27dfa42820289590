from pathlib import PurePath

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tongket.lib.commands import acting_user, write_output
from tongket.lib.tables import write_table
from tongket.org import queries
from tongket.org.models import Unit
from tongket.org.scope import scope_of, unit_for
from tongket.org.unit_rows import COLUMNS
from tongket.org.views import export_rows

FORMATS = {".csv", ".xlsx", ".json"}


class Command(BaseCommand):
    help = "Xuất dữ liệu trong phạm vi của tài khoản ra CSV, XLSX hoặc JSON: units."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["units"], help="loại dữ liệu")
        parser.add_argument(
            "-o",
            "--output",
            required=True,
            help="tệp ra; định dạng theo đuôi tệp (.csv, .xlsx, .json); - là stdout (CSV)",
        )
        parser.add_argument("--user", help="tài khoản thực hiện (quyền và phạm vi của tài khoản)")
        parser.add_argument("--unit", help="mã đơn vị gốc (mặc định: đơn vị của tài khoản)")

    def handle(self, *args: object, **options: str) -> None:
        user = acting_user(options["user"])
        output = options["output"]
        suffix = ".csv" if output == "-" else PurePath(output).suffix.lower()
        if suffix not in FORMATS:
            raise CommandError(f"Đuôi tệp “{suffix}” không hỗ trợ: dùng .csv, .xlsx hoặc .json.")
        root = scope_of(user)
        if root is None:
            raise CommandError(f"Tài khoản “{user.get_username()}” chưa gắn với đơn vị nào.")
        if options["unit"]:
            try:
                root = unit_for(user, options["unit"])
            except Unit.DoesNotExist as missing:
                raise CommandError(
                    f"Không có đơn vị “{options['unit']}” trong phạm vi của bạn."
                ) from missing
        units = queries.units_for_export(user, root)
        header = (*COLUMNS, "kind_name", "level")
        write_output(output, write_table(suffix, header, export_rows(units), title=root.code))
        if output != "-":
            self.stdout.write(f"Đã xuất {units.count()} đơn vị ra {output}.")
