"""The first steps of opening the window, taken before Qt is imported.

``jobdesk`` takes them, and so does the board benchmark, which times the
same start-up. ``run_gui`` takes it from there with the check returned.
"""

from __future__ import annotations

import gc
from pathlib import Path

from jobdesk.paths import database_path
from jobdesk.storage.damage import DamageCheck


def begin_window_start_up(data_dir: Path) -> DamageCheck:
    """Start the damage check of *data_dir*'s database; pause garbage collection.

    Start-up makes a few hundred thousand objects (Qt's classes and enums,
    the window) and leaves almost none as garbage: at 50,000 applications the
    collector's fifty passes over them took 7 ms and freed 750 objects, which
    can as well wait a moment. ``run_gui`` resumes it once the first board
    has been painted, or when start-up ends otherwise.
    """
    gc.disable()
    return DamageCheck(database_path(data_dir))
