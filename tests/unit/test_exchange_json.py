"""Full JSON export and import: a lossless round trip; hostile files refused, nothing written."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobdesk.domain import exchange_schema
from jobdesk.domain.exchange_schema import (
    FORMAT_VERSION,
    MAX_NESTING,
    TABLES,
    ColumnType,
    JsonImportError,
    upgrade_document,
)
from jobdesk.domain.text import MAX_TEXT_LENGTH, clean_text
from jobdesk.services.demo import fill_with_demo_data
from jobdesk.services.exchange_json import (
    JsonExportError,
    export_json,
    import_json,
)
from jobdesk.storage.backup import list_backups
from jobdesk.storage.models import ALL_MODELS
from jobdesk.storage.store import Store, open_store
from tests.helpers import query, table_contents

Document = dict[str, Any]


@contextlib.contextmanager
def opened(data_dir: Path) -> Iterator[Store]:
    store = open_store(data_dir)
    try:
        yield store
    finally:
        store.close()


def export_text(store: Store, folder: Path) -> str:
    path = folder / "export.json"
    export_json(store.db, path)
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def small_export(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A valid export of a few demo applications: every table has rows but settings."""
    folder = tmp_path_factory.mktemp("small")
    with opened(folder / "data") as store:
        fill_with_demo_data(store.db, count=6, seed=5)
        store.db.connection().execute(
            "INSERT INTO setting (key, value) VALUES ('board.zoom', '1.25')"
        )
        return export_text(store, folder)


def column(document: Document, table: str, name: str) -> int:
    columns: list[str] = document["tables"][table]["columns"]
    return columns.index(name)


# ---------------------------------------------------------------- the format


