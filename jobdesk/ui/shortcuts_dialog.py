"""The list of keyboard shortcuts (F1 or ?)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Arrow keys", "Move between cards and columns"),
    ("Enter", "Open the selected application"),
    ("Alt+Left / Alt+Right", "Move the card to the previous / next stage"),
    ("Alt+Up / Alt+Down", "Move the card up / down in its column"),
    ("Delete", "Archive the card (undo brings it back)"),
    ("Ctrl+R", "Record a rejection for the card"),
    ("Ctrl+N", "New application"),
    ("Ctrl+F", "Filter the board"),
    ("Ctrl+L", "Lessons learned"),
    ("Ctrl+Shift+F", "Follow-ups and reflections"),
    ("Ctrl+I", "Insights"),
    ("Ctrl+E", "Export"),
    ("Escape", "Clear the filter, or cancel a drag"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z", "Redo"),
    ("F1 or ?", "This list"),
)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ShortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        table = QTableWidget(len(SHORTCUTS), 2, self)
        table.setAccessibleName("Shortcuts")
        table.setHorizontalHeaderLabels(["Keys", "What they do"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (keys, meaning) in enumerate(SHORTCUTS):
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(meaning))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(520, 580)
