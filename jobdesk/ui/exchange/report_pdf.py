"""A printable proof-of-search report: what was applied for over a period, as a PDF.

Some unemployment offices ask for evidence of the search. The report lists
every application saved, applied for or moved between stages in the chosen
period: company, role, the date applied, where it stands now, and its stage
history with dates (steps outside the period in grey).

The page is HTML laid out by ``QTextDocument`` and printed by ``QPdfWriter``
(both in QtGui; a ``QGuiApplication`` must exist). Every piece of user text
is passed through ``html.escape``, so a company called ``<img src=…>`` is
printed as those characters; the document also refuses to load any resource.
The file is written atomically, readable by its owner only.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QUrl
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from jobdesk.domain.dates import today
from jobdesk.private_files import write_private_file
from jobdesk.services import Database
from jobdesk.services.exchange_csv import ApplicationHistory, applications_with_history

TITLE = "Job search activity"

STYLE = """
body { font-family: 'DejaVu Sans', 'Helvetica', 'Arial', sans-serif; font-size: 9pt;
       color: #1f2328; }
h1 { font-size: 17pt; font-weight: 600; margin: 0 0 4pt 0; }
p { margin: 0 0 3pt 0; }
.subtitle { font-size: 10.5pt; color: #3d444d; }
.summary { color: #3d444d; margin-top: 6pt; margin-bottom: 12pt; }
th { background-color: #e8edf3; color: #1f2328; font-weight: 600; text-align: left; }
td.company { font-weight: 600; }
.minor { color: #6a737d; font-size: 8pt; font-weight: normal; }
.outside { color: #8c959f; }
.footer { color: #6a737d; font-size: 8pt; margin-top: 12pt; }
"""


def long_date(day: date) -> str:
    """ "4 March 2026": no day/month order to misread."""
    return f"{day.day} {day:%B %Y}"


def short_date(day: date) -> str:
    """ "4 Mar 2026" as HTML that never breaks across lines."""
    return f"{day.day}&nbsp;{day:%b}&nbsp;{day.year}"


def in_period(application: ApplicationHistory, since: date, until: date) -> bool:
    """Whether the application was saved, applied for or moved between *since* and *until*."""
    fields = application.fields
    days = [fields.get("saved_on"), fields.get("applied_on")]
    days += [step.moved_on for step in application.history]
    return any(day is not None and since <= day <= until for day in days)


def _first_day(application: ApplicationHistory) -> date:
    fields = application.fields
    days = [fields.get("applied_on"), fields.get("saved_on")]
    days += [step.moved_on for step in application.history]
    return min((day for day in days if day is not None), default=date.max)


def report_applications(
    applications: Sequence[ApplicationHistory], *, since: date, until: date
) -> list[ApplicationHistory]:
    """Those active in the period, in the order they were applied for (or saved)."""
    chosen = [a for a in applications if in_period(a, since, until)]
    chosen.sort(key=lambda a: (_first_day(a), a.fields["id"]))
    return chosen


def _text(value: Any) -> str:
    """User text as HTML: escaped, line breaks kept."""
    return html.escape(str(value or "")).replace("\n", "<br>")


def _row(application: ApplicationHistory, since: date, until: date) -> str:
    fields = application.fields
    company = f"<span class='company'>{_text(fields['company']) or '—'}</span>"
    if fields.get("location"):
        company += f"<br><span class='minor'>{_text(fields['location'])}</span>"
    role = _text(fields["role"]) or "—"
    if fields.get("posting_url"):
        role += f"<br><span class='minor'>{_text(fields['posting_url'])}</span>"
    applied = fields.get("applied_on")
    steps = []
    for step in application.history:
        move = _text(step.to_stage)
        if step.from_stage is not None:
            move = f"{_text(step.from_stage)} → {move}"
        line = f"{short_date(step.moved_on)}: {move}"
        if not since <= step.moved_on <= until:
            line = f"<span class='outside'>{line}</span>"
        steps.append(line)
    stage = _text(application.stage)
    if fields.get("archived"):
        stage += "<br><span class='minor'>archived</span>"
    cells = (
        f"<td class='company'>{company}</td>",
        f"<td>{role}</td>",
        f"<td>{short_date(applied) if applied else '—'}</td>",
        f"<td>{stage}</td>",
        f"<td>{'<br>'.join(steps)}</td>",
    )
    return f"<tr>{''.join(cells)}</tr>"


def report_html(
    applications: Sequence[ApplicationHistory],
    *,
    since: date,
    until: date,
    person_name: str = "",
    made_on: date | None = None,
) -> str:
    """The report as HTML: every piece of user text escaped."""
    chosen = report_applications(applications, since=since, until=until)
    applied = sum(
        1
        for a in chosen
        if a.fields.get("applied_on") is not None and since <= a.fields["applied_on"] <= until
    )
    period = f"{long_date(since)} to {long_date(until)}"
    parts = [
        "<html><head><meta charset='utf-8'>",
        f"<title>{html.escape(TITLE)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{html.escape(TITLE)}</h1>",
        f"<p class='subtitle'>{period}</p>",
    ]
    if person_name.strip():
        parts.append(f"<p class='subtitle'>{_text(person_name.strip())}</p>")
    count = len(chosen)
    parts.append(
        f"<p class='summary'>{count} application{'s' if count != 1 else ''} active in this "
        f"period; {applied} applied for in it.</p>"
    )
    if chosen:
        parts.append(
            "<table width='100%' cellspacing='0' cellpadding='4' border='0'>"
            "<thead><tr><th width='18%'>Company</th><th width='20%'>Role</th>"
            "<th width='15%'>Applied</th><th width='13%'>Stage now</th>"
            "<th width='34%'>Stage history</th></tr></thead><tbody>"
        )
        for number, application in enumerate(chosen):
            row = _row(application, since, until)
            if number % 2:
                row = row.replace("<tr>", "<tr style='background-color: #f6f8fa;'>", 1)
            parts.append(row)
        parts.append("</tbody></table>")
    else:
        parts.append("<p>No applications were saved, sent or moved in this period.</p>")
    parts.append(
        f"<p class='footer'>Made with jobdesk on {long_date(made_on or today())}. "
        "Dates are as recorded in jobdesk; stage changes outside the period are shown in grey.</p>"
        "</body></html>"
    )
    return "".join(parts)


class OfflineDocument(QTextDocument):
    """A text document that loads nothing: no images, no style sheets, local or remote."""

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        return None


def render_pdf(page_html: str, *, title: str = TITLE) -> bytes:
    """Lay out *page_html* on A4 pages (numbered) and return the PDF's bytes."""
    if QGuiApplication.instance() is None:
        raise RuntimeError("A QGuiApplication must exist to lay out the report.")
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("jobdesk")
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    # QTextDocument.print_ adds its own 2 cm margin and the page numbers.
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    document = OfflineDocument()
    document.setHtml(page_html)
    document.print_(writer)
    buffer.close()
    return bytes(data.data())


def write_search_report(
    db: Database, destination: Path, *, since: date, until: date, person_name: str = ""
) -> int:
    """Write the proof-of-search report for *since*..*until* to *destination*; return how many
    applications it lists. The PDF is written atomically with mode 0600."""
    if until < since:
        raise ValueError("The period ends before it starts.")
    applications = applications_with_history(db)
    page = report_html(applications, since=since, until=until, person_name=person_name)
    write_private_file(
        destination, render_pdf(page, title=f"{TITLE}, {long_date(since)} to {long_date(until)}")
    )
    return len(report_applications(applications, since=since, until=until))
