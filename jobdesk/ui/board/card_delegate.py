"""Paints a card: company, role, time in stage, excitement, next action, badges, tags.

Every string is drawn with ``drawText``, which never interprets markup, so a
company called ``<b>x</b>`` shows exactly those characters.

Painting is most of what a keyboard move or a keystroke in the filter costs
(every visible card of the changed columns is painted again), so a card is
cheap to paint: it reads its ``Card`` in one ``data`` call, its colours are
mixed once per palette, and its antialiased rounded outline (a tenth of a
millisecond to draw) is drawn once into a pixmap that every card of the same
size and state then reuses.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import ClassVar

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem

from jobdesk.domain.cards import Badge, badge_labels
from jobdesk.domain.dates import today, utc_now
from jobdesk.services.board_rows import Card
from jobdesk.ui.board import roles
from jobdesk.ui.colors import mix

MARGIN = 6
PADDING = 10
STRIPE = 4
RADIUS = 6.0
INNER_TOP = 6
LINE_GAP = 3
#: Outline and stripe pixmaps kept; there are a few per window size and palette.
PIXMAPS_KEPT = 32

_Index = QModelIndex | QPersistentModelIndex

BADGE_COLORS = {
    Badge.REFLECTION_PENDING: "#7b61ff",
    Badge.FEEDBACK_AWAITED: "#2f80c4",
    Badge.FOLLOW_UP_DUE: "#d9822b",
}
BADGE_ORDER = (Badge.REFLECTION_PENDING, Badge.FEEDBACK_AWAITED, Badge.FOLLOW_UP_DUE)
STARS_COLOR = "#d9a21b"
NEXT_ACTION_COLORS = {"overdue": "#d0453f", "today": "#d9822b"}


@lru_cache(maxsize=12)
def _month(month: int) -> str:
    """The locale's short month name ("Dec"); strftime is slow enough to matter per card."""
    return date(2000, month, 1).strftime("%b")


def next_action_text(when: date | None, on: date) -> tuple[str, str]:
    """("Next: 3 Dec", state) where state is "overdue", "today" or "later"."""
    if when is None:
        return "", "later"
    label = f"{when.day} {_month(when.month)}"
    if when < on:
        return f"Overdue: {label}", "overdue"
    if when == on:
        return "Next: today", "today"
    return f"Next: {label}", "later"


class _Fonts:
    """The fonts of a card, their metrics and line heights, derived from the view's font."""

    def __init__(self, font: QFont) -> None:
        self.base = QFont(font)
        self.bold = QFont(font)
        self.bold.setBold(True)
        self.small = QFont(font)
        self.small.setPointSizeF(font.pointSizeF() * 0.86)
        self.base_metrics = QFontMetrics(self.base)
        self.bold_metrics = QFontMetrics(self.bold)
        self.small_metrics = QFontMetrics(self.small)
        self.line = self.base_metrics.height()
        self.small_line = self.small_metrics.height()

    def card_height(self) -> int:
        return 2 * self.line + 2 * self.small_line + 2 * LINE_GAP + 2 * INNER_TOP + MARGIN + 2


class _Look:
    """A card's colours under one palette, mixed once rather than for every card."""

    def __init__(self, base: QColor, text: QColor, highlight: QColor) -> None:
        self.key = (base.rgba(), text.rgba(), highlight.rgba())
        self.base, self.text, self.highlight = base, text, highlight
        self.muted = mix(text, base, 0.45)
        self.role = mix(text, base, 0.2)
        self.border = mix(base, text, 0.18)
        self.selected_fill = mix(base, highlight, 0.12)
        self.stars = QColor(STARS_COLOR)
        self.next_action = {state: QColor(c) for state, c in NEXT_ACTION_COLORS.items()}
        self.badges = {badge: QColor(c) for badge, c in BADGE_COLORS.items()}
        self.badge_fills = {badge: mix(base, c, 0.18) for badge, c in self.badges.items()}


