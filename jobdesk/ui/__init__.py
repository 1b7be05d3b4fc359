"""Qt widgets, item models, delegates and dialogs. Calls services; never builds queries."""

# First, before anything here imports PySide6: it makes its enums from then on.
from jobdesk.ui.quick_enums import make_enums_quickly

make_enums_quickly()

from jobdesk.ui.imported_sources import stop_reading_imported_sources  # noqa: E402

stop_reading_imported_sources()
