"""packaging/trim_icu.py: the bundle's smaller ICU data still sorts and converts."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import PySide6
import pytest

ROOT = Path(__file__).resolve().parents[2]
QT_ICU_DATA = next(Path(PySide6.__file__).parent.joinpath("Qt", "lib").glob("libicudata.so.*"))


def load_trim_icu() -> ModuleType:
    # packaging/ is not a package (its name is taken by the PyPI one).
    spec = importlib.util.spec_from_file_location("trim_icu", ROOT / "packaging" / "trim_icu.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (dataclasses look their module up there)
    spec.loader.exec_module(module)
    return module


trim_icu = load_trim_icu()


def qt_icu_package() -> bytes:
    _, offset, size = trim_icu.data_symbol(QT_ICU_DATA)
    return QT_ICU_DATA.read_bytes()[offset : offset + size]


def test_reading_and_writing_qts_icu_data_gives_the_same_bytes() -> None:
    data = qt_icu_package()
    package = trim_icu.read_package(data)
    assert len(package.items) > 1000
    assert trim_icu.write_package(package) == data


def test_what_is_kept_and_what_is_dropped() -> None:
    kept = {"icudt73l/coll/sv.res": 9000, "icudt73l/coll/root.res": 300_000,
            "icudt73l/zoneinfo64.res": 150_000, "icudt73l/ibm-5348_P100-1997.cnv": 2_000,
            "icudt73l/cnvalias.icu": 90_000, "icudt73l/zone/root.res": 8_000}  # fmt: skip
    dropped = {"icudt73l/brkitr/cjdict.dict": 2_000_000, "icudt73l/lang/de.res": 20_000,
               "icudt73l/zone/de.res": 30_000, "icudt73l/gb18030.cnv": 230_000,
               "icudt73l/unames.icu": 300_000, "icudt73l/translit/root.res": 1_000_000}  # fmt: skip
    assert all(trim_icu.is_used(name, size) for name, size in kept.items())
    assert not any(trim_icu.is_used(name, size) for name, size in dropped.items())


@pytest.mark.parametrize(
    "damage",
    [b"", b"\x00" * 64, b"\x90\x00\xda\x27" + b"\x00" * 60],
    ids=["empty", "zeros", "not CmnD"],
)
def test_something_else_is_refused(damage: bytes) -> None:
    with pytest.raises(ValueError, match="ICU common data"):
        trim_icu.read_package(damage)


CHECK_QT_WITH_THE_DATA = """
from PySide6.QtCore import QCollator, QLocale, QStringDecoder
swedish, german = QCollator(QLocale("sv_SE")), QCollator(QLocale("de_DE"))
print(swedish.compare("Zebra", "Ölund") < 0, german.compare("Ölund", "Zebra") < 0,
      QLocale("tr_TR").toUpper("istanbul"),
      QStringDecoder("windows-1252").isValid(), QStringDecoder("Shift-JIS").isValid())
"""


def test_qt_sorts_and_converts_with_the_trimmed_library(tmp_path: Path) -> None:
    trimmed = tmp_path / QT_ICU_DATA.name
    before, after = trim_icu.trim(QT_ICU_DATA, trimmed)
    assert after < before / 2
    assert trimmed.stat().st_size < QT_ICU_DATA.stat().st_size / 3
    # Loaded first, the trimmed library stands in for Qt's (same soname).
    result = subprocess.run(
        [sys.executable, "-c", CHECK_QT_WITH_THE_DATA],
        env={**os.environ, "LD_PRELOAD": str(trimmed)},
        capture_output=True,
        text=True,
        check=True,
    )
    # Sorting, Turkish upper case and single-byte encodings survive; the
    # multi-byte East Asian tables are gone.
    assert result.stdout.split() == ["True", "True", "İSTANBUL", "True", "False"]
