"""The CSV import dialog and the proof-of-search PDF, on a real database, offscreen."""

from __future__ import annotations

import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QProgressDialog
from pytestqt.qtbot import QtBot

from jobdesk.services import applications as apps
from jobdesk.services.exchange_csv import applications_with_history, stage_choices
from jobdesk.storage.backup import list_backups
from jobdesk.storage.store import Store
from jobdesk.ui.exchange import progress
from jobdesk.ui.exchange.csv_import_dialog import SKIP, CsvImportDialog
from jobdesk.ui.exchange.report_pdf import report_html, write_search_report
from tests.helpers import table_contents

MARKUP = '<img src="http://127.0.0.1:9/x">'

SPREADSHEET = f"""\
Employer;Position;Status;Date applied;Link;Notes;Contact person
Nordlicht GmbH;Data Analyst;Applied;03.02.2026;https://nordlicht.example/4411;"Referred by
Jana";Jana Weber
{MARKUP};<b>Shift lead</b>;Interviewing;04.02.2026;;;
Blue Harbor;Product Owner;Ghosted;31.02.2026;;;
Orbit;Analyst;On hold;05.02.2026;;frozen until Q2;
;;Applied;;;no company, no role;
Kranich;Team lead;;;kranich.example/jobs/12;;
"""


@pytest.fixture
def spreadsheet(tmp_path: Path) -> Path:
    path = tmp_path / "applications.csv"
    path.write_text(SPREADSHEET, encoding="utf-8")
    return path


@pytest.fixture
def dialog(qtbot: QtBot, store: Store, spreadsheet: Path) -> CsvImportDialog:
    opened = CsvImportDialog(store.db, spreadsheet, store.backup_dir)
    qtbot.addWidget(opened)
    opened.open()
    qtbot.waitExposed(opened)
    return opened


def preview_column(dialog: CsvImportDialog, header: str) -> list[str]:
    table = dialog.preview
    labels = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    if header not in labels:
        return []
    column = labels.index(header)
    return [table.item(row, column).text() for row in range(table.rowCount())]


def problems(dialog: CsvImportDialog) -> list[str]:
    return [dialog.problems.item(row).text() for row in range(dialog.problems.count())]


def test_columns_are_guessed_and_the_preview_shows_what_will_be_created(
    dialog: CsvImportDialog,
) -> None:
    assert dialog.objectName() == "CsvImportDialog"
    assert [box.currentText() for box in dialog.column_boxes] == [
        "Company",
        "Role",
        "Stage (status)",
        "Date applied",
        "Posting link",
        "Notes",
        SKIP,
    ]
    assert preview_column(dialog, "Row") == ["2", "3", "5", "7"]
    assert preview_column(dialog, "Company") == ["Nordlicht GmbH", MARKUP, "Orbit", "Kranich"]
    assert preview_column(dialog, "Role")[1] == "<b>Shift lead</b>"  # text, not markup
    assert preview_column(dialog, "Stage") == [
        "Applied",
        "Interview",
        "Applied (was “On hold”)",
        "Applied",
    ]
    assert preview_column(dialog, "Date applied")[:3] == ["2026-02-03", "2026-02-04", "2026-02-05"]
    assert preview_column(dialog, "Posting link")[3] == "https://kranich.example/jobs/12"
    assert problems(dialog) == [
        "Row 4: Date applied “31.02.2026” is not a date in the calendar.",
        "Row 6: An application needs at least a company or a role.",
    ]
    assert dialog.problems_heading.text().startswith("2 rows cannot be imported")
    assert "On hold" in dialog.unknown_statuses.text()
    assert dialog.import_button.text() == "Import 4 good rows"
    assert dialog.import_button.isEnabled()
    assert "semicolons" in dialog.about.text()
    for box in [*dialog.column_boxes, dialog.fallback, dialog.date_order]:
        assert box.accessibleName()
    assert dialog.about.textFormat() == Qt.TextFormat.PlainText


