"""Search a library through its on-disk index: candidates from the store, our ranking on them.

The store (:mod:`tui.search.store`, tantivy) holds every unit of every report
(:mod:`tui.search.units`) under character and character-pair terms, plus the initials of
their readings.  A query asks it for the units that hold at least one term of each query
term (its characters and pairs, its synonyms' and concept-free forms', the initials of its
pinyin), best by BM25 — rare characters and pairs weigh more, short units rank first —
and scores those candidates with the rules of the in-memory engine
(:mod:`tui.search.engine`): exact (literal, synonym, concept-free, pinyin, number) above
near (pieces in any order, typos, homophones) above partial (most of the query, weighted
by rarity: the store's document frequencies), concept words moving figures of the kind
asked for up.  So nothing is scanned and no report is loaded: a hit carries its figure or
measure from the unit's payload.

A sentence hit above every figure hit gives the figure right after its matched words
(:func:`promote`), as in memory.  What the in-memory engine does that this does not: a
term whose candidates are more than the store returns (one common character) is ranked
within those the store ranks best.
"""

from __future__ import annotations

import heapq
import json
import math
from types import SimpleNamespace
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from tui.model import Figure, Measure
from tui.search import _KIND_NAMES, Hit, _new_hit, figure_shown, read_query, shown_spans
from tui.search.build import CHAPTER, FIGURE, MEASURE, SECTION, TEXT
from tui.search.engine import (
    CONCEPT_WEIGHT, EXACT_BAND, NEAR_BAND, PROMOTE, PROMOTE_GAP, in_figure_sentence, promotion_gap,
)
from tui.search.lexicon import concept_fit
from tui.search.partial import BUDGET as PARTIAL_BUDGET
from tui.search.partial import FLOOR, TOP, VARIANTS, WHEN_FEWER, Variant, _blocks, _window, eligible
from tui.search.pinyin import PinyinTable, match_pinyin
from tui.search.score import (
    KIND_CODES, W_CHAPTER, W_CHAPTER_CTX, W_CONTEXT, W_FIG_SENTENCE, W_HEAD, W_SECTION, W_SENTENCE,
    hit_score, match_field, near_match, term_matcher,
)
from tui.search.text import Term, _fold_map

CANDIDATES = 150  # units the store returns per query (at least twice the limit)
#: Candidates kept read and folded (the next keystroke meets most of them again): a few MB.
CANDIDATES_KEPT = 10_000

Group = list[tuple[str, str]]  # (field, term): one of them must be in a unit


@dataclass(slots=True)
class DiskResult:
    score: float
    ord: int
    kind: int
    key: str
    payload: dict
    fields: list
    matches: tuple


_DAMAGED = (ValueError, KeyError, TypeError, AttributeError, IndexError)  # what a damaged unit raises


class _Candidate(NamedTuple):
    """A unit the store returned, its payload read and its fields folded (once for all passes)."""

    key: str
    kind: int
    ord: int
    data: dict
    fields: list
    values: tuple | None  # a figure's value and scaled value


def _candidate(key: str, kind: int, ord_: int, data: dict) -> _Candidate:
    values = (data["f"]["value"], data["f"].get("scaled_value")) if kind == FIGURE else None
    return _Candidate(key, kind, ord_, data, _fields(kind, data), values)


class Hits(list):
    """Hits, best first; ``capped``: the store held more candidates than were ranked."""

    capped = False


class _Run:
    """What :attr:`Hit.how` / :attr:`Hit.concept` read from a hit's query."""

    def __init__(self, terms: list[Term]) -> None:
        self.terms = terms
        self.concepts = tuple(dict.fromkeys(w for t in terms for w in t.concepts))


def grams(text: str) -> list[str]:
    """The index terms of a text: its characters and adjacent pairs (no spaces)."""
    chars = [ch for ch in dict.fromkeys(text) if not ch.isspace()]
    pairs = [text[i:i + 2] for i in range(len(text) - 1) if not text[i].isspace() and not text[i + 1].isspace()]
    return chars + list(dict.fromkeys(pairs))


def _selective(found: list[str]) -> list[str]:
    """The pairs of a text, or its characters when it has none: a unit matching a term of
    two characters or more holds one of its pairs (a near match: one of them at least), and
    single characters only lengthen the index's work (long posting lists)."""
    pairs = [g for g in found if len(g) == 2]
    return pairs or found


