"""Helpers for the hostile corpus: a snapshot of every table, bounds on time and memory."""

import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection

from tongket.lib.backup import models_to_copy

# Generous: a refused file is refused early; these catch a parser that expands a bomb.
MAX_SECONDS = 20.0
MAX_PEAK_BYTES = 96 * 1024 * 1024


def row_counts() -> dict[str, int]:
    """Rows in every table except sessions (a page visit may write one), in one query."""
    tables = [m._meta.db_table for m in models_to_copy() if m._meta.db_table != "django_session"]
    quote = connection.ops.quote_name
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))


def sample(files: list[Any]) -> list[Any]:
    """Every fourth file and every bomb: the pages share the parsers the commands test fully."""
    return [
        hostile
        for index, hostile in enumerate(files)
        if index % 4 == 0 or "bomb" in hostile.why or "members" in hostile.why
    ]


@dataclass
class Cost:
    seconds: float
    peak: int


@pytest.fixture
def measured() -> Iterator[Callable[[Callable[[], Any]], tuple[Any, Cost]]]:
    """Run a call under tracemalloc: its result (or exception) with time and peak memory."""
    tracemalloc.start()

    def run(call: Callable[[], Any]) -> tuple[Any, Cost]:
        tracemalloc.reset_peak()
        start = time.perf_counter()
        try:
            result: Any = call()
        except Exception as error:
            result = error
        seconds = time.perf_counter() - start
        return result, Cost(seconds, tracemalloc.get_traced_memory()[1])

    yield run
    tracemalloc.stop()


def assert_bounded(cost: Cost, what: str) -> None:
    assert cost.seconds < MAX_SECONDS, f"{what}: {cost.seconds:.1f} s"
    assert cost.peak < MAX_PEAK_BYTES, f"{what}: peak {cost.peak / 1e6:.0f} MB"
