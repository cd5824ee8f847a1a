"""The open reports, by id in the library's order: a catalog row for each, the full model
of those read.

One report, or a few, are held whole (:meth:`ReportSet.of`).  A library of
:data:`LAZY_FROM` reports or more (:meth:`ReportSet.of_library`) holds only its catalog:
a report's model is loaded when it is opened (from the library screen, the picker, a
search hit, ``{ }``, ``n``), and at most :data:`KEEP` of those are kept (the one on
screen is held by the screen itself); a hit shown never loads its report (:meth:`peek`).  What
goes over every report — the library screen, the picker, the search's labels — reads the
catalog rows; what needs the text of every report either goes through :meth:`each`
(one at a time, none kept: the comparison of a figure) or, in a library, keeps to the
report being read (:meth:`scope`).

No Textual here.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from tui.errors import ReportError
from tui.gc_pause import gc_paused
from tui.model import Report

if TYPE_CHECKING:
    from tui.library import Entry, Library
    from tui.search.filters import Facts

#: From this many reports a library is held as its catalog, and searched through its
#: index on disk (tui.app); below it every report is loaded at the start (30 reports: 0.2 s).
LAZY_FROM = 20
#: Reports loaded on demand that stay in memory (the least recently used go first).
KEEP = 16


class Unavailable(ReportError, KeyError):
    """A report of the catalog that cannot be loaded now (its file changed, or went)."""

    def __str__(self) -> str:  # (KeyError's would quote the message)
        return str(self.args[0]) if self.args else ""


class ReportSet(Mapping[str, Report]):
    """``reports[id]`` is the full report (loaded if need be); iteration gives the ids.

    A report that cannot be loaded raises :class:`Unavailable` (a KeyError: ``get`` gives
    None) and is said once through :attr:`on_unavailable` (id, reason), which the app
    shows; :meth:`each` passes over it.
    """

    def __init__(self, ids: list[str], *, held: dict[str, Report], load: Callable[[str], Report] | None = None,
                 entries: dict[str, Entry] | None = None) -> None:
        self.ids = ids
        self._held = held  # loaded at the start: never dropped
        self._load = load
        self._entries = entries
        self._kept: OrderedDict[str, Report] = OrderedDict()
        self._labels: dict[str, str] | None = None
        self.failed: dict[str, str] = {}  # report id → why it cannot be loaded
        self.on_unavailable: Callable[[str, str], None] | None = None

    @classmethod
    def of(cls, reports: list[Report]) -> ReportSet:
        """Every report in memory (one report; a few files)."""
        return cls([r.id for r in reports], held={r.id: r for r in reports})

    @classmethod
    def of_library(cls, library: Library, *, lazy: bool | None = None) -> ReportSet:
        """The library's reports: only the catalog when ``lazy`` (default: from LAZY_FROM
        reports on), else every report loaded now."""
        if lazy is None:
            lazy = len(library.entries) >= LAZY_FROM
        entries = {e.id: e for e in library.entries}
        if not lazy:
            return cls(list(entries), held={r.id: r for r in library.reports()}, entries=entries)
        return cls(list(entries), held={}, load=library.load, entries=entries)

    # ---- the mapping ----------------------------------------------------------------------
    def __getitem__(self, report_id: str) -> Report:
        found = self._held.get(report_id)
        if found is not None:
            return found
        found = self._kept.get(report_id)
        if found is not None:
            self._kept.move_to_end(report_id)
            return found
        if self._load is None or self._entries is None or report_id not in self._entries:
            raise KeyError(report_id)
        report = self._loaded(report_id)
        self._kept[report_id] = report
        while len(self._kept) > KEEP:
            self._kept.popitem(last=False)
        return report

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, report_id: object) -> bool:
        return report_id in self._held or (self._entries is not None and report_id in self._entries)

    # ---- what a library needs -------------------------------------------------------------
    @property
    def lazy(self) -> bool:
        """Only the catalog is in memory (a large library)."""
        return self._load is not None

    @property
    def first(self) -> Report:
        return self[self.ids[0]]

    def peek(self, report_id: str) -> Report | None:
        """The report if it is in memory, else None (never loads)."""
        return self._held.get(report_id) or self._kept.get(report_id)

    def entry(self, report_id: str) -> Entry:
        """The catalog row of one report (made from the report where it was not read from a
        library)."""
        if self._entries is None:
            self._entries = {}
        found = self._entries.get(report_id)
        if found is None:
            from tui.library.catalog import entry_for

            report = self[report_id]
            found = self._entries[report_id] = entry_for(report, path=report.source.file,
                                                         sha256=report.source.sha256, fmt="text")
        return found

    def entries(self) -> list[Entry]:
        return [self.entry(i) for i in self.ids]

    def facts(self) -> list[Facts]:
        from tui.search.filters import facts_for

        return [facts_for(e) for e in self.entries()]

    def labels(self) -> dict[str, str]:
        """Report id → its label (place year short kind), unique among the open reports."""
        if self._labels is None:
            from tui.search.filters import labels_for

            self._labels = labels_for(self.facts())
        return self._labels

    def scope(self, current: str) -> list[Report]:
        """The reports a walk over every section covers (n / N, ``]`` / ``[``, the figure
        table, the palette's sections): all of them, or in a library held as its catalog the
        one being read."""
        return [self[current]] if self.lazy else [self[i] for i in self.ids]

    def _loaded(self, report_id: str) -> Report:
        """The report loaded now, or :class:`Unavailable` (said once)."""
        if report_id in self.failed:
            raise Unavailable(self.failed[report_id])
        try:
            return self._load(report_id)  # type: ignore[misc]
        except (ReportError, OSError) as err:
            reason = self.failed[report_id] = str(err)
            if self.on_unavailable is not None:
                self.on_unavailable(report_id, reason)
            raise Unavailable(reason) from None

    def each(self) -> Iterator[Report]:
        """Every report in order, one at a time: those not in memory are loaded for the
        caller and not kept (with the collector paused, as Library.reports); one that
        cannot be loaded is passed over."""
        with gc_paused():
            for report_id in self.ids:
                found = self.peek(report_id)
                if found is None:
                    try:
                        found = self._loaded(report_id)
                    except Unavailable:
                        continue
                yield found

    def loaded(self) -> dict[str, Report]:
        """The reports in memory now, by id."""
        return {**self._held, **self._kept}
