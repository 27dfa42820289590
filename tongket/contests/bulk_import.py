"""Importing many entries: files (loose or in a ZIP) and a spreadsheet describing them.

The spreadsheet has one line per entry: the file's name, the title, the authors and
their birth years (separated by ";"), the submitting unit's code and the category.
Everything is checked before anything is written, and the import is all or nothing:
with a single rejected line the clerk gets the list of every problem, by line and
file, and the contest is unchanged. Files that no line mentions are listed as
ignored but do not block the import.

Each file is checked like any upload (type, size, and for a DOCX its own archive
structure), a ZIP both as a whole and member by member, so that neither a ZIP bomb
nor a DOCX bomb inside an honest ZIP gets to the parsers.
"""

import contextlib
import io
import re
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tongket.contests.access import access_to, submitting_units
from tongket.contests.dedup import Fingerprinter
from tongket.contests.intake import (
    AuthorInput,
    EntryInput,
    EntryRefused,
    next_sequence,
    prepared_text,
    store_entry,
)
from tongket.contests.models import Contest, EventKind
from tongket.contests.texts import ENTRY_SUFFIXES
from tongket.lib.tables import Row, read_rows
from tongket.lib.uploads import MAX_UNCOMPRESSED_BYTES, UploadError, check_upload
from tongket.org.models import Unit
from tongket.vn.text import fold

TABLE_SUFFIXES = {".xlsx", ".csv"}
# Header names accepted for each column, compared without accents or case.
COLUMNS = {
    "file": ("file", "tep", "ten tep"),
    "title": ("title", "ten bai", "tieu de"),
    "authors": ("authors", "tac gia"),
    "birth_years": ("birth_years", "birth years", "nam sinh"),
    "unit": ("unit", "ma don vi", "don vi"),
    "category": ("category", "the loai"),
}
REQUIRED = ("file", "title", "authors", "birth_years", "unit")
_SEPARATORS = re.compile(r"[;\n]+")


@dataclass(frozen=True)
class Rejection:
    line: int | None
    file: str
    reason: str

    def __str__(self) -> str:
        where = _("dòng %(line)s") % {"line": self.line} if self.line else self.file
        return f"{where}: {self.reason}"


@dataclass
class ImportReport:
    imported: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


class ImportRejected(Exception):
    """Nothing was imported; ``report`` lists every problem."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(_("%(n)s dòng bị từ chối") % {"n": len(report.rejected)})
        self.report = report


def import_entries(
    *,
    by: User,
    contest: Contest,
    files: list[tuple[str, bytes]],
    table: tuple[str, bytes] | None = None,
) -> ImportReport:
    """Import the entries ``table`` describes from ``files`` (loose files and ZIPs).

    Raises UploadError when the table or an archive cannot be read at all, and
    ImportRejected when any line is wrong; nothing is written in either case.
    """
    if not access_to(by, contest).submit:
        raise PermissionDenied(_("Bạn không thể gửi bài vào cuộc thi này."))
    report = ImportReport()
    available, tables = _collect_files(files, report)
    if table is None:
        if len(tables) != 1:
            raise UploadError(
                _("Cần đúng một bảng danh sách bài (.xlsx hoặc .csv) kèm theo các tệp.")
            )
        table = tables[0]
    rows = _read_table(table)
    items = _check_rows(by, contest, rows, available, report)
    mentioned = {_key(_base_name(row.values.get("file", ""))) for row in rows}
    report.ignored += sorted(
        found.file if isinstance(found, Rejection) else found[0]
        for key, found in available.items()
        if key not in mentioned
    )
    if report.rejected:
        raise ImportRejected(report)
    fingerprinter = Fingerprinter()
    now = timezone.now()
    with transaction.atomic():
        first = next_sequence(contest)
        for offset, (item, text) in enumerate(items):
            store_entry(
                by=by,
                contest=contest,
                item=item,
                text=text,
                received_at=now,
                kind=EventKind.IMPORTED,
                fingerprinter=fingerprinter,
                sequence=first + offset,
            )
            report.imported += 1
    return report


def _collect_files(
    files: list[tuple[str, bytes]], report: ImportReport
) -> tuple[dict[str, tuple[str, bytes] | Rejection], list[tuple[str, bytes]]]:
    """Entry files by their normalised base name, and any tables found among them."""
    found: list[tuple[str, bytes | Rejection]] = []
    for name, data in files:
        if name.lower().endswith(".zip"):
            found += _unzip(name, data)
        else:
            found.append((_base_name(name), data))
    tables: list[tuple[str, bytes]] = []
    entries: list[tuple[str, bytes | Rejection]] = []
    for name, content in found:
        is_table = PurePosixPath(name).suffix.lower() in TABLE_SUFFIXES
        if is_table and isinstance(content, bytes):
            tables.append((name, content))
        elif not is_table:
            entries.append((name, content))
    counts = Counter(_key(name) for name, _content in entries)
    available: dict[str, tuple[str, bytes] | Rejection] = {}
    for name, content in entries:
        if counts[_key(name)] > 1:
            available[_key(name)] = Rejection(None, name, _("có nhiều tệp trùng tên này"))
        elif isinstance(content, Rejection):
            available[_key(name)] = content
        else:
            available[_key(name)] = _checked(name, content)
    return available, tables


def _checked(name: str, data: bytes) -> tuple[str, bytes] | Rejection:
    try:
        upload = check_upload(
            name, data, allowed=ENTRY_SUFFIXES, max_bytes=settings.TONGKET_MAX_UPLOAD_BYTES
        )
    except UploadError as error:
        return Rejection(None, name, str(error))
    return upload.name, upload.data


def _unzip(name: str, data: bytes) -> list[tuple[str, bytes | Rejection]]:
    """The archive's files (checked as a whole first); oversized ones are not inflated."""
    upload = check_upload(name, data, allowed={".zip"}, max_bytes=MAX_UNCOMPRESSED_BYTES)
    members: list[tuple[str, bytes | Rejection]] = []
    with zipfile.ZipFile(io.BytesIO(upload.data)) as archive:
        for info in archive.infolist():
            member = _member_name(info)
            base = PurePosixPath(member).name
            if info.is_dir() or member.startswith("__MACOSX/") or base.startswith((".", "~$")):
                continue
            if info.file_size > settings.TONGKET_MAX_UPLOAD_BYTES:
                members.append((base, Rejection(None, base, _("tệp quá lớn"))))
                continue
            members.append((base, archive.read(info)))
    return members


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's name, read as UTF-8 even from archivers that do not flag it."""
    name = info.filename
    if not info.flag_bits & 0x800:
        with contextlib.suppress(UnicodeError):
            name = name.encode("cp437").decode("utf-8")
    return unicodedata.normalize("NFC", name)


