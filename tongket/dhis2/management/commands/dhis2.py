"""`tongket dhis2 export|import|convert`: exchange with a DHIS2 instance as files."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tongket.dhis2.exchange import (
    ExchangeError,
    programme_metadata,
    programme_values,
    to_tongket_metadata,
    values_from_dhis2,
)
from tongket.dhis2.values import STRATEGIES, QueryError, import_value_set
from tongket.lib.commands import acting_user, read_input, write_output
from tongket.programmes.models import Programme


class Command(BaseCommand):
    help = (
        "Trao đổi với DHIS2 bằng tệp: export (metadata và số liệu của một chương trình), "
        "import (data value set của DHIS2), convert (metadata DHIS2 → metadata tongket)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        export = verbs.add_parser("export", help="metadata (và số liệu) theo định dạng DHIS2")
        export.add_argument("--programme", required=True)
        export.add_argument(
            "-o", "--output", required=True, help="tệp metadata .json (- là stdout)"
        )
        export.add_argument("--values", help="tệp data value set .json")
        export.add_argument("--user")
        load = verbs.add_parser("import", help="nhập data value set của DHIS2 (JSON)")
        load.add_argument("path", help="tệp data value set .json (- đọc stdin)")
        load.add_argument("--metadata", help="bản xuất metadata DHIS2 để đổi UID ra mã")
        load.add_argument("--strategy", default="CREATE_AND_UPDATE", choices=STRATEGIES)
        load.add_argument("--dry-run", action="store_true")
        load.add_argument("--user")
        convert = verbs.add_parser("convert", help="metadata DHIS2 → tệp metadata của tongket")
        convert.add_argument("path")
        convert.add_argument("--programme", required=True, help="mã chương trình trong tongket")
        convert.add_argument("--unit", required=True, help="mã đơn vị chủ trì")
        convert.add_argument("-o", "--output", required=True)

    def handle(self, *args: object, **options: Any) -> None:
        try:
            getattr(self, f"_{options['verb']}")(options)
        except (ExchangeError, QueryError) as error:
            raise CommandError(str(error)) from error

    def _export(self, options: dict[str, Any]) -> None:
        user = acting_user(options["user"])
        try:
            programme = Programme.objects.get(code=options["programme"])
        except Programme.DoesNotExist as missing:
            raise CommandError(f"Không có chương trình “{options['programme']}”.") from missing
        metadata = programme_metadata(user, programme)
        write_output(options["output"], _dumps(metadata))
        if options["values"]:
            values = programme_values(user, programme)
            write_output(options["values"], _dumps(values))
            self.stderr.write(
                f"Đã xuất {len(values['dataValues'])} giá trị ra {options['values']}."
            )
        self.stderr.write(
            f"Đã xuất {len(metadata['dataElements'])} chỉ tiêu, {len(metadata['dataSets'])} "
            f"biểu mẫu, {len(metadata['organisationUnits'])} đơn vị ra {options['output']}."
        )

    def _import(self, options: dict[str, Any]) -> None:
        user = acting_user(options["user"])
        data = _load(options["path"])
        metadata = _load(options["metadata"]) if options["metadata"] else None
        values = values_from_dhis2(data, metadata)
        result = import_value_set(
            by=user, values=values, strategy=options["strategy"], dry_run=options["dry_run"]
        )
        for conflict in result.conflicts:
            self.stderr.write(f"{conflict['object']}: {conflict['value']}")
        done = "Thử (không ghi)" if options["dry_run"] else "Đã nhập"
        self.stdout.write(
            f"{done}: {result.imported} mới, {result.updated} cập nhật, {result.deleted} xóa, "
            f"{result.ignored} bỏ qua, {len(result.conflicts)} xung đột."
        )
        if result.conflicts and not (result.imported or result.updated or result.deleted):
            raise CommandError("Không giá trị nào được nhập.")

    def _convert(self, options: dict[str, Any]) -> None:
        document = _load(options["path"])
        converted = to_tongket_metadata(
            document, programme=options["programme"], unit=options["unit"]
        )
        write_output(options["output"], _dumps(converted))
        self.stderr.write(
            f"Đã chuyển {len(converted['indicators'])} chỉ tiêu, {len(converted['forms'])} biểu "
            f"mẫu; nhập bằng: tongket import metadata {options['output']}"
        )


def _load(path: str) -> Any:
    name, data = read_input(path)
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise CommandError(f"{Path(name).name}: JSON không đọc được ({error}).") from error


def _dumps(document: Any) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode()
