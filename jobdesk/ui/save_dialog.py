"""Asking where to save a file, the same way everywhere in jobdesk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget


def open_save_dialog(
    parent: QWidget,
    *,
    title: str,
    object_name: str,
    name_filter: str,
    suffix: str,
    folder: Path,
    file_name: str,
    on_chosen: Callable[[Path], None],
) -> QFileDialog:
    """Open a save dialog at *folder* suggesting *file_name*; *on_chosen* gets the path.

    Qt's own dialog, opened with open() like every other dialog here, so it
    never blocks the event loop and tests can answer it through its signal.
    """
    dialog = QFileDialog(parent, title)
    dialog.setObjectName(object_name)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilters([name_filter, "All files (*)"])
    dialog.setDefaultSuffix(suffix)
    dialog.setDirectory(str(folder))
    dialog.selectFile(file_name)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(lambda chosen: on_chosen(Path(chosen)))
    dialog.open()
    return dialog
