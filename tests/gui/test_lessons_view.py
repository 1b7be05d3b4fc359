"""The lessons library and the follow-ups list, driven on a real database, offscreen."""

from __future__ import annotations

import re
import stat
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from jobdesk.domain.dates import today
from jobdesk.services.details import ApplicationDetails, create_with_details
from jobdesk.services.lessons import (
    create_lesson,
    get_lesson,
    list_lessons,
    merge_lessons,
)
from jobdesk.services.rejections import save_rejection, start_rejection
from jobdesk.services.stages import list_stages
from jobdesk.storage.store import Store
from jobdesk.ui.lessons.follow_ups import DUE, NOTHING_WAITING, WAITING, FollowUpsDialog
from jobdesk.ui.lessons.lesson_editor import LessonEditor
from jobdesk.ui.lessons.lessons_model import (
    CATEGORY,
    LESSON,
    REJECTIONS,
    STATUS,
    LessonIdRole,
    LessonsModel,
)
from jobdesk.ui.lessons.lessons_view import EMPTY_LIBRARY, LessonsView, MergeLessonDialog

MARKUP = '<img src="http://127.0.0.1:9/x">'


def rejected_stage(store: Store) -> int:
    return next(stage.id for stage in list_stages(store.db) if stage.kind.value == "rejected")


def reject(
    store: Store,
    company: str,
    role: str,
    *,
    lesson_ids: tuple[int, ...] = (),
    rejected_on: date = date(2026, 5, 4),
    complete: bool = True,
    follow_up_on: date | None = None,
) -> int:
    """An application rejected on *rejected_on*, linked to *lesson_ids*; its id."""
    application = create_with_details(
        store.db,
        stage_id=rejected_stage(store),
        details=ApplicationDetails(fields={"company": company, "role": role}),
    )
    record = start_rejection(store.db, application_id=application, stage_reached_id=None)
    save_rejection(
        store.db,
        record=replace(
            record,
            status="complete" if complete else "draft",
            rejected_on=rejected_on,
            lesson_ids=lesson_ids,
            feedback_requested=follow_up_on is not None,
            feedback_requested_on=None if follow_up_on is None else follow_up_on - timedelta(7),
            feedback_follow_up_on=follow_up_on,
        ),
    )
    return application


@pytest.fixture
def library(store: Store) -> dict[str, int]:
    """Three lessons: one learned at two companies, one at one, one not linked yet."""
    lessons = {
        "experience": create_lesson(
            store.db,
            text="Show applicable experience more clearly",
            category="experience",
            action="Lead the CV with two matching results.",
        ),
        "practice": create_lesson(
            store.db,
            text="Practise questions out loud",
            category="interviewing",
            action="One mock interview a week.",
            status="practising",
        ),
        "salary": create_lesson(
            store.db, text="Check the salary band early", category="negotiation"
        ),
    }
    reject(store, "Globex", "Analyst", lesson_ids=(lessons["experience"],))
    reject(
        store,
        "Initech",
        "Data Analyst",
        lesson_ids=(lessons["experience"], lessons["practice"]),
        rejected_on=date(2026, 6, 1),
    )
    return lessons


@pytest.fixture
def view(qtbot: QtBot, store: Store, library: dict[str, int]) -> LessonsView:
    lessons_view = LessonsView(store.db)
    qtbot.addWidget(lessons_view)
    lessons_view.show()
    qtbot.waitExposed(lessons_view)
    return lessons_view


def listed_texts(view: LessonsView) -> list[str]:
    proxy = view.proxy
    return [proxy.index(row, LESSON).data() for row in range(proxy.rowCount())]


def cell(view: LessonsView, text: str, column: int) -> object:
    proxy = view.proxy
    for row in range(proxy.rowCount()):
        if proxy.index(row, LESSON).data() == text:
            return proxy.index(row, column).data()
    raise AssertionError(f"{text!r} is not listed")


def double_click(qtbot: QtBot, widget: QWidget, pos: QPoint) -> None:
    """Press, release, then the double-click, as a real mouse sends them.

    QTest's mouseDClick alone sends only the double-click event, and item
    views ignore a double-click on an item that was never pressed.
    """
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def visible_message_box() -> QMessageBox:
    boxes = [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, QMessageBox) and widget.isVisible()
    ]
    assert len(boxes) == 1, boxes
    return boxes[0]


