"""Lessons that come back: a checklist beside the board when an interview comes up.

It never blocks: a dock the person can read, tick and dismiss. Ticks are
just for getting ready; they change nothing stored.

Signals:
    libraryRequested(): "All lessons…" was pressed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jobdesk.services.lessons import LessonRow
from jobdesk.ui.plain_text import plain_label


class InterviewChecklist(QDockWidget):
    libraryRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Before your interview", parent)
        self.setObjectName("InterviewChecklist")
        self.setAccessibleName("Lessons to remember before your interview")
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        inner = QWidget(self)
        self.heading = plain_label("", inner)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: 600;")
        self.hint = plain_label(
            "What you have learned from earlier interviews. Tick each one as you get ready.",
            inner,
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.items = QListWidget(inner)
        self.items.setAccessibleName("Lessons to remember")
        self.items.setWordWrap(True)
        self.items.setMinimumWidth(260)
        library = QPushButton("All lessons…", inner)
        library.setAccessibleName("Open the lessons library")
        library.clicked.connect(self.libraryRequested)
        dismiss = QPushButton("Dismiss", inner)
        dismiss.setAccessibleName("Dismiss the checklist")
        dismiss.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(library)
        buttons.addStretch(1)
        buttons.addWidget(dismiss)
        layout = QVBoxLayout(inner)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.items, 1)
        layout.addLayout(buttons)
        self.setWidget(inner)

    def show_for(self, *, company: str, role: str, lessons: list[LessonRow]) -> None:
        where = " at ".join(filter(None, (role, company))) or "your next interview"
        self.heading.setText(f"Coming up: {where}")
        self.items.clear()
        for lesson in lessons:
            text = lesson.text if not lesson.action.strip() else f"{lesson.text}\n{lesson.action}"
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, lesson.id)
            self.items.addItem(item)
        self.show()
        self.raise_()
