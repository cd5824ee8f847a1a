"""Build the search catalog from reports: what can be hit, where it sits, and the spaces.

Every searchable thing gets a *position* — report, section, offset packed in one int —
so that ties rank in document order across a whole library.  The text outside the
chapters — a report's preamble and closing — is searchable as sentences of two pseudo
sections, :class:`Outside` ``"preamble"`` and ``"closing"`` (before the first and after
the last section), whose text is the lines joined with ``"\n"``.  Entities are stored
column-wise in flat arrays (``fig_sec[i]`` is the section of figure ``i``): fast to
build, small, and nearly invisible to the garbage collector.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from itertools import chain, repeat
from operator import sub

from tui.gc_pause import gc_paused
from tui.model import Chapter, Figure, Measure, Report, Section
from tui.search.pinyin import PinyinTable
from tui.search.space import Space, bits_of
from tui.search.text import NUMBER_TOKEN_RE, _fold_map, split_sentences

FIGURE, MEASURE, SECTION, CHAPTER, TEXT = range(5)
_OFFSET_BITS = 20
_WIDE_RE = re.compile("[\uff00-\uffef\u2460-\u24ff\u3220-\u32ff]")  # forms that fold to ASCII


PREAMBLE, CLOSING = "preamble", "closing"


class Outside:
    """The preamble or closing of a report, in the place of a section: sentences only."""

    __slots__ = ("id", "text")
    title = ""
    figures = ()

    def __init__(self, id: str, lines: list[str]) -> None:
        self.id = id
        self.text = "\n".join(lines)


def position(report: int, section: int, offset: int) -> int:
    return (report << 40) | (section << _OFFSET_BITS) | min(max(offset, 0), (1 << _OFFSET_BITS) - 1)


def _fold(text: str) -> str:
    return _fold_map(text)[0]


class Catalog:
    """Entities of all reports plus the two spaces and the number index built over them."""

    def __init__(self, reports: Iterable[Report]) -> None:
        self.reports: list[Report] = list(reports)
        self.sec_section: list[Section | Outside] = []
        self.sec_chapter: list[Chapter | None] = []
        self.sec_title: list[str] = []  # folded
        self.sec_chapter_title: list[str] = []  # folded
        self.sec_report, self.sec_pos = array("i"), array("q")
        self.chap_chapter: list[Chapter] = []
        self.chap_title: list[str] = []
        self.chap_report, self.chap_pos = array("i"), array("q")
        self.fig_figure: list[Figure] = []
        self.fig_label: list[str] = []  # folded
        self.fig_report, self.fig_sec, self.fig_doc, self.fig_pos = array("i"), array("i"), array("i"), array("q")
        self.meas_measure: list[Measure] = []
        self.meas_report, self.meas_sec = array("i"), array("i")
        self.meas_start, self.meas_end, self.meas_pos = array("i"), array("i"), array("q")
        self.doc_sec, self.doc_start, self.doc_end, self.doc_pos = array("i"), array("i"), array("i"), array("q")
        self.doc_text_folded: list[str] = []
        self._mentions: list[tuple[int, int, int, int]] = []  # doc, measure, start, end
        self._section_docs: dict[int, tuple[int, list[int]]] = {}
        self._folds: dict[str, str] = {}  # labels and names repeat across a library
        self.section_index: dict[tuple[int, str], int] = {}
        self._scopes: dict[bool, dict[str, int]] = {}
        with gc_paused():  # bulk build of acyclic data: collections would only cost time
            for r, report in enumerate(self.reports):
                self._add_report(r, report)
            self._link_docs()
            self.heads = self._head_space()
            del self._folds
            self.sentences = Space(
                self.doc_text_folded, list(self.doc_pos), list(range(len(self.doc_pos))),
                [self.sec_title[s] for s in self.doc_sec],
            )
            self._number_index()
            self.pinyin = PinyinTable(_pinyin_tables(self.reports))
            self.heads.add_pinyin(self.pinyin.readings)
            self.sentences.add_pinyin(self.pinyin.readings)

    # ---- entities ----------------------------------------------------------------
    def _add_report(self, r: int, report: Report) -> None:
        seq = 0
        self._add_outside(r, seq, Outside(PREAMBLE, report.preamble))
        for chapter in report.chapters:
            chapter_title = _fold(chapter.title)
            self.chap_chapter.append(chapter)
            self.chap_title.append(chapter_title)
            self.chap_report.append(r)
            self.chap_pos.append(position(r, seq + 1, 0))
            for section in chapter.sections:
                seq += 1
                sec = len(self.sec_section)
                self.section_index[(r, section.id)] = sec
                self.sec_section.append(section)
                self.sec_chapter.append(chapter)
                self.sec_title.append(_fold(section.title))
                self.sec_chapter_title.append(chapter_title)
                self.sec_report.append(r)
                self.sec_pos.append(position(r, seq, 1))
                self._add_section(r, seq, sec, section)
        self._add_outside(r, seq + 1, Outside(CLOSING, report.closing))
        self._add_measures(r, report)

    def _add_outside(self, r: int, seq: int, outside: Outside) -> None:
        """The preamble (seq 0, before chapter 1) or closing (after the last section)."""
        if not outside.text.strip():
            return
        sec = len(self.sec_section)
        self.sec_section.append(outside)
        self.sec_chapter.append(None)
        self.sec_title.append("")
        self.sec_chapter_title.append("")
        self.sec_report.append(r)
        self.sec_pos.append(position(r, seq, 1))
        self._add_section(r, seq, sec, outside)

    def _add_measures(self, r: int, report: Report) -> None:
        local = {section.id: self.section_index[(r, section.id)] for section in report.sections()}
        section_docs, mentions = self._section_docs, self._mentions
        secs, starts_, ends, positions = [], [], [], []
        m = len(self.meas_measure)
        for m, measure in enumerate(report.measures, m):
            first = None
            for mention in measure.mentions:
                sec = local.get(mention.section)
                if sec is None:
                    continue
                first_doc, starts = section_docs[sec]
                k = bisect_right(starts, mention.start) - 1
                if k >= 0:
                    mentions.append((first_doc + k, m, mention.start, mention.end))
                if first is None:
                    first = (sec, mention.start, mention.end)
            sec, start, end = first or (-1, -1, -1)
            secs.append(sec)
            starts_.append(start)
            ends.append(end)
            base = self.sec_pos[sec] + 1 if sec >= 0 else position(r, (1 << 19), 0)
            positions.append(base + max(start, 0))
        self.meas_measure.extend(report.measures)
        self.meas_report.extend([r] * len(report.measures))
        self.meas_sec.extend(secs)
        self.meas_start.extend(starts_)
        self.meas_end.extend(ends)
        self.meas_pos.extend(positions)

    def _add_section(self, r: int, seq: int, sec: int, section: Section | Outside) -> None:
        text = section.text
        folded, offsets = _fold_map(text)
        first_doc = len(self.doc_sec)
        spans = split_sentences(text)
        starts = [start for start, _ in spans]
        base = position(r, seq, 2)
        top = (1 << _OFFSET_BITS) - 3
        self.doc_sec.extend([sec] * len(spans))
        self.doc_start.extend(starts)
        self.doc_end.extend([end for _, end in spans])
        self.doc_pos.extend([base + (s if s < top else top) for s in starts])
        if offsets is None:
            self.doc_text_folded.extend([folded[start:end] for start, end in spans])
        else:
            self.doc_text_folded.extend([_fold(text[start:end]) for start, end in spans])
        self._section_docs[sec] = (first_doc, starts)
        figures = section.figures
        if not figures:
            return
        offsets_f = [f.start for f in figures]
        if offsets_f != sorted(offsets_f):
            figures = sorted(figures, key=lambda f: f.start)
            offsets_f.sort()
        cache = self._folds
        n = len(figures)
        self.fig_figure.extend(figures)
        self.fig_report.extend([r] * n)
        self.fig_sec.extend([sec] * n)
        self.fig_label.extend([cache.get(x) or cache.setdefault(x, _fold(x)) for x in [f.label for f in figures]])
        if starts:
            at = [bisect_right(starts, s) - 1 for s in offsets_f]
            self.fig_doc.extend([first_doc + k if k > 0 else first_doc for k in at])
        else:
            self.fig_doc.extend([-1] * n)
        self.fig_pos.extend([base + (s if s < top else top) for s in offsets_f])  # (offsets are ≥ 0)

    def _link_docs(self) -> None:
        """Figures and measure mentions per sentence, as CSR arrays."""
        n = len(self.doc_sec)
        docs = self.fig_doc  # (non-decreasing where set: sections in order, figures sorted)
        figs = [f for f, d in enumerate(docs) if d >= 0]
        self.doc_fig_start = _offsets(map(docs.__getitem__, figs), n)
        self.doc_fig_ids = array("i", figs)
        self._mentions.sort()
        self.doc_meas_start = _offsets((d for d, *_ in self._mentions), n)
        self.doc_meas_ids = array("i", (m for _, m, _, _ in self._mentions))
        self.doc_meas_span = array("i", (x for _, _, a, b in self._mentions for x in (a, b)))
        del self._mentions, self._section_docs

    def _head_space(self) -> Space:
        texts, positions, owners, extras = [], [], [], []
        for i, label in enumerate(self.fig_label):
            if label:
                texts.append(label)
                positions.append(self.fig_pos[i])
                owners.append(i * 8 + FIGURE)
                extras.append("")
        cache = self._folds
        for i, measure in enumerate(self.meas_measure):
            name = cache.get(measure.name)
            if name is None:
                name = cache[measure.name] = _fold(measure.name)
            texts.append(name)
            positions.append(self.meas_pos[i])
            owners.append(i * 8 + MEASURE)
            extras.append("")
        for i, title in enumerate(self.sec_title):
            if title:
                texts.append(title)
                positions.append(self.sec_pos[i])
                owners.append(i * 8 + SECTION)
                extras.append(self.sec_chapter_title[i])
        for i, title in enumerate(self.chap_title):
            if title:
                texts.append(title)
                positions.append(self.chap_pos[i])
                owners.append(i * 8 + CHAPTER)
                extras.append("")
        return Space(texts, positions, owners, extras)

    # ---- numbers -------------------------------------------------------------------
    def _number_index(self) -> None:
        """Figures by the numbers in their raw value ("17.3" → 17.3%), and by value."""
        raws = [f.raw for f in self.fig_figure]
        raws = [raw if raw.isascii() or not _WIDE_RE.search(raw) else _fold(raw) for raw in raws]
        findall = NUMBER_TOKEN_RE.findall
        tokens: defaultdict[str, list[int]] = defaultdict(list)
        for i, found in enumerate(map(findall, raws)):
            for token in found:
                tokens[token.replace(",", "") if "," in token else token].append(i)
        values: defaultdict[float, list[int]] = defaultdict(list)
        for i, f in enumerate(self.fig_figure):
            values[f.value].append(i)
            scaled = f.scaled_value
            if scaled is not None and scaled != f.value:
                values[scaled].append(i)
        self.number_tokens = {k: array("i", v) for k, v in tokens.items()}
        self.sorted_tokens = sorted(tokens)
        self.values = {k: array("i", v) for k, v in values.items()}

    # ---- scopes --------------------------------------------------------------------------
    def scope_bits(self, heads: bool, scope: str) -> int:
        """Units of a space with an owner inside section/chapter ``scope`` (the table is
        built on first use unless :meth:`build_scopes` built it ahead)."""
        table = self._scopes.get(heads)
        if table is None:
            table = self._scopes[heads] = self._scope_table(heads)
        return table.get(scope, 0)

    def build_scopes(self) -> None:
        """Build both scope tables now.  Built on first use, they cost the first
        ``in:6``/``@6.1`` query 0.6–0.9 s at 1,000 reports; the app builds them in its
        index thread instead.  (A query in another thread meanwhile builds its own copy:
        the same table, one dict assignment each, so no lock is needed.)"""
        for heads in (False, True):
            if heads not in self._scopes:
                self._scopes[heads] = self._scope_table(heads)

    def _scope_table(self, heads: bool) -> dict[str, int]:
        """Bits per scope (``"6"``, ``"6.1"``, ``"preamble"``: what a unit's owners lie in).

        One pass over the space's (unit, owner) entries files each unit under the sections
        (and, in the heads, the chapters) its owners lie in; a scope's bits are those of its
        sections.  Plain Python loops, no long C call: run in the app's index thread
        (:meth:`build_scopes`), it leaves the UI thread the interpreter lock every few ms."""
        space = self.heads if heads else self.sentences
        ids, start = space.owner_ids, space.owner_start
        units = chain.from_iterable(map(repeat, range(space.size), map(sub, start[1:], start[:-1])))
        by_sec: defaultdict[int, list[int]] = defaultdict(list)
        by_chapter: defaultdict[str, list[int]] = defaultdict(list)
        if not heads:
            doc_sec = self.doc_sec
            for u, o in zip(units, ids):
                by_sec[doc_sec[o]].append(u)
        else:
            fig_sec, chapters, section_index = self.fig_sec, self.chap_chapter, self.section_index
            measures, meas_report = self.meas_measure, self.meas_report
            for u, o in zip(units, ids):
                kind, idx = o & 7, o >> 3
                if kind == FIGURE:
                    by_sec[fig_sec[idx]].append(u)
                elif kind == SECTION:
                    by_sec[idx].append(u)
                elif kind == CHAPTER:
                    by_chapter[chapters[idx].id].append(u)
                else:
                    r = meas_report[idx]
                    for mention in measures[idx].mentions:
                        sec = section_index.get((r, mention.section))
                        if sec is not None:
                            by_sec[sec].append(u)
        postings: defaultdict[str, list[list[int]]] = defaultdict(list)
        keys_of: dict[str, tuple[str, ...]] = {}  # section ids repeat across a library
        sections = self.sec_section
        for sec, found in by_sec.items():
            sid = sections[sec].id
            keys = keys_of.get(sid)
            if keys is None:
                keys = keys_of[sid] = _prefixes(sid)
            for key in keys:
                postings[key].append(found)
        for key, found in by_chapter.items():
            postings[key].append(found)
        return {key: bits_of(chain.from_iterable(lists), space.size) for key, lists in postings.items()}

    # ---- helpers for hits -------------------------------------------------------------
    def sentences_text(self, d: int) -> str:
        """The folded text of sentence ``d``."""
        return self.doc_text_folded[d]

    def doc_text(self, d: int) -> str:
        return self.sec_section[self.doc_sec[d]].text[self.doc_start[d]:self.doc_end[d]]

    def doc_figures(self, d: int) -> array:
        return self.doc_fig_ids[self.doc_fig_start[d]:self.doc_fig_start[d + 1]]

    def doc_measures(self, d: int) -> list[tuple[int, int, int]]:
        lo, hi = self.doc_meas_start[d], self.doc_meas_start[d + 1]
        span = self.doc_meas_span
        return [(self.doc_meas_ids[k], span[2 * k], span[2 * k + 1]) for k in range(lo, hi)]


def _offsets(keys: Iterable[int], n: int) -> array:
    counts = array("i", bytes(4 * (n + 1)))
    for k in keys:
        counts[k + 1] += 1
    for i in range(n):
        counts[i + 1] += counts[i]
    return counts


def _pinyin_tables(reports: list[Report]):
    for report in reports:
        table = report.pinyin
        if table is None:  # slow path: only here is pypinyin imported
            from tui.ingest.pinyin import report_pinyin

            table = report_pinyin(report)
        yield table


def _prefixes(section_id: str) -> tuple[str, ...]:
    """"6.1" → ("6.1", "6"): the scopes a section lies in."""
    parts = section_id.split(".")
    return tuple(".".join(parts[:k]) for k in range(len(parts), 0, -1))
