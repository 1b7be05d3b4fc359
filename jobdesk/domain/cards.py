"""What a card on the board says about an application beyond its fields."""

from __future__ import annotations

from datetime import date
from enum import IntFlag

from jobdesk.domain.vocabulary import RejectionStatus


class Badge(IntFlag):
    """Small flags a card shows; several can be set at once."""

    NONE = 0
    REFLECTION_PENDING = 1  # a rejection was recorded but the reflection is not finished
    FEEDBACK_AWAITED = 2  # feedback was asked for and has not come back
    FOLLOW_UP_DUE = 4  # the follow-up date for that feedback has come


BADGE_LABELS = {
    Badge.REFLECTION_PENDING: "Reflection pending",
    Badge.FEEDBACK_AWAITED: "Feedback awaited",
    Badge.FOLLOW_UP_DUE: "Follow-up due",
}


def badges_for(
    *,
    rejection_status: str | None,
    feedback_requested: bool,
    feedback_received: str,
    follow_up_on: date | None,
    today: date,
) -> Badge:
    """The badges of an application with (or without: status None) a rejection record."""
    if rejection_status is None:
        return Badge.NONE
    badges = Badge.NONE
    if rejection_status == RejectionStatus.DRAFT.value:
        badges |= Badge.REFLECTION_PENDING
    if feedback_requested and not feedback_received.strip():
        badges |= Badge.FEEDBACK_AWAITED
        if follow_up_on is not None and follow_up_on <= today:
            badges |= Badge.FOLLOW_UP_DUE
    return badges


def badge_labels(badges: Badge) -> list[str]:
    return [label for badge, label in BADGE_LABELS.items() if badge in badges]
