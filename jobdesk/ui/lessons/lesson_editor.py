"""A small dialog to write or edit one lesson: what was learned and what to do next.

Signals:
    lessonSaved(LessonDraft): the person pressed Save with a lesson worth keeping.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from jobdesk.domain.vocabulary import LessonCategory, LessonStatus
from jobdesk.services.lessons import INTERVIEW_CATEGORIES
from jobdesk.ui.choices import choice_box, select_choice
from jobdesk.ui.plain_text import plain_label

ERROR_STYLE = "color: #c0392b;"


@dataclass(frozen=True)
class LessonDraft:
    text: str
    category: str = LessonCategory.OTHER.value
    action: str = ""
    status: str = LessonStatus.OPEN.value
    for_interviews: bool = False


class LessonEditor(QDialog):
    """Edit the words, category, next step and status of a lesson."""

    lessonSaved = Signal(object)

    def __init__(
        self, draft: LessonDraft, *, title: str = "Lesson", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("LessonEditor")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.resize(520, 360)
        self.text = QLineEdit(draft.text, self)
        self.text.setAccessibleName("Lesson")
        self.text.setPlaceholderText("What you learned, in a few words")
        self.category = choice_box(LessonCategory, accessible_name="Category", parent=self)
        select_choice(self.category, draft.category)
        self.action = QPlainTextEdit(self)
        self.action.setPlainText(draft.action)
        self.action.setAccessibleName("Next step")
        self.action.setPlaceholderText("One concrete thing to do differently next time")
        self.status = choice_box(LessonStatus, accessible_name="Status", parent=self)
        select_choice(self.status, draft.status)
        self.for_interviews = QCheckBox("Remind me before interviews", self)
        self.for_interviews.setAccessibleName("Remind me before interviews")
        self.for_interviews.setChecked(draft.for_interviews)
        self.error = plain_label("", self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()

        form = QFormLayout()
        form.addRow("&Lesson", self.text)
        form.addRow("&Category", self.category)
        form.addRow("&Next step", self.action)
        form.addRow("&Status", self.status)
        form.addRow("", self.for_interviews)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName("Save lesson")
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.category.currentIndexChanged.connect(self._suggest_interview_reminder)

    def _suggest_interview_reminder(self) -> None:
        if self.category.currentData() in INTERVIEW_CATEGORIES:
            self.for_interviews.setChecked(True)

    def draft(self) -> LessonDraft:
        return LessonDraft(
            text=self.text.text(),
            category=self.category.currentData(),
            action=self.action.toPlainText(),
            status=self.status.currentData(),
            for_interviews=self.for_interviews.isChecked(),
        )

    def _save(self) -> None:
        if not self.text.text().strip():
            self.error.setText("Write a few words saying what you learned.")
            self.error.show()
            self.text.setFocus()
            return
        self.lessonSaved.emit(self.draft())
        self.accept()