def wait_for_message_box(qtbot: QtBot) -> QMessageBox:
    qtbot.waitUntil(
        lambda: any(
            isinstance(widget, QMessageBox) and widget.isVisible()
            for widget in QApplication.topLevelWidgets()
        )
    )
    return visible_message_box()


# -- the model ---------------------------------------------------------------------


def test_model_passes_the_model_tester(
    qtmodeltester: ModelTester, store: Store, library: dict[str, int]
) -> None:
    model = LessonsModel()
    qtmodeltester.check(model)
    model.set_lessons(list_lessons(store.db))
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert model.index(0, REJECTIONS).data(Qt.ItemDataRole.TextAlignmentRole) & (
        Qt.AlignmentFlag.AlignRight
    )
    assert model.index(0, LESSON).data(LessonIdRole) == library["experience"]


def test_a_demo_library_passes_the_model_tester(
    qtmodeltester: ModelTester, qtbot: QtBot, store: Store
) -> None:
    from jobdesk.services.demo import fill_with_demo_data

    fill_with_demo_data(store.db, count=120, seed=3)
    lessons_view = LessonsView(store.db)
    qtbot.addWidget(lessons_view)
    qtmodeltester.check(lessons_view.model)
    assert lessons_view.proxy.rowCount() == len(list_lessons(store.db))


# -- reading -----------------------------------------------------------------------


def test_lists_every_lesson_with_labels_and_counts(view: LessonsView) -> None:
    assert view.objectName() == "LessonsView"
    assert view.windowTitle() == "Lessons learned"
    assert view.table.accessibleName() == "Lessons"
    assert listed_texts(view)[0] == "Show applicable experience more clearly"  # most learned
    assert cell(view, "Show applicable experience more clearly", REJECTIONS) == 2
    assert cell(view, "Practise questions out loud", REJECTIONS) == 1
    assert cell(view, "Check the salary band early", REJECTIONS) == 0
    assert cell(view, "Practise questions out loud", CATEGORY) == "Interviewing"
    assert cell(view, "Practise questions out loud", STATUS) == "Practising"


def test_details_name_the_rejections_a_lesson_came_from(view: LessonsView) -> None:
    assert view.select_lesson(view.model.lessons()[0].id)
    assert view.details_title.text() == "Show applicable experience more clearly"
    assert view.details_next_step.text() == "Lead the CV with two matching results."
    assert view.sources_heading.text() == "Learned from: 2 rejections"
    sources = view.details_sources.text().splitlines()
    assert sources == ["Initech — Data Analyst, 1 Jun 2026", "Globex — Analyst, 4 May 2026"]


def test_filters_narrow_the_list_by_asking_again(view: LessonsView, store: Store) -> None:
    assert view.category_filter.accessibleName()
    assert view.status_filter.accessibleName()
    assert view.category_filter.itemText(0) == "All categories"
    assert view.status_filter.itemText(0) == "All statuses"
    view.category_filter.setCurrentIndex(view.category_filter.findData("interviewing"))
    assert listed_texts(view) == ["Practise questions out loud"]
    assert view.count_label.text() == "1 of 3 lessons"
    assert "listed now" in view.export_button.toolTip()

    view.category_filter.setCurrentIndex(0)
    view.status_filter.setCurrentIndex(view.status_filter.findData("open"))
    assert sorted(listed_texts(view)) == [
        "Check the salary band early",
        "Show applicable experience more clearly",
    ]
    view.category_filter.setCurrentIndex(view.category_filter.findData("interviewing"))
    assert listed_texts(view) == []
    assert view.list_stack.currentWidget() is view.placeholder
    assert view.placeholder.text() == "No lessons match these filters."
    assert not view.edit_button.isEnabled()
    assert not view.export_button.isEnabled()


