"""The main window: the board, the filter, menus, undo, and the dialogs they open."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QLineEdit,
    QMainWindow,
    QToolBar,
    QWidget,
)

from jobdesk import __version__
from jobdesk.services.stages import list_stages
from jobdesk.storage.store import Store
from jobdesk.ui.board.board import Board
from jobdesk.ui.icons import application_icon

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from jobdesk.services.details import ApplicationDetails
    from jobdesk.ui.editor.application_dialog import ApplicationDialog
    from jobdesk.ui.shortcuts_dialog import ShortcutsDialog
    from jobdesk.ui.stages_dialog import StagesDialog

# Dialogs are imported when first opened: start-up pays only for the board
# (each Qt class a module touches costs PySide6 time and memory to set up).

_DialogType = TypeVar("_DialogType", bound="QDialog")

#: How long typing in the company field pauses before earlier rejections are looked up.
REAPPLY_LOOKUP_DELAY_MS = 250


class MainWindow(QMainWindow):
    """jobdesk's main window, built on an already opened store."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.db = store.db
        self.setObjectName("MainWindow")
        self.setWindowTitle("jobdesk")
        self.setAccessibleName("jobdesk main window")
        self.setWindowIcon(application_icon())
        self.resize(1280, 760)

        self.undo_stack = QUndoStack(self)
        self.board = Board(self.db, self.undo_stack, self)
        self.board.openRequested.connect(self.open_application)
        self.board.currentCardChanged.connect(self._update_card_actions)
        self.setCentralWidget(self.board)

        self.filter_box = QLineEdit(self)
        self.filter_box.setObjectName("BoardFilter")
        self.filter_box.setAccessibleName("Filter the board")
        self.filter_box.setPlaceholderText("Filter by company, role, tag, place or note  (Ctrl+F)")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setMinimumWidth(360)
        self.filter_box.textChanged.connect(self.board.set_filter)
        self.filter_box.returnPressed.connect(self.board.focus_first_card)
        self.show_archived = QCheckBox("Show archived", self)
        self.show_archived.setAccessibleName("Show archived applications")
        self.show_archived.toggled.connect(self.board.set_include_archived)

        self._build_actions()
        self._build_menus_and_toolbar()
        self.statusBar().showMessage(f"Your data: {store.data_dir}")
        self._dialogs: list[QWidget] = []
        self._update_card_actions()

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
        action.triggered.connect(handler)
        if board_only:
            # Only while the board has the focus: Alt+Left in the filter box moves
            # the text cursor, not a card.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.board.addAction(action)
        else:
            self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(
            "&New application…", self.new_application, QKeySequence.StandardKey.New
        )
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
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
            "&Archive", self.board.archive_current, QKeySequence.StandardKey.Delete, board_only=True
        )
        self.stages_action = self._action("&Stages…", self.manage_stages)
        self.shortcuts_action = self._action("&Keyboard shortcuts", self.show_shortcuts, "F1", "?")
        self.about_action = self._action("&About jobdesk", self.show_about)
        self.clear_filter_action = self._action("Clear filter", self._clear_filter, "Escape")

    def _build_menus_and_toolbar(self) -> None:
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu("&File")
        file_menu.addAction(self.new_action)
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
        card_menu.addAction(self.archive_action)
        board_menu = menu_bar.addMenu("&Board")
        board_menu.addAction(self.stages_action)
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
        self.addToolBar(toolbar)

    def _update_card_actions(self) -> None:
        has_card = self.board.current_card_id() is not None
        for action in (
            self.open_action,
            self.move_left_action,
            self.move_right_action,
            self.move_up_action,
            self.move_down_action,
            self.archive_action,
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
            stages=list_stages(self.db),
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

        stages = list_stages(self.db, include_hidden=False)
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

    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()
