"""Hostile text stays text: markup typed anywhere is shown literally and never fetches.

A local listener counts connections while markup that would load an image
is typed into every field of the editor and the rejection dialog, and every
view, page and tooltip showing it is painted.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from jobdesk.services.board import get_card
from jobdesk.services.details import (
    ApplicationDetails,
    ContactDetails,
    InterviewDetails,
    create_with_details,
    get_details,
)
from jobdesk.services.lessons import create_lesson, list_lessons
from jobdesk.services.stages import list_stages, update_stage
from jobdesk.storage.store import Store
from jobdesk.ui.board.mime import card_mime_data
from jobdesk.ui.main_window import MainWindow
from jobdesk.ui.rejection.dialog import RejectionDialog
from tests.gui.conftest import column_named


class Listener:
    """A TCP listener on 127.0.0.1 that counts connections."""

    def __init__(self) -> None:
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen()
        self.server.settimeout(0.1)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.server.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


def hostile(port: int) -> str:
    return (
        f'<img src="http://127.0.0.1:{port}/x"><b>bold</b> '
        "\u202eRTL עברית 🙂 <a href='http://127.0.0.1:{port}/a'>link</a>\0end"
    )


def fill_every_field(root: QWidget, text: str) -> int:
    """Type *text* into every enabled line and text box under *root*; return how many."""
    filled = 0
    for field in root.findChildren(QLineEdit):
        if (
            field.isEnabled()
            and not field.isReadOnly()
            and field.objectName() != "qt_spinbox_lineedit"
        ):
            field.setText(text)
            field.textEdited.emit(text)
            filled += 1
    for box in root.findChildren(QPlainTextEdit):
        if box.isEnabled() and not box.isReadOnly():
            box.setPlainText(text)
            filled += 1
    return filled


def assert_shown_literally(root: QWidget, marker: str) -> None:
    """Every label showing the text shows it as plain text."""
    for label in root.findChildren(QLabel):
        if marker in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()


def paint(qtbot: QtBot, widget: QWidget) -> None:
    widget.grab()
    qtbot.wait(20)


def check_the_views(
    qtbot: QtBot, window: MainWindow, store: Store, application: int, text: str
) -> None:
    """The lessons library, follow-ups, the checklist and Insights show *text* literally."""
    # The views that list lessons, follow-ups and the checklist.
    lessons = window.show_lessons()
    paint(qtbot, lessons)
    assert_shown_literally(lessons, "<img")
    follow_ups = window.show_follow_ups()
    paint(qtbot, follow_ups)
    assert_shown_literally(follow_ups, "<img")
    follow_ups.reject()
    window.show_interview_checklist(application)
    assert window.checklist is not None
    paint(qtbot, window.checklist)
    assert_shown_literally(window.checklist, "<img")
    assert any(lesson.text == text for lesson in list_lessons(store.db))
    insights = window.show_insights()
    paint(qtbot, insights)
    assert_shown_literally(insights, "<img")
    assert "<img" in "".join(stage.name for stage in list_stages(store.db))


@pytest.mark.enable_socket
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_markup_typed_everywhere_is_shown_literally_and_never_fetched(
    qtbot: QtBot, store: Store, listener: Listener
) -> None:
    text = hostile(listener.port)
    stages = {stage.name: stage.id for stage in list_stages(store.db)}
    application = create_with_details(
        store.db,
        stage_id=stages["Interview"],
        details=ApplicationDetails(
            fields={"company": text, "role": text, "tags": text, "notes": text},
            contacts=(ContactDetails(text, email="x@example.com", notes=text),),
            interviews=(InterviewDetails(datetime(2026, 11, 1, 9), people=text, notes=text),),
        ),
    )
    create_lesson(store.db, text=text, action=text, category="interviewing")
    # A stage name is the only typed text Insights shows (in its charts and tables).
    stage_name = f'<img src="http://127.0.0.1:{listener.port}/s">Applied'
    update_stage(store.db, stage_id=stages["Applied"], name=stage_name)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    paint(qtbot, window)

    # The board's card and its tooltip.
    interview = column_named(window, "Interview")
    index = interview.model.index(interview.model.row_of(application), 0)
    tooltip = str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
    QToolTip.showText(interview.view.mapToGlobal(QPoint(10, 10)), tooltip, interview.view)
    qtbot.wait(50)
    QToolTip.hideText()

    # The editor: every field typed into, saved, shown again.
    editor = window.open_application(application)
    assert fill_every_field(editor, text) >= 8
    for tab in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(tab)
        paint(qtbot, editor)
        assert_shown_literally(editor, "<img")
    editor.try_save()
    assert get_details(store.db, application_id=application).fields["company"] == text
    paint(qtbot, window)

    # The rejection dialog: every page.
    rejected = column_named(window, "Rejected")
    data = card_mime_data(application, stages["Interview"])
    assert rejected.model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    dialog = next(d for d in window.findChildren(RejectionDialog) if d.isVisible())
    for _ in dialog.pages:
        fill_every_field(dialog.stack.currentWidget(), text)
        paint(qtbot, dialog)
        assert_shown_literally(dialog, "<img")
        if dialog.next_button.isVisible():
            dialog.next()
    assert dialog.stack.currentWidget() is dialog.summary
    dialog.finish_later()
    assert get_card(store.db, application_id=application).company == text

    check_the_views(qtbot, window, store, application, text)

    QApplication.processEvents()
    qtbot.wait(200)  # time for any fetch to arrive
    assert listener.connections == 0


def test_a_megabyte_paste_is_kept_whole_everywhere(qtbot: QtBot, store: Store) -> None:
    """A huge paste (a whole job description, twice) is saved and shown, not cut or frozen."""
    huge = ("Responsibilities: " + "ünïcødé 日本 🙂 <b>x</b>\n" * 40_000)[:1_000_000]
    stages = {stage.name: stage.id for stage in list_stages(store.db)}
    application = create_with_details(
        store.db,
        stage_id=stages["Interview"],
        details=ApplicationDetails(fields={"company": "Acme", "role": "Analyst"}),
    )
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    editor = window.open_application(application)
    editor.description.setPlainText(huge)
    editor.notes.setPlainText(huge)
    editor.try_save()
    fields = get_details(store.db, application_id=application).fields
    assert fields["job_description"] == huge and fields["notes"] == huge

    rejected = column_named(window, "Rejected")
    data = card_mime_data(application, stages["Interview"])
    assert rejected.model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    dialog = next(d for d in window.findChildren(RejectionDialog) if d.isVisible())
    dialog.outcome.reason_given.setPlainText(huge)
    dialog.next()
    from jobdesk.services.rejections import get_rejection

    record = get_rejection(store.db, application_id=application)
    assert record is not None and record.reason_given == huge
    dialog.finish_later()
