"""Paints a card: company, role, time in stage, excitement, next action, badges, tags.

Every string is drawn with ``drawText``, which never interprets markup, so a
company called ``<b>x</b>`` shows exactly those characters.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from jobdesk.domain.cards import Badge, badge_labels
from jobdesk.domain.dates import today
from jobdesk.ui.board import roles

MARGIN = 6
PADDING = 10
STRIPE = 4
RADIUS = 6.0
INNER_TOP = 6
LINE_GAP = 3

_Index = QModelIndex | QPersistentModelIndex

BADGE_COLORS = {
    Badge.REFLECTION_PENDING: "#7b61ff",
    Badge.FEEDBACK_AWAITED: "#2f80c4",
    Badge.FOLLOW_UP_DUE: "#d9822b",
}


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    """*a* moved *amount* (0..1) of the way towards *b*: tints that follow the palette."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )


def next_action_text(when: date | None, on: date) -> tuple[str, str]:
    """("Next: 3 Dec", state) where state is "overdue", "today" or "later"."""
    if when is None:
        return "", "later"
    label = f"{when.day} {when.strftime('%b')}"
    if when < on:
        return f"Overdue: {label}", "overdue"
    if when == on:
        return "Next: today", "today"
    return f"Next: {label}", "later"


class _Fonts:
    """The fonts of a card and the heights of its lines, derived from the view's font."""

    def __init__(self, font: QFont) -> None:
        self.base = QFont(font)
        self.bold = QFont(font)
        self.bold.setBold(True)
        self.small = QFont(font)
        self.small.setPointSizeF(font.pointSizeF() * 0.86)
        self.line = QFontMetrics(self.base).height()
        self.small_line = QFontMetrics(self.small).height()

    def card_height(self) -> int:
        return 2 * self.line + 2 * self.small_line + 2 * LINE_GAP + 2 * INNER_TOP + MARGIN + 2


class CardDelegate(QStyledItemDelegate):
    """Draws cards of one height (from the font); all cards of a view share one size."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fonts: tuple[str, _Fonts] | None = None

    def fonts_for(self, font: QFont) -> _Fonts:
        """Fonts and metrics, worked out once per view font rather than once per card."""
        key = font.key()
        if self._fonts is None or self._fonts[0] != key:
            self._fonts = (key, _Fonts(font))
        return self._fonts[1]

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(max(option.rect.width(), 180), self.fonts_for(option.font).card_height())

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        palette: QPalette = option.palette
        rect: QRect = option.rect.adjusted(MARGIN, MARGIN // 2, -MARGIN, -MARGIN // 2)
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        base = palette.color(QPalette.ColorRole.Base)
        text_color = palette.color(QPalette.ColorRole.Text)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        muted = _mix(text_color, base, 0.45)
        archived = bool(index.data(roles.ArchivedRole))
        fonts = self.fonts_for(option.font)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        border = highlight if selected else _mix(base, text_color, 0.18)
        painter.setPen(QPen(border, 2.0 if selected and focused else 1.0))
        painter.setBrush(_mix(base, highlight, 0.12) if selected else base)
        painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), RADIUS, RADIUS)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(str(index.data(roles.StageColorRole) or "#888888")))
        painter.drawRoundedRect(
            QRectF(rect.left() + 1, rect.top() + 1, STRIPE, rect.height() - 2), 2, 2
        )

        inner = rect.adjusted(PADDING + STRIPE, INNER_TOP, -PADDING, -INNER_TOP)
        left, width = inner.left(), inner.width()
        y = inner.top()
        # Line 1: company, and excitement as stars at the right.
        excitement = int(index.data(roles.ExcitementRole) or 0)
        stars = "★" * excitement + "☆" * (5 - excitement) if excitement else ""
        stars_width = QFontMetrics(fonts.small).horizontalAdvance(stars) + 6 if stars else 0
        if stars:
            painter.setFont(fonts.small)
            painter.setPen(QColor("#d9a21b"))
            painter.drawText(
                QRect(left, y, width, fonts.line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                stars,
            )
        painter.setFont(fonts.bold)
        painter.setPen(muted if archived else text_color)
        company = str(index.data(roles.CompanyRole) or "")
        painter.drawText(
            QRect(left, y, width - stars_width, fonts.line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(fonts.bold).elidedText(
                company, Qt.TextElideMode.ElideRight, width - stars_width
            ),
        )
        # Line 2: the role.
        y += fonts.line
        painter.setFont(fonts.base)
        painter.setPen(muted if archived else _mix(text_color, base, 0.2))
        role = str(index.data(roles.JobRoleRole) or "")
        painter.drawText(
            QRect(left, y, width, fonts.line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(fonts.base).elidedText(role, Qt.TextElideMode.ElideRight, width),
        )
        # Line 3: time in stage, next action. Line 4: badges, else tags.
        y += fonts.line + LINE_GAP
        self._paint_facts(
            painter, index, QRect(left, y, width, fonts.small_line), font=fonts.small, muted=muted
        )
        y += fonts.small_line + LINE_GAP
        self._paint_badges_or_tags(
            painter,
            index,
            QRect(left, y, width, fonts.small_line),
            font=fonts.small,
            muted=muted,
            base=base,
        )
        painter.restore()

    def _paint_facts(
        self, painter: QPainter, index: _Index, rect: QRect, *, font: QFont, muted: QColor
    ) -> None:
        painter.setFont(font)
        days = int(index.data(roles.DaysInStageRole) or 0)
        days_text = "new in stage today" if days == 0 else f"{days} d in stage"
        painter.setPen(muted)
        painter.drawText(
            rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, days_text
        )
        text, state = next_action_text(index.data(roles.NextActionDateRole), today())
        if text:
            color = {"overdue": "#d0453f", "today": "#d9822b"}.get(state)
            painter.setPen(QColor(color) if color else muted)
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text
            )

    def _paint_badges_or_tags(
        self,
        painter: QPainter,
        index: _Index,
        rect: QRect,
        *,
        font: QFont,
        muted: QColor,
        base: QColor,
    ) -> None:
        painter.setFont(font)
        metrics = QFontMetrics(font)
        badges = Badge(int(index.data(roles.BadgesRole) or 0))
        if badges:
            x = rect.left()
            for badge in (Badge.REFLECTION_PENDING, Badge.FEEDBACK_AWAITED, Badge.FOLLOW_UP_DUE):
                if badge not in badges:
                    continue
                label = badge_labels(badge)[0]
                width = metrics.horizontalAdvance(label) + 12
                if x + width > rect.right():
                    break
                pill = QRectF(x, rect.top(), width, rect.height())
                color = QColor(BADGE_COLORS[badge])
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(_mix(base, color, 0.18))
                painter.drawRoundedRect(pill, rect.height() / 2, rect.height() / 2)
                painter.setPen(color)
                painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)
                x += width + 4
            return
        tags = str(index.data(roles.TagsRole) or "")
        if tags:
            painter.setPen(muted)
            painter.drawText(
                rect,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(
                    "# " + tags.replace(", ", "  # "), Qt.TextElideMode.ElideRight, rect.width()
                ),
            )
