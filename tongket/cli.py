"""The `tongket` command line: the project's own commands on top of Django's."""

import os
import sys

COMMANDS = {
    "demo": "tạo hoặc làm mới dữ liệu demo, in tài khoản demo, rồi chạy máy chủ",
    "serve": "chạy máy chủ web trên cơ sở dữ liệu đã cấu hình",
    "import": "nhập đơn vị… từ CSV, XLSX, JSON (toàn bộ hoặc không gì cả)",
    "export": "xuất đơn vị… ra CSV, XLSX, JSON trong phạm vi của tài khoản",
    "restructure": "ghi nhận thay đổi đơn vị (hợp nhất, chia tách…) từ JSON, XLSX (toàn bộ hoặc không)",
    "cite": "tìm các văn bản được dẫn trong tệp văn bản, .docx, .pdf",
    "dedup": "tìm các cặp văn bản gần trùng nhau",
    "review": "tạo báo cáo sơ kết/tổng kết của một đơn vị cho một giai đoạn",
    "dhis2": "trao đổi với DHIS2 bằng tệp: export, import, convert",
    "backup": "sao lưu cơ sở dữ liệu và tệp tải lên vào một tệp, kèm tổng kiểm tra",
    "restore": "khôi phục tệp sao lưu vào cơ sở dữ liệu trống, kiểm tra từng bảng",
    "worker": "xử lý tác vụ nền (tạo báo cáo…) khi chạy máy chủ với TONGKET_WORKERS=external",
    "manage": "chạy một lệnh quản trị của Django (migrate, createsuperuser, …)",
}


def _available() -> dict[str, str]:
    from django.core.management import get_commands

    known = get_commands()
    return {name: text for name, text in COMMANDS.items() if name == "manage" or name in known}


def _help() -> str:
    lines = ["Cách dùng: tongket LỆNH [tham số]", "", "Các lệnh:"]
    lines += [f"  {name:<11} {text}" for name, text in _available().items()]
    lines += ["", "tongket LỆNH --help để xem tham số của từng lệnh."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tongket.settings.demo")
    import django
    from django.core.management import execute_from_command_line

    django.setup()
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print(_help())
        return 0
    command, rest = args[0], args[1:]
    if command == "manage":
        execute_from_command_line(["tongket", *rest])
        return 0
    if command not in _available():
        print(
            f"tongket: không có lệnh “{command}”. Gõ tongket --help để xem các lệnh.",
            file=sys.stderr,
        )
        return 2
    execute_from_command_line(["tongket", command, *rest])
    return 0


if __name__ == "__main__":
    sys.exit(main())