class DiskSearch:
    """Queries over a :class:`~tui.search.store.UnitStore`: ``query(text)`` → hits.

    ``names`` maps each store key to the report id its hits carry (only these keys are
    searched); ``passes(key, filters)`` tells whether a report passes ``year:`` ``place:``
    ``kind:`` filters; ``pinyin`` is the readings table of the library.
    """

    def __init__(self, store, names: Mapping[str, str], pinyin: PinyinTable,
                 passes: Callable[[str, Sequence[tuple[str, str]]], bool] | None = None) -> None:
        self.store = store
        self.names = dict(names)
        self.pinyin = pinyin
        self.passes = passes
        self._df: dict[str, float] = {}
        self._n = max(1, store.num_docs())
        self._order = {key: n for n, key in enumerate(self.names)}
        # the keys to search: None (no filter) when the library holds every report the store does
        self._keys = None if store.keys().keys() <= self.names.keys() else self.names.keys()
        self.unindexed = 0  # reports of the library not in the store (another process is adding them)
        #: candidates read and folded, by (key, kind, ord): (the payload they came from, the candidate)
        self._seen: dict[tuple[str, int, int], tuple[str, _Candidate]] = {}

    # ---- the query -------------------------------------------------------------------
    def query(self, text: str, *, kinds: Collection[str] | None = None, scope: str | None = None,
              limit: int = 50) -> list[Hit]:
        parsed, wanted, scope, terms = read_query(text, kinds, scope)
        if wanted is not None and not wanted:
            return []
        limit = int(limit)
        if not terms or limit <= 0:
            return []
        scope = scope or parsed.scope
        keys: Collection[str] | None = self._keys
        if parsed.filters and self.passes is not None:
            keys = [k for k in self.names if self.passes(k, parsed.filters)]
            if not keys:
                return []
        codes = {KIND_CODES[k] for k in wanted} if wanted else None
        groups = [self._group(t) for t in terms]
        wanted_n = max(CANDIDATES, 2 * limit)
        found = self.store.search_groups(groups, kinds=codes, keys=keys, scope=scope, limit=wanted_n)
        run = _Run(terms)
        scorer = _Scorer(self, terms, run.concepts)
        # the passes of the in-memory engine, over the candidates: exact; near when exact found
        # fewer than the limit (near hits rank below every exact one); partial when both found
        # fewer than a few, on the best candidates only (its budget)
        results: list[DiskResult] = []
        taken: set[tuple[str, int, int]] = set()
        left = self._candidates(found, taken)
        for stage in (0, 1, 2):
            if stage == 1 and not (scorer.near is not None and len(results) < limit):
                continue
            if stage == 2 and not (scorer.partial and len(results) < min(limit, WHEN_FEWER)):
                continue
            if stage == 1 and any(t.sounds for t in terms):
                # the units of the term with two neighbours swapped have candidates of their own
                # (错纠率 → 纠错率: in a large library the units holding 错纠 itself, such as
                # 容错纠错机制, fill the first ones); scored exactly first, as the first were
                swapped = [self._group(t, swapped=True) for t in terms]
                more = self._candidates(self.store.search_groups(swapped, kinds=codes, keys=keys, scope=scope,
                                                                 limit=wanted_n), taken)
                left += self._score(0, more, scorer, results, len(more))
            budget = PARTIAL_BUDGET if stage == 2 else len(left)
            left = self._score(stage, left, scorer, results, budget)
        if codes is None or FIGURE in codes:
            results += promote(results, scorer)
        results.sort(key=lambda r: (-r.score, r.kind == FIGURE and r.payload["f"].get("role") == "from",
                                    self._order[r.key], r.ord, r.kind))
        hits = Hits()
        for r in results:
            if len(hits) >= limit:
                break
            try:
                hits.append(self._hit(run, r))
            except _DAMAGED:
                continue  # (a figure or measure that is not one: pydantic's ValidationError is a ValueError)
        hits.capped = len(found) >= wanted_n  # (the store had more candidates: a count is "at least")
        return hits

    def _candidates(self, found: list, taken: set[tuple[str, int, int]]) -> list[_Candidate]:
        """The store's rows read and folded (kept for the next keystroke), those in ``taken``
        left out and the others added to it."""
        out: list[_Candidate] = []
        seen = self._seen
        for _, key, kind, ord_, payload in found:
            at = (key, kind, ord_)
            if at in taken:
                continue
            cand = seen.get(at)
            if cand is None or (cand[0] is not payload and cand[0] != payload):  # (a unit met before: as it was)
                try:
                    cand = (payload, _candidate(key, kind, ord_, json.loads(payload)))
                except _DAMAGED:
                    continue  # a unit the index holds damaged (the cache is a file like any other): not a hit
                if len(seen) >= CANDIDATES_KEPT:
                    seen.clear()
                seen[at] = cand
            taken.add(at)
            out.append(cand[1])
        return out

    @staticmethod
    def _score(stage: int, left: list[_Candidate], scorer: _Scorer, results: list[DiskResult],
               budget: int) -> list[_Candidate]:
        """One pass over the first ``budget`` candidates: its hits onto ``results``; the
        candidates it did not take, back."""
        rest = []
        for n, cand in enumerate(left):
            r = None
            if n < budget:
                try:
                    r = scorer.score(stage, cand)
                except _DAMAGED:
                    continue
            if r is not None:
                results.append(r)
            else:
                rest.append(cand)
        return rest

    def _group(self, term: Term, *, swapped: bool = False) -> Group:
        """The index terms one of which a unit must hold to match ``term`` (a number, its
        digits; else the pairs of its text and its synonyms, the initials of its pinyin).
        ``swapped``: the pairs of the term with two neighbours swapped instead (the term's
        own where it has none), for candidates of their own."""
        found: dict[tuple[str, str], None] = {}

        def add(field: str, gram_list: list[str]) -> None:
            found.update(((field, g), None) for g in gram_list)

        if term.number is not None:
            digits = term.number.canon or term.number.digits.rstrip(".")
            add("text", [g for g in grams(digits) if len(g) == 2 or len(digits) == 1])
        elif swapped and term.sounds:  # two neighbours swapped (错纠率 → 纠错率): the near pass finds those
            t = term.text
            for i in range(len(t) - 1):
                add("text", _selective(grams(t[:i] + t[i + 1] + t[i] + t[i + 2:])))
        else:
            for text in [term.text] + [a.term.text for a in term.alts[:VARIANTS + 2]]:
                add("text", _selective(grams(text)))
            if term.pinyin:
                for pieces in self.pinyin.splits(term.pinyin)[:4]:
                    add("initials", _selective(grams("".join(p[0][0] for p in pieces))))
        return list(found)

    def weight(self, unit: str) -> float:
        """IDF of a character or pair over the library's units (as the partial pass's)."""
        w = self._df.get(unit)
        if w is None:
            w = self._df[unit] = math.log((self._n + 1) / (self.store.doc_freq("text", unit) + 1)) + 0.5
        return w

    # ---- results → hits ----------------------------------------------------------------
    def _hit(self, run: _Run, r: DiskResult) -> Hit:
        data, kind = r.payload, r.kind
        figure = measure = None
        start = end = None
        if kind == FIGURE:
            figure = Figure.model_validate(data["f"])
            section = figure.section
            text, offsets, originals = figure_shown(figure)
            start, end = figure.start, figure.end
        elif kind == MEASURE:
            measure = Measure.model_validate(data["m"])
            text = measure.name
            offsets, originals = (0, None, None), (text, "", "")
            first = measure.mentions[0] if measure.mentions else None
            section = first.section if first else None
            start, end = (first.start, first.end) if first else (None, None)
        elif kind == SECTION:
            section, text = data["s"], data["t"]
            offsets, originals = (0, None), (text, "")
            at = data.get("a", -1)
            start, end = (at, at + len(text)) if at >= 0 else (None, None)
        elif kind == CHAPTER:
            section, text = data["c"], data["t"]
            offsets, originals = (0,), (text,)
        else:
            section, text = data["s"], data["t"]
            offsets, originals = (0, None), (text, "")
        spans = shown_spans(r.matches, offsets, originals, text)
        if kind == TEXT:
            base = data["a"]
            start, end = (base + spans[0][0], base + spans[0][1]) if spans else (base, data["b"])
        return _new_hit(_KIND_NAMES[kind], self.names[r.key], section, text, spans, r.score,
                        figure, measure, start, end, (run, r))


