"""The jobdesk JSON exchange format: what a document holds, and checking one value by value.

A document (``format_version`` 1) is one JSON object::

    {"format": "jobdesk",
     "format_version": 1,
     "schema_version": 2,              # PRAGMA user_version of the exporting database
     "exported_at": "2025-06-18T10:15:00Z",
     "generator": "jobdesk 0.1.0",     # optional, for people reading the file
     "tables": {
       "stage": {"columns": ["id", "name", ...],
                 "rows": [[1, "Wishlist", ...], ...]},
       ...every table of ``TABLES``, each exactly once...}}

Rows are arrays in the order of their table's ``columns`` (objects would
repeat every column name on every row and double the file). Every column is
present, ids included, so the links between rows survive. Values are what
SQLite stores: whole numbers, numbers, text (dates and times as ISO text,
``YYYY-MM-DD`` and ``YYYY-MM-DD HH:MM:SS[.ffffff]``, naive UTC for times),
and null.

``format_version`` is what a reader goes by: it changes whenever the tables
or columns a document carries change. ``schema_version`` only records the
database the file came from. A reader accepts every version from 1 to
``FORMAT_VERSION``; ``upgrade_document`` brings an older document up to the
current one, one version at a time, before it is checked.

This module is pure Python (no peewee, no files): the service
``jobdesk.services.exchange_json`` reads and writes the files, and a test
checks that ``TABLES`` and the migrated database agree column for column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from jobdesk.domain.stages import StageKind
from jobdesk.domain.text import MAX_TEXT_LENGTH, clean_text
from jobdesk.domain.vocabulary import (
    ContactRole,
    InterviewKind,
    LessonCategory,
    LessonStatus,
    Motivation,
    ReasonCategory,
    RejectionChannel,
    RejectionStatus,
    WorkMode,
)

FORMAT_NAME = "jobdesk"
#: The version this jobdesk writes, and the newest it reads.
FORMAT_VERSION = 1
#: Deeper than this is never a jobdesk document (a valid one nests 5 deep).
MAX_NESTING = 10

#: SQLite's integers are signed 64-bit.
_INT_MIN = -(2**63)
_INT_MAX = 2**63 - 1


class JsonImportError(ValueError):
    """A JSON file jobdesk will not import; nothing was written.

    ``where`` says where in the file (``tables.application.rows[17][3]``),
    or is empty when the problem is the file as a whole.
    """

    def __init__(self, problem: str, where: str = "") -> None:
        self.problem = problem
        self.where = where
        super().__init__(f"{where}: {problem}" if where else problem)


class ColumnType(StrEnum):
    INTEGER = "integer"
    REAL = "real"
    TEXT = "text"
    DATE = "date"
    DATETIME = "datetime"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: ColumnType
    nullable: bool = False
    #: The only values allowed (codes of an enum), if the column holds one.
    choices: frozenset[str] | None = None
    #: The value is a comma-separated list of ``choices`` (may be empty).
    many: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    #: The primary key, which also orders the rows in an export.
    key: tuple[str, ...] = ("id",)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


def _codes(values: Iterable[StrEnum]) -> frozenset[str]:
    return frozenset(value.value for value in values)


_I, _R, _T, _D, _DT = (
    ColumnType.INTEGER,
    ColumnType.REAL,
    ColumnType.TEXT,
    ColumnType.DATE,
    ColumnType.DATETIME,
)


def _id() -> Column:
    return Column("id", _I)


# fmt: off
#: The tables of format version 1 (database schema version 2), parents before
#: children: the order they are written and filled in.
TABLES: tuple[Table, ...] = (
    Table("stage", (
        _id(), Column("name", _T), Column("position", _R),
        Column("kind", _T, choices=_codes(StageKind)), Column("color", _T),
        Column("soft_limit", _I, nullable=True), Column("hidden", _I),
        Column("collapsed", _I), Column("created_at", _DT),
    )),
    Table("application", (
        _id(), Column("stage_id", _I), Column("position", _R),
        Column("company", _T), Column("role", _T), Column("posting_url", _T),
        Column("job_description", _T), Column("location", _T),
        Column("work_mode", _T, choices=_codes(WorkMode)),
        Column("salary_min", _I, nullable=True), Column("salary_max", _I, nullable=True),
        Column("salary_currency", _T), Column("salary_text", _T), Column("source", _T),
        Column("excitement", _I), Column("tags", _T), Column("notes", _T),
        Column("next_action", _T), Column("next_action_on", _D, nullable=True),
        Column("saved_on", _D, nullable=True), Column("applied_on", _D, nullable=True),
        Column("closed_on", _D, nullable=True), Column("archived", _I),
        Column("stage_entered_at", _DT), Column("created_at", _DT), Column("updated_at", _DT),
    )),
    Table("stage_history", (
        _id(), Column("application_id", _I), Column("from_stage_id", _I, nullable=True),
        Column("to_stage_id", _I), Column("moved_at", _DT),
    )),
    Table("contact", (
        _id(), Column("application_id", _I), Column("name", _T),
        Column("role", _T, choices=_codes(ContactRole)), Column("title", _T),
        Column("email", _T), Column("phone", _T), Column("notes", _T),
    )),
    Table("interview", (
        _id(), Column("application_id", _I), Column("held_at", _DT, nullable=True),
        Column("round", _I), Column("kind", _T, choices=_codes(InterviewKind)),
        Column("people", _T), Column("notes", _T),
        Column("confidence_after", _I, nullable=True),
    )),
    Table("rejection", (
        _id(), Column("application_id", _I),
        Column("status", _T, choices=_codes(RejectionStatus)),
        Column("light", _I), Column("draft_page", _I),
        Column("stage_reached_id", _I, nullable=True), Column("rejected_on", _D, nullable=True),
        Column("channel", _T, nullable=True, choices=_codes(RejectionChannel)),
        Column("reason_given", _T),
        Column("reason_category", _T, choices=_codes(ReasonCategory)),
        Column("confidence_before", _I, nullable=True), Column("feedback_note", _T),
        Column("feedback_requested", _I), Column("feedback_requested_on", _D, nullable=True),
        Column("feedback_follow_up_on", _D, nullable=True), Column("feedback_received", _T),
        Column("feedback_received_on", _D, nullable=True),
        Column("created_at", _DT), Column("updated_at", _DT),
    )),
    Table("reflection", (
        _id(), Column("rejection_id", _I),
        Column("motivations", _T, choices=_codes(Motivation), many=True),
        Column("motivation_other", _T), Column("similarity", _I, nullable=True),
        Column("culture_notes", _T), Column("manager_notes", _T),
        Column("day_to_day_notes", _T), Column("over_my_head", _I, nullable=True),
        Column("personality_fit", _I, nullable=True), Column("right_job", _I, nullable=True),
        Column("blessing_in_disguise", _I), Column("notes", _T),
        Column("created_at", _DT), Column("updated_at", _DT),
    )),
    Table("lesson", (
        _id(), Column("text", _T), Column("category", _T, choices=_codes(LessonCategory)),
        Column("action", _T), Column("status", _T, choices=_codes(LessonStatus)),
        Column("for_interviews", _I), Column("created_at", _DT), Column("updated_at", _DT),
    )),
    Table(
        "rejection_lesson",
        (Column("rejection_id", _I), Column("lesson_id", _I)),
        key=("rejection_id", "lesson_id"),
    ),
    Table("setting", (Column("key", _T), Column("value", _T)), key=("key",)),
)
# fmt: on

TABLES_BY_NAME: dict[str, Table] = {table.name: table for table in TABLES}

#: The keys a document may have at its top level; all but ``generator`` are required.
REQUIRED_KEYS = ("format", "format_version", "schema_version", "exported_at", "tables")
OPTIONAL_KEYS = ("generator",)


# ------------------------------------------------------------------ messages


def describe(value: Any) -> str:
    """What *value* is, in the words of a JSON file."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


