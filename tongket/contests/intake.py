"""Receiving entries: one at a time with a receipt, or many from an import.

Every entry gets two numbers. The receipt number is sequential, for the register
and the person who handed the entry in; the code is random, because it is all
the judges see and must say nothing about who submitted when.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tongket.contests.access import access_to, submitting_units
from tongket.contests.dedup import Fingerprinter
from tongket.contests.models import (
    Author,
    Contest,
    Entry,
    EntryAuthor,
    EntryEvent,
    EntryFile,
    EntryFingerprint,
    EventKind,
)
from tongket.contests.texts import ENTRY_SUFFIXES, extract_text
from tongket.lib.uploads import UploadError, check_upload
from tongket.org.models import Unit
from tongket.vn.text import fold, normalize

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
OLDEST_AGE = 110
YOUNGEST_AGE = 6


class EntryRefused(ValueError):
    """An entry that cannot be received; the message says why, for the clerk."""


@dataclass(frozen=True)
class AuthorInput:
    name: str
    birth_year: int
    unit: Unit | None = None  # the submitting unit when not given


@dataclass(frozen=True)
class EntryInput:
    title: str
    submitting_unit: Unit
    authors: list[AuthorInput]
    category: str = ""
    text: str = ""
    file_name: str = ""
    file_data: bytes = b""


def author_key(name: str) -> str:
    return " ".join(fold(name).split())


def check_may_submit(by: User | None, contest: Contest, unit: Unit) -> None:
    if by is None:
        return
    if not access_to(by, contest).submit:
        raise PermissionDenied(_("Bạn không thể gửi bài vào cuộc thi này."))
    if not submitting_units(by, contest).filter(pk=unit.pk).exists():
        raise PermissionDenied(
            _("Đơn vị “%(unit)s” không thể gửi bài vào cuộc thi này.") % {"unit": unit.name}
        )


def prepared_text(contest: Contest, item: EntryInput) -> str:
    """The entry's text, from the form or else from its file; EntryRefused if unusable."""
    if not item.title.strip():
        raise EntryRefused(_("Thiếu tên bài."))
    if not item.authors:
        raise EntryRefused(_("Bài dự thi cần ít nhất một tác giả."))
    for author in item.authors:
        check_author(contest, author)
    if contest.categories and item.category not in contest.categories:
        raise EntryRefused(
            _("Thể loại “%(category)s” không có trong thể lệ (%(allowed)s).")
            % {"category": item.category, "allowed": ", ".join(contest.categories)}
        )
    text = normalize(item.text).strip()
    if item.file_data:
        try:
            upload = check_upload(
                item.file_name,
                item.file_data,
                allowed=ENTRY_SUFFIXES,
                max_bytes=settings.TONGKET_MAX_UPLOAD_BYTES,
            )
            text = text or extract_text(upload.name, upload.data)
        except UploadError as error:
            raise EntryRefused(str(error)) from error
    if not text:
        raise EntryRefused(_("Bài dự thi không có nội dung: dán văn bản hoặc gửi kèm tệp."))
    return text


def check_author(contest: Contest, author: AuthorInput) -> None:
    if not author.name.strip():
        raise EntryRefused(_("Thiếu họ tên tác giả."))
    age = contest.year - author.birth_year
    if not YOUNGEST_AGE <= age <= OLDEST_AGE:
        raise EntryRefused(
            _("Năm sinh %(year)s của tác giả %(name)s không hợp lệ.")
            % {"year": author.birth_year, "name": author.name}
        )
    if author.unit is not None and not contest.unit.contains(author.unit):
        raise EntryRefused(
            _("Đơn vị của tác giả %(name)s không thuộc phạm vi cuộc thi.") % {"name": author.name}
        )


@transaction.atomic
def submit_entry(
    *,
    by: User | None,
    contest: Contest,
    item: EntryInput,
    received_at: datetime | None = None,
    kind: str = EventKind.RECEIVED,
    code: str | None = None,
    fingerprinter: Fingerprinter | None = None,
) -> Entry:
    """Receive one entry; raises PermissionDenied or EntryRefused, writing nothing then."""
    check_may_submit(by, contest, item.submitting_unit)
    text = prepared_text(contest, item)
    return store_entry(
        by=by,
        contest=contest,
        item=item,
        text=text,
        received_at=received_at or timezone.now(),
        kind=kind,
        code=code,
        fingerprinter=fingerprinter,
    )


def store_entry(
    *,
    by: User | None,
    contest: Contest,
    item: EntryInput,
    text: str,
    received_at: datetime,
    kind: str,
    code: str | None = None,
    fingerprinter: Fingerprinter | None = None,
    forwarded_from: Entry | None = None,
    fingerprint: bytes | None = None,
    sequence: int | None = None,
) -> Entry:
    """Write a checked entry with its authors, file, fingerprint and first event.

    A batch passes ``sequence`` (from :func:`next_sequence`, taken once under its lock)
    rather than asking for the next number for each entry.
    """
    sequence = sequence or next_sequence(contest)
    entry = Entry.objects.create(
        contest=contest,
        code=code or new_code(contest),
        title=normalize(item.title).strip(),
        text=text,
        category=item.category,
        submitting_unit=item.submitting_unit,
        sequence=sequence,
        receipt_number=f"{sequence:04d}/{contest.year}",
        received_by=by,
        received_at=received_at,
        forwarded_from=forwarded_from,
    )
    for position, author in enumerate(item.authors, start=1):
        EntryAuthor.objects.create(
            entry=entry,
            author=_author(contest, author, item.submitting_unit),
            position=position,
        )
    if item.file_data:
        EntryFile.objects.create(entry=entry, name=item.file_name, data=item.file_data)
    if fingerprint is None:
        fingerprint = (fingerprinter or Fingerprinter()).fingerprint(text).to_bytes()
    EntryFingerprint.objects.create(entry=entry, data=fingerprint)
    EntryEvent.objects.create(
        entry=entry, at=received_at, by=by, kind=kind, contest_name=str(contest)
    )
    return entry


def next_sequence(contest: Contest) -> int:
    """The next receipt number, with the contest row locked against a parallel intake."""
    Contest.objects.select_for_update().filter(pk=contest.pk).first()
    last = contest.entries.aggregate(last=Max("sequence"))["last"]
    return (last or 0) + 1


def new_code(contest: Contest) -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not contest.entries.filter(code=code).exists():
            return code


def _author(contest: Contest, author: AuthorInput, default_unit: Unit) -> Author:
    """The contest's record of this person, shared by all their entries."""
    name = " ".join(normalize(author.name).split())
    record, _created = Author.objects.get_or_create(
        contest=contest,
        key=author_key(name),
        birth_year=author.birth_year,
        unit=author.unit or default_unit,
        defaults={"name": name},
    )
    return record
