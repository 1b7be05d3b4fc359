"""Colours derived from the palette, so tints follow light and dark themes."""

from __future__ import annotations

from PySide6.QtGui import QColor


def mix(first: QColor, second: QColor, amount: float) -> QColor:
    """*first* moved *amount* (0..1) of the way towards *second* (opaque)."""
    return QColor(
        round(first.red() + (second.red() - first.red()) * amount),
        round(first.green() + (second.green() - first.green()) * amount),
        round(first.blue() + (second.blue() - first.blue()) * amount),
    )