def _base_name(name: str) -> str:
    return unicodedata.normalize("NFC", PurePosixPath(name.replace("\\", "/")).name)


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip().casefold()


def _read_table(table: tuple[str, bytes]) -> list[Row]:
    upload = check_upload(
        table[0], table[1], allowed=TABLE_SUFFIXES, max_bytes=settings.TONGKET_MAX_UPLOAD_BYTES
    )
    rows = read_rows(upload.suffix, upload.data, required=())
    renamed = [Row(row.line, _renamed(row.values)) for row in rows]
    present = set().union(*(row.values for row in renamed)) if renamed else set()
    missing = [column for column in REQUIRED if column not in present]
    if missing or not renamed:
        raise UploadError(
            _("Bảng danh sách thiếu cột: %(columns)s.")
            % {"columns": ", ".join(missing or REQUIRED)}
        )
    return renamed


def _renamed(values: dict[str, str]) -> dict[str, str]:
    aliases = {alias: column for column, names in COLUMNS.items() for alias in names}
    return {
        aliases[fold(header).strip()]: value
        for header, value in values.items()
        if fold(header).strip() in aliases
    }


def _check_rows(
    by: User,
    contest: Contest,
    rows: list[Row],
    available: dict[str, tuple[str, bytes] | Rejection],
    report: ImportReport,
) -> list[tuple[EntryInput, str]]:
    units = {unit.code.upper(): unit for unit in submitting_units(by, contest)}
    items: list[tuple[EntryInput, str]] = []
    seen: set[str] = set()
    for row in rows:
        name = row.values.get("file", "").strip()
        try:
            item = _entry_input(row, units, available, seen)
            items.append((item, prepared_text(contest, item)))
        except EntryRefused as refused:
            report.rejected.append(Rejection(row.line, name, str(refused)))
    return items


def _entry_input(
    row: Row,
    units: dict[str, Unit],
    available: dict[str, tuple[str, bytes] | Rejection],
    seen: set[str],
) -> EntryInput:
    values = row.values
    name = values.get("file", "").strip()
    if not name:
        raise EntryRefused(_("thiếu tên tệp"))
    if _key(name) in seen:
        raise EntryRefused(_("tệp “%(name)s” đã có ở dòng khác") % {"name": name})
    seen.add(_key(name))
    found = available.get(_key(_base_name(name)))
    if found is None:
        raise EntryRefused(_("không có tệp “%(name)s” trong các tệp gửi lên") % {"name": name})
    if isinstance(found, Rejection):
        raise EntryRefused(found.reason)
    unit = units.get(values.get("unit", "").strip().upper())
    if unit is None:
        raise EntryRefused(
            _("mã đơn vị “%(code)s” không có hoặc ngoài phạm vi của bạn")
            % {"code": values.get("unit", "")}
        )
    return EntryInput(
        title=values.get("title", ""),
        submitting_unit=unit,
        authors=_authors(values.get("authors", ""), values.get("birth_years", "")),
        category=values.get("category", "").strip(),
        file_name=found[0],
        file_data=found[1],
    )


def _authors(names: str, years: str) -> list[AuthorInput]:
    people = [name.strip() for name in _SEPARATORS.split(names) if name.strip()]
    births = [year.strip() for year in re.split(r"[;,\n\s]+", years) if year.strip()]
    if len(people) != len(births):
        raise EntryRefused(
            _("có %(names)s tác giả nhưng %(years)s năm sinh")
            % {
                "names": len(people),
                "years": len(births),
            }
        )
    try:
        return [AuthorInput(name, int(year)) for name, year in zip(people, births, strict=True)]
    except ValueError as error:
        raise EntryRefused(_("năm sinh phải là số, ví dụ 1975")) from error
