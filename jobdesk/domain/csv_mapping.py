"""Reading a spreadsheet's rows as applications: which column is what, and what each cell means.

Pure rules, no files and no database: the service reads the file into a
``CsvTable``; ``guess_mapping`` proposes a field for each column from its
header, the person corrects it, and ``plan_import`` turns every row into an
``ImportRow`` ready to be written, or a ``RowProblem`` saying which row and
why. Row numbers are the spreadsheet's: the header is row 1, so the first
application is row 2, however many line breaks the cells above it hold.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from jobdesk.domain.applications import (
    FIELD_LABELS,
    ValidationError,
    check_application_whole,
    clean_application_fields,
)
from jobdesk.domain.stages import StageKind
from jobdesk.domain.vocabulary import WorkMode


@dataclass(frozen=True, slots=True)
class CsvRecord:
    line: int  # the row number a spreadsheet shows (the header is 1)
    cells: tuple[str, ...]


@dataclass(frozen=True)
class CsvTable:
    """A file's header and rows, every row as wide as the widest (short rows padded)."""

    headers: tuple[str, ...]
    records: tuple[CsvRecord, ...]
    encoding: str = "utf-8"
    delimiter: str = ","
    notices: tuple[str, ...] = ()  # things the person should know, e.g. the encoding guessed

    @property
    def width(self) -> int:
        return len(self.headers)


#: What a column can be imported as, in the order the choices are offered.
IMPORT_FIELDS: tuple[tuple[str, str], ...] = (
    ("company", "Company"),
    ("role", "Role"),
    ("stage", "Stage (status)"),
    ("applied_on", "Date applied"),
    ("saved_on", "Date saved"),
    ("closed_on", "Date closed"),
    ("location", "Location"),
    ("work_mode", "Work mode"),
    ("salary_text", "Salary (as written)"),
    ("salary_min", "Lowest salary"),
    ("salary_max", "Highest salary"),
    ("salary_currency", "Currency"),
    ("posting_url", "Posting link"),
    ("source", "Source"),
    ("tags", "Tags"),
    ("notes", "Notes"),
    ("excitement", "Excitement (0–5)"),
    ("next_action", "Next action"),
    ("next_action_on", "Next action date"),
    ("job_description", "Job description"),
    ("archived", "Archived"),
)
FIELD_NAMES = dict(IMPORT_FIELDS)
#: Fields several columns may go to: their texts are joined, a blank line apart.
JOINABLE_FIELDS = frozenset({"notes"})

#: Header words per field, compared as letters and digits only ("Date_applied" = "date applied").
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "company": ("company", "companyname", "employer", "organisation", "organization", "firm"),
    "role": ("role", "position", "title", "jobtitle", "job", "positiontitle", "jobrole"),
    "stage": ("stage", "status", "state", "currentstage", "applicationstatus"),
    "applied_on": ("dateapplied", "appliedon", "applied", "applicationdate", "applieddate", "date"),
    "saved_on": ("savedon", "datesaved", "saved", "dateadded", "added"),
    "closed_on": ("closedon", "dateclosed", "closed"),
    "location": ("location", "city", "place"),
    "work_mode": ("workmode", "remote", "workplace", "remoteonsite", "onsiteremote"),
    "salary_text": ("salary", "pay", "compensation", "salarynotes", "salaryrange"),
    "salary_min": ("lowestsalary", "salarymin", "minsalary", "minimumsalary", "salaryfrom"),
    "salary_max": ("highestsalary", "salarymax", "maxsalary", "maximumsalary", "salaryto"),
    "salary_currency": ("currency", "salarycurrency"),
    "posting_url": ("link", "url", "postinglink", "postingurl", "joblink", "joburl", "posting"),
    "source": ("source", "foundvia", "via", "jobboard", "platform", "foundon"),
    "tags": ("tags", "tag", "labels"),
    "notes": ("notes", "note", "comments", "comment", "remarks"),
    "excitement": ("excitement", "excited"),
    "next_action": ("nextaction", "nextstep", "todo"),
    "next_action_on": ("nextactiondate", "nextactionon", "followup", "followupdate"),
    "job_description": ("jobdescription", "description"),
    "archived": ("archived",),
}
#: Headers never guessed as anything: jobdesk's own export writes them, and they are not imported.
IGNORED_HEADERS = frozenset({"id", "stagehistory"})

