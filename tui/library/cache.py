"""The ingest cache: reports by the sha256 of their raw bytes, and stored catalogs.

Layout under :func:`cache_dir` (``$REPORT_EXPLORER_CACHE_DIR``, else platformdirs' user
cache dir for ``report-explorer``)::

    reports-i<VERSION>-s<SCHEMA_VERSION>/ab/abcdef….json   one ingested report
    catalogs-i<VERSION>/<key>.json                         one catalog per set of roots

``<VERSION>`` is :data:`INGEST_VERSION` and a fingerprint of the code whose output is
cached (:func:`ingest_fingerprint`: the ingest package, the model, the catalog rules and
the pypinyin release), so that a changed rule re-ingests on the next open without anyone
having to remember a bump.

A report entry is the report JSON (compact); it is trusted only if it
passes the check every report JSON passes (:func:`tui.loading.report_from_json`) and names
the sha256 it is filed under — otherwise it is re-made.  Changing the ingest
output for the same bytes means bumping :data:`INGEST_VERSION`: old entries are then
simply never read (``report-explorer library --no-cache`` bypasses the cache entirely).

Every write goes through :func:`tui.export_files.write_atomic` (a temporary file in the
same folder renamed over the target), so a crash mid-write leaves the old entry or none,
never half of one.  Entries are not fsync'ed: a power cut may at worst leave an empty or
torn file, which the check above treats as corrupt and re-makes.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from tui.errors import ReportError
from tui.export_files import make_folder, write_atomic
from tui.gc_pause import gc_paused
from tui.ingest.decode import MAX_JSON_BYTES, read_bytes
from tui.loading import report_from_json
from tui.model import SCHEMA_VERSION, Report

#: Bump when ingest output changes for a reason the code fingerprint cannot see (data
#: files read by ingest, a library's behaviour): every cached report and catalog is then
#: re-made on the next open.
INGEST_VERSION = 1
#: Bump when the layout of a stored catalog changes (3: a checksum line; a row's entry
#: as a list of :class:`tui.library.catalog.Entry`'s values, in its fields' order).
CATALOG_VERSION = 3
CACHE_ENV = "REPORT_EXPLORER_CACHE_DIR"


#: What a cached report or catalog row is made by: any change to these re-makes the cache.
_MADE_BY = ("tui/ingest", "tui/model.py", "tui/library/catalog.py", "tui/library/place.py")


def fingerprint(paths: list[Path], extra: str = "") -> str:
    """12 hex digits of the sha256 of the files' names and bytes (and ``extra``)."""
    digest = hashlib.sha256(extra.encode())
    for path in sorted(paths):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


@lru_cache(maxsize=1)
def ingest_fingerprint() -> str:
    """:data:`INGEST_VERSION` and a fingerprint of the ingest code, e.g. ``1-3fa2c9d01b7e``."""
    package = Path(__file__).resolve().parents[2]
    paths: list[Path] = []
    for part in _MADE_BY:
        where = package / part
        if where.is_dir():  # (sources and any data files; not the bytecode)
            paths += [p for p in where.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        else:
            paths.append(where)
    try:
        pinyin = metadata.version("pypinyin")
    except metadata.PackageNotFoundError:
        pinyin = "none"
    return f"{INGEST_VERSION}-{fingerprint(paths, pinyin)}"


def cache_dir() -> Path:
    if env := os.environ.get(CACHE_ENV):
        return Path(env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("report-explorer", appauthor=False)


def _store(path: Path, data: bytes) -> None:
    """Write one cache file atomically (:func:`tui.export_files.write_atomic`, without
    fsync); a read-only or full cache only costs speed, so a failure is ignored."""
    try:
        make_folder(path.parent)
        write_atomic(path, data, durable=False)
    except OSError:
        pass


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ReportCache:
    """Ingested reports on disk, keyed by the sha256 of the raw bytes they came from."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = (Path(root) if root else cache_dir()) / f"reports-i{ingest_fingerprint()}-s{SCHEMA_VERSION}"

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / f"{sha256}.json"

    def get(self, sha256: str) -> Report | None:
        """The cached report, or None when there is none or it cannot be trusted."""
        try:  # read like any report JSON: a regular file, within the JSON size limit
            data = read_bytes(self.path(sha256), MAX_JSON_BYTES)
        except ReportError:
            return None
        try:  # the one check every report JSON passes (tui.loading): a cache entry is no way round it
            with gc_paused():  # many small acyclic objects: collections would only cost time
                report = report_from_json(data, str(self.path(sha256)))
        except ReportError:  # torn, truncated, edited by hand: re-made by the caller
            return None
        return report if report.source.sha256 == sha256 else None

    def put(self, sha256: str, report: Report) -> None:
        _store(self.path(sha256), report.model_dump_json().encode("utf-8", "surrogatepass"))


class CatalogStore:
    """The stored catalog of one set of roots (files seen, their hashes and rows)."""

    def __init__(self, roots: list[str], root: Path | None = None) -> None:
        key = sha256_of("\n".join(sorted(roots)).encode("utf-8", "surrogatepass"))[:32]
        self.path = (Path(root) if root else cache_dir()) / f"catalogs-i{ingest_fingerprint()}" / f"{key}.json"
        self.roots = sorted(roots)

    def read(self) -> dict | None:
        """``{"scanned_ns": int, "files": {path: record}}`` or None (missing, corrupt, or of
        another layout).

        The file is the sha256 of the JSON, a newline, then the JSON: a catalog whose bytes
        do not match is not trusted at all (torn, truncated or edited by hand: every file is
        then read and hashed again).  Within a matching one the rows are the writer's own, so
        they are not checked field by field (10,000 rows: 75 ms less to open).  A change of
        the rows' fields changes :func:`ingest_fingerprint` (they are defined in
        ``tui/library/catalog.py``), so a catalog of other fields is never read.
        """
        try:
            raw = self.path.read_bytes()
        except OSError:
            return None
        digest, _, body = raw.partition(b"\n")
        if digest != sha256_of(body).encode("ascii"):
            return None
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):
            return None
        if not (isinstance(data, dict) and data.get("version") == CATALOG_VERSION
                and data.get("roots") == self.roots and isinstance(data.get("files"), dict)
                and isinstance(data.get("scanned_ns"), int)):
            return None
        return data

    def write(self, scanned_ns: int, files: dict[str, dict]) -> None:
        data = {"version": CATALOG_VERSION, "roots": self.roots, "scanned_ns": scanned_ns, "files": files}
        # ASCII JSON: file names that are not valid UTF-8 survive as \udcxx escapes
        body = json.dumps(data, separators=(",", ":")).encode("ascii")
        _store(self.path, sha256_of(body).encode("ascii") + b"\n" + body)
