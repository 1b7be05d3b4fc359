"""CSV export and import, and the Markdown journal, on real databases.

The export must be safe to open in a spreadsheet (no cell can run) and read
back exactly; the import must write every good row in one transaction, or
nothing, and say which rows it skipped and why.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobdesk.domain.csv_cells import DANGEROUS_FIRST_CHARACTERS, make_inert, restore
from jobdesk.domain.csv_mapping import (
    CsvRecord,
    CsvTable,
    StageChoice,
    column_letter,
    guess_day_first,
    guess_mapping,
    match_stage,
    parse_date,
    parse_whole_number,
    plan_import,
)
from jobdesk.domain.stages import StageKind
from jobdesk.domain.text import MAX_TEXT_LENGTH
from jobdesk.services import applications as apps
from jobdesk.services import exchange_csv
from jobdesk.services.exchange_csv import (
    EXPORT_COLUMNS,
    CsvImportError,
    ImportSummary,
    export_csv,
    import_csv,
    read_csv_preview,
    stage_choices,
    suggest_mapping,
)
from jobdesk.services.exchange_markdown import export_markdown
from jobdesk.services.lessons import create_lesson
from jobdesk.services.rejections import save_rejection, start_rejection
from jobdesk.storage.backup import list_backups
from jobdesk.storage.store import Store, open_store
from tests.helpers import table_contents

BOM = b"\xef\xbb\xbf"

#: The texts of the issue's done-when test, plus a few more a spreadsheet would run or mangle.
HOSTILE_TEXTS = (
    "=cmd|' /C calc'!A0",
    "+1",
    "@SUM(1)",
    "-2",
    "\tleading tab",
    "\rleading carriage return",
    "\0leading NUL",
    "'=already quoted",
    "'",
    "''",
    "ü and 日本 and 🚀",
    "two\nlines",
    "windows\r\nline end",
    '"quoted", with comma; and semicolon',
)


@contextlib.contextmanager
def opened(folder: Path) -> Iterator[Store]:
    store = open_store(folder)
    try:
        yield store
    finally:
        store.close()


def stage_id(store: Store, name: str) -> int:
    return next(stage.id for stage in stage_choices(store.db) if stage.name == name)


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def import_file(
    store: Store, path: Path, *, good_rows: bool = False, **mapping_changes: object
) -> tuple[CsvTable, ImportSummary]:
    table = read_csv_preview(path)
    mapping = replace(suggest_mapping(table, stage_choices(store.db)), **mapping_changes)
    return table, import_csv(
        store.db, table, mapping, backup_dir=store.backup_dir, import_good_rows=good_rows
    )


def all_applications(store: Store) -> list[apps.ApplicationRecord]:
    ids = sorted(
        application_id
        for stage in stage_choices(store.db)
        for application_id in apps.column_ids(store.db, stage_id=stage.id, include_archived=True)
    )
    return [apps.get_application(store.db, application_id=i) for i in ids]


# -- the inert-cell rule ---------------------------------------------------------------


@given(st.text())
def test_any_text_made_inert_is_restored_exactly(text: str) -> None:
    inert = make_inert(text)
    assert restore(inert) == text
    assert not inert or inert[0] not in DANGEROUS_FIRST_CHARACTERS


@given(st.sampled_from(sorted(DANGEROUS_FIRST_CHARACTERS | {"'"})), st.text())
def test_dangerous_and_quoted_texts_get_exactly_one_quote(first: str, rest: str) -> None:
    assert make_inert(first + rest) == "'" + first + rest


def test_safe_texts_are_written_as_they_are() -> None:
    for text in ("", "Acme", " =1 (leading space)", "2026-01-02", "日本", "a'b"):
        assert make_inert(text) == text
    assert restore("'Acme") == "'Acme"  # a quote before a safe character is kept


# -- export ----------------------------------------------------------------------------


def test_hostile_text_exports_inert_and_reimports_exactly(store: Store, tmp_path: Path) -> None:
    """The issue's done-when test: nothing a spreadsheet would run, and an exact round trip."""
    applied = stage_id(store, "Applied")
    for text in HOSTILE_TEXTS:
        apps.create_application(
            store.db,
            stage_id=applied,
            company=text if text.strip() else "x",
            role=text.strip() or "y",
            notes=text,
            job_description=text,
            location=text.strip(),
            source=text.strip(),
            next_action=text.strip(),
            salary_text=text.strip(),
        )
    originals = all_applications(store)
    exported = tmp_path / "applications.csv"
    assert export_csv(store.db, exported) == len(HOSTILE_TEXTS)

    data = exported.read_bytes()
    assert data.startswith(BOM)
    rows = list(csv.reader(io.StringIO(data[len(BOM) :].decode("utf-8"), newline="")))
    assert all(cell[:1] not in DANGEROUS_FIRST_CHARACTERS for row in rows for cell in row)
    assert rows[1][1] == "'=cmd|' /C calc'!A0"

    with opened(tmp_path / "other") as other:
        _table, summary = import_file(other, exported)
        assert summary.imported == len(HOSTILE_TEXTS)
        copies = all_applications(other)
    fields = ("company", "role", "notes", "job_description", "location", "source", "next_action")
    for original, copy in zip(originals, copies, strict=True):
        for name in (*fields, "salary_text"):
            assert getattr(copy, name) == getattr(original, name), name
        assert copy.stage_id == original.stage_id
        assert copy.applied_on == original.applied_on


