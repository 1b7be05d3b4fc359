"""The main window on a real data folder, offscreen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from jobdesk.domain.stages import DEFAULT_STAGES
from jobdesk.services.applications import create_application, set_archived
from jobdesk.services.demo import fill_with_demo_data
from jobdesk.services.stages import list_stages, update_stage
from jobdesk.storage.store import Store
from jobdesk.ui.main_window import MainWindow
from jobdesk.ui.stage_overview import CountRole, StageIdRole, StageOverviewModel

HOSTILE = '<img src="http://127.0.0.1:9/x"><b>x</b>'


def open_window(qtbot: QtBot, store: Store) -> MainWindow:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_window_lists_every_visible_stage_with_counts(qtbot: QtBot, store: Store) -> None:
    fill_with_demo_data(store.db, count=120)
    window = open_window(qtbot, store)
    assert window.objectName() == "MainWindow"
    model = window.overview_model
    names = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert names == [stage.name for stage in DEFAULT_STAGES]
    total = sum(model.index(row, 0).data(CountRole) for row in range(model.rowCount()))
    assert total == model.total()
    assert window.heading.text() == f"{total:,} applications in your search"
    image = window.grab().toImage()
    assert not image.isNull()


def test_refresh_follows_the_database(qtbot: QtBot, store: Store) -> None:
    window = open_window(qtbot, store)
    assert "No applications yet" in window.heading.text()
    applied = next(s for s in list_stages(store.db) if s.name == "Applied")
    application_id = create_application(store.db, company="Acme", stage_id=applied.id)
    update_stage(store.db, stage_id=applied.id, soft_limit=5)
    window.refresh()
    row = next(
        r
        for r in range(window.overview_model.rowCount())
        if window.overview_model.index(r, 0).data(StageIdRole) == applied.id
    )
    assert window.overview_model.index(row, 2).data() == "1/5"
    assert window.heading.text() == "1 application in your search"
    set_archived(store.db, application_id=application_id, archived=True)
    update_stage(store.db, stage_id=applied.id, hidden=True)
    window.refresh()
    assert applied.id not in [
        window.overview_model.index(r, 0).data(StageIdRole)
        for r in range(window.overview_model.rowCount())
    ]


def test_overview_model_passes_the_model_tester(qtmodeltester: ModelTester, store: Store) -> None:
    fill_with_demo_data(store.db, count=30)
    model = StageOverviewModel(store.db)
    qtmodeltester.check(model, force_py=True)
    model.refresh()
    qtmodeltester.check(model, force_py=True)


def test_user_text_is_shown_literally(qtbot: QtBot, store: Store) -> None:
    stage = list_stages(store.db)[0]
    update_stage(store.db, stage_id=stage.id, name=HOSTILE)
    window = open_window(qtbot, store)
    assert window.overview_model.index(0, 0).data() == HOSTILE
    labels = window.findChildren(QLabel)
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)


def test_every_interactive_widget_has_an_accessible_name(qtbot: QtBot, store: Store) -> None:
    window = open_window(qtbot, store)
    assert window.accessibleName()
    assert window.overview.accessibleName()
    assert window.heading.accessibleName()


def test_about_box_opens_without_blocking(qtbot: QtBot, store: Store) -> None:
    window = open_window(qtbot, store)
    window.show_about()
    box = QApplication.activeModalWidget()
    assert box is not None and "offline" in box.text()  # type: ignore[attr-defined]
    box.close()
