"""Backups: the retention policy, checked copies on real files, rotation and the schedule."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import stat
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from datetime import time as clock
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobdesk import commands
from jobdesk.domain.retention import backups_to_keep
from jobdesk.services.applications import create_application
from jobdesk.services.backups import BackupJob, BackupSchedule, take_backup
from jobdesk.services.demo import fill_with_demo_data
from jobdesk.storage.backup import (
    BackupError,
    BackupInfo,
    backup_counts,
    backup_file_name,
    backup_to_folder,
    list_backups,
    rotate_backups,
)
from jobdesk.storage.store import Store, open_store
from tests.helpers import query

# ---------------------------------------------------------------- the policy

#: A Wednesday, noon.
NOW = datetime(2025, 6, 18, 12, 0)


def used_on(day: date) -> bool:
    """The simulated user works on weekdays, but not in March 2025 nor on 2–4 June 2025."""
    return day.weekday() < 5 and day.month != 3 and not date(2025, 6, 2) <= day <= date(2025, 6, 4)


def simulated_year(now: datetime = NOW) -> list[datetime]:
    """A backup every 30 minutes, 09:00 to 17:00, on each day of use in the year up to *now*."""
    taken = []
    day = (now - timedelta(days=365)).date()
    while day <= now.date():
        if used_on(day):
            start = datetime.combine(day, clock(9))
            taken.extend(
                moment
                for moment in (start + timedelta(minutes=30 * slot) for slot in range(17))
                if moment <= now
            )
        day += timedelta(days=1)
    return taken


def at(day: str, hour: int = 17, minute: int = 0) -> datetime:
    return datetime.combine(date.fromisoformat(day), clock(hour, minute))


#: What the policy promises for the simulated year at NOW, bucket by bucket.
PROMISED = {
    # Everything since Monday 16 June 12:00: 11 on Monday, 17 on Tuesday, 7 today.
    "last 48 hours": {moment for moment in simulated_year() if moment >= NOW - timedelta(hours=48)},
    # The 7 days 12–18 June: the newest of each day with backups (14–15 are a
    # weekend; 16–18 are already in the last 48 hours).
    "daily": {at("2025-06-12"), at("2025-06-13")},
    # ISO weeks 16–22 June (this one), 9–15 June (its newest is Friday 13 June,
    # already kept as a daily), 2–8 June, 26 May–1 June.
    "weekly": {at("2025-06-06"), at("2025-05-30")},
    # Months June (the newest of all), May (Friday 30 May, already weekly),
    # April, March (no use: nothing, and nothing older in its place), February, January.
    "monthly": {at("2025-04-30"), at("2025-02-28"), at("2025-01-31")},
}


def promised() -> set[datetime]:
    return set().union(*PROMISED.values())


def test_the_simulated_year_keeps_exactly_the_promised_backups() -> None:
    taken = simulated_year()
    assert len(taken) > 4000
    assert len(PROMISED["last 48 hours"]) == 11 + 17 + 7

    kept = backups_to_keep(taken, now=NOW)

    assert kept == promised()
    assert len(kept) == 35 + 2 + 2 + 3
    assert max(taken) in kept
    assert min(kept) == at("2025-01-31")  # nothing from before the sixth month back


def test_rotating_after_every_backup_of_the_year_keeps_the_same_backups() -> None:
    # jobdesk rotates right after each backup, so the year is lived one
    # backup at a time; the end result must not depend on that.
    survivors: list[datetime] = []
    for moment in simulated_year():
        survivors = sorted(backups_to_keep([*survivors, moment], now=moment))
        assert len(survivors) <= 48 * 2 + 7 + 4 + 6 + 1
    assert backups_to_keep(survivors, now=NOW) == promised()


def test_a_long_absence_keeps_the_last_backup_and_nothing_else_old() -> None:
    taken = [datetime(2024, 1, 1, 9) + timedelta(hours=hours) for hours in range(0, 24 * 60, 5)]
    kept = backups_to_keep(taken, now=datetime(2025, 6, 1, 12))
    assert kept == {max(taken)}


def test_backups_from_the_future_are_kept() -> None:
    future = NOW + timedelta(days=3)
    assert backups_to_keep([NOW - timedelta(days=300), future], now=NOW) == {future}
    assert backups_to_keep([], now=NOW) == set()


now_times = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1))
ages = st.lists(
    st.timedeltas(min_value=timedelta(days=-3), max_value=timedelta(days=500)), max_size=80
)


@given(now=now_times, ages=ages)
def test_policy_properties(now: datetime, ages: list[timedelta]) -> None:
    taken = [now - age for age in ages]
    kept = backups_to_keep(taken, now=now)
    assert kept <= set(taken)
    if taken:
        assert max(taken) in kept
    assert {moment for moment in taken if moment >= now - timedelta(hours=48)} <= kept
    assert backups_to_keep(sorted(kept), now=now) == kept
    # Besides the last 48 hours and the newest of all: at most 7 + 4 + 6 more,
    # and none from before the first day of the sixth month back.
    older = kept - {moment for moment in taken if moment >= now - timedelta(hours=48)}
    older.discard(max(taken, default=now))
    assert len(older) <= 7 + 4 + 6
    month = now.year * 12 + now.month - 1 - 5
    assert all(moment.date() >= date(month // 12, month % 12 + 1, 1) for moment in older)


@given(
    now=now_times,
    ages=ages,
    later=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=90)),
)
def test_an_earlier_rotation_never_removes_what_a_later_one_keeps(
    now: datetime, ages: list[timedelta], later: timedelta
) -> None:
    taken = [now - age for age in ages]
    rotated_early = backups_to_keep(taken, now=now)
    assert backups_to_keep(sorted(rotated_early), now=now + later) == backups_to_keep(
        taken, now=now + later
    )


# ---------------------------------------------------------------- real files


@pytest.fixture
def tiny_database(tmp_path: Path) -> bytes:
    """The bytes of a small valid SQLite file, to stand in for many backups quickly."""
    path = tmp_path / "tiny.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA page_size = 512")
        connection.execute("CREATE TABLE t (x)")
        connection.commit()
    return path.read_bytes()


@pytest.fixture(params=["UTC0", "NZST-12NZDT,M9.5.0,M4.1.0/3"], ids=["UTC", "Auckland"])
def local_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run in a local time zone (a POSIX TZ string: no zone database needed)."""
    previous = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    try:
        yield request.param
    finally:
        if previous is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = previous
        time.tzset()


