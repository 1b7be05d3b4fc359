"""Telling the person their data file is damaged, and offering the newest good backup.

Shown at start-up, before the main window: the damaged file is kept, under
a new name, whatever they choose.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from jobdesk.storage.backup import BackupInfo, backup_counts
from jobdesk.storage.recovery import damaged_name


class RecoveryChoice(Enum):
    RESTORE = "restore"  # move the damaged file aside, put the backup in its place
    CHOOSE = "choose"  # pick another backup from the list
    START_EMPTY = "empty"  # move it aside and start with an empty board
    QUIT = "quit"  # touch nothing; close jobdesk


@dataclass(frozen=True)
class DamageReport:
    database: Path
    reason: str
    backup: BackupInfo | None


def describe_backup(backup: BackupInfo) -> str:
    local = backup.taken_at.astimezone()
    when = f"{local:%A} {local.day} {local:%B %Y at %H:%M}"
    try:
        counts = backup_counts(backup.path)
        holds = (
            f"{counts['applications']:,} applications, {counts['rejections']:,} rejections "
            f"and {counts['lessons']:,} lessons"
        )
    except Exception:  # the counts are a courtesy; the backup already passed its check
        holds = f"{backup.size_bytes:,} bytes"
    return f"{when} ({holds})"


def recovery_box(report: DamageReport, parent: QWidget | None = None) -> QMessageBox:
    """The question, with one button per choice (each button's data is the choice)."""
    aside = damaged_name(report.database).name
    text = (
        "jobdesk found a problem with your data file and stopped before changing anything.\n\n"
        f"What is wrong: {report.reason}.\n\n"
        f"Whatever you choose, the file is kept, unchanged, as “{aside}…” in your data "
        "folder, so nothing is lost."
    )
    box = QMessageBox(
        QMessageBox.Icon.Warning, "jobdesk: your data file is damaged", "", parent=parent
    )
    box.setObjectName("RecoveryPrompt")
    box.setTextFormat(Qt.TextFormat.PlainText)
    if report.backup is not None:
        text += (
            f"\n\nThe newest backup that passes its check is from {describe_backup(report.backup)}."
        )
        restore = box.addButton("Restore that backup", QMessageBox.ButtonRole.AcceptRole)
        restore.setProperty("choice", RecoveryChoice.RESTORE.value)
        box.setDefaultButton(restore)
        choose = box.addButton("Choose another backup…", QMessageBox.ButtonRole.ActionRole)
        choose.setProperty("choice", RecoveryChoice.CHOOSE.value)
    else:
        text += "\n\nThere is no backup that passes its check."
    empty = box.addButton("Start with an empty board", QMessageBox.ButtonRole.DestructiveRole)
    empty.setProperty("choice", RecoveryChoice.START_EMPTY.value)
    quit_button = box.addButton("Quit and leave it as it is", QMessageBox.ButtonRole.RejectRole)
    quit_button.setProperty("choice", RecoveryChoice.QUIT.value)
    box.setEscapeButton(quit_button)
    box.setText(text)
    return box


def chosen(box: QMessageBox) -> RecoveryChoice:
    button = box.clickedButton()
    value = button.property("choice") if button is not None else None
    return RecoveryChoice(value) if value else RecoveryChoice.QUIT
