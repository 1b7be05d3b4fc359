"""The drag-and-drop payload of a card: jobdesk's own MIME type, never plain text.

Using a private type means a card dropped on another program carries
nothing readable, and text dropped from another program is not mistaken for
a card.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData

# json is imported by the functions below: the board's start-up does not need it (2 ms).

CARD_MIME_TYPE = "application/x-jobdesk-card"


def card_mime_data(application_id: int, from_stage_id: int) -> QMimeData:
    import json

    data = QMimeData()
    payload = json.dumps({"application_id": application_id, "from_stage_id": from_stage_id})
    data.setData(CARD_MIME_TYPE, payload.encode("utf-8"))
    return data


def read_card(data: QMimeData | None) -> tuple[int, int] | None:
    """(application id, stage it came from), or None if *data* is not a jobdesk card."""
    if data is None or not data.hasFormat(CARD_MIME_TYPE):
        return None
    import json

    try:
        payload = json.loads(bytes(data.data(CARD_MIME_TYPE).data()).decode("utf-8"))
        application_id, from_stage_id = payload["application_id"], payload["from_stage_id"]
    except (ValueError, KeyError, TypeError):
        return None
    if not (isinstance(application_id, int) and isinstance(from_stage_id, int)):
        return None
    return application_id, from_stage_id
