"""The rejection dialog driven as a person would, on the real main window and database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtCore import QModelIndex, QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from jobdesk.domain.cards import Badge
from jobdesk.domain.vocabulary import Motivation
from jobdesk.services.applications import get_application
from jobdesk.services.board import get_card
from jobdesk.services.details import (
    ApplicationDetails,
    ContactDetails,
    InterviewDetails,
    create_with_details,
)
from jobdesk.services.lessons import create_lesson, get_lesson
from jobdesk.services.rejections import get_rejection, save_rejection, start_rejection
from jobdesk.services.stages import list_stages
from jobdesk.storage.store import Store, open_store
from jobdesk.ui.board.mime import card_mime_data
from jobdesk.ui.lessons.lesson_editor import LessonEditor
from jobdesk.ui.main_window import MainWindow
from jobdesk.ui.rejection.dialog import RejectionDialog
from jobdesk.ui.rejection.feedback_page import open_mail_link
from tests.gui.conftest import column_named
from tests.helpers import query

MOVE = Qt.DropAction.MoveAction


def stage_id(store: Store, name: str) -> int:
    return next(stage.id for stage in list_stages(store.db) if stage.name == name)


@pytest.fixture
def application(store: Store) -> int:
    """One application in Interview, with a hiring manager and an interview that felt good."""
    details = ApplicationDetails(
        fields={"company": "Nordlicht & Söhne", "role": "Data Analyst"},
        contacts=(ContactDetails("Zoë Åberg", "hiring_manager", email="zoe@example.com"),),
        interviews=(InterviewDetails(datetime(2026, 11, 20, 10), 2, confidence_after=4),),
    )
    return create_with_details(store.db, stage_id=stage_id(store, "Interview"), details=details)


@pytest.fixture
def earlier_lesson(store: Store) -> int:
    """A lesson already learned from an earlier rejection elsewhere."""
    other = create_with_details(
        store.db,
        stage_id=stage_id(store, "Rejected"),
        details=ApplicationDetails(fields={"company": "Globex", "role": "Analyst"}),
    )
    lesson = create_lesson(store.db, text="Bring two concrete examples", category="interviewing")
    record = start_rejection(store.db, application_id=other, stage_reached_id=None)
    save_rejection(store.db, record=replace(record, status="complete", lesson_ids=(lesson,)))
    return lesson


@pytest.fixture
def main(qtbot: QtBot, store: Store) -> Iterator[MainWindow]:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def open_dialog(qtbot: QtBot, window: MainWindow) -> RejectionDialog:
    """The rejection dialog *window* opened (waiting for it to show)."""
    found: list[RejectionDialog] = []

    def shown() -> bool:
        found[:] = [d for d in window.findChildren(RejectionDialog) if d.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown)
    return found[0]


def drop_on(window: MainWindow, store: Store, application_id: int, stage_name: str) -> None:
    card = get_card(store.db, application_id=application_id)
    column = column_named(window, stage_name)
    data = card_mime_data(application_id, card.stage_id)
    assert column.model.dropMimeData(data, MOVE, 0, 0, QModelIndex())


def fill_every_page(qtbot: QtBot, dialog: RejectionDialog, earlier_lesson: int) -> str:
    """Answer Outcome, Feedback, Fit and Lessons as a person would; return the kept suggestion."""
    # Outcome: prefilled with where it ended and how sure the person felt.
    outcome = dialog.outcome
    assert outcome.stage_reached.currentText() == "Interview"
    assert outcome.confidence.value() == 4
    outcome.channel.setCurrentIndex(outcome.channel.findData("email"))
    qtbot.keyClicks(outcome.reason_given, "We went with someone more senior.")
    outcome.reason_category.setCurrentIndex(outcome.reason_category.findData("experience"))
    assert not dialog.cancel_button.isVisible()  # typed: Cancel would lose words
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)

    # Feedback: a drafted note to the hiring manager, sent today, follow-up suggested.
    feedback = dialog.feedback
    assert dialog.stack.currentWidget() is feedback
    assert "Zoë" in feedback.note.toPlainText()
    assert "Nordlicht & Söhne" in feedback.note.toPlainText()
    feedback.sent_on.enabled_box.setChecked(True)
    assert feedback.follow_up_on.value() is not None
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)

    # Fit: wanting out, a near-identical role, not right after all.
    fit = dialog.fit
    fit.motivation_boxes[Motivation.ESCAPE].setChecked(True)
    fit.similarity.set_value(5)
    fit.right_job.set_value(1)
    qtbot.keyClicks(fit.culture_notes, "Everyone looked tired.")
    assert fit.observations.isVisible()
    assert fit.observations.textFormat() == Qt.TextFormat.PlainText
    assert fit.observations.text()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)

    # Lessons: keep a suggestion, write one of our own, link the earlier one.
    lessons = dialog.lessons
    assert lessons.suggestions.count() >= 2
    first_suggestion = lessons.suggestions.item(0).data(Qt.ItemDataRole.UserRole).text
    qtbot.mouseClick(lessons.add_suggestion_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(lessons.write_button, Qt.MouseButton.LeftButton)
    editor = lessons.editor
    assert isinstance(editor, LessonEditor)
    qtbot.keyClicks(editor.text, "Ask about the team's workload")
    editor.category.setCurrentIndex(editor.category.findData("research"))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    lessons.existing.setCurrentIndex(lessons.existing.findData(earlier_lesson))
    qtbot.mouseClick(lessons.link_button, Qt.MouseButton.LeftButton)
    assert lessons.linked.count() == 3
    assert dialog.next_button.text() == "&Finish"
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    return first_suggestion


def test_the_whole_flow_from_drop_to_summary(
    qtbot: QtBot, main: MainWindow, store: Store, application: int, earlier_lesson: int
) -> None:
    drop_on(main, store, application, "Rejected")
    dialog = open_dialog(qtbot, main)
    assert dialog.objectName() == "RejectionDialog"
    assert dialog.isModal() or dialog.windowModality() != Qt.WindowModality.NonModal
    assert get_card(store.db, application_id=application).badges & Badge.REFLECTION_PENDING

    first_suggestion = fill_every_page(qtbot, dialog, earlier_lesson)

    # Summary: complete, warm, and says what is next.
    assert dialog.stack.currentWidget() is dialog.summary
    assert "Lessons (3)" in dialog.summary.saved.text()
    assert dialog.summary.closing.text()
    assert "follow-up" in dialog.summary.next.text()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    record = get_rejection(store.db, application_id=application)
    assert record is not None and record.is_complete
    assert record.channel == "email" and record.reason_category == "experience"
    assert record.reason_given == "We went with someone more senior."
    assert record.feedback_requested and record.feedback_follow_up_on is not None
    assert record.motivations == "escape" and record.similarity == 5 and record.right_job == 1
    assert record.culture_notes == "Everyone looked tired."
    assert len(record.lesson_ids) == 3
    kept = {get_lesson(store.db, lesson_id=i).text for i in record.lesson_ids}
    assert first_suggestion in kept and "Ask about the team's workload" in kept
    assert get_lesson(store.db, lesson_id=earlier_lesson).rejection_count == 2
    assert query(store.database_path, "SELECT COUNT(*) FROM lesson") == [(3,)]
    badges = get_card(store.db, application_id=application).badges
    assert Badge.FEEDBACK_AWAITED in badges and Badge.REFLECTION_PENDING not in badges
    rejected = column_named(main, "Rejected")
    row = rejected.model.row_of(application)
    assert rejected.model.card_at(row).badges == badges  # the board shows the same

    # Reopening shows the same answers.
    again = main.open_rejection(application)
    assert again is not None
    assert again.outcome.reason_given.toPlainText() == "We went with someone more senior."
    assert again.fit.motivation_boxes[Motivation.ESCAPE].isChecked()
    assert again.fit.right_job.value() == 1
    assert again.lessons.linked.count() == 3
    assert again.collect() == record
    again.finish_later()


def test_cancel_on_the_first_page_puts_the_card_back(
    qtbot: QtBot, main: MainWindow, store: Store, application: int
) -> None:
    interview = stage_id(store, "Interview")
    drop_on(main, store, application, "Rejected")
    dialog = open_dialog(qtbot, main)
    assert dialog.cancel_button.isVisible()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert get_application(store.db, application_id=application).stage_id == interview
    assert get_rejection(store.db, application_id=application) is None
    assert column_named(main, "Interview").model.row_of(application) >= 0
    assert column_named(main, "Rejected").model.row_of(application) < 0
    assert not main.undo_stack.canUndo()


def test_closing_midway_and_restarting_keeps_the_draft(
    qtbot: QtBot, data_dir: Path, application: int, store: Store
) -> None:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    drop_on(window, store, application, "Rejected")
    dialog = open_dialog(qtbot, window)
    qtbot.keyClicks(dialog.outcome.reason_given, "Budget was cut.")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    dialog.feedback.received.setPlainText("")
    qtbot.keyClicks(dialog.feedback.note, " P.S. thank you")
    dialog.close()  # the window's close button: keeps the draft
    window.close()
    store.close()

    reopened = open_store(data_dir)
    try:
        window = MainWindow(reopened)
        qtbot.addWidget(window)
        window.show()
        assert get_card(reopened.db, application_id=application).badges & Badge.REFLECTION_PENDING
        dialog = window.open_rejection(application)
        assert dialog is not None
        assert dialog.stack.currentWidget() is dialog.feedback  # where it stopped
        assert dialog.outcome.reason_given.toPlainText() == "Budget was cut."
        assert dialog.feedback.note.toPlainText().endswith(" P.S. thank you")
        assert not dialog.cancel_button.isVisible()  # an existing draft is never thrown away
        dialog.finish_later()
        window.close()
    finally:
        reopened.close()


def test_keyboard_move_to_rejected_opens_the_dialog(
    qtbot: QtBot, main: MainWindow, store: Store, application: int
) -> None:
    from jobdesk.services.applications import move_application

    move_application(
        store.db, application_id=application, stage_id=stage_id(store, "Accepted"), before_id=None
    )
    main.board.rebuild()
    accepted = column_named(main, "Accepted")
    accepted.set_collapsed(False)
    view = accepted.view
    qtbot.waitUntil(lambda: accepted.model.row_of(application) >= 0)  # fetched once shown
    view.setFocus()
    view.select_row(accepted.model.row_of(application))
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    dialog = open_dialog(qtbot, main)
    assert get_application(store.db, application_id=application).stage_id == stage_id(
        store, "Rejected"
    )
    assert dialog.outcome.stage_reached.currentData() == stage_id(store, "Accepted")
    dialog.finish_later()


def test_no_response_offers_the_light_version(
    qtbot: QtBot, main: MainWindow, store: Store, application: int
) -> None:
    drop_on(main, store, application, "No response")
    dialog = open_dialog(qtbot, main)
    assert [page.title for page in dialog.pages] == ["Outcome", "Lessons", "Summary"]
    assert dialog.outcome.channel.currentData() == "never_heard"
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)  # "Not now"
    # The card stays in No response; nothing is recorded.
    assert get_application(store.db, application_id=application).stage_id == stage_id(
        store, "No response"
    )
    assert get_rejection(store.db, application_id=application) is None


def test_record_rejection_from_the_card_menu_action(
    qtbot: QtBot, main: MainWindow, store: Store, application: int
) -> None:
    view = column_named(main, "Interview").view
    view.setFocus()
    view.select_row(0)
    qtbot.waitUntil(view.hasFocus)
    main.rejection_action.trigger()
    dialog = open_dialog(qtbot, main)
    assert dialog.outcome.stage_reached.currentText() == "Interview"
    assert not dialog.cancel_button.isVisible() or get_application(
        store.db, application_id=application
    ).stage_id == stage_id(store, "Interview")
    dialog.finish_later()
    assert get_rejection(store.db, application_id=application) is not None


class UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def catch(self, url: QUrl) -> None:
        self.urls.append(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))


@pytest.fixture
def url_catcher() -> Iterator[UrlCatcher]:
    catcher = UrlCatcher()
    for scheme in ("mailto", "http", "https", "file", "javascript"):
        QDesktopServices.setUrlHandler(scheme, catcher, "catch")
    yield catcher
    for scheme in ("mailto", "http", "https", "file", "javascript"):
        QDesktopServices.unsetUrlHandler(scheme)


def test_the_mail_link_is_encoded_and_only_mailto_opens(
    qtbot: QtBot, main: MainWindow, store: Store, application: int, url_catcher: UrlCatcher
) -> None:
    drop_on(main, store, application, "Rejected")
    dialog = open_dialog(qtbot, main)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    feedback = dialog.feedback
    body = "Hi Zoë & team? #1 = top\nThanks 日本 🙂 100% + more"
    feedback.note.setPlainText(body)
    feedback.to.setText("zoe@example.com")
    qtbot.mouseClick(feedback.mail_button, Qt.MouseButton.LeftButton)
    assert len(url_catcher.urls) == 1
    link = url_catcher.urls[0]
    assert link.startswith("mailto:zoe@example.com?")
    assert " " not in link and "#" not in link and link.count("?") == 1
    parts = urlsplit(link)
    fields = parse_qs(parts.query, keep_blank_values=True)
    assert fields["body"] == [body]
    assert "Nordlicht & Söhne" in fields["subject"][0]
    for refused in ("https://example.com", "file:///etc/passwd", "javascript:alert(1)"):
        assert not open_mail_link(refused)
    assert len(url_catcher.urls) == 1
    dialog.finish_later()


def test_entering_an_interview_stage_brings_lessons_back(
    qtbot: QtBot, main: MainWindow, store: Store, application: int, earlier_lesson: int
) -> None:
    create_lesson(store.db, text="Negotiate calmly", category="negotiation")
    from jobdesk.services.applications import move_application

    move_application(
        store.db, application_id=application, stage_id=stage_id(store, "Screening"), before_id=None
    )
    main.board.rebuild()
    drop_on(main, store, application, "Final interview")
    checklist = main.checklist
    assert checklist is not None and checklist.isVisible()
    texts = [checklist.items.item(i).text() for i in range(checklist.items.count())]
    assert texts == ["Bring two concrete examples"]
    assert "Data Analyst at Nordlicht & Söhne" in checklist.heading.text()
    assert not any(dialog.isVisible() for dialog in main.findChildren(RejectionDialog))
    checklist.close()
    assert not checklist.isVisible()


def test_applying_again_shows_the_earlier_rejection_and_its_lessons(
    qtbot: QtBot, main: MainWindow, store: Store, application: int
) -> None:
    lesson = create_lesson(store.db, text="Show the forecasting work first")
    record = start_rejection(
        store.db, application_id=application, stage_reached_id=stage_id(store, "Interview")
    )
    save_rejection(store.db, record=replace(record, lesson_ids=(lesson,)))
    dialog = main.new_application()
    qtbot.keyClicks(dialog.company, "nordlicht & SÖHNE")
    qtbot.waitUntil(dialog.reapply_warning.isVisible)
    warning = dialog.reapply_warning.text()
    assert "Interview" in warning
    assert "Show the forecasting work first" in warning
    assert dialog.reapply_warning.textFormat() == Qt.TextFormat.PlainText
    dialog.reject()


def test_the_status_bar_says_what_is_waiting(
    main: MainWindow, store: Store, application: int
) -> None:
    assert main.announce_waiting() == ""
    record = start_rejection(store.db, application_id=application, stage_reached_id=None)
    save_rejection(
        store.db,
        record=replace(
            record,
            feedback_requested=True,
            feedback_requested_on=date(2026, 1, 2),
            feedback_follow_up_on=date(2026, 1, 9),
        ),
    )
    message = main.announce_waiting()
    assert message.startswith("1 feedback follow-up is due and 1 reflection to finish")
    assert main.statusBar().currentMessage().startswith("1 feedback follow-up is due")


def test_lessons_kept_in_the_dialog_show_in_an_open_library(
    qtbot: QtBot, main: MainWindow, store: Store, application: int
) -> None:
    library = main.show_lessons()
    assert library.model.rowCount() == 0
    drop_on(main, store, application, "Rejected")
    dialog = open_dialog(qtbot, main)
    dialog.outcome.reason_category.setCurrentIndex(
        dialog.outcome.reason_category.findData("interview")
    )
    while dialog.stack.currentWidget() is not dialog.lessons:
        dialog.next()
    dialog.lessons.keep_suggestion()
    dialog.finish_later()
    assert [lesson.text for lesson in library.model.lessons()] == [
        "Practise interview answers out loud"
    ]
