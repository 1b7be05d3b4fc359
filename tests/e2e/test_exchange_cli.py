"""jobdesk export and jobdesk import, run as a person or a script would run them.

Most tests call ``main(argv)`` in this process (the same code path as the
installed command, and much faster); one starts real processes to show that
exporting and importing never load Qt.
"""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from jobdesk.__main__ import main
from jobdesk.domain.journal import escape_markdown
from jobdesk.exchange_commands import Progress
from tests.helpers import query, table_contents

DEMO_COUNT = 50


def database(folder: Path) -> Path:
    return folder / "jobdesk.sqlite3"


def backups(folder: Path) -> list[Path]:
    return sorted((folder / "backups").glob("*.sqlite3"))


def applications(folder: Path) -> list[tuple[object, ...]]:
    """Every application as (company, role, stage name, archived), in id order."""
    return query(
        database(folder),
        "SELECT a.company, a.role, s.name, a.archived FROM application a "
        "JOIN stage s ON s.id = a.stage_id ORDER BY a.id",
    )


def count(folder: Path) -> int:
    return int(query(database(folder), "SELECT COUNT(*) FROM application")[0][0])


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "demo"
    assert main(["demo", "--data-dir", str(folder), "--count", str(DEMO_COUNT)]) == 0
    return folder


def usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """What argparse printed for *argv*, which must be a usage error (exit 2)."""
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    return capsys.readouterr().err


# -- JSON ------------------------------------------------------------------------------


