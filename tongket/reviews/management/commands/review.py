from datetime import date
from pathlib import PurePath
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tongket.core.periods import Window
from tongket.lib.commands import acting_user, write_output
from tongket.org.models import Role, Unit
from tongket.org.scope import can
from tongket.programmes.models import Programme
from tongket.reviews.generation import render
from tongket.reviews.models import Review, ReviewKind
from tongket.reviews.pdf_render import ConversionError

FORMATS = {".docx": "docx", ".pdf": "pdf", ".xlsx": "xlsx"}


class Command(BaseCommand):
    help = (
        "Tạo báo cáo sơ kết/tổng kết của một đơn vị cho một giai đoạn; định dạng theo đuôi tệp ra."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="mã đơn vị")
        parser.add_argument(
            "--window", required=True, help="giai đoạn, ví dụ 2019..2023 hoặc 2022Q1..2022Q3"
        )
        parser.add_argument("--style", choices=["party", "state"], default="party")
        parser.add_argument(
            "--kind", choices=[k.value for k in ReviewKind], default=ReviewKind.INTERIM.value
        )
        parser.add_argument("--programme", help="mã chương trình (mặc định: chương trình duy nhất)")
        parser.add_argument("--number", default="", help="số văn bản, ví dụ 115")
        parser.add_argument(
            "--date",
            type=date.fromisoformat,
            default=None,
            help="ngày ban hành, ví dụ 2023-07-04 (mặc định để trống)",
        )
        parser.add_argument("--signer", default="", help="họ tên người ký")
        parser.add_argument(
            "--user", help="tài khoản thực hiện; bỏ trống = quản trị máy chủ (toàn quyền)"
        )
        parser.add_argument("-o", "--output", required=True, help="tệp ra .docx, .pdf hoặc .xlsx")

    def handle(self, *args: object, **options: Any) -> None:
        fmt = FORMATS.get(PurePath(options["output"]).suffix.lower())
        if fmt is None:
            raise CommandError("Đuôi tệp ra phải là .docx, .pdf hoặc .xlsx.")
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None or (
            options["user"] and not can(acting_user(options["user"]), Role.VIEWER, unit)
        ):
            raise CommandError(f"Không có đơn vị “{options['unit']}” trong phạm vi của bạn.")
        try:
            window = Window.parse(options["window"]).id
        except ValueError as error:
            raise CommandError(str(error)) from error
        review = Review(
            unit=unit,
            programme=self._programme(options["programme"]),
            window=window,
            kind=options["kind"],
            style=options["style"],
            number=options["number"],
            issue_date=options["date"],
            signer=options["signer"],
        )
        try:
            data = render(review, fmt)
        except ConversionError as error:
            raise CommandError(str(error)) from error
        write_output(options["output"], data)
        self.stdout.write(f"Đã tạo {options['output']}.")

    def _programme(self, code: str | None) -> Programme:
        programmes = Programme.objects.filter(code=code) if code else Programme.objects.all()
        if programmes.count() != 1:
            raise CommandError(
                "Chọn chương trình bằng --programme MÃ."
                if programmes.count()
                else "Không có chương trình này."
            )
        return programmes.get()
