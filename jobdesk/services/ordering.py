"""Fractional ordering of rows in a group (cards in a column, stages on the board).

Positions are unique within a group, so ``ORDER BY position`` is a total
order. Placing a row writes only that row, except on the rare occasion the
gap is too narrow to split; then the group is renumbered once, and the
caller is told so (views holding positions must re-read them, and undo must
not trust old positions: it places rows by their neighbours instead).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peewee import Expression

from jobdesk.domain.positions import evenly_spaced, position_between
from jobdesk.services.errors import NotFoundError
from jobdesk.storage.database import tuples


@dataclass(frozen=True, slots=True)
class Placement:
    position: float
    renumbered: bool  # the whole group got new positions to make room


def position_for(
    model: Any, group: Expression, *, before_id: int | None, moving_id: int | None
) -> Placement:
    """Where a row must go to sit just before *before_id* in *group* (or last if None).

    *moving_id* is the row being placed, ignored as a neighbour. Must run
    inside the caller's write transaction.
    """
    if before_id is not None and before_id == moving_id:
        raise ValueError("A row cannot be placed before itself.")
    position = _try_position(model, group, before_id=before_id, moving_id=moving_id)
    if position is not None:
        return Placement(position, renumbered=False)
    renumber(model, group)
    position = _try_position(model, group, before_id=before_id, moving_id=moving_id)
    if position is None:
        raise RuntimeError("Renumbering did not make room; positions are inconsistent.")
    return Placement(position, renumbered=True)


def follower_id(model: Any, group: Expression, *, row_id: int, position: float) -> int | None:
    """The row right after *row_id* in *group* (None if it is last): where undo puts it back."""
    rows = tuples(
        model.select(model.id)
        .where(
            group
            & (model.id != row_id)
            & ((model.position > position) | ((model.position == position) & (model.id > row_id)))
        )
        .order_by(model.position, model.id)
        .limit(1)
    )
    return int(rows[0][0]) if rows else None


def _highest_below(
    model: Any, group: Expression, limit: float | None, moving_id: int | None
) -> float | None:
    """The highest position in *group* below *limit* (or overall), skipping *moving_id*.

    Reads at most two index entries (the index on the group's position),
    so it costs the same in a column of ten cards or of fifty thousand.
    """
    query = model.select(model.id, model.position).where(group)
    if limit is not None:
        query = query.where(model.position < limit)
    for row_id, position in tuples(query.order_by(model.position.desc()).limit(2)):
        if row_id != moving_id:
            return float(position)
    return None


def _try_position(
    model: Any, group: Expression, *, before_id: int | None, moving_id: int | None
) -> float | None:
    if before_id is None:
        return position_between(_highest_below(model, group, None, moving_id), None)
    after = model.select(model.position).where(group & (model.id == before_id)).scalar()
    if after is None:
        raise NotFoundError(f"There is nothing with id {before_id} to place it before.")
    return position_between(_highest_below(model, group, after, moving_id), after)


def renumber(model: Any, group: Expression) -> None:
    """Give every row in *group* evenly spaced positions, keeping their order."""
    ids = [
        row_id
        for (row_id,) in tuples(
            model.select(model.id).where(group).order_by(model.position, model.id)
        )
    ]
    for row_id, position in zip(ids, evenly_spaced(len(ids)), strict=True):
        model.update(position=position).where(model.id == row_id).execute()
