"""What this jobdesk is made of, for ``--version`` and bug reports."""

from __future__ import annotations

import platform
import sqlite3

from jobdesk import APP_ID, __version__


def version_report() -> str:
    """One line per component: jobdesk, Qt, PySide6, Python, SQLite, peewee."""
    try:
        import PySide6
        from PySide6 import QtCore

        qt_version = QtCore.qVersion()
        pyside_version = getattr(PySide6, "__version__", "unknown")
    except ImportError as error:  # a broken install should still say what it has
        qt_version = pyside_version = f"not available ({error})"
    try:
        import peewee

        peewee_version = getattr(peewee, "__version__", "unknown")
    except ImportError as error:
        peewee_version = f"not available ({error})"
    return "\n".join(
        (
            f"jobdesk {__version__} ({APP_ID})",
            f"Qt {qt_version}",
            f"PySide6 {pyside_version}",
            f"Python {platform.python_version()} ({platform.python_implementation()})",
            f"SQLite {sqlite3.sqlite_version}",
            f"peewee {peewee_version}",
        )
    )