def test_any_text_survives_export_and_import(tmp_path: Path) -> None:
    exported = tmp_path / "round-trip.csv"
    with opened(tmp_path / "source") as source, opened(tmp_path / "target") as target:
        application = apps.create_application(source.db, company="placeholder")

        @settings(max_examples=80)
        @given(
            company=st.text(min_size=1).filter(str.strip),
            notes=st.text(),
            tags=st.text(st.sampled_from("=+-@'\t\r\n,; aé日🚀\"")),
        )
        def round_trip(company: str, notes: str, tags: str) -> None:
            apps.update_application(
                source.db, application_id=application, company=company, notes=notes, tags=tags
            )
            original = apps.get_application(source.db, application_id=application)
            export_csv(source.db, exported)
            _table, summary = import_file(target, exported)
            assert summary.imported == 1
            (copy,) = all_applications(target)
            assert (copy.company, copy.notes, copy.tags) == (
                original.company,
                original.notes,
                original.tags,
            )
            apps.delete_application(target.db, application_id=copy.id)

        round_trip()


def test_export_has_the_columns_crlf_quoting_and_a_private_mode(
    store: Store, tmp_path: Path
) -> None:
    application = apps.create_application(
        store.db,
        stage_id=stage_id(store, "Wishlist"),
        company="Acme",
        role="Analyst",
        salary_min=50_000,
        salary_max=60_000,
        salary_currency="eur",
        work_mode="hybrid",
        tags="data, remote-friendly",
        applied_on=date(2026, 1, 2),
    )
    apps.move_application(
        store.db, application_id=application, stage_id=stage_id(store, "Screening")
    )
    apps.set_archived(store.db, application_id=application, archived=True)
    exported = tmp_path / "out.csv"
    export_csv(store.db, exported)

    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    data = exported.read_bytes()
    assert data.count(b"\r\n") == 2 and b"\n" not in data.replace(b"\r\n", b"")
    header, row = data[len(BOM) :].decode("utf-8").split("\r\n")[:2]
    assert header.startswith('"ID","Company","Role","Stage","Saved on","Applied on"')
    values = dict(
        zip((label for _name, label in EXPORT_COLUMNS), next(csv.reader([row])), strict=True)
    )
    today = date.today().isoformat()
    assert values["Stage"] == "Screening"
    assert values["Applied on"] == "2026-01-02"
    assert values["Work mode"] == "Hybrid"
    assert (values["Lowest salary"], values["Highest salary"], values["Currency"]) == (
        "50000",
        "60000",
        "EUR",
    )
    assert values["Archived"] == "yes"
    assert values["Stage history"] == f"{today} Wishlist; {today} Wishlist → Screening"


def test_an_empty_database_exports_a_header_only(store: Store, tmp_path: Path) -> None:
    exported = tmp_path / "empty.csv"
    assert export_csv(store.db, exported) == 0
    assert exported.read_bytes().count(b"\r\n") == 1


# -- reading files ---------------------------------------------------------------------


