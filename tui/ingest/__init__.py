"""Raw report text → ``Report``: decode → lines → structure → figures → measures → pinyin."""

from tui.ingest.pipeline import ingest_bytes, ingest_file, ingest_text

__all__ = ["ingest_bytes", "ingest_file", "ingest_text"]
