"""Rejection records and the lessons library, on a real database file."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobdesk.domain.journal import JournalLesson, escape_markdown, lessons_journal
from jobdesk.domain.vocabulary import LessonCategory, LessonStatus
from jobdesk.services.details import (
    ApplicationDetails,
    ContactDetails,
    InterviewDetails,
    create_with_details,
)
from jobdesk.services.errors import NotFoundError, ValidationError
from jobdesk.services.lessons import (
    count_due_follow_ups,
    count_pending_reflections,
    create_lesson,
    due_follow_ups,
    find_lesson,
    get_lesson,
    interview_checklist,
    list_lessons,
    merge_lessons,
    pending_reflections,
    set_lesson_status,
)
from jobdesk.services.rejections import (
    RejectionRecord,
    discard_rejection,
    get_rejection,
    rejection_context,
    save_rejection,
    start_rejection,
)
from jobdesk.services.stages import list_stages
from jobdesk.storage.store import Store
from tests.helpers import query


def _application(store: Store, company: str = "Acme", **extra: object) -> int:
    stage = list_stages(store.db)[3]  # Interview
    details = ApplicationDetails(fields={"company": company, "role": "Engineer"}, **extra)  # type: ignore[arg-type]
    return create_with_details(store.db, stage_id=stage.id, details=details)


def test_a_new_draft_is_prefilled_from_the_application(store: Store) -> None:
    application_id = _application(
        store,
        contacts=(
            ContactDetails("Rae Recruiter", "recruiter", email="rae@example.com"),
            ContactDetails("Hana Manager", "hiring_manager", email="hana@example.com"),
        ),
        interviews=(
            InterviewDetails(datetime(2026, 10, 1, 9), 1, confidence_after=2),
            InterviewDetails(datetime(2026, 10, 8, 9), 2, confidence_after=4),
        ),
    )
    stage_id = list_stages(store.db)[3].id
    record = start_rejection(store.db, application_id=application_id, stage_reached_id=stage_id)
    assert record.status == "draft"
    assert record.stage_reached_id == stage_id
    assert record.rejected_on == date.today()
    assert record.confidence_before == 4  # the latest interview's
    context = rejection_context(store.db, application_id=application_id)
    assert (context.contact_name, context.contact_email) == ("Hana Manager", "hana@example.com")
    # Starting again continues the same record.
    again = start_rejection(store.db, application_id=application_id, stage_reached_id=None)
    assert again == record
    assert query(store.database_path, "SELECT COUNT(*) FROM rejection") == [(1,)]


def test_a_record_round_trips_every_field(store: Store) -> None:
    application_id = _application(store)
    lesson = create_lesson(store.db, text="Practise out loud", category="interviewing")
    record = RejectionRecord(
        application_id=application_id,
        status="complete",
        draft_page=3,
        stage_reached_id=list_stages(store.db)[4].id,
        rejected_on=date(2026, 11, 2),
        channel="email",
        reason_given="We went with someone with more experience.\n\0 <b>",
        reason_category="experience",
        confidence_before=4,
        feedback_note="Dear Hana,",
        feedback_requested=True,
        feedback_requested_on=date(2026, 11, 3),
        feedback_follow_up_on=date(2026, 11, 10),
        feedback_received="More examples, please",
        feedback_received_on=date(2026, 11, 12),
        motivations="escape,interest",
        motivation_other="The commute",
        similarity=5,
        culture_notes="Fast",
        manager_notes="Kind",
        day_to_day_notes="Meetings",
        over_my_head=2,
        personality_fit=3,
        right_job=1,
        blessing_in_disguise=True,
        reflection_notes="שלום 日本 🙂",
        lesson_ids=(lesson,),
    )
    saved = save_rejection(store.db, record=record)
    assert saved == record
    assert get_rejection(store.db, application_id=application_id) == record


def test_a_refused_value_writes_nothing(store: Store) -> None:
    application_id = _application(store)
    record = start_rejection(store.db, application_id=application_id, stage_reached_id=None)
    for bad in (
        replace(record, confidence_before=9, reason_given="lost?"),
        replace(record, reason_category="bad luck", reason_given="lost?"),
        replace(record, motivations="interest,fame", reason_given="lost?"),
    ):
        with pytest.raises(ValidationError):
            save_rejection(store.db, record=bad)
    assert get_rejection(store.db, application_id=application_id) == record


def test_saving_for_a_missing_application_is_refused(store: Store) -> None:
    with pytest.raises(NotFoundError):
        save_rejection(store.db, record=RejectionRecord(application_id=999))
    assert query(store.database_path, "SELECT COUNT(*) FROM rejection") == [(0,)]


def test_discarding_removes_the_reflection_and_links_but_not_the_lessons(store: Store) -> None:
    application_id = _application(store)
    lesson = create_lesson(store.db, text="Research the team")
    record = start_rejection(store.db, application_id=application_id, stage_reached_id=None)
    save_rejection(store.db, record=replace(record, lesson_ids=(lesson,), similarity=3))
    discard_rejection(store.db, application_id=application_id)
    assert get_rejection(store.db, application_id=application_id) is None
    counts = query(
        store.database_path,
        "SELECT (SELECT COUNT(*) FROM reflection), (SELECT COUNT(*) FROM rejection_lesson),"
        " (SELECT COUNT(*) FROM lesson)",
    )
    assert counts == [(0, 0, 1)]


def test_linking_an_existing_lesson_counts_it_instead_of_copying(store: Store) -> None:
    first, second = _application(store, "Acme"), _application(store, "Globex")
    lesson = create_lesson(store.db, text="Show applicable experience more clearly")
    assert find_lesson(store.db, text="  show APPLICABLE experience   more clearly ") == lesson
    for application_id in (first, second):
        record = start_rejection(store.db, application_id=application_id, stage_reached_id=None)
        save_rejection(store.db, record=replace(record, lesson_ids=(lesson,)))
    row = get_lesson(store.db, lesson_id=lesson)
    assert row.rejection_count == 2
    assert {source.company for source in row.sources} == {"Acme", "Globex"}
    assert len(list_lessons(store.db)) == 1


def test_merging_moves_the_links_and_keeps_both_actions(store: Store) -> None:
    first, second = _application(store, "Acme"), _application(store, "Globex")
    keep = create_lesson(store.db, text="Practise", action="Mock interview weekly")
    fold = create_lesson(store.db, text="Practise answers", action="Record myself")
    for application_id, lessons in ((first, (keep, fold)), (second, (fold,))):
        record = start_rejection(store.db, application_id=application_id, stage_reached_id=None)
        save_rejection(store.db, record=replace(record, lesson_ids=lessons))
    merge_lessons(store.db, keep_id=keep, merge_id=fold)
    kept = get_lesson(store.db, lesson_id=keep)
    assert kept.rejection_count == 2
    assert kept.action == "Mock interview weekly\nRecord myself"
    with pytest.raises(NotFoundError):
        get_lesson(store.db, lesson_id=fold)
    with pytest.raises(ValidationError):
        merge_lessons(store.db, keep_id=keep, merge_id=keep)


def test_checklist_and_follow_ups(store: Store) -> None:
    application_id = _application(store)
    practise = create_lesson(store.db, text="Practise", category="interviewing")
    remind = create_lesson(store.db, text="Bring questions", for_interviews=True)
    create_lesson(store.db, text="Negotiate", category="negotiation")
    assert {lesson.id for lesson in interview_checklist(store.db)} == {practise, remind}
    set_lesson_status(store.db, lesson_id=practise, status="done")
    assert [lesson.id for lesson in interview_checklist(store.db)] == [remind]

    record = start_rejection(store.db, application_id=application_id, stage_reached_id=None)
    assert pending_reflections(store.db) == [(application_id, "Acme", "Engineer")]
    assert count_pending_reflections(store.db) == 1
    save_rejection(
        store.db,
        record=replace(
            record,
            feedback_requested=True,
            feedback_requested_on=date(2026, 1, 1),
            feedback_follow_up_on=date(2026, 1, 8),
        ),
    )
    assert [f.application_id for f in due_follow_ups(store.db)] == [application_id]
    assert count_due_follow_ups(store.db) == 1
    record = get_rejection(store.db, application_id=application_id)
    assert record is not None
    save_rejection(store.db, record=replace(record, feedback_received="Thanks for asking"))
    assert due_follow_ups(store.db) == []
    assert count_due_follow_ups(store.db) == 0


def test_lesson_text_is_required_and_choices_checked(store: Store) -> None:
    with pytest.raises(ValidationError):
        create_lesson(store.db, text="   ")
    with pytest.raises(ValidationError):
        create_lesson(store.db, text="Fine", status="forgotten")
    assert query(store.database_path, "SELECT COUNT(*) FROM lesson") == [(0,)]


def test_the_journal_groups_lessons_and_escapes_markup() -> None:
    lessons = [
        JournalLesson("Practise", LessonCategory.INTERVIEWING, "Mock interview", "open", ["Acme"]),
        JournalLesson('<img src="http://127.0.0.1:9/x">', "experience", "", "done", []),
    ]
    text = lessons_journal(lessons, written_on=date(2026, 11, 28))
    assert text.startswith("# Lessons journal")
    assert text.index("## Showing experience") < text.index("## Interviewing")
    assert r"\<img" in text
    assert re.search(r"(?<!\\)[<>]", text) is None  # no markup a viewer would render
    assert f"- Status: {LessonStatus.DONE.label}" in text


@given(st.text())
def test_escaped_markdown_keeps_every_visible_character(text: str) -> None:
    escaped = escape_markdown(text)
    unescaped = escaped.replace("  \n", "\n").replace("\\", "")
    expected = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "").replace("\\", "")
    assert unescaped == expected


def test_list_and_heading_markers_are_escaped_only_where_they_would_be_markup() -> None:
    assert escape_markdown("- not a list") == r"\- not a list"
    assert escape_markdown("1. not a list\n  + nor this") == "1\\. not a list  \n  \\+ nor this"
    assert escape_markdown("Acme — 2026-06-01 (v1.2)") == "Acme — 2026-06-01 (v1.2)"
    assert escape_markdown("# no heading") == r"\# no heading"
