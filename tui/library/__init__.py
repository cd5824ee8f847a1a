"""Many reports: folder scan, ingest cache by sha256, catalog (place, year, kind), SQLite export.

No Textual here (the layering rules: README.md, "Development").  ``open_library(paths)`` → :class:`Library` with
``entries`` (catalog rows), ``skipped`` (path + reason, collected, never printed here)
and ``load(id)`` for one full report.
"""

from tui.library.catalog import Entry
from tui.library.library import Library, open_library
from tui.library.scan import Skipped

__all__ = ["Entry", "Library", "Skipped", "open_library"]