_EXACT = {word: name for name, words in HEADER_SYNONYMS.items() for word in words}


def header_key(header: str) -> str:
    """How headers are compared: case-folded letters and digits only."""
    return "".join(character for character in header.casefold() if character.isalnum())


def column_letter(index: int) -> str:
    """The spreadsheet's name for column *index* (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def guess_mapping(headers: Sequence[str]) -> tuple[str | None, ...]:
    """A field for each column from its header, or None; each field at most once.

    Exact synonyms win, left to right; then a header containing a longer
    synonym ("Application status", "Salary expectations").
    """
    keys = [header_key(header) for header in headers]
    chosen: list[str | None] = [None] * len(keys)
    taken: set[str] = set()
    for index, key in enumerate(keys):
        name = _EXACT.get(key)
        if name is not None and name not in taken and key not in IGNORED_HEADERS:
            chosen[index] = name
            taken.add(name)
    for index, key in enumerate(keys):
        if chosen[index] is not None or key in IGNORED_HEADERS or not key:
            continue
        found = [
            (len(word), name)
            for word, name in _EXACT.items()
            if len(word) >= 5 and word in key and name not in taken
        ]
        if found:
            name = max(found)[1]  # the longest synonym says the most
            chosen[index] = name
            taken.add(name)
    return tuple(chosen)


# -- stages ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StageChoice:
    id: int
    name: str
    kind: StageKind
    hidden: bool = False


#: Status words other trackers use, by the kind of stage they mean.
STATUS_SYNONYMS: dict[str, StageKind] = {
    **dict.fromkeys(("saved", "bookmarked", "toapply", "interested", "wishlist"), StageKind.OPEN),
    **dict.fromkeys(("applied", "submitted", "screening", "phonescreen"), StageKind.ACTIVE),
    **dict.fromkeys(("interview", "interviewing", "interviewed"), StageKind.INTERVIEW),
    **dict.fromkeys(("offer", "offered", "offerreceived"), StageKind.OFFER),
    **dict.fromkeys(("accepted", "hired"), StageKind.ACCEPTED),
    **dict.fromkeys(("rejected", "declined", "notselected", "turneddown"), StageKind.REJECTED),
    **dict.fromkeys(("withdrawn", "withdrew"), StageKind.WITHDRAWN),
    **dict.fromkeys(("ghosted", "noresponse", "noreply", "noanswer"), StageKind.GHOSTED),
}


def match_stage(status: str, stages: Sequence[StageChoice]) -> int | None:
    """The stage a status names (by name, case-insensitive), else by a common word; or None."""
    wanted = " ".join(status.split()).casefold()
    if not wanted:
        return None
    for stage in stages:
        if " ".join(stage.name.split()).casefold() == wanted:
            return stage.id
    kind = STATUS_SYNONYMS.get(header_key(status))
    if kind is not None:
        of_kind = [stage for stage in stages if stage.kind is kind]
        of_kind.sort(key=lambda stage: stage.hidden)  # visible ones first, board order kept
        if of_kind:
            return of_kind[0].id
    return None


# -- cell values -----------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_TIME_AFTER = r"(?:[tT ,]\s*\d{1,2}:\d{2}.*)?"
_YEAR_FIRST = re.compile(rf"(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}}){_TIME_AFTER}")
_NUMERIC = re.compile(rf"(\d{{1,2}})[-/.](\d{{1,2}})[-/.](\d{{4}}|\d{{2}}){_TIME_AFTER}")
_DAY_MONTH_NAME = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\.?\s+([a-z]+)\.?,?\s+(\d{4})")
_MONTH_NAME_DAY = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")


def parse_date(text: str, *, day_first: bool) -> date:
    """A calendar date from the ways spreadsheets write one, or ValueError saying so.

    ``2026-05-04`` always; ``04/05/2026`` as 4 May (*day_first*) or 5 April;
    ``4 May 2026``, ``May 4, 2026``; a time after the date is ignored.
    """
    value = text.strip().casefold()
    try:
        if match := _YEAR_FIRST.fullmatch(value):
            year, month, day = (int(part) for part in match.groups())
            return date(year, month, day)
        if match := _NUMERIC.fullmatch(value):
            first, second, year = (int(part) for part in match.groups())
            if len(match.group(3)) == 2:
                year += 2000
            day, month = (first, second) if day_first else (second, first)
            return date(year, month, day)
        if (match := _DAY_MONTH_NAME.fullmatch(value)) and match.group(2) in _MONTHS:
            return date(int(match.group(3)), _MONTHS[match.group(2)], int(match.group(1)))
        if (match := _MONTH_NAME_DAY.fullmatch(value)) and match.group(1) in _MONTHS:
            return date(int(match.group(3)), _MONTHS[match.group(1)], int(match.group(2)))
    except ValueError:
        raise ValueError("is not a date in the calendar") from None
    raise ValueError("is not a date jobdesk can read (write it like 2026-05-04)")


def guess_day_first(values: Sequence[str]) -> bool | None:
    """Whether ``04/05/2026``-style dates in *values* put the day first; None if they never say."""
    day_first = month_first = 0
    for value in values:
        match = _NUMERIC.fullmatch(value.strip())
        if match:
            first, second = int(match.group(1)), int(match.group(2))
            day_first += first > 12
            month_first += second > 12
    if day_first == month_first:
        return None
    return day_first > month_first


def parse_whole_number(text: str) -> int:
    """A salary as spreadsheets write it: ``55000``, ``55,000``, ``55 000``, ``€55k``."""
    value = re.sub(r"[\s'_\u00a0\u202f$€£¥₹]", "", text)
    multiplier = 1
    if value[-1:] in ("k", "K"):
        multiplier, value = 1000, value[:-1]
    if re.fullmatch(r"[0-9]{1,3}(?:([,.])[0-9]{3})(?:\1[0-9]{3})*", value):
        value = re.sub(r"[,.]", "", value)
    elif match := re.fullmatch(r"([0-9]+)[.,]([0-9]{1,3})", value):
        if multiplier == 1 and set(match.group(2)) != {"0"}:
            raise ValueError("is not a whole number")
        return round(float(f"{match.group(1)}.{match.group(2)}") * multiplier)
    if not re.fullmatch(r"[0-9]{1,15}", value):
        raise ValueError("is not a whole number")
    return int(value) * multiplier


def parse_work_mode(text: str) -> str:
    key = header_key(text)
    for mode in WorkMode:
        if key in (header_key(mode.value), header_key(mode.label)):
            return mode.value
    for words, mode in (
        (("hybrid",), WorkMode.HYBRID),
        (("remote", "homeoffice", "wfh"), WorkMode.REMOTE),
        (("onsite", "office", "inperson"), WorkMode.ONSITE),
    ):
        if any(word in key for word in words):
            return mode.value
    raise ValueError("is not a work mode (remote, hybrid or on site)")


_YES = frozenset({"yes", "y", "true", "1", "x", "archived", "ja", "oui", "si", "sí"})
_NO = frozenset({"no", "n", "false", "0", "", "nein", "non"})


def parse_yes_no(text: str) -> bool:
    value = text.strip().casefold()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise ValueError("is not yes or no")


def short(text: str, limit: int = 40) -> str:
    """*text* on one line, cut to about *limit* characters, for a message."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# -- the plan --------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportMapping:
    """The person's choices: a field per column (None: not imported), and two defaults."""

    columns: tuple[str | None, ...]
    fallback_stage_id: int  # where rows with an unknown or empty status go
    day_first: bool = True  # 04/05/2026 is 4 May


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"Row {self.line}: {self.reason}"


