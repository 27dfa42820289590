"""The `tongket` command line, run as a user would run it: a separate process."""

import io

from openpyxl import load_workbook

from tongket.conftest import run


def test_help_lists_the_commands(demo_var):
    result = run(["--help"], demo_var)
    assert result.returncode == 0
    for command in ["demo", "serve", "import", "export"]:
        assert f"  {command} " in result.stdout.decode()


def test_demo_prints_the_accounts(demo_run):
    var, output = demo_run
    assert "tongket-demo" in output
    for account in ["admin", "city", "district", "ward", "otherward", "judge1", "judge2", "judge3"]:
        assert f"  {account} " in output
    assert (var / "tongket.sqlite3").exists()


def test_export_is_limited_to_the_users_subtree(demo_var, tmp_path):
    target = tmp_path / "units.xlsx"
    result = run(["export", "units", "--user", "district", "-o", str(target)], demo_var)
    assert result.returncode == 0, result.stderr.decode()
    rows = list(load_workbook(io.BytesIO(target.read_bytes())).active.iter_rows(values_only=True))
    codes = [row[0] for row in rows[1:]]
    assert codes[0] == "HN-THANHXUAN" and len(codes) == 60
    assert all(code.startswith("HN-THANHXUAN") for code in codes)


def test_export_of_a_unit_outside_the_subtree_fails_with_one_line(demo_var, tmp_path):
    target = tmp_path / "x.csv"
    result = run(
        ["export", "units", "--user", "ward", "--unit", "HCM", "-o", str(target)], demo_var
    )
    assert result.returncode != 0
    assert len(result.stderr.decode().strip().splitlines()) == 1
    assert not target.exists()


def test_import_with_a_bad_row_writes_nothing_and_says_where(demo_var):
    data = (
        "code,name,kind,parent\n"
        "KM-NEW1,Chi bộ mới,Chi bộ,HN-THANHXUAN-KHUONGMAI\n"
        "KM-NEW2,Chi bộ hai,Không rõ,HN-THANHXUAN-KHUONGMAI\n"
    ).encode()
    result = run(["import", "units", "-", "--user", "district"], demo_var, stdin=data)
    assert result.returncode != 0
    error = result.stderr.decode().strip()
    assert len(error.splitlines()) == 1 and "Dòng 3, cột “kind”" in error
    check = run(
        ["export", "units", "--user", "district", "--unit", "HN-THANHXUAN-KHUONGMAI", "-o", "-"],
        demo_var,
    )
    assert b"KM-NEW1" not in check.stdout


def test_import_then_export_round_trip(demo_var):
    data = (
        "code,name,kind,parent\nKM-RT,Chi bộ Khu tập thể,Chi bộ,HN-THANHXUAN-KHUONGMAI\n".encode()
    )
    assert run(["import", "units", "-", "--user", "district"], demo_var, stdin=data).returncode == 0
    check = run(["export", "units", "--user", "ward", "-o", "-"], demo_var)
    assert "KM-RT,Chi bộ Khu tập thể" in check.stdout.decode("utf-8-sig")


def test_unknown_command_is_refused(demo_var):
    result = run(["frobnicate"], demo_var)
    assert result.returncode == 2 and "frobnicate" in result.stderr.decode()


def test_command_without_user_explains_itself(demo_var):
    result = run(["export", "units", "-o", "-"], demo_var)
    assert result.returncode != 0 and "--user" in result.stderr.decode()


def test_values_export_carries_provenance_and_stays_in_the_subtree(demo_var, tmp_path):
    target = tmp_path / "values.xlsx"
    result = run(
        [
            "export",
            "values",
            "--user",
            "district",
            "--indicator",
            "LOP_TAPHUAN",
            "--period",
            "2019..2023",
            "-o",
            str(target),
        ],
        demo_var,
    )
    assert result.returncode == 0, result.stderr.decode()
    rows = list(load_workbook(io.BytesIO(target.read_bytes())).active.iter_rows(values_only=True))
    assert rows[0][:5] == ("unit", "indicator", "option", "period", "value")
    # Computed from the activity register: a year without a class stores no value.
    assert {row[0] for row in rows[1:]} == {"HN-THANHXUAN"}
    assert sum(int(row[4]) for row in rows[1:]) == 5


def test_values_import_is_all_or_nothing(demo_var):
    good = "HN-THANHXUAN-KHUONGMAI,TT_TINBAI,,2023Q4,9"
    bad = "HN-THANHXUAN-KHUONGMAI,TT_TINBAI,,2023Q5,9"
    data = f"unit,indicator,option,period,value\n{good}\n{bad}\n".encode()
    result = run(["import", "values", "-", "--user", "ward"], demo_var, stdin=data)
    assert result.returncode != 0 and "2023Q5" in result.stderr.decode()
    assert len(result.stderr.decode().strip().splitlines()) == 1
    data = f"unit,indicator,option,period,value\n{good}\n".encode()
    result = run(["import", "values", "-", "--user", "ward"], demo_var, stdin=data)
    assert result.returncode == 0 and "1 mới" in result.stdout.decode()
