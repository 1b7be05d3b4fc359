"""Start-up: parse the command line, resolve paths, then do one thing.

Qt is imported only when a window is needed, so ``jobdesk check`` or
``jobdesk demo`` start quickly and work on machines without a display.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

#: Applications generated for ``jobdesk --demo``: enough to feel real.
DEMO_WINDOW_COUNT = 300


#: Demo data is built in memory before it is written; this keeps it to a few GB.
MAX_DEMO_COUNT = 1_000_000


def demo_count(text: str) -> int:
    """argparse type: a whole number of demo applications within bounds."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {text!r}") from None
    if not 0 <= value <= MAX_DEMO_COUNT:
        raise argparse.ArgumentTypeError(f"must be between 0 and {MAX_DEMO_COUNT:,}")
    return value


#: What `jobdesk export` writes and `jobdesk import` reads.
EXPORT_FORMATS: tuple[str, ...] = ("json", "csv", "md", "pdf")
IMPORT_FORMATS: tuple[str, ...] = ("json", "csv")

#: What a file's suffix says its format is.
SUFFIX_FORMATS = {
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
    ".md": "md",
    ".markdown": "md",
    ".pdf": "pdf",
}
#: The proof-of-search report covers this many days up to --until unless --since is given.
REPORT_DAYS = 30


def iso_date(text: str) -> date:
    """argparse type: a calendar date written YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date written YYYY-MM-DD: {text!r}") from None


def exchange_usage_problem(args: argparse.Namespace) -> str | None:
    """Settle ``args.format`` for export or import; or say what is wrong with the command line."""
    if args.command == "export":
        allowed, path, option = EXPORT_FORMATS, args.output, "--output file"
    else:
        allowed, path, option = IMPORT_FORMATS, args.file, "file"
    if args.format is None:
        suffix = Path(path).suffix.lower()
        found = SUFFIX_FORMATS.get(suffix)
        if found not in allowed:
            said = f"the suffix {suffix!r}" if suffix else "no suffix"
            return (
                f"cannot tell the format from the {option} {path!r} ({said}); "
                f"use a name ending in {_one_of(['.' + name for name in allowed])}, "
                f"or give --format {'|'.join(allowed)}"
            )
        args.format = found
    if args.command == "export" and args.format != "pdf" and (args.since or args.until):
        return "--since and --until are for the pdf report only"
    if args.command == "export" and args.format == "pdf":
        from jobdesk.domain.dates import today

        args.until = args.until or today()
        args.since = args.since or args.until - timedelta(days=REPORT_DAYS - 1)
        if args.until < args.since:
            return f"the period ends ({args.until}) before it starts ({args.since})"
    if args.command == "import" and args.format != "csv" and (args.stage or args.good_rows):
        return "--stage and --good-rows are for CSV files only"
    return None


def _one_of(choices: list[str]) -> str:
    return ", ".join(choices[:-1]) + f" or {choices[-1]}" if len(choices) > 1 else choices[0]


def build_parser() -> argparse.ArgumentParser:
    # --data-dir is accepted before or after a subcommand ("jobdesk check
    # --data-dir D" and "jobdesk --data-dir D check"); SUPPRESS keeps a
    # subcommand's unset default from hiding the value given before it.
    data_dir = argparse.ArgumentParser(add_help=False)
    data_dir.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="folder for jobdesk's data (default: $JOBDESK_DATA_DIR, else the platform's "
        "user data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="jobdesk",
        description="An offline, private desktop program for your job search.",
        parents=[data_dir],
    )
    parser.add_argument("--version", action="store_true", help="print versions and exit")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open on a temporary folder of generated applications (your data is not touched)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the window, write and read an application, and exit 0 if all worked "
        "(on a temporary folder unless --data-dir is given)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "check", parents=[data_dir], help="check the database for damage and report"
    )
    commands.add_parser("backup", parents=[data_dir], help="make a checked backup now")
    demo = commands.add_parser(
        "demo", parents=[data_dir], help="fill an empty data folder with generated applications"
    )
    demo.add_argument(
        "--count",
        type=demo_count,
        default=300,
        help=f"how many, 0 to {MAX_DEMO_COUNT:,} (default: 300)",
    )
    demo.add_argument("--seed", type=int, default=7, help="random seed (default: 7)")
    _add_exchange_commands(commands, data_dir)
    return parser


def _add_exchange_commands(commands: Any, data_dir: argparse.ArgumentParser) -> None:
    export = commands.add_parser(
        "export",
        parents=[data_dir],
        help="write your data to a JSON, CSV, Markdown or PDF file",
        description="Write your data to a file, readable by you only. json: everything, "
        "to import again with nothing lost; csv: the applications with their stage "
        "history, for spreadsheets; md: the lessons journal and the reflections; "
        "pdf: a proof-of-search report for a period.",
    )
    export.set_defaults(command_parser=export)
    export.add_argument(
        "--format",
        type=str.lower,
        choices=EXPORT_FORMATS,
        help="default: from the --output file's suffix (.json, .csv, .md, .pdf)",
    )
    export.add_argument("--output", "-o", required=True, metavar="FILE", help="the file to write")
    export.add_argument(
        "--since",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help=f"pdf: the report's first day (default: {REPORT_DAYS} days up to --until)",
    )
    export.add_argument(
        "--until", type=iso_date, metavar="YYYY-MM-DD", help="pdf: its last day (default: today)"
    )
    imported = commands.add_parser(
        "import",
        parents=[data_dir],
        help="read a jobdesk JSON export, or applications from a spreadsheet's CSV file",
        description="Import a file, all or nothing, after a backup. A JSON export goes into "
        "an empty data folder (use a new --data-dir); a CSV file from a spreadsheet adds "
        "its rows as applications, its columns guessed from their headers.",
    )
    imported.set_defaults(command_parser=imported)
    imported.add_argument("file", metavar="FILE", help="the .json or .csv file to import")
    imported.add_argument(
        "--format",
        type=str.lower,
        choices=IMPORT_FORMATS,
        help="default: from the file's suffix",
    )
    imported.add_argument(
        "--stage",
        metavar="NAME",
        help="csv: the stage for rows whose status is empty or not a stage (default: Applied)",
    )
    imported.add_argument(
        "--good-rows",
        action="store_true",
        help="csv: when some rows have problems, import the others (default: import nothing)",
    )


#: A launch without arguments, as from the desktop launcher: the window, on
#: the folder from the environment or the platform's default.
WINDOW_ONLY = argparse.Namespace(command=None, demo=False, self_test=False)


def main(argv: Sequence[str] | None = None) -> int:
    """Run jobdesk with *argv* (default: the process's arguments); return the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments:
        # Building the parser costs 5 ms of start-up, and there is nothing to parse.
        from jobdesk.paths import resolve_data_dir

        return _dispatch(WINDOW_ONLY, resolve_data_dir(None, os.environ))
    args = build_parser().parse_args(arguments)
    if args.command in ("export", "import") and (problem := exchange_usage_problem(args)):
        # The subcommand's own usage line, then exit 2, as argparse does for its own checks.
        args.command_parser.error(problem)

    if args.version:
        from jobdesk.versions import version_report

        print(version_report())
        return EXIT_OK

    from jobdesk.paths import resolve_data_dir

    given = getattr(args, "data_dir", None)
    if args.command is None and (args.demo or (args.self_test and not given)):
        return _run_in_temporary_folder(args)
    data_dir = resolve_data_dir(given, os.environ)
    return _dispatch(args, data_dir)


def _run_in_temporary_folder(args: argparse.Namespace) -> int:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="jobdesk-") as folder:
        return _dispatch(args, Path(folder))


