"""Start-up: parse the command line, resolve paths, then do one thing.

Qt is imported only when a window is needed, so ``jobdesk check`` or
``jobdesk demo`` start quickly and work on machines without a display.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run jobdesk with *argv* (default: the process's arguments); return the exit code."""
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))

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
    from jobdesk import commands

    if args.command == "check":
        # Checking must not change anything, not even by creating a log file.
        return commands.check(data_dir)

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
        if args.self_test:
            from jobdesk.ui.self_test import run_self_test

            return run_self_test(data_dir)
        from jobdesk.paths import database_path
        from jobdesk.storage.recovery import DamageCheck

        # Checked for damage on another thread while Qt starts up.
        damage_check = DamageCheck(database_path(data_dir))
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
