"""Full JSON export and import: every table, versioned, re-importable with nothing lost.

The document format is described in ``jobdesk.domain.exchange_schema``.

Export reads one snapshot and streams it row by row into a private file
(0600, created exclusively beside the destination, flushed to disk, then
renamed over it), so a crash leaves the old file or the new one and 50,000
applications never sit in memory as one structure.

Import is all or nothing, in this order:

1. read the file: a regular file of at most ``MAX_IMPORT_BYTES``, UTF-8,
   nested no deeper than ``MAX_NESTING``, strict JSON (no NaN or Infinity,
   no number too large for a float, no key twice in one object);
2. upgrade an older format version to the current one, then check every
   table, column and value against the format (types, nulls, choices, dates);
3. refuse unless the data folder is empty: no applications, lessons or
   anything hanging off them. The import recreates a data folder from its
   export; it does not merge. The default stages and any settings are
   replaced by the file's, ids included, so the file's links hold;
4. take a backup (reason ``before-import``);
5. one ``BEGIN IMMEDIATE`` transaction: delete the stages and settings,
   insert every row with foreign keys deferred, list any row that points to
   a row missing from the file, commit. Any error rolls it all back.

Every refusal is a JsonImportError (a ValueError) whose message says what
is wrong and where in the file; the database is then exactly as it was.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import os
import re
import sqlite3
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

import peewee
from peewee import SqliteDatabase

from jobdesk import __version__
from jobdesk.domain.exchange_schema import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_NESTING,
    TABLES,
    TABLES_BY_NAME,
    BadValueError,
    JsonImportError,
    Table,
    TableData,
    check_document,
    describe,
    expected,
    upgrade_document,
    value_checker,
)
from jobdesk.private_files import private_text_output
from jobdesk.services.backups import take_backup
from jobdesk.storage.backup import BackupError
from jobdesk.storage.database import live_connection, read_snapshot, write_transaction

__all__ = [
    "MAX_IMPORT_BYTES",
    "ExportSummary",
    "ImportSummary",
    "JsonExportError",
    "JsonImportError",
    "export_json",
    "import_json",
    "read_document",
]

log = logging.getLogger(__name__)

#: The largest file import_json reads. A real search of 50,000 applications
#: exports to well under a tenth of this.
MAX_IMPORT_BYTES = 512 * 1024 * 1024

#: Rows between two progress reports (and rows fetched at a time on export).
_BATCH = 5000
#: How many values an export lists that an import would refuse.
_MAX_LISTED_PROBLEMS = 20
#: Tables an import replaces rather than requiring them empty.
_REPLACED_TABLES = ("stage", "setting")

Progress = Callable[[int, int], None]


class JsonExportError(Exception):
    """The export could not be written; any earlier file at the destination is untouched."""


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    #: Rows written, per table.
    rows: dict[str, int]
    size_bytes: int
    #: Values in the database that an import would refuse (never expected;
    #: listed so the caller can say the file will not re-import as it is).
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportSummary:
    source: Path
    #: The backup taken just before the import.
    backup: Path
    #: Rows imported, per table.
    rows: dict[str, int]
    format_version: int
    schema_version: int
    exported_at: str


# -------------------------------------------------------------------- export


def export_json(
    db: SqliteDatabase, destination: Path, *, progress: Progress | None = None
) -> ExportSummary:
    """Write every table of *db* to *destination* as a jobdesk JSON document.

    *progress* is called with (rows written, rows in all) as the rows go
    out, ending with (total, total). Raises JsonExportError when the database
    cannot be read or the file cannot be written.
    """
    destination = Path(destination)
    problems: list[str] = []
    written: dict[str, int] = {}
    try:
        with read_snapshot(db):
            connection = live_connection(db)
            _check_schema_matches(connection)
            schema_version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            totals = {
                # Table names come from TABLES, never from input.
                table.name: connection.execute(f'SELECT COUNT(*) FROM "{table.name}"').fetchone()[0]  # noqa: S608
                for table in TABLES
            }
            total = sum(totals.values())
            done = 0

            def advance(rows: int) -> None:
                nonlocal done
                done += rows
                if progress:
                    progress(done, total)

            if progress:
                progress(0, total)
            with private_text_output(destination) as stream:
                _write_header(stream, schema_version)
                for index, table in enumerate(TABLES):
                    stream.write(",\n" if index else "\n")
                    written[table.name] = _write_table(
                        stream, connection, table, problems=problems, advance=advance
                    )
                stream.write("\n  }\n}\n")
    except (sqlite3.Error, peewee.DatabaseError) as error:
        raise JsonExportError(f"Could not read the database to export it: {error}") from error
    except OSError as error:
        reason = error.strerror or str(error)
        raise JsonExportError(f"Could not write {destination}: {reason}.") from error
    size = destination.stat().st_size
    log.info("Exported %d rows to %s (%d bytes)", sum(written.values()), destination, size)
    return ExportSummary(
        path=destination,
        rows=written,
        size_bytes=size,
        problems=tuple(problems[:_MAX_LISTED_PROBLEMS]),
    )


def _check_schema_matches(connection: sqlite3.Connection) -> None:
    """Refuse to export a database holding tables or columns the format cannot carry."""
    tables = {
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    if tables != set(TABLES_BY_NAME):
        raise JsonExportError(
            "This database's tables are not the ones this jobdesk exports "
            f"(found {', '.join(sorted(tables))}); nothing was written."
        )
    for table in TABLES:
        columns = {row[1] for row in connection.execute(f'PRAGMA table_info("{table.name}")')}
        if columns != set(table.column_names):
            raise JsonExportError(
                f"The table {table.name} has columns this jobdesk does not export "
                f"({', '.join(sorted(columns ^ set(table.column_names)))}); nothing was written."
            )


def _write_header(stream: TextIO, schema_version: int) -> None:
    header = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "schema_version": schema_version,
        "exported_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "generator": f"jobdesk {__version__}",
    }
    stream.write("{\n")
    for key, value in header.items():
        stream.write(f"  {json.dumps(key)}: {json.dumps(value)},\n")
    stream.write('  "tables": {')


#: One encoder for every row: json.dumps with options builds a new encoder per call.
_ROW_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _write_table(
    stream: TextIO,
    connection: sqlite3.Connection,
    table: Table,
    *,
    problems: list[str],
    advance: Callable[[int], None],
) -> int:
    """Write *table* as one entry of "tables", a row per line; return how many rows."""
    stream.write(
        f"    {json.dumps(table.name)}: {{\n"
        f'      "columns": {json.dumps(table.column_names)},\n'
        '      "rows": ['
    )
    count = 0
    checkers = _Checkers(table.name)
    for batch in _table_batches(connection, table):
        try:
            lines = [_ROW_ENCODER.encode(row) for row in batch]
        except (TypeError, ValueError) as error:  # a BLOB, or an infinite REAL
            raise JsonExportError(
                f"The table {table.name} holds a value JSON cannot carry ({error}); "
                "the database may be damaged. Run jobdesk check."
            ) from error
        if len(problems) < _MAX_LISTED_PROBLEMS:
            problems.extend(checkers.problems_in(batch))
        stream.write(("\n" if count == 0 else ",\n") + ",\n".join(lines))
        count += len(batch)
        advance(len(batch))
    stream.write("\n      ]\n    }" if count else "]\n    }")
    return count


def _table_batches(connection: sqlite3.Connection, table: Table) -> Iterator[list[tuple[Any, ...]]]:
    names = ", ".join(f'"{name}"' for name in table.column_names)
    order = ", ".join(f'"{name}"' for name in table.key)
    # Names come from TABLES, never from input.
    cursor = connection.execute(f'SELECT {names} FROM "{table.name}" ORDER BY {order}')  # noqa: S608
    while batch := cursor.fetchmany(_BATCH):
        yield batch


class _Checkers:
    """The import's value checks, run over exported rows to find what would not re-import."""

    def __init__(self, table_name: str) -> None:
        self.table = TABLES_BY_NAME[table_name]
        self.checkers = [value_checker(column) for column in self.table.columns]
        self.key_positions = [self.table.column_names.index(name) for name in self.table.key]

    def problems_in(self, batch: list[tuple[Any, ...]]) -> list[str]:
        found = []
        for row in batch:
            for column, check, value in zip(self.table.columns, self.checkers, row, strict=True):
                try:
                    check(value)
                except BadValueError as problem:
                    reason = str(problem) or f"expected {expected(column)}, found {describe(value)}"
                    key = ", ".join(repr(row[position]) for position in self.key_positions)
                    found.append(f"{self.table.name} {key}, {column.name}: {reason}")
        return found


