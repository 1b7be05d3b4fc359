"""The cards of one stage, fetched a page at a time as the column scrolls.

Unfiltered, pages are read by position (keyset paging: each page starts
after the last card read), so a column of 15,000 cards costs no more to open
than one of 15. Filtered, the board hands over the matching ids in board
order and pages are read by id.

Signals:
    cardDropped(application_id, from_stage_id, to_stage_id, before_id):
        a card was dropped here; before_id is 0 for "at the end".
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from jobdesk.domain.cards import badge_labels
from jobdesk.domain.dates import utc_now
from jobdesk.domain.stages import StageRecord
from jobdesk.services.board_rows import PAGE_SIZE, Card, CardReader
from jobdesk.ui.board import roles
from jobdesk.ui.board.mime import CARD_MIME_TYPE, card_mime_data, read_card
from jobdesk.ui.plain_text import plain_tooltip

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()


class StageColumnModel(QAbstractListModel):
    """The cards of one stage in board order."""

    cardDropped = Signal(int, int, int, int)

    def __init__(
        self,
        reader: CardReader,
        stage: StageRecord,
        *,
        include_archived: bool = False,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        self.stage = stage
        self.include_archived = include_archived
        self._cards: list[Card] = []
        self._filter_ids: list[int] | None = None
        self._exhausted = False
        self._fetching = False
        self.total = 0  # cards in the stage (set by the board from database counts)
        self.matching: int | None = None  # cards matching the filter, if one is set

    # -- reading ---------------------------------------------------------------

    def set_reader(self, reader: CardReader) -> None:
        """Read later pages through *reader* (the store's, once it is open)."""
        self._reader = reader

    def show_all(self, *, keep_loaded: bool = False) -> None:
        """Drop any filter and start again from the top of the column.

        With *keep_loaded*, rows already shown that are the column's first
        page stay as they are (see ``show_only``).
        """
        first_page = self._reader.page(
            stage_id=self.stage.id, after=None, include_archived=self.include_archived
        )
        keep = keep_loaded and _same_cards(self._cards, first_page)
        if not keep:
            self.beginResetModel()
            self._cards = first_page
        self._filter_ids = None
        self.matching = None
        self._exhausted = len(first_page) < PAGE_SIZE
        if not keep:
            self.endResetModel()

    def show_only(self, ids: list[int], *, keep_loaded: bool = False) -> None:
        """Show just the cards with *ids* (already in board order).

        With *keep_loaded*, when the rows already shown are the first of
        *ids*, they stay and the views repaint nothing: the first letter
        typed into the filter often matches every card in sight. Only for
        rows known to be current (not after a change to a card).
        """
        if keep_loaded and _is_prefix([card.id for card in self._cards], ids):
            self._filter_ids = ids
            self.matching = len(ids)
            self._exhausted = len(self._cards) >= len(ids)
            return
        self.beginResetModel()
        self._filter_ids = ids
        self.matching = len(ids)
        self._restart()
        self.endResetModel()

    def _restart(self) -> None:
        self._cards = []
        self._exhausted = False
        self._cards = self._read_page()

    def _read_page(self) -> list[Card]:
        if self._filter_ids is not None:
            start = len(self._cards)
            page = self._reader.by_id(self._filter_ids[start : start + PAGE_SIZE])
            self._exhausted = start + PAGE_SIZE >= len(self._filter_ids)
            return page
        last = self._cards[-1] if self._cards else None
        page = self._reader.page(
            stage_id=self.stage.id,
            after=(last.position, last.id) if last else None,
            include_archived=self.include_archived,
        )
        self._exhausted = len(page) < PAGE_SIZE
        return page

    def canFetchMore(self, parent: _Index = _NO_PARENT) -> bool:
        # A closed window's views may still lay out once after its store closed.
        return not parent.isValid() and not self._exhausted and self._reader.is_open()

    def fetchMore(self, parent: _Index = _NO_PARENT) -> None:
        # A view may ask for more from inside endInsertRows (its rowsInserted
        # slot runs first); nesting one insertion in another breaks every view.
        if not self.canFetchMore(parent) or self._fetching:
            return
        self._fetching = True
        try:
            page = self._read_page()
            if page:
                first = len(self._cards)
                self.beginInsertRows(_NO_PARENT, first, first + len(page) - 1)
                self._cards.extend(page)
                self.endInsertRows()
        finally:
            self._fetching = False

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._cards)

    def card_at(self, row: int) -> Card | None:
        return self._cards[row] if 0 <= row < len(self._cards) else None

    def row_of(self, application_id: int) -> int:
        """The row of a loaded card, or -1."""
        for row, card in enumerate(self._cards):
            if card.id == application_id:
                return row
        return -1

    def loaded_ids(self) -> list[int]:
        return [card.id for card in self._cards]

    @property
    def is_filtered(self) -> bool:
        return self._filter_ids is not None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        card = self.card_at(index.row()) if index.isValid() else None
        if card is None:
            return None
        if role == roles.CardRole:
            return card
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{card.company} — {card.role}" if card.role else card.company
        if role == roles.ApplicationIdRole:
            return card.id
        if role == roles.CompanyRole:
            return card.company
        if role == roles.JobRoleRole:
            return card.role
        if role == roles.DaysInStageRole:
            return card.days_in_stage(utc_now())
        if role == roles.ExcitementRole:
            return card.excitement
        if role == roles.NextActionDateRole:
            return card.next_action_on
        if role == roles.TagsRole:
            return card.tags
        if role == roles.BadgesRole:
            return int(card.badges)
        if role == roles.PositionRole:
            return card.position
        if role == roles.ArchivedRole:
            return card.archived
        if role == roles.StageColorRole:
            return self.stage.color
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(card))
        return None

    def _tooltip(self, card: Card) -> str:
        lines = [card.company, card.role]
        if card.tags:
            lines.append(f"Tags: {card.tags}")
        if card.next_action_on:
            lines.append(f"Next action: {card.next_action_on.isoformat()}")
        lines.extend(badge_labels(card.badges))
        if card.archived:
            lines.append("Archived")
        return "\n".join(line for line in lines if line)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    # -- changes the board makes after a command ------------------------------

    def remove_card(self, application_id: int) -> bool:
        row = self.row_of(application_id)
        if row < 0:
            # Not loaded yet, but a filtered column may still list it for later pages.
            if self._filter_ids is not None and application_id in self._filter_ids:
                self._filter_ids.remove(application_id)
                self.matching = len(self._filter_ids)
            return False
        self.beginRemoveRows(_NO_PARENT, row, row)
        del self._cards[row]
        if self._filter_ids is not None and application_id in self._filter_ids:
            self._filter_ids.remove(application_id)
            self.matching = len(self._filter_ids)
        self.endRemoveRows()
        return True

    def insert_card(self, card: Card) -> int:
        """Show *card* at its place by position, if that place is loaded; return the row or -1.

        A card whose place lies beyond the loaded rows arrives with a later page.
        """
        positions = [c.position for c in self._cards]
        row = bisect_right(positions, card.position)
        if row == len(self._cards) and not self._exhausted:
            return -1
        if self._filter_ids is not None:
            self._filter_ids.insert(row, card.id)
            self.matching = len(self._filter_ids)
        self.beginInsertRows(_NO_PARENT, row, row)
        self._cards.insert(row, card)
        self.endInsertRows()
        return row

    def replace_card(self, card: Card) -> None:
        row = self.row_of(card.id)
        if row >= 0:
            self._cards[row] = card
            index = self.index(row)
            self.dataChanged.emit(index, index)

    # -- drag and drop -------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [CARD_MIME_TYPE]

    def mimeData(self, indexes: Any) -> QMimeData:
        card = self.card_at(indexes[0].row()) if indexes else None
        if card is None:
            return QMimeData()
        return card_mime_data(card.id, self.stage.id)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        return read_card(data) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        """Turn a drop into a request to move the card before the card at *row*.

        Dropping on a card (row -1, valid parent) means before that card;
        dropping below the last card means at the end. The move itself is a
        command the board runs; this only works out where.
        """
        dropped = read_card(data)
        if dropped is None or action == Qt.DropAction.IgnoreAction:
            return False
        application_id, from_stage_id = dropped
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._cards)
        before = self._card_before_which(row, application_id)
        if before is None:
            return False  # dropped where it already is
        self.cardDropped.emit(application_id, from_stage_id, self.stage.id, before)
        return True

    def _card_before_which(self, row: int, moving_id: int) -> int | None:
        """The id to place the moving card before (0: at the end), None for no move."""
        cards = self._cards
        if 0 <= row < len(cards) and cards[row].id == moving_id:
            return None
        if row > 0 and row - 1 < len(cards) and cards[row - 1].id == moving_id:
            return None
        if row < len(cards):
            return cards[row].id
        if self._exhausted:
            return 0
        # Dropped below the loaded cards of a longer column: before the next one.
        self.fetchMore()
        return cards[row].id if row < len(cards) else 0


def _is_prefix(loaded_ids: list[int], ids: list[int]) -> bool:
    """Whether *loaded_ids* are the first of *ids* (an empty list is no prefix worth keeping)."""
    return bool(loaded_ids) and ids[: len(loaded_ids)] == loaded_ids


def _same_cards(loaded: list[Card], page: list[Card]) -> bool:
    """Whether *loaded* rows are exactly the cards of *page*, in order."""
    return len(loaded) == len(page) and _is_prefix(
        [card.id for card in loaded], [card.id for card in page]
    )
