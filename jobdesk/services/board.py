"""What the board reads: pages of cards, single cards, counts and search text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from peewee import SqliteDatabase

from jobdesk.domain.cards import Badge, badges_for
from jobdesk.domain.dates import today
from jobdesk.domain.search import StageText
from jobdesk.services.applications import count_by_stage
from jobdesk.services.errors import NotFoundError
from jobdesk.storage import board_queries
from jobdesk.storage.database import live_connection

#: Cards read per page as a column scrolls.
PAGE_SIZE = 50


@dataclass(slots=True)
class Card:
    """One card as the board shows it."""

    id: int
    stage_id: int
    position: float
    company: str
    role: str
    stage_entered_at: datetime
    excitement: int
    next_action_on: date | None
    tags: str
    archived: bool
    badges: Badge


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _card(row: tuple[Any, ...], on: date) -> Card:
    (
        card_id,
        stage_id,
        position,
        company,
        role,
        entered,
        excitement,
        next_on,
        tags,
        archived,
        status,
        requested,
        received,
        follow_up,
    ) = row
    return Card(
        id=card_id,
        stage_id=stage_id,
        position=position,
        company=company,
        role=role,
        stage_entered_at=datetime.fromisoformat(entered),
        excitement=excitement,
        next_action_on=_date(next_on),
        tags=tags,
        archived=bool(archived),
        badges=badges_for(
            rejection_status=status,
            feedback_requested=bool(requested),
            feedback_received=received or "",
            follow_up_on=_date(follow_up),
            today=on,
        ),
    )


def column_page(
    db: SqliteDatabase,
    *,
    stage_id: int,
    after: tuple[float, int] | None = None,
    limit: int = PAGE_SIZE,
    include_archived: bool = False,
) -> list[Card]:
    """The next *limit* cards of a column, after the card at *after* = (position, id)."""
    rows = board_queries.column_page(
        live_connection(db),
        stage_id=stage_id,
        after=after,
        limit=limit,
        include_archived=include_archived,
    )
    on = today()
    return [_card(row, on) for row in rows]


def cards_by_id(db: SqliteDatabase, *, ids: Sequence[int]) -> list[Card]:
    """The cards with *ids*, in the order of *ids* (missing ones are left out)."""
    on = today()
    found = {row[0]: _card(row, on) for row in board_queries.cards_by_id(live_connection(db), ids)}
    return [found[card_id] for card_id in ids if card_id in found]


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
    ids, joined = board_queries.packed_stage_text(
        live_connection(db), stage_id=stage_id, include_archived=include_archived
    )
    return StageText(ids, joined)
