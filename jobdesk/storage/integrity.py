"""SQLite's own checks, as plain results a person can read."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field


@dataclass(frozen=True)
class CheckReport:
    """The outcome of one or more of SQLite's checks; empty lists mean clean."""

    quick_check: list[str] = field(default_factory=list)
    integrity_check: list[str] = field(default_factory=list)
    foreign_key_problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.quick_check or self.integrity_check or self.foreign_key_problems)

    def lines(self) -> list[str]:
        out = []
        for name, problems in (
            ("quick_check", self.quick_check),
            ("integrity_check", self.integrity_check),
            ("foreign_key_check", self.foreign_key_problems),
        ):
            if problems:
                out.append(f"{name}: {len(problems)} problem(s)")
                out.extend(f"  {problem}" for problem in problems[:20])
                if len(problems) > 20:
                    out.append(f"  … and {len(problems) - 20} more")
            else:
                out.append(f"{name}: ok")
        return out


def _problems(connection: sqlite3.Connection, pragma: str) -> list[str]:
    try:
        rows = connection.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.DatabaseError as error:
        # Damage bad enough that SQLite gives up on the check is itself the answer.
        return [f"the check could not finish: {error}"]
    messages = [str(row[0]) for row in rows]
    if messages == ["ok"]:
        return []
    # SQLite may pack several findings into one row, under a header line.
    return [
        line
        for message in messages
        for line in message.splitlines()
        if line.strip() and not line.startswith("*** in database")
    ]


def quick_check(connection: sqlite3.Connection) -> list[str]:
    return _problems(connection, "quick_check")


def integrity_check(connection: sqlite3.Connection) -> list[str]:
    return _problems(connection, "integrity_check")


def foreign_key_problems(connection: sqlite3.Connection) -> list[str]:
    try:
        rows = connection.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as error:
        return [f"the check could not finish: {error}"]
    return [
        f"table {table} row {rowid} points to a missing row in {parent}"
        for table, rowid, parent, _ in rows
    ]


def full_check(connection: sqlite3.Connection) -> CheckReport:
    return CheckReport(
        quick_check=quick_check(connection),
        integrity_check=integrity_check(connection),
        foreign_key_problems=foreign_key_problems(connection),
    )


def row_counts(connection: sqlite3.Connection) -> dict[str, int]:
    """Rows per user table, for before/after comparisons around a migration."""
    tables = [
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {
        # Table names come from sqlite_master, never from input.
        table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
        for table in tables
    }