def file_name(local: datetime, reason: str = "auto") -> str:
    """The name of a backup taken at the naive local time *local*."""
    return backup_file_name(reason, local.astimezone(UTC))


def test_the_simulated_year_on_real_files_in_local_days(
    local_zone: str, tmp_path: Path, tiny_database: bytes
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    moments = simulated_year()
    for index, moment in enumerate(moments):
        (folder / file_name(moment)).write_bytes(tiny_database)
        last_of_day = index + 1 == len(moments) or moments[index + 1].date() != moment.date()
        if last_of_day:  # rotate once a day, as a day's last backup would
            rotate_backups(folder, now=moment.astimezone(), live_suspect=False)
    (folder / "jobdesk-notes.txt").write_text("not a backup")

    rotate_backups(folder, now=NOW.astimezone(), live_suspect=False)

    left = {path.name for path in folder.iterdir()}
    assert left == {file_name(moment) for moment in promised()} | {"jobdesk-notes.txt"}


def make_backups(store: Store, *moments: datetime) -> list[Path]:
    return [
        backup_to_folder(store.db.connection(), store.backup_dir, reason="auto", now=moment)
        for moment in moments
    ]


REAL_NOW = datetime(2025, 6, 18, 10, 0, tzinfo=UTC)


def test_rotation_waits_while_the_live_database_is_suspect(store: Store) -> None:
    old, older, recent, newest = make_backups(
        store,
        REAL_NOW - timedelta(days=400),
        REAL_NOW - timedelta(days=200),
        REAL_NOW - timedelta(days=10),
        REAL_NOW,
    )
    assert rotate_backups(store.backup_dir, now=REAL_NOW, live_suspect=True) == []
    assert all(path.exists() for path in (old, older, recent, newest))

    removed = rotate_backups(store.backup_dir, now=REAL_NOW, live_suspect=False)
    assert sorted(removed) == sorted([old, older])
    assert [info.path for info in list_backups(store.backup_dir)] == [newest, recent]


@pytest.mark.parametrize("damage", ["whole file", "pages after the header"])
def test_rotation_waits_while_the_newest_backup_is_damaged(
    store: Store, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    fill_with_demo_data(store.db, count=40)
    old, newest = make_backups(store, REAL_NOW - timedelta(days=400), REAL_NOW)
    with newest.open("r+b") as file:
        file.seek(0 if damage == "whole file" else 1024)
        file.write(os.urandom(newest.stat().st_size - file.tell()))

    assert rotate_backups(store.backup_dir, now=REAL_NOW, live_suspect=False) == []

    assert old.exists() and newest.exists()
    [warning] = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert "failed its check" in warning.getMessage()
    caplog.clear()


def test_a_damaged_live_database_is_not_backed_up_and_nothing_is_rotated(
    data_dir: Path,
) -> None:
    store = open_store(data_dir)
    fill_with_demo_data(store.db, count=300)
    [old] = make_backups(store, REAL_NOW - timedelta(days=400))
    store.close()
    database = store.database_path
    with database.open("r+b") as file:  # damage pages past the schema, keep the header
        file.seek(database.stat().st_size // 2)
        file.write(b"\xff" * 8192)
    store = open_store(data_dir)
    try:
        with pytest.raises(BackupError, match="failed its check"):
            take_backup(store.db, backup_dir=store.backup_dir, reason="manual", now=REAL_NOW)
    finally:
        store.close()
    assert sorted(path.name for path in store.backup_dir.iterdir()) == [old.name]


def test_a_backup_taken_while_another_connection_writes_has_every_committed_row(
    store: Store,
) -> None:
    connection = store.db.connection()
    with store.db.atomic():  # enough data that copying and checking it takes a moment
        connection.executemany(
            'INSERT INTO "setting" ("key", "value") VALUES (?, ?)',
            ((f"fill-{index:06d}", "x" * 1000) for index in range(20_000)),
        )
    committed = [0]
    stop = threading.Event()

    def write_rows() -> None:
        writer = sqlite3.connect(store.database_path, timeout=10, isolation_level=None)
        writer.execute("PRAGMA synchronous = NORMAL")
        try:
            while not stop.is_set():
                writer.execute(
                    'INSERT INTO "setting" ("key", "value") VALUES (?, ?)',
                    (f"row-{committed[0]:06d}", "y" * 100),
                )
                committed[0] += 1  # only ever counts rows already committed
        finally:
            writer.close()

    thread = threading.Thread(target=write_rows)
    thread.start()
    try:
        while committed[0] < 50:
            time.sleep(0.001)
        before = committed[0]
        path = take_backup(store.db, backup_dir=store.backup_dir, reason="manual")
        during = committed[0]
    finally:
        stop.set()
        thread.join()

    rows = [key for (key,) in query(path, "SELECT key FROM setting WHERE key LIKE 'row-%'")]
    assert len(rows) >= before
    # A snapshot: every row up to some moment, none missing in between.
    assert sorted(rows) == [f"row-{index:06d}" for index in range(len(rows))]
    assert query(path, "SELECT COUNT(*) FROM setting WHERE key LIKE 'fill-%'") == [(20_000,)]
    assert query(path, "PRAGMA integrity_check") == [("ok",)]
    assert during > before, "the writer was held up for the whole backup"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_backup_is_private_whatever_the_umask(store: Store) -> None:
    previous = os.umask(0o022)
    try:
        create_application(store.db, company="Acme", role="Engineer")
        schedule = BackupSchedule(store.db, store.backup_dir)
        made = [
            take_backup(store.db, backup_dir=store.backup_dir, reason="manual"),
            schedule.on_quit(),
            *make_backups(store, REAL_NOW),
        ]
    finally:
        os.umask(previous)
    assert all(path is not None for path in made)
    assert mode(store.backup_dir) == 0o700
    files = sorted(store.backup_dir.iterdir())
    assert len(files) == 3  # no -journal or .partial left behind
    assert all(mode(path) == 0o600 for path in files)


def test_backups_are_listed_newest_first_and_other_files_ignored(store: Store) -> None:
    first, second = make_backups(store, REAL_NOW - timedelta(days=1), REAL_NOW)
    folder = store.backup_dir
    (folder / (backup_file_name("auto", REAL_NOW + timedelta(hours=1)) + ".partial")).touch()
    (folder / "jobdesk-20251399-000000-000000-auto.sqlite3").touch()  # no such date
    (folder / "notes.txt").touch()
    (folder / backup_file_name("auto", REAL_NOW + timedelta(hours=2))).mkdir()

    listed = list_backups(folder)

    assert listed == [
        BackupInfo(second, REAL_NOW, "auto", second.stat().st_size),
        BackupInfo(first, REAL_NOW - timedelta(days=1), "auto", first.stat().st_size),
    ]
    assert list_backups(folder / "missing") == []


def test_backup_names_are_in_utc_and_reasons_are_plain_words() -> None:
    plus_two = datetime(2025, 6, 18, 14, 0, tzinfo=timezone(timedelta(hours=2)))
    assert backup_file_name("before-v3", plus_two) == (
        "jobdesk-20250618-120000-000000-before-v3.sqlite3"
    )
    for reason in ("", "Manual", "../up", "a b", "-x"):
        with pytest.raises(ValueError, match="reason"):
            backup_file_name(reason)


def test_backup_counts_reads_a_backup_without_changing_it(store: Store) -> None:
    fill_with_demo_data(store.db, count=60)
    [path] = make_backups(store, REAL_NOW)
    before = (path.read_bytes(), path.stat().st_mtime_ns)

    counts = backup_counts(path)

    live = store.db.connection()
    assert counts == {
        "applications": live.execute("SELECT COUNT(*) FROM application").fetchone()[0],
        "rejections": live.execute("SELECT COUNT(*) FROM rejection").fetchone()[0],
        "lessons": live.execute("SELECT COUNT(*) FROM lesson").fetchone()[0],
    }
    assert counts["applications"] == 60 and counts["rejections"] > 0 and counts["lessons"] > 0
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]

    path.write_bytes(b"garbage" * 200)
    with pytest.raises(BackupError, match="Cannot read"):
        backup_counts(path)


def test_the_backup_command_rotates_and_prints_the_path(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    [ancient] = make_backups(store, datetime.now(UTC) - timedelta(days=400))
    store.close()

    assert commands.backup(store.data_dir) == commands.EXIT_OK

    printed = Path(capsys.readouterr().out.strip())
    assert [info.path for info in list_backups(store.backup_dir)] == [printed]
    assert printed.name.endswith("-manual.sqlite3") and not ancient.exists()


# ---------------------------------------------------------------- the schedule

MINUTE = timedelta(minutes=1)


def test_the_schedule_backs_up_only_changes_and_at_most_every_interval(store: Store) -> None:
    schedule = BackupSchedule(store.db, store.backup_dir)
    assert schedule.changed_since_last()  # creating the schema wrote the default stages

    started = schedule.on_startup(REAL_NOW)
    assert started is not None and started.name.endswith("-startup.sqlite3")
    assert not schedule.changed_since_last()
    assert schedule.maybe_backup(REAL_NOW + 60 * MINUTE) is None  # nothing changed

    create_application(store.db, company="Acme", role="Engineer")
    assert schedule.changed_since_last()
    assert schedule.maybe_backup(REAL_NOW + 29 * MINUTE) is None  # too soon
    automatic = schedule.maybe_backup(REAL_NOW + 30 * MINUTE)
    assert automatic is not None and automatic.name.endswith("-auto.sqlite3")
    assert query(automatic, "SELECT company FROM application") == [("Acme",)]
    assert schedule.maybe_backup(REAL_NOW + 90 * MINUTE) is None  # nothing changed since

    assert schedule.on_quit(REAL_NOW + 31 * MINUTE) is None  # nothing changed
    create_application(store.db, company="Beta", role="Analyst")
    quitting = schedule.on_quit(REAL_NOW + 32 * MINUTE)  # however soon
    assert quitting is not None and quitting.name.endswith("-quit.sqlite3")
    assert len(query(quitting, "SELECT id FROM application")) == 2
    assert [info.path for info in list_backups(store.backup_dir)] == [
        quitting,
        automatic,
        started,
    ]


def test_start_up_skips_a_backup_when_a_recent_one_exists(data_dir: Path) -> None:
    store = open_store(data_dir)
    try:
        first = BackupSchedule(store.db, store.backup_dir).on_startup(REAL_NOW)
    finally:
        store.close()
    assert first is not None

    store = open_store(data_dir)
    try:
        schedule = BackupSchedule(store.db, store.backup_dir)
        assert not schedule.changed_since_last()  # opening an up-to-date file writes nothing
        assert schedule.on_startup(REAL_NOW + 29 * MINUTE) is None
        assert schedule.on_quit(REAL_NOW + 40 * MINUTE) is None
        again = BackupSchedule(store.db, store.backup_dir).on_startup(REAL_NOW + 30 * MINUTE)
        assert again is not None
    finally:
        store.close()


def test_a_failed_backup_raises_and_the_next_attempt_waits(store: Store) -> None:
    store.backup_dir.write_text("a file where the backup folder should be")
    schedule = BackupSchedule(store.db, store.backup_dir)
    with pytest.raises(BackupError):
        schedule.on_startup(REAL_NOW)
    with pytest.raises(BackupError):
        schedule.maybe_backup(REAL_NOW)  # on_startup could not even look
    assert schedule.changed_since_last()
    assert schedule.maybe_backup(REAL_NOW + 10 * MINUTE) is None  # not every timer tick
    with pytest.raises(BackupError):
        schedule.on_quit(REAL_NOW + 11 * MINUTE)


def test_backups_started_together_on_other_threads_wait_their_turn(store: Store) -> None:
    """Through connections of their own, while this connection goes on writing."""
    create_application(store.db, company="Acme", role="Engineer")
    jobs = [
        BackupJob(
            store.database_path,
            backup_dir=store.backup_dir,
            reason="auto",
            now=REAL_NOW + n * MINUTE,
            changes=0,
        )
        for n in range(3)
    ]
    create_application(store.db, company="Beta", role="Analyst")  # the writer is not held up
    paths = [job.result() for job in jobs]
    assert sorted(paths) == sorted(info.path for info in list_backups(store.backup_dir))
    for path in paths:
        assert query(path, "PRAGMA integrity_check") == [("ok",)]
        assert ("Acme",) in query(path, "SELECT company FROM application")


def test_a_background_backup_of_a_missing_file_fails_with_a_clear_error(tmp_path: Path) -> None:
    job = BackupJob(
        tmp_path / "gone.sqlite3",
        backup_dir=tmp_path / "backups",
        reason="auto",
        now=REAL_NOW,
        changes=0,
    )
    with pytest.raises(BackupError, match=r"gone\.sqlite3"):
        job.result()
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())
