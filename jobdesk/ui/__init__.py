"""Qt widgets, item models, delegates and dialogs. Calls services; never builds queries."""

from jobdesk.ui.imported_sources import stop_reading_imported_sources

stop_reading_imported_sources()
