"""Crash safety: a writer killed with SIGKILL at random moments never leaves a write half-done.

The writer (tests/e2e/crash_writer.py) makes real service writes, each one
transaction, and reports each write before it starts and again once its
COMMIT has returned. This test kills it at a random moment, reopens the
database and checks:

- SQLite's ``integrity_check`` is "ok" and ``foreign_key_check`` finds nothing;
- the database holds exactly what the reported writes made, replayed on what
  was there before the run: every write reported done is there, whole;
- the one write that was begun but not reported done is there whole or not
  at all (the database equals the replay without it or with it);
- invariants that any half-done write would break: every rejection has its
  reflection, each card's stage history is an unbroken chain ending in the
  stage the card is in, no two cards of a column share a position.

All kills land on one data folder, one after another, and each new writer
carries on from what the last one left, as a person's program would after a
crash. ``JOBDESK_CRASH_KILLS`` sets the number of kills (default 50),
``JOBDESK_CRASH_SEED`` the seed of the writers' choices and of the moments
of the kills (default 1).
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

import pytest

from jobdesk.paths import database_path
from jobdesk.storage.database import read_only_connection
from jobdesk.storage.store import open_store

REPOSITORY = Path(__file__).resolve().parents[2]


def _kills_from_environment() -> int:
    raw = os.environ.get("JOBDESK_CRASH_KILLS", "50")
    if not raw.isdigit() or int(raw) < 1:
        raise pytest.UsageError(f"JOBDESK_CRASH_KILLS must be a positive whole number, not {raw!r}")
    return int(raw)


KILLS = _kills_from_environment()
SEED = int(os.environ.get("JOBDESK_CRASH_SEED", "1"))

#: The longest the writer may take to report its first write. Only a hung
#: writer gets near it; a normal start takes a fraction of a second.
FIRST_WRITE_TIMEOUT_SECONDS = 60

#: A kill lands this long (chosen at random) after the first reported write.
LATEST_KILL_SECONDS = 0.150


# -- what the database should hold -------------------------------------------


@dataclass(frozen=True)
class RejectionState:
    status: str
    reason_given: str
    reflection_notes: str | None  # None: the reflection row is missing
    lessons: frozenset[str]


@dataclass(frozen=True)
class ApplicationState:
    stage_id: int
    notes: str
    contacts: tuple[str, ...]  # names, in the order they were written
    interviews: tuple[tuple[int, str], ...]  # (round, kind), in the order written
    history: tuple[int, ...]  # the to-stage of each stage-history row, oldest first
    rejection: RejectionState | None


@dataclass
class State:
    """The part of the database the writer's reports describe, keyed by names."""

    applications: dict[str, ApplicationState] = field(default_factory=dict)
    columns: dict[int, list[str]] = field(default_factory=dict)  # companies in board order
    lessons: set[str] = field(default_factory=set)

    def copy(self) -> State:
        # Application states are frozen, so copying the containers is enough.
        return State(
            dict(self.applications),
            {stage_id: list(column) for stage_id, column in self.columns.items()},
            set(self.lessons),
        )

    def take_out_of_column(self, company: str) -> None:
        stage_id = self.applications[company].stage_id
        self.columns[stage_id].remove(company)
        if not self.columns[stage_id]:
            del self.columns[stage_id]


