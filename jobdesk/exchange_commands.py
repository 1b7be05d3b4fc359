"""The command-line subcommands export and import. No Qt here, except for the PDF report.

The format and the report's period are settled while the command line is
parsed (``jobdesk.__main__``), which imports nothing of this module. Both
commands are thin: ``prepare`` checks what it can before anything is
created; the job it returns opens the store, calls the exchange services
(which write files atomically and privately, and import all or nothing
after a backup) and says in a line or two what happened. Progress goes to
stderr, and only when stderr is a terminal.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TextIO

from jobdesk import paths
from jobdesk.commands import EXIT_OK, fail, open_or_explain
from jobdesk.domain.csv_mapping import CsvTable, StageChoice, plan_import
from jobdesk.services.exchange_csv import (
    CsvImportError,
    export_csv,
    import_csv,
    read_csv_preview,
    stage_choices,
    suggest_mapping,
)
from jobdesk.services.exchange_json import (
    JsonExportError,
    JsonImportError,
    export_json,
    import_json,
)
from jobdesk.services.exchange_markdown import export_markdown
from jobdesk.storage.store import Store


def prepare(args: argparse.Namespace, data_dir: Path) -> Callable[[], int] | str:
    """The export or import to run, or why it cannot start.

    Everything that can be checked without the data folder is checked here,
    before the caller makes the folder and its log file: a mistyped file or
    folder name creates nothing.
    """
    database = paths.database_path(data_dir)
    if args.command == "export":
        output = Path(args.output)
        if not database.is_file():
            return f"there is no database at {database}, so there is nothing to export."
        if output.is_dir():
            return f"cannot write {output}: it is a folder."
        if not output.absolute().parent.is_dir():
            return f"cannot write {output}: the folder {output.absolute().parent} does not exist."
        if any(
            _same_file(output, database.with_name(database.name + suffix))
            for suffix in ("", "-wal", "-shm", "-journal")
        ):
            return f"will not write the export over jobdesk's own database ({output})."
        return lambda: export(args, data_dir)
    source = Path(args.file)
    if not source.exists():
        return f"cannot import {source}: there is no such file."
    if not source.is_file():
        return f"cannot import {source}: it is not a file."
    if args.format == "json":
        return lambda: import_json_file(source, data_dir)
    try:
        table = read_csv_preview(source)
    except CsvImportError as error:
        return f"{source}: {error}"
    return lambda: import_csv_file(
        source, table, data_dir, stage=args.stage, good_rows=args.good_rows
    )


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        return False


# -- progress --------------------------------------------------------------------------


class Progress:
    """ "Exporting… 45%" rewritten in place on a terminal; nothing at all anywhere else."""

    def __init__(self, doing: str, stream: TextIO | None = None) -> None:
        self.doing = doing
        self.stream = sys.stderr if stream is None else stream
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = bool(isatty and isatty())
        self.shown: int | None = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        percent = 100 if total <= 0 else max(0, min(100, done * 100 // total))
        if percent != self.shown:
            self.shown = percent
            self.stream.write(f"\r{self.doing}… {percent}%")
            self.stream.flush()

    def clear(self) -> None:
        """Wipe the progress line so the next message starts on a clean line."""
        if self.enabled and self.shown is not None:
            self.stream.write("\r" + " " * (len(self.doing) + 8) + "\r")
            self.stream.flush()
            self.shown = None


@contextmanager
def progress_line(doing: str) -> Iterator[Progress]:
    progress = Progress(doing)
    try:
        yield progress
    finally:
        progress.clear()


def _plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (words or word + 's')}"


def _note(message: str) -> None:
    print(f"jobdesk: {message}", file=sys.stderr)


# -- export ----------------------------------------------------------------------------


def export(args: argparse.Namespace, data_dir: Path) -> int:
    """Write the data folder's contents to ``args.output`` in ``args.format``."""
    destination = Path(args.output)
    store = open_or_explain(data_dir)
    if isinstance(store, str):
        return fail(store)
    try:
        if args.format == "json":
            return _export_json(store, destination)
        try:
            with progress_line("Exporting") as progress:
                if args.format == "csv":
                    count = export_csv(store.db, destination, progress=progress)
                    what = f"{_plural(count, 'application')} as CSV"
                elif args.format == "md":
                    counts = export_markdown(store.db, destination)
                    what = (
                        f"{_plural(counts.lessons, 'lesson')} and "
                        f"{_plural(counts.reflections, 'reflection')} as Markdown"
                    )
                else:
                    count = _export_pdf(store, destination, since=args.since, until=args.until)
                    what = (
                        f"a proof-of-search report of {_plural(count, 'application')} "
                        f"from {args.since.isoformat()} to {args.until.isoformat()}"
                    )
        except OSError as error:
            return fail(f"cannot write {destination}: {error.strerror or error}.")
    finally:
        store.close()
    print(f"Exported {what} to {destination.absolute()}")
    return EXIT_OK


def _export_json(store: Store, destination: Path) -> int:
    try:
        with progress_line("Exporting") as progress:
            summary = export_json(store.db, destination, progress=progress)
    except JsonExportError as error:
        return fail(str(error))
    applications = summary.rows.get("application", 0)
    rows = sum(summary.rows.values())
    print(
        f"Exported {_plural(applications, 'application')} ({_plural(rows, 'row')} in all) "
        f"as JSON to {summary.path.absolute()}"
    )
    if summary.problems:
        _note(
            "warning: the database holds values an import would refuse, so this file will "
            "not import as it is. Run jobdesk check. The values:"
        )
        for problem in summary.problems:
            print(f"  {problem}", file=sys.stderr)
    return EXIT_OK