def test_headers_are_guessed_from_common_words() -> None:
    headers = [
        "Employer", "Job Title", "Application status", "Date_Applied", "URL",
        "Notes", "Salary expectations", "City", "Contact",
    ]  # fmt: skip
    assert guess_mapping(headers) == (
        "company", "role", "stage", "applied_on", "posting_url",
        "notes", "salary_text", "location", None,
    )  # fmt: skip
    assert guess_mapping(["Company", "Position", "Title"]) == ("company", "role", None)
    exported = guess_mapping([label for _name, label in EXPORT_COLUMNS])
    assert exported[0] is None and "stage_history" not in exported
    expected = [None if name in ("id", "stage_history") else name for name, _ in EXPORT_COLUMNS]
    assert list(exported) == expected


def test_statuses_match_stages_by_name_then_by_common_words() -> None:
    stages = [
        StageChoice(1, "Wishlist", StageKind.OPEN),
        StageChoice(2, "Sent off", StageKind.ACTIVE),
        StageChoice(3, "Talks", StageKind.INTERVIEW),
        StageChoice(4, "Nope", StageKind.REJECTED),
        StageChoice(5, "Old rejections", StageKind.REJECTED, hidden=True),
    ]
    assert match_stage("  sent   OFF ", stages) == 2
    assert match_stage("Interviewing", stages) == 3
    assert match_stage("rejected", stages) == 4
    assert match_stage("old rejections", stages) == 5
    assert match_stage("On hold", stages) is None
    assert match_stage("", stages) is None


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("2026-05-04", False, date(2026, 5, 4)),
        ("2026-05-04T10:30:00", True, date(2026, 5, 4)),
        ("04.05.2026", True, date(2026, 5, 4)),
        ("04/05/2026", False, date(2026, 4, 5)),
        ("4/5/26", True, date(2026, 5, 4)),
        ("4 May 2026", True, date(2026, 5, 4)),
        ("May 4th, 2026", True, date(2026, 5, 4)),
        ("2026/5/4 9:00", True, date(2026, 5, 4)),
    ],
)
def test_dates_are_read_as_spreadsheets_write_them(
    text: str, day_first: bool, expected: date
) -> None:
    assert parse_date(text, day_first=day_first) == expected


def test_unreadable_dates_and_numbers_say_why() -> None:
    for text in ("31.02.2026", "next week", "2026-13-01"):
        with pytest.raises(ValueError, match="date"):
            parse_date(text, day_first=True)
    assert guess_day_first(["01/02/2026", "25/02/2026"]) is True
    assert guess_day_first(["02/25/2026"]) is False
    assert guess_day_first(["01/02/2026", "2026-01-01"]) is None
    salaries = ("55000", "55,000", "55.000", "55 000", "€55k", "62.5k")
    assert [parse_whole_number(text) for text in salaries] == [55_000] * 5 + [62_500]
    for text in ("lots", "-5", "55.5", "1e9"):
        with pytest.raises(ValueError, match="whole number"):
            parse_whole_number(text)
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


@pytest.mark.parametrize(
    ("encoding", "delimiter", "expected_encoding"),
    [
        ("utf-8", ",", "utf-8"),
        ("utf-8-sig", ";", "utf-8-sig"),
        ("utf-16", "\t", "utf-16"),
        ("cp1252", ";", "cp1252"),
    ],
)
def test_files_are_decoded_and_split_as_saved(
    tmp_path: Path, encoding: str, delimiter: str, expected_encoding: str
) -> None:
    text = delimiter.join(["Company", "Role", "Notes"]) + "\r\n"
    text += delimiter.join(['"Müller, Søn & Cie"', "Ingénieur", '"a;b,c\tand ""more"""']) + "\r\n"
    table = read_csv_preview(write_csv(tmp_path / "f.csv", text, encoding))
    assert table.delimiter == delimiter
    assert table.encoding == expected_encoding
    assert table.headers == ("Company", "Role", "Notes")
    assert table.records == (CsvRecord(2, ("Müller, Søn & Cie", "Ingénieur", 'a;b,c\tand "more"')),)
    assert bool(table.notices) == (encoding == "cp1252")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"PK\x03\x04rest of a workbook", "workbook"),
        (b"\xd0\xcf\x11\xe0old excel", "Excel"),
        (b"SQLite format 3\x00....", "database"),
        (bytes(range(256)) * 4, "not a text file"),
        (b'Company,Role\n"Acme,Analyst\n', "Row 2"),
        (b'Company,Role\nAcme,"Ana"lyst\n', "quotes"),
        (BOM + b"Company\n\xff\xfe", "UTF-8"),
        (b'"",""\n,\n', "every cell is empty"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    with pytest.raises(CsvImportError, match=message):
        read_csv_preview(path)


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "big.csv", "Company\n" + "Acme\n" * 1000)
    with pytest.raises(CsvImportError, match="up to"):
        read_csv_preview(path, max_bytes=1000)
    assert len(read_csv_preview(path, max_bytes=10_000).records) == 1000


