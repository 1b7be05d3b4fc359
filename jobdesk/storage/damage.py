"""Is the database damaged? Asked at start-up, on a thread, before Qt is imported.

Only the standard library and SQLite: this runs first, and the answer
decides whether jobdesk opens the file at all (``storage.recovery`` does
what comes next when it is damaged).
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from jobdesk.background import BackgroundCall
from jobdesk.storage.integrity import quick_check
from jobdesk.storage.read_only import read_only_connection

#: The checking connection's page cache, in KiB.
CHECK_CACHE_KIB = 256


def find_damage(database: Path) -> str | None:
    """Why *database* cannot be trusted (it cannot be opened, or fails quick_check), else None.

    Read-only: nothing is written, whatever the answer.
    """
    if not database.exists() or database.stat().st_size == 0:
        return None
    try:
        with contextlib.closing(read_only_connection(database)) as connection:
            # It reads every page once: a small cache.
            connection.execute(f"PRAGMA cache_size = -{CHECK_CACHE_KIB}")
            connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            problems = quick_check(connection)
    except sqlite3.DatabaseError as error:
        return f"it cannot be read as a database ({error})"
    if problems:
        return f"SQLite's check found damage: {problems[0]}"
    return None


class DamageCheck(BackgroundCall[str | None]):
    """``find_damage`` on a background thread, started as early as possible.

    SQLite releases the GIL while it checks, so the check runs on the second
    core while Qt starts up; start-up then waits only for what is left of it
    (``result()``: the damage found, or None). When the machine is busy and
    both must share one core, the check gives way: the first board is
    painted without waiting for it (on one core, 216 ms instead of 300 ms
    at 50,000 applications), and only the store's opening does.
    """

    def __init__(self, database: Path) -> None:
        super().__init__(
            find_damage, database, name="jobdesk-damage-check", daemon=True, yielding=True
        )
