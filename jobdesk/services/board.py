"""What the board reads: pages of cards, single cards, counts and search text."""

from __future__ import annotations

from collections.abc import Sequence

from peewee import SqliteDatabase

from jobdesk.domain.search import SEPARATOR, StageText
from jobdesk.services.applications import count_by_stage
from jobdesk.services.board_rows import PAGE_SIZE, Card, CardReader
from jobdesk.services.errors import NotFoundError
from jobdesk.storage import board_queries
from jobdesk.storage.database import live_connection, read_snapshot

#: Cards whose search text is read at a time. Small enough that SQLite's and
#: Python's buffers for a batch (50 kB) are reused rather than left behind:
#: at 50,000 applications 2,000-card batches left 4 MB more in the process.
TEXT_BATCH = 500


def card_reader(db: SqliteDatabase) -> CardReader:
    """A reader of *db*'s cards that reads nothing once the store is closed."""
    return CardReader(lambda: None if db.is_closed() else live_connection(db))


def column_page(
    db: SqliteDatabase,
    *,
    stage_id: int,
    after: tuple[float, int] | None = None,
    limit: int = PAGE_SIZE,
    include_archived: bool = False,
) -> list[Card]:
    """The next *limit* cards of a column, after the card at *after* = (position, id)."""
    return card_reader(db).page(
        stage_id=stage_id, after=after, limit=limit, include_archived=include_archived
    )


def cards_by_id(db: SqliteDatabase, *, ids: Sequence[int]) -> list[Card]:
    """The cards with *ids*, in the order of *ids* (missing ones are left out)."""
    return card_reader(db).by_id(ids)


def get_card(db: SqliteDatabase, *, application_id: int) -> Card:
    cards = cards_by_id(db, ids=[application_id])
    if not cards:
        raise NotFoundError(f"Application {application_id} does not exist.")
    return cards[0]


def board_counts(db: SqliteDatabase, *, include_archived: bool = False) -> dict[int, int]:
    """Cards per stage, straight from the database (never by loading cards)."""
    return count_by_stage(db, include_archived=include_archived)


def can_read_ahead(db: SqliteDatabase) -> bool:
    """Whether reading for later is safe now: the store is open and no write is under way.

    Inside a write transaction (an import lets events run while it inserts)
    this connection sees rows that may yet be rolled back.
    """
    return not db.is_closed() and not db.in_transaction()


def stage_text(db: SqliteDatabase, *, stage_id: int, include_archived: bool) -> StageText:
    """The searchable text of a stage's cards (company, role, tags, location, notes)."""
    connection = live_connection(db)
    packed = StageText()
    with read_snapshot(db):
        for ids, joined in board_queries.packed_stage_text(
            connection, stage_id=stage_id, include_archived=include_archived, batch=TEXT_BATCH
        ):
            if joined.count(SEPARATOR) != len(ids):
                # Someone typed a NUL (the separator) into a card: read card
                # by card, and pack() turns it into a space.
                rows = board_queries.stage_texts(
                    connection, stage_id=stage_id, include_archived=include_archived
                )
                return StageText.pack(rows)
            packed.extend(ids, joined)
    return packed
