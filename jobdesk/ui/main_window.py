"""The main window: the board, the filter, menus, undo, and the dialogs they open."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFocusEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLineEdit,
    QMainWindow,
    QToolBar,
    QWidget,
)

from jobdesk import __version__
from jobdesk.domain.stages import StageKind, StageRecord
from jobdesk.services.board_rows import BoardSnapshot
from jobdesk.ui.board.board_area import FirstBoard
from jobdesk.ui.icons import application_icon

if TYPE_CHECKING:
    from jobdesk.services import Database
    from jobdesk.services.backups import BackupJob, BackupSchedule
    from jobdesk.services.details import ApplicationDetails
    from jobdesk.storage.recovery import PendingRestore
    from jobdesk.storage.store import Store
    from jobdesk.ui.board.board import Board
    from jobdesk.ui.editor.application_dialog import ApplicationDialog
    from jobdesk.ui.exchange.exchange_actions import ExchangeActions
    from jobdesk.ui.exchange.export_dialog import ExportDialog
    from jobdesk.ui.insights.insights_view import InsightsView
    from jobdesk.ui.lessons.follow_ups import FollowUpsDialog
    from jobdesk.ui.lessons.interview_checklist import InterviewChecklist
    from jobdesk.ui.lessons.lessons_view import LessonsView
    from jobdesk.ui.rejection.dialog import RejectionDialog
    from jobdesk.ui.restore_dialog import RestoreDialog
    from jobdesk.ui.shortcuts_dialog import ShortcutsDialog
    from jobdesk.ui.stages_dialog import StagesDialog

# Dialogs are imported when first opened: start-up pays only for the board
# (each Qt class a module touches costs PySide6 time and memory to set up).
# Insights above all: it imports matplotlib. Nothing imported at the top
# imports peewee: the first board is painted before the store is open.

_DialogType = TypeVar("_DialogType", bound="QDialog")

#: How long typing in the company field pauses before earlier rejections are looked up.
REAPPLY_LOOKUP_DELAY_MS = 250
#: How long after start-up the status bar says what is waiting (follow-ups, reflections).
ANNOUNCE_DELAY_MS = 1500
#: The start-up backup waits until the board has been in use for a moment.
STARTUP_BACKUP_DELAY_MS = 4000
#: How often the window looks whether a background backup has finished.
BACKUP_WATCH_MS = 100
#: How often to ask the schedule whether a backup is due (it allows one per 30 minutes).
BACKUP_TICK_MS = 60_000

log = logging.getLogger(__name__)


class FilterBox(QLineEdit):
    """The board's filter field; says when it gets the focus, so the board can get ready."""

    focused = Signal()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()


