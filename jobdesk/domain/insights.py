"""The numbers behind the Insights charts, as plain functions over plain data.

Everything here takes frozen dataclasses (built by ``services/insights.py``
from one read of the database) and returns lists of small result rows. Each
function accepts empty input and then returns an empty list (or a result
whose figures are ``None``), so a new user sees empty charts, not errors.

**How far an application got.** The *pipeline* is every stage whose kind is
not an ending (open, active, interview, offer), ordered by kind in that order
and, within one kind, by board position. An application's *furthest step* is
the latest pipeline stage it was ever in, taking

- its current stage,
- every stage its history moved it from or to,
- the stage its rejection record says it reached, and
- the first active stage, if it has an applied date (it was sent, even if the
  card was created straight in an ending).

It *reached* a pipeline stage when its furthest step is that stage or a later
one, and it reached *Accepted* when it was ever in an accepted-kind stage;
such an application counts as having reached every pipeline stage too. An
application with no pipeline stage at all (say, created straight in
Rejected with nothing else known) counts at the first step only. So the
funnel's first step counts every application and no step counts more than
the one before it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum

from jobdesk.domain.stages import StageKind
from jobdesk.domain.vocabulary import LabelledEnum, LessonCategory, Motivation, ReasonCategory

#: Pipeline kinds, in the order an application moves through them.
PIPELINE_KINDS: tuple[StageKind, ...] = (
    StageKind.OPEN,
    StageKind.ACTIVE,
    StageKind.INTERVIEW,
    StageKind.OFFER,
)
NOT_RECORDED = "Not recorded"
#: Gut feeling on the 1..5 scale: 4-5 is "confident", 1-2 is "unsure".
CONFIDENT_LEVELS = frozenset({4, 5})
UNSURE_LEVELS = frozenset({1, 2})
CONFIDENCE_LEVELS = (1, 2, 3, 4, 5)


# -- what goes in --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StageInfo:
    id: int
    name: str
    kind: StageKind
    position: float
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class ApplicationFacts:
    """One application: where it is, where it has been, and when it began."""

    id: int
    stage_id: int
    saved_on: date | None = None
    applied_on: date | None = None
    #: Every stage its history moved it from or to.
    visited: frozenset[int] = frozenset()
    #: How sure it felt after its latest interview (1..5), if recorded.
    interview_confidence: int | None = None


@dataclass(frozen=True, slots=True)
class RejectionFacts:
    application_id: int
    stage_reached_id: int | None = None
    reason_category: str = ReasonCategory.UNKNOWN.value
    #: How confident the person felt just before the news (1..5), if recorded.
    confidence_before: int | None = None
    #: Motivation codes from the reflection ("escape", "interest", ...).
    motivations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LessonFacts:
    id: int
    category: str
    status: str
    #: The applications whose rejections this lesson was learned from.
    application_ids: frozenset[int] = frozenset()


# -- what comes out ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FunnelStep:
    name: str
    kind: StageKind
    reached: int
    #: Share of all applications (0..1).
    share: float


@dataclass(frozen=True, slots=True)
class Tally:
    """A labelled count: a stage, a reason, ..."""

    key: str
    label: str
    count: int
    #: Share of the total of the list it is in (0..1).
    share: float


@dataclass(frozen=True, slots=True)
class MotivationOutcome:
    code: str
    label: str
    applications: int
    reached_interview: int
    reached_offer: int
    accepted: int


@dataclass(frozen=True, slots=True)
class ConfidenceLevel:
    level: int
    applications: int
    #: Reached an offer or was accepted (even if later turned down).
    offers: int
    #: Rejected without ever reaching an offer.
    rejected: int
    #: Still in progress, withdrawn or never answered.
    other: int


@dataclass(frozen=True, slots=True)
class Calibration:
    """How well gut feeling predicted results, over decided outcomes only.

    A *decided* outcome is an offer or a rejection. A confident feeling (4-5)
    *matched* when an offer came, an unsure one (1-2) when a rejection came;
    3 predicts nothing and is left out.
    """

    confident: int = 0
    confident_rejected: int = 0
    unsure: int = 0
    unsure_offered: int = 0

    @property
    def confident_rejected_share(self) -> float | None:
        return _share(self.confident_rejected, self.confident)

    @property
    def unsure_offered_share(self) -> float | None:
        return _share(self.unsure_offered, self.unsure)

    @property
    def matched_share(self) -> float | None:
        matched = (self.confident - self.confident_rejected) + (self.unsure - self.unsure_offered)
        return _share(matched, self.confident + self.unsure)


@dataclass(frozen=True, slots=True)
class ConfidenceOutcome:
    levels: list[ConfidenceLevel]
    calibration: Calibration


@dataclass(frozen=True, slots=True)
class LessonTally:
    category: str
    label: str
    open: int
    practising: int
    done: int

    @property
    def total(self) -> int:
        return self.open + self.practising + self.done


@dataclass(frozen=True, slots=True)
class WeekActivity:
    #: The Monday the ISO week starts on.
    week_start: date
    saved: int
    applied: int
    moves: int

    @property
    def label(self) -> str:
        year, week, _ = self.week_start.isocalendar()
        return f"{year}-W{week:02d}"


# -- how far each application got ------------------------------------------------------


class Reach(IntEnum):
    """The furthest kind of stage an application reached, in pipeline order."""

    OPEN = 0
    ACTIVE = 1
    INTERVIEW = 2
    OFFER = 3
    ACCEPTED = 4


class Pipeline:
    """The stages in funnel order, and how far an application got along them."""

    def __init__(self, stages: Iterable[StageInfo]) -> None:
        stages = list(stages)
        rank = {kind: index for index, kind in enumerate(PIPELINE_KINDS)}
        self.steps = sorted(
            (stage for stage in stages if stage.kind in rank),
            key=lambda stage: (rank[stage.kind], stage.position, stage.id),
        )
        self.index: dict[int | None, int] = {
            stage.id: index for index, stage in enumerate(self.steps)
        }
        self.by_id = {stage.id: stage for stage in stages}
        self.accepted = sorted(
            (stage for stage in stages if stage.kind is StageKind.ACCEPTED),
            key=lambda stage: (stage.hidden, stage.position, stage.id),
        )
        self._accepted_ids = frozenset(stage.id for stage in self.accepted)
        self._first_active = next(
            (i for i, stage in enumerate(self.steps) if stage.kind is StageKind.ACTIVE), None
        )

    def furthest(self, application: ApplicationFacts, reached_id: int | None = None) -> int:
        """The index of the furthest pipeline step; ``len(steps)`` once accepted."""
        # A plain loop: this runs several times per application, 50,000 of them.
        index = self.index
        accepted = self._accepted_ids
        best = 0
        if application.applied_on is not None and self._first_active is not None:
            best = self._first_active
        for stage_id in (application.stage_id, reached_id, *application.visited):
            if stage_id in accepted:
                return len(self.steps)
            step = index.get(stage_id)
            if step is not None and step > best:
                best = step
        return best

    def reach(self, application: ApplicationFacts, reached_id: int | None = None) -> Reach:
        furthest = self.furthest(application, reached_id)
        if furthest >= len(self.steps):
            return Reach.ACCEPTED if self._accepted_ids else Reach.OPEN
        return Reach(PIPELINE_KINDS.index(self.steps[furthest].kind))

    def ordering(self, stage_id: int) -> tuple[int, float, int]:
        """A sort key for any stage: pipeline first, then the rest by board position."""
        if stage_id in self.index:
            return (0, self.index[stage_id], stage_id)
        stage = self.by_id.get(stage_id)
        return (1, stage.position if stage else float("inf"), stage_id)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _label(choices: type[LabelledEnum], code: str) -> str:
    try:
        return choices(code).label
    except ValueError:
        return code.replace("_", " ").capitalize() or NOT_RECORDED


def _reached_stages(rejections: Iterable[RejectionFacts]) -> dict[int, int | None]:
    return {r.application_id: r.stage_reached_id for r in rejections}


# -- the charts ----------------------------------------------------------------------


def funnel(
    stages: Sequence[StageInfo],
    applications: Sequence[ApplicationFacts],
    rejections: Iterable[RejectionFacts] = (),
) -> list[FunnelStep]:
    """How many applications reached each stage (see the module's definition).

    Hidden pipeline stages still count towards how far an application got
    but get no step of their own. The last step is the first accepted-kind
    stage, when there is one.
    """
    if not applications:
        return []
    pipeline = Pipeline(stages)
    reached = _reached_stages(rejections)
    furthest = Counter(pipeline.furthest(a, reached.get(a.id)) for a in applications)
    total = len(applications)
    steps: list[FunnelStep] = []
    at_least = total
    for index, stage in enumerate(pipeline.steps):
        if index:
            at_least -= furthest[index - 1]
        if not stage.hidden:
            steps.append(FunnelStep(stage.name, stage.kind, at_least, at_least / total))
    if pipeline.accepted:
        accepted = furthest[len(pipeline.steps)]
        first = pipeline.accepted[0]
        steps.append(FunnelStep(first.name, first.kind, accepted, accepted / total))
    return steps


def rejections_by_stage(
    stages: Sequence[StageInfo], rejections: Sequence[RejectionFacts]
) -> list[Tally]:
    """Rejections by the stage they came at, in pipeline order; unknown ones last."""
    if not rejections:
        return []
    pipeline = Pipeline(stages)
    counts = Counter(
        r.stage_reached_id if r.stage_reached_id in pipeline.by_id else None for r in rejections
    )
    known = sorted((s for s in counts if s is not None), key=pipeline.ordering)
    total = len(rejections)
    rows = [Tally(str(s), pipeline.by_id[s].name, counts[s], counts[s] / total) for s in known]
    if counts[None]:
        rows.append(Tally("", NOT_RECORDED, counts[None], counts[None] / total))
    return rows


def reasons(rejections: Sequence[RejectionFacts]) -> list[Tally]:
    """Rejections by reason category, most common first (ties in vocabulary order)."""
    counts = Counter(r.reason_category or ReasonCategory.UNKNOWN.value for r in rejections)
    order = {category.value: index for index, category in enumerate(ReasonCategory)}
    total = len(rejections)
    codes = sorted(counts, key=lambda code: (-counts[code], order.get(code, len(order)), code))
    return [
        Tally(code, _label(ReasonCategory, code), counts[code], counts[code] / total)
        for code in codes
    ]


def motivation_vs_outcome(
    stages: Sequence[StageInfo],
    applications: Sequence[ApplicationFacts],
    rejections: Sequence[RejectionFacts],
) -> list[MotivationOutcome]:
    """Per motivation named in a reflection: how many, and how far they got.

    An application with two motivations counts under each. Reflections exist
    only for rejections, so this compares rejected applications with each
    other: did the ones driven by wanting out get as far as the ones driven
    by interest? Motivations follow the vocabulary's order.
    """
    pipeline = Pipeline(stages)
    by_id = {a.id: a for a in applications}
    tallies: dict[str, list[int]] = {}
    for rejection in rejections:
        application = by_id.get(rejection.application_id)
        if application is None:
            continue
        reach = pipeline.reach(application, rejection.stage_reached_id)
        for code in dict.fromkeys(m.strip() for m in rejection.motivations if m.strip()):
            tally = tallies.setdefault(code, [0, 0, 0, 0])
            tally[0] += 1
            tally[1] += reach >= Reach.INTERVIEW
            tally[2] += reach >= Reach.OFFER
            tally[3] += reach >= Reach.ACCEPTED
    order = {motivation.value: index for index, motivation in enumerate(Motivation)}
    codes = sorted(tallies, key=lambda code: (order.get(code, len(order)), code))
    return [MotivationOutcome(code, _label(Motivation, code), *tallies[code]) for code in codes]


def gut_feeling(application: ApplicationFacts, rejection: RejectionFacts | None) -> int | None:
    """The confidence felt before the result: before the news if recorded, else
    after the latest interview; None when neither is on the 1..5 scale."""
    for value in (
        rejection.confidence_before if rejection else None,
        application.interview_confidence,
    ):
        if value is not None and value in CONFIDENCE_LEVELS:
            return value
    return None


def confidence_vs_outcome(
    stages: Sequence[StageInfo],
    applications: Sequence[ApplicationFacts],
    rejections: Sequence[RejectionFacts],
) -> ConfidenceOutcome:
    """Per gut-feeling level 1..5: how many got an offer, were rejected, or neither.

    An application with an offer (or acceptance) counts as an offer even if a
    rejection followed; otherwise a rejection record or a current rejected-kind
    stage makes it rejected. Applications with no recorded feeling are left
    out. Levels are listed only when they hold an application.
    """
    pipeline = Pipeline(stages)
    by_application = {r.application_id: r for r in rejections}
    counts = {level: [0, 0, 0] for level in CONFIDENCE_LEVELS}
    confident = confident_rejected = unsure = unsure_offered = 0
    for application in applications:
        rejection = by_application.get(application.id)
        level = gut_feeling(application, rejection)
        if level is None:
            continue
        reach = pipeline.reach(application, rejection.stage_reached_id if rejection else None)
        stage = pipeline.by_id.get(application.stage_id)
        if reach >= Reach.OFFER:
            outcome = 0
        elif rejection is not None or (stage is not None and stage.kind is StageKind.REJECTED):
            outcome = 1
        else:
            outcome = 2
        counts[level][outcome] += 1
        if outcome < 2 and level in CONFIDENT_LEVELS:
            confident += 1
            confident_rejected += outcome == 1
        elif outcome < 2 and level in UNSURE_LEVELS:
            unsure += 1
            unsure_offered += outcome == 0
    levels = [
        ConfidenceLevel(level, sum(c), c[0], c[1], c[2]) for level, c in counts.items() if sum(c)
    ]
    return ConfidenceOutcome(
        levels, Calibration(confident, confident_rejected, unsure, unsure_offered)
    )


def lessons_by_category_and_status(
    lessons: Sequence[LessonFacts], application_ids: Set[int] | None = None
) -> list[LessonTally]:
    """Lessons per category, split by status (open, practising, done).

    With *application_ids*, only lessons learned from at least one of those
    applications' rejections; with None, every lesson, including ones linked
    to no rejection. Categories follow the vocabulary's order; empty ones are
    left out.
    """
    counts: dict[str, Counter[str]] = {}
    for lesson in lessons:
        if application_ids is not None and not (lesson.application_ids & application_ids):
            continue
        counts.setdefault(lesson.category, Counter())[lesson.status] += 1
    order = {category.value: index for index, category in enumerate(LessonCategory)}
    codes = sorted(counts, key=lambda code: (order.get(code, len(order)), code))
    return [
        LessonTally(
            code,
            _label(LessonCategory, code),
            counts[code]["open"],
            counts[code]["practising"],
            counts[code]["done"],
        )
        for code in codes
    ]


def week_start(day: date) -> date:
    """The Monday of *day*'s ISO week."""
    return day - timedelta(days=day.weekday())


def weekly_activity(
    applications: Sequence[ApplicationFacts],
    moves: Mapping[date, int],
    *,
    since: date | None = None,
    until: date | None = None,
) -> list[WeekActivity]:
    """Applications saved, applications sent and cards moved, per ISO week.

    *moves* counts stage moves per day (a card's creation is not a move).
    Only events from *since* to *until* (inclusive) count. Weeks run without
    gaps from the first week with any event to the last one, so a quiet week
    shows as zero rather than disappearing.
    """

    def inside(day: date) -> bool:
        return (since is None or day >= since) and (until is None or day <= until)

    # Count per day first: there are far fewer days than applications.
    saved_days = Counter(a.saved_on for a in applications)
    applied_days = Counter(a.applied_on for a in applications)
    saved: Counter[date] = Counter()
    applied: Counter[date] = Counter()
    moved: Counter[date] = Counter()
    for days, weekly in ((saved_days, saved), (applied_days, applied), (moves, moved)):
        for day, count in days.items():
            if day is not None and count and inside(day):
                weekly[week_start(day)] += count
    weeks = saved.keys() | applied.keys() | moved.keys()
    if not weeks:
        return []
    first, last = min(weeks), max(weeks)
    rows = []
    week = first
    while week <= last:
        rows.append(WeekActivity(week, saved[week], applied[week], moved[week]))
        week += timedelta(days=7)
    return rows
