"""Fractional positions of cards within a column.

A card's position is a float; a card dropped between two others takes the
midpoint, so a move writes one row instead of renumbering the column (60 ms
at 50,000 cards versus 0.5 ms, see DESIGN.md). After many drops into the same
gap the floats get too close to split; then, rarely, the column is
renumbered with evenly spaced positions.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

#: Distance between neighbours after a renumbering and for cards appended.
POSITION_STEP = 1024.0

#: Below this gap a midpoint is no longer trusted to sit strictly between.
MIN_GAP = 1e-9


def position_between(before: float | None, after: float | None) -> float | None:
    """A position strictly between *before* and *after*, or None if there is no room.

    ``before`` is the position of the card that will precede the moved card
    (None at the top of a column), ``after`` the one that will follow it
    (None at the bottom).
    """
    if before is None and after is None:
        return POSITION_STEP
    if before is None:
        assert after is not None
        return after - POSITION_STEP
    if after is None:
        return before + POSITION_STEP
    if after - before <= MIN_GAP * max(1.0, abs(before), abs(after)):
        return None
    middle = before + (after - before) / 2
    if not before < middle < after:
        return None
    return middle


def evenly_spaced(count: int) -> list[float]:
    """Fresh positions for a column of *count* cards, in order."""
    return [POSITION_STEP * (index + 1) for index in range(count)]


def is_strictly_increasing(positions: Sequence[float]) -> bool:
    return all(a < b for a, b in pairwise(positions))
