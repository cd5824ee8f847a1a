"""The search index of reports held in memory (:class:`SearchIndex`), and what every search
returns: :class:`Hit` (engine results → hits with spans into the shown text) and its JSON.

The package's ``__init__`` re-exports these names lazily, so that ``tui.search.text`` or
``tui.search.filters`` (the query syntax and the facts, which the library screen needs for
its first frame) can be imported without the engine, rapidfuzz and the catalog.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, fields

from tui.model import Figure, Measure, Report
from tui.search.build import CHAPTER, FIGURE, MEASURE, SECTION, TEXT, Catalog
from tui.search.engine import EXACT_BAND, NEAR_BAND, Query, Result
from tui.search.lexicon import concept_fit, with_alts
from tui.search.place_words import Places, narrows, with_places
from tui.search.score import entity_fields
from tui.search.text import (
    KINDS,
    MAX_TERMS,
    ParsedQuery,
    fold_map,
    make_term,
    normalize_kinds,
    parse_query,
    unfold_span,
    valid_scope,
)

__all__ = ["KINDS", "Hit", "ParsedQuery", "SearchIndex", "hit_to_json", "parse_query"]

_KIND_NAMES = ("figure", "measure", "section", "chapter", "text")
LABEL_SEP, SENTENCE_SEP = "：", "｜"


@dataclass(frozen=True)
class Hit:
    """One search result.

    ``text`` is what to show, and ``spans`` ([start, end) into it) what to highlight:
    a figure shows ``"{label}：{raw}｜{sentence}"``, a measure its name, a section or
    chapter its title, a text hit its sentence.  ``section`` is the section id (the
    chapter id for a chapter hit); ``start``/``end`` the place in that section's
    ``text`` to scroll to (the figure, the measure mention, the match in the sentence).
    A sentence outside the chapters is a text hit with ``section`` ``"preamble"`` or
    ``"closing"``, and ``start``/``end`` offsets into ``"\n".join(report.preamble)``
    (or ``report.closing``); a section scope leaves these out.
    """

    kind: str
    report: str
    section: str | None
    text: str
    spans: tuple[tuple[int, int], ...]
    score: float
    figure: Figure | None = None
    measure: Measure | None = None
    start: int | None = None
    end: int | None = None
    detail: tuple | None = field(default=None, compare=False, repr=False)  # (run, result): for how/concept
    #: the places a query named in its words that this hit's report is of (四川GDP: "四川"),
    #: when it was found as their report's (tui.search.place_words)
    place: str | None = field(default=None, compare=False)

    @property
    def how(self) -> tuple[tuple[str, str, str], ...]:
        """Per query term: (term, how it matched, the words it matched).  ``how`` is one of
        literal, synonym, concept (the term without its concept words), pinyin, number,
        near, partial; and place (a place the query named, the report's: 四川GDP)."""
        found = _how(*self.detail) if self.detail is not None else ()
        return ((self.place, "place", self.place), *found) if self.place else found

    def at_place(self, place: str) -> Hit:
        """This hit, found as a report of ``place`` named in the query's words."""
        hit = object.__new__(Hit)
        hit.__dict__.update(self.__dict__, place=place)
        return hit

    @property
    def concept(self) -> tuple[tuple[str, ...], float] | None:
        """The query's concept words (人数, 多少钱 …) and how well this hit fits them (−1 … 1)."""
        if self.detail is None or not self.detail[0].concepts:
            return None
        words = self.detail[0].concepts
        return words, (round(concept_fit(self.figure, words), 2) if self.figure is not None else -0.5)

    @property
    def band(self) -> str:
        """``exact`` (every term as typed, as a synonym or without its concept words),
        ``near`` (typos, swapped pieces, homophones) or ``partial`` (most of the query)."""
        return "exact" if self.score >= EXACT_BAND else "near" if self.score >= NEAR_BAND else "partial"


def read_query(text: str, kinds: Collection[str] | None, scope: str | None):
    """(parsed query, kinds wanted — None: all, empty: none —, scope as given, terms with
    their alternatives); ``kinds``/``scope`` that are not valid raise ValueError."""
    wanted = normalize_kinds(kinds)
    scope = valid_scope(scope)
    parsed = parse_query(text)
    if parsed.kinds is not None:
        wanted = parsed.kinds if wanted is None else wanted & parsed.kinds
    terms = [with_alts(t) for t in (make_term(token) for token in parsed.terms[:MAX_TERMS]) if t is not None]
    return parsed, wanted, scope, terms


class SearchIndex:
    """An index over one or many reports; build once, query on every keystroke."""

    def __init__(self, catalog: Catalog, places: Iterable[str | None] | None = None) -> None:
        self._catalog = catalog
        # the place of each report, for a place in a query's words (tui.search.place_words):
        # given (the app has its catalog rows), else made on the first query that may name one
        self._places: Places | None = Places(places) if places is not None else None

    @classmethod
    def build(cls, reports: Iterable[Report], places: Iterable[str | None] | None = None) -> SearchIndex:
        return cls(Catalog(reports), places)

    def warm(self) -> None:
        """Build now what the first query of a kind would build on first use (the section
        scope tables of ``in:6.1``/``@6.1``): for a caller with a thread to spare (the app)."""
        self._catalog.build_scopes()

    @property
    def reports(self) -> list[Report]:
        return self._catalog.reports

    def query(
        self,
        text: str,
        *,
        kinds: Collection[str] | None = None,
        scope: str | None = None,
        limit: int = 50,
    ) -> list[Hit]:
        """Ranked hits, best first.  ``kinds``/``scope`` that are not valid raise ValueError;
        any query text is fine (no terms → no hits).  A place of the library in the words
        (四川GDP) prefers its reports (:mod:`~tui.search.place_words`)."""
        try:
            limit = int(limit)
        except (TypeError, ValueError):
            raise ValueError(f"bad limit {limit!r}") from None
        return with_places(lambda words: self._query(words, kinds, scope, limit), text, self._place_words,
                           limit, EXACT_BAND)

    def narrows(self, text: str) -> bool:
        """:func:`tui.search.place_words.narrows` over this index's places."""
        return narrows(text, self._place_words)

    def _place_words(self) -> Places:
        if self._places is None:
            reports = self._catalog.reports
            if len(reports) < 2:  # (one report: a place picks nothing out, and its facts cost 20 ms)
                self._places = Places(())
            else:
                from tui.search.filters import catalog_facts

                self._places = Places(f.place for f in catalog_facts(self._catalog, reports))
        return self._places

    def _query(self, text: str, kinds: Collection[str] | None, scope: str | None, limit: int) -> list[Hit]:
        parsed, wanted, scope, terms = read_query(text, kinds, scope)
        if wanted is not None and not wanted:
            return []
        if not terms or limit <= 0:
            return []
        if parsed.filters:  # year: place: kind: → the reports that pass (tui.search.filters)
            from tui.search.filters import narrow

            narrowed = narrow(self._catalog, parsed.filters, SearchIndex.build)
            if narrowed is not None:  # (None: every report passes)
                return narrowed.query(text, kinds=kinds, scope=scope, limit=limit)
        run = Query(self._catalog, terms, wanted, scope or parsed.scope, limit)
        return [self._hit(run, result) for result in run.run()]

    # ---- results → hits ------------------------------------------------------------
    def _hit(self, run: Query, r: Result) -> Hit:
        cat = self._catalog
        figure = measure = None
        start = end = None
        idx = r.idx
        if r.kind == FIGURE:
            figure = cat.fig_figure[idx]
            report, section = cat.fig_report[idx], cat.sec_section[cat.fig_sec[idx]].id
            text, offsets, originals = figure_shown(figure)
            start, end = figure.start, figure.end
        elif r.kind == MEASURE:
            measure = cat.meas_measure[idx]
            report, text = cat.meas_report[idx], measure.name
            offsets, originals = (0, None, None), (text, "", "")
            sec, start, end = cat.meas_sec[idx], cat.meas_start[idx], cat.meas_end[idx]
            if r.aux >= 0:
                sec = cat.doc_sec[r.aux]
                start, end = next(((a, b) for m, a, b in cat.doc_measures(r.aux) if m == idx), (start, end))
            section = cat.sec_section[sec].id if sec >= 0 else None
            start, end = (start, end) if sec >= 0 else (None, None)
        elif r.kind == SECTION:
            sec = cat.sec_section[idx]
            report, section, text = cat.sec_report[idx], sec.id, sec.title
            offsets, originals = (0, None), (text, "")
            at = sec.text.find(text) if text else -1
            start, end = (at, at + len(text)) if at >= 0 else (None, None)
        elif r.kind == CHAPTER:
            chapter = cat.chap_chapter[idx]
            report, section, text = cat.chap_report[idx], chapter.id, chapter.title
            offsets, originals = (0,), (text,)
        else:
            sec = cat.doc_sec[idx]
            report, section, text = cat.sec_report[sec], cat.sec_section[sec].id, cat.doc_text(idx)
            offsets, originals = (0, None), (text, "")
        spans = shown_spans(r.matches, offsets, originals, text)
        if r.kind == TEXT:  # point at the first match inside the section
            base = cat.doc_start[idx]
            start, end = (base + spans[0][0], base + spans[0][1]) if spans else (base, cat.doc_end[idx])
        return _new_hit(_KIND_NAMES[r.kind], cat.reports[report].id, section, text, spans, r.score,
                        figure, measure, start, end, (run, r))


def figure_shown(figure: Figure) -> tuple[str, tuple, tuple]:
    """A figure hit's text ``"{label}：{raw}｜{sentence}"``, where its fields start in it,
    and the fields as written (for :func:`shown_spans`)."""
    label, raw = figure.label, figure.raw
    head = f"{label}{LABEL_SEP}{raw}" if label else raw
    text = f"{head}{SENTENCE_SEP}{figure.sentence}"
    offsets = (0, len(label) + len(LABEL_SEP) if label else 0, len(head) + len(SENTENCE_SEP), None)
    return text, offsets, (label, raw, figure.sentence, "")


def shown_spans(matches, offsets: tuple, originals: tuple, text: str) -> tuple[tuple[int, int], ...]:
    """Spans into the shown ``text`` of the term matches (``(field, start, end)`` in folded
    fields): field ``f`` starts at ``offsets[f]`` of ``text`` (None: not shown) and was
    folded from ``originals[f]``."""
    found = []
    n = len(text)
    for _, parts in matches:
        for f, a, b in parts:
            base = offsets[f] if f < len(offsets) else None
            if base is None:
                continue
            folded_map = fold_map(originals[f])[1]
            if folded_map is not None:
                a, b = unfold_span((a, b), folded_map)
            if 0 <= base + a < base + b <= n:
                found.append((base + a, base + b))
    return _merge(found) if len(found) > 1 else tuple(found)


_HIT_FIELDS = tuple(f.name for f in fields(Hit))


def _new_hit(*values) -> Hit:
    """``Hit(*values)`` without the frozen dataclass's per-field ``object.__setattr__``: a
    keystroke builds up to 60 hits, and that alone cost 1.5 µs a hit (the hit stays frozen)."""
    hit = object.__new__(Hit)
    hit.__dict__.update(zip(_HIT_FIELDS, values))
    return hit


def _how(run: Query, r: Result) -> tuple[tuple[str, str, str], ...]:
    """How each term matched: literal, synonym, concept, pinyin, number, near or partial."""
    fields = getattr(r, "fields", None) or entity_fields(run.cat, r.kind, r.idx, r.aux)  # (a disk hit has its own)
    out = []
    for term, (_, parts) in zip(run.terms, r.matches):
        words = "…".join(dict.fromkeys(fields[f][0][a:b] for f, a, b in parts if f < len(fields)))
        if r.score < NEAR_BAND:
            how = "partial"
        elif term.number is not None:
            how = "number"
        elif words == term.text:
            how = "literal"
        elif any(words == alt.term.text for alt in term.alts):
            how = next(alt.how for alt in term.alts if words == alt.term.text)
        elif term.pinyin and not words.isascii():
            how = "pinyin"
        else:
            how = "near"
        out.append((term.text, how, words))
    return tuple(out)


def _merge(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[list[int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return tuple((a, b) for a, b in out)


def hit_to_json(hit: Hit) -> dict:
    """One hit as plain JSON data (figure/measure objects as in the report JSON)."""
    return {
        "kind": hit.kind,
        "report": hit.report,
        "section": hit.section,
        "score": hit.score,
        "text": hit.text,
        "spans": [list(span) for span in hit.spans],
        "start": hit.start,
        "end": hit.end,
        "figure": hit.figure.model_dump(mode="json") if hit.figure is not None else None,
        "measure": hit.measure.model_dump(mode="json") if hit.measure is not None else None,
        "band": hit.band,
        "match": [{"term": term, "how": how, "text": words} for term, how, words in hit.how],
        "concept": ({"words": list(hit.concept[0]), "fit": hit.concept[1]} if hit.concept is not None else None),
    }
