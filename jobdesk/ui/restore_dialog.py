"""Choosing a backup to restore: when it was taken, why, how big, and what it holds.

Signals:
    restoreChosen(Path): the person picked a backup and confirmed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jobdesk.storage.backup import BackupError, BackupInfo, backup_counts, list_backups
from jobdesk.ui.plain_text import plain_label

COLUMNS = ("Taken", "Why", "Size", "Applications", "Rejections", "Lessons")
REASONS = {
    "startup": "Start-up",
    "auto": "Automatic",
    "quit": "On quit",
    "manual": "Made by hand",
    "before-restore": "Before a restore",
}


def reason_label(reason: str) -> str:
    if reason.startswith("before-v"):
        return "Before an upgrade"
    return REASONS.get(reason, reason.replace("-", " ").capitalize())


def when_label(backup: BackupInfo) -> str:
    local = backup.taken_at.astimezone()
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M}"


def size_label(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{max(1, size // 1024)} KB"


class RestoreDialog(QDialog):
    restoreChosen = Signal(Path)

    def __init__(self, backup_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RestoreDialog")
        self.setWindowTitle("Restore from a backup")
        self.setAccessibleName("Restore from a backup")
        self.resize(760, 440)
        self.backups = list_backups(backup_dir)
        intro = plain_label(
            "jobdesk keeps checked backups of your data: everything from the last two days, "
            "then one a day, a week and a month. Restoring one first backs up what you have "
            "now, so you can always come back to it.",
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.backups), len(COLUMNS), self)
        self.table.setAccessibleName("Backups")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for row, backup in enumerate(self.backups):
            self._fill(row, backup)
        self.empty = plain_label("There are no backups yet. One is made shortly after start-up.")
        self.empty.setVisible(not self.backups)
        self.table.setVisible(bool(self.backups))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = QPushButton("&Restore…", self)
        self.restore_button.setAccessibleName("Restore the chosen backup")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.confirm)
        self.table.itemSelectionChanged.connect(self._update_button)
        self.table.doubleClicked.connect(lambda _index: self.confirm())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        if self.backups:
            self.table.selectRow(0)
        self._update_button()

    def _fill(self, row: int, backup: BackupInfo) -> None:
        try:
            counts = backup_counts(backup.path)
            numbers = [f"{counts[key]:,}" for key in ("applications", "rejections", "lessons")]
        except BackupError:
            numbers = ["unreadable", "", ""]
        cells = [when_label(backup), reason_label(backup.reason), size_label(backup.size_bytes)]
        for column, text in enumerate(cells + numbers):
            item = QTableWidgetItem(text)
            if column >= 2:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)

    def chosen(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _update_button(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    def confirm(self) -> QMessageBox | None:
        backup = self.chosen()
        if backup is None:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Restore this backup?",
            f"Restore the backup from {when_label(backup)}?",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setObjectName("RestoreConfirmation")
        box.setInformativeText(
            "What you have now is backed up first. jobdesk then reopens with the restored "
            "board; undo history is cleared."
        )
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        restore.clicked.connect(lambda: self._chosen(backup.path))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.confirmation = box
        return box

    def _chosen(self, path: Path) -> None:
        self.accept()
        self.restoreChosen.emit(path)
