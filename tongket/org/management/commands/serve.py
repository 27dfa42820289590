from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser, OutputWrapper
from django.core.wsgi import get_wsgi_application

from tongket.lib.worker import start_inprocess_worker


def serve(stdout: OutputWrapper, *, host: str, port: int, threads: int = 8) -> None:
    """Serve the configured database with waitress; static files through WhiteNoise."""
    from waitress import serve as waitress_serve

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if start_inprocess_worker() is not None:
        stdout.write("Tác vụ nền (tạo báo cáo…) chạy trong cùng tiến trình.")
    stdout.write(f"\ntongket đang chạy tại http://{host}:{port}/  (Ctrl+C để dừng)\n")
    stdout.flush()
    waitress_serve(get_wsgi_application(), host=host, port=port, threads=threads, ident="tongket")


class Command(BaseCommand):
    help = "Chạy máy chủ web trên cơ sở dữ liệu đã cấu hình."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args: object, **options: Any) -> None:
        serve(
            self.stdout,
            host=str(options["host"]),
            port=int(options["port"]),
            threads=int(options["threads"]),
        )