def apply(state: State, write: dict[str, Any]) -> None:
    """Change *state* as the reported *write* changes the database."""
    op = write["op"]
    apps = state.applications
    if op in {"create", "create_details"}:
        company, stage_id = write["company"], write["stage_id"]
        apps[company] = ApplicationState(
            stage_id=stage_id,
            notes=write.get("notes", ""),
            contacts=tuple(write.get("contacts", ())),
            interviews=tuple((r, kind) for r, kind in write.get("interviews", ())),
            history=(stage_id,),
            rejection=None,
        )
        state.columns.setdefault(stage_id, []).append(company)
    elif op == "save_details":
        apps[write["company"]] = replace(
            apps[write["company"]],
            notes=write["notes"],
            contacts=tuple(write["contacts"]),
            interviews=tuple((r, kind) for r, kind in write["interviews"]),
        )
    elif op in {"move", "squeeze"}:
        company, stage_id = write["company"], write["stage_id"]
        before = apps[company]
        state.take_out_of_column(company)
        column = state.columns.setdefault(stage_id, [])
        if op == "squeeze":
            column.insert(column.index(write["before"]), company)
        else:
            column.append(company)
        if stage_id != before.stage_id:
            apps[company] = replace(before, stage_id=stage_id, history=(*before.history, stage_id))
    elif op == "start_rejection":
        company = write["company"]
        if apps[company].rejection is None:
            apps[company] = replace(
                apps[company], rejection=RejectionState("draft", "", "", frozenset())
            )
    elif op == "save_rejection":
        company = write["company"]
        apps[company] = replace(
            apps[company],
            rejection=RejectionState(
                write["status"],
                write["reason_given"],
                write["reflection_notes"],
                frozenset(write["lessons"]) & state.lessons,
            ),
        )
    elif op == "lesson":
        state.lessons.add(write["text"])
    elif op == "merge_lessons":
        keep, merged = write["keep"], write["merged"]
        state.lessons.discard(merged)
        for company, app in apps.items():
            if app.rejection is not None and merged in app.rejection.lessons:
                lessons = (app.rejection.lessons - {merged}) | {keep}
                apps[company] = replace(app, rejection=replace(app.rejection, lessons=lessons))
    elif op == "delete":
        state.take_out_of_column(write["company"])
        del apps[write["company"]]
    else:
        raise AssertionError(f"The writer reported a write this test does not know: {op}")


# -- what the database does hold ---------------------------------------------


def read_state(connection: sqlite3.Connection) -> State:
    """The database's contents, in the shape of ``State``."""
    company_of = dict(connection.execute("SELECT id, company FROM application"))
    contacts: dict[int, list[str]] = {}
    for application_id, name in connection.execute(
        "SELECT application_id, name FROM contact ORDER BY id"
    ):
        contacts.setdefault(application_id, []).append(name)
    interviews: dict[int, list[tuple[int, str]]] = {}
    for application_id, round_number, kind in connection.execute(
        "SELECT application_id, round, kind FROM interview ORDER BY id"
    ):
        interviews.setdefault(application_id, []).append((round_number, kind))
    history: dict[int, list[int]] = {}
    for application_id, to_stage in connection.execute(
        "SELECT application_id, to_stage_id FROM stage_history ORDER BY id"
    ):
        history.setdefault(application_id, []).append(to_stage)
    links: dict[int, set[str]] = {}
    for rejection_id, text in connection.execute(
        "SELECT link.rejection_id, lesson.text FROM rejection_lesson AS link"
        " JOIN lesson ON lesson.id = link.lesson_id"
    ):
        links.setdefault(rejection_id, set()).add(text)
    rejections = {
        application_id: RejectionState(status, reason, notes, frozenset(links.get(id_, ())))
        for id_, application_id, status, reason, notes in connection.execute(
            "SELECT rejection.id, application_id, status, reason_given, reflection.notes"
            " FROM rejection LEFT JOIN reflection ON reflection.rejection_id = rejection.id"
        )
    }
    state = State(lessons={text for (text,) in connection.execute("SELECT text FROM lesson")})
    for application_id, stage_id, notes in connection.execute(
        "SELECT id, stage_id, notes FROM application ORDER BY stage_id, position, id"
    ):
        company = company_of[application_id]
        state.applications[company] = ApplicationState(
            stage_id=stage_id,
            notes=notes,
            contacts=tuple(contacts.get(application_id, ())),
            interviews=tuple(interviews.get(application_id, ())),
            history=tuple(history.get(application_id, ())),
            rejection=rejections.get(application_id),
        )
        state.columns.setdefault(stage_id, []).append(company)
    return state