_EXPECTED = {
    ColumnType.INTEGER: "a whole number",
    ColumnType.REAL: "a number",
    ColumnType.TEXT: "text",
    ColumnType.DATE: "a date (YYYY-MM-DD)",
    ColumnType.DATETIME: "a date and time (YYYY-MM-DD HH:MM:SS)",
}


def expected(column: Column) -> str:
    return _EXPECTED[column.type] + (" or null" if column.nullable else "")


# ------------------------------------------------------------ value checkers


class BadValueError(Exception):
    """One value does not fit its column; the caller adds where it is."""


Checker = Callable[[Any], Any]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)?")


def _integer(value: Any) -> Any:
    if type(value) is not int:  # bool is an int to Python, not to SQLite
        raise BadValueError
    if not _INT_MIN <= value <= _INT_MAX:
        raise BadValueError("is too large for jobdesk (at most 19 digits)")
    return value


def _real(value: Any) -> Any:
    if type(value) is float:
        return value  # the parser lets no NaN or infinity through
    if type(value) is int and _INT_MIN <= value <= _INT_MAX:
        return float(value)  # what SQLite's REAL affinity stores anyway
    raise BadValueError


def _text(value: Any) -> Any:
    if type(value) is not str:
        raise BadValueError
    if len(value) > MAX_TEXT_LENGTH:
        raise BadValueError(
            f"is {len(value):,} characters long; jobdesk keeps at most {MAX_TEXT_LENGTH:,}"
        )
    return clean_text(value)


