"""What the board shows, read over a plain sqlite3 connection: stages, counts, cards.

Nothing here imports peewee. The window paints its first board from a
``BoardSnapshot`` while the store (peewee, migrations, services) is still
being opened, and the board's column models read their pages through a
``CardReader`` from then on.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from jobdesk.domain.cards import Badge, badges_for
from jobdesk.domain.dates import days_between, today
from jobdesk.domain.stages import StageKind, StageRecord
from jobdesk.storage import board_queries
from jobdesk.storage.read_only import read_only_connection
from jobdesk.storage.schema_version import LATEST_VERSION

#: Cards read per page as a column scrolls: a tall screen's worth (each new page
#: and each keystroke in the filter reads one page per column, so no more).
PAGE_SIZE = 24
#: The snapshot connection's page cache, in KiB.
SNAPSHOT_CACHE_KIB = 256

log = logging.getLogger(__name__)


class StoreClosedError(Exception):
    """A read was asked of a store that has been closed."""


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

    def days_in_stage(self, now: datetime) -> int:
        """Whole days since the card entered its stage, *now* in UTC."""
        return days_between(self.stage_entered_at, now)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def card_from_row(row: tuple[Any, ...], on: date) -> Card:
    """A card from a row of ``board_queries.CARD_SELECT``; badges as they stand *on* that day."""
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


def stage_record(row: tuple[Any, ...]) -> StageRecord:
    """A stage from a row of ``board_queries.STAGE_SELECT``."""
    stage_id, name, position, kind, color, soft_limit, hidden, collapsed = row
    return StageRecord(
        stage_id, name, position, StageKind(kind), color, soft_limit, bool(hidden), bool(collapsed)
    )


class CardReader:
    """Reads the board's cards through whichever connection *connection* returns.

    *connection* returns None once the store is closed: a closed window's
    views may still lay out once, and must then read nothing. A *first_look*
    reader reads a file whose check for damage may not have answered yet: a
    read error gives no cards (the check then says what is wrong).
    """

    def __init__(
        self, connection: Callable[[], sqlite3.Connection | None], *, first_look: bool = False
    ) -> None:
        self._connection = connection
        self._first_look = first_look
        #: Whether a first look met an error and read nothing where cards may be.
        self.read_failed = False

    def is_open(self) -> bool:
        return self._connection() is not None

    def _open_connection(self) -> sqlite3.Connection:
        connection = self._connection()
        if connection is None:
            raise StoreClosedError("The jobdesk data is closed.")
        return connection

    def page(
        self,
        *,
        stage_id: int,
        after: tuple[float, int] | None = None,
        limit: int = PAGE_SIZE,
        include_archived: bool = False,
    ) -> list[Card]:
        """The next *limit* cards of a column, after the card at *after* = (position, id)."""
        connection = self._open_connection()
        try:
            rows = board_queries.column_page(
                connection,
                stage_id=stage_id,
                after=after,
                limit=limit,
                include_archived=include_archived,
            )
            on = today()
            return [card_from_row(row, on) for row in rows]
        except (sqlite3.DatabaseError, ValueError) as error:
            return self._nothing_read(error)

    def by_id(self, ids: Sequence[int]) -> list[Card]:
        """The cards with *ids*, in the order of *ids* (missing ones are left out)."""
        connection = self._open_connection()
        try:
            on = today()
            rows = board_queries.cards_by_id(connection, ids)
            found = {row[0]: card_from_row(row, on) for row in rows}
        except (sqlite3.DatabaseError, ValueError) as error:
            return self._nothing_read(error)
        return [found[card_id] for card_id in ids if card_id in found]

    def _nothing_read(self, error: Exception) -> list[Card]:
        """No cards, for a first look at a damaged file; any other reader raises *error*."""
        if not self._first_look:
            raise error
        log.info("A first look read no cards: %s", error)
        self.read_failed = True
        return []


class BoardSnapshot:
    """The shown stages and their counts, and a reader for their cards, from a read-only look.

    What the window paints while the store is opened; ``close`` once the
    board reads through the store.
    """

    def __init__(
        self, connection: sqlite3.Connection, stages: list[StageRecord], counts: dict[int, int]
    ) -> None:
        self._connection: sqlite3.Connection | None = connection
        self.stages = stages
        self.counts = counts
        self.reader = CardReader(lambda: self._connection, first_look=True)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def read_board_snapshot(database: Path) -> BoardSnapshot | None:
    """A first look at the board in *database*, or None where only the full store will do.

    None for a missing or empty file, one at another schema version (it may
    need migrating, or be from a newer jobdesk), or any SQLite error: then
    opening the store does its work and says what is wrong. Read-only: this
    never writes to the file, and may come before the check for damage has
    answered: the store is opened only once it has.
    """
    try:
        if not database.exists() or database.stat().st_size == 0:
            return None
        connection = read_only_connection(database)
    except (OSError, sqlite3.Error) as error:
        log.info("No first look at %s: %s", database, error)
        return None
    try:
        # A short-lived connection: a small page cache (SQLite's default is
        # 2 MB; the OS caches the file anyway) keeps start-up memory down.
        connection.execute(f"PRAGMA cache_size = -{SNAPSHOT_CACHE_KIB}")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version != LATEST_VERSION:
            connection.close()
            return None
        # One read transaction: the stages and the counts agree with each other.
        connection.execute("BEGIN")
        try:
            rows = board_queries.stage_rows(connection, include_hidden=False)
            counts = dict(board_queries.count_rows(connection, include_archived=False))
        finally:
            connection.execute("COMMIT")
        stages = [stage_record(row) for row in rows]
    except (sqlite3.Error, ValueError) as error:  # ValueError: an unknown stage kind
        log.info("No first look at %s: %s", database, error)
        connection.close()
        return None
    return BoardSnapshot(connection, stages, counts)
