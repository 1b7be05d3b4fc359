"""Applications to and from CSV: an export for spreadsheets, and an import from one.

Export: one row per application (archived ones too) with its current stage,
dates and whole stage history; UTF-8 with a byte-order mark so spreadsheets
pick the right encoding; every field quoted and rows ended by CRLF
(RFC 4180); every cell passed through ``csv_cells.make_inert`` so no
spreadsheet runs it. The file is written atomically and readable by its
owner only.

Import, in three steps the dialog and the command line share:
``read_csv_preview`` reads and decodes the file (within limits) into a
``CsvTable``; ``suggest_mapping`` guesses what each column is;
``import_csv`` backs up, then writes every good row in one transaction. Any
failure raises ``CsvImportError`` (the only exception the import lets out)
and leaves the database as it was.
"""

from __future__ import annotations

import contextlib
import csv
import io
import logging
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from peewee import DatabaseError, SqliteDatabase

from jobdesk.domain.csv_cells import make_inert, restore
from jobdesk.domain.csv_mapping import (
    CsvRecord,
    CsvTable,
    ImportMapping,
    RowProblem,
    StageChoice,
    guess_day_first,
    guess_mapping,
    mapping_problems,
    plan_import,
)
from jobdesk.domain.stages import StageKind
from jobdesk.domain.vocabulary import WorkMode
from jobdesk.private_files import private_output
from jobdesk.services.applications import create_application, set_archived
from jobdesk.services.backups import take_backup
from jobdesk.services.stages import list_stages
from jobdesk.storage.backup import BackupError
from jobdesk.storage.database import read_snapshot, tuples, write_transaction
from jobdesk.storage.models import Application, Stage, StageHistory

log = logging.getLogger(__name__)

#: Files larger than this are refused before they are read.
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
#: Each row is one ``create_application`` (about 1,500 a second), all in one transaction.
MAX_ROWS = 50_000
MAX_COLUMNS = 500
#: How many rows the delimiter is guessed from.
SNIFF_ROWS = 50

Progress = Callable[[int, int], None]  # (done, total)

EXPORT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "ID"),
    ("company", "Company"),
    ("role", "Role"),
    ("stage", "Stage"),
    ("saved_on", "Saved on"),
    ("applied_on", "Applied on"),
    ("closed_on", "Closed on"),
    ("location", "Location"),
    ("work_mode", "Work mode"),
    ("salary_min", "Lowest salary"),
    ("salary_max", "Highest salary"),
    ("salary_currency", "Currency"),
    ("salary_text", "Salary notes"),
    ("posting_url", "Posting link"),
    ("source", "Source"),
    ("excitement", "Excitement"),
    ("tags", "Tags"),
    ("next_action", "Next action"),
    ("next_action_on", "Next action date"),
    ("archived", "Archived"),
    ("notes", "Notes"),
    ("stage_history", "Stage history"),
    ("job_description", "Job description"),  # last: spreadsheets cut cells at 32,767 characters
)


