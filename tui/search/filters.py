"""Report filters of a query: ``year:2018``, ``place:温州`` (or ``@温州``), ``kind:统计公报``.

:func:`~tui.search.text.parse_query` reads them into ``ParsedQuery.filters`` as
``(field, value)`` pairs; here they are matched against what the catalog says of each
report (:mod:`tui.library.catalog`: place, year — the period covered — and kind):

- ``year:2018`` the year covered; ``year:2016-2018`` (or ``2016..2018``) a range; fewer
  than four digits, while one types, the years that start with them (``year:201``);
- ``place:温州`` / ``@温州`` the place, the issuer or the title holds the words
  (``@四川`` finds 2026年四川省人民政府工作报告); letters match the place's pinyin,
  whole or initials (``@wenzhou``, ``@wz``);
- ``kind:统计公报`` the kind or its short form holds the words (``kind:公报``, ``kind:法治``).

Several values of one field: any may match (``year:2017 year:2018``); different fields:
all must (``year:2018 @温州``).  A value is folded like a query (full-width digits, case).

:func:`narrow` turns the filters into an index over the reports that pass — the same
index when all pass (nothing else is done, so a query that does not filter anything
costs nothing more), an index that finds nothing when none does, else a search index
over those reports only, built once and kept for the next keystrokes (the last few
sets).  Searching a smaller index is exact: ranking, bands and the result limit are
those of a library holding just these reports.

No Textual here; the catalog module is imported only when a query has a filter.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from tui.model import Report
from tui.search.text import fold

FIELDS = ("year", "place", "kind")
#: How a report's kind is shown where room is short (search groups, the picker).
SHORT_KINDS = {
    "政府工作报告": "政府工作", "法治政府建设": "法治政府", "政府信息公开年报": "信息公开",
    "统计公报": "统计公报", "预算报告": "预算", "审计工作报告": "审计", "计划报告": "计划",
    "规划纲要": "规划", "白皮书": "白皮书", "工作报告": "工作报告",
}
#: Narrowed indices kept (per full index): the sets one is typing between.
KEEP = 3
_YEAR_RANGE_RE = re.compile(r"^(\d{4})(?:-|\.\.|~|～|—|–)(\d{4})$")
_MAX_READINGS = 64  # pinyin spellings of one place name at most (heteronyms multiply)


@dataclass(frozen=True)
class Facts:
    """What a report filter is matched against (from the catalog row of the report)."""

    id: str
    title: str
    issuer: str | None
    place: str | None
    year: int | None
    kind: str | None
    spellings: tuple[str, ...] = ()  # the place in pinyin: "wenzhou", "wz" … (lower case)

    @property
    def short_kind(self) -> str:
        return short_kind(self.kind)


def short_kind(kind: str | None) -> str:
    if not kind:
        return ""
    return SHORT_KINDS.get(kind, kind)


_known: dict[tuple[str, ...], Facts] = {}  # (id, sha256, title) → facts: each report once


def facts_of(report: Report) -> Facts:
    """The catalog's place, year and kind of ``report`` (:func:`tui.library.catalog.entry_for`)."""
    key = (report.id, report.source.sha256, report.title, report.issuer or "", str(report.issued_on))
    found = _known.get(key)
    if found is None:
        from tui.library.catalog import entry_for

        entry = entry_for(report, path=report.source.file, sha256=report.source.sha256, fmt="text")
        found = _known[key] = facts_for(entry)
    return found


def facts_for(entry, readings: dict[str, list[str]] | None = None) -> Facts:
    """The facts of a catalog row (:class:`tui.library.catalog.Entry`), the place spelt
    with ``readings`` (default: the spellings the row holds, from its report's readings)."""
    spelt = tuple(entry.place_spellings) if readings is None else spellings(entry.place, readings)
    return Facts(entry.id, entry.title, entry.issuer, entry.place, entry.year, entry.kind, spelt)


def labels_of(reports: Iterable[Report]) -> dict[str, str]:
    """Report id → :func:`label_of`, made unique (``温州 2018 法治政府 · wenzhou-2``) where two
    reports would read alike."""
    return labels_for(facts_of(r) for r in reports)


def labels_for(facts: Iterable[Facts]) -> dict[str, str]:
    """:func:`labels_of` from the reports' facts (catalog rows: no report loaded)."""
    return unique_labels({f.id: label_of(f) for f in facts})


