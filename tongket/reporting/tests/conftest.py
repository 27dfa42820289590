import pytest

from tongket.programmes.demo import seed_programme
from tongket.programmes.models import Indicator
from tongket.reporting.models import ReportForm


@pytest.fixture
def programme(tree, people):  # type: ignore[no-untyped-def]
    """The demo programme's indicators and forms on the small test tree."""
    return seed_programme(tree.district)


@pytest.fixture
def yearly_form(programme) -> ReportForm:  # type: ignore[no-untyped-def]
    return ReportForm.objects.get(code="TCCS_NAM")


@pytest.fixture
def indicator(programme):  # type: ignore[no-untyped-def]
    return lambda code: Indicator.objects.get(code=code)
