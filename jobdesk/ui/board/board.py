"""The board: a row of stage columns, and everything that changes across them.

Drops, keyboard moves and archiving become undo commands; when a command has
changed the database it tells the board (``BoardSync``), and the board
updates just the rows and counts concerned, so a move at 50,000 cards costs
what it costs at 50.

Signals:
    openRequested(int): a card asked to be opened (Enter, double-click, menu).
    currentCardChanged(): the selected card changed (menus enable and disable).
    cardMoved(int, int, int): the person moved a card (id, from stage, to stage) to
        another stage; not emitted for undo and redo.
    rejectionRequested(int): "Record rejection…" was chosen on a card.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QWidget

from jobdesk.domain.search import StageText
from jobdesk.domain.stages import StageRecord
from jobdesk.services import Database
from jobdesk.services.applications import MoveResult
from jobdesk.services.board import (
    board_counts,
    can_read_ahead,
    card_reader,
    column_page,
    get_card,
    stage_text,
)
from jobdesk.services.board_rows import CardReader
from jobdesk.services.errors import NotFoundError
from jobdesk.services.stages import list_stages, update_stage
from jobdesk.ui.board.board_area import BoardArea
from jobdesk.ui.board.column_view import StageColumn, StageColumnView
from jobdesk.ui.board.commands import ArchiveCommand, MoveCardCommand, ServiceCommand


class Board(BoardArea):
    """All visible stages side by side; the main screen."""

    openRequested = Signal(int)
    currentCardChanged = Signal()
    cardMoved = Signal(int, int, int)
    rejectionRequested = Signal(int)

    def __init__(
        self,
        db: Database,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        *,
        columns: list[StageColumn] | None = None,
        unbuilt: Sequence[tuple[StageRecord, int]] = (),
    ) -> None:
        """The board of *db*; with *columns* (from a ``FirstBoard``) it takes those over.

        The stages a first board left *unbuilt* (with their counts) get their
        columns after those.
        """
        super().__init__(parent)
        self.db = db
        self.undo_stack = undo_stack
        self.include_archived = False
        self.filter_text = ""
        self._stage_texts: dict[int, StageText] = {}
        # Reads the search text one column per turn of the event loop (see prepare_filter).
        self._preparing = QTimer(self)
        self._preparing.setInterval(0)
        self._preparing.timeout.connect(self._prepare_next_column)
        if columns is None:
            self.rebuild()
            return
        reader = card_reader(db)
        for column in columns:
            column.model.set_reader(reader)
            self._add_wired_column(column)
        for stage, total in unbuilt:
            self._add_stage(reader, stage, total)

    # -- structure ---------------------------------------------------------------

    def rebuild(self) -> None:
        """Build the columns afresh from the stages (after stage changes)."""
        for column in self.take_columns():
            column.hide()  # not painted again in the moment before it is deleted
            column.deleteLater()
        self._stage_texts.clear()
        counts = board_counts(self.db, include_archived=self.include_archived)
        reader = card_reader(self.db)
        for stage in list_stages(self.db, include_hidden=False):
            self._add_stage(reader, stage, counts.get(stage.id, 0))
        if self.filter_text:
            self._apply_filter(self._order)

    def _add_stage(self, reader: CardReader, stage: StageRecord, total: int) -> None:
        """A new column for *stage*, holding *total* cards, placed after the others."""
        column = self._new_column(
            reader, stage, total=total, include_archived=self.include_archived
        )
        self._add_wired_column(column)

    def _add_wired_column(self, column: StageColumn) -> None:
        """Place *column* and connect what it reports to the board."""
        column.model.cardDropped.connect(self._on_card_dropped)
        view = column.view
        view.navigate.connect(lambda step, v=view: self.navigate(v, step))
        view.openRequested.connect(self.openRequested)
        view.selectionModel().currentChanged.connect(self._current_changed)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(lambda point, v=view: self._card_menu(v, point))
        column.collapseToggled.connect(self._remember_collapsed)
        self._add_column(column)

    def _remember_collapsed(self, stage_id: int, collapsed: bool) -> None:
        # Collapsing is a view preference, kept across restarts but not undone.
        update_stage(self.db, stage_id=stage_id, collapsed=collapsed)

    # -- filter ------------------------------------------------------------------

    def set_filter(self, text: str) -> None:
        """Show only cards whose company, role, tags, location or notes contain *text*."""
        self.filter_text = text
        # Nothing changed in the cards since they were read: rows still in
        # place need not be read or repainted again.
        self._apply_filter(self._order, keep_loaded=True)

    def set_include_archived(self, include: bool) -> None:
        self.include_archived = include
        self.rebuild()

    def _text_of(self, stage_id: int) -> StageText:
        text = self._stage_texts.get(stage_id)
        if text is None:
            text = stage_text(self.db, stage_id=stage_id, include_archived=self.include_archived)
            self._stage_texts[stage_id] = text
        return text

    def prepare_filter(self) -> None:
        """Read the columns' search text before the first keystroke needs it.

        Called when the filter gets the focus. At 50,000 applications the
        text takes about 100 ms to read; one column per turn of the event
        loop keeps the window responsive meanwhile, and typing finds it ready
        (a column not read yet is read when the filter needs it, as before).
        It is read only now, not at start-up: memory is spent only by people
        who filter.
        """
        if not self._preparing.isActive():
            self._preparing.start()

    def filter_ready(self) -> bool:
        """Whether every column's search text is read (the next filtering reads nothing)."""
        return all(stage_id in self._stage_texts for stage_id in self._order)

    def _prepare_next_column(self) -> None:
        missing = [stage_id for stage_id in self._order if stage_id not in self._stage_texts]
        # Not once the window is closed, nor while the store says no.
        if not missing or not self.isVisible() or not can_read_ahead(self.db):
            self._preparing.stop()
            return
        self._text_of(missing[0])

    def _apply_filter(self, stage_ids: list[int], *, keep_loaded: bool = False) -> None:
        for stage_id in stage_ids:
            column = self._columns.get(stage_id)
            if column is None:
                continue
            model = column.model
            if self.filter_text:
                ids = self._text_of(stage_id).find(self.filter_text)
                model.show_only(ids, keep_loaded=keep_loaded)
            else:
                model.show_all(keep_loaded=keep_loaded)
            column.refresh_header()

    def _forget_text(self, *stage_ids: int) -> None:
        for stage_id in stage_ids:
            self._stage_texts.pop(stage_id, None)

    def release_search_text(self) -> None:
        """Let go of every column's search text (megabytes at 50,000 applications).

        For a closing window; filtering again would read it again.
        """
        self._preparing.stop()
        self._stage_texts.clear()

    # -- selection and keyboard ----------------------------------------------

    def current_view(self) -> StageColumnView | None:
        """The column view holding the focus, else the one with a current card."""
        focus = QApplication.focusWidget()
        for column in self.columns():
            if focus is column.view:
                return column.view
        for column in self.columns():
            if column.view.currentIndex().isValid() and column.view.isVisible():
                return column.view
        return None

    def current_card_id(self) -> int | None:
        view = self.current_view()
        return view.current_application_id() if view else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.currentCardChanged.emit()

    def focus_first_card(self) -> None:
        for column in self.columns():
            if not column.collapsed and column.model.rowCount():
                column.view.setFocus()
                column.view.select_row(0)
                return

    def _open_columns(self) -> list[StageColumn]:
        return [column for column in self.columns() if not column.collapsed]

    def navigate(self, view: StageColumnView, step: int) -> None:
        """Move the focus to the neighbouring expanded column, keeping the row."""
        columns = self._open_columns()
        index = next((i for i, c in enumerate(columns) if c.view is view), None)
        if index is None:
            return
        row = max(0, view.currentIndex().row())
        target = index + step
        while 0 <= target < len(columns):
            candidate = columns[target].view
            if candidate.column_model().rowCount():
                candidate.setFocus()
                candidate.select_row(row)
                self.ensureWidgetVisible(columns[target])
                return
            target += step

    def move_current(self, *, columns: int = 0, rows: int = 0) -> None:
        """Alt+arrows: the current card to the next stage (to its top) or one place up/down."""
        view = self.current_view()
        if view is None or not view.currentIndex().isValid():
            return
        model = view.column_model()
        row = view.currentIndex().row()
        card = model.card_at(row)
        if card is None:
            return
        if columns:
            position = self._order.index(model.stage.id) + columns
            if not 0 <= position < len(self._order):
                return
            target = self._order[position]
            self.request_move(card.id, target, self.top_card_id(target))
            return
        if rows < 0:
            above = model.card_at(row - 1)
            if above is not None:
                self.request_move(card.id, model.stage.id, above.id)
        elif rows > 0:
            if row + 2 >= model.rowCount() and model.canFetchMore(QModelIndex()):
                model.fetchMore(QModelIndex())
            below = model.card_at(row + 1)
            if below is None:
                return
            after_below = model.card_at(row + 2)
            self.request_move(card.id, model.stage.id, after_below.id if after_below else None)

    def top_card_id(self, stage_id: int) -> int | None:
        """The card a card moved into *stage_id* by keyboard or menu goes before: the top."""
        # From the database, not the view: a filtered or collapsed column does
        # not show its real first card.
        first = column_page(self.db, stage_id=stage_id, limit=1, include_archived=True)
        return first[0].id if first else None

    def archive_current(self) -> None:
        view = self.current_view()
        card = view.column_model().card_at(view.currentIndex().row()) if view else None
        if view is None or card is None:
            return
        archived = not card.archived
        verb = "Archive" if archived else "Bring back"
        self.run(
            ArchiveCommand(
                self.db,
                self,
                application_id=card.id,
                stage_id=card.stage_id,
                archived=archived,
                text=f"{verb} “{card.company}”",
            )
        )

    # -- commands ----------------------------------------------------------------

    def run(self, command: ServiceCommand) -> bool:
        """Perform *command* and put it on the undo stack; explain if it was refused."""
        try:
            command.perform()
        except Exception as error:  # refused by the services: nothing changed
            self.report_error(f"Could not {command.text()[:1].lower()}{command.text()[1:]}", error)
            return False
        self.undo_stack.push(command)
        return True

    def request_move(self, application_id: int, stage_id: int, before_id: int | None) -> None:
        column = self._columns.get(stage_id)
        try:
            card = get_card(self.db, application_id=application_id)
        except NotFoundError as error:
            self.report_error("Could not move the card", error)
            return
        company, from_stage = card.company, card.stage_id
        where = column.model.stage.name if column else "another stage"
        moved = self.run(
            MoveCardCommand(
                self.db,
                self,
                application_id=application_id,
                stage_id=stage_id,
                before_id=before_id,
                text=f"Move “{company}” to {where}",
            )
        )
        if moved and from_stage != stage_id:
            self.cardMoved.emit(application_id, from_stage, stage_id)

    def _on_card_dropped(
        self, application_id: int, _from_stage: int, to_stage: int, before_id: int
    ) -> None:
        self.request_move(application_id, to_stage, before_id or None)

    # -- BoardSync: keeping the views in step with the database -------------------

    def card_moved(self, move: MoveResult, *, undone: bool, renumbered: bool = False) -> None:
        source, target = move.from_stage_id, move.to_stage_id
        if undone:
            source, target = target, source
        source_column, target_column = self._columns.get(source), self._columns.get(target)
        had_focus, source_row = False, 0
        if source_column is not None:
            view = source_column.view
            had_focus = view.hasFocus() and view.current_application_id() == move.application_id
            source_row = max(0, view.currentIndex().row())
            source_column.model.remove_card(move.application_id)
        card = get_card(self.db, application_id=move.application_id)
        hidden = card.archived and not self.include_archived
        self._forget_text(source, target)
        row = -1
        if self.filter_text or renumbered:
            # The loaded rows' positions are stale after a renumber, and a filter
            # must decide afresh whether the card still shows: read both again.
            self._apply_filter(list(dict.fromkeys((source, target))))
            row = target_column.model.row_of(card.id) if target_column is not None else -1
        elif target_column is not None and not hidden:
            row = target_column.model.insert_card(card)
        if source != target and not hidden:
            if source_column is not None:
                source_column.model.total -= 1
            if target_column is not None:
                target_column.model.total += 1
        for column in (source_column, target_column):
            if column is not None:
                column.refresh_header()
        if not had_focus:
            return
        if target_column is not None and row >= 0 and not target_column.collapsed:
            target_column.view.setFocus()
            target_column.view.select_row(row)
            self.ensureWidgetVisible(target_column)
        elif source_column is not None:
            # Moved out of sight (into a collapsed column): stay where the person was.
            source_column.view.setFocus()
            source_column.view.select_row(source_row)

    def card_changed(self, application_id: int) -> None:
        card = get_card(self.db, application_id=application_id)
        column = self._columns.get(card.stage_id)
        if column is None:
            return
        self._forget_text(card.stage_id)
        if self.filter_text:
            self._apply_filter([card.stage_id])
        else:
            column.model.replace_card(card)

    def card_added(self, application_id: int) -> None:
        card = get_card(self.db, application_id=application_id)
        column = self._columns.get(card.stage_id)
        self._forget_text(card.stage_id)
        if column is None or (card.archived and not self.include_archived):
            self._refresh_counts()
            return
        if self.filter_text:
            self._apply_filter([card.stage_id])  # the new card may or may not match
        else:
            column.model.insert_card(card)
        self._refresh_counts()

    def card_removed(self, application_id: int, stage_id: int) -> None:
        column = self._columns.get(stage_id)
        if column is not None:
            column.model.remove_card(application_id)
        self._forget_text(stage_id)
        self._refresh_counts()

    def stages_changed(self) -> None:
        self.rebuild()

    def report_error(self, title: str, error: Exception) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, "jobdesk", title, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(str(error))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _refresh_counts(self) -> None:
        counts = board_counts(self.db, include_archived=self.include_archived)
        for stage_id, column in self._columns.items():
            column.model.total = counts.get(stage_id, 0)
            column.refresh_header()

    # -- context menu ----------------------------------------------------------------

    def _card_menu(self, view: StageColumnView, point: QPoint) -> None:
        from PySide6.QtWidgets import QMenu

        index = view.indexAt(point)
        if not index.isValid():
            return
        view.setCurrentIndex(index)
        card = view.column_model().card_at(index.row())
        if card is None:
            return
        menu = QMenu(self)
        menu.addAction("Open…", lambda: self.openRequested.emit(card.id))
        move_menu = menu.addMenu("Move to")
        for stage_id in self._order:
            if stage_id != card.stage_id:
                action = move_menu.addAction(self._columns[stage_id].model.stage.name)
                action.setData(stage_id)
        move_menu.triggered.connect(
            lambda action: self.request_move(
                card.id, int(action.data()), self.top_card_id(int(action.data()))
            )
        )
        menu.addAction("Record rejection…", lambda: self.rejectionRequested.emit(card.id))
        menu.addSeparator()
        menu.addAction(
            "Bring back from archive" if card.archived else "Archive", self.archive_current
        )
        menu.popup(view.viewport().mapToGlobal(point))
