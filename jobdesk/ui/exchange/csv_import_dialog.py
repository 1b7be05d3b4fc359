"""Importing applications from a spreadsheet's CSV file: map the columns, preview, import.

The file is read when the dialog opens. Each column gets a field guessed
from its header, which the person can change; rows whose status is not a
stage go to a stage they choose. The preview shows the first rows exactly as
they would be created and every row that cannot be imported, with its row
number and the reason. "Import N good rows" backs up, then writes them all in
one transaction; Cancel imports nothing.

Signals:
    imported(int): the import finished; how many applications were created.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jobdesk.domain.csv_mapping import (
    FIELD_NAMES,
    IMPORT_FIELDS,
    JOINABLE_FIELDS,
    CsvTable,
    ImportMapping,
    ImportPlan,
    ImportRow,
    column_letter,
    mapping_problems,
    plan_import,
    short,
)
from jobdesk.services import Database
from jobdesk.services.exchange_csv import (
    CsvImportError,
    ImportSummary,
    import_csv,
    read_csv_preview,
    stage_choices,
    suggest_mapping,
    work_mode_label,
)
from jobdesk.ui.exchange.progress import ExchangeCancelledError, ProgressFeed
from jobdesk.ui.plain_text import plain_label, plain_tooltip

PREVIEW_ROWS = 20
#: The problem list stops here; the count above it says how many there are in all.
LISTED_PROBLEMS = 1000
MUTED_STYLE = "color: palette(placeholder-text);"
HEADING_STYLE = "font-weight: 600;"
NOTICE_STYLE = (
    "QLabel#CsvImportNotice { background: rgba(217, 130, 43, 0.14); "
    "border: 1px solid rgba(217, 130, 43, 0.7); border-radius: 6px; padding: 8px; }"
)
DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
    "latin-1": "ISO-8859-1",
}
SKIP = "Don’t import"
PREVIEW_LABELS = {"stage": "Stage", "salary_text": "Salary", "excitement": "Excitement"}


def locale_puts_day_first() -> bool:
    """Whether the person's short date format starts with the day (most of the world)."""
    return not QLocale().dateFormat(QLocale.FormatType.ShortFormat).lstrip().startswith("M")


