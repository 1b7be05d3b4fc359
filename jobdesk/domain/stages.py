"""Stage kinds and the default pipeline.

Behaviour follows a stage's *kind*, never its name: the user may rename
"Rejected" to "Nope" and the rejection dialog still opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class StageKind(StrEnum):
    OPEN = "open"  # not applied yet (a wishlist)
    ACTIVE = "active"  # applied or screening: waiting on the employer
    INTERVIEW = "interview"
    OFFER = "offer"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    GHOSTED = "ghosted"  # never heard back

    @property
    def is_ending(self) -> bool:
        """Whether an application in a stage of this kind is closed."""
        return self in ENDING_KINDS


ENDING_KINDS = frozenset(
    {StageKind.ACCEPTED, StageKind.REJECTED, StageKind.WITHDRAWN, StageKind.GHOSTED}
)


@dataclass(frozen=True, slots=True)
class StageRecord:
    """A stage as stored: its place on the board, its look and how it behaves."""

    id: int
    name: str
    position: float
    kind: StageKind
    color: str
    soft_limit: int | None
    hidden: bool
    collapsed: bool


@dataclass(frozen=True, slots=True)
class StageTemplate:
    name: str
    kind: StageKind
    color: str


DEFAULT_STAGES: tuple[StageTemplate, ...] = (
    StageTemplate("Wishlist", StageKind.OPEN, "#8e8e93"),
    StageTemplate("Applied", StageKind.ACTIVE, "#4a90d9"),
    StageTemplate("Screening", StageKind.ACTIVE, "#5b8def"),
    StageTemplate("Interview", StageKind.INTERVIEW, "#7b61ff"),
    StageTemplate("Final interview", StageKind.INTERVIEW, "#a05cd6"),
    StageTemplate("Offer", StageKind.OFFER, "#e0a526"),
    StageTemplate("Accepted", StageKind.ACCEPTED, "#3aa757"),
    StageTemplate("Rejected", StageKind.REJECTED, "#d9534f"),
    StageTemplate("Withdrawn", StageKind.WITHDRAWN, "#9b7b6b"),
    StageTemplate("No response", StageKind.GHOSTED, "#7d8b99"),
)

MAX_STAGE_NAME_LENGTH = 60


def normalise_stage_name(name: str) -> str:
    """Return *name* trimmed, or raise ValueError saying what is wrong with it."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValueError("A stage needs a name.")
    if len(cleaned) > MAX_STAGE_NAME_LENGTH:
        raise ValueError(
            f"A stage name can be at most {MAX_STAGE_NAME_LENGTH} characters "
            f"(this one has {len(cleaned)})."
        )
    return cleaned


def is_valid_color(color: str) -> bool:
    """Whether *color* is a #rrggbb hex colour, the only form we store."""
    if len(color) != 7 or not color.startswith("#"):
        return False
    return all(c in "0123456789abcdefABCDEF" for c in color[1:])
