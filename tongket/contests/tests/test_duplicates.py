import pytest
from django.test import Client
from django.urls import reverse

from tongket.contests.duplicates import duplicates_in, duplicates_of_earlier, side_by_side
from tongket.contests.results import forward_entry
from tongket.contests.tests.factories import ContestFactory, EntryFactory, essay_text


def copied(seed: int, keep: int, total: int = 120) -> str:
    """The first ``keep`` words of essay ``seed``, the rest new."""
    original = essay_text(seed, total).split(" ")
    return " ".join(original[:keep] + [f"mới{seed}x{i}" for i in range(total - keep)])


def test_a_near_copy_in_the_contest_is_one_pair(contest, tree):
    a = EntryFactory(contest=contest, unit=tree.cell, text=essay_text(1))
    b = EntryFactory(contest=contest, unit=tree.cell, text=copied(1, 100))
    EntryFactory(contest=contest, unit=tree.cell, text=essay_text(2))
    pairs = duplicates_in(contest)
    assert [(p.a, p.b) for p in pairs] == [(a, b)]
    assert pairs[0].similarity == pytest.approx(96 / 136)  # 116 shingles each, 96 shared


def test_earlier_years_are_checked_from_their_stored_fingerprints(contest, tree, people):
    earlier = ContestFactory(unit=tree.district, year=2022)
    old = EntryFactory(contest=earlier, unit=tree.ward, text=essay_text(5))
    new = EntryFactory(contest=contest, unit=tree.cell, text=copied(5, 110))
    pairs = duplicates_of_earlier(people.district, contest)
    assert [(p.a, p.b) for p in pairs] == [(new, old)]
    assert pairs[0].across_contests


def test_earlier_contests_outside_the_users_subtree_are_not_searched(contest, tree, people):
    elsewhere = ContestFactory(unit=tree.other_ward, year=2022)
    EntryFactory(contest=elsewhere, unit=tree.other_ward, text=essay_text(6))
    EntryFactory(contest=contest, unit=tree.cell, text=essay_text(6))
    assert duplicates_of_earlier(people.district, contest) == []


def test_later_years_are_not_earlier(contest, tree, people):
    later = ContestFactory(unit=tree.district, year=2024)
    EntryFactory(contest=later, unit=tree.ward, text=essay_text(8))
    EntryFactory(contest=contest, unit=tree.cell, text=essay_text(8))
    assert duplicates_of_earlier(people.district, contest) == []


def test_a_forwarded_copy_is_not_a_duplicate_of_its_source(contest, tree, people):
    parent = ContestFactory(unit=tree.district)
    entry = EntryFactory(contest=contest, unit=tree.cell, text=essay_text(9))
    forward_entry(by=None, entry=entry, target=parent)
    assert duplicates_of_earlier(people.district, parent) == []
    assert duplicates_of_earlier(people.district, contest) == []


def test_side_by_side_numbers_the_shared_passages_alike():
    a = "Mở đầu riêng. " + "một hai ba bốn năm sáu bảy tám" + " kết riêng a."
    b = "Khác hẳn ở đây. " + "một hai ba bốn năm sáu bảy tám" + " đuôi b."
    left, right, count = side_by_side(a, b)
    assert count == 1
    assert [s.text for s in left if s.passage] == ["một hai ba bốn năm sáu bảy tám"]
    assert [s.text for s in right if s.passage] == ["một hai ba bốn năm sáu bảy tám"]
    assert "".join(s.text for s in left) == a and "".join(s.text for s in right) == b


def test_the_pair_page_highlights_the_passages(contest, tree, people):
    a = EntryFactory(contest=contest, unit=tree.cell, text=essay_text(3))
    b = EntryFactory(contest=contest, unit=tree.cell, text=copied(3, 90))
    client = Client()
    client.force_login(people.district)
    listing = client.get(reverse("contests:duplicates", args=[contest.pk])).content.decode()
    assert reverse("contests:duplicate_pair", args=[contest.pk, a.pk, b.pk]) in listing
    page = client.get(
        reverse("contests:duplicate_pair", args=[contest.pk, a.pk, b.pk])
    ).content.decode()
    assert page.count('<mark class="shared"') == 2
    assert 'id="a-1"' in page and 'id="b-1"' in page