def test_changing_the_mapping_updates_the_preview(dialog: CsvImportDialog) -> None:
    notes_column = 6  # "Contact person", not imported at first
    combo: QComboBox = dialog.column_boxes[notes_column]
    combo.setCurrentIndex(combo.findText("Notes"))
    assert preview_column(dialog, "Notes")[0] == "Referred by Jana Jana Weber"  # shown on one line
    assert dialog.plan is not None
    assert dialog.plan.rows[0].fields["notes"] == "Referred by\nJana\n\nJana Weber"

    dialog.fallback.setCurrentIndex(dialog.fallback.findText("Wishlist"))
    assert preview_column(dialog, "Stage")[2:] == ["Wishlist (was “On hold”)", "Wishlist"]

    dialog.date_order.setCurrentIndex(1)  # month first: 03.02.2026 is 2 March
    assert preview_column(dialog, "Date applied")[0] == "2026-03-02"

    # One column per field: choosing Company for the role column frees the first column.
    role_box = dialog.column_boxes[1]
    role_box.setCurrentIndex(role_box.findText("Company"))
    assert dialog.column_boxes[0].currentText() == SKIP
    assert preview_column(dialog, "Company")[0] == "Data Analyst"
    assert preview_column(dialog, "Role") == []

    for box in dialog.column_boxes:
        box.setCurrentIndex(0)
    assert not dialog.import_button.isEnabled()
    assert "company or the role" in dialog.notice.text()
    assert dialog.notice.isVisible()


def test_importing_writes_the_good_rows_after_a_backup(
    qtbot: QtBot, dialog: CsvImportDialog, store: Store
) -> None:
    dialog.fallback.setCurrentIndex(dialog.fallback.findText("Wishlist"))
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert imported.args == [4]
    assert not dialog.isVisible()
    assert dialog.summary is not None and len(dialog.summary.skipped) == 2
    assert [backup.reason for backup in list_backups(store.backup_dir)] == ["before-import"]
    created = {a.fields["company"]: a for a in applications_with_history(store.db)}
    assert set(created) == {"Nordlicht GmbH", MARKUP, "Orbit", "Kranich"}
    assert created["Orbit"].stage == "Wishlist"
    assert created[MARKUP].stage == "Interview"
    assert created["Nordlicht GmbH"].fields["notes"] == "Referred by\nJana"


def test_cancel_imports_nothing(qtbot: QtBot, dialog: CsvImportDialog, store: Store) -> None:
    before = table_contents(store.database_path)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert table_contents(store.database_path) == before
    assert list_backups(store.backup_dir) == []


