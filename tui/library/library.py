"""A library: the reports under some folders and files, opened through the cache.

``open_library(paths)`` scans (:mod:`tui.library.scan`), then for each candidate file:

1. the stored catalog of these roots has it with the same size, mtime, inode and device
   (and the file was not modified within a second of that catalog's scan — the "racy"
   rule of git, for clocks coarser than the file system's) → its row is used, nothing
   is read;
2. else the bytes are read once and hashed; the same sha256 as before → its row again;
3. else a ``.json`` file is validated, and a raw text is looked up in the report cache by
   sha256 and ingested only when it is not there (then cached).

The hash is always of the bytes actually ingested, so a file changing while it is read
is caught on the next open.  A failure (binary, not a report, invalid JSON) is recorded
too, so the same bad bytes are not re-tried on every open.  Two files with the same
report (same bytes, or a JSON and the raw text it was made from: the same
``source.sha256``) appear once — the raw text is preferred, then the one nearest the top
of the folders, then the first — and the others are listed as skipped.  Ids are made
unique (``report``, ``report-2`` …).

Full reports are loaded only by :meth:`Library.load` (one id) or :meth:`Library.reports`
(one at a time): opening a library of 1,000 reports reads one catalog file.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path

from tui.errors import ReportError
from tui.gc_pause import gc_paused
from tui.library.cache import CatalogStore, ReportCache, sha256_of
from tui.library.catalog import Entry, entry_for
from tui.library.scan import Candidate, Skipped, scan, size_limit
from tui.model import Report

RACY_NS = 1_000_000_000  # a file modified this close to a scan is re-hashed next time
MAX_ID = 190  # room for "-NNN" under the report id's 200 characters

Progress = Callable[[int, int, str], None]


def ingest_raw(raw: bytes, name: str) -> Report:
    """The ingest of one raw text (the one place the library calls it)."""
    from tui.ingest import pipeline

    return pipeline.ingest_bytes(raw, name)


def _file_names(path: str) -> tuple[str, str]:
    """(report id, source file name) that ingest gives a file of this name."""
    from tui.ingest.pipeline import slug, text_file_name

    name = os.path.basename(path)
    return slug(name), text_file_name(name)


def _reason(err: Exception, *prefixes: str) -> str:
    text = str(err) if isinstance(err, ReportError) else f"ingest failed ({type(err).__name__}: {err})"
    for prefix in prefixes:
        if text.startswith(f"{prefix}: "):
            return text[len(prefix) + 2:]
    return " ".join(text.split())


def _read(path: str) -> bytes:
    from tui.ingest.decode import MAX_BYTES, read_bytes

    limit = size_limit(path)
    return read_bytes(Path(path)) if limit == MAX_BYTES else read_bytes(Path(path), limit)


def _signature(path: str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev]


def _is_json(path: str) -> bool:
    return path.lower().endswith(".json")


@dataclass
class Stats:
    trusted: int = 0  # rows taken from the stored catalog without reading the file
    hashed: int = 0  # files read and hashed
    from_cache: int = 0  # reports found in the report cache
    ingested: int = 0  # raw texts ingested (or JSON files validated)


@dataclass
class Library:
    entries: list[Entry]
    skipped: list[Skipped]
    stats: Stats = field(default_factory=Stats)
    cache: ReportCache | None = None
    _memo: dict[str, Report] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {e.id: e for e in self.entries}

    def entry(self, report_id: str) -> Entry:
        try:
            return self._by_id[report_id]
        except KeyError:
            raise ReportError(f"no report {report_id!r} in the library") from None

    def load(self, report_id: str) -> Report:
        """The full report of one catalog row (from the cache, else read again)."""
        if report_id in self._memo:
            return self._memo[report_id]
        entry = self.entry(report_id)
        with gc_paused():  # many small acyclic objects: collections would only cost time
            return self._load(entry)

    def _load(self, entry: Entry) -> Report:
        report = None
        if entry.format == "text" and self.cache is not None:
            report = self.cache.get(entry.sha256)
        if report is None:
            raw = _read(entry.path)
            if sha256_of(raw) != entry.sha256:
                raise ReportError(f"{entry.path}: changed since the library was opened (open it again)")
            try:
                report = _parse(raw, entry.path)
            except Exception as err:  # it was usable when the library was opened: say what changed
                raise ReportError(f"{entry.path}: {_reason(err, entry.path, os.path.basename(entry.path))}") from None
            if entry.format == "text" and self.cache is not None:
                self.cache.put(entry.sha256, report)
        return _named(report, entry)

    def release(self) -> None:
        """Drop the reports kept from the scan (``keep=True``) where the cache holds them:
        they are loaded again one by one (a raw text: from the cache; a JSON: read again)."""
        if self.cache is not None:
            self._memo.clear()

    def reports(self) -> Iterator[Report]:
        """Every report in catalog order, with the collector paused until the last one: the
        reports loaded before stay alive, and every full collection would traverse them again
        (1,000 JSONs: 7.4–9.1 s with collections, 4.1–5.6 s paused; a pause per load alone
        leaves 6.1–8.7 s).  The caller's work between two reports runs paused too."""
        with gc_paused():
            for entry in self.entries:
                yield self.load(entry.id)


def _parse(raw: bytes, path: str) -> Report:
    if _is_json(path):
        from tui.loading import report_from_json

        return report_from_json(raw, path)
    return ingest_raw(raw, os.path.basename(path))


def _named(report: Report, entry: Entry) -> Report:
    """The report under its catalog id (unique in the library) and its own file name (a
    cached report may have been ingested from a copy with another name)."""
    report.id = entry.id
    if entry.format == "text":
        report.source.file = entry.file
    return report


