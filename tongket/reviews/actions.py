"""Functions that create reviews and ask for their files."""

from functools import partial

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max

from tongket.core.periods import Window
from tongket.org.models import Role, Unit
from tongket.org.scope import require
from tongket.programmes.models import Programme
from tongket.reviews.models import FileFormat, Review, ReviewFile
from tongket.reviews.profiles import STYLES


@transaction.atomic
def create_review(
    *,
    by: User,
    unit: Unit,
    programme: Programme,
    window: str,
    kind: str,
    style: str,
    **details: object,
) -> Review:
    """A review draft for a unit and window; managers of the unit (or above) write them."""
    require(by, Role.MANAGER, unit)
    parsed = Window.parse(window)
    if style not in STYLES:
        raise ValueError(f"Thể thức “{style}” không có: chọn party hoặc state.")
    return Review.objects.create(
        unit=unit,
        programme=programme,
        window=parsed.id,
        kind=kind,
        style=style,
        created_by=by,
        **details,
    )


@transaction.atomic
def update_review(
    *, by: User, review: Review, narratives: dict[str, str], **details: object
) -> Review:
    require(by, Role.MANAGER, review.unit)
    review.narratives = {key: text.strip() for key, text in narratives.items() if text.strip()}
    for name, value in details.items():
        setattr(review, name, value)
    review.save()
    return review


@transaction.atomic
def request_files(*, by: User, review: Review, formats: list[str]) -> list[ReviewFile]:
    """Queue a new version of the review in each format; a background task makes them."""
    from tongket.reviews.tasks import generate_review_file

    require(by, Role.MANAGER, review.unit)
    version = (review.files.aggregate(v=Max("version"))["v"] or 0) + 1
    files = [
        ReviewFile.objects.create(
            review=review, version=version, fmt=FileFormat(fmt), created_by=by
        )
        for fmt in formats
    ]
    for item in files:
        transaction.on_commit(partial(generate_review_file.enqueue, item.pk))
    return files