def _dispatch(args: argparse.Namespace, data_dir: Path) -> int:
    if args.command in ("check", "backup", "demo", "export", "import"):
        # Not for the window: commands imports peewee, which the window
        # loads only after its first paint.
        from jobdesk import commands
    if args.command == "check":
        # Checking must not change anything, not even by creating a log file.
        return commands.check(data_dir)
    exchange_job: Callable[[], int] | None = None
    if args.command in ("export", "import"):
        from jobdesk.exchange_commands import prepare

        # Checked before the log file is made: a mistyped folder or file creates nothing.
        prepared = prepare(args, data_dir)
        if isinstance(prepared, str):
            return commands.fail(prepared)
        exchange_job = prepared

    from jobdesk.logs import configure_logging, stop_file_logging

    try:
        configure_logging(data_dir)
    except OSError as error:
        print(
            f"jobdesk: cannot use the data folder {data_dir}: "
            f"{error.strerror or error} ({error.filename or data_dir}).",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    try:
        if args.command == "backup":
            return commands.backup(data_dir)
        if args.command == "demo":
            return commands.demo(data_dir, count=args.count, seed=args.seed)
        if exchange_job is not None:
            return exchange_job()
        if args.self_test:
            from jobdesk.ui.self_test import run_self_test

            return run_self_test(data_dir)
        from jobdesk.start_up import begin_window_start_up

        # Checked for damage on another thread while Qt starts up.
        damage_check = begin_window_start_up(data_dir)
        from jobdesk.ui.app import run_gui

        return run_gui(
            data_dir,
            demo_count=DEMO_WINDOW_COUNT if args.demo else 0,
            damage_check=damage_check,
        )
    finally:
        stop_file_logging()


if __name__ == "__main__":
    sys.exit(main())