def broken_invariants(connection: sqlite3.Connection) -> list[str]:
    """What a half-done write would leave behind, found without the reports."""
    problems = []
    integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        problems.append(f"integrity_check: {integrity[:10]}")
    foreign = connection.execute("PRAGMA foreign_key_check").fetchall()
    if foreign:
        problems.append(f"foreign_key_check: {foreign[:10]}")
    for (rejection_id,) in connection.execute(
        "SELECT id FROM rejection WHERE id NOT IN (SELECT rejection_id FROM reflection)"
    ):
        problems.append(f"rejection {rejection_id} has no reflection")
    chains: dict[int, list[tuple[int | None, int]]] = {}
    for application_id, from_stage, to_stage in connection.execute(
        "SELECT application_id, from_stage_id, to_stage_id FROM stage_history ORDER BY id"
    ):
        chains.setdefault(application_id, []).append((from_stage, to_stage))
    for application_id, stage_id in connection.execute("SELECT id, stage_id FROM application"):
        chain = chains.get(application_id, [])
        froms = [from_stage for from_stage, _ in chain]
        expected_froms = [None, *(to_stage for _, to_stage in chain[:-1])]
        if not chain or froms != expected_froms or chain[-1][1] != stage_id:
            problems.append(f"application {application_id} is in stage {stage_id}, history {chain}")
    for stage_id, position, count in connection.execute(
        "SELECT stage_id, position, COUNT(*) FROM application"
        " GROUP BY stage_id, position HAVING COUNT(*) > 1"
    ):
        problems.append(f"{count} cards share position {position} in stage {stage_id}")
    return problems


def differences(expected: State, actual: State) -> list[str]:
    lines = []
    for company in sorted(set(expected.applications) | set(actual.applications)):
        want, got = expected.applications.get(company), actual.applications.get(company)
        if want != got:
            lines.append(f"{company}:\n  expected {want}\n  found    {got}")
    for stage_id in sorted(set(expected.columns) | set(actual.columns)):
        want_column, got_column = expected.columns.get(stage_id), actual.columns.get(stage_id)
        if want_column != got_column:
            lines.append(f"column {stage_id}:\n  expected {want_column}\n  found    {got_column}")
    if expected.lessons != actual.lessons:
        lines.append(
            f"lessons missing {sorted(expected.lessons - actual.lessons)},"
            f" unexpected {sorted(actual.lessons - expected.lessons)}"
        )
    return lines[:20]


# -- running and killing the writer ------------------------------------------


@dataclass
class Run:
    """What one killed writer reported."""

    done: list[dict[str, Any]]
    pending: dict[str, Any] | None  # begun, not reported done: may or may not be in


def _pump(stream: IO[bytes], lines: queue.Queue[bytes | None]) -> None:
    for raw in iter(stream.readline, b""):
        lines.put(raw)
    lines.put(None)


def run_and_kill(data_dir: Path, seed: int, delay: float, stderr_path: Path) -> Run:
    """Start a writer, let it report a first write, wait *delay*, SIGKILL it."""
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(REPOSITORY), os.environ.get("PYTHONPATH")])
        ),
    }
    raw_lines: list[bytes] = []
    with (
        stderr_path.open("wb") as stderr,
        subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.crash_writer", str(data_dir), str(seed)],
            cwd=REPOSITORY,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=stderr,
        ) as process,
    ):
        assert process.stdout is not None
        lines: queue.Queue[bytes | None] = queue.Queue()
        pump = threading.Thread(target=_pump, args=(process.stdout, lines), daemon=True)
        pump.start()
        try:
            deadline = time.monotonic() + FIRST_WRITE_TIMEOUT_SECONDS
            reported = False
            while not reported:
                try:
                    line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
                except queue.Empty:
                    pytest.fail(f"The writer reported no write in {FIRST_WRITE_TIMEOUT_SECONDS} s")
                if line is None:
                    break  # it ended by itself; reported below
                raw_lines.append(line)
                reported = b'"phase": "done"' in line
            time.sleep(delay)
            ended_early = process.poll()
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
            pump.join(timeout=30)
        assert ended_early is None and process.returncode == -signal.SIGKILL, (
            f"The writer ended by itself (exit status {process.returncode}):\n"
            f"{stderr_path.read_text(errors='replace')}"
        )
    while (line := lines.get_nowait()) is not None:
        raw_lines.append(line)
    assert not stderr_path.read_bytes(), stderr_path.read_text(errors="replace")
    return parse(raw_lines)


