"""Showing user text as the characters it is, never as markup.

Qt guesses whether a string is rich text; a company called
``<img src="http://…">`` would render, and fetch, an image. Every widget that
shows user data goes through these helpers.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

#: What must be escaped for Qt's rich text to show text literally (as
#: ``html.escape(quote=False)``, whose import costs start-up 2.5 ms), and line
#: breaks as breaks.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": "<br>"})


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that shows *text* literally."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip that shows *text* literally.

    Tooltips have no plain-text switch: Qt renders anything that looks like
    markup. Escaping the text and marking the result as rich text makes Qt
    show exactly the characters given, line breaks included.
    """
    escaped = text.translate(_ESCAPES)
    return f"<qt style='white-space:pre-wrap'>{escaped}</qt>"
