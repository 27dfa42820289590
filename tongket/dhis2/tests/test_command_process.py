"""`tongket dhis2` as a user runs it: a separate process on the demo database."""

import json

from tongket.conftest import run


def test_tongket_dhis2_export_writes_the_demo_programme_for_a_dhis2_server(demo_var):
    result = run(
        ["dhis2", "export", "--programme", "NQ35", "-o", "-", "--user", "district"], demo_var
    )
    assert result.returncode == 0, result.stderr.decode()
    document = json.loads(result.stdout)
    assert {e["code"] for e in document["dataElements"]} >= {"CBCC_TONG", "QT_THAMGIA"}
    assert any(u["code"] == "HN-THANHXUAN" for u in document["organisationUnits"])


def test_tongket_dhis2_import_of_a_bad_file_is_one_line_and_nonzero(demo_var, tmp_path):
    bad = tmp_path / "values.json"
    bad.write_text("{not json")
    result = run(["dhis2", "import", str(bad), "--user", "district"], demo_var)
    assert result.returncode != 0
    assert len(result.stderr.decode().strip().splitlines()) == 1
