"""Follow-ups and reflections: what is still waiting on the person after a rejection.

Two short lists: feedback asked for and not yet received (with the ones
whose follow-up date has come marked "Due"), and reflections left
unfinished. Opening a row hands its application to whoever opened the
dialog, which shows the rejection dialog for it.

Signals:
    openRejection(int): the application id of the row the person opened.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jobdesk.domain.dates import today
from jobdesk.services import Database
from jobdesk.services.lessons import (
    FollowUp,
    PendingReflection,
    feedback_follow_ups,
    pending_reflections,
)
from jobdesk.ui.plain_text import plain_label, plain_tooltip

NOTHING_WAITING = "Nothing is waiting on you here."
NO_FOLLOW_UPS = "No feedback to chase: every request has an answer or was never sent."
NO_REFLECTIONS = "Every reflection is finished."
DUE = "Due"
WAITING = "Waiting"
DUE_COLOUR = "#d9822b"  # the board's "follow-up due" badge
MUTED_STYLE = "color: palette(placeholder-text);"
HEADING_STYLE = "font-weight: 600;"
ApplicationIdRole = Qt.ItemDataRole.UserRole + 1

FOLLOW_UP_HEADERS = ("When", "Company", "Role", "Asked on", "Follow up on")
REFLECTION_HEADERS = ("Company", "Role")


def short_date(when: date | None, *, missing: str = "—") -> str:
    return missing if when is None else f"{when.day} {when:%b %Y}"


def is_due(follow_up: FollowUp, on: date) -> bool:
    return follow_up.follow_up_on is not None and follow_up.follow_up_on <= on


def _table(headers: tuple[str, ...], name: str, parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return table


def _item(text: str, application_id: int, *, tooltip: bool = False) -> QTableWidgetItem:
    """A read-only cell; item views draw text as typed, never as markup."""
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    item.setData(ApplicationIdRole, application_id)
    if tooltip and text:
        item.setToolTip(plain_tooltip(text))
    return item


class FollowUpsDialog(QDialog):
    """Feedback to chase and reflections to finish, each one a double-click away."""

    openRejection = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("FollowUpsDialog")
        self.setWindowTitle("Follow-ups and reflections")
        self.setAccessibleName("Follow-ups and reflections")
        self.resize(820, 600)
        self.error_box: QMessageBox | None = None

        intro = plain_label(
            "Feedback you are still waiting for, and reflections you started but have not "
            "finished. Open one to pick it up where you left it.",
            self,
        )
        intro.setWordWrap(True)
        intro.setStyleSheet(MUTED_STYLE)

        self.follow_ups_heading = plain_label("", self)
        self.follow_ups_heading.setStyleSheet(HEADING_STYLE)
        self.follow_ups = _table(FOLLOW_UP_HEADERS, "Feedback to follow up", self)
        self.follow_ups.setColumnWidth(0, 80)
        self.follow_ups.setColumnWidth(1, 200)
        self.follow_ups.setColumnWidth(2, 220)
        self.follow_ups.setColumnWidth(3, 110)
        self.follow_ups_empty = self._quiet(NO_FOLLOW_UPS)

        self.reflections_heading = plain_label("", self)
        self.reflections_heading.setStyleSheet(HEADING_STYLE)
        self.reflections = _table(REFLECTION_HEADERS, "Reflections to finish", self)
        self.reflections.setColumnWidth(0, 290)
        self.reflections_empty = self._quiet(NO_REFLECTIONS)

        lists = QWidget(self)
        column = QVBoxLayout(lists)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.follow_ups_heading)
        column.addWidget(self.follow_ups, 3)
        column.addWidget(self.follow_ups_empty)
        column.addSpacing(10)
        column.addWidget(self.reflections_heading)
        column.addWidget(self.reflections, 2)
        column.addWidget(self.reflections_empty)

        self.placeholder = plain_label(NOTHING_WAITING, self)
        self.placeholder.setAccessibleName(NOTHING_WAITING)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet(MUTED_STYLE + " padding: 24px;")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(lists)
        self.stack.addWidget(self.placeholder)

        self.open_button = QPushButton("&Open…", self)
        self.open_button.setAccessibleName("Open the rejection")
        self.open_button.setToolTip("Open the rejection to record the reply or finish reflecting")
        self.open_button.clicked.connect(self.open_selected)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

        for table, other in (
            (self.follow_ups, self.reflections),
            (self.reflections, self.follow_ups),
        ):
            table.activated.connect(lambda index, t=table: self._open_row(t, index.row()))
            table.itemSelectionChanged.connect(lambda t=table, o=other: self._selection_moved(t, o))
        self.refresh()

    def _quiet(self, text: str) -> QWidget:
        label = plain_label(text, self)
        label.setWordWrap(True)
        label.setStyleSheet(MUTED_STYLE + " padding: 4px 0 8px 0;")
        return label

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter on a row opens it, and does nothing more.

        Item views pass Enter on after acting on it, and QDialog would then
        press a default button: its own Close, or the Save button of a dialog
        that Enter has just opened (QDialog looks through all its children).
        A focused button still takes Enter itself, before it gets here.
        """
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    # -- reading -------------------------------------------------------------------

    def refresh(self) -> None:
        try:
            follow_ups = feedback_follow_ups(self.db)
            reflections = pending_reflections(self.db)
        except Exception as error:  # any failure is shown; nothing changes
            self._report("The follow-ups could not be read", error)
            return
        on = today()
        self._fill_follow_ups(follow_ups, on)
        self._fill_reflections(reflections)
        due = sum(is_due(follow_up, on) for follow_up in follow_ups)
        heading = f"Feedback to follow up ({len(follow_ups)})"
        if due:
            heading += f" — {due} due"
        self.follow_ups_heading.setText(heading)
        self.reflections_heading.setText(f"Reflections to finish ({len(reflections)})")
        self.follow_ups.setVisible(bool(follow_ups))
        self.follow_ups_empty.setVisible(not follow_ups)
        self.reflections.setVisible(bool(reflections))
        self.reflections_empty.setVisible(not reflections)
        waiting = bool(follow_ups or reflections)
        self.stack.setCurrentIndex(0 if waiting else 1)
        if waiting:
            first = self.follow_ups if follow_ups else self.reflections
            first.selectRow(0)
            first.setFocus()
        self._update_buttons()

    def _fill_follow_ups(self, follow_ups: list[FollowUp], on: date) -> None:
        table = self.follow_ups
        table.setRowCount(len(follow_ups))
        bold = QFont(table.font())
        bold.setWeight(QFont.Weight.DemiBold)
        for row, follow_up in enumerate(follow_ups):
            app_id = follow_up.application_id
            due = is_due(follow_up, on)
            when = _item(DUE if due else WAITING, app_id)
            if due:
                when.setFont(bold)
                when.setForeground(QBrush(QColor(DUE_COLOUR)))
                when.setToolTip("The day you meant to follow up has come")
            cells = (
                when,
                _item(follow_up.company, app_id, tooltip=True),
                _item(follow_up.role, app_id, tooltip=True),
                _item(short_date(follow_up.requested_on), app_id),
                _item(short_date(follow_up.follow_up_on, missing="No date set"), app_id),
            )
            for column, item in enumerate(cells):
                table.setItem(row, column, item)

    def _fill_reflections(self, reflections: list[PendingReflection]) -> None:
        table = self.reflections
        table.setRowCount(len(reflections))
        for row, (app_id, company, role) in enumerate(reflections):
            table.setItem(row, 0, _item(company, app_id, tooltip=True))
            table.setItem(row, 1, _item(role, app_id, tooltip=True))

    # -- opening -------------------------------------------------------------------

    def selected_application(self) -> int | None:
        for table in (self.follow_ups, self.reflections):
            rows = table.selectionModel().selectedRows()
            if rows:
                item = table.item(rows[0].row(), 0)
                if item is not None:
                    return int(item.data(ApplicationIdRole))
        return None

    def open_selected(self) -> None:
        application_id = self.selected_application()
        if application_id is not None:
            self.openRejection.emit(application_id)

    def _open_row(self, table: QTableWidget, row: int) -> None:
        item = table.item(row, 0)
        if item is not None:
            self.openRejection.emit(int(item.data(ApplicationIdRole)))

    def _selection_moved(self, table: QTableWidget, other: QTableWidget) -> None:
        """One row at a time across both lists, so Open is never ambiguous."""
        if table.selectionModel().hasSelection():
            other.blockSignals(True)
            other.clearSelection()
            other.blockSignals(False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.selected_application() is not None)

    def _report(self, title: str, error: BaseException) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "jobdesk", title, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(str(error))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.error_box = box
