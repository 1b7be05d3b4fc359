"""PySide6 must not read (and linecache keep) the source of each module imported after it."""

from __future__ import annotations

import linecache
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from jobdesk.ui.imported_sources import stop_reading_imported_sources


@pytest.fixture
def fresh_module(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A module never imported before, that mentions PySide6 (as PySide6 looks for)."""
    name = "jobdesk_probe_module_for_sources"
    path = tmp_path / f"{name}.py"
    path.write_text("from PySide6.QtCore import QObject\n\nVALUE = 42\n", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    yield name, path
    sys.path.remove(str(tmp_path))
    sys.modules.pop(name, None)
    linecache.checkcache(str(path))


def test_this_pyside6_still_asks_the_way_jobdesk_answers() -> None:
    # False would mean a new PySide6 reads sources in some other way: look again.
    assert stop_reading_imported_sources()


def test_a_module_imported_later_is_not_read_into_linecache(
    fresh_module: tuple[str, Path],
) -> None:
    import jobdesk.ui  # noqa: F401  (stops the reading, as the program does)

    name, path = fresh_module
    module = __import__(name)  # as an import statement does: through PySide6's hook

    assert module.VALUE == 42
    assert str(path) not in linecache.cache
    feature = sys.modules["PySide6.support.feature"]
    assert feature.pyside_feature_dict.get(name) == -1  # as for a module without source


def test_tracebacks_still_read_a_line_when_asked(fresh_module: tuple[str, Path]) -> None:
    name, path = fresh_module
    __import__(name)

    assert linecache.getline(str(path), 3).strip() == "VALUE = 42"
