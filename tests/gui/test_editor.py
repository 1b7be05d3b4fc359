"""The application editor: every field, messages beside fields, and nothing lost."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QLabel, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from jobdesk.services.applications import create_application, get_application, move_application
from jobdesk.services.details import get_details
from jobdesk.services.stages import list_stages
from jobdesk.storage.store import Store
from jobdesk.ui.main_window import MainWindow
from tests.gui.conftest import column_named

HOSTILE = '<img src="http://127.0.0.1:9/x"><b>x</b>'


def test_editing_every_field_saves_and_undoes(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    card = column_named(window, "Interview").model.card_at(0)
    assert card is not None
    before = get_details(demo_store.db, application_id=card.id)
    dialog = window.open_application(card.id)
    dialog.role.setText("Staff Data Analyst")
    dialog.posting_url.setText("example.com/jobs/42")
    assert dialog.open_link.isEnabled() is False  # not a full web address yet
    dialog.location.setText("Lisbon")
    dialog.work_mode.setCurrentIndex(dialog.work_mode.findData("remote"))
    dialog.salary_min.setValue(50_000)
    dialog.salary_max.setValue(60_000)
    dialog.salary_currency.setText("eur")
    dialog.excitement.setCurrentIndex(5)
    dialog.tags.setText("python, remote")
    dialog.next_action.setText("Send portfolio")
    dialog.next_action_on.set_value(date(2027, 2, 3))
    dialog.description.setPlainText("Long description\nwith lines")
    dialog.notes.setPlainText("Notes שלום 👋")
    dialog.contacts.add_empty_row()
    dialog.contacts.table.item(0, 0) or None
    from PySide6.QtWidgets import QTableWidgetItem

    dialog.contacts.table.setItem(
        dialog.contacts.table.rowCount() - 1, 0, QTableWidgetItem("Maria Silva")
    )
    dialog.interviews.add_empty_row()
    with qtbot.waitSignal(dialog.finished):
        dialog.save_button.click()
    saved = get_details(demo_store.db, application_id=card.id)
    fields = saved.fields
    assert fields["role"] == "Staff Data Analyst"
    assert fields["posting_url"] == "https://example.com/jobs/42"
    assert (fields["location"], fields["work_mode"]) == ("Lisbon", "remote")
    assert (fields["salary_min"], fields["salary_max"], fields["salary_currency"]) == (
        50_000,
        60_000,
        "EUR",
    )
    assert fields["excitement"] == 5
    assert fields["next_action_on"] == date(2027, 2, 3)
    assert fields["notes"] == "Notes שלום 👋"
    assert saved.contacts[-1].name == "Maria Silva"
    assert len(saved.interviews) == len(before.interviews) + 1
    assert column_named(window, "Interview").model.card_at(0).role == "Staff Data Analyst"  # type: ignore[union-attr]
    window.undo_stack.undo()
    assert get_details(demo_store.db, application_id=card.id) == before


def test_an_invalid_field_is_explained_beside_it_and_nothing_is_lost(
    window: MainWindow, demo_store: Store
) -> None:
    card = column_named(window, "Applied").model.card_at(0)
    assert card is not None
    dialog = window.open_application(card.id)
    dialog.notes.setPlainText("A long note I do not want to lose")
    dialog.salary_min.setValue(90_000)
    dialog.salary_max.setValue(40_000)
    dialog.save_button.click()
    assert dialog.isVisible()
    message = dialog._errors["salary_max"]
    assert message.isVisible() and "below the lowest" in message.text()
    assert dialog.notes.toPlainText() == "A long note I do not want to lose"
    assert get_application(demo_store.db, application_id=card.id).salary_max != 40_000
    dialog.posting_url.setText("javascript:alert(1)")
    dialog.salary_max.setValue(95_000)
    dialog.save_button.click()
    assert dialog.isVisible()
    assert not message.isVisible()
    assert "http" in dialog._errors["posting_url"].text()
    dialog.company.setText("")
    dialog.role.setText("  ")
    dialog.posting_url.setText("")
    dialog.save_button.click()
    assert "company or a role" in dialog._errors["company"].text()
    dialog.reject()


def test_hostile_text_shows_literally_on_card_tooltip_and_editor(
    window: MainWindow, demo_store: Store
) -> None:
    applied = column_named(window, "Applied")
    application_id = create_application(
        demo_store.db,
        company=HOSTILE,
        role=HOSTILE,
        stage_id=applied.model.stage.id,
        before_id=applied.model.loaded_ids()[0],  # at the top, where it is loaded
    )
    window.board.card_added(application_id)
    row = applied.model.row_of(application_id)
    index = applied.model.index(row)
    assert index.data(Qt.ItemDataRole.DisplayRole) == f"{HOSTILE} — {HOSTILE}"
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tooltip and "&lt;img" in tooltip
    applied.view.viewport().repaint()
    dialog = window.open_application(application_id)
    assert dialog.company.text() == HOSTILE
    for label in dialog.findChildren(QLabel):
        if label.text():
            assert label.textFormat() in (Qt.TextFormat.PlainText,) or "<" not in label.text()
    for label in window.findChildren(QLabel):
        if HOSTILE in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText
    dialog.reject()


def test_creating_warns_about_an_earlier_rejection_before_saving(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    stages = {s.name: s.id for s in list_stages(demo_store.db)}
    earlier = create_application(
        demo_store.db, company="Meridian Health", role="Data Analyst", stage_id=stages["Interview"]
    )
    move_application(demo_store.db, application_id=earlier, stage_id=stages["Rejected"])
    dialog = window.new_application()
    assert not dialog.reapply_warning.isVisible()
    dialog.company.setText("  meridian   HEALTH ")
    qtbot.waitUntil(dialog.reapply_warning.isVisible)
    text = dialog.reapply_warning.text()
    assert "Meridian Health" in text and "Data Analyst" in text
    assert date.today().strftime("%d %b %Y") in text
    assert dialog.reapply_warning.textFormat() == Qt.TextFormat.PlainText
    dialog.role.setText("Senior Data Analyst")
    with qtbot.waitSignal(dialog.finished):
        dialog.save_button.click()
    assert window.undo_stack.undoText() == "Add “meridian   HEALTH”"  # trimmed, kept as typed
    column = next(c for c in window.board.columns() if c.model.stage.id == dialog.chosen_stage_id())
    new = column.model.card_at(0)
    assert new is not None and new.role == "Senior Data Analyst"  # on top, where it is seen


def test_every_input_of_the_editor_has_an_accessible_name(window: MainWindow) -> None:
    card = column_named(window, "Applied").model.card_at(0)
    assert card is not None
    dialog = window.open_application(card.id)
    inputs = [*dialog.findChildren(QLineEdit), *dialog.findChildren(QPlainTextEdit)]
    for widget in inputs:
        if widget.isVisibleTo(dialog) and not isinstance(widget.parent(), QAbstractSpinBox):
            assert widget.accessibleName(), widget.objectName() or type(widget).__name__
    dialog.reject()
