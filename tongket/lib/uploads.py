"""Checks every uploaded file passes before anything parses it.

Spreadsheets and Word files are ZIP archives of XML: a small upload can expand to
gigabytes (a ZIP bomb) or carry XML entity tricks. We refuse both up front, with a
message a secretariat clerk can act on.
"""

import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePath, PurePosixPath

from django.utils.translation import gettext as _

# An OOXML file compresses well, but not a thousandfold.
MAX_COMPRESSION_RATIO = 100
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 10_000
# A DOCTYPE can only come before the root element; this much of a part holds it (a
# prolog padded past it still meets defused parsers: openpyxl with defusedxml, and
# python-docx, which does not resolve entities).
XML_PROLOG_BYTES = 64 * 1024

_SIGNATURES = {
    ".xlsx": b"PK\x03\x04",
    ".docx": b"PK\x03\x04",
    ".zip": b"PK\x03\x04",
    ".pdf": b"%PDF-",
}


class UploadError(ValueError):
    """An upload that cannot be accepted; the message is shown to the user as is."""


@dataclass(frozen=True)
class Upload:
    name: str
    suffix: str
    data: bytes


def check_upload(name: str, data: bytes, *, allowed: set[str], max_bytes: int) -> Upload:
    """Return the upload if its type, size and archive structure are acceptable."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in allowed:
        raise UploadError(
            _("Tệp “%(name)s” không đúng loại: chỉ nhận %(allowed)s.")
            % {"name": name, "allowed": ", ".join(sorted(allowed))}
        )
    if not data:
        raise UploadError(_("Tệp “%(name)s” trống.") % {"name": name})
    if len(data) > max_bytes:
        raise UploadError(
            _("Tệp “%(name)s” quá lớn (%(size)s MB; tối đa %(max)s MB).")
            % {"name": name, "size": _megabytes(len(data)), "max": _megabytes(max_bytes)}
        )
    signature = _SIGNATURES.get(suffix)
    if signature and not data.startswith(signature):
        raise UploadError(
            _("Tệp “%(name)s” không phải tệp %(suffix)s hợp lệ.") % {"name": name, "suffix": suffix}
        )
    if signature == b"PK\x03\x04":
        check_archive(name, data)
    if suffix in {".csv", ".txt"}:
        _check_text(name, data)
    return Upload(name=name, suffix=suffix, data=data)


def check_archive(name: str, data: bytes) -> None:
    """Refuse archives that are corrupt, too large once expanded, or suspiciously dense."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as error:
        raise UploadError(_("Tệp “%(name)s” bị hỏng, không đọc được.") % {"name": name}) from error
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise UploadError(_("Tệp “%(name)s” chứa quá nhiều thành phần.") % {"name": name})
    expanded = sum(member.file_size for member in members)
    compressed = sum(member.compress_size for member in members) or 1
    if expanded > MAX_UNCOMPRESSED_BYTES or expanded / compressed > MAX_COMPRESSION_RATIO:
        raise UploadError(
            _("Tệp “%(name)s” bị từ chối: dung lượng khi giải nén bất thường.") % {"name": name}
        )
    for member in members:
        if not _safe_member_name(member.filename):
            raise UploadError(
                _("Tệp “%(name)s” bị từ chối: chứa thành phần có tên không hợp lệ (%(member)s).")
                % {"name": name, "member": member.filename[:80]}
            )
    _check_xml_members(name, data, members)


def _safe_member_name(member: str) -> bool:
    """A name that stays inside the archive: no absolute path, drive, `..` or backslash."""
    if not member or "\x00" in member or "\\" in member or member.startswith("/"):
        return False
    parts = PurePosixPath(member).parts
    return ".." not in parts and not (parts and parts[0].endswith(":"))


def _check_xml_members(name: str, data: bytes, members: list[zipfile.ZipInfo]) -> None:
    """Refuse a document type declaration in any XML part.

    Office files never carry one; a DTD is how entity expansion (billion laughs) and
    external entities get in, and not every XML parser downstream is defused.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in members:
            if not member.filename.lower().endswith((".xml", ".rels", ".vml")):
                continue
            try:
                with archive.open(member) as stream:
                    head = stream.read(XML_PROLOG_BYTES)
            except (
                zipfile.BadZipFile,
                OSError,
                EOFError,
                NotImplementedError,
                zlib.error,
            ) as error:
                raise UploadError(
                    _("Tệp “%(name)s” bị hỏng, không đọc được.") % {"name": name}
                ) from error
            prolog = head.upper().replace(b"\x00", b"")  # UTF-16 parts too
            if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
                raise UploadError(
                    _("Tệp “%(name)s” bị từ chối: phần %(member)s khai báo DTD/thực thể XML.")
                    % {"name": name, "member": member.filename[:80]}
                )


def _check_text(name: str, data: bytes) -> None:
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UploadError(
            _("Tệp “%(name)s” không phải văn bản UTF-8 (dòng %(line)s).")
            % {"name": name, "line": data[: error.start].count(b"\n") + 1}
        ) from error


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")
