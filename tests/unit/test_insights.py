"""Insight calculations: the funnel, rejections, reasons, motivation, confidence, lessons, weeks."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobdesk.domain.insights import (
    NOT_RECORDED,
    ApplicationFacts,
    Calibration,
    FunnelStep,
    LessonFacts,
    Pipeline,
    Reach,
    RejectionFacts,
    StageInfo,
    confidence_vs_outcome,
    funnel,
    gut_feeling,
    lessons_by_category_and_status,
    motivation_vs_outcome,
    reasons,
    rejections_by_stage,
    week_start,
    weekly_activity,
)
from jobdesk.domain.stages import DEFAULT_STAGES, StageKind

#: The default board: 1 Wishlist, 2 Applied, 3 Screening, 4 Interview,
#: 5 Final interview, 6 Offer, 7 Accepted, 8 Rejected, 9 Withdrawn, 10 No response.
STAGES = [
    StageInfo(index, template.name, template.kind, index * 1024.0)
    for index, template in enumerate(DEFAULT_STAGES, 1)
]
WISHLIST, APPLIED, SCREENING, INTERVIEW, FINAL, OFFER, ACCEPTED, REJECTED, WITHDRAWN, GHOSTED = (
    range(1, 11)
)


def app(
    application_id: int,
    stage_id: int,
    *visited: int,
    applied_on: date | None = None,
    saved_on: date | None = None,
    interview_confidence: int | None = None,
) -> ApplicationFacts:
    return ApplicationFacts(
        application_id,
        stage_id,
        saved_on,
        applied_on,
        frozenset(visited),
        interview_confidence,
    )


def counts(steps: list[FunnelStep]) -> dict[str, int]:
    return {step.name: step.reached for step in steps}


# -- funnel ------------------------------------------------------------------------------


def test_funnel_of_nothing_is_empty() -> None:
    assert funnel(STAGES, []) == []
    assert funnel([], []) == []


def test_funnel_counts_every_stage_reached_and_the_furthest_implies_the_earlier() -> None:
    applications = [
        app(1, WISHLIST),
        app(2, APPLIED, WISHLIST, APPLIED),
        app(3, REJECTED, APPLIED, SCREENING, REJECTED),
        # Went straight from Applied to Final interview: it passed Interview too.
        app(4, FINAL, APPLIED, FINAL),
        app(5, ACCEPTED, APPLIED, OFFER, ACCEPTED),
    ]
    assert counts(funnel(STAGES, applications)) == {
        "Wishlist": 5,
        "Applied": 4,
        "Screening": 3,
        "Interview": 2,
        "Final interview": 2,
        "Offer": 1,
        "Accepted": 1,
    }
    steps = funnel(STAGES, applications)
    assert steps[0].share == 1.0
    assert steps[-1].kind is StageKind.ACCEPTED
    assert steps[-1].share == 0.2


def test_funnel_uses_the_rejection_record_and_the_applied_date() -> None:
    # Created straight in Rejected: history knows nothing, the rejection does.
    told = app(1, REJECTED, REJECTED)
    # Created straight in No response, but it has an applied date: it was sent.
    sent = app(2, GHOSTED, GHOSTED, applied_on=date(2026, 3, 2))
    # Nothing known at all: it counts at the first step only.
    unknown = app(3, WITHDRAWN)
    steps = funnel(STAGES, [told, sent, unknown], [RejectionFacts(1, stage_reached_id=INTERVIEW)])
    assert counts(steps) == {
        "Wishlist": 3,
        "Applied": 2,
        "Screening": 1,
        "Interview": 1,
        "Final interview": 0,
        "Offer": 0,
        "Accepted": 0,
    }


def test_funnel_follows_kinds_not_board_order_and_leaves_hidden_stages_out() -> None:
    stages = [
        StageInfo(1, "Talks", StageKind.INTERVIEW, 1.0),
        StageInfo(2, "Sent", StageKind.ACTIVE, 2.0),
        StageInfo(3, "Secret", StageKind.ACTIVE, 3.0, hidden=True),
        StageInfo(4, "Yes!", StageKind.ACCEPTED, 4.0),
    ]
    steps = funnel(stages, [app(1, 3, 3), app(2, 1, 2, 1), app(3, 4, 1, 4)])
    assert [(s.name, s.reached) for s in steps] == [("Sent", 3), ("Talks", 2), ("Yes!", 1)]


def test_reach_by_kind() -> None:
    pipeline = Pipeline(STAGES)
    assert pipeline.reach(app(1, WISHLIST)) is Reach.OPEN
    assert pipeline.reach(app(1, REJECTED, SCREENING)) is Reach.ACTIVE
    assert pipeline.reach(app(1, REJECTED), FINAL) is Reach.INTERVIEW
    assert pipeline.reach(app(1, WITHDRAWN, OFFER)) is Reach.OFFER
    assert pipeline.reach(app(1, ACCEPTED)) is Reach.ACCEPTED
    assert Pipeline([]).reach(app(1, 99)) is Reach.OPEN


stage_ids = st.integers(min_value=1, max_value=10)
applications_strategy = st.lists(
    st.builds(
        lambda application_id, stage_id, visited, applied_on: app(
            application_id, stage_id, *visited, applied_on=applied_on
        ),
        st.integers(min_value=1, max_value=10_000),
        stage_ids,
        st.sets(stage_ids, max_size=5),
        st.none() | st.just(date(2026, 1, 5)),
    ),
    max_size=60,
)


@given(applications_strategy, st.lists(st.sampled_from(STAGES), unique=True, min_size=1))
def test_funnel_never_rises_and_starts_with_everyone(
    applications: list[ApplicationFacts], stages: list[StageInfo]
) -> None:
    steps = funnel(stages, applications)
    reached = [step.reached for step in steps]
    assert reached == sorted(reached, reverse=True)
    assert all(0 <= step.share <= 1 for step in steps)
    has_pipeline = any(not stage.kind.is_ending for stage in stages)
    if applications and has_pipeline:
        assert reached[0] == len(applications)


# -- rejections and reasons --------------------------------------------------------------


def test_rejections_by_stage_in_pipeline_order_unknown_last() -> None:
    rejections = [
        RejectionFacts(1, INTERVIEW),
        RejectionFacts(2, APPLIED),
        RejectionFacts(3, APPLIED),
        RejectionFacts(4, None),
        RejectionFacts(5, 999),  # a stage since removed
        RejectionFacts(6, REJECTED),
    ]
    rows = rejections_by_stage(STAGES, rejections)
    assert [(row.label, row.count) for row in rows] == [
        ("Applied", 2),
        ("Interview", 1),
        ("Rejected", 1),
        (NOT_RECORDED, 2),
    ]
    assert sum(row.share for row in rows) == pytest.approx(1.0)
    assert rejections_by_stage(STAGES, []) == []


def test_reasons_most_common_first_with_labels() -> None:
    rejections = [
        RejectionFacts(1, reason_category="salary"),
        RejectionFacts(2, reason_category="experience"),
        RejectionFacts(3, reason_category="salary"),
        RejectionFacts(4, reason_category="made_up"),
        RejectionFacts(5, reason_category=""),
    ]
    rows = reasons(rejections)
    assert [(row.key, row.label, row.count) for row in rows] == [
        ("salary", "Salary", 2),
        ("experience", "Experience or level", 1),
        ("unknown", "Unknown", 1),
        ("made_up", "Made up", 1),
    ]
    assert reasons([]) == []


@given(
    st.lists(
        st.builds(
            RejectionFacts,
            st.integers(),
            st.none() | stage_ids,
            st.sampled_from(["salary", "skills", "unknown", "other"]),
        ),
        max_size=50,
    )
)
def test_rejection_totals_match(rejections: list[RejectionFacts]) -> None:
    assert sum(row.count for row in rejections_by_stage(STAGES, rejections)) == len(rejections)
    assert sum(row.count for row in reasons(rejections)) == len(rejections)


# -- motivation and confidence -------------------------------------------------------------


def test_motivation_versus_outcome() -> None:
    applications = [
        app(1, REJECTED, APPLIED),
        app(2, REJECTED, APPLIED, INTERVIEW),
        app(3, REJECTED, APPLIED, INTERVIEW, OFFER),
        app(4, REJECTED, APPLIED),
    ]
    rejections = [
        RejectionFacts(1, motivations=("escape",)),
        RejectionFacts(2, motivations=("escape", "interest", "escape")),
        RejectionFacts(3, motivations=("interest",)),
        RejectionFacts(4),  # no reflection yet
        RejectionFacts(99, motivations=("pay",)),  # not among the selected applications
    ]
    rows = motivation_vs_outcome(STAGES, applications, rejections)
    assert [
        (r.code, r.applications, r.reached_interview, r.reached_offer, r.accepted) for r in rows
    ] == [
        ("interest", 2, 2, 1, 0),
        ("escape", 2, 1, 0, 0),
    ]
    assert rows[1].label == "Wanting out of my current job"
    assert motivation_vs_outcome(STAGES, [], []) == []


def test_gut_feeling_prefers_the_feeling_before_the_news() -> None:
    interviewed = app(1, REJECTED, interview_confidence=2)
    assert gut_feeling(interviewed, RejectionFacts(1, confidence_before=5)) == 5
    assert gut_feeling(interviewed, RejectionFacts(1, confidence_before=None)) == 2
    assert gut_feeling(interviewed, None) == 2
    assert gut_feeling(app(1, REJECTED, interview_confidence=0), None) is None


def test_confidence_versus_outcome_and_calibration() -> None:
    applications = [
        app(1, OFFER, APPLIED, INTERVIEW, OFFER, interview_confidence=5),
        app(2, REJECTED, APPLIED, INTERVIEW, interview_confidence=5),
        app(3, REJECTED, APPLIED, INTERVIEW, interview_confidence=4),
        app(4, INTERVIEW, APPLIED, INTERVIEW, interview_confidence=4),  # still open
        app(5, REJECTED, APPLIED, interview_confidence=1),
        app(6, ACCEPTED, OFFER, ACCEPTED, interview_confidence=2),
        app(7, GHOSTED, APPLIED, interview_confidence=3),
        app(8, APPLIED),  # no feeling recorded
        # An offer, then a rejection: it counts as an offer.
        app(9, REJECTED, OFFER, interview_confidence=1),
    ]
    rejections = [RejectionFacts(2), RejectionFacts(3, confidence_before=5), RejectionFacts(9)]
    result = confidence_vs_outcome(STAGES, applications, rejections)
    assert [(r.level, r.applications, r.offers, r.rejected, r.other) for r in result.levels] == [
        (1, 2, 1, 1, 0),
        (2, 1, 1, 0, 0),
        (3, 1, 0, 0, 1),
        (4, 1, 0, 0, 1),
        (5, 3, 1, 2, 0),
    ]
    calibration = result.calibration
    assert calibration == Calibration(confident=3, confident_rejected=2, unsure=3, unsure_offered=2)
    assert calibration.confident_rejected_share == 2 / 3
    assert calibration.unsure_offered_share == 2 / 3
    # Matched: the confident offer (1) and the unsure rejection (5) out of 6.
    assert calibration.matched_share == 2 / 6


def test_confidence_of_nothing() -> None:
    result = confidence_vs_outcome(STAGES, [], [])
    assert result.levels == []
    assert result.calibration.confident_rejected_share is None
    assert result.calibration.unsure_offered_share is None
    assert result.calibration.matched_share is None


@given(
    st.lists(
        st.tuples(stage_ids, st.sets(stage_ids, max_size=4), st.none() | st.integers(0, 6)),
        max_size=40,
    )
)
def test_confidence_levels_add_up(rows: list[tuple[int, set[int], int | None]]) -> None:
    applications = [
        app(i, stage, *visited, interview_confidence=feeling)
        for i, (stage, visited, feeling) in enumerate(rows)
    ]
    result = confidence_vs_outcome(STAGES, applications, [])
    for level in result.levels:
        assert level.applications == level.offers + level.rejected + level.other > 0
    felt = sum(1 for *_, feeling in rows if feeling is not None and 1 <= feeling <= 5)
    assert sum(level.applications for level in result.levels) == felt
    for share in (
        result.calibration.confident_rejected_share,
        result.calibration.unsure_offered_share,
        result.calibration.matched_share,
    ):
        assert share is None or 0 <= share <= 1


# -- lessons ----------------------------------------------------------------------------------


def test_lessons_by_category_and_status() -> None:
    lessons = [
        LessonFacts(1, "interviewing", "open", frozenset({1, 2})),
        LessonFacts(2, "interviewing", "done", frozenset({3})),
        LessonFacts(3, "experience", "practising", frozenset({2})),
        LessonFacts(4, "self_care", "open"),  # added by hand, linked to nothing
    ]
    everything = lessons_by_category_and_status(lessons)
    assert [(t.category, t.open, t.practising, t.done, t.total) for t in everything] == [
        ("experience", 0, 1, 0, 1),
        ("interviewing", 1, 0, 1, 2),
        ("self_care", 1, 0, 0, 1),
    ]
    assert everything[1].label == "Interviewing"
    selected = lessons_by_category_and_status(lessons, {3})
    assert [(t.category, t.total) for t in selected] == [("interviewing", 1)]
    assert lessons_by_category_and_status(lessons, set()) == []
    assert lessons_by_category_and_status([]) == []


# -- weeks ------------------------------------------------------------------------------------


def test_week_start_is_the_iso_monday() -> None:
    assert week_start(date(2026, 3, 8)) == date(2026, 3, 2)  # a Sunday
    assert week_start(date(2026, 3, 2)) == date(2026, 3, 2)
    assert week_start(date(2026, 1, 1)).isocalendar()[1] == 1


def test_weekly_activity_fills_quiet_weeks_and_respects_the_range() -> None:
    applications = [
        app(1, APPLIED, saved_on=date(2026, 3, 2), applied_on=date(2026, 3, 4)),
        app(2, WISHLIST, saved_on=date(2026, 3, 8)),
        app(3, APPLIED, saved_on=date(2026, 3, 20), applied_on=date(2026, 3, 23)),
        app(4, APPLIED, saved_on=date(2025, 1, 1), applied_on=date(2026, 6, 1)),
    ]
    moves = {date(2026, 3, 10): 2, date(2026, 3, 11): 1, date(2026, 5, 1): 0}
    weeks = weekly_activity(applications, moves, since=date(2026, 3, 1), until=date(2026, 3, 31))
    assert [(w.week_start, w.saved, w.applied, w.moves) for w in weeks] == [
        (date(2026, 3, 2), 2, 1, 0),
        (date(2026, 3, 9), 0, 0, 3),
        (date(2026, 3, 16), 1, 0, 0),
        (date(2026, 3, 23), 0, 1, 0),
    ]
    assert weeks[0].label == "2026-W10"
    everything = weekly_activity(applications, moves)
    assert everything[0].week_start == date(2024, 12, 30)
    assert all(b.week_start - a.week_start == timedelta(7) for a, b in pairwise(everything))
    assert weekly_activity([], {}) == []
    assert weekly_activity([app(1, WISHLIST)], {}) == []


@given(
    st.lists(
        st.tuples(
            st.none() | st.dates(date(2025, 1, 1), date(2026, 12, 31)),
            st.none() | st.dates(date(2025, 1, 1), date(2026, 12, 31)),
        ),
        max_size=40,
    ),
    st.dictionaries(st.dates(date(2025, 1, 1), date(2026, 12, 31)), st.integers(0, 5)),
)
def test_weekly_totals_match(
    dates: list[tuple[date | None, date | None]], moves: dict[date, int]
) -> None:
    applications = [
        app(i, APPLIED, saved_on=saved, applied_on=applied)
        for i, (saved, applied) in enumerate(dates)
    ]
    weeks = weekly_activity(applications, moves)
    assert sum(w.saved for w in weeks) == sum(1 for saved, _ in dates if saved)
    assert sum(w.applied for w in weeks) == sum(1 for _, applied in dates if applied)
    assert sum(w.moves for w in weeks) == sum(moves.values())
    assert all(w.week_start.weekday() == 0 for w in weeks)
