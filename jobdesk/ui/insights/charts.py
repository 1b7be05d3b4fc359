"""Drawing the Insights charts with matplotlib, in the colours of the Qt palette.

Importing this module imports matplotlib (about a fifth of a second), so only
the Insights view imports it, and only the code that opens that view imports
the view. Each ``draw_*`` function clears a figure, draws one chart and
returns a hover function: given a mouse event over the canvas, the words to
show for what is under the pointer (or None).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backend_bases import MouseEvent
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from jobdesk.services.insights import InsightsData
from jobdesk.ui.insights.numbers import (
    CONFIDENCE,
    FUNNEL,
    LESSONS,
    MOTIVATION,
    REASONS,
    REJECTIONS,
    WEEKLY,
)

Hover = Callable[[MouseEvent], str | None]
#: Series colours that read on light and dark backgrounds alike (the
#: default stage colours of Offer, Accepted and Rejected).
AMBER = "#e0a526"
GREEN = "#3aa757"
RED = "#d9534f"
LABEL_LENGTH = 32


@dataclass(frozen=True)
class ChartStyle:
    """Colours (``#rrggbb``) and text size taken from the widget's palette and font."""

    background: str = "#ffffff"
    text: str = "#202020"
    muted: str = "#707070"
    grid: str = "#d0d0d0"
    accent: str = "#3071c0"
    font_size: float = 9.0


def short(label: str) -> str:
    """A label cut to fit beside a bar; the numbers table has it whole."""
    return label if len(label) <= LABEL_LENGTH else label[: LABEL_LENGTH - 1] + "…"


def _axes(figure: Figure, style: ChartStyle) -> Axes:
    figure.clear()
    figure.set_facecolor(style.background)
    axes = figure.add_subplot()
    axes.set_facecolor(style.background)
    for side, spine in axes.spines.items():
        spine.set_visible(side in ("left", "bottom"))
        spine.set_color(style.grid)
    axes.tick_params(colors=style.muted, labelcolor=style.text, labelsize=style.font_size)
    axes.set_axisbelow(True)
    return axes


def _legend(
    axes: Axes, style: ChartStyle, columns: int, handles: Sequence[Any] | None = None
) -> None:
    legend = axes.legend(
        **({} if handles is None else {"handles": list(handles)}),
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=columns,
        frameon=False,
        fontsize=style.font_size,
        handlelength=1.2,
    )
    for text in legend.get_texts():
        text.set_color(style.text)


def _empty(figure: Figure, style: ChartStyle, message: str) -> Hover:
    axes = _axes(figure, style)
    axes.set_axis_off()
    axes.text(
        0.5,
        0.5,
        message,
        ha="center",
        va="center",
        color=style.muted,
        fontsize=style.font_size + 1,
        transform=axes.transAxes,
    )
    return lambda event: None


def _artist_hover(targets: Sequence[tuple[Artist, str]]) -> Hover:
    def hover(event: MouseEvent) -> str | None:
        for artist, text in targets:
            if artist.contains(event)[0]:
                return text
        return None

    return hover


def _horizontal_bars(
    figure: Figure,
    style: ChartStyle,
    *,
    labels: Sequence[str],
    counts: Sequence[int],
    notes: Sequence[str],
    color: str,
) -> Hover:
    """One bar per label, top to bottom, each with its count written at its end."""
    axes = _axes(figure, style)
    positions = range(len(labels))
    bars = axes.barh(positions, counts, color=color, height=0.66)
    axes.set_yticks(list(positions), [short(label) for label in labels])
    axes.invert_yaxis()
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.grid(axis="x", color=style.grid, linewidth=0.6)
    axes.spines["left"].set_visible(False)
    axes.tick_params(axis="y", length=0)
    axes.bar_label(bars, [f" {note}" for note in notes], color=style.text, fontsize=style.font_size)
    axes.set_xlim(0, max(max(counts, default=0), 1) * 1.28)
    return _artist_hover(
        [(bar, f"{label}: {note}") for bar, label, note in zip(bars, labels, notes, strict=True)]
    )


def draw_funnel(figure: Figure, data: InsightsData, style: ChartStyle) -> Hover:
    if not data.applications:
        return _empty(figure, style, "No applications for these filters.")
    steps = data.funnel
    return _horizontal_bars(
        figure,
        style,
        labels=[step.name for step in steps],
        counts=[step.reached for step in steps],
        notes=[f"{step.reached:,} ({step.share:.0%})" for step in steps],
        color=style.accent,
    )


def draw_rejections(figure: Figure, data: InsightsData, style: ChartStyle) -> Hover:
    rows = data.rejections_by_stage
    if not rows:
        return _empty(figure, style, "No rejections for these filters.")
    return _horizontal_bars(
        figure,
        style,
        labels=[row.label for row in rows],
        counts=[row.count for row in rows],
        notes=[f"{row.count:,} ({row.share:.0%})" for row in rows],
        color=RED,
    )


def draw_reasons(figure: Figure, data: InsightsData, style: ChartStyle) -> Hover:
    rows = data.reasons
    if not rows:
        return _empty(figure, style, "No rejections for these filters.")
    return _horizontal_bars(
        figure,
        style,
        labels=[row.label for row in rows],
        counts=[row.count for row in rows],
        notes=[f"{row.count:,} ({row.share:.0%})" for row in rows],
        color=style.accent,
    )


def draw_motivation(figure: Figure, data: InsightsData, style: ChartStyle) -> Hover:
    rows = data.motivations
    if not rows:
        return _empty(figure, style, "No reflections with motivations for these filters.")
    axes = _axes(figure, style)
    series: tuple[tuple[str, str, str], ...] = (
        ("Reached an interview", "reached_interview", style.accent),
        ("Reached an offer", "reached_offer", AMBER),
        ("Accepted", "accepted", GREEN),
    )
    # Reflections come from rejections, so "accepted" is usually empty: a
    # series with nothing in it gets no bars (the table still lists it).
    series = tuple(s for s in series if any(getattr(row, s[1]) for row in rows)) or series[:1]
    height = 0.8 / len(series)
    targets: list[tuple[Artist, str]] = []
    for offset, (name, attribute, color) in enumerate(series):
        shares = [100 * getattr(row, attribute) / row.applications for row in rows]
        shift = (offset - (len(series) - 1) / 2) * height
        positions = [index + shift for index in range(len(rows))]
        bars = axes.barh(positions, shares, height=height * 0.92, color=color, label=name)
        for bar, row in zip(bars, rows, strict=True):
            reached = getattr(row, attribute)
            targets.append(
                (bar, f"{row.label}: {name.lower()} {reached:,} of {row.applications:,}")
            )
    axes.set_yticks(range(len(rows)), [short(row.label) for row in rows])
    axes.invert_yaxis()
    axes.xaxis.set_major_formatter(PercentFormatter(decimals=0))
    axes.set_xlim(0, None)
    axes.grid(axis="x", color=style.grid, linewidth=0.6)
    axes.spines["left"].set_visible(False)
    axes.tick_params(axis="y", length=0)
    _legend(axes, style, 3)
    return _artist_hover(targets)


def draw_confidence(figure: Figure, data: InsightsData, style: ChartStyle) -> Hover:
    levels = data.confidence.levels
    if not levels:
        return _empty(figure, style, "No confidence recorded for these filters.")
    axes = _axes(figure, style)
    names = [str(level.level) for level in levels]
    bottoms = [0.0] * len(levels)
    targets: list[tuple[Artist, str]] = []
    for name, attribute, color in (
        ("Offer", "offers", GREEN),
        ("Rejected", "rejected", RED),
        ("Other or open", "other", style.muted),
    ):
        shares = [100 * getattr(level, attribute) / level.applications for level in levels]
        bars = axes.bar(names, shares, bottom=bottoms, color=color, width=0.6, label=name)
        for bar, level, share in zip(bars, levels, shares, strict=True):
            count = getattr(level, attribute)
            targets.append(
                (
                    bar,
                    f"Felt {level.level} of 5: {name.lower()} {count:,} "
                    f"of {level.applications:,} ({share:.0f}%)",
                )
            )
        bottoms = [bottom + share for bottom, share in zip(bottoms, shares, strict=True)]
    axes.set_xlabel("How sure you felt (1 not at all – 5 very sure)", color=style.text)
    axes.xaxis.label.set_fontsize(style.font_size)
    axes.yaxis.set_major_formatter(PercentFormatter(decimals=0))
    axes.set_ylim(0, 100)
    axes.grid(axis="y", color=style.grid, linewidth=0.6)
    _legend(axes, style, 3)
    return _artist_hover(targets)


def draw_lessons(figure: Figure, data: InsightsData, style: ChartStyle) -> Hover:
    rows = data.lessons
    if not rows:
        return _empty(figure, style, "No lessons for these filters.")
    axes = _axes(figure, style)
    positions = list(range(len(rows)))
    lefts = [0] * len(rows)
    targets: list[tuple[Artist, str]] = []
    for name, attribute, color in (
        ("Open", "open", style.accent),
        ("Practising", "practising", AMBER),
        ("Done", "done", GREEN),
    ):
        counts = [getattr(row, attribute) for row in rows]
        bars = axes.barh(positions, counts, left=lefts, color=color, height=0.6, label=name)
        for bar, row, count in zip(bars, rows, counts, strict=True):
            targets.append((bar, f"{row.label}: {count} {name.lower()} of {row.total}"))
        lefts = [left + count for left, count in zip(lefts, counts, strict=True)]
    axes.set_yticks(positions, [short(row.label) for row in rows])
    axes.invert_yaxis()
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.grid(axis="x", color=style.grid, linewidth=0.6)
    axes.spines["left"].set_visible(False)
    axes.tick_params(axis="y", length=0)
    _legend(axes, style, 3)
    return _artist_hover(targets)


def draw_weekly(figure: Figure, data: InsightsData, style: ChartStyle) -> Hover:
    weeks = data.weekly
    if not weeks:
        return _empty(figure, style, "No activity for these filters.")
    axes = _axes(figure, style)
    positions = list(range(len(weeks)))
    applied = axes.bar(
        positions, [w.applied for w in weeks], color=style.accent, width=0.7, label="Applied"
    )
    (saved,) = axes.plot(
        positions,
        [w.saved for w in weeks],
        color=style.muted,
        linestyle="--",
        linewidth=1.4,
        label="Saved",
    )
    (moves,) = axes.plot(
        positions, [w.moves for w in weeks], color=AMBER, linewidth=1.8, label="Moves"
    )
    step = max(1, len(weeks) // 8)
    shown = positions[::step]
    axes.set_xticks(shown, [f"{weeks[i].week_start.day} {weeks[i].week_start:%b}" for i in shown])
    axes.set_xlim(-0.6, len(weeks) - 0.4)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.grid(axis="y", color=style.grid, linewidth=0.6)
    _legend(axes, style, 3, handles=[applied, saved, moves])

    def hover(event: MouseEvent) -> str | None:
        if event.inaxes is not axes or event.xdata is None:
            return None
        index = round(event.xdata)
        if not 0 <= index < len(weeks):
            return None
        week = weeks[index]
        return (
            f"Week of {week.week_start.day} {week.week_start:%b %Y} ({week.label}): "
            f"{week.saved:,} saved, {week.applied:,} applied, {week.moves:,} moves"
        )

    return hover


DRAWERS: dict[str, Callable[[Figure, InsightsData, ChartStyle], Hover]] = {
    FUNNEL: draw_funnel,
    REJECTIONS: draw_rejections,
    REASONS: draw_reasons,
    MOTIVATION: draw_motivation,
    CONFIDENCE: draw_confidence,
    LESSONS: draw_lessons,
    WEEKLY: draw_weekly,
}
