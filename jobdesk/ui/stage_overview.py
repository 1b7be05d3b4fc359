"""A table of the stages with how many applications each holds.

The overview stands in for the board until the board exists; the model
follows the same rules the board's will: data by roles, read through
services, refreshed as a whole.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from jobdesk.domain.stages import StageKind
from jobdesk.services import Database
from jobdesk.services.applications import count_by_stage
from jobdesk.services.stages import StageRecord, list_stages

StageIdRole = Qt.ItemDataRole.UserRole + 1
StageKindRole = Qt.ItemDataRole.UserRole + 2
CountRole = Qt.ItemDataRole.UserRole + 3

KIND_LABELS = {
    StageKind.OPEN: "Not applied yet",
    StageKind.ACTIVE: "Waiting on them",
    StageKind.INTERVIEW: "Interviewing",
    StageKind.OFFER: "Offer",
    StageKind.ACCEPTED: "Ended: accepted",
    StageKind.REJECTED: "Ended: rejected",
    StageKind.WITHDRAWN: "Ended: withdrawn",
    StageKind.GHOSTED: "Ended: no response",
}

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    KIND = 1
    COUNT = 2


class StageOverviewModel(QAbstractTableModel):
    """Visible stages in board order, with their application counts."""

    HEADERS = ("Stage", "Kind", "Applications")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._stages: list[StageRecord] = []
        self._counts: dict[int, int] = {}
        self.refresh()

    def refresh(self) -> None:
        """Re-read stages and counts from the database."""
        self.beginResetModel()
        self._stages = list_stages(self._db, include_hidden=False)
        self._counts = count_by_stage(self._db)
        self.endResetModel()

    def count_for(self, stage_id: int) -> int:
        return self._counts.get(stage_id, 0)

    def total(self) -> int:
        return sum(self._counts.get(stage.id, 0) for stage in self._stages)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._stages)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._stages):
            return None
        stage = self._stages[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.NAME:
                return stage.name
            if column == Column.KIND:
                return KIND_LABELS[stage.kind]
            if column == Column.COUNT:
                count = self._counts.get(stage.id, 0)
                if stage.soft_limit:
                    return f"{count}/{stage.soft_limit}"
                return str(count)
        if role == Qt.ItemDataRole.DecorationRole and column == Column.NAME:
            return QColor(stage.color)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == StageIdRole:
            return stage.id
        if role == StageKindRole:
            return stage.kind.value
        if role == CountRole:
            return self._counts.get(stage.id, 0)
        return None


class StageOverview(QTableView):
    """The read-only table of stages and counts."""

    def __init__(self, model: StageOverviewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StageOverview")
        self.setAccessibleName("Stages and how many applications each holds")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.COUNT, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setDefaultSectionSize(30)
