"""Fixtures for the register: the demo programme on the small test tree."""

from datetime import date

import pytest

from tongket.activities.actions import ActivityInput, Count, record_activity
from tongket.programmes.demo import seed_programme

# The browser fixtures for test_browser_journey.py, and the hook that lets `page` save a
# screenshot when a test fails.
from tongket.tests.browser.conftest import (  # noqa: F401
    browser,
    page,
    pytest_runtest_makereport,
)


@pytest.fixture
def programme(tree, people):  # type: ignore[no-untyped-def]
    return seed_programme(tree.district)


@pytest.fixture
def record(programme):  # type: ignore[no-untyped-def]
    """record(user, unit, kind, day, CBCC=(count, target)…) through the real action."""

    def make(user, unit, kind="training", day=date(2023, 5, 10), title="Lớp tập huấn", **groups):  # type: ignore[no-untyped-def]
        participants = {
            group: Count(*(value if isinstance(value, tuple) else (value, None)))
            for group, value in groups.items()
        }
        return record_activity(
            by=user,
            data=ActivityInput(
                organiser=unit, kind=kind, title=title, date=day, participants=participants
            ),
        )

    return make