@dataclass(frozen=True)
class ImportRow:
    line: int
    fields: dict[str, Any]  # cleaned, ready for ``create_application``
    stage_id: int
    archived: bool = False
    status: str = ""  # as written in the file
    unknown_status: bool = False  # went to the fallback stage


@dataclass(frozen=True)
class ImportPlan:
    rows: tuple[ImportRow, ...]
    problems: tuple[RowProblem, ...]
    blank_rows: int = 0
    unknown_statuses: dict[str, int] = field(default_factory=dict)  # status → rows


def mapping_problems(
    mapping: ImportMapping, headers: Sequence[str], stages: Sequence[StageChoice]
) -> list[str]:
    """What stops the mapping from being used at all (not row by row)."""
    problems = []
    if len(mapping.columns) != len(headers):
        problems.append("The column choices do not match the file's columns.")
    seen: dict[str, list[int]] = {}
    for index, name in enumerate(mapping.columns):
        if name is not None:
            seen.setdefault(name, []).append(index)
    for name, indexes in seen.items():
        if name not in FIELD_NAMES:
            problems.append(f"“{name}” is not something jobdesk can import.")
        elif len(indexes) > 1 and name not in JOINABLE_FIELDS:
            columns = " and ".join(column_letter(index) for index in indexes)
            problems.append(f"{FIELD_NAMES[name]} is chosen for columns {columns}; choose one.")
    if "company" not in seen and "role" not in seen:
        problems.append("Choose the column that holds the company or the role.")
    if not any(stage.id == mapping.fallback_stage_id for stage in stages):
        problems.append("Choose the stage for rows whose status is not a stage.")
    return problems


