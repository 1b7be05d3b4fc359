"""Insights: charts of the search with their numbers.

Only ``insights_view`` (and what it imports) loads matplotlib; import it where
the view is opened, never at start-up.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from jobdesk.paths import PRIVATE_FILE_MODE, ensure_private_dir

if TYPE_CHECKING:
    from jobdesk.ui.insights.insights_view import InsightsView

#: matplotlib's font cache, kept in jobdesk's private data folder.
MATPLOTLIB_CACHE = Path("cache") / "matplotlib"


def load_insights_view(data_dir: Path) -> type[InsightsView]:
    """Import the Insights view (and so matplotlib) for the data in *data_dir*.

    matplotlib writes a font cache on its first import, by default under the
    home folder. Pointed at a private folder beside the data instead (unless
    the person set ``MPLCONFIGDIR`` themselves), jobdesk writes nothing
    outside its data folder and every file it makes is the owner's only.
    """
    if "MPLCONFIGDIR" not in os.environ:
        folder = ensure_private_dir(data_dir / MATPLOTLIB_CACHE)
        os.environ["MPLCONFIGDIR"] = str(folder)
    from jobdesk.ui.insights.insights_view import InsightsView

    folder = Path(os.environ["MPLCONFIGDIR"])
    if folder.is_relative_to(data_dir):
        for written in folder.iterdir():
            if written.is_file():
                written.chmod(PRIVATE_FILE_MODE)
    return InsightsView
