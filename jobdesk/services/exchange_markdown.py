"""The lessons journal and the reflections, as one Markdown file to read on its own.

The lessons come first, as the lessons library exports them
(``domain.journal.lessons_journal``); then every rejection, most recent
first: what happened, the reason and feedback in the employer's words, the
answers on fit in words rather than numbers, the observations jobdesk made
from them, and the lessons kept. Everything a person typed goes through
``escape_markdown``, so it reads as typed and never becomes markup.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NamedTuple

from peewee import SqliteDatabase

from jobdesk.domain.dates import today
from jobdesk.domain.journal import escape_markdown, lessons_journal
from jobdesk.domain.reflection import FitAnswers, observations, parse_motivations
from jobdesk.domain.vocabulary import (
    SCALE_MAX,
    LabelledEnum,
    Motivation,
    ReasonCategory,
    RejectionChannel,
)
from jobdesk.private_files import write_private_file
from jobdesk.services.lessons import journal_lesson, list_lessons
from jobdesk.services.rejections import RejectionRecord, get_rejection
from jobdesk.storage.database import read_snapshot, tuples
from jobdesk.storage.models import Application, Rejection, Stage

log = logging.getLogger(__name__)

#: The fit scales in words: (question, what 1 means, what 5 means).
SCALES: tuple[tuple[str, str, str, str], ...] = (
    ("similarity", "Similar to your current or last job", "very different", "almost the same"),
    ("over_my_head", "In over your head", "well within my depth", "far over my head"),
    ("personality_fit", "Your personality", "it would have stifled me", "a good fit"),
    ("right_job", "The right job, in hindsight", "not right for me", "exactly right"),
)
CONFIDENCE_WORDS = ("not at all", "very sure")


class MarkdownCounts(NamedTuple):
    lessons: int
    reflections: int


@dataclass(frozen=True)
class ReflectionEntry:
    """One rejection as the journal tells it."""

    company: str
    role: str
    stage_reached: str
    record: RejectionRecord
    lessons: Sequence[str]


def one_line(text: str) -> str:
    return " ".join(text.split())


def scale_words(value: int | None, low: str, high: str) -> str:
    """ "4 of 5 (1 = very different, 5 = almost the same)"; "" when not answered."""
    if value is None or not 1 <= value <= SCALE_MAX:
        return ""
    if value == 1:
        return f"1 of {SCALE_MAX} ({low})"
    if value == SCALE_MAX:
        return f"{SCALE_MAX} of {SCALE_MAX} ({high})"
    return f"{value} of {SCALE_MAX} (1 = {low}, {SCALE_MAX} = {high})"


def _label(choices: type[LabelledEnum], value: str | None) -> str:
    if not value:
        return ""
    try:
        return choices(value).label
    except ValueError:
        return value


def _block(title: str, text: str) -> list[str]:
    """A titled paragraph of the person's own words, or nothing if they wrote none."""
    if not text.strip():
        return []
    return [f"**{title}**", "", escape_markdown(text.strip("\n")), ""]


