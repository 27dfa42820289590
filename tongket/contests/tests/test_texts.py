import io

import pytest
from docx import Document

from tongket.contests.texts import extract_text, plain_text
from tongket.lib.uploads import UploadError


def docx_bytes(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Ô một", "Ô hai"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(text: str) -> bytes:
    """A one-page PDF with ``text`` in a standard font (ASCII only)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_docx_text_keeps_paragraphs_and_tables_in_order():
    text = extract_text("bai.docx", docx_bytes("Mở đầu", "Thân bài"))
    assert text.splitlines() == ["Mở đầu", "Thân bài", "Ô một\tÔ hai"]


def test_pdf_text_is_read():
    assert "Bao ve nen tang" in extract_text("bai.pdf", pdf_bytes("Bao ve nen tang"))


def test_txt_is_stored_as_nfc_with_unix_line_ends_but_read_as_is_for_offsets():
    data = "\ufeffHo\u0300a bi\u0300nh\r\n".encode()
    assert extract_text("bai.txt", data) == "Hòa bình"
    assert plain_text("bai.txt", data) == "Ho\u0300a bi\u0300nh\r\n"


def test_a_broken_docx_is_refused_with_a_message():
    with pytest.raises(UploadError, match="Không đọc được"):
        extract_text("bai.docx", b"PK\x03\x04 not really a zip")
