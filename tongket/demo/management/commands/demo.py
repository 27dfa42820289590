from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from tongket.demo.build import build
from tongket.org.demo import DEMO_PASSWORD, demo_accounts
from tongket.org.management.commands.serve import serve
from tongket.org.models import Unit


class Command(BaseCommand):
    help = "Tạo hoặc làm mới cơ sở dữ liệu demo, in các tài khoản demo, rồi chạy máy chủ."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-serve", action="store_true", help="chỉ tạo dữ liệu, không chạy máy chủ"
        )
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args: object, **options: Any) -> None:
        self.stdout.write(f"Cơ sở dữ liệu: {connection.settings_dict['NAME']}")
        call_command("migrate", interactive=False, verbosity=0)
        if Unit.objects.exists():
            self.stdout.write("Xóa dữ liệu demo cũ…")
            call_command("flush", interactive=False, verbosity=0)
        units = build(self.stdout.write)
        self.stdout.write(f"\nTài khoản demo (mật khẩu chung: {DEMO_PASSWORD}):")
        for account in demo_accounts():
            self.stdout.write(
                f"  {account.username:<10} {account.role.label:<16} {units[account.unit_code].name}"
            )
        if not options["no_serve"]:
            serve(self.stdout, host=str(options["host"]), port=int(options["port"]))
