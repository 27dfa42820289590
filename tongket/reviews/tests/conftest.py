from datetime import date
from decimal import Decimal

import pytest

from tongket.core.periods import Period, PeriodType
from tongket.programmes.demo import seed_programme
from tongket.programmes.models import Indicator
from tongket.reporting.models import DataValue
from tongket.reviews.models import Review


def _value(unit, code: str, year: int, number: int, option: str = "") -> None:  # type: ignore[no-untyped-def]
    period = Period.of(PeriodType.YEARLY, year)
    DataValue.objects.create(
        unit=unit,
        indicator=Indicator.objects.get(code=code),
        option=option,
        period=period.id,
        period_start=period.start,
        period_end=period.end,
        value=str(number),
        numeric=Decimal(number),
        entered_at="2024-01-05T09:00:00+07:00",
        source="demo",
    )


@pytest.fixture
def figures(tree, people):  # type: ignore[no-untyped-def]
    """The demo programme with a few years of figures at the district and a ward."""
    programme = seed_programme(tree.district)
    for year, classes in zip(range(2019, 2024), [1, 1, 0, 1, 2], strict=True):
        _value(tree.district, "LOP_TAPHUAN", year, classes)
        _value(tree.district, "HN_CHUYENDE", year, 1 if year != 2021 else 0)
        _value(tree.district, "TCCS_SO", year, 50)
        _value(tree.ward, "CBCC_TONG", year, 12)
        _value(tree.ward, "CBCC_DAHOC", year, 12)
        _value(tree.ward, "CTV_CO", year, 1 if year >= 2021 else 0)
        _value(tree.ward, "QT_THAMGIA", year, 40 + year - 2019, "DV")
    return programme


@pytest.fixture
def review_of(tree, figures):  # type: ignore[no-untyped-def]
    def make(style: str = "party") -> Review:
        return Review.objects.create(
            unit=tree.district,
            programme=figures,
            window="2019..2023",
            kind="interim",
            style=style,
            number="115" if style == "party" else "15",
            issue_date=date(2023, 7, 4),
            signer="Lê Văn Thành",
        )

    return make
