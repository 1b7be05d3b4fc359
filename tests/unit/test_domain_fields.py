"""The rules for what an application's fields may hold."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobdesk.domain.applications import (
    ValidationError,
    check_application_whole,
    clean_application_fields,
)
from jobdesk.domain.links import is_openable, normalise_posting_url
from jobdesk.domain.stages import StageKind, is_valid_color, normalise_stage_name
from jobdesk.domain.text import MAX_TEXT_LENGTH, clean_text, format_tags, parse_tags


@given(st.text())
def test_any_typed_text_is_kept_exactly(value: str) -> None:
    assert clean_application_fields({"notes": value}) == {"notes": value}
    assert clean_application_fields({"company": value}) == {"company": value.strip()}


def test_hostile_text_is_kept_literally() -> None:
    hostile = '<img src="http://127.0.0.1:9/x"><b>x</b> שלום 👩‍💻 \x00 \u202e'
    assert clean_application_fields({"company": hostile})["company"] == hostile


def test_lone_surrogates_become_replacement_characters() -> None:
    assert clean_text("a\ud800b") == "a\ufffdb"


def test_a_megabyte_paste_is_accepted_and_more_than_the_limit_is_explained() -> None:
    megabyte = "x" * 1_000_000
    assert clean_application_fields({"job_description": megabyte})["job_description"] == megabyte
    with pytest.raises(ValidationError) as caught:
        clean_application_fields({"job_description": "x" * (MAX_TEXT_LENGTH + 1)})
    assert caught.value.field == "job_description"
    assert "limit" in caught.value.message


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("excitement", 6, "between 0 and 5"),
        ("excitement", "high", "whole number"),
        ("salary_min", -1, "between"),
        ("salary_max", 2.5, "whole number"),
        ("work_mode", "underwater", "must be one of"),
        ("applied_on", "yesterday", "date"),
        ("company", 12, "text"),
        ("colour", "red", "not a field"),
        ("posting_url", "javascript:alert(1)", "http"),
    ],
)
def test_invalid_values_name_the_field_and_the_fix(
    field: str, value: object, fragment: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        clean_application_fields({field: value})
    assert caught.value.field == field
    assert fragment in caught.value.message


def test_cleaning_tidies_tags_links_and_currency() -> None:
    cleaned = clean_application_fields(
        {
            "tags": " python,Remote , python,, ",
            "posting_url": " example.com/jobs/7 ",
            "salary_currency": " eur ",
            "applied_on": date(2026, 1, 2),
            "salary_min": None,
        }
    )
    assert cleaned == {
        "tags": "python, Remote",
        "posting_url": "https://example.com/jobs/7",
        "salary_currency": "EUR",
        "applied_on": date(2026, 1, 2),
        "salary_min": None,
    }


def test_whole_application_rules() -> None:
    check_application_whole({"company": "Acme", "role": ""})
    check_application_whole({"company": "", "role": "Engineer"})
    with pytest.raises(ValidationError, match="at least a company or a role"):
        check_application_whole({"company": "  ", "role": None})
    with pytest.raises(ValidationError) as caught:
        check_application_whole({"company": "A", "salary_min": 50, "salary_max": 40})
    assert caught.value.field == "salary_max"


@pytest.mark.parametrize(
    ("url", "openable"),
    [
        ("https://example.com", True),
        ("http://example.com/a?b=c", True),
        ("mailto:someone@example.com?subject=Thanks", True),
        ("file:///etc/passwd", False),
        ("javascript:alert(1)", False),
        ("ftp://example.com", False),
        ("https://", False),
        ("", False),
        ("http://[::1", False),
    ],
)
def test_only_web_and_mail_links_may_be_opened(url: str, openable: bool) -> None:
    assert is_openable(url) is openable


def test_posting_links_are_normalised() -> None:
    assert normalise_posting_url("example.com:8080/x") == "https://example.com:8080/x"
    assert normalise_posting_url("   ") == ""
    with pytest.raises(ValueError, match="http"):
        normalise_posting_url("mailto:a@b")


def test_tags_round_trip() -> None:
    assert parse_tags(format_tags(["a b", "C"])) == ["a b", "C"]
    assert parse_tags("A, a, b") == ["A", "b"]


def test_stage_names_and_colours() -> None:
    assert normalise_stage_name("  Final   interview ") == "Final interview"
    with pytest.raises(ValueError, match="needs a name"):
        normalise_stage_name("   ")
    with pytest.raises(ValueError, match="at most"):
        normalise_stage_name("x" * 61)
    assert is_valid_color("#A0b1C2")
    assert not is_valid_color("red")
    assert not is_valid_color("#12345g")


def test_ending_kinds() -> None:
    endings = {kind for kind in StageKind if kind.is_ending}
    assert endings == {
        StageKind.ACCEPTED,
        StageKind.REJECTED,
        StageKind.WITHDRAWN,
        StageKind.GHOSTED,
    }