def open_library(paths: list[str | os.PathLike], *, use_cache: bool = True, keep: bool = False,
                 progress: Progress | None = None, cache_root: Path | None = None) -> Library:
    """Scan ``paths`` and make the catalog (see the module docstring).

    ``use_cache=False`` neither reads nor writes the cache (everything is ingested; the
    reports are kept in memory for :meth:`Library.load`).  ``keep=True`` keeps the
    reports ingested or validated during the scan in memory too.
    """
    scanned_ns = time.time_ns()
    found = scan(list(paths))
    roots = sorted({os.path.abspath(os.fspath(p)) for p in paths})
    store = CatalogStore(roots, cache_root) if use_cache else None
    cache = ReportCache(cache_root) if use_cache else None
    old = (store.read() if store else None) or {"scanned_ns": 0, "files": {}}
    stats = Stats()
    skipped = list(found.skipped)
    by_path: dict[str, Report] = {}
    records: dict[str, dict] = {}
    kept: list[Entry] = []
    total = len(found.candidates)
    with gc_paused():  # the bulk load (ingest, validation, the cache): see Library.reports
        for done, cand in enumerate(found.candidates, start=1):
            key = cand.key
            record, entry = _record(cand, old["files"].get(key), old["scanned_ns"], cache, stats,
                                    by_path if keep or not use_cache else None)
            if progress:
                progress(done, total, cand.path)
            if "unread" in record:
                skipped.append(Skipped(cand.path, record["unread"]))
                continue
            records[key] = record
            if entry is None:
                skipped.append(Skipped(cand.path, record["error"]))
            else:
                entry.path = cand.path  # as given this time (the catalog may have seen it relative)
                kept.append(entry)
    if store and records != old["files"]:  # unchanged: nothing to write
        store.write(scanned_ns, records)
    entries = _unique(kept, skipped)
    skipped.sort(key=lambda s: s.path)
    memo = {e.id: _named(by_path[e.path], e) for e in entries if e.path in by_path}
    return Library(entries, skipped, stats, cache, memo)


def _trusted(prev: object) -> tuple[dict, Entry | None] | None:
    """A record of the stored catalog and its row, or None when it is not one.  (The
    catalog's checksum already vouches for its rows, :meth:`CatalogStore.read`: this only
    keeps a record of another shape from reaching the app.)"""
    try:
        if not isinstance(prev["sha256"], str):
            return None
        if prev["error"] is None:
            return prev, Entry(*prev["entry"])
        return (prev, None) if isinstance(prev["error"], str) else None
    except (KeyError, TypeError, ValueError):
        return None


def _row_values(entry: Entry) -> list:
    """A row as the catalog stores it: :class:`Entry`'s values in its fields' order."""
    return [getattr(entry, name) for name in _ENTRY_FIELDS]


_ENTRY_FIELDS = tuple(f.name for f in fields(Entry))


def _record(cand: Candidate, prev: object, scanned_ns: int, cache: ReportCache | None, stats: Stats,
            by_path: dict[str, Report] | None) -> tuple[dict, Entry | None]:
    """The catalog record of one file (``sig``, ``sha256``, ``entry`` or ``error``) and its row."""
    trusted = _trusted(prev) if prev is not None else None
    if trusted and trusted[0].get("sig") == cand.signature and cand.mtime_ns + RACY_NS < scanned_ns:
        stats.trusted += 1
        return trusted
    try:
        raw = _read(cand.path)
    except ReportError as err:
        return {"unread": _reason(err, cand.path)}, None
    sha = sha256_of(raw)
    stats.hashed += 1
    # the signature after reading: if the file changed meanwhile, it is re-hashed next time
    after = _signature(cand.path)
    sig = after if after == cand.signature else None
    if trusted and trusted[0]["sha256"] == sha:
        return {**trusted[0], "sig": sig}, trusted[1]
    report = None
    fmt = "json" if _is_json(cand.path) else "text"
    if fmt == "text" and cache is not None:
        report = cache.get(sha)
        if report is not None:
            stats.from_cache += 1
            report.id, report.source.file = _file_names(cand.path)
    if report is None:
        try:
            report = _parse(raw, cand.path)
        except Exception as err:  # any failure of one file is that file's reason, not the library's
            return {"sig": sig, "sha256": sha, "entry": None,
                    "error": _reason(err, cand.path, os.path.basename(cand.path))}, None
        stats.ingested += 1
        if fmt == "text" and cache is not None:
            cache.put(sha, report)
    entry = entry_for(report, path=cand.path, sha256=sha, fmt=fmt)
    if by_path is not None:
        by_path[cand.path] = report
    return {"sig": sig, "sha256": sha, "entry": _row_values(entry), "error": None}, entry


def _preference(entry: Entry) -> tuple[int, int]:
    return (entry.format != "text", entry.path.count(os.sep))


def _unique(kept: list[Entry], skipped: list[Skipped]) -> list[Entry]:
    """One entry per report, with unique ids.  Of several copies the raw text is kept
    (not a JSON made from it), then the one nearest the top of the folders, then the first."""
    best: dict[str, Entry] = {}
    for entry in kept:
        other = best.get(entry.source_sha256)
        if other is None or _preference(entry) < _preference(other):
            best[entry.source_sha256] = entry
    entries: list[Entry] = []
    used: set[str] = set()
    for entry in kept:
        winner = best[entry.source_sha256]
        if winner is not entry:
            skipped.append(Skipped(entry.path, f"the same report as {winner.path}"))
            continue
        base = entry.id[:MAX_ID]
        entry.id, n = base, 1
        while entry.id in used:
            n += 1
            entry.id = f"{base}-{n}"
        used.add(entry.id)
        entries.append(entry)
    return entries