def test_the_format_matches_the_migrated_schema_column_for_column(store: Store) -> None:
    connection = store.db.connection()
    assert [table.name for table in TABLES] == [model._meta.table_name for model in ALL_MODELS]
    tables = {
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    assert tables == {table.name for table in TABLES}

    def kind(declared: str) -> ColumnType:
        if declared in ("TEXT",) or declared.startswith("VARCHAR"):
            return ColumnType.TEXT
        return ColumnType(declared.lower())

    for table in TABLES:
        info = connection.execute(f'PRAGMA table_info("{table.name}")').fetchall()
        assert [(row[1], kind(row[2]), not row[3]) for row in info] == [
            (spec.name, spec.type, spec.nullable) for spec in table.columns
        ], table.name
        key = tuple(row[1] for row in sorted(info, key=lambda row: row[5]) if row[5])
        assert key == table.key, table.name


def test_an_older_document_is_upgraded_one_version_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    steps: list[int] = []

    def step(number: int) -> Callable[[Document], Document]:
        def upgrade(document: Document) -> Document:
            steps.append(number)
            return {**document, "upgraded": [*document.get("upgraded", []), number]}

        return upgrade

    monkeypatch.setattr(exchange_schema, "FORMAT_VERSION", 3)
    monkeypatch.setattr(exchange_schema, "UPGRADES", {1: step(1), 2: step(2)})
    upgraded = upgrade_document({"format": "jobdesk", "format_version": 1})
    assert steps == [1, 2]
    assert upgraded["format_version"] == 3
    assert upgraded["upgraded"] == [1, 2]


# ------------------------------------------------------------- the round trip


def test_2000_applications_round_trip_into_an_empty_data_folder_with_nothing_lost(
    store: Store, tmp_path: Path
) -> None:
    fill_with_demo_data(store.db, count=2000, seed=11)
    connection = store.db.connection()
    # Values the demo never makes: markup, right-to-left, emoji, NUL, line
    # separators, a megabyte of text, floats that are not round, big numbers.
    connection.execute(
        "UPDATE application SET company = ?, notes = ?, position = ?, salary_min = ?, "
        "salary_max = NULL, salary_text = ? WHERE id = 1",
        (
            "Zoë & Co <img src=x> \u202eetiruoVAR 🚀",
            "line\nbreak\u2028\x00tab\t" + "x" * 1_000_000,
            0.1 + 0.2,
            2**62,
            '"quoted" \\ back\\slash',
        ),
    )
    connection.execute("UPDATE stage SET soft_limit = 5, hidden = 1 WHERE id = 3")
    connection.execute("INSERT INTO setting (key, value) VALUES ('board.zoom', '1.25'), ('', '')")
    before = table_contents(store.database_path)
    assert len(before["application"]) == 2000

    exports = tmp_path / "exports"
    exports.mkdir()
    exported = exports / "search.json"
    export_calls: list[tuple[int, int]] = []
    summary = export_json(store.db, exported, progress=lambda *call: export_calls.append(call))
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    assert summary.problems == ()
    assert summary.rows == {table: len(rows) for table, rows in before.items()}
    assert summary.size_bytes == exported.stat().st_size
    assert [path.name for path in exports.iterdir()] == ["search.json"]  # no temporary left
    assert table_contents(store.database_path) == before  # exporting writes nothing

    with opened(tmp_path / "empty") as target:
        import_calls: list[tuple[int, int]] = []
        result = import_json(
            target.db,
            exported,
            backup_dir=target.backup_dir,
            progress=lambda *call: import_calls.append(call),
        )
        assert table_contents(target.database_path) == before
        assert result.rows == summary.rows
        assert result.format_version == FORMAT_VERSION
        assert [info.reason for info in list_backups(target.backup_dir)] == ["before-import"]
        # Exported again, the new folder gives the same document.
        again = json.loads(export_text(target, tmp_path))
    first = json.loads(exported.read_text(encoding="utf-8"))
    for document in (first, again):
        del document["exported_at"]
    assert again == first

    for calls, rows in ((export_calls, sum(summary.rows.values())), (import_calls, None)):
        done = [call[0] for call in calls]
        total = calls[-1][1]
        assert done == sorted(done), "progress goes forwards"
        assert calls[0][0] == 0 and calls[-1][0] == total
        assert len({call[1] for call in calls}) == 1, "the total does not change"
        assert len(calls) > 3
        if rows is not None:
            assert total == rows
    assert import_calls[-1][1] == 2 * sum(summary.rows.values())


def test_an_export_replaces_an_older_file_whole_and_private(store: Store, tmp_path: Path) -> None:
    destination = tmp_path / "export.json"
    destination.write_text("old")
    destination.chmod(0o644)
    export_json(store.db, destination)
    assert stat.S_IMODE(destination.stat().st_mode) == 0o600
    assert json.loads(destination.read_text(encoding="utf-8"))["format"] == "jobdesk"


def test_an_export_that_cannot_be_written_says_so_and_leaves_nothing(
    store: Store, tmp_path: Path
) -> None:
    with pytest.raises(JsonExportError, match="Could not write"):
        export_json(store.db, tmp_path / "missing" / "export.json")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "export.json").mkdir()  # a folder where the file should go
    with pytest.raises(JsonExportError, match="Could not write"):
        export_json(store.db, folder / "export.json")
    assert [path.name for path in folder.iterdir()] == ["export.json"]


def test_an_export_lists_values_an_import_would_refuse(store: Store, tmp_path: Path) -> None:
    store.db.connection().execute(
        "INSERT INTO stage (id, name, position, kind, color, created_at) "
        "VALUES (42, 'Odd', 99.0, 'bogus', '#000000', '2025-01-01 00:00:00')"
    )
    summary = export_json(store.db, tmp_path / "export.json")
    assert len(summary.problems) == 1
    assert summary.problems[0].startswith("stage 42, kind: is 'bogus', which is not one of")
    with opened(tmp_path / "target") as target, pytest.raises(JsonImportError, match="bogus"):
        import_json(target.db, tmp_path / "export.json", backup_dir=target.backup_dir)


# ---------------------------------------------------------------- refusals


