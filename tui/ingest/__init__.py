"""Raw report text → ``Report``: decode → lines → structure → figures → measures → pinyin.

The pipeline is imported on first use, so that ``tui.ingest.decode`` (all that loading a
JSON report needs) stays cheap for the app's start-up.
"""

from __future__ import annotations

__all__ = ["ingest_bytes", "ingest_file", "ingest_text"]


def __getattr__(name: str):
    if name in __all__:
        from tui.ingest import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'tui.ingest' has no attribute {name!r}")
