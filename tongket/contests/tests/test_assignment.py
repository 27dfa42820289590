from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tongket.contests.assignment import plan_assignments


def loads(pairs):
    return Counter(judge for _entry, judge in pairs)


def test_each_entry_gets_k_distinct_judges():
    plan = plan_assignments(list(range(10)), ["a", "b", "c", "d"], 3)
    panels = Counter(entry for entry, _judge in plan.new)
    assert set(panels.values()) == {3}
    assert len(set(plan.new)) == len(plan.new)
    assert not plan.short


@settings(max_examples=60, deadline=None)
@given(entries=st.integers(0, 60), judges=st.integers(1, 9), k=st.integers(1, 4))
def test_without_conflicts_loads_differ_by_at_most_one(entries, judges, k):
    names = [f"j{n}" for n in range(judges)]
    plan = plan_assignments(list(range(entries)), names, k)
    load = loads(plan.new)
    counts = [load[name] for name in names]
    assert max(counts) - min(counts) <= 1
    assert len(plan.new) == entries * min(k, judges)


@settings(max_examples=60, deadline=None)
@given(
    entries=st.integers(1, 30),
    judges=st.integers(2, 6),
    k=st.integers(1, 3),
    banned=st.sets(st.tuples(st.integers(0, 29), st.integers(0, 5)), max_size=40),
)
def test_conflicts_are_never_assigned_and_shortfalls_are_reported(entries, judges, k, banned):
    plan = plan_assignments(list(range(entries)), list(range(judges)), k, conflicts=banned)
    assert not set(plan.new) & banned
    got = Counter(entry for entry, _judge in plan.new)
    for entry in range(entries):
        free = sum(1 for judge in range(judges) if (entry, judge) not in banned)
        assert got[entry] == min(k, free)
        assert plan.short.get(entry, 0) == k - got[entry]


def test_existing_assignments_are_kept_and_count_towards_the_load():
    plan = plan_assignments([1, 2], ["a", "b", "c"], 2, existing=[(1, "a"), (2, "a")])
    assert (1, "a") not in plan.new
    assert loads(plan.new) == {"b": 1, "c": 1}
    assert Counter(entry for entry, _judge in plan.new) == {1: 1, 2: 1}


def test_one_entry_can_be_replanned_alone_with_the_others_load_counted():
    existing = [(1, "a"), (2, "a"), (3, "b")]
    plan = plan_assignments([4], ["a", "b", "c"], 1, existing=existing)
    assert plan.new == [(4, "c")]


def test_panels_mix_rather_than_repeat_the_same_pair():
    plan = plan_assignments(list(range(6)), ["a", "b", "c", "d"], 2)
    pairs = Counter(
        tuple(sorted(judge for e, judge in plan.new if e == entry)) for entry in range(6)
    )
    assert len(pairs) >= 4


def test_k_must_be_positive():
    with pytest.raises(ValueError):
        plan_assignments([1], ["a"], 0)
