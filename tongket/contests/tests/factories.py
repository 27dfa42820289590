"""Factories that go through the real actions, so codes, receipts and fingerprints are right."""

import itertools
from decimal import Decimal

import factory

from tongket.contests.intake import AuthorInput, EntryInput, submit_entry
from tongket.contests.models import Contest, Entry
from tongket.contests.setup import CriterionSpec, RoundSpec, create_contest

RUBRIC = [
    CriterionSpec("Nội dung, tư tưởng", Decimal(40)),
    CriterionSpec("Lập luận", Decimal(30)),
    CriterionSpec("Sáng tạo", Decimal(20)),
    CriterionSpec("Hình thức", Decimal(10), Decimal(2)),
]
_words = itertools.count()


def essay_text(seed: int, words: int = 120) -> str:
    """A text whose shingles no other seed shares: numbered words never repeat."""
    return " ".join(f"từ{seed}x{index}" for index in range(words))


class ContestFactory(factory.Factory):
    class Meta:
        model = Contest

    unit = None
    name = factory.Sequence(lambda n: f"Cuộc thi viết số {n}")
    year = 2023
    rounds = factory.LazyFunction(
        lambda: [RoundSpec("Sơ khảo", 2, 2), RoundSpec("Chung khảo", None, 3)]
    )
    criteria = factory.LazyFunction(lambda: list(RUBRIC))
    categories = factory.LazyFunction(lambda: ["Bài chính luận", "Bài phản bác"])
    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        return create_contest(by=None, **kwargs)


class EntryFactory(factory.Factory):
    class Meta:
        model = Entry

    contest = None
    unit = None
    title = factory.Sequence(lambda n: f"Bài viết số {n}")
    authors = factory.LazyFunction(lambda: [AuthorInput("Nguyễn Văn An", 1960)])
    text = factory.LazyFunction(lambda: essay_text(next(_words)))
    category = "Bài chính luận"
    by = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        item = EntryInput(
            title=kwargs["title"],
            submitting_unit=kwargs["unit"],
            authors=kwargs["authors"],
            category=kwargs["category"],
            text=kwargs["text"],
            file_name=kwargs.get("file_name", ""),
            file_data=kwargs.get("file_data", b""),
        )
        return submit_entry(by=kwargs["by"], contest=kwargs["contest"], item=item)
