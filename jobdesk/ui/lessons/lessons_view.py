"""The lessons library: every lesson learned, how often, and from which rejections.

A window the person keeps open beside the board (``show()``) or opens over it
(``open()``). Filters ask the service again rather than hiding rows; a proxy
model is there only to sort by a clicked header. Every change is one service
call followed by ``refresh()``, which keeps the selected lesson selected.

Nothing here emits signals for others: it reads and writes through the
lessons service and re-reads after each change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jobdesk.domain.dates import today
from jobdesk.domain.journal import lessons_journal
from jobdesk.domain.vocabulary import LessonCategory, LessonStatus
from jobdesk.private_files import default_export_folder, write_private_file
from jobdesk.services import Database
from jobdesk.services.lessons import (
    LessonRow,
    LessonSource,
    journal_lesson,
    list_lessons,
    merge_lessons,
    set_lesson_status,
    update_lesson,
)
from jobdesk.ui.choices import choice_box
from jobdesk.ui.lessons.lesson_editor import LessonDraft, LessonEditor
from jobdesk.ui.lessons.lessons_model import (
    CATEGORY,
    LESSON,
    REJECTIONS,
    STATUS,
    LessonsModel,
    SortRole,
    choice_label,
)
from jobdesk.ui.plain_text import plain_label, plain_tooltip
from jobdesk.ui.save_dialog import open_save_dialog

log = logging.getLogger(__name__)

EMPTY_LIBRARY = "No lessons yet. They are added when you reflect on a rejection."
NOTHING_MATCHES = "No lessons match these filters."
NOTHING_SELECTED = "Select a lesson to see its next step and the rejections it came from."
MUTED_STYLE = "color: palette(placeholder-text);"


def journal_file_name(on: date) -> str:
    return f"lessons-journal-{on.isoformat()}.md"


def source_line(source: LessonSource) -> str:
    """ "Company — Role, 3 May 2026" for the details pane."""
    text = " — ".join(part for part in (source.company, source.role) if part) or "Untitled"
    if source.rejected_on is not None:
        text += f", {source.rejected_on.day} {source.rejected_on:%b %Y}"
    return text


def rejections_phrase(count: int) -> str:
    return f"{count} rejection{'s' if count != 1 else ''}"


class MergeLessonDialog(QDialog):
    """Pick the lesson to fold into the one selected in the library.

    Signals:
        accepted(): read ``chosen()`` for the lesson picked.
    """

    def __init__(self, keep: LessonRow, others: list[LessonRow], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("MergeLessonDialog")
        self.setWindowTitle("Merge lessons")
        self.setAccessibleName("Merge lessons")
        self.resize(600, 440)
        self._others = {lesson.id: lesson for lesson in others}
        intro = plain_label(f"Which lesson says the same as “{keep.text}”?", self)
        intro.setWordWrap(True)
        hint = plain_label(
            "The one you pick is folded into it: its rejections move over and it is removed.",
            self,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(MUTED_STYLE)
        self.choices = QTreeWidget(self)
        self.choices.setAccessibleName("Lesson to fold in")
        self.choices.setHeaderLabels(["Lesson", "Category", "Rejections"])
        self.choices.setRootIsDecorated(False)
        self.choices.setUniformRowHeights(True)
        self.choices.setAlternatingRowColors(True)
        self.choices.setTextElideMode(Qt.TextElideMode.ElideRight)
        for lesson in others:
            item = QTreeWidgetItem(
                [
                    lesson.text,
                    choice_label(LessonCategory, lesson.category),
                    str(lesson.rejection_count),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, lesson.id)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, plain_tooltip(lesson.text))
            if lesson.action.strip():
                item.setToolTip(1, plain_tooltip(f"Next step: {lesson.action}"))
            self.choices.addTopLevelItem(item)
        header = self.choices.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Merge…")
        self.ok_button.setAccessibleName("Merge the chosen lesson")
        self.ok_button.setEnabled(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.choices.currentItemChanged.connect(
            lambda current, _: self.ok_button.setEnabled(current is not None)
        )
        self.choices.itemDoubleClicked.connect(lambda *_: self.accept())  # Enter: the default
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(hint)
        layout.addWidget(self.choices, 1)
        layout.addWidget(buttons)

    def choose(self, lesson_id: int) -> None:
        for row in range(self.choices.topLevelItemCount()):
            item = self.choices.topLevelItem(row)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == lesson_id:
                self.choices.setCurrentItem(item)

    def chosen(self) -> LessonRow | None:
        item = self.choices.currentItem()
        if item is None:
            return None
        return self._others.get(item.data(0, Qt.ItemDataRole.UserRole))


class LessonsView(QDialog):
    """Browse, filter, edit, merge and export the lessons learned."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("LessonsView")
        self.setWindowTitle("Lessons learned")
        self.setAccessibleName("Lessons learned")
        self.resize(1040, 700)
        self._library_size = 0
        self.editor: LessonEditor | None = None
        self.merge_dialog: MergeLessonDialog | None = None
        self.merge_confirmation: QMessageBox | None = None
        self.export_dialog: QFileDialog | None = None
        self.error_box: QMessageBox | None = None

        self.category_filter = choice_box(
            LessonCategory,
            accessible_name="Show category",
            empty_label="All categories",
            parent=self,
        )
        self.status_filter = choice_box(
            LessonStatus, accessible_name="Show status", empty_label="All statuses", parent=self
        )
        filters = QHBoxLayout()
        for text, box in (("&Category:", self.category_filter), ("&Status:", self.status_filter)):
            label = QLabel(text, self)
            label.setBuddy(box)
            filters.addWidget(label)
            filters.addWidget(box)
            filters.addSpacing(12)
            box.currentIndexChanged.connect(self.refresh)
        filters.addStretch(1)
        self.count_label = plain_label("", self)
        self.count_label.setStyleSheet(MUTED_STYLE)
        filters.addWidget(self.count_label)

        self.model = LessonsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = self._build_table()
        self.placeholder = plain_label(EMPTY_LIBRARY, self)
        self.placeholder.setAccessibleName("No lessons")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet(MUTED_STYLE + " padding: 24px;")
        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.placeholder)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.list_stack)
        splitter.addWidget(self._build_details())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([380, 220])

        self.edit_button = self._button("&Edit…", "Edit lesson", self.edit_selected)
        self.edit_button.setToolTip("Change the words, category, next step or status (Enter)")
        self.practising_button = self._button(
            "Mark &practising",
            "Mark practising",
            lambda: self.mark_selected(LessonStatus.PRACTISING.value),
        )
        self.practising_button.setToolTip("You are working on this one now")
        self.done_button = self._button(
            "Mark &done", "Mark done", lambda: self.mark_selected(LessonStatus.DONE.value)
        )
        self.done_button.setToolTip("You have this one covered")
        self.merge_button = self._button("&Merge…", "Merge lessons", self.merge_selected)
        self.merge_button.setToolTip(
            "Fold another lesson that says the same into this one, keeping every link"
        )
        self.export_button = self._button(
            "E&xport journal…", "Export journal", self.choose_export_file
        )
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.edit_button, self.practising_button, self.done_button):
            buttons.addWidget(button)
        buttons.addSpacing(12)
        buttons.addWidget(self.merge_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)

        self.status_line = plain_label("", self)
        self.status_line.setAccessibleName("Last result")
        self.status_line.setWordWrap(True)
        self.status_line.setStyleSheet(MUTED_STYLE)
        self.status_line.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status_line)
        layout.addLayout(buttons)
        self.refresh()
        self.table.setFocus()

    # -- building ----------------------------------------------------------------

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setAccessibleName("Lessons")
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(REJECTIONS, Qt.SortOrder.DescendingOrder)
        table.setSortingEnabled(True)
        table.setColumnWidth(LESSON, 310)
        table.setColumnWidth(CATEGORY, 180)
        table.setColumnWidth(STATUS, 95)
        table.setColumnWidth(REJECTIONS, 90)
        table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        table.activated.connect(lambda _: self.edit_selected())
        return table

    def _build_details(self) -> QWidget:
        self.details_title = self._details_label("Lesson text")
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.15)
        title_font.setWeight(QFont.Weight.DemiBold)
        self.details_title.setFont(title_font)
        self.details_meta = self._details_label("Category and status")
        self.details_meta.setStyleSheet(MUTED_STYLE)
        self.next_step_heading = self._details_label("", heading="Next step:")
        self.details_next_step = self._details_label("Next step")
        self.sources_heading = self._details_label("", heading="Learned from:")
        self.details_sources = self._details_label("Learned from")

        inner = QWidget(self)
        column = QVBoxLayout(inner)
        column.setContentsMargins(12, 10, 12, 10)
        column.setSpacing(4)
        column.addWidget(self.details_title)
        column.addWidget(self.details_meta)
        column.addSpacing(8)
        column.addWidget(self.next_step_heading)
        column.addWidget(self.details_next_step)
        column.addSpacing(8)
        column.addWidget(self.sources_heading)
        column.addWidget(self.details_sources)
        column.addStretch(1)
        self.details = QScrollArea(self)
        self.details.setObjectName("LessonDetails")
        self.details.setAccessibleName("Lesson details")
        self.details.setWidgetResizable(True)
        self.details.setFrameShape(QFrame.Shape.StyledPanel)
        self.details.setWidget(inner)
        self.details.setMinimumHeight(140)
        return self.details

    def _details_label(self, name: str, *, heading: str | None = None) -> QLabel:
        label = plain_label(heading or "", self)
        label.setWordWrap(True)
        if heading is not None:
            label.setStyleSheet("font-weight: 600;")
        else:
            label.setAccessibleName(name)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _button(self, text: str, name: str, handler: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.clicked.connect(handler)
        return button

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

    def category(self) -> str | None:
        value = self.category_filter.currentData()
        return None if value is None else str(value)

    def status(self) -> str | None:
        value = self.status_filter.currentData()
        return None if value is None else str(value)

    def is_filtered(self) -> bool:
        return self.category() is not None or self.status() is not None

    def refresh(self) -> None:
        """Read the lessons again, keeping the selected lesson (or its place) selected."""
        selected = self.selected_lesson()
        place = self.table.currentIndex().row()
        try:
            lessons = list_lessons(self.db, category=self.category(), status=self.status())
            self._library_size = len(list_lessons(self.db)) if self.is_filtered() else len(lessons)
        except Exception as error:  # any failure is shown; nothing changes
            self._report("The lessons could not be read", error)
            return
        self.model.set_lessons(lessons)
        if lessons:
            self.list_stack.setCurrentWidget(self.table)
        else:
            self.placeholder.setText(NOTHING_MATCHES if self._library_size else EMPTY_LIBRARY)
            self.list_stack.setCurrentWidget(self.placeholder)
        shown = len(lessons)
        if self.is_filtered():
            self.count_label.setText(f"{shown} of {self._library_size} lessons")
        else:
            self.count_label.setText(f"{shown} lesson{'s' if shown != 1 else ''}")
        kept = selected is not None and self.select_lesson(selected.id)
        if not kept and lessons:
            self._select_proxy_row(min(max(place, 0), self.proxy.rowCount() - 1))
        self._show_selected()
        self._update_export_tooltip()

    def selected_lesson(self) -> LessonRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.lesson_at(self.proxy.mapToSource(index).row())

    def select_lesson(self, lesson_id: int) -> bool:
        """Select the row of *lesson_id*; False if it is not listed."""
        row = self.model.row_of(lesson_id)
        if row is None:
            return False
        self._select_proxy_row(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        return True

    def _select_proxy_row(self, row: int) -> None:
        index = self.proxy.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _show_selected(self) -> None:
        lesson = self.selected_lesson()
        self.edit_button.setEnabled(lesson is not None)
        self.practising_button.setEnabled(
            lesson is not None and lesson.status != LessonStatus.PRACTISING
        )
        self.done_button.setEnabled(lesson is not None and lesson.status != LessonStatus.DONE)
        self.merge_button.setEnabled(lesson is not None and self._library_size > 1)
        self.export_button.setEnabled(self.model.rowCount() > 0)
        showing = lesson is not None
        for label in (
            self.details_meta,
            self.next_step_heading,
            self.details_next_step,
            self.sources_heading,
            self.details_sources,
        ):
            label.setVisible(showing)
        if lesson is None:
            self.details_title.setText(NOTHING_SELECTED if self.model.rowCount() else "")
            self.details_title.setStyleSheet(MUTED_STYLE)
            return
        self.details_title.setStyleSheet("")
        self.details_title.setText(lesson.text)
        meta = [
            choice_label(LessonCategory, lesson.category),
            choice_label(LessonStatus, lesson.status),
        ]
        if lesson.for_interviews:
            meta.append("Comes back before interviews")
        self.details_meta.setText(" · ".join(meta))
        self.details_next_step.setText(lesson.action.strip() or "No next step written yet.")
        count = lesson.rejection_count
        self.sources_heading.setText(f"Learned from: {rejections_phrase(count)}")
        self.details_sources.setText(
            "\n".join(source_line(source) for source in lesson.sources)
            or "Not linked to a rejection yet."
        )

    def _update_export_tooltip(self) -> None:
        shown = self.model.rowCount()
        lessons = f"lesson{'s' if shown != 1 else ''}"
        if self.is_filtered():
            text = (
                f"Save the {shown} {lessons} listed now (as filtered) as a Markdown journal. "
                "Choose “All categories” and “All statuses” to save every lesson."
            )
        else:
            text = f"Save all {shown} {lessons} as a Markdown journal you can read anywhere."
        self.export_button.setToolTip(text)

    # -- changing ------------------------------------------------------------------

    def _run(self, title: str, action: Callable[[], object]) -> bool:
        """Run one service call; on failure say so and change nothing."""
        try:
            action()
        except (ValueError, LookupError) as error:
            self._report(title, error)
            self.refresh()
            return False
        except Exception as error:  # any failure is shown; nothing changes
            log.exception("%s", title)
            self._report(title, error)
            self.refresh()
            return False
        self.refresh()
        return True

    def edit_selected(self) -> LessonEditor | None:
        lesson = self.selected_lesson()
        if lesson is None:
            return None
        draft = LessonDraft(
            lesson.text, lesson.category, lesson.action, lesson.status, lesson.for_interviews
        )
        return self._open_editor(lesson.id, draft)

    def _open_editor(self, lesson_id: int, draft: LessonDraft) -> LessonEditor:
        editor = LessonEditor(draft, title="Edit lesson", parent=self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.lessonSaved.connect(lambda edited: self._save_edit(lesson_id, edited))
        editor.open()
        self.editor = editor
        return editor

    def _save_edit(self, lesson_id: int, edited: LessonDraft) -> None:
        try:
            update_lesson(
                self.db,
                lesson_id=lesson_id,
                text=edited.text,
                category=edited.category,
                action=edited.action,
                status=edited.status,
                for_interviews=edited.for_interviews,
            )
        except ValueError as error:
            # The words were refused: open them again so nothing typed is lost.
            editor = self._open_editor(lesson_id, edited)
            self._report("The lesson was not saved", error, parent=editor)
            return
        except Exception as error:  # any failure is shown; nothing changes
            if not isinstance(error, LookupError):
                log.exception("The lesson was not saved")
            self._report("The lesson was not saved", error)
            self.refresh()
            return
        self.refresh()
        self.select_lesson(lesson_id)
        self._say("Lesson saved.")

    def mark_selected(self, status: str) -> None:
        lesson = self.selected_lesson()
        if lesson is None:
            return
        label = choice_label(LessonStatus, status).lower()
        if self._run(
            f"The lesson could not be marked {label}",
            lambda: set_lesson_status(self.db, lesson_id=lesson.id, status=status),
        ):
            self._say(f"“{lesson.text}” is marked {label}.")

    def merge_selected(self) -> MergeLessonDialog | None:
        keep = self.selected_lesson()
        if keep is None:
            return None
        try:
            others = [lesson for lesson in list_lessons(self.db) if lesson.id != keep.id]
        except Exception as error:  # any failure is shown; nothing changes
            self._report("The lessons could not be read", error)
            return None
        if not others:
            return None
        others.sort(key=lambda lesson: lesson.text.casefold())
        dialog = MergeLessonDialog(keep, others, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._confirm_merge(keep, dialog.chosen()))
        dialog.open()
        self.merge_dialog = dialog
        return dialog

    def _confirm_merge(self, keep: LessonRow, merged: LessonRow | None) -> None:
        if merged is None:
            return
        count = merged.rejection_count
        if count == 0:
            links = "it is not linked to any rejection"
        elif count == 1:
            links = f"its 1 rejection is linked to “{keep.text}”"
        else:
            links = f"its {count} rejections are linked to “{keep.text}”"
        box = QMessageBox(QMessageBox.Icon.Question, "Merge lessons", "", parent=self)
        box.setObjectName("MergeConfirmation")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            f"“{merged.text}” will be folded into “{keep.text}”: "
            f"{links}, and “{merged.text}” is removed."
        )
        if merged.action.strip() and merged.action.strip() != keep.action.strip():
            box.setInformativeText(f"Its next step is added to “{keep.text}”.")
        box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
        merge_button = box.button(QMessageBox.StandardButton.Ok)
        merge_button.setText("Merge")
        merge_button.setAccessibleName("Merge")
        box.button(QMessageBox.StandardButton.Cancel).setAccessibleName("Cancel")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: (
                self._merge(keep, merged)
                if box.standardButton(button) == QMessageBox.StandardButton.Ok
                else None
            )
        )
        box.open()
        self.merge_confirmation = box

    def _merge(self, keep: LessonRow, merged: LessonRow) -> None:
        if self._run(
            "The lessons were not merged",
            lambda: merge_lessons(self.db, keep_id=keep.id, merge_id=merged.id),
        ):
            self.select_lesson(keep.id)
            self._say(f"“{merged.text}” is now part of “{keep.text}”.")

    # -- exporting -------------------------------------------------------------------

    def choose_export_file(self) -> QFileDialog:
        """Ask where to save the journal; the save happens when a file is chosen."""
        dialog = open_save_dialog(
            self,
            title="Export lessons journal",
            object_name="ExportJournalDialog",
            name_filter="Markdown (*.md)",
            suffix="md",
            folder=default_export_folder(),
            file_name=journal_file_name(today()),
            on_chosen=self._export,
        )
        self.export_dialog = dialog
        return dialog

    def _export(self, path: Path) -> None:
        try:
            self.export_journal_to(path)
        except Exception as error:  # any failure is shown; nothing changes
            self._report("The journal was not saved", error)
            return
        self._say(f"Journal saved to {path}")

    def export_journal_to(self, path: Path) -> None:
        """Write the listed lessons (as filtered) to *path* as a Markdown journal, 0600."""
        lessons = [journal_lesson(lesson) for lesson in self.model.lessons()]
        write_private_file(path, lessons_journal(lessons, written_on=today()).encode("utf-8"))

    # -- telling -------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.status_line.setText(text)
        self.status_line.show()

    def _report(self, title: str, error: BaseException, *, parent: QWidget | None = None) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "jobdesk", title, parent=parent or self)
        box.setObjectName("LessonsError")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(str(error))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.error_box = box
