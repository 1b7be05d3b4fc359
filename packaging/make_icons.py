"""Render resources/icons/<app id>.svg to the PNG sizes desktops and the window use.

Run after changing the SVG: ``python packaging/make_icons.py``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QIcon  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from jobdesk import APP_ID  # noqa: E402
from jobdesk.resources import ICON_SIZES  # noqa: E402


def main() -> int:
    app = QApplication(sys.argv[:1])
    icons = ROOT / "resources" / "icons"
    source = QIcon(str(icons / f"{APP_ID}.svg"))
    if source.isNull():
        print("cannot read the SVG icon (is the Qt SVG plugin installed?)", file=sys.stderr)
        return 1
    for size in ICON_SIZES:
        target = icons / f"{APP_ID}-{size}.png"
        source.pixmap(size, size).save(str(target))
        print(target.relative_to(ROOT))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
