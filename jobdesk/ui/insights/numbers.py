"""The numbers shown beside each chart: a title, a table and a sentence or two.

Plain formatting of ``InsightsData``; nothing here draws. The chart keys are
the automation names of the panels (``save_chart_png(key, path)``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jobdesk.domain.insights import Calibration
from jobdesk.services.insights import InsightsData

FUNNEL = "funnel"
REJECTIONS = "rejections"
REASONS = "reasons"
MOTIVATION = "motivation"
CONFIDENCE = "confidence"
LESSONS = "lessons"
WEEKLY = "weekly"
#: Every chart, in the order the view shows them.
CHART_KEYS = (FUNNEL, REJECTIONS, REASONS, MOTIVATION, CONFIDENCE, LESSONS, WEEKLY)

CONFIDENCE_LABELS = {1: "1 · not at all", 2: "2", 3: "3", 4: "4", 5: "5 · very sure"}


@dataclass(frozen=True)
class ChartNumbers:
    key: str
    title: str
    #: What the chart counts, in a sentence.
    explanation: str
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    #: A finding worth reading on its own (the calibration, say); may be empty.
    note: str = ""
    #: Shown instead of the chart when there are no rows.
    empty: str = "Nothing to show for these filters."


def percent(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


def count_and_share(part: int, whole: int) -> str:
    return f"{part:,} ({percent(part, whole)})"


def funnel_numbers(data: InsightsData) -> ChartNumbers:
    rows: list[tuple[str, ...]] = []
    previous = None
    for step in data.funnel:
        of_previous = "–" if previous is None else percent(step.reached, previous)
        rows.append((step.name, f"{step.reached:,}", f"{step.share:.0%}", of_previous))
        previous = step.reached
    return ChartNumbers(
        FUNNEL,
        "How far applications got",
        "Each stage counts the applications that reached it or went further.",
        ("Stage", "Reached", "Of all", "Of previous"),
        rows,
        empty="No applications for these filters.",
    )


def rejections_numbers(data: InsightsData) -> ChartNumbers:
    return ChartNumbers(
        REJECTIONS,
        "Where rejections happen",
        "The furthest stage each rejected application had reached.",
        ("Stage reached", "Rejections", "Share"),
        [(row.label, f"{row.count:,}", f"{row.share:.0%}") for row in data.rejections_by_stage],
        empty="No rejections for these filters.",
    )


def reasons_numbers(data: InsightsData) -> ChartNumbers:
    return ChartNumbers(
        REASONS,
        "Reasons given",
        "Rejections by the kind of reason the employer gave.",
        ("Reason", "Rejections", "Share"),
        [(row.label, f"{row.count:,}", f"{row.share:.0%}") for row in data.reasons],
        empty="No rejections for these filters.",
    )


def motivation_numbers(data: InsightsData) -> ChartNumbers:
    return ChartNumbers(
        MOTIVATION,
        "Motivation and how far it got",
        "What drew you to each rejected application, from your reflections; "
        "one with two motivations counts under both.",
        ("Motivation", "Applications", "Interview", "Offer", "Accepted"),
        [
            (
                row.label,
                f"{row.applications:,}",
                count_and_share(row.reached_interview, row.applications),
                count_and_share(row.reached_offer, row.applications),
                count_and_share(row.accepted, row.applications),
            )
            for row in data.motivations
        ],
        empty="No reflections with motivations for these filters.",
    )


def calibration_note(calibration: Calibration) -> str:
    """How well gut feeling predicted results, in plain words."""
    sentences = []
    if calibration.confident_rejected_share is not None:
        sentences.append(
            f"When you felt sure (4–5), {calibration.confident_rejected_share:.0%} of "
            f"{calibration.confident:,} decided applications still ended in a rejection."
        )
    if calibration.unsure_offered_share is not None:
        sentences.append(
            f"When you felt unsure (1–2), {calibration.unsure_offered_share:.0%} of "
            f"{calibration.unsure:,} led to an offer."
        )
    if calibration.matched_share is not None:
        sentences.append(
            f"Your gut feeling matched the result {calibration.matched_share:.0%} of the time."
        )
    return " ".join(sentences)


def confidence_numbers(data: InsightsData) -> ChartNumbers:
    return ChartNumbers(
        CONFIDENCE,
        "Confidence and outcome",
        "How sure you felt (before the news, or after the last interview) "
        "against what happened. An offer counts even if a rejection followed.",
        ("Confidence", "Applications", "Offer", "Rejected", "Other"),
        [
            (
                CONFIDENCE_LABELS[row.level],
                f"{row.applications:,}",
                count_and_share(row.offers, row.applications),
                count_and_share(row.rejected, row.applications),
                count_and_share(row.other, row.applications),
            )
            for row in data.confidence.levels
        ],
        note=calibration_note(data.confidence.calibration),
        empty="No confidence recorded for these filters.",
    )


def lessons_numbers(data: InsightsData) -> ChartNumbers:
    return ChartNumbers(
        LESSONS,
        "Lessons by category",
        "Lessons learned from these applications' rejections, by how far along you are.",
        ("Category", "Open", "Practising", "Done", "Total"),
        [
            (row.label, str(row.open), str(row.practising), str(row.done), str(row.total))
            for row in data.lessons
        ],
        empty="No lessons for these filters.",
    )


def weekly_numbers(data: InsightsData) -> ChartNumbers:
    return ChartNumbers(
        WEEKLY,
        "Weekly activity",
        "Applications saved and sent, and cards moved, per week (Monday to Sunday).",
        ("Week", "Saved", "Applied", "Moves"),
        [
            (
                f"{week.week_start.day} {week.week_start:%b %Y}",
                f"{week.saved:,}",
                f"{week.applied:,}",
                f"{week.moves:,}",
            )
            for week in data.weekly
        ],
        empty="No activity for these filters.",
    )


def chart_numbers(data: InsightsData) -> dict[str, ChartNumbers]:
    """Every chart's numbers, by key, in display order."""
    builders = (
        funnel_numbers,
        rejections_numbers,
        reasons_numbers,
        motivation_numbers,
        confidence_numbers,
        lessons_numbers,
        weekly_numbers,
    )
    numbers = [build(data) for build in builders]
    return {entry.key: entry for entry in numbers}