def _baseline(top: int, height: int, metrics: QFontMetrics) -> int:
    """Where to put the baseline of *metrics*' text centred in a line *height* tall at *top*."""
    return top + (height - metrics.height()) // 2 + metrics.ascent()


class CardDelegate(QStyledItemDelegate):
    """Draws cards of one height (from the font); all cards of a view share one size."""

    # Shared by every column's delegate: the same outline serves them all.
    _pixmaps: ClassVar[dict[tuple[object, ...], QPixmap]] = {}
    _looks: ClassVar[dict[tuple[int, int, int], _Look]] = {}

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

    @staticmethod
    def _state(option: QStyleOptionViewItem, index: _Index) -> tuple[bool, bool]:
        """Whether the card is selected, and whether it is the current card of a focused view.

        Asked of the view rather than read from ``option.state``: reading
        that makes PySide6 build every enum of ``QStyle``, 10 ms of start-up.
        """
        view = option.widget
        if not isinstance(view, QAbstractItemView):
            return False, False
        selection = view.selectionModel()
        selected = selection is not None and selection.isSelected(index)
        focused = view.hasFocus() and view.currentIndex() == index
        return selected, focused

    def _look(self, palette: QPalette) -> _Look:
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        look = self._looks.get((base.rgba(), text.rgba(), highlight.rgba()))
        if look is None:
            look = _Look(base, text, highlight)
            self._looks[look.key] = look
        return look

    def _pixmap(self, key: tuple[object, ...], width: int, height: int, ratio: float) -> QPixmap:
        """The cached pixmap for *key*, or a new transparent one (drawn by the caller)."""
        pixmap = QPixmap(round(width * ratio), round(height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        if len(self._pixmaps) >= PIXMAPS_KEPT:
            self._pixmaps.clear()  # old window sizes or palettes
        self._pixmaps[key] = pixmap
        return pixmap

    def _outline(
        self, width: int, height: int, look: _Look, *, ratio: float, selected: bool, focused: bool
    ) -> QPixmap:
        key = ("outline", width, height, ratio, selected, focused, look.key)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            # One pixel to spare all round: a 2-pixel pen reaches half a pixel outside.
            pixmap = self._pixmap(key, width + 2, height + 2, ratio)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(
                QPen(
                    look.highlight if selected else look.border,
                    2.0 if selected and focused else 1.0,
                )
            )
            painter.setBrush(look.selected_fill if selected else look.base)
            painter.drawRoundedRect(QRectF(1.5, 1.5, width - 1.0, height - 1.0), RADIUS, RADIUS)
            painter.end()
        return pixmap

    def _stripe(self, height: int, ratio: float, color: str) -> QPixmap:
        key = ("stripe", height, ratio, color)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            pixmap = self._pixmap(key, STRIPE, height, ratio)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(color))
            painter.drawRoundedRect(QRectF(0, 0, STRIPE, height), 2, 2)
            painter.end()
        return pixmap

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        card = index.data(roles.CardRole)
        if not isinstance(card, Card):  # not a board column's model
            super().paint(painter, option, index)
            return
        rect = option.rect.adjusted(MARGIN, MARGIN // 2, -MARGIN, -MARGIN // 2)
        left, top, width, height = rect.left(), rect.top(), rect.width(), rect.height()
        selected, focused = self._state(option, index)
        look = self._look(option.palette)
        fonts = self.fonts_for(option.font)
        ratio = painter.device().devicePixelRatioF()

        painter.save()
        outline = self._outline(
            width, height, look, ratio=ratio, selected=selected, focused=focused
        )
        painter.drawPixmap(left - 1, top - 1, outline)
        color = str(index.data(roles.StageColorRole) or "#888888")
        painter.drawPixmap(left + 1, top + 1, self._stripe(height - 2, ratio, color))

        x = left + PADDING + STRIPE
        width -= 2 * PADDING + STRIPE
        y = top + INNER_TOP
        muted = look.muted
        # Line 1: company, and excitement as stars at the right.
        stars_width = 0
        if card.excitement:
            stars = "★" * card.excitement + "☆" * (5 - card.excitement)
            advance = fonts.small_metrics.horizontalAdvance(stars)
            stars_width = advance + 6
            painter.setFont(fonts.small)
            painter.setPen(look.stars)
            painter.drawText(
                x + width - advance, _baseline(y, fonts.line, fonts.small_metrics), stars
            )
        painter.setFont(fonts.bold)
        painter.setPen(muted if card.archived else look.text)
        painter.drawText(
            x,
            _baseline(y, fonts.line, fonts.bold_metrics),
            fonts.bold_metrics.elidedText(
                card.company, Qt.TextElideMode.ElideRight, width - stars_width
            ),
        )
        # Line 2: the role.
        y += fonts.line
        painter.setFont(fonts.base)
        painter.setPen(muted if card.archived else look.role)
        painter.drawText(
            x,
            _baseline(y, fonts.line, fonts.base_metrics),
            fonts.base_metrics.elidedText(card.role, Qt.TextElideMode.ElideRight, width),
        )
        # Line 3: time in stage, next action. Line 4: badges, else tags.
        y += fonts.line + LINE_GAP
        painter.setFont(fonts.small)
        self._paint_facts(painter, card, QRect(x, y, width, fonts.small_line), fonts, look)
        y += fonts.small_line + LINE_GAP
        if card.badges:
            self._paint_badges(
                painter, card.badges, QRect(x, y, width, fonts.small_line), fonts, look
            )
        elif card.tags:
            painter.setPen(muted)
            painter.drawText(
                x,
                _baseline(y, fonts.small_line, fonts.small_metrics),
                fonts.small_metrics.elidedText(
                    "# " + card.tags.replace(", ", "  # "), Qt.TextElideMode.ElideRight, width
                ),
            )
        painter.restore()

    @staticmethod
    def _paint_facts(
        painter: QPainter, card: Card, line: QRect, fonts: _Fonts, look: _Look
    ) -> None:
        x, width = line.left(), line.width()
        baseline = _baseline(line.top(), line.height(), fonts.small_metrics)
        days = card.days_in_stage(utc_now())
        painter.setPen(look.muted)
        painter.drawText(x, baseline, "new in stage today" if days == 0 else f"{days} d in stage")
        text, state = next_action_text(card.next_action_on, today())
        if text:
            painter.setPen(look.next_action.get(state, look.muted))
            painter.drawText(
                x + width - fonts.small_metrics.horizontalAdvance(text), baseline, text
            )

    def _pill(self, badge: Badge, fonts: _Fonts, ratio: float, look: _Look) -> QPixmap:
        """A badge: its label on a rounded tint of its colour."""
        label = badge_labels(badge)[0]
        key = ("pill", badge, fonts.small.key(), ratio, look.key)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            advance = fonts.small_metrics.horizontalAdvance(label)
            width, height = advance + 12, fonts.small_line
            pixmap = self._pixmap(key, width, height, ratio)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(look.badge_fills[badge])
            painter.drawRoundedRect(QRectF(0, 0, width, height), height / 2, height / 2)
            painter.setFont(fonts.small)
            painter.setPen(look.badges[badge])
            painter.drawText(
                (width - advance) // 2, _baseline(0, height, fonts.small_metrics), label
            )
            painter.end()
        return pixmap

    def _paint_badges(
        self, painter: QPainter, badges: Badge, line: QRect, fonts: _Fonts, look: _Look
    ) -> None:
        x, y = line.left(), line.top()
        right = x + line.width()
        for badge in BADGE_ORDER:
            if badge not in badges:
                continue
            pill = self._pill(badge, fonts, painter.device().devicePixelRatioF(), look)
            pill_width = round(pill.width() / pill.devicePixelRatio())
            if x + pill_width > right:
                break
            painter.drawPixmap(x, y, pill)
            x += pill_width + 4