# -------------------------------------------------------------------- import


def import_json(
    db: SqliteDatabase,
    source: Path,
    *,
    backup_dir: Path,
    progress: Progress | None = None,
    max_bytes: int = MAX_IMPORT_BYTES,
) -> ImportSummary:
    """Fill the empty database *db* from the jobdesk JSON file *source*, all or nothing.

    The steps are in the module docstring. *progress* is called with (steps
    done, steps in all): each row is checked, then inserted, so a file of N
    rows takes 2N steps, ending with (2N, 2N). Call it outside any
    transaction. Raises JsonImportError, and then nothing was written.
    """
    source = Path(source)
    document = upgrade_document(read_document(source, max_bytes=max_bytes))
    total = 2 * _count_rows(document)
    done = 0

    def advance(rows: int) -> None:
        nonlocal done
        done += rows
        if progress:
            progress(done, total)

    if progress:
        progress(0, total)
    tables = check_document(document, on_rows=advance)
    _refuse_unless_empty(db)
    try:
        backup = take_backup(db, backup_dir=backup_dir, reason="before-import")
    except BackupError as error:
        raise JsonImportError(f"{error} Nothing was imported.") from error
    try:
        with write_transaction(db):
            connection = live_connection(db)
            _refuse_unless_empty(db)
            # Checked at COMMIT, and by foreign_key_check below to say which row.
            connection.execute("PRAGMA defer_foreign_keys = ON")
            for table in _REPLACED_TABLES:
                connection.execute(f'DELETE FROM "{table}"')  # noqa: S608 (a constant)
            for data in tables:
                _insert(connection, data, advance)
            _refuse_broken_links(connection)
    except (sqlite3.Error, peewee.DatabaseError) as error:
        raise JsonImportError(
            f"The import could not be saved ({error}); nothing was imported."
        ) from error
    rows = {data.table.name: len(data.rows) for data in tables}
    log.info("Imported %d rows from %s (backup first: %s)", sum(rows.values()), source, backup)
    return ImportSummary(
        source=source,
        backup=backup,
        rows=rows,
        format_version=document["format_version"],
        schema_version=document["schema_version"],
        exported_at=document["exported_at"],
    )


