import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from tongket.contests.bulk_import import ImportRejected, import_entries
from tongket.contests.models import EventKind
from tongket.contests.tests.test_texts import docx_bytes
from tongket.lib.tables import write_table
from tongket.lib.uploads import UploadError

HEADER = ["file", "title", "authors", "birth_years", "unit", "category"]


def table(rows, suffix=".xlsx"):  # type: ignore[no-untyped-def]
    return (f"danh-sach{suffix}", write_table(suffix, HEADER, rows))


def zipped(files):  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(name, data)
    return ("bai-du-thi.zip", buffer.getvalue())


def good_files():  # type: ignore[no-untyped-def]
    return [
        ("bai 1.docx", docx_bytes("Bài thứ nhất về niềm tin")),
        ("Bài hai.txt", "Bài thứ hai về lòng dân".encode()),
    ]


def good_rows(ward):  # type: ignore[no-untyped-def]
    return [
        ["bai 1.docx", "Niềm tin", "Nguyễn Văn An", "1950", ward.code, "Bài chính luận"],
        [
            "Bài hai.txt",
            "Lòng dân",
            "Trần Thị Bình; Lê Văn Cường",
            "1980; 1991",
            ward.code,
            "Bài phản bác",
        ],
    ]


def test_a_zip_with_its_spreadsheet_imports_every_entry(contest, tree, people):
    report = import_entries(
        by=people.ward,
        contest=contest,
        files=[zipped([*good_files(), table(good_rows(tree.ward))])],
    )
    assert report.imported == 2 and not report.rejected
    entries = list(contest.entries.order_by("sequence"))
    assert [e.title for e in entries] == ["Niềm tin", "Lòng dân"]
    assert [a.name for a in entries[1].author_list()] == ["Trần Thị Bình", "Lê Văn Cường"]
    assert entries[0].text.startswith("Bài thứ nhất về niềm tin\n")
    assert entries[0].events.get().kind == EventKind.IMPORTED


def test_loose_files_and_a_csv_table_import_too(contest, tree, people):
    report = import_entries(
        by=people.ward,
        contest=contest,
        files=good_files(),
        table=table(good_rows(tree.ward), ".csv"),
    )
    assert report.imported == 2


def test_one_bad_line_imports_nothing_and_every_problem_is_reported(contest, tree, people):
    rows = [
        *good_rows(tree.ward),
        ["thieu.docx", "Không có tệp", "Phạm Văn Dũng", "1970", tree.ward.code, ""],
        ["bai 1.docx", "Trùng tệp", "Phạm Văn Dũng", "1970", tree.ward.code, ""],
        ["ba.txt", "Lệch năm sinh", "A; B", "1970", tree.ward.code, ""],
        ["rong.txt", "Ngoài phạm vi", "Phạm Văn Dũng", "1970", tree.other_ward.code, ""],
    ]
    files = [*good_files(), ("rong.txt", b"noi dung"), ("ba.txt", b"ba"), ("thua.txt", b"thua")]
    with pytest.raises(ImportRejected) as rejected:
        import_entries(by=people.ward, contest=contest, files=files, table=table(rows))
    report = rejected.value.report
    assert [r.line for r in report.rejected] == [4, 5, 6, 7]
    reasons = [r.reason for r in report.rejected]
    assert "không có tệp" in reasons[0]
    assert "đã có ở dòng khác" in reasons[1]
    assert "2 tác giả nhưng 1 năm sinh" in reasons[2]
    assert "ngoài phạm vi" in reasons[3]
    assert report.ignored == ["thua.txt"]
    assert not contest.entries.exists()


def test_a_zip_bomb_is_refused_before_it_is_inflated(contest, tree, people):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bom.txt", b"0" * 50_000_000)
    with pytest.raises(UploadError, match="bất thường"):
        import_entries(
            by=people.ward,
            contest=contest,
            files=[("bom.zip", buffer.getvalue())],
            table=table(good_rows(tree.ward)),
        )
    assert not contest.entries.exists()


def test_a_docx_bomb_inside_an_honest_zip_is_a_rejected_line(contest, tree, people):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w/>" * 3_000_000)
    files = [zipped([("bai 1.docx", bomb.getvalue()), good_files()[1]])]
    with pytest.raises(ImportRejected) as rejected:
        import_entries(
            by=people.ward, contest=contest, files=files, table=table(good_rows(tree.ward))
        )
    assert rejected.value.report.rejected[0].line == 2
    assert "bất thường" in rejected.value.report.rejected[0].reason


def test_a_table_without_the_required_columns_is_refused(contest, people):
    bad = ("ds.csv", "file,title\nbai.txt,Tên\n".encode())
    with pytest.raises(UploadError, match="thiếu cột"):
        import_entries(by=people.ward, contest=contest, files=good_files(), table=bad)


def test_vietnamese_headers_are_accepted(contest, tree, people):
    header = ["Tệp", "Tên bài", "Tác giả", "Năm sinh", "Mã đơn vị", "Thể loại"]
    data = write_table(".csv", header, good_rows(tree.ward))
    report = import_entries(
        by=people.ward, contest=contest, files=good_files(), table=("ds.csv", data)
    )
    assert report.imported == 2


def test_the_template_imports_as_it_is(contest, tree, people):
    client = Client()
    client.force_login(people.ward)
    data = client.get(reverse("contests:import_template", args=[contest.pk])).content
    files = [("bai-1.docx", docx_bytes("Bài mẫu"))]
    report = import_entries(by=people.ward, contest=contest, files=files, table=("mau.xlsx", data))
    assert report.imported == 1


def test_the_import_page_answers_htmx_with_the_report(contest, tree, people):
    client = Client()
    client.force_login(people.ward)
    name, data = table(good_rows(tree.ward))
    files = [io.BytesIO(content) for _name, content in good_files()]
    for buffer, (file_name, _content) in zip(files, good_files(), strict=True):
        buffer.name = file_name
    upload = io.BytesIO(data)
    upload.name = name
    response = client.post(
        reverse("contests:entry_import", args=[contest.pk]),
        {"files": files, "table": upload},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Đã nhập 2 bài" in response.content.decode()
    assert "<html" not in response.content.decode()
