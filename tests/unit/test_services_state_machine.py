"""The services against a plain in-memory model of a job search.

Hypothesis runs random sequences of creates, edits, moves (and undone
moves), archives, deletes and stage changes — valid and invalid — on a real
SQLite file, and after every step the database must equal the model and
``foreign_key_check`` must be empty. An operation the services refuse must
leave the database exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    precondition,
    rule,
)

from jobdesk.domain.stages import StageKind
from jobdesk.services import applications as apps
from jobdesk.services import stages
from jobdesk.services.errors import ConflictError, NotFoundError, ValidationError
from jobdesk.storage.integrity import foreign_key_problems
from jobdesk.storage.store import open_store

# Text exactly as people type it: any code point but lone surrogates.
any_text = st.text(max_size=12)
name_text = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=8)
# Fields whose cleaning is at most trimming, so the model needs no copy of the rules.
PLAIN_TEXT_FIELDS = ("company", "role", "location", "notes", "job_description", "next_action")
TRIMMED = {"company", "role", "location", "next_action"}


def stored(field_name: str, value: str) -> str:
    return value.strip() if field_name in TRIMMED else value


@dataclass
class ModelApplication:
    stage_id: int
    fields: dict[str, Any]
    archived: bool = False
    visited: list[int] = field(default_factory=list)  # stage of each history entry


Snapshot = tuple[dict[int, list[int]], dict[int, tuple[int, list[int], Any]]]


@dataclass
class ModelStage:
    name: str
    kind: str
    color: str
    soft_limit: int | None = None
    hidden: bool = False


class JobSearchMachine(RuleBasedStateMachine):
    applications = Bundle("applications")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="jobdesk-machine-"))
        self.store = open_store(self.folder / "data")
        self.db = self.store.db
        self.stage_order: list[int] = []
        self.stages: dict[int, ModelStage] = {}
        for record in stages.list_stages(self.db):
            self.stage_order.append(record.id)
            self.stages[record.id] = ModelStage(record.name, record.kind.value, record.color)
        self.columns: dict[int, list[int]] = {stage_id: [] for stage_id in self.stage_order}
        self.apps: dict[int, ModelApplication] = {}
        # Moves that can be undone and redone, last in first out, each with the
        # model as it was before and after. Any other change clears them, as
        # other commands on the real undo stack would sit in between.
        self.undoable: list[tuple[apps.MoveResult, Snapshot, Snapshot]] = []
        self.redoable: list[tuple[apps.MoveResult, Snapshot, Snapshot]] = []

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- helpers ---------------------------------------------------------------

    def _snapshot(self) -> Snapshot:
        return (
            {stage: list(ids) for stage, ids in self.columns.items()},
            {
                i: (a.stage_id, list(a.visited), a.fields.get("applied_on"))
                for i, a in self.apps.items()
            },
        )

    def _restore(self, snapshot: Snapshot) -> None:
        columns, states = snapshot
        self.columns = {stage: list(ids) for stage, ids in columns.items()}
        for application_id, (stage_id, visited, applied_on) in states.items():
            model = self.apps[application_id]
            model.stage_id, model.visited = stage_id, list(visited)
            model.fields["applied_on"] = applied_on

    def _forget_history(self) -> None:
        self.undoable.clear()
        self.redoable.clear()

    def _record(self, move: apps.MoveResult, before: Snapshot) -> None:
        self.undoable.append((move, before, self._snapshot()))
        self.redoable.clear()

    def _stage_id(self, index: int) -> int:
        return self.stage_order[index % len(self.stage_order)]

    def _visible_count(self) -> int:
        return sum(not s.hidden for s in self.stages.values())

    def _first_visible(self) -> int:
        return next(s for s in self.stage_order if not self.stages[s].hidden)

    def _in_use(self, stage_id: int) -> bool:
        return any(a.stage_id == stage_id or stage_id in a.visited for a in self.apps.values())

    # -- applications ------------------------------------------------------------

    @rule(
        target=applications,
        stage=st.integers(0, 30),
        company=any_text,
        role=any_text,
        use_default_stage=st.booleans(),
    )
    def create(self, stage: int, company: str, role: str, use_default_stage: bool) -> int:
        self._forget_history()
        stage_id = self._first_visible() if use_default_stage else self._stage_id(stage)
        if not (company.strip() or role.strip()):
            try:
                apps.create_application(
                    self.db,
                    company=company,
                    role=role,
                    stage_id=None if use_default_stage else stage_id,
                )
            except ValidationError:
                return -1  # refused, as it should be: nothing to name the application by
            raise AssertionError("an application without company and role was accepted")
        new_id = apps.create_application(
            self.db,
            company=company,
            role=role,
            stage_id=None if use_default_stage else stage_id,
        )
        applied = None if self.stages[stage_id].kind == StageKind.OPEN else date.today()
        self.apps[new_id] = ModelApplication(
            stage_id,
            {"company": company.strip(), "role": role.strip(), "applied_on": applied},
            visited=[stage_id],
        )
        self.columns[stage_id].append(new_id)
        return new_id

    @rule(
        application_id=applications, field_name=st.sampled_from(PLAIN_TEXT_FIELDS), value=any_text
    )
    def edit_text(self, application_id: int, field_name: str, value: str) -> None:
        self._forget_history()
        if application_id not in self.apps:
            self._expect_not_found(
                apps.update_application, application_id=application_id, **{field_name: value}
            )
            return
        model = self.apps[application_id]
        after = {**model.fields, field_name: value}
        if not (str(after.get("company", "")).strip() or str(after.get("role", "")).strip()):
            try:
                apps.update_application(
                    self.db, application_id=application_id, **{field_name: value}
                )
            except ValidationError:
                return
            raise AssertionError("an edit emptied both company and role")
        previous = apps.update_application(
            self.db, application_id=application_id, **{field_name: value}
        )
        assert previous == {field_name: model.fields.get(field_name, "")}
        model.fields[field_name] = stored(field_name, value)

    @rule(
        application_id=applications,
        low=st.none() | st.integers(0, 200_000),
        high=st.none() | st.integers(0, 200_000),
        excitement=st.integers(-1, 6),
        applied=st.none() | st.dates(),
    )
    def edit_numbers(
        self,
        application_id: int,
        low: int | None,
        high: int | None,
        excitement: int,
        applied: date | None,
    ) -> None:
        self._forget_history()
        changes = {
            "salary_min": low,
            "salary_max": high,
            "excitement": excitement,
            "applied_on": applied,
        }
        valid = (0 <= excitement <= 5) and not (low is not None and high is not None and low > high)
        if application_id not in self.apps and valid:
            self._expect_not_found(
                apps.update_application, application_id=application_id, **changes
            )
            return
        if not valid:
            try:
                apps.update_application(self.db, application_id=application_id, **changes)
            except ValidationError:
                return
            raise AssertionError(f"invalid numbers were accepted: {changes}")
        apps.update_application(self.db, application_id=application_id, **changes)
        self.apps[application_id].fields.update(changes)

    @rule(application_id=applications, stage=st.integers(0, 30), slot=st.integers(0, 50))
    def move(self, application_id: int, stage: int, slot: int) -> None:
        if application_id not in self.apps:
            self._expect_not_found(
                apps.move_application, application_id=application_id, stage_id=self._stage_id(stage)
            )
            return
        target = self._stage_id(stage)
        others = [a for a in self.columns[target] if a != application_id]
        before = others[slot] if slot < len(others) else None
        snapshot = self._snapshot()
        result = apps.move_application(
            self.db, application_id=application_id, stage_id=target, before_id=before
        )
        model = self.apps[application_id]
        assert result.from_stage_id == model.stage_id
        self.columns[model.stage_id].remove(application_id)
        index = others.index(before) if before is not None else len(others)
        self.columns[target] = [*others[:index], application_id, *others[index:]]
        if target != model.stage_id:
            model.visited.append(target)
            if self.stages[target].kind != StageKind.OPEN and model.fields["applied_on"] is None:
                model.fields["applied_on"] = date.today()
        model.stage_id = target
        self._record(result, snapshot)

    @precondition(lambda self: bool(self.undoable))
    @rule()
    def undo(self) -> None:
        move, before, after = self.undoable.pop()
        apps.undo_move(self.db, move=move)
        self._restore(before)
        self.redoable.append((move, before, after))

    @precondition(lambda self: bool(self.redoable))
    @rule()
    def redo(self) -> None:
        move, before, after = self.redoable.pop()
        again = apps.redo_move(self.db, move=move)
        self._restore(after)
        self.undoable.append((again, before, after))

    @rule(application_id=applications, stage=st.integers(0, 30), slot=st.integers(0, 50))
    def move_and_undo(self, application_id: int, stage: int, slot: int) -> None:
        if application_id not in self.apps:
            return
        before_state = apps.get_application(self.db, application_id=application_id)
        history = apps.stage_history(self.db, application_id=application_id)
        target = self._stage_id(stage)
        others = [a for a in self.columns[target] if a != application_id]
        result = apps.move_application(
            self.db,
            application_id=application_id,
            stage_id=target,
            before_id=others[slot] if slot < len(others) else None,
        )
        apps.undo_move(self.db, move=result)
        after = apps.get_application(self.db, application_id=application_id)
        assert after.stage_id == before_state.stage_id
        assert after.stage_entered_at == before_state.stage_entered_at
        assert after.applied_on == before_state.applied_on
        assert after.closed_on == before_state.closed_on
        assert apps.stage_history(self.db, application_id=application_id) == history

    @rule(application_id=applications, archived=st.booleans())
    def archive(self, application_id: int, archived: bool) -> None:
        self._forget_history()
        if application_id not in self.apps:
            self._expect_not_found(
                apps.set_archived, application_id=application_id, archived=archived
            )
            return
        previous = apps.set_archived(self.db, application_id=application_id, archived=archived)
        assert previous == self.apps[application_id].archived
        self.apps[application_id].archived = archived

    @rule(application_id=consumes(applications))
    def delete(self, application_id: int) -> None:
        self._forget_history()
        if application_id not in self.apps:
            self._expect_not_found(apps.delete_application, application_id=application_id)
            return
        apps.delete_application(self.db, application_id=application_id)
        model = self.apps.pop(application_id)
        self.columns[model.stage_id].remove(application_id)

    # -- stages ------------------------------------------------------------------

    @rule(
        name=name_text,
        kind=st.sampled_from(list(StageKind)),
        slot=st.integers(0, 30),
        soft_limit=st.none() | st.integers(0, 1000),
    )
    def add_stage(self, name: str, kind: StageKind, slot: int, soft_limit: int | None) -> None:
        self._forget_history()
        before = self.stage_order[slot] if slot < len(self.stage_order) else None
        cleaned = " ".join(name.split())
        clash = any(s.name.casefold() == cleaned.casefold() for s in self.stages.values())
        bad_limit = soft_limit is not None and not 1 <= soft_limit <= 999
        try:
            new_id = stages.create_stage(
                self.db, name=name, kind=kind, soft_limit=soft_limit, before_id=before
            )
        except ValidationError:
            assert not cleaned or clash or bad_limit
            return
        assert cleaned and not clash and not bad_limit
        self.stages[new_id] = ModelStage(cleaned, kind.value, "#7d8b99", soft_limit)
        index = self.stage_order.index(before) if before is not None else len(self.stage_order)
        self.stage_order.insert(index, new_id)
        self.columns[new_id] = []

    @rule(stage=st.integers(0, 30), name=name_text)
    def rename_stage(self, stage: int, name: str) -> None:
        self._forget_history()
        stage_id = self._stage_id(stage)
        cleaned = " ".join(name.split())
        clash = any(
            s.name.casefold() == cleaned.casefold() for i, s in self.stages.items() if i != stage_id
        )
        try:
            previous = stages.update_stage(self.db, stage_id=stage_id, name=name)
        except ValidationError:
            assert not cleaned or clash
            return
        assert cleaned and not clash
        assert previous == {"name": self.stages[stage_id].name}
        self.stages[stage_id].name = cleaned

    @rule(
        stage=st.integers(0, 30),
        hidden=st.booleans(),
        kind=st.sampled_from(list(StageKind)),
        color=st.sampled_from(["#112233", "#ABCDEF"]),
    )
    def change_stage(self, stage: int, hidden: bool, kind: StageKind, color: str) -> None:
        self._forget_history()
        stage_id = self._stage_id(stage)
        model = self.stages[stage_id]
        hiding_last = hidden and not model.hidden and self._visible_count() == 1
        try:
            stages.update_stage(self.db, stage_id=stage_id, hidden=hidden, kind=kind, color=color)
        except ConflictError:
            assert hiding_last
            return
        assert not hiding_last
        model.hidden, model.kind, model.color = hidden, kind.value, color.lower()

    @rule(stage=st.integers(0, 30), slot=st.integers(0, 30))
    def reorder_stage(self, stage: int, slot: int) -> None:
        self._forget_history()
        stage_id = self._stage_id(stage)
        others = [s for s in self.stage_order if s != stage_id]
        before = others[slot] if slot < len(others) else None
        stages.move_stage(self.db, stage_id=stage_id, before_id=before)
        index = others.index(before) if before is not None else len(others)
        self.stage_order = [*others[:index], stage_id, *others[index:]]

    @rule(stage=st.integers(0, 30))
    def delete_stage(self, stage: int) -> None:
        self._forget_history()
        stage_id = self._stage_id(stage)
        refused = (
            self._in_use(stage_id)
            or (not self.stages[stage_id].hidden and self._visible_count() == 1)
            or (self.stages[stage_id].hidden and self._visible_count() == 0)
        )
        try:
            stages.delete_stage(self.db, stage_id=stage_id)
        except ConflictError:
            assert refused
            return
        assert not refused
        del self.stages[stage_id]
        self.stage_order.remove(stage_id)
        del self.columns[stage_id]

    @precondition(lambda self: len(self.stage_order) > 0)
    @rule(stage=st.integers(0, 30))
    def crowd_one_gap(self, stage: int) -> None:
        """Drop cards into the same gap until the column must be renumbered."""
        stage_id = self._stage_id(stage)
        column = self.columns[stage_id]
        if len(column) < 3:
            return
        first, second, third = column[0], column[1], column[2]
        for _ in range(40):  # more drops than one gap can take
            snapshot = self._snapshot()
            move = apps.move_application(
                self.db, application_id=third, stage_id=stage_id, before_id=second
            )
            second, third = third, second
            self.columns[stage_id] = [first, second, third, *column[3:]]
            self._record(move, snapshot)

    # -- helpers for refused calls -------------------------------------------------

    def _expect_not_found(self, function: Any, **kwargs: Any) -> None:
        try:
            function(self.db, **kwargs)
        except NotFoundError:
            return
        raise AssertionError(f"{function.__name__} accepted a missing application")

    # -- the invariant -----------------------------------------------------------

    @invariant()
    def database_equals_model(self) -> None:
        records = stages.list_stages(self.db)
        assert [r.id for r in records] == self.stage_order
        for record in records:
            model = self.stages[record.id]
            assert (
                record.name,
                record.kind.value,
                record.color,
                record.soft_limit,
                record.hidden,
            ) == (model.name, model.kind, model.color, model.soft_limit, model.hidden)
        for stage_id, column in self.columns.items():
            assert apps.column_ids(self.db, stage_id=stage_id, include_archived=True) == column
            visible = [a for a in column if not self.apps[a].archived]
            assert apps.column_ids(self.db, stage_id=stage_id) == visible
        expected_counts = {
            s: sum(not self.apps[a].archived for a in c) for s, c in self.columns.items()
        }
        assert apps.count_by_stage(self.db) == {s: n for s, n in expected_counts.items() if n}
        for application_id, model in self.apps.items():
            record = apps.get_application(self.db, application_id=application_id)
            assert record.stage_id == model.stage_id
            assert record.archived == model.archived
            for name, value in model.fields.items():
                assert getattr(record, name) == value, name
            history = apps.stage_history(self.db, application_id=application_id)
            assert [h.to_stage_id for h in history] == model.visited
        assert foreign_key_problems(self.db.connection()) == []


# 40 sequences keep the suite quick; set JOBDESK_MACHINE_EXAMPLES=1000 for a long hunt.
JobSearchMachine.TestCase.settings = settings(
    max_examples=int(os.environ.get("JOBDESK_MACHINE_EXAMPLES", "40")),
    stateful_step_count=25,
    deadline=None,
)
test_services_match_the_model = JobSearchMachine.TestCase