def _count_rows(document: dict[str, Any]) -> int:
    tables = document.get("tables")
    if not isinstance(tables, dict):
        return 0
    return sum(
        len(entry["rows"])
        for entry in tables.values()
        if isinstance(entry, dict) and isinstance(entry.get("rows"), list)
    )


def _refuse_unless_empty(db: SqliteDatabase) -> None:
    connection = live_connection(db)
    held = {
        # Table names come from TABLES, never from input.
        table.name: connection.execute(f'SELECT COUNT(*) FROM "{table.name}"').fetchone()[0]  # noqa: S608
        for table in TABLES
        if table.name not in _REPLACED_TABLES
    }
    if any(held.values()):
        raise JsonImportError(
            f"This data folder already holds {held['application']:,} application(s) and "
            f"{held['lesson']:,} lesson(s). An export is imported into an empty data folder "
            "(start jobdesk with a new --data-dir and import there); nothing was imported."
        )


def _insert(
    connection: sqlite3.Connection, data: TableData, advance: Callable[[int], None]
) -> None:
    name = data.table.name
    columns = ", ".join(f'"{column}"' for column in data.columns)
    placeholders = ", ".join("?" for _ in data.columns)
    # Table and column names were checked against TABLES; values are parameters.
    sql = f'INSERT INTO "{name}" ({columns}) VALUES ({placeholders})'  # noqa: S608
    current = -1

    def rows() -> Iterator[list[Any]]:
        nonlocal current  # executemany binds each row as it is yielded: the failing one
        for current, row in enumerate(data.rows):
            yield row
            if (current + 1) % _BATCH == 0:
                advance(_BATCH)

    try:
        connection.executemany(sql, rows())
    except sqlite3.IntegrityError as error:
        message = str(error)
        if message.startswith("UNIQUE constraint failed"):
            repeated = message.split(":", 1)[1].strip()
            message = f"an earlier row already has the same {repeated}"
        raise JsonImportError(message, f"tables.{name}.rows[{current}]") from None
    if len(data.rows) % _BATCH:
        advance(len(data.rows) % _BATCH)


def _refuse_broken_links(connection: sqlite3.Connection) -> None:
    problems = connection.execute("PRAGMA foreign_key_check").fetchall()
    if not problems:
        return
    table, rowid, parent, key_index = problems[0]
    links = connection.execute(f'PRAGMA foreign_key_list("{table}")').fetchall()
    column = next(link[3] for link in links if link[0] == key_index)
    key = TABLES_BY_NAME[table].key
    names = ", ".join(f'"{name}"' for name in (*key, column))
    # Names come from SQLite's own report about our tables, never from input.
    sql = f'SELECT {names} FROM "{table}" WHERE rowid = ?'  # noqa: S608
    found = connection.execute(sql, (rowid,)).fetchone()
    row = ", ".join(f"{name} {value!r}" for name, value in zip(key, found, strict=False))
    more = f" ({len(problems) - 1:,} more rows have the same problem)" if len(problems) > 1 else ""
    raise JsonImportError(
        f"the row with {row} refers to {parent} {found[-1]!r} ({column}), "
        f"which is not in the file{more}",
        f"tables.{table}",
    )


