"""A stage's column: a header with name and counts, and a list view of cards.

The view stays thin: drops go to the model (``dropMimeData``), moves and
opening go out as signals to the board.

Signals (StageColumnView):
    navigate(int): Left (-1) or Right (+1) pressed; the board moves the focus.
    openRequested(int): Enter pressed or a card double-clicked.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QListView,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jobdesk.domain.stages import StageRecord
from jobdesk.ui.board import roles
from jobdesk.ui.board.card_delegate import CardDelegate
from jobdesk.ui.board.column_model import StageColumnModel
from jobdesk.ui.board.mime import read_card
from jobdesk.ui.board.scroll_bar_style import make_flat
from jobdesk.ui.plain_text import plain_label, plain_tooltip

COLUMN_WIDTH = 252
COLLAPSED_WIDTH = 46


class StageColumnView(QListView):
    """The list of cards of one stage."""

    navigate = Signal(int)
    openRequested = Signal(int)

    def __init__(self, model: StageColumnModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A viewport made here, not Qt's own: the first time Python meets a
        # widget Qt made, PySide6 works out its class by setting up every
        # widget class it has (56 enums, 8 ms of start-up).
        viewport = QWidget()
        viewport.setAutoFillBackground(False)
        self.setViewport(viewport)  # first: what follows may set up the viewport
        self.setObjectName("StageColumn")
        self.setAccessibleName(model.stage.name)
        self.setModel(model)
        self.setItemDelegate(CardDelegate(self))
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        make_flat(self.verticalScrollBar())
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        # Qt's own indicator is a hairline; the column paints a clearer one.
        self.setDropIndicatorShown(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAutoFillBackground(False)
        self.doubleClicked.connect(self._open_index)
        self._drop_row: int | None = None

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            make_flat(self.verticalScrollBar())  # the bar's colours follow the theme

    def column_model(self) -> StageColumnModel:
        model = self.model()
        assert isinstance(model, StageColumnModel)
        return model

    def current_application_id(self) -> int | None:
        index = self.currentIndex()
        return int(index.data(roles.ApplicationIdRole)) if index.isValid() else None

    def select_row(self, row: int) -> None:
        model = self.column_model()
        if model.rowCount() == 0:
            return
        index = model.index(max(0, min(row, model.rowCount() - 1)))
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.openRequested.emit(int(index.data(roles.ApplicationIdRole)))

    # -- keyboard --------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        plain = modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if plain and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.navigate.emit(-1 if key == Qt.Key.Key_Left else 1)
            return
        if plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open_index(self.currentIndex())
            return
        super().keyPressEvent(event)

    # -- dragging out ----------------------------------------------------------

    def startDrag(self, supported: Qt.DropAction) -> None:
        """Drag the current card; the move happens on drop, so nothing is removed here."""
        index = self.currentIndex()
        if not index.isValid():
            return
        drag = QDrag(self)
        drag.setMimeData(self.column_model().mimeData([index]))
        rect = self.visualRect(index)
        drag.setPixmap(self.viewport().grab(rect))
        drag.setHotSpot(self.viewport().mapFromGlobal(self.cursor().pos()) - rect.topLeft())
        drag.exec(Qt.DropAction.MoveAction)

    # -- dropping in -----------------------------------------------------------

    def drop_row_at(self, point: QPoint) -> int:
        """The row a card dropped at *point* (viewport coordinates) goes before."""
        index = self.indexAt(point)
        if not index.isValid():
            return self.column_model().rowCount()
        rect = self.visualRect(index)
        return index.row() + (1 if point.y() > rect.center().y() else 0)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if read_card(event.mimeData()) is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if read_card(event.mimeData()) is None:
            event.ignore()
            return
        super().dragMoveEvent(event)  # auto-scroll near the edges
        self._set_drop_row(self.drop_row_at(event.position().toPoint()))
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_drop_row(None)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        data: QMimeData = event.mimeData()
        row = self.drop_row_at(event.position().toPoint())
        self._set_drop_row(None)
        if read_card(data) is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        self.column_model().dropMimeData(data, Qt.DropAction.MoveAction, row, 0, QModelIndex())

    def _set_drop_row(self, row: int | None) -> None:
        if row != self._drop_row:
            self._drop_row = row
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._drop_row is None:
            return
        model = self.column_model()
        if model.rowCount() == 0:
            y = 4
        elif self._drop_row < model.rowCount():
            y = self.visualRect(model.index(self._drop_row)).top()
        else:
            y = self.visualRect(model.index(model.rowCount() - 1)).bottom() + 1
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = self.palette().color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(color, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(8, y, self.viewport().width() - 8, y)
        painter.setBrush(color)
        painter.drawEllipse(QPoint(8, y), 4, 4)
        painter.end()


class CollapsedStrip(QWidget):
    """A collapsed column: its name written upwards and its count; cards can be dropped on it.

    Signals:
        expandRequested(): clicked.
    """

    expandRequested = Signal()

    def __init__(self, model: StageColumnModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.setAcceptDrops(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(f"{model.stage.name} (collapsed)")
        self.setToolTip(plain_tooltip(f"{model.stage.name}: click to expand"))
        self._hovering_drop = False

    def sizeHint(self) -> QSize:
        return QSize(COLLAPSED_WIDTH, 200)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.expandRequested.emit()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if read_card(event.mimeData()) is None:
            event.ignore()
            return
        self._hovering_drop = True
        self.update()
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._hovering_drop = False
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:
        self._hovering_drop = False
        self.update()
        if read_card(event.mimeData()) is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        # Onto a collapsed column: to its top, where it will be seen on expanding.
        self._model.dropMimeData(event.mimeData(), Qt.DropAction.MoveAction, 0, 0, QModelIndex())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        if self._hovering_drop:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
            painter.drawRoundedRect(self.rect().adjusted(2, 2, -2, -2), 6, 6)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        painter.translate(self.width() / 2 + 5, self.height() - 12)
        painter.rotate(-90)
        text = f"{self._model.stage.name}  ·  {count_text(self._model)}"
        painter.drawText(
            QRect(0, -12, self.height() - 24, 24),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            text,
        )
        painter.end()


def count_text(model: StageColumnModel) -> str:
    """ "12", "3/5" with a soft limit, or "4/12" (matching/total) while filtering."""
    if model.matching is not None:
        return f"{model.matching}/{model.total}"
    if model.stage.soft_limit:
        return f"{model.total}/{model.stage.soft_limit}"
    return str(model.total)


def starts_collapsed(stage: StageRecord) -> bool:
    """Whether *stage*'s column is shown collapsed (only ending stages collapse)."""
    return stage.collapsed and stage.kind.is_ending


