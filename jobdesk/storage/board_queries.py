"""The board's hot-path reads, as plain SQL over the covering indexes.

These run on every scroll and keystroke, so they read only the columns a
card shows, as tuples, through the (stage_id, position) and (archived,
stage_id, position) indexes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

#: What a card shows, in this order; the rejection columns make its badges.
CARD_SELECT = """
    SELECT a.id, a.stage_id, a.position, a.company, a.role, a.stage_entered_at,
           a.excitement, a.next_action_on, a.tags, a.archived,
           r.status, r.feedback_requested, r.feedback_received, r.feedback_follow_up_on
    FROM application AS a LEFT JOIN rejection AS r ON r.application_id = a.id
"""

#: What the filter searches, one line per field. A NUL typed into a field stays
#: in it: SQLite's replace() takes char(0) for an empty pattern and cannot
#: remove it, so services.board.stage_text looks for one (see stage_texts).
SEARCHED_TEXT = (
    "a.company || char(10) || a.role || char(10) || a.tags || char(10) || "
    "a.location || char(10) || a.notes"
)


#: "After the card at (position, id)", for keyset paging: the bare
#: ``position >= ?`` lets SQLite seek in the (stage, position) index to the
#: page; written only as ``position > ? OR (position = ? AND id > ?)`` it
#: scans the column from its first card for every page.
AFTER_CARD = "a.position >= ? AND (a.position > ? OR a.id > ?)"


#: A stage as the board needs it, in this order (see ``services.stages.StageRecord``).
STAGE_SELECT = """
    SELECT id, name, position, kind, color, soft_limit, hidden, collapsed FROM stage
"""


def stage_rows(connection: sqlite3.Connection, *, include_hidden: bool) -> list[tuple[Any, ...]]:
    """Every stage (or every shown one) in board order."""
    where = "" if include_hidden else "WHERE hidden = 0"
    return connection.execute(f"{STAGE_SELECT} {where} ORDER BY position").fetchall()


def count_rows(connection: sqlite3.Connection, *, include_archived: bool) -> list[tuple[int, int]]:
    """(stage id, applications) for every stage holding any, counted by SQLite."""
    where = "" if include_archived else "WHERE archived = 0"
    sql = f"SELECT stage_id, COUNT(*) FROM application {where} GROUP BY stage_id"  # noqa: S608 (constant fragments)
    return connection.execute(sql).fetchall()


def column_page(
    connection: sqlite3.Connection,
    *,
    stage_id: int,
    after: tuple[float, int] | None,
    limit: int,
    include_archived: bool,
) -> list[tuple[Any, ...]]:
    """Up to *limit* cards of a stage after the card at *after* = (position, id).

    None starts from the top. The id breaks ties, so even two cards that
    share a position (which only a damaged file has) are each read once.
    """
    conditions = ["a.stage_id = ?"]
    parameters: list[Any] = [stage_id]
    if not include_archived:
        conditions.append("a.archived = 0")
    if after is not None:
        conditions.append(AFTER_CARD)
        parameters.extend((after[0], after[0], after[1]))
    # Only constant fragments are formatted in; values are bound parameters.
    sql = f"{CARD_SELECT} WHERE {' AND '.join(conditions)} ORDER BY a.position, a.id LIMIT ?"
    return connection.execute(sql, (*parameters, limit)).fetchall()


def cards_by_id(connection: sqlite3.Connection, ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """The cards with these ids (any order; the caller orders them)."""
    if not ids:
        return []
    placeholders = ", ".join("?" for _ in ids)
    return connection.execute(
        f"{CARD_SELECT} WHERE a.id IN ({placeholders})", tuple(ids)
    ).fetchall()


def packed_stage_text(
    connection: sqlite3.Connection, *, stage_id: int, include_archived: bool, batch: int
) -> Iterator[tuple[list[int], str]]:
    """A stage's card ids in board order and their searchable texts, each ended by NUL.

    SQLite concatenates in C: one round trip per *batch* cards instead of one
    row per card keeps building the search text quick, and a batch at a time
    keeps it light. Each batch starts after the last card of the one before
    (keyset, as ``column_page``). Read inside one transaction, so that the
    batches fit together.
    """
    archived = "" if include_archived else "AND a.archived = 0"

    def batch_sql(after: str) -> str:  # only constant SQL fragments are formatted in
        return f"""SELECT group_concat(id), group_concat(text || char(0), ''), max(position)
            FROM (SELECT a.id AS id, a.position AS position, {SEARCHED_TEXT} AS text
                  FROM application AS a WHERE a.stage_id = ? {archived} {after}
                  ORDER BY a.position, a.id LIMIT ?)"""  # noqa: S608

    row = connection.execute(batch_sql(""), (stage_id, batch)).fetchone()
    later = batch_sql(f"AND {AFTER_CARD}")
    while row[0] is not None:
        ids_text, joined, last_position = row
        ids = [int(part) for part in ids_text.split(",")]
        yield ids, joined
        row = connection.execute(
            later, (stage_id, last_position, last_position, ids[-1], batch)
        ).fetchone()


def stage_texts(
    connection: sqlite3.Connection, *, stage_id: int, include_archived: bool
) -> list[tuple[int, str]]:
    """A stage's (card id, searchable text) rows in board order, one row per card."""
    archived = "" if include_archived else "AND a.archived = 0"
    return connection.execute(  # only constant SQL fragments are formatted in
        f"""SELECT a.id, {SEARCHED_TEXT} FROM application AS a
            WHERE a.stage_id = ? {archived} ORDER BY a.position, a.id""",  # noqa: S608
        (stage_id,),
    ).fetchall()
