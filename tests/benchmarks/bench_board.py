"""The board at 1,000, 10,000 and 50,000 applications, against a bare PySide6 window.

Run: ``python -m tests.benchmarks.bench_board [--sizes 1000,10000,50000] [--runs 5]``

For each size, data comes from ``jobdesk demo``. Measured in one run, on the
offscreen platform, each figure beside its baseline:

- start-up: wall time from starting the process to the first painted board
  column, median of --runs, against a bare QMainWindow process measured
  the same way in the same run; the ratio is the median of each run's
  against the bare run just before it (on a shared machine the load drifts,
  and each pair sees about the same); and to "live", when the store is
  open behind that board and it answers keys and drops (jobdesk paints the
  board from a read-only snapshot first, then opens the store);
- keyboard moves: Alt+Right / Alt+Left on a card, 200 times, from the key
  press to the committed row and the repainted views (median, p95);
- filter: typing a whole word into the filter until the columns have
  repainted (the first search, 250 ms after Ctrl+F focused the filter and
  the board began reading the stages' text, and the median and worst of
  later ones);
- peak RSS (VmHWM) of a session doing all of that, against the bare window's.

Python files are byte-compiled first, as an installed program's are.
"""

from __future__ import annotations

import argparse
import compileall
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def probe(*args: str) -> tuple[float, float, dict[str, Any]]:
    """Run board_probe; return seconds from start to "painted" and to "live", its JSON figures."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.benchmarks.board_probe", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    painted_after = live_after = None
    figures: dict[str, Any] = {}
    for line in process.stdout:
        if line.strip() == "painted" and painted_after is None:
            painted_after = time.perf_counter() - started
        elif line.strip() == "live" and live_after is None:
            live_after = time.perf_counter() - started
        elif line.startswith("{"):
            figures = json.loads(line)
    if process.wait() != 0 or painted_after is None:
        raise RuntimeError(f"probe {args} failed")
    return painted_after, live_after or painted_after, figures


def measure(count: int, runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="jobdesk-board-bench-") as name:
        data = Path(name) / "data"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "jobdesk",
                "demo",
                "--data-dir",
                str(data),
                "--count",
                str(count),
            ],
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        bare_times, board_times, live_times, ratios = [], [], [], []
        bare_rss = board_rss = 0.0
        for _ in range(runs):  # interleaved, so noise falls on both alike
            seconds, _, figures = probe("bare")
            bare_times.append(seconds)
            bare_rss = max(bare_rss, figures["peak_rss_kb"])
            seconds, live, figures = probe("startup", str(data))
            board_times.append(seconds)
            live_times.append(live)
            ratios.append(seconds / bare_times[-1])
        _, _, session = probe("session", str(data))
        board_rss = session["peak_rss_kb"]
        return {
            "bare_ms": statistics.median(bare_times) * 1000,
            "startup_ms": statistics.median(board_times) * 1000,
            "startup_ratio": statistics.median(ratios),
            "live_ms": statistics.median(live_times) * 1000,
            "bare_rss_mb": bare_rss / 1024,
            "rss_mb": board_rss / 1024,
            **{key: value for key, value in session.items() if key.endswith("_ms")},
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    compileall.compile_dir(ROOT / "jobdesk", quiet=1)
    compileall.compile_dir(ROOT / "tests" / "benchmarks", quiet=1)
    print(
        f"{'N':>7} | {'start-up (bare)':>22} | {'live':>7} | {'move p50/p95':>14} | "
        f"{'filter first/p50/max':>22} | {'peak RSS (bare)':>22}"
    )
    print("-" * 110)
    for count in (int(size) for size in options.sizes.split(",")):
        f = measure(count, options.runs)
        print(
            f"{count:>7,} | {f['startup_ms']:5.0f} ms ({f['bare_ms']:3.0f}) ×"
            f"{f['startup_ratio']:4.2f} | {f['live_ms']:4.0f} ms | "
            f"{f['move_p50_ms']:5.1f}/{f['move_p95_ms']:5.1f} ms | "
            f"{f['filter_first_ms']:5.0f}/{f['filter_p50_ms']:4.1f}/{f['filter_max_ms']:4.0f} ms | "
            f"{f['rss_mb']:5.1f} MB ({f['bare_rss_mb']:4.1f}) "
            f"×{f['rss_mb'] / f['bare_rss_mb']:4.2f}"
        )
    print(
        "\nbare: a QMainWindow process measured the same way in the same run; the start-up"
        "\nratio is the median of each run's against the bare run just before it."
    )


if __name__ == "__main__":
    main()