class _Scorer:
    """One query's rules applied to one candidate unit at a time (see the module doc)."""

    def __init__(self, search: DiskSearch, terms: list[Term], concepts: tuple[str, ...]) -> None:
        self.terms = terms
        self.concepts = concepts
        table = search.pinyin
        self.pinyin = table
        self.exact = [term_matcher(t, table) for t in terms]
        self.near = [term_matcher(t, table, near=True) for t in terms] if any(t.fuzzy or t.sounds for t in terms) else None
        self.partial = eligible(terms)
        self.variants = None
        self.search = search
        self.chars = frozenset(ch for t in terms for x in [t.text] + [a.term.text for a in t.alts] for ch in x)

    def score(self, stage: int, cand: _Candidate) -> DiskResult | None:
        """The unit as a hit of one pass (0 exact, 1 near, 2 partial), or None."""
        key, kind, ord_, data, fields, values = cand
        if stage == 0:
            band, ceiling = EXACT_BAND, 1e9
            matches = self._matches(self.exact, fields, values, near=False)
        elif stage == 1:
            band, ceiling = NEAR_BAND, EXACT_BAND - 0.01
            matches = self._matches(self.near, fields, values, near=True)
        else:
            band, ceiling = 0.0, TOP - 0.01
            matches = None
        if matches is not None:
            score = min(ceiling, hit_score(kind, fields, matches, band))
        elif stage == 2:
            found = self._partial(kind, fields, data)
            if found is None:
                return None
            score, matches = found
        else:
            return None
        if self.concepts:
            shift = self.concept_shift(data["f"]) if kind == FIGURE else -0.5 * CONCEPT_WEIGHT
            scale = min(1.0, (ceiling - band) / 100)
            score = round(min(ceiling, max(band, score + scale * shift)), 3)
        return DiskResult(score, ord_, kind, key, data, fields, tuple(matches))

    def concept_shift(self, figure: dict) -> float:
        """Points a figure gains or loses for the query's concept words (人数, 多少钱 …)."""
        return CONCEPT_WEIGHT * concept_fit(SimpleNamespace(**figure), self.concepts)  # (read only: no model)

    def _matches(self, matchers, fields, values, near: bool):
        """One (score, spans) per term, or None when a term is not there (or not in a head)."""
        matches = []
        in_head = False
        for term, match in zip(self.terms, matchers):
            best = None
            for f, (text, weight, _) in enumerate(fields):
                if values is not None and f == 1:
                    found = match_field(term, text, values)
                    if found is None and term.pinyin:
                        found = match_pinyin(self.pinyin, term.pinyin, text)
                else:
                    found = match(text)
                if found is not None and (best is None or found[0] * weight > best[0]):
                    best = (found[0] * weight, ((f, found[1], found[2]),))
            if near and term.fuzzy and (best is None or not any(fields[f][2] for f, _, _ in best[1])):
                best = near_match(term, fields) or best
            if best is None:
                return None
            in_head = in_head or any(fields[f][2] for f, _, _ in best[1])
            matches.append(best)
        return matches if in_head else None

    def _partial(self, kind: int, fields, data: dict):
        """Most of each term, weighted by rarity: (score, matches) or None (below the floor)."""
        if self.variants is None:
            weigh = self.search.weight
            self.variants = [[v for v in [Variant(t.text, 1.0, weigh)] + [
                Variant(a.term.text, a.quality, weigh) for a in t.alts[:VARIANTS]] if v.chars] for t in self.terms]
        variants = self.variants
        if any(not vs for vs in variants):
            return None
        head = fields[0][0]
        if kind == FIGURE:
            sentence = fields[2][0]
            window = head + "\x00" + _window(sentence, data["f"]["raw"])
            whole = [max(v.cover(sentence) for v in vs) for vs in variants]
            covers = [max(0.9 * w, max(v.cover(window) for v in vs)) for vs, w in zip(variants, whole)]
            spans_in = [(0, head), (2, sentence)]
        else:
            covers = [max(v.cover(head) for v in vs) for vs in variants]
            spans_in = [(0, head)]
        if min(covers) < FLOOR:
            return None
        cov = sum(covers) / len(covers)
        if kind == TEXT:
            cov *= 0.8
        share = sum(1 for ch in head if ch in self.chars) / max(1, len(head))
        bonus = 0.5 if kind == FIGURE else 0.0
        score = TOP * (0.7 * cov + 0.25 * share) + bonus - 0.005 * min(len(head), 200)
        score = round(min(TOP - 0.01, max(0.01, score)), 3)
        matches = []
        for vs in variants:
            best = max(vs, key=lambda v: v.cover(spans_in[-1][1]) + v.cover(head)) if len(vs) > 1 else vs[0]
            matches.append((cov, tuple((f, a, b) for f, text in spans_in for a, b in _blocks(best.text, text))))
        return score, matches


