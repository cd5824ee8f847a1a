"""The ingest cache: reports by the sha256 of their raw bytes, and stored catalogs.

Layout under :func:`cache_dir` (``$REPORT_EXPLORER_CACHE_DIR``, else platformdirs' user
cache dir for ``report-explorer``)::

    reports-i<INGEST_VERSION>-s<SCHEMA_VERSION>/ab/abcdef….json   one ingested report
    catalogs-i<INGEST_VERSION>/<key>.json                         one catalog per set of roots

A report entry is the report JSON (compact); it is trusted only if it parses, validates
and names the sha256 it is filed under — otherwise it is re-made.  Changing the ingest
output for the same bytes means bumping :data:`INGEST_VERSION`: old entries are then
simply never read (``report-explorer library --no-cache`` bypasses the cache entirely).

Every write goes to a temporary file in the same folder and is renamed over the target
(``os.replace``), so a crash mid-write leaves the old entry or none, never half of one.
Entries are not fsync'ed: a power cut may at worst leave an empty or torn file, which
the validation above treats as corrupt and re-makes.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from tui.gc_pause import gc_paused
from tui.model import SCHEMA_VERSION, Report

#: Bump when ingest gives different output for the same raw bytes (new fields, fixes):
#: every cached report and catalog is then re-made on the next open.
INGEST_VERSION = 1
#: Bump when the layout of a stored catalog changes.
CATALOG_VERSION = 2
CACHE_ENV = "REPORT_EXPLORER_CACHE_DIR"


def cache_dir() -> Path:
    if env := os.environ.get(CACHE_ENV):
        return Path(env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("report-explorer", appauthor=False)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:40]}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ReportCache:
    """Ingested reports on disk, keyed by the sha256 of the raw bytes they came from."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = (Path(root) if root else cache_dir()) / f"reports-i{INGEST_VERSION}-s{SCHEMA_VERSION}"

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / f"{sha256}.json"

    def get(self, sha256: str) -> Report | None:
        """The cached report, or None when there is none or it cannot be trusted."""
        try:
            data = self.path(sha256).read_bytes()
        except OSError:
            return None
        try:
            with gc_paused():  # many small acyclic objects: collections would only cost time
                report = Report.model_validate_json(data)
        except ValueError:  # torn, truncated, edited by hand: re-made by the caller
            return None
        return report if report.source.sha256 == sha256 else None

    def put(self, sha256: str, report: Report) -> None:
        data = report.model_dump_json().encode("utf-8", "surrogatepass")
        try:
            write_atomic(self.path(sha256), data)
        except OSError:
            pass  # a read-only or full cache only costs speed: the report is still used


class CatalogStore:
    """The stored catalog of one set of roots (files seen, their hashes and rows)."""

    def __init__(self, roots: list[str], root: Path | None = None) -> None:
        key = sha256_of("\n".join(sorted(roots)).encode("utf-8", "surrogatepass"))[:32]
        self.path = (Path(root) if root else cache_dir()) / f"catalogs-i{INGEST_VERSION}" / f"{key}.json"
        self.roots = sorted(roots)

    def read(self) -> dict | None:
        """``{"scanned_ns": int, "files": {path: record}}`` or None (missing or corrupt)."""
        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return None
        if not (isinstance(data, dict) and data.get("version") == CATALOG_VERSION
                and data.get("roots") == self.roots and isinstance(data.get("files"), dict)
                and isinstance(data.get("scanned_ns"), int)):
            return None
        return data

    def write(self, scanned_ns: int, files: dict[str, dict]) -> None:
        data = {"version": CATALOG_VERSION, "roots": self.roots, "scanned_ns": scanned_ns, "files": files}
        try:  # ASCII JSON: file names that are not valid UTF-8 survive as \udcxx escapes
            write_atomic(self.path, json.dumps(data, separators=(",", ":")).encode("ascii"))
        except OSError:
            pass