def _parse_cell(name: str, raw: str, day_first: bool) -> Any:
    """The value of one cell for field *name*; ``None`` for an empty optional cell."""
    if name in ("applied_on", "saved_on", "closed_on", "next_action_on"):
        return parse_date(raw, day_first=day_first) if raw.strip() else None
    if name in ("salary_min", "salary_max"):
        return parse_whole_number(raw) if raw.strip() else None
    if name == "excitement":
        value = raw.strip().split("/")[0].strip()  # "4/5" is 4
        if not value:
            return None
        if not re.fullmatch(r"[0-9]{1,2}", value):
            raise ValueError("is not a number from 0 to 5")
        return int(value)
    if name == "work_mode":
        return parse_work_mode(raw) if raw.strip() else None
    if name == "archived":
        return parse_yes_no(raw)
    return raw


def _sentence(label: str, message: str, value: object = None) -> str:
    """A validation message as a sentence: "Notes is too long.", "The link must… (“ftp://x”)."."""
    if message[:1].isupper():
        if isinstance(value, str) and value.strip():
            return f"{message.rstrip('.')} (“{short(value)}”)."
        return message
    if label:
        return f"{label} {message}"
    return message[:1].upper() + message[1:]


def _row_texts(cells: Sequence[str], columns: Sequence[str | None]) -> dict[str, str]:
    texts: dict[str, str] = {}
    for cell, name in zip(cells, columns, strict=False):
        if name is None:
            continue
        if name in JOINABLE_FIELDS and texts.get(name):
            if cell.strip():
                texts[name] = f"{texts[name]}\n\n{cell}"
        else:
            texts[name] = cell
    return texts


def plan_row(
    record: CsvRecord, mapping: ImportMapping, stages: Sequence[StageChoice]
) -> ImportRow | RowProblem | None:
    """One row as an application, or the problem with it; None for a blank row."""
    if not any(cell.strip() for cell in record.cells):
        return None
    texts = _row_texts(record.cells, mapping.columns)
    reasons: list[str] = []
    values: dict[str, Any] = {}
    archived = False
    for name, raw in texts.items():
        if name == "stage":
            continue
        try:
            value = _parse_cell(name, raw, mapping.day_first)
        except ValueError as error:
            reasons.append(f"{FIELD_NAMES[name]} “{short(raw)}” {error}.")
            continue
        if name == "archived":
            archived = bool(value)
        elif value is not None:
            values[name] = value
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        try:
            cleaned.update(clean_application_fields({name: value}))
        except ValidationError as error:
            reasons.append(_sentence(FIELD_LABELS.get(name, name), error.message, value))
    if not reasons:
        try:
            check_application_whole(cleaned)
        except ValidationError as error:
            reasons.append(_sentence("", error.message))
    if reasons:
        return RowProblem(record.line, " ".join(reasons))
    status = texts.get("stage", "").strip()
    stage_id = match_stage(status, stages)
    return ImportRow(
        line=record.line,
        fields=cleaned,
        stage_id=mapping.fallback_stage_id if stage_id is None else stage_id,
        archived=archived,
        status=status,
        unknown_status=stage_id is None and bool(status),
    )


def plan_import(
    table: CsvTable, mapping: ImportMapping, stages: Sequence[StageChoice]
) -> ImportPlan:
    """Every row of *table* as an application to create, or as a problem; blank rows skipped."""
    rows: list[ImportRow] = []
    problems: list[RowProblem] = []
    blank = 0
    unknown: dict[str, int] = {}
    for record in table.records:
        planned = plan_row(record, mapping, stages)
        if planned is None:
            blank += 1
        elif isinstance(planned, RowProblem):
            problems.append(planned)
        else:
            rows.append(planned)
            if planned.unknown_status:
                unknown[planned.status] = unknown.get(planned.status, 0) + 1
    return ImportPlan(tuple(rows), tuple(problems), blank, unknown)
