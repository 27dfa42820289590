from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tongket.lib.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Sao lưu toàn bộ cơ sở dữ liệu và tệp tải lên vào một tệp ZIP, kèm manifest "
        "(số dòng và tổng kiểm tra của từng bảng)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="tệp sao lưu sẽ ghi (.zip)")

    def handle(self, *args: object, **options: str) -> None:
        target = Path(options["file"])
        if not target.parent.is_dir():
            raise CommandError(f"Không có thư mục {target.parent}.")
        partial = target.with_name(f".{target.name}.partial")
        try:
            with partial.open("wb") as stream:
                manifest = backup(stream)
        except (BackupError, OSError) as error:
            partial.unlink(missing_ok=True)
            raise CommandError(" ".join(str(error).split())) from error
        partial.replace(target)
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(
            f"Đã sao lưu {len(manifest['tables'])} bảng, {rows} dòng, "
            f"{len(manifest['media'])} tệp tải lên vào {target}."
        )
