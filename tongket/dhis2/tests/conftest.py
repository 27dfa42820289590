import pytest

from tongket.programmes.demo import seed_programme


@pytest.fixture
def programme(tree, people):  # type: ignore[no-untyped-def]
    """The demo programme (forms TCCS_NAM, HUYEN_NAM, …) on the small test tree."""
    return seed_programme(tree.district)


@pytest.fixture
def indicator(programme):  # type: ignore[no-untyped-def]
    from tongket.programmes.models import Indicator

    return lambda code: Indicator.objects.get(code=code)
