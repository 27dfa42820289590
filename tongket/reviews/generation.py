"""Making one review file: content from the data, then the format's renderer."""

import logging

from django.core.files.base import ContentFile
from django.utils import timezone

from tongket.reviews.content import build_content
from tongket.reviews.docx_render import render_docx
from tongket.reviews.issuers import issuer_for
from tongket.reviews.models import FileFormat, FileStatus, Review, ReviewFile
from tongket.reviews.pdf_render import docx_to_pdf
from tongket.reviews.profiles import load_profile
from tongket.reviews.xlsx_render import render_xlsx

logger = logging.getLogger(__name__)


def render(review: Review, fmt: str, progress=lambda percent: None) -> bytes:  # type: ignore[no-untyped-def]
    """The bytes of the review in a format; `progress` hears how far along it is."""
    content = build_content(review)
    progress(50)
    if fmt == FileFormat.XLSX:
        return render_xlsx(content)
    docx = render_docx(
        content, load_profile(review.style), issuer=issuer_for(review.unit, review.style)
    )
    progress(75)
    return docx if fmt == FileFormat.DOCX else docx_to_pdf(docx)


def generate(file_id: int) -> None:
    """Run by the background task: fill in the file row, reporting progress on the way."""
    item = ReviewFile.objects.select_related("review__unit", "review__programme").get(pk=file_id)
    _update(item, status=FileStatus.RUNNING, progress=10)
    try:
        data = render(
            item.review, item.fmt, progress=lambda percent: _update(item, progress=percent)
        )
    except Exception as error:  # the user sees the reason on the page; the log has the trace
        logger.exception("review file %s failed", file_id)
        _update(
            item, status=FileStatus.FAILED, message=str(error)[:500], finished_at=timezone.now()
        )
        return
    item.file.save(file_name(item), ContentFile(data), save=False)
    _update(
        item, status=FileStatus.DONE, progress=100, finished_at=timezone.now(), file=item.file.name
    )


def file_name(item: ReviewFile) -> str:
    review = item.review
    return f"bao-cao-{review.kind}-{review.unit.code}-{review.window.replace('..', '-')}-v{item.version}.{item.fmt}"


def _update(item: ReviewFile, **fields: object) -> None:
    ReviewFile.objects.filter(pk=item.pk).update(**fields)
    for name, value in fields.items():
        setattr(item, name, value)