def unique_labels(labels: dict[str, str]) -> dict[str, str]:
    """Report id → label, with `` · <id>`` added to each label two reports share."""
    seen: dict[str, int] = {}
    for label in labels.values():
        seen[label] = seen.get(label, 0) + 1
    return {rid: f"{label} · {rid}" if seen[label] > 1 else label for rid, label in labels.items()}


def spellings(place: str | None, readings: dict[str, list[str]]) -> tuple[str, ...]:
    """``温州`` → ("wenzhou", "wz", "yunzhou", "yz"): every reading, whole and initials."""
    if not place:
        return ()
    options = [readings.get(ch) or [] for ch in place]
    if not all(options):
        return ()
    out: dict[str, None] = {}
    for combo in product(*options):
        out["".join(combo)] = None
        out["".join(s[0] for s in combo if s)] = None
        if len(out) >= _MAX_READINGS:
            break
    return tuple(out)


def label_of(facts: Facts) -> str:
    """``温州 2018 法治政府``: place, year, short kind; the title where none is known."""
    parts = [p for p in (facts.place, str(facts.year) if facts.year else None, facts.short_kind) if p]
    if len(parts) >= 2 or (parts and not facts.title):
        return " ".join(parts)
    return facts.title or facts.id


def _year_ok(year: int | None, value: str) -> bool:
    value = value.removesuffix("年度").removesuffix("年")
    if year is None:
        return False
    if m := _YEAR_RANGE_RE.match(value):
        low, high = sorted((int(m.group(1)), int(m.group(2))))
        return low <= year <= high
    return value.isdigit() and (str(year) == value if len(value) >= 4 else str(year).startswith(value))


#: A report's place, issuer, title and kind folded (each asked once per report and query: at
#: 10,000 reports, folding them again for every filter took 30 ms a keystroke).
_folded = lru_cache(maxsize=1 << 16)(fold)


def _place_ok(facts: Facts, value: str) -> bool:
    if value.isascii() and value.isalpha():
        return any(s.startswith(value) for s in facts.spellings)
    return any(value in _folded(text) for text in (facts.place, facts.issuer, facts.title) if text)


def _kind_ok(facts: Facts, value: str) -> bool:
    return any(value in _folded(text) for text in (facts.kind, facts.short_kind) if text)


def passes(facts: Facts, filters: Iterable[tuple[str, str]]) -> bool:
    """All fields given must match; of one field's values, any one."""
    by_field: dict[str, list[str]] = {}
    for name, value in filters:
        by_field.setdefault(name, []).append(fold(value).strip())
    for name, values in by_field.items():
        if name == "year":
            ok = any(_year_ok(facts.year, v) for v in values)
        elif name == "place":
            ok = any(_place_ok(facts, v) for v in values)
        elif name == "kind":
            ok = any(_kind_ok(facts, v) for v in values)
        else:
            ok = False
        if not ok:
            return False
    return True


# ---- narrowing a search index ----------------------------------------------------------
class _NoReport:
    """The index of no report: every query finds nothing."""

    def query(self, text: object, **_: object) -> list:
        return []


NO_REPORT = _NoReport()
_lock = threading.Lock()  # the two tables below
_building = threading.Lock()  # a narrowed index being built (it may take a while)
_facts: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # catalog → [Facts]
_narrowed: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # catalog → {indices: index}


def catalog_facts(catalog, reports: Sequence[Report]) -> list[Facts]:
    """The facts of each report of a catalog, computed once."""
    with _lock:
        found = _facts.get(catalog)
    if found is None:
        found = [facts_of(r) for r in reports]
        with _lock:
            _facts[catalog] = found
    return found


def narrow(catalog, filters: Sequence[tuple[str, str]], build: Callable[[list[Report]], object]):
    """The index to run a filtered query on: None when every report passes (use the full
    one), :data:`NO_REPORT` when none does, else an index over those that pass."""
    reports = catalog.reports
    facts = catalog_facts(catalog, reports)
    keep = tuple(i for i, f in enumerate(facts) if passes(f, filters))
    if len(keep) == len(reports):
        return None
    if not keep:
        return NO_REPORT
    with _lock:
        kept = _narrowed.setdefault(catalog, OrderedDict())
        index = kept.get(keep)
        if index is not None:
            kept.move_to_end(keep)
            return index
    with _building:  # one build at a time: a second thread asking for the same set waits for it
        with _lock:
            index = kept.get(keep)
        if index is None:
            index = build([reports[i] for i in keep])
            with _lock:
                kept[keep] = index
                while len(kept) > KEEP:
                    kept.popitem(last=False)
    return index
