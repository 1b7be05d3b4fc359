"""One chart of the Insights view: title, canvas, its numbers beside it, Save as PNG.

The canvas is matplotlib's Qt canvas (``backend_qtagg``); importing this
module imports matplotlib, which is why only the Insights view imports it.
"""

from __future__ import annotations

import io

from matplotlib.backend_bases import LocationEvent, MouseEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCursor, QFont, QPalette, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from jobdesk.services.insights import InsightsData
from jobdesk.ui.colors import mix
from jobdesk.ui.insights.charts import DRAWERS, ChartStyle, Hover
from jobdesk.ui.insights.numbers import ChartNumbers
from jobdesk.ui.plain_text import plain_label, plain_tooltip

MUTED_STYLE = "color: palette(placeholder-text);"
#: Resolution of a saved PNG: sharp when printed or shown on a high-DPI screen.
PNG_DPI = 150
#: The tallest a numbers table grows before it scrolls: about a chart's height.
TABLE_HEIGHT = 270


def chart_style(widget: QWidget) -> ChartStyle:
    """Chart colours from *widget*'s palette, so a dark theme gets dark charts."""
    palette = widget.palette()
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    size = widget.font().pointSizeF()
    return ChartStyle(
        background=base.name(),
        text=text.name(),
        muted=mix(text, base, 0.45).name(),
        grid=mix(text, base, 0.82).name(),
        accent=palette.color(QPalette.ColorRole.Highlight).name(),
        font_size=min(max(size if size > 0 else 9.0, 7.5), 12.0),
    )


class ChartCanvas(FigureCanvasQTAgg):
    """matplotlib's canvas, letting the wheel scroll the page instead of the chart."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()


class ChartPanel(QFrame):
    """A chart with its title, explanation, numbers table and Save as PNG button.

    Signals:
        saveRequested(str): the chart's key, when its Save button is pressed.
    """

    saveRequested = Signal(str)

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"InsightsChart_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self._hover: Hover = lambda event: None
        self._hover_text: str | None = None
        self._drawn: tuple[InsightsData, ChartStyle] | None = None

        self.title = plain_label("", self)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.explanation = plain_label("", self)
        self.explanation.setWordWrap(True)
        self.explanation.setStyleSheet(MUTED_STYLE)
        self.save_button = QPushButton("Save as PNG…", self)
        self.save_button.setAutoDefault(False)  # Enter in a date box must not save a chart
        self.save_button.clicked.connect(lambda: self.saveRequested.emit(self.key))

        self.figure = Figure(figsize=(5.6, 2.9), dpi=100, layout="constrained")
        self.canvas = ChartCanvas(self.figure)
        self.canvas.setParent(self)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.canvas.setMinimumSize(360, 250)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.mpl_connect("motion_notify_event", self._pointer_moved)
        self.canvas.mpl_connect("figure_leave_event", self._pointer_left)

        self.table = QTableWidget(self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.table.setMinimumWidth(300)
        self.note = plain_label("", self)
        self.note.setWordWrap(True)
        self.note.hide()

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.save_button)
        numbers = QVBoxLayout()
        numbers.setSpacing(6)
        numbers.addWidget(self.table)
        numbers.addWidget(self.note)
        numbers.addStretch(1)
        body = QHBoxLayout()
        body.setSpacing(12)
        body.addWidget(self.canvas, 5)
        body.addLayout(numbers, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.explanation)
        layout.addSpacing(4)
        layout.addLayout(body, 1)

    def show_numbers(self, numbers: ChartNumbers, data: InsightsData, style: ChartStyle) -> None:
        """Show *numbers* in the table and draw the chart of *data* in *style*."""
        self.title.setText(numbers.title)
        self.explanation.setText(numbers.explanation)
        self.save_button.setAccessibleName(f"Save “{numbers.title}” as PNG")
        self.canvas.setAccessibleName(f"{numbers.title} chart")
        self.canvas.setAccessibleDescription(numbers.explanation)
        self.table.setAccessibleName(f"{numbers.title} numbers")
        self._fill_table(numbers)
        self.note.setText(numbers.note)
        self.note.setVisible(bool(numbers.note))
        self.redraw(data, style)

    def redraw(self, data: InsightsData, style: ChartStyle) -> None:
        self._drawn = (data, style)
        self._hover = DRAWERS[self.key](self.figure, data, style)
        self.canvas.draw_idle()

    def _fill_table(self, numbers: ChartNumbers) -> None:
        table = self.table
        table.clear()
        table.setColumnCount(len(numbers.headers))
        table.setHorizontalHeaderLabels(list(numbers.headers))
        table.setRowCount(len(numbers.rows))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, values in enumerate(numbers.rows):
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)  # items show text as it is, never markup
                if column:
                    item.setTextAlignment(right)
                else:
                    item.setToolTip(plain_tooltip(value))  # the whole name, when cut
                table.setItem(row, column, item)
        # As tall as its rows (the note follows right under it), scrolling
        # only when there are more rows than the chart is tall.
        rows_height = table.verticalHeader().defaultSectionSize() * len(numbers.rows)
        needed = table.horizontalHeader().sizeHint().height() + rows_height
        table.setFixedHeight(min(needed + 2 * table.frameWidth() + 2, TABLE_HEIGHT))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(numbers.headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            heading = table.horizontalHeaderItem(column)
            if heading is not None:
                heading.setTextAlignment(right)

    def png_bytes(self) -> bytes:
        """The chart as shown, titled so the picture explains itself, as a PNG.

        It is drawn again on a figure of its own (of the on-screen size), so
        the title never takes room from the chart on screen.
        """
        if self._drawn is None:
            raise RuntimeError("The chart has not been drawn yet.")
        data, style = self._drawn
        figure = Figure(figsize=tuple(self.figure.get_size_inches()), layout="constrained")
        DRAWERS[self.key](figure, data, style)
        figure.suptitle(
            self.title.text(), color=style.text, fontsize=style.font_size + 2, fontweight="bold"
        )
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=PNG_DPI, facecolor=style.background)
        return buffer.getvalue()

    def rows(self) -> list[list[str]]:
        """The numbers table as text, row by row (for tests and copying)."""
        rows = []
        for row in range(self.table.rowCount()):
            cells = (self.table.item(row, column) for column in range(self.table.columnCount()))
            rows.append([cell.text() if cell is not None else "" for cell in cells])
        return rows

    def hover_text(self, event: MouseEvent) -> str | None:
        return self._hover(event)

    def _pointer_moved(self, event: LocationEvent) -> None:
        text = self._hover(event) if isinstance(event, MouseEvent) else None
        if text == self._hover_text:
            return
        self._hover_text = text
        if text is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(QCursor.pos(), plain_tooltip(text), self.canvas)

    def _pointer_left(self, event: LocationEvent) -> None:
        self._hover_text = None
        QToolTip.hideText()
