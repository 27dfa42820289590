from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Chạy tiến trình xử lý tác vụ nền (tạo báo cáo…); dùng khi TONGKET_WORKERS=external."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval", type=float, default=1.0, help="giây chờ giữa hai lần hỏi hàng đợi"
        )
        parser.add_argument("--batch", action="store_true", help="xử lý hết hàng đợi rồi dừng")

    def handle(self, *args: object, **options: object) -> None:
        call_command(
            "db_worker",
            interval=options["interval"],
            batch=options["batch"],
            queue_name="*",
            verbosity=1,
        )
