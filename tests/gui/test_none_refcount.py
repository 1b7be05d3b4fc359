"""Regression: PySide6 6.12.0 on CPython < 3.12 drops a reference to None per void call.

After a few thousand paint calls (QPainter.setPen, setFont, setBrush, …) the
process aborts with "Fatal Python error: none_dealloc". pyproject.toml
excludes that release on Python < 3.12; this test catches any release that
brings the bug back, long before it can abort a user's session.
"""

from __future__ import annotations

import gc
import sys
from datetime import date, datetime, timedelta

from PySide6.QtCore import QAbstractItemModel, QRect, QStringListModel, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QPainter,
    QPen,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import QListView, QStyledItemDelegate, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

PAINT_CALLS = 3000


def none_references() -> int:
    """References to None once garbage that happens to point at None is gone."""
    gc.collect()
    return sys.getrefcount(None)


class PenHeavyDelegate(QStyledItemDelegate):
    """Paints like a card delegate does: many calls that return nothing."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: object) -> None:
        painter.save()
        painter.setPen(QPen(QColor("#4a90d9")))
        painter.setBrush(QBrush(QColor("#eef3fb")))
        painter.setFont(QFont())
        painter.drawRect(option.rect.adjusted(1, 1, -1, -1))  # type: ignore[attr-defined]
        painter.drawText(
            option.rect,
            Qt.AlignmentFlag.AlignCenter,  # type: ignore[attr-defined]
            str(index.data()),
        )  # type: ignore[attr-defined]
        painter.restore()


def test_painting_thousands_of_times_keeps_none_alive() -> None:
    image = QImage(200, 200, QImage.Format.Format_ARGB32)
    pen, brush, font, rect = QPen(QColor("red")), QBrush(QColor("blue")), QFont(), QRect(0, 0, 9, 9)
    painter = QPainter(image)
    painter.setPen(pen)  # warm up: first calls may cache things that hold None
    before = none_references()
    for _ in range(PAINT_CALLS):
        painter.setPen(pen)
        painter.setBrush(brush)
        painter.setFont(font)
        painter.drawRect(rect)
    after = none_references()
    painter.end()
    assert after >= before


def shown_in_list(qtbot: QtBot, model: QAbstractItemModel, delegate_type: type) -> QListView:
    """A list view of *model* whose items *delegate_type* paints."""
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setItemDelegate(delegate_type(view))
    view.setUniformItemSizes(True)
    return view


def list_view(qtbot: QtBot, count: int, delegate_type: type) -> tuple[QListView, QStringListModel]:
    """A list of *count* text items painted by *delegate_type*."""
    model = QStringListModel([f"card {n}" for n in range(count)])
    return shown_in_list(qtbot, model, delegate_type), model


def card_list_view(qtbot: QtBot, count: int) -> tuple[QListView, QStandardItemModel]:
    """A list of *count* cards, each with a next action, tags or badges, painted as on the board."""
    from jobdesk.domain.cards import Badge
    from jobdesk.services.board_rows import Card
    from jobdesk.ui.board import roles
    from jobdesk.ui.board.card_delegate import CardDelegate

    model = QStandardItemModel()
    for n in range(count):
        item = QStandardItem()
        card = Card(
            id=n,
            stage_id=1,
            position=float(n),
            company=f"Company {n}",
            role="Analyst",
            stage_entered_at=datetime(2026, 1, 1),
            excitement=n % 6,
            next_action_on=date(2026, 1, 1) + timedelta(days=n % 400),
            tags="remote, python" if n % 2 else "",
            archived=n % 7 == 0,
            badges=Badge(n % 8),
        )
        item.setData(card, roles.CardRole)
        item.setData("#4a90d9", roles.StageColorRole)
        model.appendRow(item)
    return shown_in_list(qtbot, model, CardDelegate), model


def test_the_card_delegate_painting_thousands_of_cards_keeps_none_alive(qtbot: QtBot) -> None:
    """jobdesk's own delegate, the code that would abort a long session."""
    view, model = card_list_view(qtbot, 2000)
    view.resize(260, 1800)  # about 20 cards a screen; scrolling paints them all
    view.grab()  # warm up
    before = none_references()
    for row in range(0, 2000, 20):
        view.scrollTo(model.index(row, 0), QListView.ScrollHint.PositionAtTop)
        view.grab()
    assert none_references() >= before


def test_a_view_painting_thousands_of_items_keeps_none_alive(qtbot: QtBot) -> None:
    view, _model = list_view(qtbot, 4000, PenHeavyDelegate)
    view.resize(300, 4000 * 12)
    view.grab()  # warm up
    before = none_references()
    for _ in range(3):
        view.grab()
    assert none_references() >= before