def promote(results: list[DiskResult], scorer: _Scorer) -> list[DiskResult]:
    """Figures taking the place of sentence hits (as the in-memory engine's promotion): a
    sentence hit above every figure hit, holding a figure right after (or around) the
    matched words, gives that figure as a hit just above it."""
    bar = max((r.score for r in results if r.kind == FIGURE), default=-1.0)
    texts = [r for r in results if r.kind == TEXT and r.score > bar and r.payload.get("fs")]
    texts = heapq.nlargest(PROMOTE, texts, key=lambda r: r.score)
    have = {(r.key, r.payload["f"]["id"]): r for r in results if r.kind == FIGURE}
    out: dict[tuple[str, str], DiskResult] = {}
    for r in texts:
        spans = [(a, b) for _, parts in r.matches for f, a, b in parts if f == 0]
        if not spans:
            continue
        first, last = min(a for a, _ in spans), max(b for _, b in spans)
        try:  # (a damaged unit: the sentence stays a sentence hit)
            found = _promoted(r, scorer, first, last)
        except _DAMAGED:
            continue
        if found is None:
            continue
        figure_id, figure_data, fields, matches = found
        score = round(r.score + 0.5, 3)
        key = (r.key, figure_id)
        old = have.get(key) or out.get(key)
        if old is not None and old.score >= score:
            continue
        if old is not None:
            old.score = -1.0  # (replaced by the promoted one: dropped below)
        out[key] = DiskResult(score, r.ord, FIGURE, r.key, figure_data, fields, matches)
    for r in [r for r in results if r.score < 0]:
        results.remove(r)
    return list(out.values())