def _export_pdf(store: Store, destination: Path, *, since: date, until: date) -> int:
    """Write the report; Qt lays it out, so a QGuiApplication is made if none is running."""
    import os

    from PySide6.QtGui import QGuiApplication

    from jobdesk.ui.exchange.report_pdf import write_search_report

    application = QGuiApplication.instance()
    if application is None:
        arguments = ["jobdesk"]
        if not os.environ.get("QT_QPA_PLATFORM"):
            arguments += ["-platform", "offscreen"]  # no window: no display needed
        application = QGuiApplication(arguments)
    return write_search_report(store.db, destination, since=since, until=until)


# -- import ----------------------------------------------------------------------------


def import_json_file(source: Path, data_dir: Path) -> int:
    """Fill the empty data folder from a jobdesk JSON export."""
    store = open_or_explain(data_dir)
    if isinstance(store, str):
        return fail(store)
    try:
        return _import_json(store, source)
    finally:
        store.close()


def import_csv_file(
    source: Path, table: CsvTable, data_dir: Path, *, stage: str | None, good_rows: bool
) -> int:
    """Add the rows of a spreadsheet's CSV file (read already) as applications."""
    store = open_or_explain(data_dir)
    if isinstance(store, str):
        return fail(store)
    try:
        return _import_csv(store, source, table, stage=stage, good_rows=good_rows)
    finally:
        store.close()


def _import_json(store: Store, source: Path) -> int:
    try:
        with progress_line("Importing") as progress:
            summary = import_json(store.db, source, backup_dir=store.backup_dir, progress=progress)
    except JsonImportError as error:
        return fail(f"{source}: {error}")
    rows = sum(summary.rows.values())
    print(
        f"Imported {_plural(summary.rows.get('application', 0), 'application')} "
        f"({_plural(rows, 'row')} in all) from {source}, exported {summary.exported_at}:"
    )
    for table, count in summary.rows.items():
        print(f"  {table}: {count:,}")
    print(f"Backup taken first: {summary.backup}")
    return EXIT_OK


def _stage_named(name: str, stages: list[StageChoice]) -> StageChoice | None:
    wanted = " ".join(name.split()).casefold()
    return next(
        (stage for stage in stages if " ".join(stage.name.split()).casefold() == wanted), None
    )


def _import_csv(
    store: Store, source: Path, table: CsvTable, *, stage: str | None, good_rows: bool
) -> int:
    for notice in table.notices:
        _note(f"note: {notice}")
    stages = stage_choices(store.db)
    mapping = suggest_mapping(table, stages)
    if stage is not None:
        chosen = _stage_named(stage, stages)
        if chosen is None:
            names = ", ".join(f"“{choice.name}”" for choice in stages)
            return fail(f"there is no stage called “{stage}”; the stages are {names}.")
        mapping = replace(mapping, fallback_stage_id=chosen.id)
    if "company" not in mapping.columns and "role" not in mapping.columns:
        headers = ", ".join(f"“{header}”" for header in table.headers if header) or "none"
        return fail(
            f"{source}: no column looks like the company or the role (the headers are "
            f"{headers}); name one of them “Company” or “Role” and try again."
        )
    try:
        with progress_line("Importing") as progress:
            summary = import_csv(
                store.db,
                table,
                mapping,
                backup_dir=store.backup_dir,
                import_good_rows=good_rows,
                progress=progress,
            )
    except CsvImportError as error:
        if not error.problems:
            return fail(f"{source}: {error}")
        for problem in error.problems:
            print(f"line {problem.line}: {problem.reason}", file=sys.stderr)
        good = len(plan_import(table, mapping, stages).rows)
        if good_rows or not good:
            return fail(f"{source}: no row can be imported; nothing was imported.")
        return fail(
            f"{source}: {_plural(len(error.problems), 'row')} above cannot be imported; "
            f"nothing was imported; run again with --good-rows to import the "
            f"{_plural(good, 'good row')}."
        )
    print(f"Imported {_plural(summary.imported, 'application')} from {source}.")
    for problem in summary.skipped:
        print(f"line {problem.line}: {problem.reason}", file=sys.stderr)
    if summary.skipped:
        print(f"Skipped {_plural(len(summary.skipped), 'row')} with problems (listed above).")
    if summary.unknown_statuses:
        fallback = next(s.name for s in stages if s.id == mapping.fallback_stage_id)
        statuses = ", ".join(
            f"“{status}” ({count:,})" for status, count in summary.unknown_statuses.items()
        )
        print(f"Statuses that are not a stage went to “{fallback}”: {statuses}.")
    ignored = [
        header or f"column {index + 1}"
        for index, (header, name) in enumerate(zip(table.headers, mapping.columns, strict=True))
        if name is None and (header or any(record.cells[index] for record in table.records))
    ]
    if ignored:
        print(f"Columns not imported: {', '.join(ignored)}.")
    print(f"Backup taken first: {summary.backup}")
    return EXIT_OK
