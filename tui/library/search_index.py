"""A library's persistent search index: built once, kept up to date, opened in milliseconds.

One store (:class:`~tui.search.store.UnitStore`, tantivy) under the cache folder holds the
search units (:mod:`tui.search.units`) of every report any library has indexed, each
report under the sha256 it is cached by; a library searches the reports it holds (a file
deleted since is simply not among them, a changed one has another sha256).  Beside it,
``readings.json``: the readings table of every report indexed (pinyin, merged), so that a
query needs no report loaded.  :func:`update` adds the reports the store lacks — each
loaded once, from the report cache — and commits every :data:`BATCH` reports, so a crash
loses at most a batch, and removes the reports no library has opened for
:data:`KEEP_DAYS`; :func:`open_search` then answers queries
(:class:`~tui.search.disk.DiskSearch`).  A store that cannot be opened (corrupt, another
version) is removed and made again, and the indexes of other versions of the code are
removed.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable, Collection, Mapping
from pathlib import Path

from tui.export_files import write_atomic
from tui.library.cache import cache_dir, fingerprint, ingest_fingerprint
from tui.library.library import Library
from tui.model import Report
from tui.search.units import units_of

BATCH = 200  # reports per commit
KEEP_DAYS = 30  # a report no library opened for this long leaves the index
Progress = Callable[[int, int], None]


def index_dir(root: Path | None = None) -> Path:
    """The store's folder: named for the ingest code and the code that makes units."""
    here = Path(__file__).resolve().parents[1] / "search"
    units = fingerprint([here / "units.py", here / "unit_format.py"])  # (not the query code)
    return (Path(root) if root else cache_dir()) / f"index-i{ingest_fingerprint()}-u{units}"


def _open_store(path: Path):
    from tui.search.store import StoreError, UnitStore

    try:
        return UnitStore.open(path)
    except StoreError:
        shutil.rmtree(path, ignore_errors=True)
        return UnitStore.open(path)


def _drop_old(path: Path) -> None:
    """Remove the indexes made by other versions of the code (a new version makes its own:
    each can be the size of the report cache)."""
    for other in path.parent.glob("index-i*-u*"):
        if other != path and other.is_dir() and not other.is_symlink():
            shutil.rmtree(other, ignore_errors=True)


def _read_readings(path: Path) -> dict[str, list[str]]:
    try:
        data = json.loads((path / "readings.json").read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {ch: rs for ch, rs in data.items()
            if isinstance(ch, str) and isinstance(rs, list) and all(isinstance(r, str) for r in rs)}


def update(library: Library, *, root: Path | None = None, progress: Progress | None = None,
           loaded: Mapping[str, Report] | None = None):
    """Add the library's reports that the store lacks → (the open store, the readings, how
    many reports are still not in it: another process holds the index's write lock).
    ``loaded``: reports already in memory, by id (else each is loaded from the cache)."""
    from tui.search.store import StoreLocked

    path = index_dir(root)
    path.mkdir(parents=True, exist_ok=True)
    _drop_old(path)
    store = _open_store(path)
    readings = _read_readings(path)
    have = store.keys()
    missing = [e for e in library.entries if e.sha256 not in have]
    changed = False
    done = 0
    try:
        if _prune(store, path, {e.sha256 for e in library.entries}, have) and not missing:
            store.commit()
        for done, entry in enumerate(missing, 1):
            report = loaded.get(entry.id) if loaded is not None else None
            if report is None:
                report = library.load(entry.id)
            store.add(entry.sha256, units_of(report))
            for ch, rs in (report.pinyin or {}).items():
                if ch not in readings:
                    readings[ch] = list(rs)
                    changed = True
            if done % BATCH == 0 or done == len(missing):
                if changed:  # the readings first: a unit is never searchable without them
                    write_atomic(path / "readings.json", json.dumps(readings, ensure_ascii=False).encode(),
                                 durable=False)
                    changed = False
                store.commit()
            if progress is not None:
                progress(done, len(missing))
    except StoreLocked:  # another report-explorer is adding reports: search what is there
        store.release()
        have = store.keys()
        return store, readings, sum(1 for e in library.entries if e.sha256 not in have)
    store.release()  # (the write lock: another library, or process, may add its reports)
    return store, readings, 0


def _prune(store, path: Path, wanted: set[str], have: Collection[str]) -> bool:
    """Remove the reports no library has opened for :data:`KEEP_DAYS` (a file deleted,
    changed, a folder not opened again): ``seen.json`` holds each key's last day."""
    try:
        seen = json.loads((path / "seen.json").read_bytes())
    except (OSError, ValueError, RecursionError):
        seen = {}
    if not isinstance(seen, dict):
        seen = {}
    today = int(time.time() // 86400)
    new = {k: day for k, day in seen.items() if k in have and isinstance(day, int)}
    new.update({k: today for k in wanted})
    for k in have:
        new.setdefault(k, today)  # (no day yet: the clock starts now)
    stale = [k for k, day in new.items() if today - day > KEEP_DAYS]
    for k in stale:
        store.remove(k)
        del new[k]
    if new != seen:
        write_atomic(path / "seen.json", json.dumps(new).encode(), durable=False)
    return bool(stale)


def open_search(library: Library, *, root: Path | None = None, progress: Progress | None = None,
                loaded: Mapping[str, Report] | None = None):
    """A :class:`~tui.search.disk.DiskSearch` over the library (its index updated first)."""
    from tui.search.disk import DiskSearch
    from tui.search.filters import facts_for, passes
    from tui.search.pinyin import PinyinTable

    store, readings, unindexed = update(library, root=root, progress=progress, loaded=loaded)
    names = {e.sha256: e.id for e in library.entries}  # (in the library's order: ties rank by it)
    facts = {e.sha256: facts_for(e, readings) for e in library.entries}
    found = DiskSearch(store, names, PinyinTable([readings]), passes=lambda key, filters: passes(facts[key], filters),
                       places=[e.place for e in library.entries])
    found.unindexed = unindexed
    found.keep_common()
    return found
