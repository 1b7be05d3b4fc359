"""Showing user text as the characters it is, never as markup.

Qt guesses whether a string is rich text; a company called
``<img src="http://…">`` would render, and fetch, an image. Every widget that
shows user data goes through these helpers.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that shows *text* literally."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label
