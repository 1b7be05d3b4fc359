"""Insights figures at 1,000, 10,000 and 50,000 applications, against raw SQLite.

Run: ``python -m tests.benchmarks.bench_insights [--sizes 1000,10000,50000]``

Prints the median of several runs of ``read_insights`` (every chart's
numbers from one read), unfiltered and filtered to one month and two
stages, beside a baseline measured in the same run: a bare ``sqlite3``
read of the same application and history columns, which is the least any
calculation over them must pay. Only ratios travel between machines.
"""

from __future__ import annotations

import argparse
import contextlib
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from jobdesk.services.demo import fill_with_demo_data
from jobdesk.services.insights import activity_span, read_insights
from jobdesk.services.stages import list_stages
from jobdesk.storage.store import open_store

RUNS = 5


def median_seconds(action: Callable[[], object]) -> float:
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def baseline_read(path: Path) -> float:
    """A bare read of the columns the funnel needs: applications and their history."""
    with contextlib.closing(sqlite3.connect(path)) as connection:

        def read() -> None:
            connection.execute(
                "SELECT id, stage_id, saved_on, applied_on FROM application"
            ).fetchall()
            connection.execute(
                "SELECT application_id, from_stage_id, to_stage_id FROM stage_history"
            ).fetchall()

        return median_seconds(read)


def measure(count: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "data")
        try:
            fill_with_demo_data(store.db, count=count, seed=5)
            span = activity_span(store.db)
            assert span is not None
            month = (span[1] - timedelta(days=30), span[1])
            stages = [s.id for s in list_stages(store.db) if s.kind.is_ending][:2]
            return {
                "all": median_seconds(lambda: read_insights(store.db)),
                "filtered": median_seconds(
                    lambda: read_insights(
                        store.db, since=month[0], until=month[1], stage_ids=stages
                    )
                ),
                "baseline": baseline_read(store.database_path),
            }
        finally:
            store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    sizes = [int(size) for size in parser.parse_args().sizes.split(",")]
    print(f"{'applications':>12} {'all (ms)':>10} {'filtered':>10} {'raw read':>10} {'ratio':>7}")
    for count in sizes:
        figures = measure(count)
        print(
            f"{count:>12,} {figures['all'] * 1000:>10.0f} {figures['filtered'] * 1000:>10.0f}"
            f" {figures['baseline'] * 1000:>10.0f} {figures['all'] / figures['baseline']:>7.1f}"
        )


if __name__ == "__main__":
    main()