def test_too_many_rows_or_columns_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exchange_csv, "MAX_ROWS", 10)
    with pytest.raises(CsvImportError, match="more than 10 rows"):
        read_csv_preview(write_csv(tmp_path / "rows.csv", "Company\n" + "Acme\n" * 11))
    assert len(read_csv_preview(write_csv(tmp_path / "ok.csv", "C\n" + "A\n" * 10)).records) == 10
    with pytest.raises(CsvImportError, match="columns"):
        read_csv_preview(write_csv(tmp_path / "wide.csv", ",".join(["x"] * 501)))


def test_row_numbers_are_the_spreadsheets_even_after_line_breaks(tmp_path: Path) -> None:
    text = '\n\nCompany,Notes\nA,"one\ntwo\nthree"\n\nB,x\n'
    table = read_csv_preview(write_csv(tmp_path / "f.csv", text))
    assert [(record.line, record.cells[0]) for record in table.records] == [
        (4, "A"),
        (5, ""),
        (6, "B"),
    ]


# -- importing -------------------------------------------------------------------------

SPREADSHEET = """\
Employer;Position;Status;Date applied;Link;Salary;Notes
Nordlicht GmbH;Data Analyst;Applied;03.02.2026;https://nordlicht.example/4411;55–62k €;"Referred by
Jana"
Café Müller;Shift lead;Interviewing;10.02.2026;;;
Blue Harbor;Product Owner;Ghosted;31.02.2026;;;
Orbit;Analyst;On hold;22.02.2026;;;frozen until Q2
;;Applied;;;;no company, no role
Hafenblick;UX Researcher;Screening;24.02.2026;ftp://hafenblick.example;;
;;;;;;
Kranich;Team lead;;;kranich.example/jobs/12;;
"""


def test_good_rows_are_imported_and_the_others_listed_by_row(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "sheet.csv", SPREADSHEET)
    before = table_contents(store.database_path)
    with pytest.raises(CsvImportError, match="3 rows cannot be imported") as refused:
        import_file(store, path)
    assert [problem.line for problem in refused.value.problems] == [4, 6, 7]
    assert table_contents(store.database_path) == before
    assert list_backups(store.backup_dir) == []  # refused before anything, the backup included

    _table, summary = import_file(store, path, good_rows=True)
    assert summary.imported == 4
    reasons = [str(problem) for problem in summary.skipped]
    assert reasons == [
        "Row 4: Date applied “31.02.2026” is not a date in the calendar.",
        "Row 6: An application needs at least a company or a role.",
        "Row 7: The posting link must be a web address starting with http:// or https:// "
        "(“ftp://hafenblick.example”).",
    ]
    assert summary.unknown_statuses == {"On hold": 1}
    assert summary.blank_rows == 1
    assert [backup.reason for backup in list_backups(store.backup_dir)] == ["before-import"]

    imported = {a.company: a for a in all_applications(store)}
    names = {stage.id: stage.name for stage in stage_choices(store.db)}
    assert {company: names[a.stage_id] for company, a in imported.items()} == {
        "Nordlicht GmbH": "Applied",
        "Café Müller": "Interview",  # "Interviewing" is a common word for it
        "Orbit": "Applied",  # "On hold" is no stage: the fallback
        "Kranich": "Applied",  # no status: the fallback too
    }
    nordlicht = imported["Nordlicht GmbH"]
    assert nordlicht.applied_on == date(2026, 2, 3)
    assert nordlicht.notes == "Referred by\nJana"
    assert nordlicht.salary_text == "55–62k €"
    assert imported["Kranich"].posting_url == "https://kranich.example/jobs/12"