def parse(raw_lines: list[bytes]) -> Run:
    """The writes reported done and the one begun after them, if any.

    A last line without its newline was cut off by the kill and is ignored:
    its write had not begun (the line is written before the call).
    """
    complete = [json.loads(line) for line in raw_lines if line.endswith(b"\n")]
    assert all(line.endswith(b"\n") for line in raw_lines[:-1])
    done: list[dict[str, Any]] = []
    pending = None
    whole = complete[: len(complete) // 2 * 2]
    for number, (begin, end) in enumerate(zip(whole[::2], whole[1::2], strict=True), start=1):
        assert (begin["n"], begin["phase"], end["n"], end["phase"]) == (
            number,
            "begin",
            number,
            "done",
        ), f"reports out of order: {begin} {end}"
        done.append(end)
    if len(complete) % 2:
        pending = complete[-1]
        assert pending["phase"] == "begin" and pending["n"] == len(done) + 1, pending
    return Run(done, pending)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.slow
@pytest.mark.timeout(max(300, KILLS * 5))
@pytest.mark.parametrize("kills", [KILLS])
def test_killed_writers_leave_every_reported_write_whole(data_dir: Path, kills: int) -> None:
    database = database_path(data_dir)
    chooser = random.Random(SEED)
    state = State()
    confirmed = 0
    in_flight: Counter[str] = Counter()  # what became of the write the kill interrupted
    done_ops: Counter[str] = Counter()
    renumbered = 0
    carried = 0  # writes to applications an earlier writer made
    for kill in range(kills):
        run = run_and_kill(
            data_dir,
            seed=SEED * 100_000 + kill,
            delay=chooser.uniform(0, LATEST_KILL_SECONDS),
            stderr_path=data_dir.parent / "writer-stderr.txt",
        )
        assert run.done, "every writer reports at least one write before it is killed"
        carried += sum(write.get("company") in state.applications for write in run.done)
        expected = state  # read from the database after the last kill; not used again
        for write in run.done:
            apply(expected, write)
        with_pending = None
        if run.pending is not None:
            with_pending = expected.copy()
            apply(with_pending, run.pending)
        with contextlib.closing(read_only_connection(database)) as connection:
            problems = broken_invariants(connection)
            actual = read_state(connection)
        where = f"after kill {kill + 1} (writer seed {SEED * 100_000 + kill})"
        assert not problems, f"{where}:\n" + "\n".join(problems)
        if actual == expected:
            in_flight["none begun" if run.pending is None else "not in"] += 1
        elif actual == with_pending:
            in_flight["in, whole"] += 1
        else:
            pytest.fail(
                f"{where}: the database is not what the reported writes made.\n"
                f"Last write reported done: {run.done[-1]}\n"
                f"Begun and not reported done: {run.pending}\n"
                + "\n".join(differences(expected, actual))
            )
        for suffix in ("", "-wal", "-shm"):
            side_file = database.with_name(database.name + suffix)
            if side_file.exists():
                assert mode(side_file) == 0o600, side_file
        state = actual
        confirmed += len(run.done)
        done_ops.update(write["op"] for write in run.done)
        renumbered += sum(bool(write.get("renumbered")) for write in run.done)

    # The program itself opens the folder after the last crash: it recovers
    # the WAL, checkpoints it on closing, and nothing changes.
    store = open_store(data_dir)
    store.close()
    with contextlib.closing(read_only_connection(database)) as connection:
        assert broken_invariants(connection) == []
        assert read_state(connection) == state
    assert mode(data_dir) == 0o700
    assert mode(database) == 0o600
    assert done_ops.keys() >= {"create", "create_details", "move", "save_rejection"}
    if kills >= 10:  # with fewer, the writers may by chance only have added new ones
        assert carried, "each writer carries on with the applications already there"

    print(
        f"\ncrash safety: {kills} kills, {confirmed} transactions confirmed "
        f"({', '.join(f'{op} {count}' for op, count in sorted(done_ops.items()))}; "
        f"{renumbered} column renumberings; {carried} to applications of earlier writers); "
        f"write in flight at the kill: "
        f"{', '.join(f'{what} {count}' for what, count in sorted(in_flight.items()))}; "
        f"{len(state.applications)} applications, {len(state.lessons)} lessons at the end"
    )