class CsvImportError(Exception):
    """A CSV file could not be read or imported; nothing was written.

    ``problems`` lists the rows at fault when that is the reason.
    """

    def __init__(self, message: str, problems: Sequence[RowProblem] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(problems)


@dataclass(frozen=True)
class ImportSummary:
    imported: int
    skipped: tuple[RowProblem, ...]  # rows not imported, with the reason
    blank_rows: int
    unknown_statuses: dict[str, int] = field(default_factory=dict)  # went to the fallback stage
    backup: Path | None = None


# -- export ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HistoryStep:
    moved_on: date  # the person's calendar date
    from_stage: str | None  # None: where the application started
    to_stage: str


@dataclass(frozen=True)
class ApplicationHistory:
    """An application's fields (``EXPORT_FIELDS``), current stage and stage history."""

    fields: dict[str, Any]
    stage: str
    history: tuple[HistoryStep, ...]


#: The application columns read for an export, besides its stage and history.
EXPORT_FIELDS = tuple(
    name for name, _label in EXPORT_COLUMNS if name not in ("stage", "stage_history")
)


def _local_date(moment: datetime) -> date:
    """The person's calendar date of a stored (naive UTC) moment."""
    return moment.replace(tzinfo=UTC).astimezone().date()


def applications_with_history(db: SqliteDatabase) -> list[ApplicationHistory]:
    """Every application (archived ones too), oldest first, with its stage history."""
    with read_snapshot(db):
        stage_names: dict[int, str] = dict(tuples(Stage.select(Stage.id, Stage.name)))
        rows = tuples(
            Application.select(
                Application.stage, *(getattr(Application, name) for name in EXPORT_FIELDS)
            ).order_by(Application.id)
        )
        history: dict[int, list[HistoryStep]] = {}
        for application_id, from_stage, to_stage, moved_at in tuples(
            StageHistory.select(
                StageHistory.application,
                StageHistory.from_stage,
                StageHistory.to_stage,
                StageHistory.moved_at,
            ).order_by(StageHistory.application, StageHistory.moved_at, StageHistory.id)
        ):
            history.setdefault(application_id, []).append(
                HistoryStep(
                    _local_date(moved_at),
                    None if from_stage is None else stage_names.get(from_stage, "?"),
                    stage_names.get(to_stage, "?"),
                )
            )
    found = []
    for stage_id, *values in rows:
        fields = dict(zip(EXPORT_FIELDS, values, strict=True))
        fields["archived"] = bool(fields["archived"])
        found.append(
            ApplicationHistory(
                fields, stage_names.get(stage_id, "?"), tuple(history.get(fields["id"], ()))
            )
        )
    return found


def history_text(steps: Sequence[HistoryStep]) -> str:
    """ "2026-01-02 Applied; 2026-01-05 Applied → Screening"."""
    return "; ".join(
        f"{step.moved_on.isoformat()} "
        + (step.to_stage if step.from_stage is None else f"{step.from_stage} → {step.to_stage}")
        for step in steps
    )


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def work_mode_label(value: str) -> str:
    try:
        return WorkMode(value).label
    except ValueError:
        return value


def csv_row(application: ApplicationHistory) -> list[str]:
    """The cells of one application, each made inert."""
    values = dict(application.fields)
    values["stage"] = application.stage
    values["stage_history"] = history_text(application.history)
    values["work_mode"] = work_mode_label(values["work_mode"])
    return [make_inert(_cell(values[name])) for name, _label in EXPORT_COLUMNS]


def export_csv(db: SqliteDatabase, destination: Path, *, progress: Progress | None = None) -> int:
    """Write every application to *destination* as CSV for spreadsheets; return how many."""
    applications = applications_with_history(db)
    total = len(applications)
    with private_output(destination) as binary:
        text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
        writer = csv.writer(text, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow([make_inert(label) for _name, label in EXPORT_COLUMNS])
        for number, application in enumerate(applications, start=1):
            writer.writerow(csv_row(application))
            if progress is not None and (number % 500 == 0 or number == total):
                progress(number, total)
        text.flush()
        text.detach()  # the stream is closed by private_output, after fsync
    log.info("Exported %d applications as CSV", total)
    return total


# -- reading a file to import ----------------------------------------------------------

_SIGNATURES = (
    (b"PK\x03\x04", "a spreadsheet workbook (.xlsx or .ods)"),
    (b"\xd0\xcf\x11\xe0", "an Excel workbook (.xls)"),
    (b"%PDF", "a PDF document"),
    (b"SQLite format 3\x00", "a database file"),
)


def _decode(data: bytes) -> tuple[str, str, list[str]]:
    """The text of *data*, the encoding used, and notices for the person."""
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, []
            except UnicodeDecodeError as error:
                raise CsvImportError(
                    f"The file says it is {encoding.upper().removesuffix('-SIG')} text, but byte "
                    f"{error.start:,} is not. Save it again as “CSV UTF-8”."
                ) from None
    sample = data[: 64 * 1024]
    controls = sum(sample.count(bytes([byte])) for byte in range(32) if byte not in (9, 10, 13))
    if sample.count(b"\x00") * 100 > len(sample) or controls * 10 > len(sample):
        raise CsvImportError(
            "This is not a text file, so it cannot be a CSV file. If it is one, save it "
            "again from your spreadsheet as “CSV UTF-8”."
        )
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    for encoding, name in (("cp1252", "Windows-1252"), ("latin-1", "ISO-8859-1")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return (
            text,
            encoding,
            [
                f"The file is not UTF-8, so it was read as {name} (Western European). "
                "Check that accented letters look right in the preview; if not, save it "
                "again from your spreadsheet as “CSV UTF-8”."
            ],
        )
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


@contextlib.contextmanager
def _field_size_limit(limit: int) -> Iterator[None]:
    """Let the csv module read cells up to *limit* characters (its default is 131,072)."""
    previous = csv.field_size_limit()
    csv.field_size_limit(max(previous, limit))
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _records(text: str, delimiter: str, limit: int | None = None) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
            if limit is not None and len(records) >= limit:
                break
            if len(records) > MAX_ROWS + 1:
                raise CsvImportError(
                    f"The file has more than {MAX_ROWS:,} rows; import it in parts."
                )
    except csv.Error as error:
        raise CsvImportError(
            f"Row {len(records) + 1} (line {reader.line_num} of the file) cannot be read: "
            f"{error}. A cell's quotes probably do not match up; fix it in your spreadsheet "
            "or save the file again."
        ) from None
    return records


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever splits the first rows into the most even columns."""
    best, best_score = ",", (0, 0)
    for delimiter in (",", ";", "\t"):
        try:
            sample = _records(text, delimiter, limit=SNIFF_ROWS)
        except CsvImportError:
            continue
        width = len(sample[0]) if sample else 0
        if width < 2:
            continue
        score = (sum(len(record) == width for record in sample), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv_preview(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> CsvTable:
    """Read the CSV file *path* whole: its header, rows, encoding and separator.

    UTF-8 with or without a byte-order mark, UTF-16 with one, else
    Windows-1252 (with a notice); separated by commas, semicolons or tabs.
    Cells made inert by a spreadsheet export (``'=…``) are read back as the
    text they stand for. Raises CsvImportError for a file that is too big,
    not text, or not readable as CSV.
    """
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise CsvImportError(
                f"The file is {size / 1_048_576:.1f} MB; jobdesk imports CSV files up to "
                f"{max_bytes / 1_048_576:.0f} MB. Split it into smaller files."
            )
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as error:
        raise CsvImportError(f"Cannot read {path}: {error.strerror or error}.") from None
    if len(data) > max_bytes:
        raise CsvImportError(f"The file grew past {max_bytes:,} bytes while being read.")
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise CsvImportError(
                f"This is {what}, not a CSV file. Open it in your spreadsheet and save it as CSV."
            )
    text, encoding, notices = _decode(data)
    if not text.strip():
        raise CsvImportError("The file is empty.")
    with _field_size_limit(len(text) + 1):
        delimiter = sniff_delimiter(text)
        raw = _records(text, delimiter)
    width = max(len(record) for record in raw)
    if width > MAX_COLUMNS:
        raise CsvImportError(f"The file has {width:,} columns; jobdesk reads up to {MAX_COLUMNS}.")
    padding = [""] * width
    # The header is the first row with anything in it; rows keep the spreadsheet's numbers.
    first = next(
        (index for index, record in enumerate(raw) if any(cell.strip() for cell in record)), None
    )
    if first is None:
        raise CsvImportError("The file has no header and no rows: every cell is empty.")
    header = [restore(cell).strip() for cell in raw[first]] + padding[len(raw[first]) :]
    records = tuple(
        CsvRecord(line, tuple(restore(cell) for cell in record) + tuple(padding[len(record) :]))
        for line, record in enumerate(raw[first + 1 :], start=first + 2)
    )
    return CsvTable(tuple(header), records, encoding, delimiter, tuple(notices))


# -- importing -------------------------------------------------------------------------


def stage_choices(db: SqliteDatabase) -> list[StageChoice]:
    return [
        StageChoice(stage.id, stage.name, stage.kind, stage.hidden) for stage in list_stages(db)
    ]


def default_fallback_stage(stages: Sequence[StageChoice]) -> int:
    """Where rows with an unknown status go unless the person says otherwise: "Applied"."""
    visible = [stage for stage in stages if not stage.hidden] or list(stages)
    for stage in visible:
        if stage.kind is StageKind.ACTIVE:
            return stage.id
    return visible[0].id


def suggest_mapping(
    table: CsvTable, stages: Sequence[StageChoice], *, day_first: bool = True
) -> ImportMapping:
    """The guessed mapping: fields from the headers, dates read as the file's dates suggest."""
    columns = guess_mapping(table.headers)
    date_fields = {"applied_on", "saved_on", "closed_on", "next_action_on"}
    dates = [
        record.cells[index]
        for index, name in enumerate(columns)
        if name in date_fields
        for record in table.records[:1000]
    ]
    guessed = guess_day_first(dates)
    return ImportMapping(
        columns=columns,
        fallback_stage_id=default_fallback_stage(stages),
        day_first=day_first if guessed is None else guessed,
    )


def import_csv(
    db: SqliteDatabase,
    table: CsvTable,
    mapping: ImportMapping,
    *,
    backup_dir: Path,
    import_good_rows: bool,
    progress: Progress | None = None,
) -> ImportSummary:
    """Create an application for every good row of *table*, all in one transaction.

    With row problems, imports the good rows only if *import_good_rows*, and
    otherwise nothing. A backup (reason "before-import") is taken before
    anything is written. Any failure (the backup, a row, the commit) raises
    CsvImportError with nothing written. If *progress* raises (to cancel),
    its exception comes through as it is, and nothing is written either.
    """
    stages = stage_choices(db)
    if problems := mapping_problems(mapping, table.headers, stages):
        raise CsvImportError(problems[0])
    plan = plan_import(table, mapping, stages)
    if plan.problems and not import_good_rows:
        count = len(plan.problems)
        raise CsvImportError(
            f"{count:,} row{'s' if count != 1 else ''} cannot be imported as "
            f"{'they are' if count != 1 else 'it is'}; nothing was imported.",
            plan.problems,
        )
    if not plan.rows:
        raise CsvImportError("There are no rows to import; nothing was imported.", plan.problems)
    try:
        backup = take_backup(db, backup_dir=backup_dir, reason="before-import")
    except (BackupError, OSError, sqlite3.Error) as error:
        raise CsvImportError(
            f"Your data could not be backed up first, so nothing was imported: {error}"
        ) from error
    try:
        with write_transaction(db):
            for number, row in enumerate(plan.rows, start=1):
                try:
                    new_id = create_application(db, stage_id=row.stage_id, **row.fields)
                    if row.archived:
                        set_archived(db, application_id=new_id, archived=True)
                except Exception as error:  # any failing row undoes the whole import
                    raise CsvImportError(
                        f"The import stopped at row {row.line:,} and nothing was written: {error}"
                    ) from error
                if progress is not None:
                    progress(number, len(plan.rows))
    except (sqlite3.Error, DatabaseError) as error:  # the commit itself
        raise CsvImportError(
            f"The import could not be saved ({error}); nothing was imported."
        ) from error
    log.info(
        "Imported %d applications from CSV (%d rows with problems skipped, backup %s)",
        len(plan.rows),
        len(plan.problems),
        backup.name,
    )
    return ImportSummary(
        imported=len(plan.rows),
        skipped=plan.problems,
        blank_rows=plan.blank_rows,
        unknown_statuses=plan.unknown_statuses,
        backup=backup,
    )
