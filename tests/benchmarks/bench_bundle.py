"""The frozen bundle against ``python -m jobdesk``, on the same data, in one run.

Run after ``make bundle``: ``python -m tests.benchmarks.bench_bundle [--count 10000]``

Each side runs ``--self-test --data-dir D`` (open the window, wait for it
to be shown and painted, write and read an application, close) on the same
demo data, alternately, and the medians are compared.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "jobdesk" / "jobdesk"


def timed(command: list[str]) -> float:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    subprocess.run(
        command,
        check=True,
        env=environment,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    if not BUNDLE.exists():
        sys.exit("no bundle: run `make bundle` first")
    compileall.compile_dir(ROOT / "jobdesk", quiet=1)
    with tempfile.TemporaryDirectory(prefix="jobdesk-bundle-bench-") as name:
        data = str(Path(name) / "data")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "jobdesk",
                "demo",
                "--data-dir",
                data,
                "--count",
                str(options.count),
            ],
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        frozen, python = [], []
        for _ in range(options.runs):
            frozen.append(timed([str(BUNDLE), "--self-test", "--data-dir", data]))
            python.append(
                timed([sys.executable, "-m", "jobdesk", "--self-test", "--data-dir", data])
            )
    f, p = statistics.median(frozen) * 1000, statistics.median(python) * 1000
    print(f"{options.count:,} applications, median of {options.runs}:")
    print(f"  frozen bundle   {f:6.0f} ms")
    print(f"  python -m       {p:6.0f} ms")
    print(f"  ratio           {f / p:6.2f}")


if __name__ == "__main__":
    main()
