"""Keeping PySide6 from reading the source of every module imported after it.

PySide6 replaces ``__import__`` so that ``from __feature__ import
snake_case`` can switch a module to its optional Python-style names. To
know which modules might, it reads the whole source of every module
imported after it (``inspect.getsource``) and looks for "PySide6" in it;
``linecache`` then keeps every line. For jobdesk that cost 5 ms of
start-up and 4.6 MB of strings once the board is live, and 19 MB more once
Insights has imported matplotlib's hundreds of modules.

jobdesk uses no ``__feature__``. A frozen build has no sources, so there
PySide6 already counts every module as one that does not use it; this makes
running from source do the same. The hook is PySide6's own and private:
``tests/unit/test_imported_sources.py`` fails if a new PySide6 changes it,
and nothing else breaks (the sources are simply read again).
"""

from __future__ import annotations

import sys
from types import ModuleType

# Imported first in jobdesk.ui, before any module that uses Qt, so that none
# of them is read.
import PySide6.QtCore  # noqa: F401  (loads PySide6's feature module)

_FEATURE_MODULE = "PySide6.support.feature"


def _uses_no_features(module: ModuleType) -> bool:
    """What PySide6 answers for a module without source: it selects no feature."""
    return False


def stop_reading_imported_sources() -> bool:
    """Answer PySide6's question about each new module without reading its source.

    True when done; False when this PySide6 asks in some other way.
    """
    feature = sys.modules.get(_FEATURE_MODULE)
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _uses_no_features  # type: ignore[attr-defined]
    return True
