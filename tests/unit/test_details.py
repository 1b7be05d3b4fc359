"""Saving an application with its people and interviews, as one and reversibly."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from jobdesk.services.applications import create_application, get_application
from jobdesk.services.details import (
    ApplicationDetails,
    ContactDetails,
    InterviewDetails,
    create_with_details,
    get_details,
    save_details,
)
from jobdesk.services.errors import ValidationError
from jobdesk.services.stages import list_stages
from jobdesk.storage.store import Store
from tests.helpers import query


def test_save_replaces_everything_and_returns_the_previous_snapshot(store: Store) -> None:
    application_id = create_application(store.db, company="Acme", role="Engineer")
    before = get_details(store.db, application_id=application_id)
    after = ApplicationDetails(
        fields={**before.fields, "role": "Senior Engineer", "next_action_on": date(2026, 12, 1)},
        contacts=(ContactDetails("Priya Patel", "recruiter", email="priya@example.com"),),
        interviews=(
            InterviewDetails(datetime(2026, 12, 2, 10, 0), 1, "video", "Priya", "Good", 4),
        ),
    )
    previous = save_details(store.db, application_id=application_id, details=after)
    assert previous == before
    assert get_details(store.db, application_id=application_id) == after
    save_details(store.db, application_id=application_id, details=previous)
    assert get_details(store.db, application_id=application_id) == before


def test_an_invalid_contact_changes_nothing(store: Store) -> None:
    application_id = create_application(store.db, company="Acme", role="Engineer")
    before = get_details(store.db, application_id=application_id)
    broken = ApplicationDetails(
        fields={**before.fields, "role": "Changed"}, contacts=(ContactDetails("   "),)
    )
    with pytest.raises(ValidationError, match="Contact 1 needs a name"):
        save_details(store.db, application_id=application_id, details=broken)
    assert get_details(store.db, application_id=application_id) == before


def test_create_with_details_is_one_transaction(store: Store) -> None:
    stage = list_stages(store.db)[1]
    bad = ApplicationDetails(
        fields={"company": "Acme"}, interviews=(InterviewDetails(confidence_after=9),)
    )
    with pytest.raises(ValidationError, match="confidence"):
        create_with_details(store.db, stage_id=stage.id, details=bad)
    assert query(store.database_path, "SELECT COUNT(*) FROM application") == [(0,)]
    good = ApplicationDetails(fields={"company": "Acme"}, contacts=(ContactDetails("Sam"),))
    new_id = create_with_details(store.db, stage_id=stage.id, details=good, application_id=41)
    assert new_id == 41
    assert get_application(store.db, application_id=41).company == "Acme"
    assert get_details(store.db, application_id=41).contacts == good.contacts
