"""The Insights service on a real database: one read, filtered by dates and stages."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from jobdesk.services.applications import create_application, move_application
from jobdesk.services.demo import fill_with_demo_data
from jobdesk.services.insights import activity_span, read_insights
from jobdesk.services.lessons import create_lesson
from jobdesk.services.rejections import save_rejection, start_rejection
from jobdesk.services.stages import list_stages
from jobdesk.storage.store import Store


def stage_ids(store: Store) -> dict[str, int]:
    return {stage.name: stage.id for stage in list_stages(store.db)}


def test_an_empty_database_gives_empty_insights(store: Store) -> None:
    data = read_insights(store.db)
    assert data.applications == data.rejections == 0
    assert data.funnel == data.reasons == data.rejections_by_stage == []
    assert data.motivations == data.lessons == data.weekly == []
    assert data.confidence.levels == []
    assert activity_span(store.db) is None


def test_a_small_search_is_counted_and_filtered(store: Store) -> None:
    stages = stage_ids(store)
    create_application(
        store.db, stage_id=stages["Wishlist"], company="Early", saved_on=date(2026, 1, 5)
    )
    sent = create_application(
        store.db,
        stage_id=stages["Applied"],
        company="Sent",
        saved_on=date(2026, 1, 6),
        applied_on=date(2026, 2, 2),
    )
    move_application(store.db, application_id=sent, stage_id=stages["Interview"])
    move_application(store.db, application_id=sent, stage_id=stages["Rejected"])
    record = start_rejection(store.db, application_id=sent, stage_reached_id=stages["Interview"])
    lesson = create_lesson(store.db, text="Practise the STAR answers", category="interviewing")
    create_lesson(store.db, text="Rest on Sundays", category="self_care")
    save_rejection(
        store.db,
        record=replace(
            record,
            reason_category="interview",
            confidence_before=5,
            motivations="escape,interest",
            lesson_ids=(lesson,),
        ),
    )

    data = read_insights(store.db)
    assert data.applications == 2 and data.rejections == 1
    funnel = {step.name: step.reached for step in data.funnel}
    assert funnel["Wishlist"] == 2
    assert funnel["Applied"] == 1
    assert funnel["Interview"] == 1
    assert funnel["Offer"] == 0
    assert [(row.label, row.count) for row in data.rejections_by_stage] == [("Interview", 1)]
    assert [(row.key, row.count) for row in data.reasons] == [("interview", 1)]
    assert [(m.code, m.reached_interview) for m in data.motivations] == [
        ("interest", 1),
        ("escape", 1),
    ]
    assert [(c.level, c.rejected) for c in data.confidence.levels] == [(5, 1)]
    assert data.confidence.calibration.confident_rejected_share == 1.0
    # With no filter every lesson counts, even one linked to nothing.
    assert sorted((t.category, t.total) for t in data.lessons) == [
        ("interviewing", 1),
        ("self_care", 1),
    ]
    assert sum(week.moves for week in data.weekly) == 2
    assert activity_span(store.db) == (date(2026, 1, 5), date(2026, 2, 2))

    # The date is the applied date: "Sent" was saved in January but applied in February.
    january = read_insights(store.db, since=date(2026, 1, 1), until=date(2026, 1, 31))
    assert january.applications == 1 and january.rejections == 0
    assert january.lessons == []
    february = read_insights(store.db, since=date(2026, 2, 1))
    assert february.applications == 1 and february.rejections == 1
    assert [(t.category, t.total) for t in february.lessons] == [("interviewing", 1)]

    # The stage filter keeps applications by their current stage.
    wishlist_only = read_insights(store.db, stage_ids={stages["Wishlist"]})
    assert wishlist_only.applications == 1 and wishlist_only.rejections == 0
    assert wishlist_only.funnel[0].reached == 1 and wishlist_only.funnel[1].reached == 0
    assert read_insights(store.db, stage_ids=set()).applications == 0


def test_demo_data_adds_up(store: Store) -> None:
    fill_with_demo_data(store.db, count=400, seed=11)
    data = read_insights(store.db)
    assert data.applications == 400
    assert data.funnel[0].reached == 400
    assert sum(row.count for row in data.rejections_by_stage) == data.rejections
    assert sum(row.count for row in data.reasons) == data.rejections
    span = activity_span(store.db)
    assert span is not None
    middle = span[0] + (span[1] - span[0]) / 2
    first_half = read_insights(store.db, until=middle)
    second_half = read_insights(store.db, since=middle + timedelta(days=1))
    assert first_half.applications + second_half.applications == 400
    rejected = {s.id for s in list_stages(store.db) if s.kind.value == "rejected"}
    only_rejected = read_insights(store.db, stage_ids=rejected)
    assert 0 < only_rejected.applications < 400
    assert only_rejected.rejections == only_rejected.applications
