"""Page 4, lessons: suggestions from the reason, the feedback and the fit, kept as lessons.

A lesson with the same words as one already in the library is linked, not
copied, so the library counts how often a lesson came up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jobdesk.domain.reflection import LessonSuggestion, suggest_lessons
from jobdesk.domain.vocabulary import LessonCategory, ReasonCategory
from jobdesk.services import Database
from jobdesk.services.lessons import (
    LessonRow,
    create_lesson,
    find_lesson,
    lesson_key,
    list_lessons,
    update_lesson,
)
from jobdesk.services.rejections import RejectionRecord
from jobdesk.ui.lessons.lesson_delegate import LessonDelegate
from jobdesk.ui.lessons.lesson_editor import LessonDraft, LessonEditor
from jobdesk.ui.plain_text import plain_label
from jobdesk.ui.rejection.fit_page import fit_answers
from jobdesk.ui.rejection.page import RejectionPage
from jobdesk.ui.rejection.widgets import intro_label


def _category_label(value: str) -> str:
    try:
        return LessonCategory(value).label
    except ValueError:
        return value


def _heading(text: str, parent: QWidget) -> QWidget:
    label = plain_label(text, parent)
    label.setStyleSheet("font-weight: 600; padding-top: 6px;")
    return label


class LessonsPage(RejectionPage):
    title = "Lessons"

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.lesson_ids: list[int] = []
        self._suggestions: list[LessonSuggestion] = []

        self.suggestions = QListWidget(self)
        self.suggestions.setAccessibleName("Suggested lessons")
        self._lesson_list(self.suggestions)
        self.add_suggestion_button = QPushButton("&Keep this lesson", self)
        self.add_suggestion_button.setAccessibleName("Keep the suggested lesson")
        self.edit_suggestion_button = QPushButton("&Edit, then keep…", self)
        self.edit_suggestion_button.setAccessibleName("Edit the suggested lesson, then keep it")
        self.suggestions_empty = plain_label("", self)
        self.suggestions_empty.setWordWrap(True)
        self.suggestions_empty.setStyleSheet("color: palette(placeholder-text);")

        self.linked = QListWidget(self)
        self.linked.setAccessibleName("Lessons kept from this rejection")
        self._lesson_list(self.linked)
        self.edit_linked_button = QPushButton("Edi&t…", self)
        self.edit_linked_button.setAccessibleName("Edit the kept lesson")
        self.remove_linked_button = QPushButton("Re&move", self)
        self.remove_linked_button.setAccessibleName("Remove the lesson from this rejection")
        self.write_button = QPushButton("&Write your own…", self)
        self.write_button.setAccessibleName("Write a lesson of your own")
        self.existing = QComboBox(self)
        self.existing.setAccessibleName("A lesson you already have")
        self.existing.setMinimumContentsLength(24)
        self.existing.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.link_button = QPushButton("&Link", self)
        self.link_button.setAccessibleName("Link the lesson you already have")

        suggestion_buttons = QHBoxLayout()
        suggestion_buttons.addWidget(self.add_suggestion_button)
        suggestion_buttons.addWidget(self.edit_suggestion_button)
        suggestion_buttons.addStretch(1)
        linked_buttons = QHBoxLayout()
        linked_buttons.addWidget(self.edit_linked_button)
        linked_buttons.addWidget(self.remove_linked_button)
        linked_buttons.addWidget(self.write_button)
        linked_buttons.addStretch(1)
        link_row = QHBoxLayout()
        link_row.addWidget(plain_label("Already learned this before?", self))
        link_row.addWidget(self.existing, 1)
        link_row.addWidget(self.link_button)

        layout = QVBoxLayout(self)
        layout.addWidget(
            intro_label(
                "What would you do differently next time? Here are some ideas from what you "
                "noted. Keep the ones that ring true, change their words, or write your own.",
                self,
            )
        )
        layout.addWidget(_heading("Suggestions", self))
        layout.addWidget(self.suggestions, 3)
        layout.addWidget(self.suggestions_empty)
        layout.addLayout(suggestion_buttons)
        layout.addWidget(_heading("Your lessons from this one", self))
        layout.addWidget(self.linked, 2)
        layout.addLayout(linked_buttons)
        layout.addLayout(link_row)

        self.add_suggestion_button.clicked.connect(self.keep_suggestion)
        self.edit_suggestion_button.clicked.connect(self._edit_suggestion)
        self.suggestions.itemDoubleClicked.connect(lambda _item: self.keep_suggestion())
        self.suggestions.currentRowChanged.connect(self._update_buttons)
        self.linked.currentRowChanged.connect(self._update_buttons)
        self.linked.itemDoubleClicked.connect(lambda _item: self._edit_linked())
        self.edit_linked_button.clicked.connect(self._edit_linked)
        self.remove_linked_button.clicked.connect(self.remove_linked)
        self.write_button.clicked.connect(self._write_own)
        self.link_button.clicked.connect(self.link_existing)
        self.existing.currentIndexChanged.connect(self._update_buttons)

    def _lesson_list(self, view: QListWidget) -> None:
        view.setItemDelegate(LessonDelegate(view))
        view.setWordWrap(True)
        view.setResizeMode(QListWidget.ResizeMode.Adjust)
        view.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)

    # -- RejectionPage -----------------------------------------------------------

    def show_record(self, record: RejectionRecord) -> None:
        self.lesson_ids = list(record.lesson_ids)
        self._refresh_lists()

    def read(self, record: RejectionRecord) -> RejectionRecord:
        return replace(record, lesson_ids=tuple(self.lesson_ids))

    def entered(self, record: RejectionRecord) -> None:
        """Suggestions follow the latest answers of the earlier pages."""
        try:
            category = ReasonCategory(record.reason_category)
        except ValueError:
            category = ReasonCategory.UNKNOWN
        self._suggestions = suggest_lessons(
            reason_category=category, feedback=record.feedback_received, fit=fit_answers(record)
        )
        self._refresh_lists()

    # -- lists -------------------------------------------------------------------

    def _refresh_lists(self) -> None:
        lessons = {lesson.id: lesson for lesson in list_lessons(self.db)}
        self.lesson_ids = [i for i in self.lesson_ids if i in lessons]
        kept = {lesson_key(lessons[i].text) for i in self.lesson_ids}

        self.suggestions.clear()
        for suggestion in self._suggestions:
            if lesson_key(suggestion.text) in kept:
                continue
            item = QListWidgetItem(
                f"{suggestion.text}\n{suggestion.action}\n"
                f"{_category_label(suggestion.category)} · {suggestion.reason}"
            )
            item.setData(Qt.ItemDataRole.UserRole, suggestion)
            self.suggestions.addItem(item)
        if self.suggestions.count():
            self.suggestions.setCurrentRow(0)
            self.suggestions_empty.hide()
        else:
            self.suggestions_empty.setText(
                "No more suggestions. Anything you noticed yourself is worth writing down."
                if self._suggestions
                else "Nothing to suggest from your answers. If something comes to mind, "
                "write it down: even a small lesson helps."
            )
            self.suggestions_empty.show()

        self.linked.clear()
        for lesson_id in self.lesson_ids:
            self.linked.addItem(self._linked_item(lessons[lesson_id]))
        self.existing.clear()
        for lesson in lessons.values():
            if lesson.id not in self.lesson_ids:
                label = f"{lesson.text}  ({lesson.rejection_count}×)"
                self.existing.addItem(label, lesson.id)
        self._update_buttons()

    @staticmethod
    def _linked_item(lesson: LessonRow) -> QListWidgetItem:
        count = lesson.rejection_count
        seen = f" · came up {count} times" if count > 1 else ""
        lines = [lesson.text]
        if lesson.action.strip():
            lines.append(lesson.action)
        lines.append(f"{_category_label(lesson.category)}{seen}")
        item = QListWidgetItem("\n".join(lines))
        item.setData(Qt.ItemDataRole.UserRole, lesson.id)
        return item

    def _update_buttons(self) -> None:
        has_suggestion = self.suggestions.currentRow() >= 0 and self.suggestions.count() > 0
        self.add_suggestion_button.setEnabled(has_suggestion)
        self.edit_suggestion_button.setEnabled(has_suggestion)
        has_linked = self.linked.currentRow() >= 0 and self.linked.count() > 0
        self.edit_linked_button.setEnabled(has_linked)
        self.remove_linked_button.setEnabled(has_linked)
        self.link_button.setEnabled(self.existing.count() > 0)
        self.existing.setEnabled(self.existing.count() > 0)

    # -- actions -----------------------------------------------------------------

    def _current_suggestion(self) -> LessonSuggestion | None:
        item = self.suggestions.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def keep_suggestion(self) -> None:
        suggestion = self._current_suggestion()
        if suggestion is not None:
            self.keep(
                LessonDraft(
                    text=suggestion.text,
                    category=suggestion.category.value,
                    action=suggestion.action,
                    for_interviews=suggestion.for_interviews,
                )
            )

    def keep(self, draft: LessonDraft) -> None:
        """Link the library's lesson with these words, creating it if it is new."""
        try:
            lesson_id = find_lesson(self.db, text=draft.text)
            if lesson_id is None:
                lesson_id = create_lesson(
                    self.db,
                    text=draft.text,
                    category=draft.category,
                    action=draft.action,
                    status=draft.status,
                    for_interviews=draft.for_interviews,
                )
        except ValueError as error:
            self._show_error(str(error))
            return
        self.link(lesson_id)

    def link(self, lesson_id: int) -> None:
        if lesson_id not in self.lesson_ids:
            self.lesson_ids.append(lesson_id)
        self._refresh_lists()
        self._report_change()

    def link_existing(self) -> None:
        lesson_id = self.existing.currentData()
        if lesson_id is not None:
            self.link(int(lesson_id))

    def remove_linked(self) -> None:
        item = self.linked.currentItem()
        if item is None:
            return
        self.lesson_ids.remove(int(item.data(Qt.ItemDataRole.UserRole)))
        self._refresh_lists()
        self._report_change()

    def _edit_suggestion(self) -> None:
        suggestion = self._current_suggestion()
        if suggestion is None:
            return
        draft = LessonDraft(
            text=suggestion.text,
            category=suggestion.category.value,
            action=suggestion.action,
            for_interviews=suggestion.for_interviews,
        )
        self._open_editor(draft, "Keep a lesson", self.keep)

    def _write_own(self) -> None:
        self._open_editor(LessonDraft(text=""), "Write a lesson", self.keep)

    def _edit_linked(self) -> None:
        item = self.linked.currentItem()
        if item is None:
            return
        lesson_id = int(item.data(Qt.ItemDataRole.UserRole))
        lesson = next(lesson for lesson in list_lessons(self.db, ids=[lesson_id]))
        draft = LessonDraft(
            lesson.text, lesson.category, lesson.action, lesson.status, lesson.for_interviews
        )

        def save(edited: LessonDraft) -> None:
            try:
                update_lesson(self.db, lesson_id=lesson_id, **vars(edited))
            except ValueError as error:
                self._show_error(str(error))
                return
            self._refresh_lists()

        self._open_editor(draft, "Edit lesson", save)

    def _open_editor(
        self, draft: LessonDraft, title: str, on_save: Callable[[LessonDraft], None]
    ) -> LessonEditor:
        editor = LessonEditor(draft, title=title, parent=self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.lessonSaved.connect(on_save)
        editor.open()
        self.editor = editor
        return editor

    def _show_error(self, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, "jobdesk", "The lesson was not saved", parent=self
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(text)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
