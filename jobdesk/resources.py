"""Finding the files in ``resources/`` at run time: in a checkout and in the bundle."""

from __future__ import annotations

import sys
from pathlib import Path

from jobdesk import APP_ID

#: The sizes of the PNG icons in resources/icons (made by packaging/make_icons.py).
ICON_SIZES = (16, 32, 48, 64, 128, 256)


def resources_dir() -> Path | None:
    """The ``resources`` folder, or None where it is not shipped (a plain wheel install)."""
    bundle = getattr(sys, "_MEIPASS", None)  # set by a PyInstaller bundle
    candidates = [Path(bundle) / "resources"] if bundle else []
    candidates.append(Path(__file__).resolve().parent.parent / "resources")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return None


def icon_files() -> list[Path]:
    """The PNG icons, smallest first (PNG needs no SVG plugin in the bundle)."""
    folder = resources_dir()
    if folder is None:
        return []
    paths = [folder / "icons" / f"{APP_ID}-{size}.png" for size in ICON_SIZES]
    return [path for path in paths if path.is_file()]
