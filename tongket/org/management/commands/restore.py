from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from tongket.lib.backup import BackupError, open_archive, restore


class Command(BaseCommand):
    help = (
        "Khôi phục một tệp sao lưu vào cơ sở dữ liệu trống và kiểm tra tổng kiểm tra "
        "của từng bảng; không khớp thì huỷ toàn bộ."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="tệp sao lưu do tongket backup tạo")
        parser.add_argument(
            "--force",
            action="store_true",
            help="xoá toàn bộ dữ liệu hiện có trước khi khôi phục",
        )

    def handle(self, *args: object, **options: object) -> None:
        try:
            archive = open_archive(str(options["file"]))
            call_command("migrate", interactive=False, verbosity=0)
            with archive:
                manifest = restore(archive, force=bool(options["force"]))
        except (BackupError, DatabaseError, OSError) as error:
            raise CommandError(" ".join(str(error).split())) from error
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(
            f"Đã khôi phục và kiểm tra {len(manifest['tables'])} bảng, {rows} dòng, "
            f"{len(manifest['media'])} tệp tải lên."
        )
