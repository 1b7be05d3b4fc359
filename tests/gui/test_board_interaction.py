"""Driving the board as a person does: drag events on the viewport, and the keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QHoverEvent,
    QPalette,
)
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from jobdesk.services.applications import column_ids, get_application
from jobdesk.storage.store import Store
from jobdesk.ui.board.card_delegate import MARGIN
from jobdesk.ui.board.column_view import StageColumnView
from jobdesk.ui.board.mime import card_mime_data
from jobdesk.ui.editor.application_dialog import ApplicationDialog
from jobdesk.ui.main_window import MainWindow
from jobdesk.ui.shortcuts_dialog import ShortcutsDialog
from tests.gui.conftest import column_named

MOVE = Qt.DropAction.MoveAction
LEFT = Qt.MouseButton.LeftButton
NO_KEYS = Qt.KeyboardModifier.NoModifier


def drag_event(kind: type[QDropEvent], point: QPoint, data: object) -> QDropEvent:
    """A drag event at *point*: Qt 6.12 takes QPointF and deprecates QPoint, older only QPoint."""
    try:
        return kind(QPointF(point), MOVE, data, LEFT, NO_KEYS)
    except TypeError:
        return kind(point, MOVE, data, LEFT, NO_KEYS)


def drag_over(view: StageColumnView, data: object, point: QPoint) -> None:
    viewport = view.viewport()
    QApplication.sendEvent(viewport, drag_event(QDragEnterEvent, point, data))
    QApplication.sendEvent(viewport, drag_event(QDragMoveEvent, point, data))


def test_drag_events_on_the_viewport_show_a_drop_indicator_and_move(
    window: MainWindow, demo_store: Store
) -> None:
    applied, screening = column_named(window, "Applied"), column_named(window, "Screening")
    card = applied.model.card_at(0)
    assert card is not None
    target = screening.view
    second = target.visualRect(target.model().index(1, 0))
    point = QPoint(second.center().x(), second.top() + 3)  # upper half of the second card
    data = card_mime_data(card.id, applied.model.stage.id)
    drag_over(target, data, point)
    assert target._drop_row == 1
    target.viewport().repaint()  # the indicator paints without error
    before = screening.model.loaded_ids()
    drop = drag_event(QDropEvent, point, data)
    QApplication.sendEvent(target.viewport(), drop)
    assert drop.isAccepted()
    assert target._drop_row is None
    assert column_ids(demo_store.db, stage_id=screening.model.stage.id)[:3] == [
        before[0],
        card.id,
        before[1],
    ]


def test_a_drag_that_leaves_moves_nothing(window: MainWindow, demo_store: Store) -> None:
    applied, screening = column_named(window, "Applied"), column_named(window, "Screening")
    card = applied.model.card_at(0)
    assert card is not None
    drag_over(screening.view, card_mime_data(card.id, applied.model.stage.id), QPoint(20, 20))
    QApplication.sendEvent(screening.view.viewport(), QDragLeaveEvent())
    assert screening.view._drop_row is None
    assert get_application(demo_store.db, application_id=card.id).stage_id == applied.model.stage.id


def test_text_dragged_from_elsewhere_is_refused(window: MainWindow) -> None:
    from PySide6.QtCore import QMimeData

    view = column_named(window, "Applied").view
    text = QMimeData()
    text.setText("hello")
    enter = drag_event(QDragEnterEvent, QPoint(10, 10), text)
    QApplication.sendEvent(view.viewport(), enter)
    assert not enter.isAccepted()


def test_a_drop_on_a_collapsed_column_goes_to_its_top(
    window: MainWindow, demo_store: Store
) -> None:
    applied, rejected = column_named(window, "Applied"), column_named(window, "Rejected")
    rejected.set_collapsed(True)
    card = applied.model.card_at(0)
    assert card is not None
    data = card_mime_data(card.id, applied.model.stage.id)
    point = QPoint(10, 40)
    QApplication.sendEvent(rejected.strip, drag_event(QDragEnterEvent, point, data))
    QApplication.sendEvent(rejected.strip, drag_event(QDropEvent, point, data))
    assert column_ids(demo_store.db, stage_id=rejected.model.stage.id)[0] == card.id


def focus_card(qtbot: QtBot, view: StageColumnView, row: int) -> None:
    view.window().activateWindow()  # a closed dialog may have taken the activation along
    view.setFocus()
    view.select_row(row)
    qtbot.waitUntil(view.hasFocus)


def test_arrow_keys_walk_across_cards_and_columns(qtbot: QtBot, window: MainWindow) -> None:
    applied, screening = column_named(window, "Applied"), column_named(window, "Screening")
    focus_card(qtbot, applied.view, 0)
    qtbot.keyClick(applied.view, Qt.Key.Key_Down)
    assert applied.view.currentIndex().row() == 1
    qtbot.keyClick(applied.view, Qt.Key.Key_Right)
    assert screening.view.hasFocus()
    assert screening.view.currentIndex().row() == 1
    qtbot.keyClick(screening.view, Qt.Key.Key_Left)
    assert applied.view.hasFocus()


def test_alt_arrows_move_the_card_and_undo_redo_follow(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    applied, screening = column_named(window, "Applied"), column_named(window, "Screening")
    ids = applied.model.loaded_ids()
    focus_card(qtbot, applied.view, 0)
    qtbot.keyClick(applied.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert column_ids(demo_store.db, stage_id=applied.model.stage.id)[:2] == [ids[1], ids[0]]
    assert applied.view.current_application_id() == ids[0]
    qtbot.keyClick(applied.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert column_ids(demo_store.db, stage_id=applied.model.stage.id)[:2] == ids[:2]
    qtbot.keyClick(applied.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert column_ids(demo_store.db, stage_id=screening.model.stage.id)[0] == ids[0]
    assert screening.view.hasFocus() and screening.view.current_application_id() == ids[0]
    assert screening.count_label.text() == str(screening.model.total)
    qtbot.keyClick(screening.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert get_application(demo_store.db, application_id=ids[0]).stage_id == applied.model.stage.id

    qtbot.keyClick(applied.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (
        get_application(demo_store.db, application_id=ids[0]).stage_id == screening.model.stage.id
    )
    qtbot.keyClick(
        applied.view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert get_application(demo_store.db, application_id=ids[0]).stage_id == applied.model.stage.id
    assert window.undo_action.text().startswith("&Undo Move")


def test_delete_archives_and_undo_brings_it_back(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    applied = column_named(window, "Applied")
    card = applied.model.card_at(0)
    assert card is not None
    total = applied.model.total
    focus_card(qtbot, applied.view, 0)
    qtbot.keyClick(applied.view, Qt.Key.Key_Delete)
    assert get_application(demo_store.db, application_id=card.id).archived
    assert card.id not in applied.model.loaded_ids()
    assert applied.model.total == total - 1
    window.undo_stack.undo()
    assert not get_application(demo_store.db, application_id=card.id).archived
    assert applied.model.loaded_ids()[0] == card.id
    assert applied.model.total == total


def test_enter_opens_the_card_and_shortcuts_open_their_dialogs(
    qtbot: QtBot, window: MainWindow
) -> None:
    applied = column_named(window, "Applied")
    focus_card(qtbot, applied.view, 0)
    qtbot.keyClick(applied.view, Qt.Key.Key_Return)
    dialog = window.findChild(ApplicationDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.company.text() == applied.model.card_at(0).company  # type: ignore[union-attr]
    dialog.reject()
    qtbot.waitUntil(lambda: window.findChild(ApplicationDialog) is None)

    focus_card(qtbot, applied.view, 0)
    qtbot.keyClick(applied.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.filter_box.hasFocus()
    qtbot.keyClick(window.filter_box, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    new = window.findChild(ApplicationDialog)
    assert new is not None and new.is_new
    new.reject()
    qtbot.waitUntil(lambda: window.findChild(ApplicationDialog) is None)
    focus_card(qtbot, applied.view, 0)
    qtbot.keyClick(applied.view, Qt.Key.Key_F1)
    shortcuts = window.findChild(ShortcutsDialog)
    assert shortcuts is not None and shortcuts.isVisible()
    shortcuts.reject()


def test_moving_into_a_collapsed_column_puts_the_card_on_top_and_keeps_the_focus(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    offer, accepted = column_named(window, "Offer"), column_named(window, "Accepted")
    assert accepted.collapsed
    card = offer.model.card_at(0)
    assert card is not None
    focus_card(qtbot, offer.view, 0)
    qtbot.keyClick(offer.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert column_ids(demo_store.db, stage_id=accepted.model.stage.id)[0] == card.id
    assert offer.view.hasFocus()
    assert accepted.model.total == len(column_ids(demo_store.db, stage_id=accepted.model.stage.id))


def test_a_click_in_the_flat_scroll_bar_track_pages_down_and_the_handle_follows(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The board's bars have no arrow buttons; the track and handle still scroll."""
    view = column_named(window, "Applied").view
    bar = view.verticalScrollBar()
    assert bar.isVisible()
    assert bar.width() == 12
    before = bar.grab().toImage()
    qtbot.mouseClick(bar, LEFT, NO_KEYS, QPoint(bar.width() // 2, bar.height() - 4))
    assert bar.value() == min(bar.pageStep(), bar.maximum())
    assert bar.grab().toImage() != before  # the handle moved down


#: Window, Mid, Dark and PlaceholderText of a light theme, and of a dark one
#: whose Dark is darker than its window (the handle used to sink into it).
THEMES = {
    "light": ("#efefef", "#b8b8b8", "#9f9f9f", "#7a7a7a"),
    "dark": ("#2b2b2b", "#5a5a5a", "#1a1a1a", "#8c8c8c"),
}


@pytest.mark.parametrize("theme", THEMES)
def test_the_scroll_bar_handle_follows_the_theme_and_stands_out_under_the_mouse(
    request: pytest.FixtureRequest, qtbot: QtBot, window: MainWindow, theme: str
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    palette = QPalette(before)
    roles = ("Window", "Mid", "Dark", "PlaceholderText")
    for role, color in zip(roles, THEMES[theme], strict=True):
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(color))
    # Changed while the window is open, as when the desktop switches theme.
    app.setPalette(palette)
    request.addfinalizer(lambda: app.setPalette(before))
    view = column_named(window, "Applied").view
    window_role = QPalette.ColorRole.Window
    qtbot.waitUntil(lambda: view.palette().color(window_role) == QColor(THEMES[theme][0]))
    bar = view.verticalScrollBar()
    on_handle, on_track = QPoint(bar.width() // 2, 20), QPoint(1, 20)

    def contrast(*, hovered: bool) -> int:
        # The hover state as Qt sets it when the pointer is over the handle
        # (independent of where earlier tests left the pointer).
        bar.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, hovered)
        where = QPointF(on_handle if hovered else QPoint(-1, -1))
        hover = QHoverEvent(QEvent.Type.HoverMove, where, bar.mapToGlobal(where), where)
        QApplication.sendEvent(bar, hover)
        image = bar.grab().toImage()
        assert image.pixelColor(on_track) == QColor(THEMES[theme][0])
        return abs(image.pixelColor(on_handle).lightness() - image.pixelColor(on_track).lightness())

    assert contrast(hovered=True) > contrast(hovered=False) + 20


def test_the_selected_card_of_the_focused_column_has_a_highlighted_border(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The delegate asks the view what is selected and current (not option.state)."""
    view = column_named(window, "Applied").view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    highlight = view.palette().color(view.palette().ColorRole.Highlight).rgb()

    def border_at(row: int) -> int:
        rect = view.visualRect(view.model().index(row, 0))
        image = view.viewport().grab().toImage()
        return image.pixel(rect.left() + MARGIN, rect.center().y())  # on the card's left edge

    view.select_row(1)
    assert border_at(1) == highlight
    assert border_at(0) != highlight
    view.select_row(0)
    assert border_at(0) == highlight
    assert border_at(1) != highlight