def test_a_long_import_shows_progress_and_cancel_writes_nothing(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Show the progress at once and update on every row, so Cancel can be pressed.
    monkeypatch.setattr(progress, "SHOW_AFTER_MS", 0)
    monkeypatch.setattr(progress, "UPDATE_EVERY_S", 0)
    big = tmp_path / "many.csv"
    rows = [f"Company {n};Role {n};Applied" for n in range(3000)]
    big.write_text("Employer;Position;Status\n" + "\n".join(rows) + "\n", encoding="utf-8")
    dialog = CsvImportDialog(store.db, big, store.backup_dir)
    qtbot.addWidget(dialog)
    dialog.open()
    before = table_contents(store.database_path)
    seen: list[tuple[str, int, int]] = []

    def press_cancel_halfway() -> None:
        for feed in dialog.findChildren(QProgressDialog, "ExchangeProgress"):
            if feed.isVisible() and feed.value() >= 1500:
                seen.append((feed.labelText(), feed.value(), feed.maximum()))
                feed.cancel()
                return
        QTimer.singleShot(0, press_cancel_halfway)

    QTimer.singleShot(0, press_cancel_halfway)
    dialog.import_rows()
    assert seen and seen[0][0] == "Importing 3,000 rows from many.csv…"
    assert seen[0][2] == 3000
    assert table_contents(store.database_path) == before
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.notice.isVisible()
    assert dialog.notice.text() == "Import cancelled; nothing was imported."
    assert dialog.error_box is None
    assert QApplication.overrideCursor() is None
    # The mapping is as it was: importing again, to the end, takes every row.
    with qtbot.waitSignal(dialog.imported, timeout=30_000) as imported:
        dialog.import_rows()
    assert imported.args == [3000]
    assert not any(feed.isVisible() for feed in dialog.findChildren(QProgressDialog))


def test_a_failed_import_is_explained_and_writes_nothing(
    qtbot: QtBot, store: Store, spreadsheet: Path, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "backups-is-a-file"
    not_a_folder.write_text("")
    dialog = CsvImportDialog(store.db, spreadsheet, not_a_folder)
    qtbot.addWidget(dialog)
    dialog.open()
    before = table_contents(store.database_path)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_box is not None and dialog.error_box.isVisible())
    assert isinstance(dialog.error_box, QMessageBox)
    assert "backed up first" in dialog.error_box.informativeText()
    assert dialog.isVisible()
    assert table_contents(store.database_path) == before
    assert QApplication.overrideCursor() is None
    dialog.error_box.close()


def test_a_file_that_is_not_csv_is_explained(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    workbook = tmp_path / "applications.xlsx"
    workbook.write_bytes(b"PK\x03\x04 a zipped workbook")
    dialog = CsvImportDialog(store.db, workbook, store.backup_dir)
    qtbot.addWidget(dialog)
    dialog.open()
    assert "save it as CSV" in dialog.notice.text()
    assert not dialog.import_button.isEnabled()
    assert dialog.body.isHidden()


def test_the_dialog_looks_right(qtbot: QtBot, dialog: CsvImportDialog, tmp_path: Path) -> None:
    """Nothing overlaps the buttons, and a screenshot is kept for people to look at."""
    dialog.resize(1180, 700)
    qtbot.wait(50)
    assert dialog.import_button.isVisible() and dialog.cancel_button.isVisible()
    assert dialog.preview.rowCount() == 4
    assert not dialog.grab().isNull()


# -- the proof-of-search report ---------------------------------------------------------


def test_report_html_escapes_every_user_text(store: Store) -> None:
    stage = next(s.id for s in stage_choices(store.db) if s.name == "Applied")
    apps.create_application(
        store.db,
        stage_id=stage,
        company=MARKUP,
        role="<script>alert(1)</script>",
        location="<b>Berlin</b>",
        applied_on=date.today(),
    )
    page = report_html(
        applications_with_history(store.db),
        since=date.today() - timedelta(days=30),
        until=date.today(),
        person_name="<i>Alex</i>",
    )
    assert "<img" not in page and "&lt;img src=&quot;http://127.0.0.1:9/x&quot;&gt;" in page
    assert "<script" not in page and "&lt;script&gt;" in page
    assert "<b>Berlin" not in page and "<i>Alex" not in page


def test_the_report_lists_the_period_and_is_a_private_pdf(
    qapp: QApplication, store: Store, tmp_path: Path
) -> None:
    stages = {s.name: s.id for s in stage_choices(store.db)}
    for number in range(30):
        application = apps.create_application(
            store.db,
            stage_id=stages["Applied"],
            company=f"Company {number}" if number else MARKUP,
            role="Analyst",
            applied_on=date.today() - timedelta(days=number),
        )
        apps.move_application(store.db, application_id=application, stage_id=stages["Screening"])
    apps.create_application(
        store.db, stage_id=stages["Wishlist"], company="Long ago", saved_on=date(2020, 1, 6)
    )
    destination = tmp_path / "report.pdf"
    # Only "Long ago" was saved in January 2020; the rest were applied for and moved lately.
    january = write_search_report(
        store.db, destination, since=date(2020, 1, 1), until=date(2020, 1, 31)
    )
    assert january == 1
    count = write_search_report(
        store.db, destination, since=date.today() - timedelta(days=60), until=date.today()
    )
    assert count == 31  # "Long ago" too: it was put on the board today
    data = destination.read_bytes()
    assert data.startswith(b"%PDF")
    assert data.rstrip().endswith(b"%%EOF")
    assert stat.S_IMODE(destination.stat().st_mode) == 0o600
    with pytest.raises(ValueError, match="ends before"):
        write_search_report(store.db, destination, since=date.today(), until=date(2020, 1, 1))