def test_headers_sort_the_rows(view: LessonsView) -> None:
    view.table.sortByColumn(LESSON, Qt.SortOrder.AscendingOrder)
    assert listed_texts(view) == sorted(listed_texts(view), key=str.casefold)
    view.table.sortByColumn(REJECTIONS, Qt.SortOrder.AscendingOrder)
    assert [view.proxy.index(r, REJECTIONS).data() for r in range(3)] == [0, 1, 2]


def test_an_empty_library_says_how_lessons_arrive(qtbot: QtBot, store: Store) -> None:
    empty = LessonsView(store.db)
    qtbot.addWidget(empty)
    empty.show()
    assert empty.list_stack.currentWidget() is empty.placeholder
    assert empty.placeholder.text() == EMPTY_LIBRARY
    for button in (
        empty.edit_button,
        empty.practising_button,
        empty.done_button,
        empty.merge_button,
        empty.export_button,
    ):
        assert not button.isEnabled()
        assert button.accessibleName()


def test_user_text_is_shown_and_exported_as_plain_text(
    view: LessonsView, store: Store, tmp_path: Path
) -> None:
    lesson_id = create_lesson(store.db, text=MARKUP, category="skills", action=f"Do {MARKUP}")
    reject(store, f"{MARKUP} Ltd", MARKUP, lesson_ids=(lesson_id,))
    view.refresh()
    assert view.select_lesson(lesson_id)
    assert cell(view, MARKUP, LESSON) == MARKUP
    for label in view.details.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert view.details_title.text() == MARKUP
    assert view.details_next_step.text() == f"Do {MARKUP}"
    assert view.details_sources.text().startswith(f"{MARKUP} Ltd — {MARKUP}")

    path = tmp_path / "journal.md"
    view.export_journal_to(path)
    journal = path.read_text(encoding="utf-8")
    assert re.search(r"(?<!\\)[<>]", journal) is None  # every angle bracket escaped
    assert r'### \<img src="http://127.0.0.1:9/x"\>' in journal


# -- changing ----------------------------------------------------------------------


def test_editing_through_the_lesson_editor_saves_and_keeps_the_selection(
    qtbot: QtBot, view: LessonsView, store: Store, library: dict[str, int]
) -> None:
    lesson_id = library["salary"]
    assert view.select_lesson(lesson_id)
    assert view.edit_button.isEnabled()
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    editor = view.editor
    assert isinstance(editor, LessonEditor)
    qtbot.waitExposed(editor)
    assert editor.text.text() == "Check the salary band early"
    editor.text.clear()
    qtbot.keyClicks(editor.text, "Ask for the salary band in the first call")
    qtbot.keyClicks(editor.action, "Write the question on a sticky note.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    saved = get_lesson(store.db, lesson_id=lesson_id)
    assert saved.text == "Ask for the salary band in the first call"
    assert saved.action == "Write the question on a sticky note."
    assert view.selected_lesson() is not None
    assert view.selected_lesson().id == lesson_id  # type: ignore[union-attr]
    assert view.details_title.text() == "Ask for the salary band in the first call"


def test_double_click_and_enter_open_the_editor(
    qtbot: QtBot, view: LessonsView, library: dict[str, int]
) -> None:
    assert view.select_lesson(library["practice"])
    index = view.table.currentIndex()
    rect = view.table.visualRect(index)
    double_click(qtbot, view.table.viewport(), rect.center())
    qtbot.waitUntil(lambda: view.editor is not None and view.editor.isVisible())
    assert view.editor is not None
    assert view.editor.text.text() == "Practise questions out loud"
    view.editor.reject()
    qtbot.waitUntil(lambda: not view.editor.isVisible())  # type: ignore[union-attr]
    first = view.editor
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.editor is not first and view.editor.isVisible())  # type: ignore[union-attr]
    assert view.isVisible()  # Enter opened the lesson; it did not also close the library


def test_mark_done_and_practising(
    qtbot: QtBot, view: LessonsView, store: Store, library: dict[str, int]
) -> None:
    lesson_id = library["experience"]
    assert view.select_lesson(lesson_id)
    assert view.practising_button.isEnabled() and view.done_button.isEnabled()
    qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    assert get_lesson(store.db, lesson_id=lesson_id).status == "done"
    assert cell(view, "Show applicable experience more clearly", STATUS) == "Done"
    assert not view.done_button.isEnabled()  # already done
    view.practising_button.setFocus()  # reachable from the keyboard too
    qtbot.keyClick(view.practising_button, Qt.Key.Key_Return)
    assert get_lesson(store.db, lesson_id=lesson_id).status == "practising"
    assert view.selected_lesson().id == lesson_id  # type: ignore[union-attr]


