"""Spreadsheet cells that cannot run: the rule for writing text into CSV and reading it back.

A spreadsheet opening a CSV file treats a cell that starts with ``=``, ``+``,
``-`` or ``@`` as a formula (``=cmd|' /C calc'!A0`` once ran programs), and
some also read on past a leading tab, carriage return or NUL. Following the
OWASP advice, such a cell is written with a single quote in front, which
every spreadsheet shows as text and never evaluates.

So that reading the file back gives exactly the text that was written, the
rule must be reversible, and a quote a person typed must not be mistaken for
the one added here:

- ``make_inert``: text starting with a dangerous character **or with a
  quote** gets one quote in front (``=1`` → ``'=1``, ``'x`` → ``''x``).
- ``restore``: text starting with a quote followed by a dangerous character
  or by another quote loses its first quote (``'=1`` → ``=1``,
  ``''x`` → ``'x``); anything else is left as it is.

``restore(make_inert(text)) == text`` for every text. A cell typed by hand in
a spreadsheet as ``'-2`` (meaning the text "-2") also reads back as ``-2``;
a hand-typed ``''x`` reads back as ``'x``.
"""

from __future__ import annotations

#: What a spreadsheet may read as the start of a formula (OWASP's list, plus NUL).
DANGEROUS_FIRST_CHARACTERS = frozenset("=+-@\t\r\0")

#: The character put in front of a dangerous cell.
INERT_MARK = "'"

_ESCAPED_AFTER_MARK = DANGEROUS_FIRST_CHARACTERS | {INERT_MARK}


def is_dangerous(text: str) -> bool:
    """Whether a spreadsheet could read *text* as a formula."""
    return bool(text) and text[0] in DANGEROUS_FIRST_CHARACTERS


def make_inert(text: str) -> str:
    """*text* as a cell no spreadsheet will run; ``restore`` gives *text* back."""
    if text and text[0] in _ESCAPED_AFTER_MARK:
        return INERT_MARK + text
    return text


def restore(cell: str) -> str:
    """The text a cell written by ``make_inert`` (or typed as ``'=…``) stands for."""
    if len(cell) >= 2 and cell[0] == INERT_MARK and cell[1] in _ESCAPED_AFTER_MARK:
        return cell[1:]
    return cell
