"""The plain text of an entry's file (.txt, .docx, .pdf), for judging and dedup.

Callers pass bytes that ``check_upload`` accepted; what cannot be read still raises
``UploadError`` with a message for the clerk, never a library's traceback.
"""

import io
import logging
import unicodedata
import warnings
from pathlib import PurePath

from django.utils.translation import gettext as _

from tongket.lib.uploads import UploadError

ENTRY_SUFFIXES = {".txt", ".docx", ".pdf"}


def extract_text(name: str, data: bytes) -> str:
    """The text for storing with an entry: NFC, Unix line ends, no outer blank space."""
    text = plain_text(name, data)
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n")).strip()


def plain_text(name: str, data: bytes) -> str:
    """The text as the file holds it, so that offsets into it point into the file."""
    suffix = PurePath(name).suffix.lower()
    try:
        if suffix == ".txt":
            text = data.decode("utf-8-sig")
        elif suffix == ".docx":
            text = docx_text(data)
        elif suffix == ".pdf":
            text = pdf_text(data)
        else:
            raise UploadError(
                _("Tệp “%(name)s” không đúng loại: chỉ nhận %(allowed)s.")
                % {"name": name, "allowed": ", ".join(sorted(ENTRY_SUFFIXES))}
            )
    except UploadError:
        raise
    except Exception as error:  # python-docx and pypdf raise many types for broken files
        raise UploadError(_("Không đọc được nội dung tệp “%(name)s”.") % {"name": name}) from error
    return text


def docx_text(data: bytes) -> str:
    """Paragraphs and table cells of the body, in document order, one per line."""
    from docx import Document
    from docx.table import Table

    document = Document(io.BytesIO(data))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                lines.append("\t".join(cell.text for cell in row.cells))
        else:
            lines.append(block.text)
    return "\n".join(lines)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    # pypdf reports recoverable oddities of real-world PDFs as warnings and log
    # lines; the text is what matters here.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