def _date_text(value: Any) -> Any:
    if type(value) is not str or not _DATE.fullmatch(value):
        raise BadValueError
    try:
        date.fromisoformat(value)
    except ValueError:
        raise BadValueError(f"is not a real date: {value!r}") from None
    return value


def _datetime_text(value: Any) -> Any:
    if type(value) is not str or not _DATETIME.fullmatch(value):
        raise BadValueError
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise BadValueError(f"is not a real date and time: {value!r}") from None
    return value


_BY_TYPE: dict[ColumnType, Checker] = {
    ColumnType.INTEGER: _integer,
    ColumnType.REAL: _real,
    ColumnType.TEXT: _text,
    ColumnType.DATE: _date_text,
    ColumnType.DATETIME: _datetime_text,
}


def value_checker(column: Column) -> Checker:
    """A function that returns the value to store for *column*, or raises BadValueError.

    A BadValueError without a message means "wrong type"; the caller words it.
    """
    base = _BY_TYPE[column.type]
    choices = column.choices

    if choices is None:
        checked = base
    elif column.many:

        def checked(value: Any) -> Any:
            text = base(value)
            unknown = [code for code in text.split(",") if code and code not in choices]
            if unknown:
                raise BadValueError(
                    f"holds {unknown[0]!r}, which is not one of {', '.join(sorted(choices))}"
                )
            return text

    else:

        def checked(value: Any) -> Any:
            text = base(value)
            if text not in choices:
                raise BadValueError(
                    f"is {text!r}, which is not one of {', '.join(sorted(choices))}"
                )
            return text

    if not column.nullable:
        return checked

    def or_null(value: Any) -> Any:
        return None if value is None else checked(value)

    return or_null


# ----------------------------------------------------------------- documents


#: ``UPGRADES[n]`` turns a version-*n* document into a version-*n+1* one.
#: Version 1 is the only version so far; a version 2 adds an entry here
#: (e.g. a new column filled with its default in every row).
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def check_header(document: Any) -> int:
    """The format version of *document*, after checking it is a jobdesk document we can read."""
    if not isinstance(document, dict):
        raise JsonImportError(f"A jobdesk file holds one JSON object, not {describe(document)}.")
    if document.get("format") != FORMAT_NAME:
        raise JsonImportError(
            f'This is not a jobdesk export: "format" should be "{FORMAT_NAME}", '
            f"found {_show(document.get('format'))}.",
            "format",
        )
    version = document.get("format_version")
    if type(version) is not int or version < 1:
        raise JsonImportError(
            f"expected a whole number of 1 or more, found {_show(version)}", "format_version"
        )
    if version > FORMAT_VERSION:
        raise JsonImportError(
            f"This file was written by a newer jobdesk (format version {version}); this "
            f"jobdesk reads format versions up to {FORMAT_VERSION}. Please update jobdesk.",
            "format_version",
        )
    return version


def upgrade_document(document: dict[str, Any]) -> dict[str, Any]:
    """*document* brought up to ``FORMAT_VERSION``, one version at a time."""
    version = check_header(document)
    while version < FORMAT_VERSION:
        document = UPGRADES[version](document)
        version += 1
        document["format_version"] = version
    return document


def _show(value: Any) -> str:
    """*value* quoted briefly for a message."""
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:40] + "…")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(value) if len(repr(value)) <= 40 else "a number"
    return describe(value)


@dataclass(frozen=True, slots=True)
class TableData:
    """One table of a checked document: its columns in the file's order, and its rows."""

    table: Table
    columns: tuple[str, ...]
    rows: list[list[Any]]


