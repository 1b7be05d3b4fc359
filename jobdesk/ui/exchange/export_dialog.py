"""File › Export…: choose what to export (JSON, CSV, Markdown or the PDF report) and, for
the report, its period.

The dialog only asks. "Export…" emits ``exportRequested`` with the choice;
the main window's exchange actions then ask where to save and write the file.

Signals:
    exportRequested(ExportRequest): the person chose a format (and period) and pressed Export.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from jobdesk.domain.dates import today
from jobdesk.ui.plain_text import plain_label

MUTED_STYLE = "color: palette(placeholder-text);"
WARNING_STYLE = "color: #b3261e;"
#: The report's period starts this many months before today unless changed.
REPORT_MONTHS = 3


class ExportFormat(enum.Enum):
    """What File › Export can write, with the words and file type for each."""

    JSON = "json"
    CSV = "csv"
    MARKDOWN = "md"
    PDF = "pdf"

    @property
    def title(self) -> str:
        return _TITLES[self]

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]

    @property
    def suffix(self) -> str:
        return self.value

    @property
    def name_filter(self) -> str:
        return _FILTERS[self]


_TITLES = {
    ExportFormat.JSON: "Everything, to keep or move (JSON)",
    ExportFormat.CSV: "Applications for a spreadsheet (CSV)",
    ExportFormat.MARKDOWN: "Lessons journal and reflections (Markdown)",
    ExportFormat.PDF: "Proof-of-search report (PDF)",
}
_DESCRIPTIONS = {
    ExportFormat.JSON: (
        "Every stage, application, contact, interview, rejection, reflection and lesson. "
        "jobdesk can import it again into an empty data folder, with nothing lost."
    ),
    ExportFormat.CSV: (
        "One row per application with its stage, dates and stage history, "
        "for LibreOffice Calc, Excel or Numbers."
    ),
    ExportFormat.MARKDOWN: (
        "Your lessons and what you took from each rejection, as a text file to read or print."
    ),
    ExportFormat.PDF: (
        "The applications of a period with their dates and stage history, "
        "as some unemployment offices ask for."
    ),
}
_FILTERS = {
    ExportFormat.JSON: "jobdesk export (*.json)",
    ExportFormat.CSV: "CSV for spreadsheets (*.csv)",
    ExportFormat.MARKDOWN: "Markdown (*.md)",
    ExportFormat.PDF: "PDF document (*.pdf)",
}


@dataclass(frozen=True)
class ExportRequest:
    """What to export: the format and, for the PDF report, the period and a name to print."""

    format: ExportFormat
    since: date | None = None
    until: date | None = None
    person_name: str = ""


def default_file_name(request: ExportRequest, on: date) -> str:
    """A name that says what the file is and when it was made, e.g. jobdesk-2026-11-28.json."""
    if request.format is ExportFormat.PDF and request.since and request.until:
        period = f"{request.since.isoformat()}-to-{request.until.isoformat()}"
        return f"jobdesk-search-report-{period}.pdf"
    if request.format is ExportFormat.MARKDOWN:
        return f"jobdesk-lessons-journal-{on.isoformat()}.md"
    return f"jobdesk-{on.isoformat()}.{request.format.suffix}"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ExportDialog(QDialog):
    exportRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExportDialog")
        self.setWindowTitle("Export")
        self.setAccessibleName("Export")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(6)
        heading = plain_label("What would you like to export?", self)
        heading.setStyleSheet("font-weight: 600;")
        layout.addWidget(heading)
        layout.addSpacing(4)

        self.choices = QButtonGroup(self)
        self.buttons: dict[ExportFormat, QRadioButton] = {}
        for export_format in ExportFormat:
            button = QRadioButton(export_format.title, self)
            button.setAccessibleName(export_format.title)
            button.setAccessibleDescription(export_format.description)
            self.choices.addButton(button)
            self.buttons[export_format] = button
            layout.addWidget(button)
            layout.addWidget(self._description(export_format.description))
            if export_format is ExportFormat.PDF:
                layout.addLayout(self._build_report_options())
            layout.addSpacing(8)
        self.buttons[ExportFormat.JSON].setChecked(True)
        self.choices.buttonToggled.connect(lambda _button, _on: self._update())

        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = self.button_box.addButton(
            "Export…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setAccessibleName("Export")
        self.export_button.setDefault(True)
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.button_box.accepted.connect(self.request_export)
        self.button_box.rejected.connect(self.reject)
        layout.addStretch(1)
        layout.addWidget(self.button_box)
        self._update()
        self.buttons[ExportFormat.JSON].setFocus()

    def _description(self, text: str) -> QLabel:
        label = plain_label(text, self)
        label.setWordWrap(True)
        label.setStyleSheet(MUTED_STYLE)
        label.setContentsMargins(self._indent(), 0, 0, 0)
        label.setMinimumWidth(480)
        return label

    def _indent(self) -> int:
        """Where a radio button's text starts, so an option's details line up under it."""
        style = self.style()
        return style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth) + style.pixelMetric(
            QStyle.PixelMetric.PM_RadioButtonLabelSpacing
        )

    def _build_report_options(self) -> QGridLayout:
        last = today()
        first = _day(_qdate(last).addMonths(-REPORT_MONTHS).addDays(1))
        self.from_edit = self._date_edit("Report from", first)
        self.to_edit = self._date_edit("Report to", last)
        self.person_name = QLineEdit(self)
        self.person_name.setAccessibleName("Name on the report")
        self.person_name.setPlaceholderText("Optional: printed under the title")
        self.person_name.setMaxLength(200)
        self.period_problem = plain_label("", self)
        self.period_problem.setStyleSheet(WARNING_STYLE)
        # Its line is kept free, so the dialog does not jump when the warning comes and goes.
        self.period_problem.setMinimumHeight(self.period_problem.fontMetrics().height())

        grid = QGridLayout()
        grid.setContentsMargins(self._indent(), 4, 0, 0)
        grid.setHorizontalSpacing(8)
        period = QHBoxLayout()
        period.setSpacing(8)
        period.addWidget(self.from_edit)
        to_label = QLabel("&to", self)
        to_label.setBuddy(self.to_edit)
        period.addWidget(to_label)
        period.addWidget(self.to_edit)
        period.addStretch(1)
        from_label = QLabel("&Period:", self)
        from_label.setBuddy(self.from_edit)
        grid.addWidget(from_label, 0, 0)
        grid.addLayout(period, 0, 1)
        name_label = QLabel("Your &name:", self)
        name_label.setBuddy(self.person_name)
        grid.addWidget(name_label, 1, 0)
        grid.addWidget(self.person_name, 1, 1)
        grid.addWidget(self.period_problem, 2, 1)
        grid.setColumnStretch(1, 1)
        self.report_labels = (from_label, to_label, name_label)
        return grid

    def _date_edit(self, name: str, day: date) -> QDateEdit:
        edit = QDateEdit(_qdate(day), self)
        edit.setAccessibleName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setMinimumDate(QDate(1990, 1, 1))
        edit.dateChanged.connect(lambda _: self._update())
        return edit

    # -- the choice ---------------------------------------------------------------------

    def chosen_format(self) -> ExportFormat:
        return next(f for f, button in self.buttons.items() if button.isChecked())

    def choose(self, export_format: ExportFormat) -> None:
        self.buttons[export_format].setChecked(True)

    def set_period(self, since: date, until: date) -> None:
        self.from_edit.setDate(_qdate(since))
        self.to_edit.setDate(_qdate(until))

    def request(self) -> ExportRequest:
        """The choice as it stands (the period and name only for the PDF report)."""
        export_format = self.chosen_format()
        if export_format is not ExportFormat.PDF:
            return ExportRequest(export_format)
        return ExportRequest(
            export_format,
            since=_day(self.from_edit.date()),
            until=_day(self.to_edit.date()),
            person_name=self.person_name.text().strip(),
        )

    def _update(self) -> None:
        report = self.chosen_format() is ExportFormat.PDF
        for widget in (self.from_edit, self.to_edit, self.person_name, *self.report_labels):
            widget.setEnabled(report)
        backwards = self.from_edit.date() > self.to_edit.date()
        self.period_problem.setText(
            "The period ends before it starts." if report and backwards else ""
        )
        self.export_button.setEnabled(not (report and backwards))

    def request_export(self) -> None:
        if not self.export_button.isEnabled():
            return
        request = self.request()
        self.accept()
        self.exportRequested.emit(request)
