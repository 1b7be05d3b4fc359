"""Realistic generated job searches, for trying jobdesk out, screenshots and benchmarks.

``fill_with_demo_data`` writes N applications spread over the stages the way
a real search spreads (many applied, many rejected or unanswered, a few
interviews and offers), with stage histories, contacts, interviews,
rejections with outcomes, reflections and shared lessons. The same seed
gives the same data. 50,000 applications take a few seconds: rows are
generated as plain dicts and written with ``executemany`` in one transaction.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any

from peewee import SqliteDatabase

from jobdesk.domain.dates import utc_now
from jobdesk.domain.positions import POSITION_STEP
from jobdesk.domain.stages import StageKind
from jobdesk.domain.vocabulary import (
    ContactRole,
    InterviewKind,
    LessonStatus,
    Motivation,
    RejectionChannel,
    RejectionStatus,
    WorkMode,
)
from jobdesk.services import demo_words as words
from jobdesk.services.errors import ConflictError
from jobdesk.services.stages import StageRecord, list_stages
from jobdesk.storage.bulk import insert_rows
from jobdesk.storage.database import write_transaction
from jobdesk.storage.models import (
    ALL_MODELS,
    Application,
    BaseModel,
    Contact,
    Interview,
    Lesson,
    Reflection,
    Rejection,
    RejectionLesson,
    StageHistory,
)

Row = dict[str, Any]

#: Roughly how a long search ends up spread over the kinds of stage.
STAGE_SHARES: dict[StageKind, float] = {
    StageKind.OPEN: 0.08,
    StageKind.ACTIVE: 0.29,
    StageKind.INTERVIEW: 0.07,
    StageKind.OFFER: 0.01,
    StageKind.ACCEPTED: 0.005,
    StageKind.REJECTED: 0.34,
    StageKind.WITHDRAWN: 0.035,
    StageKind.GHOSTED: 0.18,
}
DAYS_OF_SEARCH = 240


# fmt: off
class _Generator:
    """Builds the rows of one demo search; ``rows`` maps each model to its rows."""

    def __init__(self, rng: random.Random, stages: Sequence[StageRecord], now: datetime) -> None:
        self.rng = rng
        self.now = now
        self.stages = stages
        self.pipeline = [
            s for s in stages if s.kind in (StageKind.ACTIVE, StageKind.INTERVIEW, StageKind.OFFER)
        ]
        self.by_kind: dict[StageKind, list[StageRecord]] = defaultdict(list)
        for stage in stages:
            self.by_kind[stage.kind].append(stage)
        self.kinds = [kind for kind in STAGE_SHARES if self.by_kind[kind]]
        self.next_position: dict[int, float] = defaultdict(float)
        self.rows: dict[type[BaseModel], list[Row]] = defaultdict(list)

    def person(self) -> str:
        return f"{self.rng.choice(words.FIRST_NAMES)} {self.rng.choice(words.LAST_NAMES)}"

    def company(self) -> str:
        choice = self.rng.choice
        return choice(words.COMPANY_FIRST) + choice(words.COMPANY_SECOND) + choice(
            words.COMPANY_SUFFIX
        )

    def lessons(self) -> None:
        statuses = list(LessonStatus)
        for index, (text, category, action, for_interviews, _) in enumerate(words.LESSONS, 1):
            self.rows[Lesson].append({
                "id": index, "text": text, "category": category.value, "action": action,
                "status": statuses[index % len(statuses)].value,
                "for_interviews": for_interviews, "created_at": self.now, "updated_at": self.now,
            })

    def walk_to(self, stage: StageRecord) -> list[StageRecord]:
        """The stages a card in *stage* passed through, ending with *stage*."""
        if stage.kind is StageKind.OPEN:
            return [stage]
        if stage in self.pipeline:
            return [*self.pipeline[: self.pipeline.index(stage)], stage]
        # An ending: the search got somewhere along the pipeline first.
        reach = min(len(self.pipeline), int(self.rng.expovariate(1.1)) + 1)
        return [*self.pipeline[:reach], stage]

    def application(self, application_id: int) -> None:
        rng = self.rng
        kind = rng.choices(self.kinds, weights=[STAGE_SHARES[k] for k in self.kinds])[0]
        stage = rng.choice(self.by_kind[kind])
        self.next_position[stage.id] += POSITION_STEP
        created = self.now - timedelta(days=rng.uniform(1, DAYS_OF_SEARCH))
        walk = self.walk_to(stage)
        moved_at = created
        self.rows[StageHistory].append({"application": application_id, "from_stage": None,
                                        "to_stage": walk[0].id, "moved_at": moved_at})
        for previous, following in pairwise(walk):
            moved_at = min(moved_at + timedelta(days=rng.uniform(2, 14)),
                           self.now - timedelta(minutes=5))
            self.rows[StageHistory].append({"application": application_id,
                                            "from_stage": previous.id,
                                            "to_stage": following.id, "moved_at": moved_at})
        role = rng.choice(words.SENIORITY) + rng.choice(words.ROLES)
        live = not stage.kind.is_ending
        salary_low = rng.randrange(35, 95) * 1000
        self.rows[Application].append({
            "id": application_id, "stage": stage.id,
            "position": self.next_position[stage.id],
            "company": self.company(), "role": role,
            "posting_url": f"https://jobs.example.com/{application_id}",
            "job_description": f"We are looking for a {role} to join our team.",
            "location": rng.choice(words.LOCATIONS),
            "work_mode": rng.choice(list(WorkMode)).value,
            "salary_min": salary_low, "salary_max": salary_low + rng.randrange(5, 30) * 1000,
            "salary_currency": rng.choice(("EUR", "GBP", "USD")),
            "source": rng.choice(words.SOURCES), "excitement": rng.randint(1, 5),
            "tags": ", ".join(rng.sample(words.TAGS, rng.randint(0, 3))),
            "notes": rng.choice(words.NOTES),
            "next_action": rng.choice(words.NEXT_ACTIONS) if live and rng.random() < 0.6 else "",
            "next_action_on": (self.now + timedelta(days=rng.randint(-3, 14))).date()
            if live else None,
            "saved_on": created.date(),
            "applied_on": None if stage.kind is StageKind.OPEN else created.date(),
            "closed_on": None if live else moved_at.date(),
            "archived": not live and rng.random() < 0.1,
            "stage_entered_at": moved_at, "created_at": created, "updated_at": moved_at,
        })
        confidence = self.people_and_interviews(application_id, walk, created)
        if stage.kind is StageKind.REJECTED:
            self.rejection(application_id, walk, confidence, moved_at)

    def people_and_interviews(
        self, application_id: int, walk: Sequence[StageRecord], created: datetime
    ) -> int | None:
        """Contacts and interviews for how far the card got; the last confidence felt."""
        rng = self.rng
        if walk[-1].kind is not StageKind.OPEN:
            self.rows[Contact].append({"application": application_id, "name": self.person(),
                                       "role": ContactRole.RECRUITER.value,
                                       "title": "Talent Acquisition",
                                       "email": "recruiter@example.com"})
        interviewed = [s for s in walk if s.kind in (StageKind.INTERVIEW, StageKind.OFFER)]
        if interviewed:
            self.rows[Contact].append({"application": application_id, "name": self.person(),
                                       "role": ContactRole.HIRING_MANAGER.value,
                                       "title": "Team lead", "email": ""})
        confidence = None
        for round_number, _ in enumerate(interviewed, start=1):
            confidence = rng.randint(1, 5)
            self.rows[Interview].append({
                "application": application_id,
                "held_at": created + timedelta(days=7 * round_number),
                "round": round_number, "kind": rng.choice(list(InterviewKind)).value,
                "people": self.person(), "notes": rng.choice(words.INTERVIEW_NOTES),
                "confidence_after": confidence,
            })
        return confidence

    def rejection(self, application_id: int, walk: Sequence[StageRecord],
                  confidence: int | None, rejected_at: datetime) -> None:
        rng = self.rng
        rejection_id = len(self.rows[Rejection]) + 1
        category = rng.choice(list(words.REASONS))
        complete = rng.random() < 0.7
        requested = rng.random() < 0.5
        received = requested and rng.random() < 0.4
        self.rows[Rejection].append({
            "id": rejection_id, "application": application_id,
            "status": (RejectionStatus.COMPLETE if complete else RejectionStatus.DRAFT).value,
            "draft_page": 4 if complete else rng.randint(0, 3),
            "stage_reached": walk[-2].id if len(walk) > 1 else walk[-1].id,
            "rejected_on": rejected_at.date(),
            "channel": rng.choice(list(RejectionChannel)).value,
            "reason_given": rng.choice(words.REASONS[category]),
            "reason_category": category.value,
            "confidence_before": confidence or rng.randint(1, 5),
            "feedback_requested": requested,
            "feedback_requested_on": rejected_at.date() if requested else None,
            "feedback_follow_up_on": (rejected_at + timedelta(days=7)).date()
            if requested and not received else None,
            "feedback_received": words.FEEDBACK_RECEIVED if received else "",
            "feedback_received_on": (rejected_at + timedelta(days=5)).date()
            if received else None,
            "created_at": rejected_at, "updated_at": rejected_at,
        })
        if not complete:
            return
        self.rows[Reflection].append({
            "rejection": rejection_id,
            "motivations": ",".join(rng.sample([m.value for m in Motivation], rng.randint(1, 2))),
            "similarity": rng.randint(0, 4), "culture_notes": rng.choice(words.CULTURE_NOTES),
            "over_my_head": rng.randint(1, 5), "personality_fit": rng.randint(1, 5),
            "right_job": rng.randint(1, 5), "blessing_in_disguise": rng.random() < 0.2,
            "created_at": rejected_at, "updated_at": rejected_at,
        })
        matching = [i for i, lesson in enumerate(words.LESSONS, 1) if lesson[4] is category]
        ask_for_feedback = len(words.LESSONS)
        linked = {matching[0] if matching else ask_for_feedback}
        if rng.random() < 0.3:
            linked.add(ask_for_feedback)
        for lesson_id in sorted(linked):
            self.rows[RejectionLesson].append({"rejection": rejection_id, "lesson": lesson_id})

# fmt: on


def fill_with_demo_data(db: SqliteDatabase, *, count: int, seed: int = 7) -> int:
    """Add *count* generated applications to an empty database; return how many.

    Refuses a database that already holds applications: demo data mixed into
    a real search could not be told apart from it.
    """
    if count < 0:
        raise ValueError("The number of demo applications cannot be negative.")
    generator = _Generator(
        random.Random(seed), [s for s in list_stages(db) if not s.hidden], utc_now()
    )
    with write_transaction(db):
        if Application.select().exists() or Lesson.select().exists():
            raise ConflictError(
                "This data folder already holds applications or lessons; "
                "demo data goes into an empty one."
            )
        if count == 0:
            return 0
        generator.lessons()
        for application_id in range(1, count + 1):
            generator.application(application_id)
        for model in ALL_MODELS:  # parents before children
            rows = generator.rows.get(model)
            if rows:
                fields = tuple(rows[0])
                insert_rows(db, model, fields, ([row[f] for f in fields] for row in rows))
    return count