def shown_width(stage: StageRecord) -> int:
    """How wide *stage*'s column is when the board first shows it."""
    return COLLAPSED_WIDTH if starts_collapsed(stage) else COLUMN_WIDTH


def limit_state(model: StageColumnModel) -> str:
    """ "over", "full" or "" for the soft limit (only meaningful unfiltered)."""
    limit = model.stage.soft_limit
    if not limit or model.matching is not None:
        return ""
    if model.total > limit:
        return "over"
    return "full" if model.total == limit else ""


class StageColumn(QFrame):
    """Header and cards of one stage, or its collapsed strip.

    Signals:
        collapseToggled(int, bool): the stage id and whether it is now collapsed.
    """

    collapseToggled = Signal(int, bool)

    def __init__(self, model: StageColumnModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        stage = model.stage
        self.setObjectName("StageColumnFrame")
        self.setAccessibleName(f"{stage.name} column")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.view = StageColumnView(model, self)
        self.strip = CollapsedStrip(model, self)
        self.strip.expandRequested.connect(lambda: self.set_collapsed(False, notify=True))

        self.dot = QWidget(self)
        self.dot.setFixedSize(10, 10)
        self.dot.setStyleSheet(f"background: {QColor(stage.color).name()}; border-radius: 5px;")
        self.name_label = plain_label(stage.name, self)
        self.name_label.setAccessibleName(f"{stage.name} stage name")
        font = self.name_label.font()
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.count_label = plain_label("", self)
        self.count_label.setObjectName("StageCount")
        self.count_label.setAccessibleName(f"{stage.name} count")
        self.collapse_button = QToolButton(self)
        self.collapse_button.setAutoRaise(True)
        self.collapse_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.collapse_button.setAccessibleName(f"Collapse {stage.name}")
        self.collapse_button.setToolTip(plain_tooltip(f"Collapse {stage.name}"))
        self.collapse_button.clicked.connect(lambda: self.set_collapsed(True, notify=True))
        self.collapse_button.setVisible(stage.kind.is_ending)

        self.header = QWidget(self)
        header_layout = QHBoxLayout(self.header)
        header_layout.setContentsMargins(10, 8, 6, 4)
        header_layout.setSpacing(6)
        header_layout.addWidget(self.dot)
        header_layout.addWidget(self.name_label, 1)
        header_layout.addWidget(self.count_label)
        header_layout.addWidget(self.collapse_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.strip, 1)
        self.refresh_header()
        self.set_collapsed(starts_collapsed(stage))

    @property
    def collapsed(self) -> bool:
        return self.strip.isVisibleTo(self)

    def set_collapsed(self, collapsed: bool, *, notify: bool = False) -> None:
        self.header.setVisible(not collapsed)
        self.view.setVisible(not collapsed)
        self.strip.setVisible(collapsed)
        self.setFixedWidth(COLLAPSED_WIDTH if collapsed else COLUMN_WIDTH)
        if notify:
            self.collapseToggled.emit(self.model.stage.id, collapsed)

    def refresh_header(self) -> None:
        self.count_label.setText(count_text(self.model))
        state = limit_state(self.model)
        color = {"over": "#d0453f", "full": "#c98a10"}.get(state)
        self.count_label.setStyleSheet(f"color: {color}; font-weight: bold;" if color else "")
        limit = self.model.stage.soft_limit
        description = f"{self.model.stage.name}: {count_text(self.model)}"
        if limit:
            description += f" (soft limit {limit}{', over the limit' if state == 'over' else ''})"
        self.count_label.setToolTip(plain_tooltip(description))
        self.strip.update()
