"""The application icon."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from jobdesk import APP_ID
from jobdesk.resources import icon_files


def application_icon() -> QIcon:
    """jobdesk's icon from the shipped PNGs, else from the installed icon theme."""
    files = icon_files()
    if not files:
        return QIcon.fromTheme(APP_ID)
    icon = QIcon()
    for path in files:
        icon.addFile(str(path))
    return icon