def reflection_section(entry: ReflectionEntry) -> list[str]:
    record = entry.record
    title = " — ".join(part for part in (one_line(entry.company), one_line(entry.role)) if part)
    out = [f"## {escape_markdown(title or 'Untitled')}", ""]
    facts = [
        ("Rejected on", record.rejected_on.isoformat() if record.rejected_on else ""),
        ("Stage reached", escape_markdown(one_line(entry.stage_reached))),
        ("How you heard", _label(RejectionChannel, record.channel)),
        (
            "The reason, in a word",
            ""
            if record.reason_category == ReasonCategory.UNKNOWN.value
            else _label(ReasonCategory, record.reason_category),
        ),
        (
            "How sure you had felt",
            scale_words(record.confidence_before, *CONFIDENCE_WORDS),
        ),
        ("Reflection", "complete" if record.is_complete else "not finished yet"),
    ]
    out += [f"- {name}: {value}" for name, value in facts if value]
    out.append("")
    out += _block("The reason they gave", record.reason_given)
    received = "Their feedback"
    if record.feedback_received_on is not None:
        received += f" ({record.feedback_received_on.isoformat()})"
    out += _block(received, record.feedback_received)
    if record.feedback_requested and not record.feedback_received.strip():
        asked = record.feedback_requested_on
        out += [
            f"Feedback asked for{f' on {asked.isoformat()}' if asked else ''}, not yet received.",
            "",
        ]

    motivations = parse_motivations(record.motivations)
    drawn = [motivation.label for motivation in Motivation if motivation in motivations]
    if other := escape_markdown(one_line(record.motivation_other)):
        if Motivation.OTHER in motivations:
            drawn.remove(Motivation.OTHER.label)
        drawn.append(f"{Motivation.OTHER.label}: {other}")
    answers = [("What drew you to it", "; ".join(drawn))]
    answers += [
        (question, scale_words(getattr(record, name), low, high))
        for name, question, low, high in SCALES
    ]
    if record.blessing_in_disguise:
        answers.append(("A blessing in disguise", "perhaps"))
    if any(value for _name, value in answers):
        out += ["**How it fitted you**", ""]
        out += [f"- {name}: {value}" for name, value in answers if value]
        out.append("")
    out += _block("What you saw of the culture", record.culture_notes)
    out += _block("What you saw of the manager", record.manager_notes)
    out += _block("What you saw of the day-to-day", record.day_to_day_notes)
    out += _block("Your notes", record.reflection_notes)

    fit = FitAnswers(
        motivations=motivations,
        similarity=record.similarity,
        over_my_head=record.over_my_head,
        personality_fit=record.personality_fit,
        right_job=record.right_job,
        blessing_in_disguise=record.blessing_in_disguise,
    )
    if found := observations(fit):
        out += ["**Observations**", ""]
        out += [f"- {observation.text}" for observation in found]
        out.append("")
    if entry.lessons:
        out += ["**Lessons kept**", ""]
        out += [f"- {escape_markdown(one_line(lesson))}" for lesson in entry.lessons]
        out.append("")
    return out


def reflections_markdown(entries: Sequence[ReflectionEntry]) -> str:
    out = ["# Reflections", ""]
    if not entries:
        out += ["No rejections recorded yet.", ""]
    else:
        count = len(entries)
        out += [f"{count} rejection{'s' if count != 1 else ''}, most recent first.", ""]
    for entry in entries:
        out += reflection_section(entry)
    return "\n".join(out)


def reflection_entries(db: SqliteDatabase) -> list[ReflectionEntry]:
    """Every rejection with its reflection, most recent first."""
    lessons = {lesson.id: lesson.text for lesson in list_lessons(db)}
    with read_snapshot(db):
        stage_names = dict(tuples(Stage.select(Stage.id, Stage.name)))
        rows = tuples(
            Rejection.select(Application.id, Application.company, Application.role)
            .join(Application)
            .order_by(Rejection.rejected_on.desc(nulls="LAST"), Application.id)
        )
        entries = []
        for application_id, company, role in rows:
            record = get_rejection(db, application_id=application_id)
            if record is None:  # pragma: no cover (same snapshot)
                continue
            entries.append(
                ReflectionEntry(
                    company=company,
                    role=role,
                    stage_reached=stage_names.get(record.stage_reached_id or -1, ""),
                    record=record,
                    lessons=[lessons[i] for i in record.lesson_ids if i in lessons],
                )
            )
    return entries


def journal_markdown(
    db: SqliteDatabase, *, written_on: date | None = None
) -> tuple[str, MarkdownCounts]:
    lessons = [journal_lesson(lesson) for lesson in list_lessons(db)]
    entries = reflection_entries(db)
    text = (
        lessons_journal(lessons, written_on=written_on or today()).rstrip("\n")
        + "\n\n"
        + reflections_markdown(entries)
    )
    return text, MarkdownCounts(len(lessons), len(entries))


def export_markdown(
    db: SqliteDatabase, destination: Path, *, written_on: date | None = None
) -> MarkdownCounts:
    """Write the lessons journal and the reflections to *destination* (0600, atomically)."""
    text, counts = journal_markdown(db, written_on=written_on)
    write_private_file(destination, text.encode("utf-8"))
    log.info("Exported %d lessons and %d reflections as Markdown", *counts)
    return counts