def edit(change: Callable[[Document], None]) -> Callable[[str], str | bytes]:
    def mutate(text: str) -> str:
        document = json.loads(text)
        change(document)
        return json.dumps(document)

    return mutate


def set_value(table: str, row: int, name: str, value: Any) -> Callable[[str], str | bytes]:
    def change(document: Document) -> None:
        document["tables"][table]["rows"][row][column(document, table, name)] = value

    return edit(change)


def add_row_copy(table: str, **changes: Any) -> Callable[[str], str | bytes]:
    def change(document: Document) -> None:
        row = list(document["tables"][table]["rows"][0])
        for name, value in changes.items():
            row[column(document, table, name)] = value
        document["tables"][table]["rows"].append(row)

    return edit(change)


def nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


HOSTILE: dict[str, tuple[Callable[[str], str | bytes], str]] = {
    "empty": (lambda text: "", "The file is empty."),
    "truncated": (lambda text: text[: len(text) // 2], "not valid JSON: .* at line"),
    "not utf-8": (lambda text: text.encode("utf-8").replace(b"Wishlist", b"W\xe9shlist"), "UTF-8"),
    "a list, not an object": (lambda text: "[1, 2]", "one JSON object, not a list"),
    "NaN": (lambda text: text.replace("1024.0", "NaN", 1), "contains NaN"),
    "Infinity": (lambda text: text.replace("1024.0", "-Infinity", 1), "contains -Infinity"),
    "a float too large": (lambda text: text.replace("1024.0", "1e999", 1), "too large"),
    "an integer of 5000 digits": (
        lambda text: text.replace("1024.0", "9" * 5000, 1),
        "not valid JSON: Exceeds the limit",
    ),
    "an integer beyond 64 bits": (
        set_value("application", 0, "salary_min", 2**64),
        r"tables\.application\.rows\[0\]\[9\] \(salary_min\): is too large",
    ),
    "a repeated key": (
        lambda text: text.replace('"format": "jobdesk",', '"format": "jobdesk", "format": "x",'),
        'The key "format" appears twice',
    ),
    "deep nesting": (lambda text: "[" * 100_000 + "]" * 100_000, "more than 10 deep"),
    "deep nesting, unbalanced": (lambda text: "[" * 100_000, "more than 10 deep"),
    "nesting just past the limit": (
        lambda text: json.dumps(nested(MAX_NESTING + 1)),
        "more than 10 deep",
    ),
    "deep nesting inside a row": (
        lambda text: set_value("application", 0, "company", "@@")(text).replace(
            '"@@"', "[" * 5000 + "]" * 5000
        ),
        "more than 10 deep",
    ),
    "not a jobdesk file": (edit(lambda d: d.update(format="trello")), "not a jobdesk export"),
    "a newer format": (edit(lambda d: d.update(format_version=2)), "newer jobdesk"),
    "a version that is text": (
        edit(lambda d: d.update(format_version="1")),
        "format_version: expected a whole number",
    ),
    "an unknown entry": (edit(lambda d: d.update(extra=1)), "extra: jobdesk files have no such"),
    "no tables": (edit(lambda d: d.pop("tables")), 'no "tables" entry'),
    "an unknown table": (
        edit(lambda d: d["tables"].update(secret={"columns": [], "rows": []})),
        "no table 'secret'",
    ),
    "a missing table": (edit(lambda d: d["tables"].pop("contact")), "contact is missing"),
    "no stages": (
        edit(lambda d: d["tables"]["stage"].update(rows=[])),
        "at least one stage",
    ),
    "an unknown column": (
        edit(lambda d: d["tables"]["lesson"]["columns"].append("secret")),
        r"tables\.lesson\.columns\[8\]: the table lesson has no column 'secret'",
    ),
    "a missing column": (
        edit(lambda d: d["tables"]["lesson"]["columns"].pop()),
        "the column 'updated_at' is missing",
    ),
    "a short row": (
        edit(lambda d: d["tables"]["contact"]["rows"][1].pop()),
        r"tables\.contact\.rows\[1\]: expected a list of 8 values, found 7 values",
    ),
    "a number for text": (
        set_value("application", 0, "company", 17),
        r"tables\.application\.rows\[0\]\[3\] \(company\): expected text, found a number",
    ),
    "null where a value is required": (
        set_value("application", 0, "stage_id", None),
        r"\(stage_id\): expected a whole number, found null",
    ),
    "true for a whole number": (
        set_value("stage", 0, "hidden", True),
        r"\(hidden\): expected a whole number, found true",
    ),
    "an object for a date": (
        set_value("application", 0, "saved_on", {}),
        r"\(saved_on\): expected a date \(YYYY-MM-DD\) or null, found an object",
    ),
    "no such date": (set_value("application", 0, "saved_on", "2025-02-30"), "not a real date"),
    "a time that is not one": (
        set_value("lesson", 0, "created_at", "yesterday"),
        r"\(created_at\): expected a date and time",
    ),
    "an unknown stage kind": (
        set_value("stage", 0, "kind", "limbo"),
        r"\(kind\): is 'limbo', which is not one of accepted, active",
    ),
    "an unknown motivation": (
        set_value("reflection", 0, "motivations", "interest,greed"),
        "holds 'greed'",
    ),
    "text over the limit": (
        set_value("application", 0, "notes", "x" * (MAX_TEXT_LENGTH + 1)),
        "characters long; jobdesk keeps at most",
    ),
    "a link to a missing row": (
        set_value("contact", 0, "application_id", 999_999),
        r"tables\.contact: the row with id \d+ refers to application 999999 \(application_id\)",
    ),
    "a link from the many-to-many table": (
        set_value("rejection_lesson", 0, "lesson_id", 404),
        r"tables\.rejection_lesson: the row with rejection_id \d+, lesson_id 404 refers to lesson",
    ),
    "a repeated id": (
        add_row_copy("lesson"),
        r"tables\.lesson\.rows\[\d+\]: an earlier row already has the same lesson\.id",
    ),
    "a repeated stage name in other letters": (
        add_row_copy("stage", id=77, name="WISHLIST"),
        r"tables\.stage\.rows\[10\]: an earlier row already has the same stage\.name",
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_file_is_refused_clearly_and_nothing_is_written(
    case: str, small_export: str, store: Store, tmp_path: Path
) -> None:
    mutate, message = HOSTILE[case]
    mutated = mutate(small_export)
    source = tmp_path / "hostile.json"
    if isinstance(mutated, bytes):
        source.write_bytes(mutated)
    else:
        source.write_text(mutated, encoding="utf-8")
    before = table_contents(store.database_path)
    with pytest.raises(JsonImportError, match=message) as refused:
        import_json(store.db, source, backup_dir=store.backup_dir)
    assert isinstance(refused.value, ValueError)
    assert table_contents(store.database_path) == before


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    small_export: str, store: Store, tmp_path: Path
) -> None:
    source = tmp_path / "big.json"
    source.write_text(small_export, encoding="utf-8")
    with pytest.raises(
        JsonImportError,
        match=r"The file is [\d,]+ bytes; jobdesk imports files of at most 100 bytes\.$",
    ):
        import_json(store.db, source, backup_dir=store.backup_dir, max_bytes=100)
    with pytest.raises(JsonImportError, match=r"Is a directory|is not a file"):
        import_json(store.db, tmp_path, backup_dir=store.backup_dir)
    if os.path.exists(os.devnull):
        with pytest.raises(JsonImportError, match="is not a file"):
            import_json(store.db, Path(os.devnull), backup_dir=store.backup_dir)
    with pytest.raises(JsonImportError, match="Cannot read"):
        import_json(store.db, tmp_path / "missing.json", backup_dir=store.backup_dir)
    assert list_backups(store.backup_dir) == []


def test_a_data_folder_that_holds_applications_is_not_imported_into(
    small_export: str, store: Store, tmp_path: Path
) -> None:
    fill_with_demo_data(store.db, count=3, seed=1)
    before = table_contents(store.database_path)
    source = tmp_path / "export.json"
    source.write_text(small_export, encoding="utf-8")
    with pytest.raises(JsonImportError, match="already holds 3 application"):
        import_json(store.db, source, backup_dir=store.backup_dir)
    assert table_contents(store.database_path) == before
    assert list_backups(store.backup_dir) == []


def test_the_files_stages_and_settings_replace_the_defaults(
    small_export: str, store: Store, tmp_path: Path
) -> None:
    store.db.connection().execute("INSERT INTO setting (key, value) VALUES ('local', 'x')")
    document = json.loads(small_export)
    document["tables"]["stage"]["rows"] = [
        [5, "Only one", 1.0, "rejected", "#123456", None, 0, 0, "2025-01-01 00:00:00"]
    ]
    for table in ("application", "stage_history", "contact", "interview", "rejection"):
        document["tables"][table]["rows"] = []
    document["tables"]["reflection"]["rows"] = []
    document["tables"]["rejection_lesson"]["rows"] = []
    source = tmp_path / "export.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    import_json(store.db, source, backup_dir=store.backup_dir)
    assert query(store.database_path, "SELECT id, name FROM stage") == [(5, "Only one")]
    assert query(store.database_path, "SELECT key, value FROM setting") == [("board.zoom", "1.25")]


# -------------------------------------------------------------------- fuzzing

HOSTILE_SNIPPETS = (
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "-1e999",
    "9" * 5000,
    "[" * 3000,
    "]" * 50,
    '{"a": 1, "a": 2}',
    '"\\ud800"',
    "null",
    "true",
    '""',
    "{}",
    "[]",
    '"format": "jobdesk", ',
    ",",
    '"',
    "\\",
    "\x00",
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def mutated_files(draw: st.DrawFn, text: str) -> bytes:
    """*text* (a valid export) damaged the way files get damaged, or attacked."""
    kind = draw(
        st.sampled_from(
            ["truncate", "replace", "insert", "snippet", "value", "drop", "wrap", "bytes"]
        )
    )
    where = draw(st.integers(min_value=0, max_value=len(text)))
    if kind == "truncate":
        return text[:where].encode()
    if kind == "replace":
        return (text[:where] + draw(st.text(min_size=1, max_size=3)) + text[where + 1 :]).encode(
            "utf-8", "surrogatepass"
        )
    if kind == "insert":
        return (text[:where] + draw(st.text(max_size=8)) + text[where:]).encode(
            "utf-8", "surrogatepass"
        )
    if kind == "snippet":
        return (text[:where] + draw(st.sampled_from(HOSTILE_SNIPPETS)) + text[where:]).encode()
    if kind == "bytes":
        return (
            text[:where].encode() + draw(st.binary(min_size=1, max_size=4)) + text[where:].encode()
        )
    if kind == "wrap":
        depth = draw(st.integers(min_value=1, max_value=5000))
        return ("[" * depth + text + "]" * depth).encode()
    document = json.loads(text)
    tables = document["tables"]
    table = draw(st.sampled_from(sorted(name for name in tables if tables[name]["rows"])))
    rows = tables[table]["rows"]
    row = draw(st.integers(min_value=0, max_value=len(rows) - 1))
    position = draw(st.integers(min_value=0, max_value=len(rows[row]) - 1))
    if kind == "value":
        rows[row][position] = draw(json_values)
    else:  # drop: something the document needs goes missing
        target = draw(st.sampled_from(["row value", "row", "column", "key", "table"]))
        if target == "row value":
            del rows[row][position]
        elif target == "row":
            del rows[row]
        elif target == "column":
            del tables[table]["columns"][position]
        elif target == "key":
            del document[draw(st.sampled_from(sorted(document)))]
        else:
            del tables[table]
    return json.dumps(document, allow_nan=False).encode()


def test_fuzzed_files_are_refused_cleanly_or_imported_whole(
    small_export: str, tmp_path: Path
) -> None:
    """Only JsonImportError escapes, and a refused file leaves the database as it was.

    One target store serves every example: a file that still imports is
    checked and then undone by restoring the pristine copy over it.
    """
    source = tmp_path / "fuzzed.json"
    pristine_copy = tmp_path / "pristine.sqlite3"
    with opened(tmp_path / "target") as target:
        with contextlib.closing(sqlite3.connect(pristine_copy)) as copy:
            target.db.connection().backup(copy)
        pristine = table_contents(target.database_path)
        outcomes = {"refused": 0, "imported": 0}

        @settings(max_examples=300)
        @given(mutated_files(small_export))
        def import_one(data: bytes) -> None:
            source.write_bytes(data)
            try:
                summary = import_json(target.db, source, backup_dir=tmp_path / "backups")
            except JsonImportError as error:
                assert str(error)
                assert table_contents(target.database_path) == pristine
                outcomes["refused"] += 1
                return
            outcomes["imported"] += 1
            contents = table_contents(target.database_path)
            assert {table: len(rows) for table, rows in contents.items()} == summary.rows
            with contextlib.closing(sqlite3.connect(pristine_copy)) as copy:
                copy.backup(target.db.connection())
            assert table_contents(target.database_path) == pristine

        import_one()
    assert outcomes["refused"] > 0


def test_any_text_survives_export_and_import(tmp_path: Path) -> None:
    """Brackets, quotes and backslashes in text never look like nesting; nothing is altered.

    Lone surrogates, which SQLite cannot hold, are the one change: jobdesk
    never stores them (``clean_text``), and an import replaces them the same way.
    """
    exported = tmp_path / "export.json"
    pristine_copy = tmp_path / "pristine.sqlite3"
    with opened(tmp_path / "source") as source, opened(tmp_path / "target") as target:
        fill_with_demo_data(source.db, count=1, seed=2)
        with contextlib.closing(sqlite3.connect(pristine_copy)) as copy:
            target.db.connection().backup(copy)
        brackety = st.text(st.sampled_from('[]{}"\\,:\x00\n\u2028é🚀 a'), max_size=60)

        @settings(max_examples=60)
        @given(st.one_of(brackety, st.text(max_size=60)), st.text(max_size=20))
        def round_trip(notes: str, key: str) -> None:
            connection = source.db.connection()
            connection.execute("UPDATE application SET notes = ?", (clean_text(notes),))
            connection.execute("DELETE FROM setting")
            connection.execute("INSERT INTO setting VALUES (?, ?)", (clean_text(key), notes[:5]))
            export_json(source.db, exported)
            import_json(target.db, exported, backup_dir=tmp_path / "backups")
            assert table_contents(target.database_path) == table_contents(source.database_path)
            with contextlib.closing(sqlite3.connect(pristine_copy)) as copy:
                copy.backup(target.db.connection())

        round_trip()


def test_an_import_runs_in_one_transaction_of_the_connection(
    small_export: str, store: Store, tmp_path: Path
) -> None:
    """A failure after rows went in (a broken link in the last table) rolls back every row."""
    document = json.loads(small_export)
    document["tables"]["rejection_lesson"]["rows"][-1][1] = 12345
    source = tmp_path / "late-failure.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    before = table_contents(store.database_path)
    with pytest.raises(JsonImportError, match="refers to lesson 12345"):
        import_json(store.db, source, backup_dir=store.backup_dir)
    assert table_contents(store.database_path) == before
    # The backup was taken first, and the store still works.
    assert [info.reason for info in list_backups(store.backup_dir)] == ["before-import"]
    source.write_text(small_export, encoding="utf-8")
    import_json(store.db, source, backup_dir=store.backup_dir)
    assert query(store.database_path, "SELECT COUNT(*) FROM application") == [(6,)]
    assert os.path.exists(store.database_path)