def test_json_export_then_import_into_a_fresh_folder_gives_the_same_content(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    exported = tmp_path / "search.json"
    # The format comes from the suffix; --data-dir may come before the command.
    assert main(["--data-dir", str(demo_dir), "export", "--output", str(exported)]) == 0
    out, err = capsys.readouterr()
    assert f"{DEMO_COUNT} applications" in out
    assert "as JSON" in out
    assert str(exported) in out
    assert err == ""  # no progress noise when stderr is not a terminal
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600

    fresh = tmp_path / "fresh"
    assert main(["import", str(exported), "--data-dir", str(fresh)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert f"Imported {DEMO_COUNT} applications" in out
    assert f"  application: {DEMO_COUNT}" in out
    assert "  lesson: " in out
    [backup] = backups(fresh)
    assert f"Backup taken first: {backup}" in out
    assert table_contents(database(fresh)) == table_contents(database(demo_dir))


def test_a_json_import_into_a_folder_with_data_refuses_and_changes_nothing(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "search.json"
    assert (
        main(["export", "--format", "json", "-o", str(exported), "--data-dir", str(demo_dir)]) == 0
    )
    before = table_contents(database(demo_dir))
    backups_before = backups(demo_dir)
    capsys.readouterr()

    assert main(["import", str(exported), "--data-dir", str(demo_dir)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"jobdesk: {exported}: ")
    assert "already holds 50 application(s)" in err
    assert "--data-dir" in err  # says how to do it instead
    assert "nothing was imported" in err
    assert table_contents(database(demo_dir)) == before
    assert backups(demo_dir) == backups_before


def test_a_damaged_json_file_is_refused_with_where_and_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "cut.json"
    broken.write_text('{"format": "jobdesk", "tables": {', encoding="utf-8")
    fresh = tmp_path / "fresh"
    assert main(["import", str(broken), "--data-dir", str(fresh)]) == 1
    err = capsys.readouterr().err
    assert f"jobdesk: {broken}: The file is not valid JSON" in err
    assert "Traceback" not in err
    assert count(fresh) == 0
    assert backups(fresh) == []


# -- CSV -------------------------------------------------------------------------------


def test_csv_export_then_import_into_a_fresh_folder_keeps_the_applications(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "applications.csv"
    assert main(["export", "-o", str(exported), "--data-dir", str(demo_dir)]) == 0
    out = capsys.readouterr().out
    assert out.strip() == f"Exported {DEMO_COUNT} applications as CSV to {exported}"
    assert exported.read_bytes().startswith(b"\xef\xbb\xbf")

    fresh = tmp_path / "fresh"
    assert main(["import", str(exported), "--data-dir", str(fresh)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert f"Imported {DEMO_COUNT} applications from {exported}." in out
    assert "Columns not imported: ID, Stage history." in out
    assert applications(fresh) == applications(demo_dir)
    assert len(backups(fresh)) == 1


BAD_ROW_CSV = textwrap.dedent(
    """\
    Company,Position,Status,Date applied
    Acme,Developer,Applied,2026-01-02
    Beta,Tester,Applied,2026-13-45
    Gamma,Operator,Somewhere odd,2026-02-03
    """
)


def test_a_row_with_a_problem_stops_the_import_unless_good_rows_are_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(BAD_ROW_CSV, encoding="utf-8")
    folder = tmp_path / "data"

    assert main(["import", str(sheet), "--data-dir", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "line 3: Date applied “2026-13-45” is not a date in the calendar." in err
    assert "nothing was imported" in err
    assert "run again with --good-rows to import the 2 good rows" in err
    assert count(folder) == 0
    assert backups(folder) == []

    assert main(["import", str(sheet), "--data-dir", str(folder), "--good-rows"]) == 0
    out, err = capsys.readouterr()
    assert "line 3: " in err  # still listed: the person should know what was left out
    assert "Imported 2 applications" in out
    assert "Skipped 1 row with problems" in out
    assert "“Somewhere odd” (1)" in out
    assert applications(folder) == [
        ("Acme", "Developer", "Applied", 0),
        ("Gamma", "Operator", "Applied", 0),  # an unknown status goes to Applied
    ]


def test_stage_chooses_where_unknown_statuses_go_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Company,Status\nAcme,Somewhere odd\nBeta,Interview\n", encoding="utf-8")
    folder = tmp_path / "data"

    assert main(["import", str(sheet), "--data-dir", str(folder), "--stage", "Nowhere"]) == 1
    err = capsys.readouterr().err
    assert "no stage called “Nowhere”" in err
    assert "“Wishlist”, “Applied”" in err  # the names to choose from
    assert count(folder) == 0

    assert main(["import", str(sheet), "--data-dir", str(folder), "--stage", "wishlist"]) == 0
    assert "went to “Wishlist”" in capsys.readouterr().out
    assert [(row[0], row[2]) for row in applications(folder)] == [
        ("Acme", "Wishlist"),
        ("Beta", "Interview"),
    ]


def test_a_csv_without_company_or_role_says_which_headers_it_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Firma,Stelle\nAcme,Developer\n", encoding="utf-8")
    folder = tmp_path / "data"
    assert main(["import", str(sheet), "--data-dir", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "no column looks like the company or the role" in err
    assert "“Firma”, “Stelle”" in err
    assert count(folder) == 0


def test_a_file_that_is_not_csv_is_refused_before_the_data_folder_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = tmp_path / "sheet.csv"
    workbook.write_bytes(b"PK\x03\x04 a zipped workbook")
    folder = tmp_path / "data"
    assert main(["import", str(workbook), "--data-dir", str(folder)]) == 1
    assert "not a CSV file" in capsys.readouterr().err
    assert not folder.exists()


# -- Markdown and PDF ------------------------------------------------------------------


def test_markdown_export_holds_the_lessons(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = tmp_path / "journal.md"
    assert main(["export", "-o", str(journal), "--data-dir", str(demo_dir)]) == 0
    out = capsys.readouterr().out
    lessons = [text for (text,) in query(database(demo_dir), "SELECT text FROM lesson")]
    assert lessons
    assert f"Exported {len(lessons)} lessons and " in out
    assert "reflections as Markdown" in out
    text = journal.read_text(encoding="utf-8")
    for lesson in lessons:
        assert escape_markdown(lesson) in text
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600


def test_pdf_export_reuses_the_running_application(
    qapp: object, demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from PySide6.QtGui import QGuiApplication

    report = tmp_path / "report.pdf"
    argv = ["export", "-o", str(report), "--data-dir", str(demo_dir)]
    until = date.today().isoformat()
    assert main([*argv, "--since", "2000-01-01", "--until", until]) == 0
    out = capsys.readouterr().out
    assert f"a proof-of-search report of {DEMO_COUNT} applications" in out
    assert f"from 2000-01-01 to {until}" in out
    assert report.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert QGuiApplication.instance() is qapp


# -- mistakes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "-o", "out.docx"], "cannot tell the format from the --output file"),
        (["export", "-o", "out"], "(no suffix)"),
        (["export", "-o", "out.json", "--format", "xml"], "invalid choice: 'xml'"),
        (["export", "-o", "out.csv", "--since", "2026-01-01"], "for the pdf report only"),
        (
            ["export", "-o", "r.pdf", "--since", "2026-02-01", "--until", "2026-01-01"],
            "the period ends (2026-01-01) before it starts (2026-02-01)",
        ),
        (["export", "-o", "r.pdf", "--since", "2999-01-01"], "before it starts (2999-01-01)"),
        (["export", "-o", "r.pdf", "--since", "1 March"], "not a date written YYYY-MM-DD"),
        (["export"], "--output"),
        (["import", "notes.txt"], "give --format json|csv"),
        (["import", "export.md"], "cannot tell the format"),
        (["import", "export.json", "--good-rows"], "for CSV files only"),
        (["import", "sheet.txt", "--format", "json", "--stage", "Applied"], "for CSV files only"),
        (["import"], "FILE"),
    ],
)
def test_usage_mistakes_exit_2_and_create_nothing(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    err = usage_error([*argv, "--data-dir", str(folder)], capsys)
    assert message in err
    assert "usage: jobdesk " in err
    assert not folder.exists()


def test_a_missing_file_to_import_is_named_and_nothing_is_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.json"
    folder = tmp_path / "data"
    assert main(["import", str(missing), "--data-dir", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"jobdesk: cannot import {missing}: there is no such file.\n"
    assert not folder.exists()


def test_exporting_needs_a_database_and_a_folder_to_write_in(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    assert main(["export", "-o", str(tmp_path / "out.json"), "--data-dir", str(empty)]) == 1
    assert "there is no database" in capsys.readouterr().err
    assert not empty.exists()

    nowhere = tmp_path / "missing" / "out.csv"
    assert main(["export", "-o", str(nowhere), "--data-dir", str(demo_dir)]) == 1
    assert f"cannot write {nowhere}: the folder" in capsys.readouterr().err

    before = table_contents(database(demo_dir))
    live = database(demo_dir)
    assert main(["export", "-o", str(live), "--format", "json", "--data-dir", str(demo_dir)]) == 1
    assert "will not write the export over jobdesk's own database" in capsys.readouterr().err
    assert table_contents(live) == before


# -- progress --------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_shown_on_a_terminal_only_and_wiped_at_the_end() -> None:
    terminal = Terminal()
    progress = Progress("Exporting", terminal)
    for done in (0, 45, 45, 100):
        progress(done, 100)
    progress.clear()
    assert terminal.getvalue().split("\r")[1:4] == [
        "Exporting… 0%",
        "Exporting… 45%",
        "Exporting… 100%",
    ]
    assert terminal.getvalue().endswith("\r")

    pipe = io.StringIO()
    progress = Progress("Exporting", pipe)
    progress(50, 100)
    progress.clear()
    assert pipe.getvalue() == ""


# -- as a process ----------------------------------------------------------------------

NO_QT_SCRIPT = """
import sys
from jobdesk.__main__ import main

folder, out, fresh = sys.argv[1:4]
assert main(["demo", "--count", "20", "--data-dir", folder]) == 0
for name in ("all.json", "apps.csv", "journal.md"):
    assert main(["export", "-o", f"{out}/{name}", "--data-dir", folder]) == 0, name
assert main(["import", f"{out}/all.json", "--data-dir", fresh]) == 0
assert main(["import", f"{out}/apps.csv", "--data-dir", fresh]) == 0
loaded = sorted(name for name in sys.modules if name.startswith(("PySide6", "shiboken6")))
assert not loaded, loaded
print("no Qt")
"""


def test_export_and_import_never_load_qt(tmp_path: Path) -> None:
    environment = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    environment.pop("DISPLAY", None)
    environment.pop("WAYLAND_DISPLAY", None)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            NO_QT_SCRIPT,
            str(tmp_path / "data"),
            str(tmp_path),
            str(tmp_path / "fresh"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("no Qt")
    assert result.stderr == ""  # stderr is a pipe: no progress lines
    assert count(tmp_path / "fresh") == 40  # 20 from the JSON file, 20 more from the CSV file


def test_pdf_export_as_a_process_needs_no_display(demo_dir: Path, tmp_path: Path) -> None:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    report = tmp_path / "report.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "jobdesk", "export", "-o", str(report), "--data-dir", str(demo_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Exported a proof-of-search report of ")
    assert report.read_bytes().startswith(b"%PDF")