def test_merging_moves_the_links_after_confirmation(
    qtbot: QtBot, view: LessonsView, store: Store, library: dict[str, int]
) -> None:
    keep, fold = library["experience"], library["practice"]
    reject(store, "Umbrella", "Analyst", lesson_ids=(fold,))  # fold: 2 rejections, 1 shared
    view.refresh()
    assert view.select_lesson(keep)
    qtbot.mouseClick(view.merge_button, Qt.MouseButton.LeftButton)
    picker = view.merge_dialog
    assert isinstance(picker, MergeLessonDialog)
    assert not picker.ok_button.isEnabled()
    picker.choose(fold)
    assert picker.ok_button.isEnabled()
    qtbot.mouseClick(picker.ok_button, Qt.MouseButton.LeftButton)

    box = wait_for_message_box(qtbot)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text() == (
        "“Practise questions out loud” will be folded into “Show applicable experience more "
        "clearly”: its 2 rejections are linked to “Show applicable experience more clearly”, "
        "and “Practise questions out loud” is removed."
    )
    assert get_lesson(store.db, lesson_id=fold)  # nothing happened yet
    box.button(QMessageBox.StandardButton.Ok).click()

    assert [lesson.id for lesson in list_lessons(store.db)].count(fold) == 0
    kept = get_lesson(store.db, lesson_id=keep)
    assert kept.rejection_count == 3
    assert {source.company for source in kept.sources} == {"Globex", "Initech", "Umbrella"}
    assert "Practise questions out loud" not in listed_texts(view)
    assert cell(view, "Show applicable experience more clearly", REJECTIONS) == 3
    assert view.selected_lesson().id == keep  # type: ignore[union-attr]


def test_cancelling_the_merge_changes_nothing(
    qtbot: QtBot, view: LessonsView, store: Store, library: dict[str, int]
) -> None:
    assert view.select_lesson(library["experience"])
    picker = view.merge_selected()
    assert picker is not None
    qtbot.waitExposed(picker)
    picker.choose(library["salary"])
    picker.choices.setFocus()
    qtbot.keyClick(picker.choices, Qt.Key.Key_Return)  # Enter picks, through "Merge…"
    box = wait_for_message_box(qtbot)  # exactly one confirmation
    assert "it is not linked to any rejection" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert len(list_lessons(store.db)) == 3


def test_a_service_error_is_shown_and_changes_nothing(
    qtbot: QtBot, view: LessonsView, store: Store, library: dict[str, int]
) -> None:
    stale = library["salary"]
    assert view.select_lesson(stale)
    # Behind the view's back, the selected lesson is merged away.
    merge_lessons(store.db, keep_id=library["experience"], merge_id=stale)
    qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    box = wait_for_message_box(qtbot)
    assert box.text() == "The lesson could not be marked done"
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert "does not exist" in box.informativeText()
    assert get_lesson(store.db, lesson_id=library["experience"]).status == "open"
    assert "Check the salary band early" not in listed_texts(view)  # the view caught up
    box.close()


# -- exporting ---------------------------------------------------------------------


