"""Forgetting the module sources PySide6's import hook leaves in memory.

PySide6 checks every module imported after it for ``from __feature__
import`` by reading the module's whole source (``inspect.getsource``), and
``linecache`` keeps every line of it: 4.6 MB of strings once the board is
live, 19 MB more once Insights has imported matplotlib. jobdesk never needs
them (a traceback reads its lines again), and a frozen build has no sources
to keep.
"""

from __future__ import annotations

import linecache


def forget_imported_sources() -> None:
    """Drop the cached source lines; call after a large batch of imports."""
    linecache.clearcache()
