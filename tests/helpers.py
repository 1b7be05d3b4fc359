"""Small helpers shared by the tests."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any


def query(path: Path, sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Run *sql* on the database file *path* through a separate, read-only connection."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        return connection.execute(sql, parameters).fetchall()


def pages_of(path: Path, table: str) -> list[int]:
    """The numbers (from 1) of *table*'s leaf pages in the file itself, after moving the WAL in.

    For damaging a chosen table: a page whose latest version sits in the WAL
    would be read from there, untouched.
    """
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        rows = connection.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'", (table,)
        ).fetchall()
    return [page for (page,) in rows]


def table_contents(
    path: Path, *, ignore: dict[str, set[str]] | None = None
) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted, without the columns in *ignore* per table.

    For comparing a database before a change and after its undo: a few
    columns (update times, ids of re-created history rows) legitimately differ.
    """
    ignore = ignore or {}
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        contents = {}
        for table in tables:
            columns = [
                row[1]
                for row in connection.execute(f'PRAGMA table_info("{table}")')
                if row[1] not in ignore.get(table, set())
            ]
            names = ", ".join(f'"{c}"' for c in columns)
            rows = connection.execute(f'SELECT {names} FROM "{table}"').fetchall()
            contents[table] = sorted(rows, key=repr)
        return contents
