"""A flat scroll bar for the board: a quiet track and a rounded handle.

Fusion paints a column's scroll bar with gradients and arrow buttons in
1.5–2.5 ms, as long as all of the column's cards take. A keyboard move
repaints two of them and every keystroke in the filter repaints all of them,
so they were a third of what a move cost. This bar, a style sheet on the bar
alone, paints in a few hundredths of a millisecond. It has no arrow buttons:
the wheel, the keyboard, a click in the track and dragging the handle all
scroll, as in most kanban boards. (A Python ``QProxyStyle`` would do the same
but costs 10 ms of start-up: PySide6 builds all of ``QStyle``'s enums the
first time the class is used.)
"""

from __future__ import annotations

from PySide6.QtWidgets import QScrollBar

#: The palette's colours, so the bar follows light and dark themes. Under the
#: mouse the handle takes the placeholder-text colour, which stands out from
#: the background in both: ``dark`` would sink into a dark theme's window.
FLAT_SCROLL_BAR = """
QScrollBar { background: palette(window); border: none; margin: 0; }
QScrollBar:vertical { width: 12px; }
QScrollBar:horizontal { height: 12px; }
QScrollBar::handle { background: palette(mid); border-radius: 3px; margin: 3px; }
QScrollBar::handle:vertical { min-height: 28px; }
QScrollBar::handle:horizontal { min-width: 28px; }
QScrollBar::handle:hover, QScrollBar::handle:pressed { background: palette(placeholder-text); }
QScrollBar::add-line, QScrollBar::sub-line { width: 0; height: 0; border: none; background: none; }
QScrollBar::add-page, QScrollBar::sub-page { background: none; }
"""


def make_flat(bar: QScrollBar) -> None:
    """Give *bar* the board's flat look (the sheet applies to this bar only).

    The sheet's palette colours are taken when the bar is polished, and a
    bar with a sheet of its own no longer follows its parent's palette. Call
    this again when the parent's palette changes (the desktop switched to a
    dark theme while jobdesk runs), or the bar keeps the old theme's colours.
    """
    bar.setStyleSheet(FLAT_SCROLL_BAR)
