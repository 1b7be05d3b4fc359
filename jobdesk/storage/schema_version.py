"""The schema version this jobdesk writes, readable without importing peewee.

``migrations.MIGRATIONS`` ends at this version (a test holds them together);
the board's first look at the data (``services.board_snapshot``) reads only a
file already at it.
"""

LATEST_VERSION = 2
