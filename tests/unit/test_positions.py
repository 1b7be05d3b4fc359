"""Fractional positions: always strictly between, and honest when there is no room."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jobdesk.domain.positions import (
    POSITION_STEP,
    evenly_spaced,
    is_strictly_increasing,
    position_between,
)

finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@given(finite, finite)
def test_midpoint_is_strictly_between_or_none(a: float, b: float) -> None:
    low, high = min(a, b), max(a, b)
    result = position_between(low, high)
    if result is not None:
        assert low < result < high
    else:
        assert high - low <= 1e-9 * max(1.0, abs(low), abs(high))


@given(finite)
def test_ends_of_a_column(position: float) -> None:
    assert position_between(None, position) == position - POSITION_STEP
    assert position_between(position, None) == position + POSITION_STEP
    assert position_between(None, None) == POSITION_STEP


def test_repeated_drops_into_one_gap_eventually_ask_for_renumbering() -> None:
    low, high = 1024.0, 2048.0
    drops = 0
    while (middle := position_between(low, high)) is not None:
        high = middle
        drops += 1
    # Enough room for dozens of drops into the very same gap before a renumber.
    assert 25 <= drops <= 60


@given(st.integers(min_value=0, max_value=500))
def test_evenly_spaced_is_increasing(count: int) -> None:
    positions = evenly_spaced(count)
    assert len(positions) == count
    assert is_strictly_increasing(positions)
