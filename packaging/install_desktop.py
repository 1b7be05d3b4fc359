"""Install jobdesk's launcher, icons and AppStream data for the current user.

    python packaging/install_desktop.py [--exec /path/to/jobdesk] [--uninstall]

Writes into $XDG_DATA_HOME (default ~/.local/share): applications/,
icons/hicolor/<size>/apps/, metainfo/. --exec is the command the launcher
runs: the bundle's dist/jobdesk/jobdesk, or the jobdesk on PATH (default).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jobdesk import APP_ID  # noqa: E402
from jobdesk.resources import ICON_SIZES  # noqa: E402

RESOURCES = ROOT / "resources"


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def targets(base: Path) -> dict[Path, Path]:
    """Installed path -> source file."""
    icons = RESOURCES / "icons"
    mapping = {
        base / "applications" / f"{APP_ID}.desktop": RESOURCES / f"{APP_ID}.desktop",
        base / "metainfo" / f"{APP_ID}.metainfo.xml": RESOURCES / f"{APP_ID}.metainfo.xml",
        base / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg": icons / f"{APP_ID}.svg",
    }
    for size in ICON_SIZES:
        mapping[base / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"] = (
            icons / f"{APP_ID}-{size}.png"
        )
    return mapping


def desktop_entry(command: str) -> str:
    text = (RESOURCES / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    quoted = (
        '"' + command.replace("\\", "\\\\").replace('"', '\\"') + '"' if " " in command else command
    )
    return text.replace("\nExec=jobdesk\n", f"\nExec={quoted}\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--exec",
        dest="command",
        default="jobdesk",
        help="what the launcher runs (default: jobdesk on PATH)",
    )
    parser.add_argument("--uninstall", action="store_true")
    options = parser.parse_args()
    base = data_home()
    for installed, source in targets(base).items():
        if options.uninstall:
            installed.unlink(missing_ok=True)
            continue
        installed.parent.mkdir(parents=True, exist_ok=True)
        if installed.suffix == ".desktop":
            installed.write_text(desktop_entry(options.command), encoding="utf-8")
        else:
            shutil.copyfile(source, installed)
        print(installed)
    for tool, argument in (
        ("update-desktop-database", base / "applications"),
        ("gtk-update-icon-cache", base / "icons" / "hicolor"),
    ):
        if shutil.which(tool):
            subprocess.run([tool, "-q", str(argument)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
