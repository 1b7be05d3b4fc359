"""Insights: charts of the whole search, each with its numbers beside it.

Importing this module imports matplotlib, so nothing imports it at start-up:
whoever opens the view imports it inside the method that opens it. The
calculations live in ``jobdesk.domain.insights`` and the one read in
``jobdesk.services.insights``; this window only chooses filters, lays out
panels and saves pictures.

A period (with From and To dates) and a stage filter at the top apply to
every chart. Nothing here writes to the database.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jobdesk.domain.dates import today
from jobdesk.private_files import write_private_file
from jobdesk.services import Database
from jobdesk.services.insights import InsightsData, activity_span, read_insights
from jobdesk.services.stages import list_stages
from jobdesk.ui.insights.chart_panel import ChartPanel, chart_style
from jobdesk.ui.insights.numbers import CHART_KEYS, chart_numbers
from jobdesk.ui.plain_text import plain_label
from jobdesk.ui.save_dialog import open_save_dialog

log = logging.getLogger(__name__)

MUTED_STYLE = "color: palette(placeholder-text);"
ALL_TIME = "All time"
CUSTOM_RANGE = "Custom range"
#: Period presets: name and how many days back from today (None: all time).
PERIODS: tuple[tuple[str, int | None], ...] = (
    (ALL_TIME, None),
    ("Last 4 weeks", 28),
    ("Last 3 months", 91),
    ("Last 12 months", 365),
)
ALL_STAGES = "All stages"
#: How long date typing may pause before the charts follow.
DATE_SETTLE_MS = 300


def png_file_name(key: str, on: date) -> str:
    return f"jobdesk-{key}-{on.isoformat()}.png"


def default_picture_folder() -> Path:
    """The user's Pictures folder if there is one, else their home folder."""
    home = Path.home()
    pictures = home / "Pictures"
    return pictures if pictures.is_dir() else home


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _long_date(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


class InsightsView(QDialog):
    """Charts of the search: funnel, rejections, reasons, motivation, confidence,
    lessons and weekly activity, filtered by period and stage."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("InsightsView")
        self.setWindowTitle("Insights")
        self.setAccessibleName("Insights")
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1120, 820)
        self.data: InsightsData | None = None
        self.save_dialog: QFileDialog | None = None
        self.error_box: QMessageBox | None = None
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(DATE_SETTLE_MS)
        self._settle.timeout.connect(self.refresh)

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_filters())
        self.summary = plain_label("", self)
        self.summary.setAccessibleName("What the charts count")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(MUTED_STYLE)
        layout.addWidget(self.summary)

        self.panels: dict[str, ChartPanel] = {}
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 4, 0)
        column.setSpacing(12)
        for key in CHART_KEYS:
            panel = ChartPanel(key, page)
            panel.saveRequested.connect(self.choose_png_file)
            column.addWidget(panel)
            self.panels[key] = panel
        column.addStretch(1)
        self.chart_area = QScrollArea(self)
        self.chart_area.setAccessibleName("Charts")
        self.chart_area.setFrameShape(QFrame.Shape.NoFrame)
        self.chart_area.setWidgetResizable(True)
        self.chart_area.setWidget(page)
        layout.addWidget(self.chart_area, 1)

        self.status_line = plain_label("", self)
        self.status_line.setAccessibleName("Last result")
        self.status_line.setStyleSheet(MUTED_STYLE)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_line, 1)
        bottom.addWidget(close)
        layout.addLayout(bottom)

        self._show_period(ALL_TIME)
        self.refresh()
        self.period.setFocus()

    # -- filters -----------------------------------------------------------------------

    def _build_filters(self) -> QHBoxLayout:
        self.period = QComboBox(self)
        self.period.setAccessibleName("Period")
        for name, _ in PERIODS:
            self.period.addItem(name)
        self.period.addItem(CUSTOM_RANGE)
        self.from_edit = self._date_edit("From date")
        self.to_edit = self._date_edit("To date")
        self.stage_filter = QComboBox(self)
        self.stage_filter.setAccessibleName("Stages")
        self.stage_filter.setToolTip("Count only applications now in these stages")
        self._fill_stage_filter()

        self.period.currentTextChanged.connect(self._period_chosen)
        self.from_edit.dateChanged.connect(self._date_typed)
        self.to_edit.dateChanged.connect(self._date_typed)
        self.stage_filter.currentIndexChanged.connect(lambda _: self.refresh())

        row = QHBoxLayout()
        for text, widget in (
            ("&Period:", self.period),
            ("&From:", self.from_edit),
            ("&To:", self.to_edit),
            ("&Stages:", self.stage_filter),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            if text == "&Stages:":
                row.addSpacing(12)
            row.addWidget(label)
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setAccessibleName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setMinimumDate(QDate(1990, 1, 1))
        return edit

    def _fill_stage_filter(self) -> None:
        stages = list_stages(self.db)
        box = self.stage_filter
        box.addItem(ALL_STAGES, None)
        box.addItem("Still in progress", [s.id for s in stages if not s.kind.is_ending])
        box.addItem("Ended", [s.id for s in stages if s.kind.is_ending])
        box.insertSeparator(box.count())
        for stage in stages:
            box.addItem(f"{stage.name} (hidden)" if stage.hidden else stage.name, [stage.id])

    def _show_period(self, name: str) -> None:
        """Put the period's dates in the date boxes, without counting as typing."""
        days = dict(PERIODS).get(name)
        last = today()
        if name == ALL_TIME:
            span = activity_span(self.db)
            first, last = span if span is not None else (last, last)
        else:
            first = last - timedelta(days=(days or 1) - 1)
        for edit, day in ((self.from_edit, first), (self.to_edit, last)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)

    def _period_chosen(self, name: str) -> None:
        if name == CUSTOM_RANGE:
            return
        self._show_period(name)
        self.refresh()

    def _date_typed(self, _: QDate) -> None:
        self.period.blockSignals(True)
        self.period.setCurrentText(CUSTOM_RANGE)
        self.period.blockSignals(False)
        self._settle.start()

    def set_period(self, since: date | None, until: date | None) -> None:
        """Show from *since* to *until* (both None: all time) and redraw now."""
        if since is None and until is None:
            self.period.setCurrentText(ALL_TIME)
            self._show_period(ALL_TIME)
        else:
            self.period.blockSignals(True)
            self.period.setCurrentText(CUSTOM_RANGE)
            self.period.blockSignals(False)
            for edit, day in ((self.from_edit, since), (self.to_edit, until)):
                edit.blockSignals(True)
                edit.setDate(_qdate(day or today()))
                edit.blockSignals(False)
        self.refresh()

    def set_stage_filter(self, stage_ids: Collection[int] | None) -> None:
        """Choose the entry showing exactly *stage_ids* (None: all stages)."""
        wanted = None if stage_ids is None else sorted(stage_ids)
        for index in range(self.stage_filter.count()):
            data = self.stage_filter.itemData(index)
            if (data is None and wanted is None and self.stage_filter.itemText(index)) or (
                data is not None and wanted is not None and sorted(data) == wanted
            ):
                self.stage_filter.setCurrentIndex(index)
                return
        raise ValueError(f"No stage filter shows stages {stage_ids!r}.")

    def filters(self) -> tuple[date | None, date | None, frozenset[int] | None]:
        """The chosen (since, until, stage ids); None means no limit."""
        stage_ids = self.stage_filter.currentData()
        chosen = None if stage_ids is None else frozenset(int(i) for i in stage_ids)
        if self.period.currentText() == ALL_TIME:
            return None, None, chosen
        since, until = _day(self.from_edit.date()), _day(self.to_edit.date())
        return min(since, until), max(since, until), chosen

    # -- drawing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the numbers for the chosen filters and redraw every chart."""
        self._settle.stop()
        since, until, stage_ids = self.filters()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            data = read_insights(self.db, since=since, until=until, stage_ids=stage_ids)
            numbers = chart_numbers(data)
            style = chart_style(self)
            for key, panel in self.panels.items():
                panel.show_numbers(numbers[key], data, style)
        except Exception as error:  # any failure is shown; nothing changes
            log.exception("The insights could not be read")
            self._report("The insights could not be read", error)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.data = data
        self.summary.setText(self._summary(data))

    def _summary(self, data: InsightsData) -> str:
        applications = f"{data.applications:,} application{'s' if data.applications != 1 else ''}"
        rejections = f"{data.rejections:,} rejection{'s' if data.rejections != 1 else ''}"
        if data.since is None and data.until is None:
            period = "of all time"
        else:
            period = "applied for (or saved)"
            if data.since is not None:
                period += f" from {_long_date(data.since)}"
            if data.until is not None:
                period += f" to {_long_date(data.until)}"
        stages = self.stage_filter.currentText()
        where = "" if stages == ALL_STAGES else f", now in: {stages}"
        return f"{applications} {period}{where} — {rejections} among them."

    def changeEvent(self, event: QEvent) -> None:
        """Follow a switch between light and dark palettes."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.data is not None:
            style = chart_style(self)
            for panel in self.panels.values():
                panel.redraw(self.data, style)

    # -- saving ----------------------------------------------------------------------------

    def choose_png_file(self, key: str) -> QFileDialog:
        """Ask where to save chart *key*; the save happens when a file is chosen."""
        panel = self.panels[key]
        dialog = open_save_dialog(
            self,
            title=f"Save “{panel.title.text()}” as PNG",
            object_name="SaveChartDialog",
            name_filter="PNG image (*.png)",
            suffix="png",
            folder=default_picture_folder(),
            file_name=png_file_name(key, today()),
            on_chosen=lambda chosen: self._save(key, chosen),
        )
        self.save_dialog = dialog
        return dialog

    def _save(self, key: str, path: Path) -> None:
        try:
            self.save_chart_png(key, path)
        except Exception as error:  # any failure is shown; nothing changes
            self._report("The chart was not saved", error)
            return
        self.status_line.setText(f"Chart saved to {path}")

    def save_chart_png(self, key: str, path: Path) -> None:
        """Write chart *key* as it is shown to *path* as a PNG, readable by its owner only."""
        write_private_file(Path(path), self.panels[key].png_bytes())

    def _report(self, title: str, error: BaseException) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "jobdesk", title, parent=self)
        box.setObjectName("InsightsError")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(str(error))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.error_box = box