def test_export_writes_a_private_journal_atomically(view: LessonsView, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    path = folder / "journal.md"
    path.write_text("an older journal", encoding="utf-8")
    path.chmod(0o644)
    view.export_journal_to(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    journal = path.read_text(encoding="utf-8")
    assert journal.startswith("# Lessons journal")
    assert "Show applicable experience more clearly" in journal
    assert "Initech — Data Analyst (2026-06-01)" in journal
    assert "Check the salary band early" in journal
    assert [p.name for p in folder.iterdir()] == ["journal.md"]  # no temporary file left


def test_export_writes_only_the_listed_lessons(view: LessonsView, tmp_path: Path) -> None:
    view.status_filter.setCurrentIndex(view.status_filter.findData("practising"))
    path = tmp_path / "practising.md"
    view.export_journal_to(path)
    journal = path.read_text(encoding="utf-8")
    assert "Practise questions out loud" in journal
    assert "Check the salary band early" not in journal


def test_export_button_opens_a_save_dialog_with_a_dated_name(
    qtbot: QtBot, view: LessonsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    assert "all 3 lessons" in view.export_button.toolTip()
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    dialog = view.export_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    expected = f"lessons-journal-{today().isoformat()}.md"
    chosen = Path(dialog.selectedFiles()[0])
    assert chosen == home / "Documents" / expected
    dialog.fileSelected.emit(str(chosen))
    dialog.close()
    assert stat.S_IMODE(chosen.stat().st_mode) == 0o600
    assert view.status_line.text() == f"Journal saved to {chosen}"


def test_an_export_that_fails_says_so(
    qtbot: QtBot, view: LessonsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    missing = tmp_path / "no such folder" / "journal.md"
    dialog = view.choose_export_file()
    dialog.fileSelected.emit(str(missing))
    dialog.close()
    box = wait_for_message_box(qtbot)
    assert box.text() == "The journal was not saved"
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert not missing.parent.exists()
    box.close()


# -- follow-ups --------------------------------------------------------------------


@pytest.fixture
def waiting(store: Store) -> dict[str, int]:
    return {
        "due": reject(store, "Globex", "Analyst", follow_up_on=today() - timedelta(days=1)),
        "later": reject(store, "Initech", "Tester", follow_up_on=today() + timedelta(days=5)),
        "draft": reject(store, "Umbrella", "Chemist", complete=False),
    }


def follow_up_rows(dialog: FollowUpsDialog) -> list[list[str]]:
    table = dialog.follow_ups
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def test_follow_ups_list_what_is_due_and_what_is_pending(
    qtbot: QtBot, store: Store, waiting: dict[str, int]
) -> None:
    dialog = FollowUpsDialog(store.db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.objectName() == "FollowUpsDialog"
    assert dialog.windowTitle() == "Follow-ups and reflections"
    rows = follow_up_rows(dialog)
    assert [row[:3] for row in rows] == [
        [DUE, "Globex", "Analyst"],
        [WAITING, "Initech", "Tester"],
    ]
    assert "1 due" in dialog.follow_ups_heading.text()
    reflections = dialog.reflections
    assert reflections.rowCount() == 1
    assert reflections.item(0, 0).text() == "Umbrella"


def test_follow_ups_open_a_rejection_by_double_click_enter_or_button(
    qtbot: QtBot, store: Store, waiting: dict[str, int]
) -> None:
    dialog = FollowUpsDialog(store.db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.follow_ups
    rect = table.visualRect(table.model().index(1, 1))
    with qtbot.waitSignal(dialog.openRejection) as opened:
        double_click(qtbot, table.viewport(), rect.center())
    assert opened.args == [waiting["later"]]

    dialog.reflections.selectRow(0)
    assert not table.selectionModel().hasSelection()  # one row at a time
    assert dialog.open_button.isEnabled()
    with qtbot.waitSignal(dialog.openRejection) as opened:
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == [waiting["draft"]]

    table.setFocus()
    table.selectRow(0)
    with qtbot.waitSignal(dialog.openRejection) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == [waiting["due"]]
    assert dialog.isVisible()  # Enter opened the row; it did not also press Close


def test_follow_ups_say_when_nothing_is_waiting(qtbot: QtBot, store: Store) -> None:
    dialog = FollowUpsDialog(store.db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.stack.currentWidget() is dialog.placeholder
    assert dialog.placeholder.text() == NOTHING_WAITING
    assert not dialog.open_button.isEnabled()


def test_follow_ups_show_user_text_literally(qtbot: QtBot, store: Store) -> None:
    reject(store, MARKUP, MARKUP, follow_up_on=today())
    dialog = FollowUpsDialog(store.db)
    qtbot.addWidget(dialog)
    assert follow_up_rows(dialog)[0][:3] == [DUE, MARKUP, MARKUP]
