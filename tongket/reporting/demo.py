"""Plausible 2019–2023 figures for the demo tree, reproducing the seed report.

Deterministic (a fixed random seed). At the demo district, Quận ủy Thanh Xuân: 21 of
its 50 grassroots organisations with a communicator team, and 100% of key cadres
having studied the resolution. Its 5 training classes and 4 thematic conferences are
activity records (tongket/activities/demo.py), not typed figures. Khương Mai ward has not yet reported for 2023, so the
`ward` account has a report to enter and submit.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from tongket.core.periods import Period, PeriodType
from tongket.org.models import Unit
from tongket.programmes.models import Indicator
from tongket.reporting.models import DataValue, ReportForm, Source, Submission, SubmissionState

YEARS = range(2019, 2024)
TEAMS_BY_2023 = 21


class _Writer:
    """Collects values and submissions and writes them in bulk."""

    def __init__(
        self,
        indicators: dict[str, Indicator],
        forms: dict[str, ReportForm],
        entered_by: dict[int, User],
    ) -> None:
        self.indicators, self.forms, self.entered_by = indicators, forms, entered_by
        self.values: list[DataValue] = []
        self.submissions: list[Submission] = []

    def value(self, unit: Unit, code: str, period: Period, number: int, option: str = "") -> None:
        self.values.append(
            DataValue(
                unit=unit,
                indicator=self.indicators[code],
                option=option,
                period=period.id,
                period_start=period.start,
                period_end=period.end,
                value=str(number),
                numeric=Decimal(number),
                entered_by=self.entered_by.get(unit.pk),
                entered_at=_moment(period.end + timedelta(days=3 + unit.pk % 9)),
                source=Source.DEMO,
                form=self.forms[_FORM_OF[code]],
            )
        )

    def submitted(self, unit: Unit, form_code: str, period: Period, rng: random.Random) -> None:
        form = self.forms[form_code]
        due = form.due_date(period)
        late = rng.random() < 0.12
        submitted = (
            due + timedelta(days=rng.randint(1, 20))
            if late
            else due - timedelta(days=rng.randint(0, 8))
        )
        self.submissions.append(
            Submission(
                form=form,
                unit=unit,
                period=period.id,
                state=SubmissionState.APPROVED,
                submitted_at=_moment(submitted),
                submitted_by=self.entered_by.get(unit.pk),
                decided_at=_moment(submitted + timedelta(days=rng.randint(1, 6))),
            )
        )

    def save(self) -> int:
        DataValue.objects.bulk_create(self.values, batch_size=2000)
        Submission.objects.bulk_create(self.submissions, batch_size=2000)
        return len(self.values)


_FORM_OF = {
    "QT_THAMGIA": "TCCS_NAM",
    "CBCC_TONG": "TCCS_NAM",
    "CBCC_DAHOC": "TCCS_NAM",
    "CTV_CO": "TCCS_NAM",
    "TCCS_SO": "HUYEN_NAM",
    "TT_TINBAI": "TCCS_QUY",
}


def _moment(day) -> datetime:  # type: ignore[no-untyped-def]
    return timezone.make_aware(datetime.combine(day, time(9, 30)))


@transaction.atomic
def seed_values(
    *, district: Unit, ward: Unit, ward_user: User, ward_reported_2023: bool = False
) -> int:
    """The 2019–2023 figures; Khương Mai's 2023 report is left for the `ward` account
    in the 2024 scenario, and was handed in when the demo runs later."""
    rng = random.Random(2023)
    indicators = {i.code: i for i in Indicator.objects.all()}
    forms = {f.code: f for f in ReportForm.objects.all()}
    writer = _Writer(indicators, forms, {ward.pk: ward_user})
    grassroots_form = forms["TCCS_NAM"]
    units = [
        u
        for u in Unit.objects.filter(valid_to__isnull=False).order_by("path")
        if grassroots_form.is_assigned_to(u)
    ]
    in_district = [u for u in units if district.contains(u)]
    with_team = set(rng.sample([u.pk for u in in_district], TEAMS_BY_2023))
    for unit in units:
        _grassroots_years(
            writer,
            unit,
            rng,
            in_district=district.contains(unit),
            has_team=unit.pk in with_team,
            skip_2023=unit == ward and not ward_reported_2023,
        )
    for unit in in_district:
        _quarterly_posts(writer, unit, rng, skip_2023=unit == ward and not ward_reported_2023)
    for unit in Unit.objects.filter(kind__in=forms["HUYEN_NAM"].unit_kinds):
        _district_years(
            writer,
            unit,
            rng,
            grassroots=len(in_district) if unit == district else None,
        )
    return writer.save()


def _grassroots_years(
    writer: _Writer,
    unit: Unit,
    rng: random.Random,
    *,
    in_district: bool,
    has_team: bool,
    skip_2023: bool,
    years: range = YEARS,
) -> None:
    cadres = rng.randint(9, 25)
    team_from = rng.randint(2019, 2023) if has_team else None
    for year in years:
        if skip_2023 and year == 2023:
            continue
        period = Period.of(PeriodType.YEARLY, year)
        cadres = max(7, cadres + rng.choice([-1, 0, 0, 1]))
        studied = cadres if in_district or rng.random() < 0.8 else cadres - rng.randint(1, 2)
        writer.value(unit, "QT_THAMGIA", period, cadres + rng.randint(0, 4), "CBCC")
        writer.value(unit, "QT_THAMGIA", period, rng.randint(40, 420), "DV")
        writer.value(unit, "QT_THAMGIA", period, rng.randint(15, 160), "DOANVIEN")
        writer.value(unit, "CBCC_TONG", period, cadres)
        writer.value(unit, "CBCC_DAHOC", period, studied)
        has = team_from is not None and year >= team_from if in_district else rng.random() < 0.4
        writer.value(unit, "CTV_CO", period, int(has))
        writer.submitted(unit, "TCCS_NAM", period, rng)


def _quarterly_posts(writer: _Writer, unit: Unit, rng: random.Random, *, skip_2023: bool) -> None:
    base = rng.randint(3, 30)
    for year in YEARS:
        for quarter in range(1, 5):
            if skip_2023 and year == 2023 and quarter == 4:
                continue
            period = Period.of(PeriodType.QUARTERLY, year, quarter)
            writer.value(unit, "TT_TINBAI", period, base + rng.randint(0, 12) + (year - 2019) * 2)
            writer.submitted(unit, "TCCS_QUY", period, rng)


def _posts_in(writer: _Writer, unit: Unit, rng: random.Random, periods: list[Period]) -> None:
    base = rng.randint(8, 40)
    for period in periods:
        writer.value(
            unit, "TT_TINBAI", period, base + rng.randint(0, 12) + (period.start.year - 2019) * 2
        )
        writer.submitted(unit, "TCCS_QUY", period, rng)


@transaction.atomic
def seed_after_reform(
    *, district: Unit, ward: Unit, new_ward: Unit, ward_user: User, today: date
) -> int:
    """The years after the seed scenario, on the real date: the old units' 2024 and early
    2025 figures, then the new
    wards' from 2025Q3 — a yearly 2025 figure for the whole year, quarterly posts in the
    old district's area — up to the last ended quarter; the `ward` account's new ward
    leaves that last quarter to hand in. Returns the number of values."""
    rng = random.Random(2025)
    indicators = {i.code: i for i in Indicator.objects.all()}
    forms = {f.code: f for f in ReportForm.objects.all()}
    writer = _Writer(indicators, forms, {ward.pk: ward_user, new_ward.pk: ward_user})
    grassroots_form = forms["TCCS_NAM"]
    old = [
        u
        for u in Unit.objects.filter(valid_to=date(2025, 6, 30)).order_by("path")
        if grassroots_form.is_assigned_to(u)
    ]
    for unit in old:
        _grassroots_years(
            writer,
            unit,
            rng,
            in_district=district.contains(unit),
            has_team=rng.random() < 0.4,
            skip_2023=False,
            years=range(2024, 2025),
        )
    quarters = [Period.of(PeriodType.QUARTERLY, 2024, q) for q in range(1, 5)] + [
        Period.of(PeriodType.QUARTERLY, 2025, q) for q in (1, 2)
    ]
    for unit in old:
        if district.contains(unit):
            _posts_in(writer, unit, rng, quarters)
    for unit in Unit.objects.filter(
        kind__in=forms["HUYEN_NAM"].unit_kinds, valid_to=date(2025, 6, 30)
    ):
        _district_years_in(writer, unit, rng, [2024])
    new = [
        u
        for u in Unit.objects.filter(valid_from=date(2025, 7, 1)).order_by("path")
        if grassroots_form.is_assigned_to(u)
    ]
    from_district = set(
        Unit.objects.filter(
            predecessor_edges__predecessor__in=Unit.objects.within(district)
        ).values_list("pk", flat=True)
    )
    last = Period.containing(today, PeriodType.QUARTERLY).previous()
    recent = []
    period = Period.of(PeriodType.QUARTERLY, 2025, 3)
    while period.end <= last.end:
        recent.append(period)
        period = period.shift(1)
    years = range(2025, today.year)
    for unit in new:
        _grassroots_years(
            writer,
            unit,
            rng,
            in_district=unit.pk in from_district,
            has_team=rng.random() < 0.5,
            skip_2023=False,
            years=years,
        )
        if unit.pk in from_district:
            _posts_in(
                writer, unit, rng, [p for p in recent if not (unit == new_ward and p == last)]
            )
    return writer.save()


def _district_years_in(writer: _Writer, unit: Unit, rng: random.Random, years: list[int]) -> None:
    """Classes and conferences come from the activity register; the rest is typed."""
    for year in years:
        period = Period.of(PeriodType.YEARLY, year)
        writer.value(unit, "TCCS_SO", period, rng.randint(25, 70))
        writer.submitted(unit, "HUYEN_NAM", period, rng)


def _district_years(
    writer: _Writer, unit: Unit, rng: random.Random, *, grassroots: int | None
) -> None:
    """Training classes and thematic conferences come from the activity register."""
    organisations = grassroots or rng.randint(25, 70)
    for year in YEARS:
        period = Period.of(PeriodType.YEARLY, year)
        writer.value(unit, "TCCS_SO", period, organisations)
        writer.submitted(unit, "HUYEN_NAM", period, rng)
