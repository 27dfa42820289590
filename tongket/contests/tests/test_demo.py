"""The demo contests: judging left for judge1–judge3, forwarding target, seed-style figures."""

import pytest
from django.contrib.auth import get_user_model

from tongket.contests.demo import DISTRICT, WARD, seed_contests
from tongket.contests.duplicates import duplicates_in, duplicates_of_earlier
from tongket.contests.models import Assignment, Contest
from tongket.contests.statistics import contest_statistics
from tongket.org.demo import seed_org


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        units = seed_org()
        users = {user.username: user for user in get_user_model().objects.all()}
        seed_contests(units, users, district_entries=60, earlier_entries=40)
        yield units
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def ward_contest(demo, db) -> Contest:  # type: ignore[no-untyped-def]
    return Contest.objects.get(unit__code=WARD)


def test_the_ward_final_is_left_for_the_judges(ward_contest):
    final = ward_contest.last_round()
    pending = Assignment.objects.filter(round=final, submitted_at__isnull=True)
    assert {a.judge.username for a in pending} == {"judge1", "judge3"}
    assert pending.filter(judge__username="judge1").count() == 12
    assert final.closed_at is None
    assert ward_contest.parent.unit.code == DISTRICT


def test_the_ward_contest_has_a_planted_pair_and_a_copy_of_an_earlier_year(ward_contest):
    within = duplicates_in(ward_contest)
    assert len(within) == 1 and 0.5 <= within[0].similarity < 1
    district = get_user_model().objects.get(username="district")
    earlier = duplicates_of_earlier(district, ward_contest)
    assert len(earlier) == 1 and earlier[0].b.contest.year == 2022


def test_the_district_contest_has_seed_style_figures(demo, db):
    contest = Contest.objects.get(unit__code=DISTRICT, year=2023)
    stats = contest_statistics(contest)
    assert stats.entries == 60
    assert stats.oldest and stats.youngest
    assert stats.oldest[1] == 95 and stats.youngest[1] == 20
    assert stats.units_expected == 50 and stats.units_taking_part == 44
    assert stats.group_entries > 0


def test_the_earlier_contest_is_finished_with_prizes(demo, db):
    contest = Contest.objects.get(unit__code=DISTRICT, year=2022)
    assert all(round.closed_at for round in contest.rounds.all())
    assert contest.prizes.filter(entry__isnull=False).count() == 11
    assert contest.prizes.filter(collective__isnull=False).count() == 2
