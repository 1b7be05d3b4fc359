"""Painting a lesson in a list: its words in bold, the next step, then a quiet line of detail.

Items hold "title\\nnext step\\ndetail" as their display text (the last line
is the detail, shown greyed). Text is drawn with QPainter.drawText, which
never interprets markup, so user text stays plain.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

PADDING = 6
LINE_GAP = 2
_Index = QModelIndex | QPersistentModelIndex
_WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


def _parts(index: _Index) -> list[str]:
    return str(index.data(Qt.ItemDataRole.DisplayRole) or "").split("\n")


class LessonDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        return bold, QFont(option.font)

    def _layout(
        self, option: QStyleOptionViewItem, index: _Index
    ) -> list[tuple[QRect, QFont, str, bool]]:
        """Where each line goes: (rect, font, text, quiet)."""
        bold, normal = self._fonts(option)
        width = max(40, option.rect.width() - 2 * PADDING)
        parts = _parts(index)
        lines = [(bold, parts[0], False)]
        lines += [(normal, text, False) for text in parts[1:-1]]
        if len(parts) > 1:
            lines.append((normal, parts[-1], True))
        placed = []
        top = option.rect.top() + PADDING
        for font, text, quiet in lines:
            bounds = QFontMetrics(font).boundingRect(QRect(0, 0, width, 100_000), _WRAP, text)
            rect = QRect(option.rect.left() + PADDING, top, width, bounds.height())
            placed.append((rect, font, text, quiet))
            top += bounds.height() + LINE_GAP
        return placed

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        view = option.widget
        if view is not None and option.rect.width() <= 0:
            option.rect.setWidth(view.viewport().width())  # type: ignore[attr-defined]
        placed = self._layout(option, index)
        height = (placed[-1][0].bottom() - option.rect.top()) if placed else 0
        return QSize(option.rect.width(), height + PADDING + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text = option.text
        option.text = ""  # the background, selection and focus only
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        option.text = text
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        main = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        quiet = main if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        painter.save()
        for rect, font, line, is_quiet in self._layout(option, index):
            painter.setFont(font)
            painter.setPen(quiet if is_quiet else main)
            painter.drawText(rect, _WRAP, line)
        painter.restore()
        rule = option.rect.bottom()
        painter.save()
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(option.rect.left() + PADDING, rule, option.rect.right() - PADDING, rule)
        painter.restore()
