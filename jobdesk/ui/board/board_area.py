"""The board's frame, a scrolling row of stage columns, and the first board painted in it.

``FirstBoard`` is what the window shows while the store opens: the shown
stages, their counts and first cards, read through a read-only
``BoardSnapshot``. The real ``Board`` then takes its columns over
(``take_columns``), so the person sees one board that comes alive, not two.
Columns that start beyond the screen's width are left to the real board
(``unbuilt``): nobody can see them in that moment. An empty space as wide
keeps the scroll bar as it will be. Nothing here imports peewee or the
services that use it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QWidget

from jobdesk.domain.stages import StageRecord
from jobdesk.services.board_rows import BoardSnapshot, CardReader
from jobdesk.ui.board.column_model import StageColumnModel
from jobdesk.ui.board.column_view import StageColumn, StageColumnView, shown_width
from jobdesk.ui.board.scroll_bar_style import make_flat

BOARD_MARGIN = 12
COLUMN_SPACING = 10


class BoardArea(QScrollArea):
    """Stage columns side by side, scrolling sideways when they do not fit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Board")
        self.setAccessibleName("Board")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        make_flat(self.horizontalScrollBar())
        self._columns: dict[int, StageColumn] = {}
        self._order: list[int] = []
        self._inner = QWidget(self)
        self._layout = QHBoxLayout(self._inner)
        self._layout.setContentsMargins(BOARD_MARGIN, BOARD_MARGIN, BOARD_MARGIN, BOARD_MARGIN)
        self._layout.setSpacing(COLUMN_SPACING)
        self._layout.addStretch(1)
        self.setWidget(self._inner)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            make_flat(self.horizontalScrollBar())  # the bar's colours follow the theme

    def columns(self) -> list[StageColumn]:
        return [self._columns[stage_id] for stage_id in self._order]

    def column(self, stage_id: int) -> StageColumn | None:
        return self._columns.get(stage_id)

    def view_for(self, stage_id: int) -> StageColumnView | None:
        column = self._columns.get(stage_id)
        return column.view if column else None

    def _new_column(
        self, reader: CardReader, stage: StageRecord, *, total: int, include_archived: bool
    ) -> StageColumn:
        """A column for *stage* holding *total* cards, read through *reader*."""
        model = StageColumnModel(reader, stage, include_archived=include_archived)
        model.total = total
        return StageColumn(model, self._inner)

    def _add_column(self, column: StageColumn) -> None:
        """Place *column* after the others (before the stretch that keeps them left)."""
        stage_id = column.model.stage.id
        self._columns[stage_id] = column
        self._order.append(stage_id)
        self._layout.insertWidget(self._layout.count() - 1, column)
        column.show()  # a column moved here from another board was hidden by the move

    def take_columns(self) -> list[StageColumn]:
        """Hand the columns over to another board; this one is left empty."""
        columns = self.columns()
        for column in columns:
            self._layout.removeWidget(column)
        self._columns.clear()
        self._order.clear()
        return columns


class FirstBoard(BoardArea):
    """The board as read from *snapshot*, painted while the store opens; read-only.

    Only the columns that start within *width* pixels are built; the others'
    stages and counts are left in ``unbuilt``, in order, for the real board.
    """

    def __init__(self, snapshot: BoardSnapshot, width: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unbuilt: list[tuple[StageRecord, int]] = []
        left = BOARD_MARGIN
        for stage in snapshot.stages:
            total = snapshot.counts.get(stage.id, 0)
            if left >= width:
                self.unbuilt.append((stage, total))
            else:
                self._add_column(
                    self._new_column(snapshot.reader, stage, total=total, include_archived=False)
                )
            left += shown_width(stage) + COLUMN_SPACING
        if self.unbuilt:
            # Where those columns will be, so the scroll bar does not change when they come.
            space = QWidget(self._inner)
            space.setFixedWidth(
                sum(shown_width(stage) + COLUMN_SPACING for stage, _ in self.unbuilt)
                - COLUMN_SPACING
            )
            self._layout.insertWidget(self._layout.count() - 1, space)