def _promoted(r: DiskResult, scorer: _Scorer, first: int, last: int):
    """The figure of sentence hit ``r`` next to its matched words (``first``–``last``):
    (figure id, its unit payload, fields, matches) or None."""
    data = r.payload
    base = data["a"]
    best = None
    for f in json.loads(data["fs"]):
        at = f["start"] - base
        gap = promotion_gap(at, f["end"] - base, first, last)
        if gap < 0 or gap > PROMOTE_GAP:
            continue
        shift = scorer.concept_shift(f) if scorer.concepts else 0.0
        rank = (shift, -gap, at >= last)
        if best is None or rank > best[0]:
            best = (rank, f)
    if best is None:
        return None
    f = best[1]
    figure_data = {"st": data.get("st", ""), "f": f}
    fields = _fields(FIGURE, figure_data)
    return str(f["id"]), figure_data, fields, in_figure_sentence(r.matches, r.fields[0][0], fields[2][0])


def _fold(text: str) -> str:
    return _fold_map(text)[0]  # (uncached: a candidate's texts are seldom met again)


def _fields(kind: int, data: dict) -> list:
    """The fields a term may match in (as :func:`tui.search.score.entity_fields`)."""
    if kind == FIGURE:
        f = data["f"]
        return [(_fold(f["label"]), W_HEAD, True), (_fold(f["raw"]), W_HEAD, True),
                (_fold(f["sentence"]), W_FIG_SENTENCE, False), (_fold(data.get("st", "")), W_CONTEXT, False)]
    if kind == MEASURE:
        return [(_fold(data["m"]["name"]), W_HEAD, True)]
    if kind == SECTION:
        return [(_fold(data["t"]), W_SECTION, True), (_fold(data.get("ct", "")), W_CHAPTER_CTX, False)]
    if kind == CHAPTER:
        return [(_fold(data["t"]), W_CHAPTER, True)]
    return [(_fold(data["t"]), W_SENTENCE, True), (_fold(data.get("st", "")), W_CONTEXT, False)]