Progress = Callable[[int], None]


def check_document(document: dict[str, Any], *, on_rows: Progress | None = None) -> list[TableData]:
    """Check an upgraded *document* against ``TABLES``; return its tables in filling order.

    Values are converted in place to what is stored (whole numbers in a
    ``real`` column become floats; lone UTF-16 surrogates in text become
    U+FFFD, as everywhere in jobdesk). *on_rows* is told how many more rows
    were checked, every few thousand rows. Raises JsonImportError naming the
    first problem and where it is.
    """
    unknown = sorted(set(document) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS))
    if unknown:
        raise JsonImportError("jobdesk files have no such entry", unknown[0])
    for key in REQUIRED_KEYS:
        if key not in document:
            raise JsonImportError(f'The file has no "{key}" entry; it is not a complete export.')
    if type(document["schema_version"]) is not int:
        raise JsonImportError(
            f"expected a whole number, found {_show(document['schema_version'])}",
            "schema_version",
        )
    for key in ("exported_at", "generator"):
        if key in document and type(document[key]) is not str:
            raise JsonImportError(f"expected text, found {describe(document[key])}", key)
    tables = document["tables"]
    if not isinstance(tables, dict):
        raise JsonImportError(f"expected an object, found {describe(tables)}", "tables")
    for name in tables:
        if name not in TABLES_BY_NAME:
            raise JsonImportError(
                f"jobdesk has no table {_show(name)} (it has {', '.join(TABLES_BY_NAME)})",
                "tables",
            )
    checked = [_check_table(table, tables.get(table.name), on_rows) for table in TABLES]
    if not checked[0].rows:
        raise JsonImportError("a jobdesk file always has at least one stage", "tables.stage.rows")
    return checked


def _check_table(table: Table, entry: Any, on_rows: Progress | None) -> TableData:
    where = f"tables.{table.name}"
    if entry is None:
        raise JsonImportError(f"the table {table.name} is missing from the file", "tables")
    if not isinstance(entry, dict):
        raise JsonImportError(f"expected an object, found {describe(entry)}", where)
    if set(entry) != {"columns", "rows"}:
        extra = sorted(set(entry) - {"columns", "rows"})
        problem = f"unexpected entry {extra[0]!r}" if extra else 'needs "columns" and "rows"'
        raise JsonImportError(problem, where)
    columns = _check_columns(table, entry["columns"], f"{where}.columns")
    rows = entry["rows"]
    if not isinstance(rows, list):
        raise JsonImportError(f"expected a list, found {describe(rows)}", f"{where}.rows")
    specs = {column.name: column for column in table.columns}
    checkers = [value_checker(specs[name]) for name in columns]
    width = len(columns)
    for index, row in enumerate(rows):
        if type(row) is not list or len(row) != width:
            found = f"{len(row)} values" if type(row) is list else describe(row)
            raise JsonImportError(
                f"expected a list of {width} values, found {found}", f"{where}.rows[{index}]"
            )
        for position, check in enumerate(checkers):
            try:
                row[position] = check(row[position])
            except BadValueError as problem:
                name = columns[position]
                reason = str(problem) or (
                    f"expected {expected(specs[name])}, found {describe(row[position])}"
                )
                raise JsonImportError(
                    reason, f"{where}.rows[{index}][{position}] ({name})"
                ) from None
        if on_rows is not None and index % 5000 == 4999:
            on_rows(5000)
    if on_rows is not None and len(rows) % 5000:
        on_rows(len(rows) % 5000)
    return TableData(table, columns, rows)


def _check_columns(table: Table, columns: Any, where: str) -> tuple[str, ...]:
    if not isinstance(columns, list) or not all(type(name) is str for name in columns):
        raise JsonImportError("expected a list of column names", where)
    known = set(table.column_names)
    seen: set[str] = set()
    for index, name in enumerate(columns):
        if name not in known:
            raise JsonImportError(
                f"the table {table.name} has no column {_show(name)}", f"{where}[{index}]"
            )
        if name in seen:
            raise JsonImportError(f"the column {name!r} is listed twice", f"{where}[{index}]")
        seen.add(name)
    missing = [name for name in table.column_names if name not in seen]
    if missing:
        raise JsonImportError(f"the column {missing[0]!r} is missing", where)
    return tuple(columns)
