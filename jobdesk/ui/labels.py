"""Words the interface uses for the domain's codes."""

from __future__ import annotations

from jobdesk.domain.stages import StageKind

KIND_LABELS = {
    StageKind.OPEN: "Not applied yet",
    StageKind.ACTIVE: "Waiting on them",
    StageKind.INTERVIEW: "Interviewing",
    StageKind.OFFER: "Offer",
    StageKind.ACCEPTED: "Ended: accepted",
    StageKind.REJECTED: "Ended: rejected",
    StageKind.WITHDRAWN: "Ended: withdrawn",
    StageKind.GHOSTED: "Ended: no response",
}
