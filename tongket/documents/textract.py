"""Plain text out of the files documents arrive in: TXT, DOCX and PDF.

No Django import: the web upload and `tongket cite` read files the same way. Callers
run `tongket.lib.uploads.check_upload` first, which refuses wrong types, oversized
files and ZIP bombs before anything here parses them.

DOCX text keeps the document's order, paragraphs and tables interleaved, one line per
paragraph and per table cell paragraph: the official header of a Party or State
document is usually a two-column table ("QUẬN ỦY THANH XUÂN / Số 09-KH/QU" on the
left, "ĐẢNG CỘNG SẢN VIỆT NAM / Thanh Xuân, ngày …" on the right), and reading it row
by row puts the number right above its date, as the citation reader expects.
"""

import io
import logging
import unicodedata
from collections.abc import Iterator

MAX_PDF_PAGES = 2000

# pypdf logs every recoverable oddity of a real-world PDF as a warning; they are not
# the user's problem and would clutter `tongket cite`'s stderr.
logging.getLogger("pypdf").setLevel(logging.ERROR)


class TextError(ValueError):
    """A file whose text cannot be read; the message is meant for the person who sent it."""


def extract_text(suffix: str, data: bytes) -> str:
    """The text of a file of the given kind (".txt", ".docx" or ".pdf")."""
    if suffix == ".docx":
        return _docx_text(data)
    if suffix == ".pdf":
        return _pdf_text(data)
    if suffix == ".txt":
        return decode_text(data)
    raise TextError(f"Không đọc được tệp {suffix}: chỉ nhận .txt, .docx, .pdf.")


def decode_text(data: bytes) -> str:
    """UTF-8 text (a byte-order mark allowed), or an error that says where it breaks."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TextError(
            f"Tệp văn bản không phải UTF-8 (lỗi ở dòng {line}): hãy lưu lại với bảng mã UTF-8."
        ) from error


def clean_text(text: str) -> str:
    """Text as the register stores it: NFC, Unix line ends, no NUL (PostgreSQL refuses it)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return unicodedata.normalize("NFC", text)


def _docx_text(data: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        return "\n".join(_block_lines(document))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
        raise TextError(
            "Không đọc được tệp Word: tệp bị hỏng hoặc không phải .docx "
            "(tệp .doc cũ cần lưu lại thành .docx)."
        ) from error
    except Exception as error:  # lxml and zipfile raise their own types for broken parts
        raise TextError("Không đọc được tệp Word: nội dung bị hỏng.") from error


def _block_lines(container) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """Lines of a document body or table cell: paragraphs and tables in order."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            yield from _table_lines(block)
        else:
            yield block.text


def _table_lines(table) -> Iterator[str]:  # type: ignore[no-untyped-def]
    # A merged cell is returned once per grid column it spans. The set holds the XML
    # elements themselves: lxml keeps one proxy per element while it is referenced.
    seen: set[object] = set()
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            yield from _block_lines(cell)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise TextError("Tệp PDF có mật khẩu: hãy gửi bản không đặt mật khẩu.")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise TextError(f"Tệp PDF quá dài (trên {MAX_PDF_PAGES} trang).")
        pages = [page.extract_text() or "" for page in reader.pages]
    except TextError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise TextError("Không đọc được tệp PDF: tệp bị hỏng.") from error
    text = "\n".join(pages)
    if not text.strip():
        raise TextError(
            "Tệp PDF không có lớp chữ (có thể là bản chụp): hãy gửi bản Word hoặc PDF có chữ."
        )
    return text
