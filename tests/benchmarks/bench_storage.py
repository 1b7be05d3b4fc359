"""Storage figures at 1,000, 10,000 and 50,000 applications, against raw SQLite.

Run: ``python -m tests.benchmarks.bench_storage [--sizes 1000,10000,50000]``

Every jobdesk figure is printed beside a baseline measured in the same run
on the same machine (this machine is shared and noisy, so only ratios
travel): generating demo data against a bare ``executemany`` of as many
rows; opening a store against a bare ``sqlite3.connect``; a move through the
services (one IMMEDIATE transaction, history row, fractional position)
against a bare one-row UPDATE in a transaction; reading the counts per
stage against a bare ``COUNT(*)``.
"""

from __future__ import annotations

import argparse
import contextlib
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from jobdesk.services.applications import column_ids, count_by_stage, move_application
from jobdesk.services.demo import fill_with_demo_data
from jobdesk.services.stages import list_stages
from jobdesk.storage.store import open_store

MOVES = 300


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def baseline_insert(folder: Path, count: int) -> float:
    """Raw executemany of *count* rows as wide as an application, in one transaction."""
    path = folder / "baseline.sqlite3"
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as connection:
        connection.execute("PRAGMA journal_mode = wal")
        columns = ", ".join(f"c{n} TEXT" for n in range(25))
        connection.execute(f"CREATE TABLE t (id INTEGER PRIMARY KEY, {columns})")
        row = tuple(f"value {n}" for n in range(25))
        placeholders = ", ".join("?" for _ in range(25))
        names = ", ".join(f"c{n}" for n in range(25))

        def insert() -> None:
            connection.execute("BEGIN")
            connection.executemany(
                f"INSERT INTO t ({names}) VALUES ({placeholders})", (row for _ in range(count))
            )
            connection.execute("COMMIT")

        return timed(insert)


def baseline_updates(path: Path) -> list[float]:
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as connection:
        connection.execute("PRAGMA synchronous = 1")
        samples = []
        for step in range(MOVES):

            def update(step: int = step) -> None:
                connection.execute("BEGIN IMMEDIATE")
                connection.execute("UPDATE t SET c0 = ? WHERE id = 1", (str(step),))
                connection.execute("COMMIT")

            samples.append(timed(update))
        return samples


def measure(count: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="jobdesk-bench-") as name:
        folder = Path(name)
        figures: dict[str, float] = {"baseline_insert": baseline_insert(folder, count)}
        store = open_store(folder / "data")
        figures["demo"] = timed(lambda: fill_with_demo_data(store.db, count=count))
        store.close()

        figures["open"] = timed(lambda: open_store(folder / "data").close())
        figures["baseline_open"] = timed(
            lambda: sqlite3.connect(folder / "baseline.sqlite3").execute("SELECT 1").close()
        )

        store = open_store(folder / "data")
        try:
            figures["counts"] = timed(lambda: count_by_stage(store.db))
            stages = [s.id for s in list_stages(store.db)]
            applied, screening = stages[1], stages[2]
            cards = column_ids(store.db, stage_id=applied)[:MOVES]
            samples = []
            for step, card in enumerate(cards):
                target = screening if step % 2 == 0 else applied
                samples.append(
                    timed(
                        lambda c=card, t=target: move_application(
                            store.db, application_id=c, stage_id=t
                        )
                    )
                )
            figures["move_p50"] = statistics.median(samples)
            figures["move_p95"] = percentile(samples, 0.95)
        finally:
            store.close()
        with contextlib.closing(sqlite3.connect(folder / "baseline.sqlite3")) as connection:
            figures["baseline_counts"] = timed(
                lambda: connection.execute("SELECT COUNT(*) FROM t").fetchone()
            )
        base_updates = baseline_updates(folder / "baseline.sqlite3")
        figures["baseline_move_p50"] = statistics.median(base_updates)
        figures["baseline_move_p95"] = percentile(base_updates, 0.95)
        return figures


def cell(
    figures: dict[str, float], key: str, base: str, unit: float = 1.0, suffix: str = "s"
) -> str:
    """A figure with its unit and its ratio to the baseline."""
    value, baseline = figures[key] * unit, figures[base] * unit
    return f"{value:7.3f}{suffix} ×{value / baseline:6.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    sizes = [int(size) for size in parser.parse_args().sizes.split(",")]
    print(
        f"{'N':>7} | {'demo fill':>16} | {'open store':>18} | {'counts':>16} | "
        f"{'move p50':>17} | {'move p95':>17}"
    )
    print("-" * 108)
    for count in sizes:
        figures = measure(count)
        print(
            f"{count:>7,} | {cell(figures, 'demo', 'baseline_insert'):>16} | "
            f"{cell(figures, 'open', 'baseline_open', 1000, 'ms'):>18} | "
            f"{cell(figures, 'counts', 'baseline_counts', 1000, 'ms'):>16} | "
            f"{cell(figures, 'move_p50', 'baseline_move_p50', 1000, 'ms'):>17} | "
            f"{cell(figures, 'move_p95', 'baseline_move_p95', 1000, 'ms'):>17}"
        )
    print(
        "\n×: ratio to the raw-SQLite baseline measured in the same run "
        "(executemany / connect / COUNT(*) / one-row UPDATE)."
    )


if __name__ == "__main__":
    main()
