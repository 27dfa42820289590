"""Contest fixtures on the shared tree: a ward contest, three judges at a district committee."""

from dataclasses import dataclass

import pytest

from tongket.contests.models import Contest
from tongket.contests.setup import set_jury
from tongket.contests.tests.factories import ContestFactory
from tongket.org.models import Role, Unit, UnitKind
from tongket.org.tests.factories import UnitFactory, member

# The project's browser fixtures (Debian's Chromium through Playwright), reused as they are.
from tongket.tests.browser.conftest import (  # noqa: F401
    browser,
    page,
    pytest_runtest_makereport,
)


@dataclass
class Jury:
    committee: Unit
    judges: list  # type: ignore[type-arg]


@pytest.fixture
def jury(tree, people) -> Jury:  # type: ignore[no-untyped-def]
    committee = UnitFactory(
        code="HN-THANHXUAN-BCD35",
        name="Ban Chỉ đạo 35 Quận ủy Thanh Xuân",
        kind=UnitKind.STEERING_COMMITTEE,
        parent=tree.district,
    )
    judges = [member(committee, Role.VIEWER, f"judge{n}") for n in (2, 3)]
    return Jury(committee, [people.judge, *judges])


@pytest.fixture
def contest(tree) -> Contest:  # type: ignore[no-untyped-def]
    return ContestFactory(unit=tree.ward, name="Cuộc thi viết phường Khương Mai")


@pytest.fixture
def seated(contest, jury) -> Contest:  # type: ignore[no-untyped-def]
    """The ward contest with the three judges on both rounds' juries."""
    for round in contest.rounds.all():
        set_jury(by=None, round=round, judges=jury.judges)
    return contest