def display_value(name: str, value: Any) -> str:
    """A cleaned field value as the preview shows it: one line, cut short."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if name == "work_mode":
        return work_mode_label(str(value))
    if name in ("salary_min", "salary_max"):
        return f"{value:,}"
    return short(str(value), 80)


def _item(text: str, full: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if full and full != text:
        item.setToolTip(plain_tooltip(full[:2000]))
    return item


class CsvImportDialog(QDialog):
    imported = Signal(int)

    def __init__(
        self, db: Database, path: Path, backup_dir: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.path = path
        self.backup_dir = backup_dir
        self.setObjectName("CsvImportDialog")
        self.setWindowTitle("Import applications from a spreadsheet")
        self.setAccessibleName("Import applications from a spreadsheet")
        self.resize(1180, 700)
        self.stages = stage_choices(db)
        self.table: CsvTable | None = None
        self.plan: ImportPlan | None = None
        self.summary: ImportSummary | None = None
        self.error_box: QMessageBox | None = None
        read_error = ""
        try:
            self.table = read_csv_preview(path)
        except CsvImportError as error:
            read_error = str(error)
        empty = CsvTable((), ())
        self.mapping = suggest_mapping(
            self.table or empty, self.stages, day_first=locale_puts_day_first()
        )

        self.about = plain_label("", self)
        self.about.setObjectName("CsvImportAbout")
        self.about.setWordWrap(True)
        self.notice = plain_label("", self)
        self.notice.setObjectName("CsvImportNotice")
        self.notice.setAccessibleName("Notice about the file")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.hide()

        self.columns = self._columns_table()
        self.fallback = QComboBox(self)
        self.fallback.setAccessibleName("Stage for rows whose status is not a stage")
        for stage in self.stages:
            self.fallback.addItem(
                f"{stage.name} (hidden)" if stage.hidden else stage.name, stage.id
            )
        self.fallback.setCurrentIndex(
            max(0, self.fallback.findData(self.mapping.fallback_stage_id))
        )
        self.date_order = QComboBox(self)
        self.date_order.setAccessibleName("How dates like 04/05/2026 are read")
        self.date_order.addItem("Day first: 04/05/2026 is 4 May", True)
        self.date_order.addItem("Month first: 04/05/2026 is April 5", False)
        self.date_order.setCurrentIndex(0 if self.mapping.day_first else 1)
        self.unknown_statuses = plain_label("", self)
        self.unknown_statuses.setObjectName("CsvUnknownStatuses")
        self.unknown_statuses.setWordWrap(True)
        self.unknown_statuses.setStyleSheet(MUTED_STYLE)
        options = QFormLayout()
        options.addRow("Unknown or empty status:", self.fallback)
        options.addRow("Dates:", self.date_order)
        columns_box = QWidget(self)
        columns_layout = QVBoxLayout(columns_box)
        columns_layout.setContentsMargins(0, 0, 0, 0)
        columns_heading = plain_label("What each column holds", columns_box)
        columns_heading.setStyleSheet(HEADING_STYLE)
        columns_layout.addWidget(columns_heading)
        columns_layout.addWidget(self.columns, 1)
        columns_layout.addLayout(options)
        columns_layout.addWidget(self.unknown_statuses)

        self.preview = QTableWidget(0, 0, self)
        self.preview.setObjectName("CsvPreview")
        self.preview.setAccessibleName("Preview of the applications to be created")
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setWordWrap(False)
        self.preview.verticalHeader().hide()
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.preview_heading = plain_label("", self)
        self.preview_heading.setStyleSheet(HEADING_STYLE)
        self.problems = QListWidget(self)
        self.problems.setObjectName("CsvProblems")
        self.problems.setAccessibleName("Rows that cannot be imported")
        self.problems.setWordWrap(True)
        self.problems_heading = plain_label("", self)
        self.problems_heading.setStyleSheet(HEADING_STYLE)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.setChildrenCollapsible(False)
        for heading, view in (
            (self.preview_heading, self.preview),
            (self.problems_heading, self.problems),
        ):
            pane = QWidget(right)
            pane_layout = QVBoxLayout(pane)
            pane_layout.setContentsMargins(0, 0, 0, 0)
            pane_layout.addWidget(heading)
            pane_layout.addWidget(view, 1)
            right.addWidget(pane)
        right.setSizes([420, 180])
        self.body = QSplitter(Qt.Orientation.Horizontal, self)
        self.body.setChildrenCollapsible(False)
        self.body.addWidget(columns_box)
        self.body.addWidget(right)
        self.body.setSizes([470, 710])

        safety = plain_label(
            "A backup of your data is taken first, and the rows are imported all at once: "
            "if anything goes wrong, nothing is written.",
            self,
        )
        safety.setWordWrap(True)
        safety.setStyleSheet(MUTED_STYLE)
        buttons = QDialogButtonBox(self)
        self.import_button = QPushButton("Import", self)
        self.import_button.setObjectName("CsvImportButton")
        self.import_button.setDefault(True)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName("Cancel: import nothing")
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self.import_rows)

        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.notice)
        layout.addWidget(self.body, 1)
        layout.addWidget(safety)
        layout.addWidget(buttons)

        self.fallback.currentIndexChanged.connect(self._options_changed)
        self.date_order.currentIndexChanged.connect(self._options_changed)
        if self.table is None:
            self.about.setText(f"“{path.name}” cannot be imported.")
            self._show_notice([read_error])
            self.body.hide()
            self.import_button.setEnabled(False)
            self.import_button.setText("Import")
            self.import_button.setAccessibleName("Import (nothing to import)")
        else:
            self.refresh()

    # -- building ------------------------------------------------------------------------

    def _columns_table(self) -> QTableWidget:
        table = QTableWidget(0, 3, self)
        table.setObjectName("CsvColumns")
        table.setAccessibleName("What each column of the file holds")
        table.setHorizontalHeaderLabels(["Column", "Example", "Import as"])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the combo boxes take the focus
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.column_boxes: list[QComboBox] = []
        if self.table is None:
            return table
        table.setRowCount(self.table.width)
        for index, header_text in enumerate(self.table.headers):
            name = f"{column_letter(index)} · {header_text or '(no header)'}"
            table.setItem(index, 0, _item(short(name, 36), header_text))
            example = next(
                (
                    cell
                    for record in self.table.records[:200]
                    if (cell := record.cells[index]).strip()
                ),
                "",
            )
            example_item = _item(short(example, 60), example)
            example_item.setForeground(self.palette().placeholderText())
            table.setItem(index, 1, example_item)
            box = QComboBox(table)
            box.setAccessibleName(
                f"Import column {column_letter(index)} ({short(header_text, 30) or 'no header'}) as"
            )
            box.addItem(SKIP, None)
            for field_name, label in IMPORT_FIELDS:
                box.addItem(label, field_name)
            box.setCurrentIndex(max(0, box.findData(self.mapping.columns[index])))
            box.currentIndexChanged.connect(lambda _i, column=index: self._column_changed(column))
            table.setCellWidget(index, 2, box)
            self.column_boxes.append(box)
        table.resizeColumnToContents(0)
        table.setColumnWidth(0, min(table.columnWidth(0), 200))
        return table

    # -- reacting ------------------------------------------------------------------------

    def _column_changed(self, column: int) -> None:
        """A field goes to one column: choosing it here clears it elsewhere (notes may repeat)."""
        chosen = self.column_boxes[column].currentData()
        if chosen is not None and chosen not in JOINABLE_FIELDS:
            for other, box in enumerate(self.column_boxes):
                if other != column and box.currentData() == chosen:
                    box.blockSignals(True)
                    box.setCurrentIndex(0)
                    box.blockSignals(False)
        self._options_changed()

    def _options_changed(self) -> None:
        self.mapping = ImportMapping(
            columns=tuple(box.currentData() for box in self.column_boxes),
            fallback_stage_id=self.fallback.currentData(),
            day_first=bool(self.date_order.currentData()),
        )
        self.refresh()

    def set_column(self, column: int, field_name: str | None) -> None:
        """Choose what *column* is imported as (what picking in its combo box does)."""
        box = self.column_boxes[column]
        box.setCurrentIndex(max(0, box.findData(field_name)))

    # -- showing -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Plan the import with the current choices and show the preview and the problems."""
        table = self.table
        if table is None:
            return
        self.plan = plan = plan_import(table, self.mapping, self.stages)
        rows = len(table.records) - plan.blank_rows
        separator = DELIMITER_NAMES.get(table.delimiter, repr(table.delimiter))
        encoding = ENCODING_NAMES.get(table.encoding, table.encoding)
        self.about.setText(
            f"“{self.path.name}”: {rows:,} row{'s' if rows != 1 else ''} below the header, "
            f"read as {encoding} text separated by {separator}. Check what each column holds; "
            "row numbers are the ones your spreadsheet shows."
        )
        blocking = mapping_problems(self.mapping, table.headers, self.stages)
        self._show_notice([*table.notices, *blocking])
        self._show_preview(plan.rows[:PREVIEW_ROWS])
        self._show_problems(plan)
        self._show_unknown_statuses(plan.unknown_statuses)
        good = len(plan.rows)
        wording = "good rows" if plan.problems else "rows"
        if good == 1:
            wording = wording[:-1]
        self.import_button.setText(f"Import {good:,} {wording}")
        self.import_button.setAccessibleName(f"Import {good:,} {wording}")
        self.import_button.setEnabled(good > 0 and not blocking)

    def _show_notice(self, lines: Sequence[str]) -> None:
        self.notice.setText("\n".join(lines))
        self.notice.setVisible(bool(lines))

    def _preview_fields(self) -> list[str]:
        mapped = set(self.mapping.columns) | {"stage"}
        return [name for name, _label in IMPORT_FIELDS if name in mapped]

    def _show_preview(self, rows: Sequence[ImportRow]) -> None:
        names = self._preview_fields()
        stage_names = {stage.id: stage.name for stage in self.stages}
        self.preview.clear()
        self.preview.setColumnCount(len(names) + 1)
        labels = [PREVIEW_LABELS.get(name, FIELD_NAMES[name]) for name in names]
        self.preview.setHorizontalHeaderLabels(["Row", *labels])
        self.preview.setRowCount(len(rows))
        for number, row in enumerate(rows):
            self.preview.setItem(number, 0, _item(str(row.line)))
            for column, name in enumerate(names, start=1):
                if name == "stage":
                    text = stage_names.get(row.stage_id, "?")
                    full = text
                    if row.unknown_status:
                        text = f"{text} (was “{short(row.status, 24)}”)"
                        full = f"{full} (the file says “{row.status}”)"
                elif name == "archived":
                    text = full = "yes" if row.archived else ""
                else:
                    value = row.fields.get(name)
                    text = display_value(name, value)
                    full = "" if value is None else str(value)
                self.preview.setItem(number, column, _item(text, full))
        self.preview.resizeColumnsToContents()
        for column in range(self.preview.columnCount()):
            self.preview.setColumnWidth(column, min(self.preview.columnWidth(column), 260))
        total = len(self.plan.rows) if self.plan else 0
        if total == 0:
            self.preview_heading.setText("Preview: no row can be imported with these choices")
        elif total > len(rows):
            self.preview_heading.setText(
                f"Preview: the first {len(rows)} of {total:,} applications to be created"
            )
        else:
            self.preview_heading.setText(
                f"Preview: the {total:,} application{'s' if total != 1 else ''} to be created"
            )

    def _show_problems(self, plan: ImportPlan) -> None:
        self.problems.clear()
        count = len(plan.problems)
        for problem in plan.problems[:LISTED_PROBLEMS]:
            self.problems.addItem(str(problem))
        if count > LISTED_PROBLEMS:
            self.problems.addItem(f"…and {count - LISTED_PROBLEMS:,} more.")
        if count:
            self.problems_heading.setText(
                f"{count:,} row{'s' if count != 1 else ''} cannot be imported and will be skipped"
            )
        else:
            self.problems_heading.setText("Every row can be imported")
        self.problems.setVisible(bool(count))

    def _show_unknown_statuses(self, unknown: dict[str, int]) -> None:
        if not unknown:
            self.unknown_statuses.setText("Every status in the file matches a stage.")
            return
        listed = ", ".join(
            f"“{short(status, 24)}” ({count:,})" for status, count in list(unknown.items())[:6]
        )
        more = f" and {len(unknown) - 6} more" if len(unknown) > 6 else ""
        self.unknown_statuses.setText(
            f"These statuses match no stage and go to the one chosen above: {listed}{more}."
        )

    # -- importing -----------------------------------------------------------------------

    def import_rows(self) -> None:
        """Import the good rows (backup first, one transaction) with progress and Cancel.

        A failure is reported and the dialog stays open with the mapping as it
        was; so does a cancel, which writes nothing either.
        """
        if self.table is None:
            return
        rows = self.plan.rows if self.plan is not None else ()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            with ProgressFeed(self, f"Importing {len(rows):,} rows from {self.path.name}…") as feed:
                summary = import_csv(
                    self.db,
                    self.table,
                    self.mapping,
                    backup_dir=self.backup_dir,
                    import_good_rows=True,
                    progress=feed,
                )
        except ExchangeCancelledError:
            self._show_notice(["Import cancelled; nothing was imported."])
            return
        except CsvImportError as error:
            self._report(error)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.summary = summary
        self.accept()
        self.imported.emit(summary.imported)

    def _report(self, error: CsvImportError) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "jobdesk", "Nothing was imported", parent=self)
        box.setObjectName("CsvImportError")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(str(error))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.error_box = box
