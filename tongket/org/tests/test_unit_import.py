import io
import json
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from tongket.lib.uploads import UploadError
from tongket.org.actions import ImportRejected, import_units_file
from tongket.org.models import Unit

HEADER = "code,name,kind,parent,valid_from,valid_to\n"


def csv_bytes(*lines: str) -> bytes:
    return (HEADER + "\n".join(lines) + "\n").encode()


def test_manager_imports_new_units_below_their_unit_in_any_row_order(people, tree):
    data = csv_bytes(
        "KM-TDP02-A,Chi bộ Tổ 2A,Chi bộ,KM-TDP02,2019-01-01,",
        "KM-TDP02,Chi bộ Tổ dân phố số 2,chi bo,HN-THANHXUAN-KHUONGMAI,01/01/2019,30/06/2025",
    )
    result = import_units_file(by=people.district, name="units.csv", data=data)
    assert (result.created, result.updated) == (2, 0)
    child = Unit.objects.get(code="KM-TDP02-A")
    assert child.parent.code == "KM-TDP02"
    assert tree.ward.contains(child) and child.level == tree.ward.level + 2


def test_bad_rows_are_all_reported_and_nothing_is_written(people, tree):
    before = Unit.objects.count()
    data = csv_bytes(
        "GOOD-1,Chi bộ tốt,Chi bộ,HN-THANHXUAN,,",
        "bad code!,Chi bộ,Chi bộ,HN-THANHXUAN,,",
        "GOOD-2,,Chi bộ,HN-THANHXUAN,,",
        "GOOD-3,Chi bộ ba,Hội đồng,HN-THANHXUAN,,",
        "GOOD-4,Chi bộ bốn,Chi bộ,NOWHERE,,",
        "GOOD-5,Chi bộ năm,Chi bộ,HN-THANHXUAN,2020-13-01,",
    )
    with pytest.raises(ImportRejected) as rejected:
        import_units_file(by=people.district, name="units.csv", data=data)
    located = {(error.line, error.column) for error in rejected.value.errors}
    assert located == {(3, "code"), (4, "name"), (5, "kind"), (6, "parent"), (7, "valid_from")}
    assert "Dòng 6, cột “parent”: đơn vị cấp trên “NOWHERE” không tồn tại" in [
        str(error) for error in rejected.value.errors
    ]
    assert Unit.objects.count() == before


def test_import_cannot_place_units_outside_the_subtree(people, tree):
    data = csv_bytes("Q1-NEW,Chi bộ mới,Chi bộ,HCM-QUAN1,,")
    with pytest.raises(ImportRejected) as rejected:
        import_units_file(by=people.district, name="units.csv", data=data)
    assert rejected.value.errors[0].column == "parent"
    assert not Unit.objects.filter(code="Q1-NEW").exists()


def test_import_cannot_rewrite_a_unit_outside_the_subtree(people, tree):
    data = csv_bytes("HCM-QUAN1-BENNGHE,Đổi tên,Đảng ủy phường,HN-THANHXUAN,,")
    with pytest.raises(ImportRejected):
        import_units_file(by=people.district, name="units.csv", data=data)
    assert Unit.objects.get(code="HCM-QUAN1-BENNGHE").name == "Đảng ủy phường Bến Nghé"


def test_reporters_cannot_import(people, tree):
    with pytest.raises(PermissionDenied):
        import_units_file(
            by=people.ward,
            name="u.csv",
            data=csv_bytes("X1,Chi bộ,Chi bộ,HN-THANHXUAN-KHUONGMAI,,"),
        )


def test_cycle_in_the_file_is_refused(people, tree):
    data = csv_bytes("A1,Chi bộ A,Chi bộ,B1,,", "B1,Chi bộ B,Chi bộ,A1,,")
    with pytest.raises(ImportRejected) as rejected:
        import_units_file(by=people.district, name="units.csv", data=data)
    assert "vòng lặp" in str(rejected.value.errors[0])
    assert not Unit.objects.filter(code__in=["A1", "B1"]).exists()


def test_moving_a_unit_moves_its_subtree(people, tree):
    data = csv_bytes(
        "HN-THANHXUAN-KHUONGMAI-TDP01,Chi bộ Tổ dân phố số 1,Chi bộ,HN-THANHXUAN,,",
    )
    import_units_file(by=people.city, name="u.csv", data=data)
    cell = Unit.objects.get(code="HN-THANHXUAN-KHUONGMAI-TDP01")
    assert cell.parent == tree.district and cell.level == tree.district.level + 1
    assert not Unit.objects.get(pk=tree.ward.pk).contains(cell)


def test_xlsx_import_reads_dates_and_names(people, tree):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Code", "Name", "Kind", "Parent", "Valid_from", "Valid_to"])
    sheet.append(
        ["KM-X", "Chi bộ Khu tập thể Khương Mai", "Chi bộ", "HN-THANHXUAN-KHUONGMAI", None, None]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_units_file(by=people.district, name="units.xlsx", data=buffer.getvalue())
    assert result.created == 1
    assert Unit.objects.get(code="KM-X").name == "Chi bộ Khu tập thể Khương Mai"


def test_json_import(people, tree):
    data = json.dumps(
        [{"code": "KM-J", "name": "Chi bộ J", "kind": "cell", "parent": "HN-THANHXUAN-KHUONGMAI"}]
    ).encode()
    assert import_units_file(by=people.district, name="u.json", data=data).created == 1


def test_old_tone_placement_in_names_is_normalised(people, tree):
    import_units_file(
        by=people.district,
        name="u.csv",
        data=csv_bytes("KM-H,Chi bộ Hoà Bình,Chi bộ,HN-THANHXUAN-KHUONGMAI,,"),
    )
    assert Unit.objects.get(code="KM-H").name == "Chi bộ Hòa Bình"


def test_zip_bomb_disguised_as_xlsx_is_refused(people, tree):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 50_000_000)
    with pytest.raises(UploadError, match="giải nén"):
        import_units_file(by=people.district, name="units.xlsx", data=buffer.getvalue())


def test_file_of_the_wrong_type_is_refused(people, tree):
    with pytest.raises(UploadError, match="không đúng loại"):
        import_units_file(by=people.district, name="units.exe", data=b"MZ...")
    with pytest.raises(UploadError, match=r"không phải tệp \.xlsx"):
        import_units_file(by=people.district, name="units.xlsx", data=b"code,name\n")


def test_missing_columns_are_named(people, tree):
    with pytest.raises(UploadError, match="kind"):
        import_units_file(by=people.district, name="u.csv", data=b"code,name\nA,B\n")


def test_xml_entity_expansion_is_refused(people, tree):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><worksheet>&lol2;</worksheet>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", bomb)
        archive.writestr("xl/workbook.xml", bomb)
    with pytest.raises(UploadError):
        import_units_file(by=people.district, name="units.xlsx", data=buffer.getvalue())


def test_superuser_without_a_unit_imports_the_first_tree(db):
    from tongket.org.tests.factories import UserFactory

    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    data = csv_bytes(
        "VN,Ban Chấp hành Trung ương Đảng,Trung ương,,,", "HN,Thành ủy Hà Nội,Thành ủy,VN,,"
    )
    assert import_units_file(by=root, name="u.csv", data=data).created == 2
    assert Unit.objects.get(code="HN").parent.code == "VN"
