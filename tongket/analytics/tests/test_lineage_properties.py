"""Figures after random restructurings against a brute-force walk of the lineage."""

from itertools import count

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tongket.analytics.rollup import value_of
from tongket.analytics.tests.lineage_scenarios import (
    QUERY_DATES,
    apply,
    entries_of,
    histories,
    reference,
)
from tongket.analytics.tests.scenarios import (
    indicators_for_every_aggregation,
    options,
    rolled_back,
    spans,
    store,
)

_tags = count()
examples = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@examples
@given(history=histories(), span=spans, option=options, data=st.data())
def test_figures_follow_the_lineage_for_every_aggregation(db, history, span, option, data):
    day = data.draw(st.sampled_from(QUERY_DATES), label="day")
    with rolled_back():
        model = apply(history, str(next(_tags)))
        top = data.draw(st.integers(0, len(model.units) - 1), label="top")
        entries = entries_of(history, model)
        indicators = indicators_for_every_aggregation()
        for indicator in indicators.values():
            store(tuple(entries), model.units, indicator)
        for aggregation, indicator in indicators.items():
            expected = reference(aggregation, model, entries, top, span, option, day)
            got = value_of(indicator, model.units[top], span, option, on=day)
            assert got == expected, aggregation
