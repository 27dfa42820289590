"""The roll-up engine against a brute-force reading of random trees and values."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tongket.analytics.grid import OWN, TOTAL, rollup_grid
from tongket.analytics.rollup import value_of
from tongket.analytics.tests.scenarios import (
    SPANS,
    build_units,
    indicators_for_every_aggregation,
    options,
    reference_value,
    rolled_back,
    scenarios,
    spans,
    store,
)
from tongket.core.periods import parse_period_or_window

# The `db` fixture opens one transaction for the whole test; each example writes in a
# savepoint inside it and rolls it back (`rolled_back`), so sharing it is safe.
examples = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@examples
@given(scenario=scenarios(), span=spans, option=options, data=st.data())
def test_value_of_matches_brute_force_for_every_aggregation(db, scenario, span, option, data):
    top = data.draw(st.integers(min_value=0, max_value=scenario.size - 1), label="top")
    with rolled_back():
        units = build_units(scenario)
        indicators = indicators_for_every_aggregation()
        for indicator in indicators.values():
            store(scenario.entries, units, indicator)
        for aggregation, indicator in indicators.items():
            expected = reference_value(aggregation, scenario, top, span, option)
            assert value_of(indicator, units[top], span, option) == expected, aggregation


@examples
@given(scenario=scenarios(), option=options, data=st.data())
def test_every_grid_cell_equals_value_of(db, scenario, option, data):
    top = data.draw(st.integers(min_value=0, max_value=scenario.size - 1), label="top")
    chosen = data.draw(st.lists(st.sampled_from(SPANS), min_size=1, max_size=4, unique=True))
    columns = [parse_period_or_window(text) for text in chosen]
    with rolled_back():
        units = build_units(scenario)
        indicators = indicators_for_every_aggregation()
        for indicator in indicators.values():
            store(scenario.entries, units, indicator)
        parent = units[top]
        children = [u for u in units if u.parent_id == parent.pk]
        grid = rollup_grid(indicators.values(), parent, columns)
        for indicator in indicators.values():
            for span in columns:
                assert grid.value(indicator, TOTAL, span, option) == value_of(
                    indicator, parent, span, option
                )
                for child in children:
                    assert grid.value(indicator, child.pk, span, option) == value_of(
                        indicator, child, span, option
                    )


@examples
@given(scenario=scenarios(), span=spans)
def test_own_row_holds_only_the_values_stored_on_the_parent(db, scenario, span):
    with rolled_back():
        units = build_units(scenario)
        indicators = indicators_for_every_aggregation()
        for indicator in indicators.values():
            store(scenario.entries, units, indicator)
        root = units[0]
        own_entries = tuple(e for e in scenario.entries if e.unit == 0)
        grid = rollup_grid(indicators.values(), root, [span])
        leaf_scenario = type(scenario)(parents=(), entries=own_entries)
        for aggregation, indicator in indicators.items():
            expected = reference_value(aggregation, leaf_scenario, 0, span, None)
            assert grid.value(indicator, OWN, span) == expected, aggregation