# ------------------------------------------------------------------- reading


def read_document(source: Path, *, max_bytes: int = MAX_IMPORT_BYTES) -> Any:
    """The JSON value in *source*, read with the limits in the module docstring.

    Raises JsonImportError. The value is not yet checked against the format.
    """
    try:
        with open(source, "rb") as stream:
            status = os.fstat(stream.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise JsonImportError(f"{source} is not a file.")
            if status.st_size > max_bytes:
                raise _too_large(status.st_size, max_bytes)
            data = stream.read(max_bytes + 1)
    except OSError as error:
        reason = error.strerror or str(error)
        raise JsonImportError(f"Cannot read {source}: {reason}.") from error
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise JsonImportError(
            f"The file is not UTF-8 text (byte {error.start:,} is not valid UTF-8); "
            "jobdesk exports are always UTF-8."
        ) from None
    del data
    text = text.removeprefix("\ufeff")  # some editors add a byte-order mark
    if not text.strip():
        raise JsonImportError("The file is empty.")
    _refuse_deep_nesting(text)
    try:
        with _collector_paused():
            return json.loads(
                text,
                object_pairs_hook=_object_without_repeats,
                parse_constant=_refuse_constant,
                parse_float=_finite_float,
            )
    except JsonImportError:
        raise
    except json.JSONDecodeError as error:
        raise JsonImportError(
            f"The file is not valid JSON: {error.msg} at line {error.lineno}, column "
            f"{error.colno}. Was it cut short or edited by hand?"
        ) from None
    except RecursionError:
        raise _too_deep() from None
    except ValueError as error:  # e.g. a number of more than 4,300 digits
        raise JsonImportError(f"The file is not valid JSON: {error}.") from None


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while parsing.

    Parsing makes hundreds of thousands of lists, and each batch of them sets
    off a collection that walks everything made so far: paused, parsing 50,000
    applications takes 0.2 s instead of 0.45 s. JSON values hold no cycles.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _too_large(size: int, limit: int) -> JsonImportError:
    return JsonImportError(
        f"The file is {_size(size)}; jobdesk imports files of at most {_size(limit)}."
    )


def _size(count: int) -> str:
    if count < 2**20:
        return f"{count:,} bytes"
    return f"{count / 2**20:,.1f}".removesuffix(".0") + " MB"


def _too_deep() -> JsonImportError:
    return JsonImportError(
        f"The file nests lists and objects more than {MAX_NESTING} deep; "
        "a jobdesk export never does."
    )


# Strings and everything else but brackets, so only the nesting is left.
_NOT_BRACKETS = re.compile(r'"[^"]*"|[^\[\]{}"]+')
_INNERMOST_PAIRS = re.compile(r"(?:\[\]|\{\})+")


def _refuse_deep_nesting(text: str) -> None:
    """Refuse text nested deeper than MAX_NESTING before the parser recurses into it.

    Escaped backslashes and quotes go first, then whole strings, leaving the
    brackets; each pass of removing innermost pairs peels off one level.
    Text that is not valid JSON may end up unbalanced: the parser then says
    what is wrong (and a RecursionError from it is caught as well).
    """
    brackets = _NOT_BRACKETS.sub("", text.replace("\\\\", "").replace('\\"', ""))
    for _ in range(MAX_NESTING):
        reduced = _INNERMOST_PAIRS.sub("", brackets)
        if reduced == brackets or not reduced:
            return
        brackets = reduced
    if _INNERMOST_PAIRS.search(brackets):
        raise _too_deep()


def _object_without_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise JsonImportError(
                f"The key {json.dumps(key[:60], ensure_ascii=False)} appears twice in one "
                "object; a jobdesk export never repeats a key, and which one to believe "
                "cannot be known."
            )
        seen.add(key)
    return result  # pragma: no cover (a repeat was counted above)


def _refuse_constant(name: str) -> Any:
    raise JsonImportError(f"The file contains {name}, which is not a number JSON allows.")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise JsonImportError(f"The number {text[:40]} is too large for jobdesk.")
    return value
