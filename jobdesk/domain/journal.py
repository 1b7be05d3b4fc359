"""The lessons journal: lessons learned, written out as Markdown to read on their own.

User text is escaped so that what a person typed reads as they typed it in
any Markdown viewer: a ``<img src=…>`` in a note stays text and never loads.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from jobdesk.domain.vocabulary import LessonCategory, LessonStatus

# Backslash-escape what Markdown (CommonMark) could read as markup anywhere in a line…
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~&])")
# …and what starts a list or a heading only at the start of a line ("- ", "+ ", "1. ").
_LINE_START_MARKUP = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")


@dataclass(frozen=True)
class JournalLesson:
    text: str
    category: str
    action: str
    status: str
    learned_from: Sequence[str]  # "Company — Role (2026-05-01)" per rejection


def escape_markdown(text: str) -> str:
    """*text* with Markdown markup characters escaped and line breaks kept."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "").split("\n")
    escaped = (_MARKDOWN_SPECIAL.sub(r"\\\1", line) for line in lines)
    return "  \n".join(_LINE_START_MARKUP.sub(_escape_line_start, line) for line in escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker = match.group(1), match.group(2)
    if marker.isdigit():  # "1." or "1)": escape the punctuation after the number
        return f"{indent}{marker}\\"
    return f"{indent}\\{marker}"


def _label(enum: type[LessonCategory] | type[LessonStatus], value: str) -> str:
    try:
        return enum(value).label
    except ValueError:
        return value


def lessons_journal(lessons: Sequence[JournalLesson], *, written_on: date) -> str:
    """The journal: lessons grouped by category, each with its action, status and sources."""
    out = [
        "# Lessons journal",
        "",
        f"Written by jobdesk on {written_on.isoformat()}. "
        f"{len(lessons)} lesson{'s' if len(lessons) != 1 else ''}.",
        "",
    ]
    if not lessons:
        out += ["No lessons yet. They are added when you reflect on a rejection.", ""]
    order = {category.value: number for number, category in enumerate(LessonCategory)}
    by_category: dict[str, list[JournalLesson]] = {}
    for lesson in sorted(lessons, key=lambda item: order.get(item.category, len(order))):
        by_category.setdefault(lesson.category, []).append(lesson)
    for category, group in by_category.items():
        out += [f"## {escape_markdown(_label(LessonCategory, category))}", ""]
        for lesson in group:
            out += [f"### {escape_markdown(lesson.text)}", ""]
            out.append(f"- Status: {_label(LessonStatus, lesson.status)}")
            if lesson.action.strip():
                out.append(f"- Next step: {escape_markdown(lesson.action)}")
            if lesson.learned_from:
                sources = "; ".join(escape_markdown(source) for source in lesson.learned_from)
                out.append(f"- Learned from: {sources}")
            out.append("")
    return "\n".join(out)