def test_the_fallback_stage_and_date_order_are_the_persons_choice(
    store: Store, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "s.csv", "Company,Status,Applied\nAcme,On hold,04/05/2026\n")
    wishlist = stage_id(store, "Wishlist")
    import_file(store, path, fallback_stage_id=wishlist, day_first=False)
    (acme,) = all_applications(store)
    assert acme.stage_id == wishlist
    assert acme.applied_on == date(2026, 4, 5)


def test_a_cancel_half_way_writes_nothing(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.csv", "Company\n" + "".join(f"C{i}\n" for i in range(10)))
    table = read_csv_preview(path)
    mapping = suggest_mapping(table, stage_choices(store.db))
    before = table_contents(store.database_path)

    class CancelledError(Exception):
        pass

    def cancel_at_the_third_row(done: int, total: int) -> None:
        if done == 3:
            raise CancelledError

    # The caller's own exception comes through, as for the JSON import.
    with pytest.raises(CancelledError):
        import_csv(
            store.db,
            table,
            mapping,
            backup_dir=store.backup_dir,
            import_good_rows=True,
            progress=cancel_at_the_third_row,
        )
    assert table_contents(store.database_path) == before
    apps.create_application(store.db, company="still writable")


def test_a_row_the_database_refuses_is_named_and_nothing_is_written(
    store: Store, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "s.csv", "Company\n" + "".join(f"C{i}\n" for i in range(10)))
    table = read_csv_preview(path)
    mapping = suggest_mapping(table, stage_choices(store.db))
    store.db.execute_sql(
        "CREATE TRIGGER refuse_c5 BEFORE INSERT ON application WHEN NEW.company = 'C5' "
        "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
    )
    before = table_contents(store.database_path)
    with pytest.raises(CsvImportError, match="row 7 and nothing was written: refused by the test"):
        import_csv(store.db, table, mapping, backup_dir=store.backup_dir, import_good_rows=True)
    assert table_contents(store.database_path) == before


def test_mapping_mistakes_stop_the_import(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.csv", "Company,Employer,Notes\nA,B,C\n")
    table = read_csv_preview(path)
    mapping = suggest_mapping(table, stage_choices(store.db))
    for columns, message in (
        (("company", "company", None), "columns A and B"),
        ((None, None, "notes"), "company or the role"),
    ):
        with pytest.raises(CsvImportError, match=message):
            import_csv(
                store.db,
                table,
                replace(mapping, columns=columns),
                backup_dir=store.backup_dir,
                import_good_rows=True,
            )
    with pytest.raises(CsvImportError, match="stage for rows"):
        import_csv(
            store.db,
            table,
            replace(mapping, fallback_stage_id=9999),
            backup_dir=store.backup_dir,
            import_good_rows=True,
        )
    # Several columns may go to the notes: they are joined.
    plan = plan_import(
        table, replace(mapping, columns=("company", "notes", "notes")), stage_choices(store.db)
    )
    assert plan.rows[0].fields["notes"] == "B\n\nC"


def test_huge_cells_are_read_and_over_long_ones_listed(store: Store, tmp_path: Path) -> None:
    long_notes = "x" * 200_000  # over the csv module's default cell limit
    too_long = "y" * (MAX_TEXT_LENGTH + 1)
    path = write_csv(tmp_path / "s.csv", f"Company,Notes\nA,{long_notes}\nB,{too_long}\n")
    _table, summary = import_file(store, path, good_rows=True)
    assert summary.imported == 1
    (problem,) = summary.skipped
    assert problem.line == 3 and "2,000,001 characters" in problem.reason
    assert all_applications(store)[0].notes == long_notes
    assert csv.field_size_limit() == 131_072  # put back as it was


# -- fuzzing ---------------------------------------------------------------------------

_cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(['"', '""', '"a"b', 'a"', "\r", "\n", ";", "\t", "'=1", "=1+1", "\x00", "é"]),
    st.sampled_from(["Acme", "Analyst", "Applied", "2026-01-02", "31/02/2026", "http://x.example"]),
)
_rows = st.lists(st.lists(_cells, max_size=6), max_size=8)
_headers = st.sampled_from(
    ["", "Company,Role,Status,Date applied,Link,Notes\n", "Employer;Title\n"]
)
_encodings = st.sampled_from(
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1", "shift_jis", "utf-32"]
)


@st.composite
def malformed_files(draw: st.DrawFn) -> bytes:
    """Hand-joined rows (no quoting rules followed) in any encoding, or random bytes."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.binary(max_size=600))
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    rows = draw(_rows)
    text = draw(_headers) + newline.join(delimiter.join(row) for row in rows)
    if draw(st.booleans()):
        text += "," + "z" * draw(st.sampled_from([10, 140_000]))  # a huge last cell
    data = codecs.encode(text, draw(_encodings), errors="replace")
    if data and draw(st.booleans()):  # damage a byte
        index = draw(st.integers(0, len(data) - 1))
        data = data[:index] + bytes([draw(st.integers(0, 255))]) + data[index + 1 :]
    return data


def test_fuzzed_files_raise_only_csv_import_error_and_change_nothing_when_refused(
    tmp_path: Path,
) -> None:
    source = tmp_path / "fuzzed.csv"
    pristine_copy = tmp_path / "pristine.sqlite3"
    outcomes = {"unreadable": 0, "refused": 0, "imported": 0}
    with opened(tmp_path / "target") as target:
        with contextlib.closing(sqlite3.connect(pristine_copy)) as copy:
            target.db.connection().backup(copy)
        pristine = table_contents(target.database_path)

        @settings(max_examples=250)
        @given(malformed_files(), st.booleans())
        def import_one(data: bytes, good_rows: bool) -> None:
            source.write_bytes(data)
            try:
                table = read_csv_preview(source)
            except CsvImportError as error:
                assert str(error)
                outcomes["unreadable"] += 1
                return
            mapping = suggest_mapping(table, stage_choices(target.db))
            try:
                summary = import_csv(
                    target.db,
                    table,
                    mapping,
                    backup_dir=tmp_path / "backups",
                    import_good_rows=good_rows,
                )
            except CsvImportError as error:
                assert str(error)
                assert table_contents(target.database_path) == pristine
                outcomes["refused"] += 1
                return
            outcomes["imported"] += 1
            assert len(table_contents(target.database_path)["application"]) == summary.imported
            with contextlib.closing(sqlite3.connect(pristine_copy)) as copy:
                copy.backup(target.db.connection())

        import_one()
    assert outcomes["unreadable"] and outcomes["refused"] and outcomes["imported"], outcomes


# -- Markdown --------------------------------------------------------------------------


def test_markdown_has_the_lessons_and_the_reflections_escaped(store: Store, tmp_path: Path) -> None:
    lesson = create_lesson(store.db, text="Show *experience* first", category="experience")
    application = apps.create_application(
        store.db,
        stage_id=stage_id(store, "Rejected"),
        company='<img src="http://127.0.0.1:9/x">',
        role="# Analyst",
    )
    record = start_rejection(
        store.db, application_id=application, stage_reached_id=stage_id(store, "Interview")
    )
    save_rejection(
        store.db,
        record=replace(
            record,
            status="complete",
            rejected_on=date(2026, 5, 4),
            channel="email",
            reason_given="Someone had **more** experience.\n- not a list",
            reason_category="experience",
            feedback_received="Show [results](http://x.example).",
            motivations="escape",
            similarity=5,
            right_job=2,
            lesson_ids=(lesson,),
        ),
    )
    destination = tmp_path / "journal.md"
    counts = export_markdown(store.db, destination, written_on=date(2026, 6, 1))
    assert counts == (1, 1)
    assert stat.S_IMODE(destination.stat().st_mode) == 0o600
    text = destination.read_text("utf-8")
    assert text.startswith("# Lessons journal")
    assert "# Reflections" in text
    assert re.search(r"(?<!\\)[<>]", text) is None  # every angle bracket escaped
    assert '\\<img src="http://127.0.0.1:9/x"\\>' in text
    assert "## \\<img" in text and "\\# Analyst" in text
    assert "- Rejected on: 2026-05-04" in text
    assert "- Stage reached: Interview" in text
    assert "- How you heard: E-mail" in text
    assert "Someone had \\*\\*more\\*\\* experience.  \n\\- not a list" in text
    assert "Show \\[results\\](http://x.example)." in text
    assert "- What drew you to it: Wanting out of my current job" in text
    assert "- Similar to your current or last job: 5 of 5 (almost the same)" in text
    assert "- The right job, in hindsight: 2 of 5 (1 = not right for me, 5 = exactly right)" in text
    assert "The things that wear on you now might well have followed you there." in text
    assert "**Lessons kept**\n\n- Show \\*experience\\* first" in text
