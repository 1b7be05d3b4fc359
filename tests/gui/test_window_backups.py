"""The window keeps backups on its own: on quit after changes, and failures are said, not raised."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from jobdesk.services.applications import create_application
from jobdesk.storage.backup import BackupError, list_backups
from jobdesk.storage.store import Store
from jobdesk.ui.main_window import MainWindow


def test_quitting_after_a_change_leaves_a_checked_backup(qtbot: QtBot, store: Store) -> None:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    create_application(store.db, company="Acme", role="Engineer")
    window.close()
    reasons = [backup.reason for backup in list_backups(store.backup_dir)]
    assert "quit" in reasons


def test_a_failed_backup_is_reported_in_the_status_bar(
    qtbot: QtBot, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    window = MainWindow(store)
    qtbot.addWidget(window)

    def failing() -> Path | None:
        raise BackupError("Could not write a backup to /nowhere: disk full")

    assert window.back_up(failing) is None
    assert "disk full" in window.statusBar().currentMessage()
    assert any("Automatic backup failed" in r.getMessage() for r in caplog.records)
    caplog.clear()
