"""A flat scroll bar for the board: a quiet track and a rounded handle.

Fusion paints a column's scroll bar with gradients and arrow buttons in
1.5–2.5 ms, as long as all of the column's cards take. A keyboard move
repaints two of them and every keystroke in the filter repaints all of them,
so they were a third of what a move cost. This bar draws one rectangle and
one rounded handle in the palette's colours. It has no arrow buttons: the
wheel, the keyboard, a click in the track and dragging the handle all
scroll, as in most kanban boards.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QStyleOptionComplex, QWidget
from PySide6.QtWidgets import QStyleOptionSlider as _Slider

from jobdesk.ui.colors import mix

#: The bar's thickness and the shortest its handle gets, in pixels.
EXTENT = 12
HANDLE_MIN = 28
_INSET = 3  # between the track's edge and the handle

_Control = QStyle.ComplexControl
_Part = QStyle.SubControl


def _handle_span(option: _Slider, length: int) -> tuple[int, int]:
    """Where the handle starts along the track, and how long it is (as Qt's own styles do)."""
    scroll_range = option.maximum - option.minimum
    size = length
    if scroll_range > 0:
        size = (option.pageStep * length) // (scroll_range + option.pageStep)
    size = min(max(size, HANDLE_MIN), length)
    start = QStyle.sliderPositionFromValue(
        option.minimum, option.maximum, option.sliderPosition, length - size, option.upsideDown
    )
    return start, size


def scroll_bar_part(option: _Slider, part: QStyle.SubControl) -> QRect:
    """The rectangle of *part* of a flat scroll bar (empty for the arrow buttons it lacks)."""
    rect = option.rect
    vertical = option.orientation == Qt.Orientation.Vertical
    length = rect.height() if vertical else rect.width()
    start, size = _handle_span(option, length)
    if part == _Part.SC_ScrollBarGroove:
        return QRect(rect)
    if part == _Part.SC_ScrollBarSlider:
        span = (start, size)
    elif part == _Part.SC_ScrollBarSubPage:
        span = (0, start)
    elif part == _Part.SC_ScrollBarAddPage:
        span = (start + size, length - start - size)
    else:
        return QRect()
    if vertical:
        return QRect(rect.left(), rect.top() + span[0], rect.width(), span[1])
    return QRect(rect.left() + span[0], rect.top(), span[1], rect.height())


class FlatScrollBarStyle(QProxyStyle):
    """The application's style, except that scroll bars are flat (see the module)."""

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        if metric == QStyle.PixelMetric.PM_ScrollBarExtent:
            return EXTENT
        if metric == QStyle.PixelMetric.PM_ScrollBarSliderMin:
            return HANDLE_MIN
        return super().pixelMetric(metric, option, widget)

    def subControlRect(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        part: QStyle.SubControl,
        widget: QWidget | None = None,
    ) -> QRect:
        if control == _Control.CC_ScrollBar and isinstance(option, _Slider):
            return scroll_bar_part(option, part)
        return super().subControlRect(control, option, part, widget)  # type: ignore[arg-type]

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if control != _Control.CC_ScrollBar or not isinstance(option, _Slider):
            super().drawComplexControl(control, option, painter, widget)
            return
        palette: QPalette = option.palette
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        painter.fillRect(option.rect, mix(window, text, 0.04))
        handle = scroll_bar_part(option, _Part.SC_ScrollBarSlider)
        state = option.state
        on_handle = bool(option.activeSubControls & _Part.SC_ScrollBarSlider)
        if on_handle and state & QStyle.StateFlag.State_Sunken:
            amount = 0.55
        elif on_handle and state & QStyle.StateFlag.State_MouseOver:
            amount = 0.45
        else:
            amount = 0.3
        rounded = QRectF(handle.adjusted(_INSET, _INSET, -_INSET, -_INSET))
        radius = min(rounded.width(), rounded.height()) / 2
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(mix(window, text, amount))
        painter.drawRoundedRect(rounded, radius, radius)
        painter.restore()


_style: FlatScrollBarStyle | None = None


def flat_scroll_bar_style() -> FlatScrollBarStyle:
    """The one flat style, made on first use (a style must outlive the bars that use it)."""
    global _style  # noqa: PLW0603 - one style object for the whole application
    if _style is None:
        _style = FlatScrollBarStyle()
    return _style
