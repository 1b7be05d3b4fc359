"""Fixtures for tests of the real main window, offscreen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from jobdesk.services.demo import fill_with_demo_data
from jobdesk.storage.store import Store
from jobdesk.ui.board.column_view import StageColumn
from jobdesk.ui.main_window import MainWindow


@pytest.fixture
def demo_store(store: Store) -> Store:
    fill_with_demo_data(store.db, count=400, seed=11)
    return store


@pytest.fixture
def window(qtbot: QtBot, demo_store: Store) -> Iterator[MainWindow]:
    main = MainWindow(demo_store)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()


def column_named(window: MainWindow, name: str) -> StageColumn:
    return next(c for c in window.board.columns() if c.model.stage.name == name)
