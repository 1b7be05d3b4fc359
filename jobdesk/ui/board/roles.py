"""Named item-data roles of the card models (tests and delegates use these)."""

from __future__ import annotations

from PySide6.QtCore import Qt

_BASE = Qt.ItemDataRole.UserRole
ApplicationIdRole = _BASE + 1
CompanyRole = _BASE + 2
JobRoleRole = _BASE + 3  # the job's role ("Data Analyst"), not a Qt role
DaysInStageRole = _BASE + 4
ExcitementRole = _BASE + 5
NextActionDateRole = _BASE + 6
TagsRole = _BASE + 7
BadgesRole = _BASE + 8
PositionRole = _BASE + 9
ArchivedRole = _BASE + 10
StageColorRole = _BASE + 11
#: The whole ``services.board_rows.Card``: the delegate reads a card in one call.
CardRole = _BASE + 12
