"""Build the one-folder bundle and its .tar.gz, then smoke-test what was built.

    python packaging/build.py [--debug] [--no-xvfb]

Makes dist/jobdesk/ and dist/jobdesk-<version>-linux-<machine>.tar.gz. The
first build replaces the environment's numpy by the same version built
without OpenBLAS (a few minutes, once; pip keeps the wheel): matplotlib
needs numpy for Insights, but not its 27 MB of linear-algebra libraries.
The smoke test runs the *frozen* program: ``--version`` must name jobdesk, Qt,
PySide6, Python and SQLite, and ``--self-test`` must pass on the offscreen
platform and (when xvfb-run is available, or --require-xvfb is given) on a
real X server with the xcb platform. Any failure, or an unexpected line on
stderr, exits non-zero.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jobdesk import APP_NAME, __version__  # noqa: E402

DIST = ROOT / "dist"
BUNDLE = DIST / APP_NAME
EXPECTED_VERSION_LINES = ("jobdesk", "Qt", "PySide6", "Python", "SQLite")
# Lines Qt prints that say nothing about the bundle (see jobdesk.ui.self_test).
HARMLESS_STDERR = (
    "This plugin does not support propagateSizeHints()",
    'Detected locale "C" with character encoding',
    "Qt depends on a UTF-8 locale",
    "If this causes problems, reconfigure your locale",
    "for more information.",
)


# numpy's own fallback replaces BLAS and LAPACK: Insights draws a few
# hundred bars and lines, nothing that needs fast linear algebra.
NUMPY_WITHOUT_BLAS = ("-Dallow-noblas=true", "-Dblas=none", "-Dlapack=none")


def numpy_build() -> tuple[str, str | None]:
    """The environment's numpy version and the BLAS it uses (None: its own code)."""
    probe = (
        "import numpy, json; blas = numpy.show_config(mode='dicts')"
        "['Build Dependencies'].get('blas', {}); "
        "print(json.dumps([numpy.__version__, blas.get('name') if blas.get('found') else None]))"
    )
    output = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    ).stdout
    version, blas = json.loads(output)
    return version, blas


def use_numpy_without_blas() -> None:
    version, blas = numpy_build()
    if blas is None:
        return
    print(f"numpy {version} uses {blas}; building it without BLAS (once, a few minutes)")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--force-reinstall",
            "--no-deps",
            "--no-binary",
            "numpy",
            *(f"--config-settings=setup-args={arg}" for arg in NUMPY_WITHOUT_BLAS),
            f"numpy=={version}",
        ],
        check=True,
    )
    if (blas := numpy_build()[1]) is not None:
        raise SystemExit(f"numpy still uses {blas} after the rebuild")


def build(*, debug: bool) -> None:
    environment = {**os.environ, "JOBDESK_DEBUG_BUILD": "1" if debug else "0"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build"),
            str(ROOT / "packaging" / "jobdesk.spec"),
        ],
        check=True,
        env=environment,
        cwd=ROOT,
    )


def archive() -> Path:
    name = f"{APP_NAME}-{__version__}-linux-{platform.machine()}.tar.gz"
    target = DIST / name
    with tarfile.open(target, "w:gz") as tar:
        tar.add(BUNDLE, arcname=f"{APP_NAME}-{__version__}")
    return target


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    # Links (PyInstaller links libraries into the top folder) take no space.
    return sum(
        file.lstat().st_size for file in path.rglob("*") if file.is_file() and not file.is_symlink()
    )


def run_frozen(
    executable: Path, *args: str, env: dict[str, str], prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, str(executable), *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        check=False,
    )


def unexpected_stderr(text: str) -> list[str]:
    return [
        line
        for line in text.splitlines()
        if line.strip() and not any(h in line for h in HARMLESS_STDERR)
    ]


def smoke_test(executable: Path, *, use_xvfb: bool) -> list[str]:
    """Run the frozen program; return the failures (empty: all good)."""
    failures: list[str] = []
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "QT_")) and key != "JOBDESK_DATA_DIR"
    }
    result = run_frozen(executable, "--version", env=clean)
    lines = result.stdout.splitlines()
    for name in EXPECTED_VERSION_LINES:
        if not any(line.startswith(f"{name} ") for line in lines):
            failures.append(f"--version does not name {name}: {result.stdout!r}")
    if f"jobdesk {__version__}" not in result.stdout:
        failures.append(f"--version does not say jobdesk {__version__}")
    runs = [("offscreen", {"QT_QPA_PLATFORM": "offscreen"}, ())]
    if use_xvfb:
        runs.append(
            (
                "xcb under Xvfb",
                {"QT_QPA_PLATFORM": "xcb"},
                ("xvfb-run", "-a", "-s", "-screen 0 1280x800x24"),
            )
        )
    for label, extra, prefix in runs:
        with tempfile.TemporaryDirectory(prefix="jobdesk-smoke-") as folder:
            result = run_frozen(
                executable,
                "--self-test",
                "--data-dir",
                folder,
                env={**clean, **extra},
                prefix=prefix,
            )
        print(f"self-test ({label}): exit {result.returncode}; {result.stdout.strip()}")
        if result.returncode != 0:
            failures.append(
                f"self-test ({label}) exited {result.returncode}: {result.stdout}{result.stderr}"
            )
        elif problems := unexpected_stderr(result.stderr):
            failures.append(f"self-test ({label}) printed errors: {problems}")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--debug", action="store_true", help="a debug build")
    parser.add_argument(
        "--require-xvfb",
        action="store_true",
        help="fail when xvfb-run is missing instead of skipping that run",
    )
    parser.add_argument(
        "--no-build", action="store_true", help="only smoke-test an existing dist/jobdesk"
    )
    options = parser.parse_args()
    use_xvfb = shutil.which("xvfb-run") is not None
    if options.require_xvfb and not use_xvfb:
        print("smoke test FAILED: xvfb-run is missing", file=sys.stderr)
        return 1
    if options.no_build:
        failures = smoke_test(BUNDLE / APP_NAME, use_xvfb=use_xvfb)
    else:
        shutil.rmtree(BUNDLE, ignore_errors=True)
        use_numpy_without_blas()
        build(debug=options.debug)
        tarball = archive()
        print(f"bundle: {BUNDLE} ({size_of(BUNDLE) / 1e6:.1f} MB)")
        print(f"archive: {tarball} ({size_of(tarball) / 1e6:.1f} MB)")
        # Test what people download: the archive unpacked somewhere else.
        with tempfile.TemporaryDirectory(prefix="jobdesk-unpacked-") as folder:
            with tarfile.open(tarball) as tar:
                tar.extractall(folder, filter="tar")
            unpacked = Path(folder) / f"{APP_NAME}-{__version__}" / APP_NAME
            print(f"smoke-testing the unpacked archive: {unpacked}")
            failures = smoke_test(unpacked, use_xvfb=use_xvfb)
    for failure in failures:
        print(f"smoke test FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
