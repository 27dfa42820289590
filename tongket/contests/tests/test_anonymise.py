import io
import zipfile

from docx import Document

from tongket.contests.anonymise import REDACTED, anonymise_docx, anonymise_text


def test_names_are_removed_whatever_the_case_accents_and_spacing():
    text = "Tôi là NGUYỄN  VĂN AN, cùng Nguyen Van An và nguyễn văn an viết bài."
    assert anonymise_text(text, ["Nguyễn Văn An"]) == (
        f"Tôi là {REDACTED}, cùng {REDACTED} và {REDACTED} viết bài."
    )


def test_a_given_name_alone_is_an_ordinary_word_and_stays():
    assert anonymise_text("Cuộc sống an bình.", ["Nguyễn Văn An"]) == "Cuộc sống an bình."


def test_longer_names_go_first_so_nothing_half_remains():
    text = "Trần Thị Bình và Lê Trần Thị Bình"
    assert anonymise_text(text, ["Trần Thị Bình", "Lê Trần Thị Bình"]) == (
        f"{REDACTED} và {REDACTED}"
    )


def test_author_lines_lose_their_value_even_with_another_spelling():
    text = "Tác giả: Ng. V. An – Chi bộ 3\nNăm sinh: 1958\nSố điện thoại: 0912 345 678\nNội dung."
    assert anonymise_text(text, ["Nguyễn Văn An"]).splitlines() == [
        f"Tác giả: {REDACTED}",
        f"Năm sinh: {REDACTED}",
        f"Số điện thoại: {REDACTED}",
        "Nội dung.",
    ]


def _docx(author: str) -> bytes:
    document = Document()
    properties = document.core_properties
    properties.author = properties.last_modified_by = author
    properties.title = f"Bài của {author}"
    properties.comments = f"Gửi bởi {author}"
    paragraph = document.add_paragraph("Người viết: ")
    family, rest = author.split(" ", 1)
    paragraph.add_run(family + " ")
    paragraph.add_run(rest).bold = True  # the name split across runs
    body = document.add_paragraph(f"Tôi, {author}, cho rằng niềm tin là sức mạnh.")
    document.add_comment(body.runs, text="Góp ý", author=author, initials="NVA")
    document.sections[0].header.paragraphs[0].text = f"{author} – Chi bộ số 1"
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = f"Ký tên: {author}"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_docx_copy_has_no_author_in_metadata_or_any_part():
    result = anonymise_docx(_docx("Nguyễn Văn An"), ["Nguyễn Văn An"])
    document = Document(io.BytesIO(result))
    assert document.core_properties.author == ""
    assert document.core_properties.last_modified_by == ""
    assert document.core_properties.comments == ""
    assert document.core_properties.title == f"Bài của {REDACTED}"
    with zipfile.ZipFile(io.BytesIO(result)) as archive:
        for name in archive.namelist():
            content = archive.read(name).decode("utf-8", "replace")
            assert "Văn An" not in content, name
            assert "NVA" not in content, name


def test_the_docx_copy_keeps_the_text():
    document = Document(io.BytesIO(anonymise_docx(_docx("Nguyễn Văn An"), ["Nguyễn Văn An"])))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[:2] == [
        f"Người viết: {REDACTED}",
        f"Tôi, {REDACTED}, cho rằng niềm tin là sức mạnh.",
    ]
    assert document.sections[0].header.paragraphs[0].text == f"{REDACTED} – Chi bộ số 1"
