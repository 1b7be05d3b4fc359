"""A process that writes to a jobdesk store through the real services until it is killed.

Run by tests/e2e/test_crash_safety.py as
``python -m tests.e2e.crash_writer DATA_DIR SEED``; the test SIGKILLs it at a
random moment and then checks the database.

Every write is one service call, and so one transaction. Around each call the
writer prints one JSON line and flushes it:

- ``{"n": 7, "phase": "begin", "op": "move", ...}`` before the call, saying
  exactly what the write will do;
- ``{"n": 7, "phase": "done", ...}`` after the call has returned, i.e. after
  its COMMIT.

So when the process dies, every "done" write must be in the database, whole,
and the one write that was begun but not reported done may be there whole or
not at all, never in part. Names carry the seed and the write's number
(``crash-s3-17``), so the runs that share one data folder never collide.

The writes mix what a person does: add an application (alone, or with
contacts and interviews: several rows in one transaction), edit its details
(contacts and interviews replaced), move it to another stage (a stage history
row and the card's new place), squeeze cards between the same two
neighbours until the column must be renumbered (a write to every card of the
column), reject one (move to a rejected stage, start the record, save it
with lessons linked), add and merge lessons, delete an application (cascading
to its rows).
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from peewee import SqliteDatabase

from jobdesk.domain.stages import StageKind
from jobdesk.domain.vocabulary import ContactRole, InterviewKind, ReasonCategory, RejectionStatus
from jobdesk.services.applications import (
    MoveResult,
    column_ids,
    create_application,
    delete_application,
    move_application,
)
from jobdesk.services.board import cards_by_id
from jobdesk.services.details import (
    ApplicationDetails,
    ContactDetails,
    InterviewDetails,
    create_with_details,
    save_details,
)
from jobdesk.services.lessons import create_lesson, list_lessons, merge_lessons
from jobdesk.services.rejections import save_rejection, start_rejection
from jobdesk.services.stages import list_stages
from jobdesk.storage.store import open_store

#: How often each kind of step is chosen (a "reject" step is three writes).
STEP_WEIGHTS = {
    "create": 4,
    "create_details": 4,
    "save_details": 3,
    "move": 4,
    "squeeze": 3,
    "reject": 2,
    "lesson": 2,
    "merge_lessons": 1,
    "delete": 1,
}

#: The stage whose first two cards get squeezed between, over and over.
SQUEEZE_STAGE_KIND = StageKind.ACTIVE


def report(line: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(line, sort_keys=True) + "\n")
    sys.stdout.flush()


class Writer:
    """Chooses writes at random, runs them, and reports them before and after."""

    def __init__(self, db: SqliteDatabase, seed: int) -> None:
        self.db = db
        self.seed = seed
        self.random = random.Random(seed)
        self.number = 0
        stages = list_stages(db)
        self.stage_ids = [stage.id for stage in stages]
        self.rejected_stage_id = next(s.id for s in stages if s.kind is StageKind.REJECTED)
        self.squeeze_stage_id = next(s.id for s in stages if s.kind is SQUEEZE_STAGE_KIND)
        # What earlier runs left: the writer carries on from it.
        self.stage_of: dict[int, int] = {}
        for stage_id in self.stage_ids:
            for application_id in column_ids(db, stage_id=stage_id, include_archived=True):
                self.stage_of[application_id] = stage_id
        self.company_of: dict[int, str] = {}
        known = sorted(self.stage_of)
        for start in range(0, len(known), 500):
            for card in cards_by_id(db, ids=known[start : start + 500]):
                self.company_of[card.id] = card.company
        self.lesson_text: dict[int, str] = {lesson.id: lesson.text for lesson in list_lessons(db)}

    # -- one write, reported --------------------------------------------------

    def write(self, op: str, call: Callable[[], Any], **described: Any) -> Any:
        """Report *op*, run *call* (one service call), report it done; return its result."""
        self.number += 1
        line = {"n": self.number, "op": op, **described}
        report({**line, "phase": "begin"})
        result = call()
        done = {**line, "phase": "done"}
        if isinstance(result, MoveResult):
            done["renumbered"] = result.renumbered
        report(done)
        return result

    def name(self, what: str) -> str:
        return f"{what}-s{self.seed}-{self.number + 1}"

    def pick_application(self) -> int | None:
        if not self.stage_of:
            return None
        return self.random.choice(list(self.stage_of))

    # -- the steps ------------------------------------------------------------

    def create(self) -> None:
        company = self.name("crash")
        stage_id = self.random.choice(self.stage_ids)
        new_id = self.write(
            "create",
            lambda: create_application(
                self.db, company=company, role="Crash tester", stage_id=stage_id
            ),
            company=company,
            stage_id=stage_id,
        )
        self.stage_of[new_id] = stage_id
        self.company_of[new_id] = company

    def _details(self, notes: str) -> ApplicationDetails:
        tag = self.number + 1
        contacts = tuple(
            ContactDetails(
                name=f"Contact {tag}.{index}",
                role=self.random.choice(list(ContactRole)).value,
                email=f"c{tag}.{index}@example.com",
            )
            for index in range(self.random.randint(0, 4))
        )
        interviews = tuple(
            InterviewDetails(
                round=index + 1,
                kind=self.random.choice(list(InterviewKind)).value,
                people=f"Panel {tag}.{index}",
                confidence_after=self.random.choice([None, 1, 3, 5]),
            )
            for index in range(self.random.randint(0, 3))
        )
        return ApplicationDetails({"notes": notes}, contacts, interviews)

    @staticmethod
    def _describe(details: ApplicationDetails) -> dict[str, Any]:
        return {
            "notes": details.fields["notes"],
            "contacts": [contact.name for contact in details.contacts],
            "interviews": [[i.round, i.kind] for i in details.interviews],
        }

    def create_details(self) -> None:
        company = self.name("crash")
        stage_id = self.random.choice(self.stage_ids)
        details = self._details(f"created {company}")
        details = replace(details, fields={**details.fields, "company": company, "role": "Lead"})
        new_id = self.write(
            "create_details",
            lambda: create_with_details(self.db, stage_id=stage_id, details=details),
            company=company,
            stage_id=stage_id,
            **self._describe(details),
        )
        self.stage_of[new_id] = stage_id
        self.company_of[new_id] = company

    def save_details(self) -> None:
        application_id = self.pick_application()
        if application_id is None:
            return self.create_details()
        details = self._details(self.name("saved"))
        self.write(
            "save_details",
            lambda: save_details(self.db, application_id=application_id, details=details),
            company=self.company_of[application_id],
            **self._describe(details),
        )
        return None

    def move(self, application_id: int | None = None, stage_id: int | None = None) -> None:
        if application_id is None:
            application_id = self.pick_application()
        if application_id is None:
            return self.create()
        current = self.stage_of[application_id]
        if stage_id is None:
            stage_id = self.random.choice([s for s in self.stage_ids if s != current])
        target = stage_id
        self.write(
            "move",
            lambda: move_application(self.db, application_id=application_id, stage_id=target),
            company=self.company_of[application_id],
            stage_id=target,
        )
        self.stage_of[application_id] = target
        return None

    def squeeze(self) -> None:
        """Move a card in between the squeeze column's first two cards.

        Each squeeze halves the gap between the first two positions, so after
        a few dozen the column has to be renumbered inside the move's
        transaction: the biggest write there is.
        """
        stage_id = self.squeeze_stage_id
        column = column_ids(self.db, stage_id=stage_id, include_archived=True)
        if len(column) < 3:
            candidates = [a for a, s in self.stage_of.items() if s != stage_id]
            if not candidates:
                return self.create()
            return self.move(self.random.choice(candidates), stage_id)
        moving, before = self.random.choice(column[2:]), column[1]
        self.write(
            "squeeze",
            lambda: move_application(
                self.db, application_id=moving, stage_id=stage_id, before_id=before
            ),
            company=self.company_of[moving],
            stage_id=stage_id,
            before=self.company_of[before],
        )
        return None

    def reject(self) -> None:
        """What the rejection dialog does: the move, the draft, the finished record."""
        application_id = self.pick_application()
        if application_id is None:
            return self.create()
        company = self.company_of[application_id]
        reached = self.stage_of[application_id]
        if reached != self.rejected_stage_id:
            self.move(application_id, self.rejected_stage_id)
        record = self.write(
            "start_rejection",
            lambda: start_rejection(
                self.db, application_id=application_id, stage_reached_id=reached
            ),
            company=company,
        )
        lesson_ids = sorted(
            self.random.sample(list(self.lesson_text), min(len(self.lesson_text), 3))
        )
        status = self.random.choice(list(RejectionStatus)).value
        reason = self.name("reason")
        notes = self.name("reflected")
        finished = replace(
            record,
            status=status,
            reason_given=reason,
            reason_category=self.random.choice(list(ReasonCategory)).value,
            reflection_notes=notes,
            right_job=self.random.choice([None, 1, 2, 3, 4, 5]),
            lesson_ids=tuple(lesson_ids),
        )
        self.write(
            "save_rejection",
            lambda: save_rejection(self.db, record=finished),
            company=company,
            status=status,
            reason_given=reason,
            reflection_notes=notes,
            lessons=sorted(self.lesson_text[i] for i in lesson_ids),
        )
        return None

    def lesson(self) -> None:
        text = self.name("lesson")
        lesson_id = self.write(
            "lesson",
            lambda: create_lesson(self.db, text=text, action=f"practise {text}"),
            text=text,
        )
        self.lesson_text[lesson_id] = text

    def merge_lessons(self) -> None:
        if len(self.lesson_text) < 2:
            return self.lesson()
        keep, merged = self.random.sample(sorted(self.lesson_text), 2)
        self.write(
            "merge_lessons",
            lambda: merge_lessons(self.db, keep_id=keep, merge_id=merged),
            keep=self.lesson_text[keep],
            merged=self.lesson_text[merged],
        )
        del self.lesson_text[merged]
        return None

    def delete(self) -> None:
        application_id = self.pick_application()
        if application_id is None:
            return self.create()
        self.write(
            "delete",
            lambda: delete_application(self.db, application_id=application_id),
            company=self.company_of[application_id],
        )
        del self.stage_of[application_id]
        del self.company_of[application_id]
        return None

    def run_forever(self) -> None:
        steps = list(STEP_WEIGHTS)
        weights = list(STEP_WEIGHTS.values())
        while True:
            step = self.random.choices(steps, weights)[0]
            getattr(self, step)()


def main() -> int:
    data_dir, seed = Path(sys.argv[1]), int(sys.argv[2])
    store = open_store(data_dir)
    Writer(store.db, seed).run_forever()
    return 0  # never reached: the test kills the process


if __name__ == "__main__":
    sys.exit(main())