class MainWindow(QMainWindow):
    """jobdesk's main window.

    ``MainWindow(store)`` builds it on an opened store. At start-up it comes in
    two steps instead (``ui.app.open_main_window``):
    ``MainWindow(data_dir=..., snapshot=...)`` shows the board read from a
    read-only snapshot, menus and all, and ``attach_store`` then makes it
    live, moments after its first paint, once the start-up check for damage
    has passed (if it finds damage, the window closes and ``found_damage``
    says what). Until then its actions do nothing.
    """

    store: Store
    db: Database
    board: Board
    backups: BackupSchedule

    def __init__(
        self,
        store: Store | None = None,
        parent: QWidget | None = None,
        *,
        data_dir: Path | None = None,
        snapshot: BoardSnapshot | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowTitle("jobdesk")
        self.setAccessibleName("jobdesk main window")
        self.setWindowIcon(application_icon())
        self.resize(1280, 760)
        self._live = False
        self.undo_stack = QUndoStack(self)

        self.filter_box = FilterBox(self)
        self.filter_box.setObjectName("BoardFilter")
        self.filter_box.setAccessibleName("Filter the board")
        self.filter_box.setPlaceholderText("Filter by company, role, tag, place or note  (Ctrl+F)")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setMinimumWidth(360)
        self.show_archived = QCheckBox("Show archived", self)
        self.show_archived.setAccessibleName("Show archived applications")

        self._board_actions: list[QAction] = []
        self._build_actions()
        self._build_menus_and_toolbar()
        shown_dir = store.data_dir if store is not None else data_dir
        self.statusBar().showMessage(f"Your data: {shown_dir}")
        self._dialogs: list[QWidget] = []
        self.checklist: InterviewChecklist | None = None
        self.lessons_view: LessonsView | None = None
        self.insights_view: InsightsView | None = None
        self._exchange: ExchangeActions | None = None
        self.pending_restore: PendingRestore | None = None
        # Damage the start-up check found after the first board was painted.
        self.found_damage: str | None = None
        self._deferred: list[QTimer] = []
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(BACKUP_TICK_MS)  # the schedule decides when one is due
        # An automatic backup runs on a thread of its own (a copy and two checks
        # of the whole file: half a second at 50,000 applications); this
        # timer looks in on it.
        self._backup_job: BackupJob | None = None
        self._backup_watch = QTimer(self)
        self._backup_watch.setInterval(BACKUP_WATCH_MS)
        self._backup_watch.timeout.connect(self._collect_backup)
        self._snapshot = snapshot
        if store is not None:
            self.attach_store(store)
        elif snapshot is not None:
            # As wide as the window can be without the person resizing it.
            screen = self.screen()
            width = max(self.width(), screen.availableGeometry().width() if screen else 0)
            first = FirstBoard(snapshot, width, self)
            self.setCentralWidget(first)
            first.setFocus()  # the board, not the filter, has the keyboard at start
            self._update_card_actions()
        else:
            raise TypeError("MainWindow needs a store, or a data folder's snapshot")

    def attach_store(self, store: Store) -> None:
        """Make the window live on *store*: the board, its actions, backups and reminders."""
        from jobdesk.services.backups import BackupSchedule
        from jobdesk.ui.board.board import Board

        self.store = store
        self.db = store.db
        first = self.centralWidget()
        focus = self.focusWidget()
        board_had_focus = focus is None or (
            first is not None and (focus is first or first.isAncestorOf(focus))
        )
        columns, unbuilt = None, []
        if isinstance(first, FirstBoard):
            columns, unbuilt = first.take_columns(), first.unbuilt
        self.board = Board(self.db, self.undo_stack, self, columns=columns, unbuilt=unbuilt)
        if columns is not None and self._snapshot is not None and self._snapshot.reader.read_failed:
            self.board.rebuild()  # what the first look could not read, read through the store
        self.board.addActions(self._board_actions)
        self.board.openRequested.connect(self.open_application)
        self.board.currentCardChanged.connect(self._update_card_actions)
        self.board.cardMoved.connect(self._card_moved)
        self.board.rejectionRequested.connect(self.open_rejection)
        self.setCentralWidget(self.board)  # the first board, now empty, is deleted
        if board_had_focus:
            # The board, not the filter, has the keyboard at start; a card the
            # person already selected keeps it. (Shown now, not by the layout's
            # queued show: a hidden widget cannot take the focus.)
            self.board.show()
            view = focus if focus is not None and self.board.isAncestorOf(focus) else self.board
            view.setFocus()
        if self._snapshot is not None:
            self._snapshot.close()
            self._snapshot = None

        self.filter_box.textChanged.connect(self.board.set_filter)
        self.filter_box.focused.connect(self.board.prepare_filter)
        self.filter_box.returnPressed.connect(self.board.focus_first_card)
        self.show_archived.toggled.connect(self.board.set_include_archived)
        # Typed or ticked in the moment before the store was open: honoured now.
        if self.show_archived.isChecked():
            self.board.set_include_archived(True)
        if self.filter_box.text():
            self.board.set_filter(self.filter_box.text())
        if self.filter_box.hasFocus():
            self.board.prepare_filter()

        self.backups = BackupSchedule(self.db, store.backup_dir)
        # Well after the first paint: start-up does not wait for these. They are
        # the window's own timers, stopped when it closes, so none of them can
        # reach the store after it is closed.
        self._deferred = [
            self._single_shot(ANNOUNCE_DELAY_MS, self.announce_waiting),
            self._single_shot(
                STARTUP_BACKUP_DELAY_MS,
                lambda: self.back_up_in_background("startup", self.backups.due_on_startup),
            ),
        ]
        self._backup_timer.timeout.connect(
            lambda: self.back_up_in_background("auto", self.backups.due_now)
        )
        self._backup_timer.start()
        self._live = True
        self._update_card_actions()

    def is_live(self) -> bool:
        """Whether the store is open in this window (see ``attach_store``)."""
        return self._live

    # -- actions -----------------------------------------------------------------

    def _action(
        self,
        text: str,
        handler: Callable[[], object],
        *shortcuts: QKeySequence | QKeySequence.StandardKey | str,
        board_only: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        # Nothing to act on until the store is open (the first moment of start-up).
        action.triggered.connect(lambda: handler() if self._live else None)
        if board_only:
            # Only while the board has the focus: Alt+Left in the filter box moves
            # the text cursor, not a card. Added to the board when it is built.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self._board_actions.append(action)
        else:
            self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(
            "&New application…", self.new_application, QKeySequence.StandardKey.New
        )
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.restore_action = self._action("&Restore from a backup…", self.show_restore)
        self.import_action = self._action("&Import…", self.show_import)
        self.export_action = self._action("&Export…", self.show_export, "Ctrl+E")
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.find_action = self._action(
            "&Filter the board", self.focus_filter, QKeySequence.StandardKey.Find
        )
        self.open_action = self._action(
            "&Open", self._open_current, "Return", "Enter", board_only=True
        )
        self.move_left_action = self._action(
            "Move to &previous stage",
            lambda: self.board.move_current(columns=-1),
            "Alt+Left",
            board_only=True,
        )
        self.move_right_action = self._action(
            "Move to &next stage",
            lambda: self.board.move_current(columns=1),
            "Alt+Right",
            board_only=True,
        )
        self.move_up_action = self._action(
            "Move &up", lambda: self.board.move_current(rows=-1), "Alt+Up", board_only=True
        )
        self.move_down_action = self._action(
            "Move &down", lambda: self.board.move_current(rows=1), "Alt+Down", board_only=True
        )
        self.archive_action = self._action(
            "&Archive",
            self._archive_current,
            QKeySequence.StandardKey.Delete,
            board_only=True,
        )
        self.rejection_action = self._action(
            "Record &rejection…", self._record_rejection_for_current, "Ctrl+R", board_only=True
        )
        self.stages_action = self._action("&Stages…", self.manage_stages)
        self.lessons_action = self._action("&Lessons learned…", self.show_lessons, "Ctrl+L")
        self.follow_ups_action = self._action(
            "&Follow-ups and reflections…", self.show_follow_ups, "Ctrl+Shift+F"
        )
        self.insights_action = self._action("&Insights", self.show_insights, "Ctrl+I")
        self.shortcuts_action = self._action("&Keyboard shortcuts", self.show_shortcuts, "F1", "?")
        self.about_action = self._action("&About jobdesk", self.show_about)
        self.clear_filter_action = self._action("Clear filter", self._clear_filter, "Escape")

    def _build_menus_and_toolbar(self) -> None:
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu("&File")
        file_menu.addAction(self.new_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menu_bar.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        card_menu = menu_bar.addMenu("&Card")
        for action in (
            self.open_action,
            self.move_left_action,
            self.move_right_action,
            self.move_up_action,
            self.move_down_action,
        ):
            card_menu.addAction(action)
        card_menu.addSeparator()
        card_menu.addAction(self.rejection_action)
        card_menu.addAction(self.archive_action)
        board_menu = menu_bar.addMenu("&Board")
        board_menu.addAction(self.stages_action)
        reflect_menu = menu_bar.addMenu("&Reflect")
        reflect_menu.addAction(self.lessons_action)
        reflect_menu.addAction(self.follow_ups_action)
        reflect_menu.addSeparator()
        reflect_menu.addAction(self.insights_action)
        help_menu = menu_bar.addMenu("&Help")
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

        toolbar = QToolBar("Board", self)
        toolbar.setObjectName("BoardToolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.new_action)
        toolbar.addSeparator()
        toolbar.addWidget(self.filter_box)
        toolbar.addWidget(self.show_archived)
        toolbar.addSeparator()
        toolbar.addAction(self.lessons_action)
        toolbar.addAction(self.insights_action)
        self.addToolBar(toolbar)

    def _update_card_actions(self) -> None:
        has_card = self._live and self.board.current_card_id() is not None
        for action in (
            self.open_action,
            self.move_left_action,
            self.move_right_action,
            self.move_up_action,
            self.move_down_action,
            self.archive_action,
            self.rejection_action,
        ):
            action.setEnabled(has_card)

    # -- filter ------------------------------------------------------------------

    def focus_filter(self) -> None:
        self.filter_box.setFocus()
        self.filter_box.selectAll()

    def _clear_filter(self) -> None:
        if self.filter_box.text():
            self.filter_box.clear()
            self.board.focus_first_card()

    # -- dialogs -------------------------------------------------------------------

    def _show(self, dialog: _DialogType) -> _DialogType:
        """Open *dialog* window-modal with open(), never exec(), and keep it alive meanwhile."""
        self._keep(dialog)
        dialog.open()
        return dialog

    def _keep(self, dialog: QWidget) -> None:
        """Hold a reference while a dialog is open (they are opened with open())."""
        self._dialogs.append(dialog)
        dialog.destroyed.connect(
            lambda: self._dialogs.remove(dialog) if dialog in self._dialogs else None
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def _archive_current(self) -> None:
        self.board.archive_current()

    def _open_current(self) -> None:
        application_id = self.board.current_card_id()
        if application_id is not None:
            self.open_application(application_id)

    def open_application(self, application_id: int) -> ApplicationDialog:
        from jobdesk.services.applications import stage_history
        from jobdesk.services.details import get_details
        from jobdesk.ui.board.commands import EditApplicationCommand
        from jobdesk.ui.editor.application_dialog import ApplicationDialog

        details = get_details(self.db, application_id=application_id)
        dialog = ApplicationDialog(
            stages=self._stages(),
            details=details,
            history=stage_history(self.db, application_id=application_id),
            parent=self,
        )
        company = details.fields.get("company") or "application"

        def save(new: ApplicationDetails, _stage_id: int) -> None:
            command = EditApplicationCommand(
                self.db,
                self.board,
                application_id=application_id,
                details=new,
                text=f"Edit “{company}”",
            )
            if self.board.run(command):
                dialog.accept()

        dialog.saved.connect(save)
        return self._show(dialog)

    def new_application(self) -> ApplicationDialog:
        from jobdesk.services.reapply import earlier_rejections
        from jobdesk.ui.board.commands import CreateApplicationCommand
        from jobdesk.ui.editor.application_dialog import ApplicationDialog

        stages = self._stages(include_hidden=False)
        current = self.board.current_view()
        stage_id = (
            current.column_model().stage.id if current else (stages[0].id if stages else None)
        )
        dialog = ApplicationDialog(stages=stages, stage_id=stage_id, parent=self)
        lookup = QTimer(dialog)
        lookup.setSingleShot(True)
        lookup.setInterval(REAPPLY_LOOKUP_DELAY_MS)
        lookup.timeout.connect(
            lambda: dialog.show_earlier_rejections(
                earlier_rejections(self.db, company=dialog.company.text())
            )
        )
        dialog.company.textChanged.connect(lookup.start)

        def save(details: ApplicationDetails, chosen_stage: int) -> None:
            name = details.fields.get("company") or details.fields.get("role") or "application"
            command = CreateApplicationCommand(
                self.db, self.board, stage_id=chosen_stage, details=details, text=f"Add “{name}”"
            )
            if self.board.run(command):
                dialog.accept()

        dialog.saved.connect(save)
        return self._show(dialog)

    def manage_stages(self) -> StagesDialog:
        from jobdesk.ui.stages_dialog import StagesDialog

        dialog = StagesDialog(self.db, self.board, self.undo_stack, self)
        return self._show(dialog)

    def show_shortcuts(self) -> ShortcutsDialog:
        from jobdesk.ui.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        return self._show(dialog)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self)
        box.setWindowTitle("About jobdesk")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            f"jobdesk {__version__}\n\n"
            "A private, offline companion for your job search.\n"
            "Everything stays on this computer."
        )
        self._keep(box)
        box.open()

    # -- rejections and lessons ---------------------------------------------------------

    def _stages(self, *, include_hidden: bool = True) -> list[StageRecord]:
        from jobdesk.services.stages import list_stages

        return list_stages(self.db, include_hidden=include_hidden)

    def _stage_kinds(self) -> dict[int, StageKind]:
        return {stage.id: stage.kind for stage in self._stages()}

    def _card_moved(self, application_id: int, from_stage_id: int, to_stage_id: int) -> None:
        """A person moved a card: a rejection opens the dialog, an interview the checklist."""
        kind = self._stage_kinds().get(to_stage_id)
        if kind is StageKind.REJECTED:
            self.open_rejection(application_id, from_stage_id=from_stage_id, after_move=True)
        elif kind is StageKind.GHOSTED:
            self.open_rejection(
                application_id, from_stage_id=from_stage_id, after_move=True, light=True
            )
        elif kind is StageKind.INTERVIEW:
            self.show_interview_checklist(application_id)

    def _record_rejection_for_current(self) -> None:
        application_id = self.board.current_card_id()
        if application_id is not None:
            self.open_rejection(application_id)

    def _stage_reached(self, application_id: int) -> int | None:
        """Where an application got to: its stage, or the one before it ended."""
        from jobdesk.services.applications import stage_history
        from jobdesk.services.board import get_card

        kinds = self._stage_kinds()
        current = get_card(self.db, application_id=application_id).stage_id
        if not kinds.get(current, StageKind.OPEN).is_ending:
            return current
        for entry in reversed(stage_history(self.db, application_id=application_id)):
            if (
                entry.from_stage_id is not None
                and not kinds.get(entry.from_stage_id, StageKind.REJECTED).is_ending
            ):
                return entry.from_stage_id
        return current

    def open_rejection(
        self,
        application_id: int,
        *,
        from_stage_id: int | None = None,
        after_move: bool = False,
        light: bool = False,
    ) -> RejectionDialog | None:
        """Open the rejection dialog, starting a draft or continuing the saved one."""
        from dataclasses import replace

        from jobdesk.services.rejections import (
            get_rejection,
            rejection_context,
            save_rejection,
            start_rejection,
        )
        from jobdesk.ui.rejection.dialog import RejectionDialog

        move_command = self.undo_stack.command(self.undo_stack.index() - 1) if after_move else None
        try:
            record = get_rejection(self.db, application_id=application_id)
            created = record is None
            if record is None:
                reached = from_stage_id or self._stage_reached(application_id)
                record = start_rejection(
                    self.db, application_id=application_id, stage_reached_id=reached, light=light
                )
            elif record.light and not light and after_move:
                # First "no response", now a real rejection: the full reflection applies.
                record = save_rejection(self.db, record=replace(record, light=False))
            context = rejection_context(self.db, application_id=application_id)
        except Exception as error:  # shown, logged by the caller's handler; nothing half-made
            self.board.report_error("Could not open the rejection record", error)
            return None
        dialog = RejectionDialog(
            self.db,
            record=record,
            context=context,
            stages=self._stages(),
            can_cancel=created,
            parent=self,
        )
        if record.light:
            dialog.cancel_button.setText("Not now")
            dialog.cancel_button.setAccessibleName("Not now")
            dialog.cancel_button.setToolTip("The card stays where it is; nothing else is recorded")
        dialog.recordSaved.connect(self.board.card_changed)
        # New lessons show in the library, and the outcome in the charts.
        dialog.finished.connect(self._refresh_open_views)
        dialog.cancelled.connect(
            lambda app_id: self._rejection_cancelled(
                app_id, move_command if not record.light else None
            )
        )
        self.board.card_changed(application_id)  # "reflection pending" shows at once
        return self._show(dialog)

    def _refresh_open_views(self) -> None:
        """Read the data again in the lessons library and the insights, if they are open."""
        if self.lessons_view is not None:
            self.lessons_view.refresh()
        if self.insights_view is not None:
            self.insights_view.refresh()

    def _rejection_cancelled(self, application_id: int, move_command: object) -> None:
        """Cancel before anything was typed: forget the draft and put the card back."""
        from jobdesk.services.rejections import discard_rejection

        discard_rejection(self.db, application_id=application_id)
        index = self.undo_stack.index()
        if (
            move_command is not None
            and index > 0
            and self.undo_stack.command(index - 1) is move_command
        ):
            self.undo_stack.undo()
        else:
            self.board.card_changed(application_id)

    def announce_waiting(self) -> str:
        """Say in the status bar what is waiting: follow-ups due and unfinished reflections."""
        from jobdesk.services.lessons import count_due_follow_ups, count_pending_reflections

        parts = []
        due = count_due_follow_ups(self.db)
        if due:
            parts.append(f"{due} feedback follow-up{'s are' if due != 1 else ' is'} due")
        pending = count_pending_reflections(self.db)
        if pending:
            parts.append(f"{pending} reflection{'s' if pending != 1 else ''} to finish")
        if not parts:
            return ""
        message = " and ".join(parts) + " (Reflect › Follow-ups and reflections, Ctrl+Shift+F)"
        self.statusBar().showMessage(message[:1].upper() + message[1:])
        return message

    def show_interview_checklist(self, application_id: int) -> InterviewChecklist | None:
        """Beside the board, never blocking: open lessons worth remembering for interviews."""
        from jobdesk.services.board import get_card
        from jobdesk.services.lessons import interview_checklist
        from jobdesk.ui.lessons.interview_checklist import InterviewChecklist

        lessons = interview_checklist(self.db)
        if not lessons:
            return None
        if self.checklist is None:
            self.checklist = InterviewChecklist(self)
            self.checklist.libraryRequested.connect(self.show_lessons)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.checklist)
        card = get_card(self.db, application_id=application_id)
        self.checklist.show_for(company=card.company, role=card.role, lessons=lessons)
        return self.checklist

    def show_lessons(self) -> LessonsView:
        from jobdesk.ui.lessons.lessons_view import LessonsView

        if self.lessons_view is None:
            self.lessons_view = LessonsView(self.db, self)
            self.lessons_view.destroyed.connect(lambda: setattr(self, "lessons_view", None))
            self.lessons_view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        else:
            self.lessons_view.refresh()
        self.lessons_view.show()
        self.lessons_view.raise_()
        self.lessons_view.activateWindow()
        return self.lessons_view

    def show_insights(self) -> InsightsView:
        """One Insights window beside the board: opened once, then raised and read again."""
        from jobdesk.ui.insights import load_insights_view  # imports matplotlib

        if self.insights_view is None:
            view = load_insights_view(self.store.data_dir)(self.db, self)
            view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            view.destroyed.connect(lambda: self._insights_closed(view))
            self.insights_view = view
        else:
            self.insights_view.refresh()
        self.insights_view.show()
        self.insights_view.raise_()
        self.insights_view.activateWindow()
        return self.insights_view

    def _insights_closed(self, view: InsightsView) -> None:
        if self.insights_view is view:  # not one opened since in its place
            self.insights_view = None

    def show_follow_ups(self) -> FollowUpsDialog:
        from jobdesk.ui.lessons.follow_ups import FollowUpsDialog

        dialog = FollowUpsDialog(self.db, self)

        def open_record(application_id: int) -> None:
            dialog.accept()
            self.open_rejection(application_id)

        dialog.openRejection.connect(open_record)
        return self._show(dialog)

    # -- export and import ---------------------------------------------------------------

    def exchange(self) -> ExchangeActions:
        """The export and import steps, built the first time File › Export or Import is used."""
        from jobdesk.ui.exchange.exchange_actions import ExchangeActions

        if self._exchange is None:
            self._exchange = ExchangeActions(self, self.store, quiet=self._timers_held)
            self._exchange.imported.connect(self._imported)
        return self._exchange

    def show_export(self) -> ExportDialog:
        return self.exchange().show_export()

    def show_import(self) -> None:
        self.exchange().choose_import_file()

    def _imported(self, stages_replaced: bool) -> None:
        """Show what an import brought in; earlier undo steps describe data that has changed."""
        self.undo_stack.clear()
        self.board.rebuild()
        self._update_card_actions()
        if self.lessons_view is not None:
            self.lessons_view.refresh()
        if self.insights_view is not None:
            if stages_replaced:
                # Its stage filter lists the stages it was opened with: open a new one.
                old, self.insights_view = self.insights_view, None
                old.close()
                self.show_insights()
            else:
                self.insights_view.refresh()

    @contextlib.contextmanager
    def _timers_held(self) -> Iterator[None]:
        """Hold the window's timers while an export or import runs.

        Its progress dialog lets Qt process events in the middle of a transaction;
        a backup must not start then.
        """
        running = [t for t in (*self._deferred, self._backup_timer) if t.isActive()]
        for timer in running:
            timer.stop()
        try:
            yield
        finally:
            for timer in running:
                timer.start()

    def back_up(self, step: Callable[[], Path | None]) -> Path | None:
        """Run one step of the backup schedule; a failure is logged and shown, never raised."""
        from jobdesk.storage.backup import BackupError

        try:
            path = step()
        except BackupError as error:
            self._report_backup_failure(error)
            return None
        if path is not None:
            log.info("Backed up to %s", path)
        return path

    def back_up_in_background(self, reason: str, due: Callable[[datetime], bool]) -> bool:
        """Start a backup for *reason* on its own thread if *due* says one is due; whether it did.

        One at a time: while one runs, the next timer tick asks again.
        """
        from jobdesk.storage.backup import BackupError

        if self._backup_job is not None:
            return False
        now = datetime.now(UTC)
        try:
            if not due(now):
                return False
            self._backup_job = self.backups.start_in_background(reason, now)
        except BackupError as error:
            self._report_backup_failure(error)
            return False
        self._backup_watch.start()
        return True

    def _collect_backup(self, *, wait: bool = False) -> None:
        """Log and show how the background backup went, once it has (or now, if *wait*)."""
        job = self._backup_job
        if job is None or not (wait or job.done()):
            return
        self._backup_watch.stop()
        self._backup_job = None
        self.back_up(lambda: self.backups.finish(job))

    def _report_backup_failure(self, error: Exception) -> None:
        log.warning("Automatic backup failed: %s", error)
        self.statusBar().showMessage(f"The automatic backup failed: {error}")

    def show_restore(self) -> RestoreDialog:
        from jobdesk.ui.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.store.backup_dir, self)
        dialog.restoreChosen.connect(self.request_restore)
        return self._show(dialog)

    def request_restore(self, backup: Path) -> bool:
        """Back up what is here now, then close so the chosen backup can be put in place.

        The window that opens next (see ``run_gui``) shows the restored data.
        """
        from jobdesk.services.backups import take_backup
        from jobdesk.storage.backup import BackupError
        from jobdesk.storage.recovery import PendingRestore

        try:
            safety = take_backup(self.db, backup_dir=self.store.backup_dir, reason="before-restore")
        except BackupError as error:
            self.board.report_error("The backup was not restored", error)
            return False
        self.pending_restore = PendingRestore(backup=backup, safety=safety)
        for dialog in self.findChildren(QDialog):
            dialog.close()
        self.close()
        return True

    def _single_shot(self, delay_ms: int, slot: Callable[[], object]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(delay_ms)
        timer.timeout.connect(slot)
        timer.start()
        return timer

    def closeEvent(self, event: QCloseEvent) -> None:
        for timer in (*self._deferred, self._backup_timer):
            timer.stop()
        self._collect_backup(wait=True)  # a backup under way is finished, never cut off
        if self._snapshot is not None:  # closed before the store was open
            self._snapshot.close()
            self._snapshot = None
        # A restore has just backed up already; otherwise a backup on quit if anything changed.
        if self._live and self.pending_restore is None:
            self.board.release_search_text()  # the backup reuses that memory, not more
            self.back_up(self.backups.on_quit)
        event.accept()
