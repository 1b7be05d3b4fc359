"""The table model behind the lessons library: one row per lesson, read-only.

Rows come from ``list_lessons``; the view filters by asking the service
again and hands the new rows over with ``set_lessons``. Display text is the
text as typed (item views never interpret markup); tooltips go through
``plain_tooltip`` because Qt renders tooltips as rich text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from jobdesk.domain.vocabulary import LabelledEnum, LessonCategory, LessonStatus
from jobdesk.services.lessons import LessonRow
from jobdesk.ui.plain_text import plain_tooltip

_BASE = Qt.ItemDataRole.UserRole
LessonIdRole = _BASE + 1
#: What the columns sort by: words case-insensitively, choices in their own order.
SortRole = _BASE + 2

LESSON, CATEGORY, STATUS, REJECTIONS, NEXT_STEP = range(5)
HEADERS = ("Lesson", "Category", "Status", "Rejections", "Next step")
HEADER_TOOLTIPS = (
    "What you learned",
    "What the lesson is about",
    "Open, being practised, or done",
    "How many rejections this lesson was learned from",
    "The concrete thing to do differently",
)

_CATEGORY_ORDER = {choice.value: number for number, choice in enumerate(LessonCategory)}
_STATUS_ORDER = {choice.value: number for number, choice in enumerate(LessonStatus)}

_Index = QModelIndex | QPersistentModelIndex


def choice_label(choices: type[LabelledEnum], value: str) -> str:
    """The label of *value*, or the stored code itself if it is not a known choice."""
    try:
        return choices(value).label
    except ValueError:
        return value


def one_line(text: str) -> str:
    """*text* with its line breaks and runs of spaces folded, for a table cell."""
    return " ".join(text.split())


class LessonsModel(QAbstractTableModel):
    """Lessons as rows: Lesson, Category, Status, Rejections, Next step."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lessons: list[LessonRow] = []

    # -- contents ----------------------------------------------------------------

    def set_lessons(self, lessons: Sequence[LessonRow]) -> None:
        self.beginResetModel()
        self._lessons = list(lessons)
        self.endResetModel()

    def lessons(self) -> list[LessonRow]:
        return list(self._lessons)

    def lesson_at(self, row: int) -> LessonRow | None:
        return self._lessons[row] if 0 <= row < len(self._lessons) else None

    def row_of(self, lesson_id: int) -> int | None:
        return next(
            (row for row, lesson in enumerate(self._lessons) if lesson.id == lesson_id), None
        )

    # -- Qt model interface ------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._lessons)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(HEADERS)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TOOLTIPS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section == REJECTIONS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        lesson = self.lesson_at(index.row())
        column = index.column()
        if lesson is None or not 0 <= column < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(lesson, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(lesson, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column == REJECTIONS else Qt.AlignmentFlag.AlignLeft
            )
            return horizontal | Qt.AlignmentFlag.AlignVCenter
        if role == LessonIdRole:
            return lesson.id
        if role == SortRole:
            return self._sort_key(lesson, column)
        return None

    def _display(self, lesson: LessonRow, column: int) -> str | int:
        if column == LESSON:
            return lesson.text
        if column == CATEGORY:
            return choice_label(LessonCategory, lesson.category)
        if column == STATUS:
            return choice_label(LessonStatus, lesson.status)
        if column == REJECTIONS:
            return lesson.rejection_count
        return one_line(lesson.action)

    def _tooltip(self, lesson: LessonRow, column: int) -> str | None:
        if column == LESSON:
            return plain_tooltip(lesson.text)
        if column == NEXT_STEP and lesson.action.strip():
            return plain_tooltip(lesson.action)
        if column == REJECTIONS:
            count = lesson.rejection_count
            return f"Learned from {count} rejection{'s' if count != 1 else ''}"
        return None

    @staticmethod
    def _sort_key(lesson: LessonRow, column: int) -> str | int:
        if column == LESSON:
            return lesson.text.casefold()
        if column == CATEGORY:
            return _CATEGORY_ORDER.get(lesson.category, len(_CATEGORY_ORDER))
        if column == STATUS:
            return _STATUS_ORDER.get(lesson.status, len(_STATUS_ORDER))
        if column == REJECTIONS:
            return lesson.rejection_count
        return one_line(lesson.action).casefold()
