"""Search a library through its on-disk index: candidates from the store, our ranking on them.

The store (:mod:`tui.search.store`, tantivy) holds every unit of every report
(:mod:`tui.search.units`) under character and character-pair terms, plus the initials of
their readings; the heads of figures, measures and titles also apart.  A query asks it for
candidates, best by BM25 (rare pairs weigh more, short units rank first), in tiers: the
units holding every pair of each query term (or of a synonym or concept-free form; or a
pair of its pinyin's initials), in the heads and then in all the text (its sentences only,
when the heads gave every one holding a term alone); every pair but one; those of a term
with two neighbours swapped; any pair.  It stops as soon as the exact hits fill the limit,
and scores the candidates with the rules of the in-memory engine
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
import string
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from tui.model import Figure, Measure
from tui.search.index import _KIND_NAMES, Hit, _new_hit, figure_shown, read_query, shown_spans
from tui.search.build import CHAPTER, FIGURE, MEASURE, SECTION, TEXT
from tui.search.engine import (
    CONCEPT_WEIGHT, EXACT_BAND, NEAR_BAND, PROMOTE, PROMOTE_GAP, in_figure_sentence, promotion_gap,
)
from tui.search.lexicon import concept_fit
from tui.search.partial import BUDGET as PARTIAL_BUDGET
from tui.search.partial import FLOOR, TOP, VARIANTS, WHEN_FEWER, Variant, _blocks, _window, eligible
from tui.search.pinyin import PinyinTable, match_pinyin
from tui.search.place_words import Places, narrows, with_places
from tui.search.store import AllOf, AnyOf, AtLeast
from tui.search.score import (
    KIND_CODES, W_CHAPTER, W_CHAPTER_CTX, W_CONTEXT, W_FIG_SENTENCE, W_HEAD, W_SECTION, W_SENTENCE,
    hit_score, match_field, near_match, term_matcher,
)
from tui.search.text import Term
from tui.search.units import _digits, field_texts

KEEP_FILTERS = 8  # sets of report filters whose passing reports are kept
CANDIDATES = 150  # units the store returns per query and tier (at least twice the limit)
#: What :meth:`DiskSearch.keep_common` answers when the index is opened: a letter or a digit
#: alone, and the initials of two letters.
COMMON = (*string.ascii_lowercase, *string.digits, "zh", "ch", "sh")
ALL, MOST, SWAPPED, ANY = range(4)  # the tiers of candidates (see DiskSearch.query)
#: Among a tier's candidates, a unit holding the term's own text ranks as if this many times
#: better (BM25) than one holding a synonym's: else the short units of a common synonym
#: fill them (网上办理: 掌上办理 × 1,000).
OWN_BOOST = 4.0
HEADS = frozenset({FIGURE, MEASURE, SECTION, CHAPTER})  # the kinds with a head field in the index
SYLLABLE_CHARS = 40  # a syllable of as many characters or fewer is asked as them (jiu: 就九旧救…)
#: At most this many pairs of characters that read as two syllables are asked (wangshang: 网上 往上 …)
MAX_PAIRS = 400
SPLIT_SHARE = 2  # thirds of the candidates asked for in the heads, and again in the texts, when apart
#: Candidates kept read and folded (the next keystroke meets most of them again): a few MB.
CANDIDATES_KEPT = 10_000
#: Figures and measures of hits kept validated: the next keystroke shows many of them again
#: (at 1,000 reports, half the hits of bench/library.py's keystrokes are one of the kept), and
#: reading and validating one is about half the cost of a hit.  A few thousand small objects.
MODELS_KEPT = 1_000

#: options one of which a unit must hold: a (field, term), or an AtLeast or AllOf of them
Group = list[tuple[str, str] | AtLeast | AllOf]


@dataclass(slots=True)
class DiskResult:
    score: float
    ord: int
    kind: int
    key: str
    raw: str | None  # the unit's payload as stored (None: ``data`` given)
    fields: tuple
    matches: tuple
    late: bool = False  # a figure with role "from" (a starting value: after its peers)
    fid: str | None = None  # a figure's id
    has_fs: bool = False  # a sentence holding figures
    data: dict | None = None

    @property
    def payload(self) -> dict:
        """The unit's payload, read when first asked for (most candidates never are)."""
        if self.data is None:
            self.data = json.loads(self.raw)
        return self.data


_DAMAGED = (ValueError, KeyError, TypeError, AttributeError, IndexError)  # what a damaged unit raises


class _Candidate(NamedTuple):
    """A unit the store returned, its fields folded and what ranking reads of it, for all
    passes and the next keystrokes; its payload is read again only for a hit (kept, a
    payload's dicts would make every full collection of the garbage collector slower)."""

    key: str
    kind: int
    ord: int
    raw: str
    fields: tuple
    values: tuple | None  # a figure's value and scaled value
    late: bool
    fid: str | None
    has_fs: bool
    fig: tuple | None  # a figure's parts the concept words and the partial pass read (FigureView's)
    data: dict | None = None  # (this keystroke's, when it read the payload)


class FigureView(NamedTuple):
    """What :func:`~tui.search.lexicon.concept_fit` and the partial pass read of a figure.
    A candidate keeps it as a plain tuple (:meth:`parts`): the garbage collector stops
    tracking a plain tuple of strings, not a named one, nor a tuple holding one."""

    unit: str | None
    kind: str
    sentence: str
    raw: str
    label: str
    role: str | None

    @staticmethod
    def parts(f: dict) -> tuple:
        """The parts of a figure's payload ``f``, as a plain tuple."""
        return f.get("unit"), f["kind"], f["sentence"], f["raw"], f["label"], f.get("role")


def _candidate(key: str, kind: int, ord_: int, raw: str) -> _Candidate:
    data = json.loads(raw)
    if type(data) is not dict:
        raise TypeError("a unit payload is an object")
    fid = values = fig = None
    late = False
    if kind == FIGURE:
        f = data["f"]
        values = (f["value"], f.get("scaled_value"))
        late = f.get("role") == "from"
        fid = str(f["id"])
        fig = FigureView.parts(f)
    return _Candidate(key, kind, ord_, raw, _fields(kind, data), values, late, fid, bool(data.get("fs")), fig, data)


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
                 passes: Callable[[str, Sequence[tuple[str, str]]], bool] | None = None,
                 places: Iterable[str | None] = ()) -> None:
        self.store = store
        self.names = dict(names)
        self.pinyin = pinyin
        self.passes = passes
        # (of the reports, which ``passes`` tells apart: 四川GDP prefers 四川's, tui.search.place_words)
        self.places = Places(places if passes is not None else ())
        self._passes_kept: dict[tuple, list[str]] = {}  # filters → the keys passing them (see _passing)
        self._df: dict[str, float] = {}
        self._n = max(1, store.num_docs())
        self._order = {key: n for n, key in enumerate(self.names)}
        # the keys to search: None (no filter) when the library holds every report the store does
        self._keys = None if store.keys().keys() <= self.names.keys() else self.names.keys()
        self.unindexed = 0  # reports of the library not in the store (another process is adding them)
        #: candidates read and folded, by (key, kind, ord): the fields of a _Candidate but its data
        self._seen: dict[tuple[str, int, int], tuple] = {}
        #: the figures (by key and id) and measures (by key and payload) of hits, validated
        self._models: dict[tuple[str, str], Figure | Measure] = {}
        #: (syllable, syllable after) → the heads' pairs reading so, for one query (the
        #: store's pairs are its snapshot's): see _pairs_reading
        self._pairs: dict[tuple, list[str]] = {}

    def keep_common(self) -> None:
        """Ask the store now what :meth:`query` asks first for a letter or a digit typed
        alone (the heads' initials holding the letter, the heads holding the digit: the
        longest lists of the index, 20-30 ms each at 10,000 reports) and for the three
        initials of two letters, zh, ch and sh (the heads' initials of their first letter
        too: every syllable they begin is typed through them), and keep the answers for
        this snapshot of the index: the first keystrokes of most queries, without a
        filter, get the same units without asking."""
        groups = []
        self._pairs.clear()
        for typed in COMMON:
            terms = read_query(typed, None, None)[3]
            split, _ = self._plan(terms, None)
            groups += [self._group(t, ALL, "head" if split else "text") for t in terms]
        self.store.keep_answers(groups, CANDIDATES, self._keys)  # (what a query of the limit 75 or less asks)

    # ---- the query -------------------------------------------------------------------
    def query(self, text: str, *, kinds: Collection[str] | None = None, scope: str | None = None,
              limit: int = 50) -> list[Hit]:
        limit = int(limit)
        return with_places(lambda words: self._query(words, kinds, scope, limit), text, lambda: self.places,
                           limit, EXACT_BAND)

    def _passing(self, filters: tuple[tuple[str, str], ...]) -> list[str]:
        """The keys of the reports that pass ``filters``, worked out once for the keystrokes
        that share them (四川G, 四川GD, 四川GDP: @四川 each time)."""
        found = self._passes_kept.get(filters)
        if found is None:
            found = [k for k in self.names if self.passes(k, filters)]
            if len(self._passes_kept) >= KEEP_FILTERS:
                self._passes_kept.clear()  # (the app's count thread may ask beside the keystroke's)
            self._passes_kept[filters] = found
        return found

    def narrows(self, text: str) -> bool:
        """:func:`tui.search.place_words.narrows` over this library's places."""
        return narrows(text, lambda: self.places)

    def _query(self, text: str, kinds: Collection[str] | None, scope: str | None, limit: int) -> list[Hit]:
        parsed, wanted, scope, terms = read_query(text, kinds, scope)
        self._pairs.clear()
        if wanted is not None and not wanted:
            return []
        if not terms or limit <= 0:
            return []
        scope = scope or parsed.scope
        keys: Collection[str] | None = self._keys
        if parsed.filters and self.passes is not None:
            keys = self._passing(parsed.filters)
            if not keys:
                return []
        codes = {KIND_CODES[k] for k in wanted} if wanted else None
        wanted_n = max(CANDIDATES, 2 * limit)
        run = _Run(terms)
        scorer = _Scorer(self, terms, run.concepts)
        # Candidates by tiers, each scored exactly as it comes, until the exact hits fill the
        # limit (a near or partial hit ranks below them all): the units holding all the pairs of
        # a term (or of a synonym, or its initials'), all but one, those of the term with two
        # neighbours swapped (错纠率 → 纠错率), then any of them.  In a large library the short
        # units holding one pair would otherwise fill the candidates (网上办理: 掌上办理 × 1,000)
        # before the ones holding the whole term.  Then, as the in-memory engine: near over the
        # first candidates left (in tier order), partial when both found fewer than a few.
        results: list[DiskResult] = []
        taken: set[tuple[str, int, int]] = set()
        left: list[_Candidate] = []
        capped = False
        asked: list[list[Group]] = []
        tiers = (ALL, MOST, SWAPPED, ANY) if any(t.sounds for t in terms) else (ALL, MOST, ANY)
        full = False  # (a tier before had more candidates than it was asked for)
        split, syllable = self._plan(terms, codes)
        for tier in tiers:
            if tier != ALL and (len(taken) >= wanted_n or full):
                # (the tiers before gave candidates enough, all better, or had more than they
                # were asked for: the exact hits of a tier after are those of its initials,
                # the same in every tier, and a number's hold all its pairs, but for those of
                # a syllable's characters, asked again in ANY: the text of every unit)
                capped = True
                if not (tier == ANY and syllable):
                    continue
            found = []
            kinds = codes
            # (the heads apart: the copies of one sentence in every report would fill the candidates)
            for where in ("head", "text") if split and tier in (ALL, MOST) else ("text",):
                if where == "text" and found and len(found) >= ask:
                    break  # (the heads filled their share: a sentence ranks below a head of the same cover)
                groups = [self._group(t, tier, where) for t in terms]
                if groups in asked or not all(groups):
                    continue
                asked.append(groups)
                ask = wanted_n if where == "text" and not found else SPLIT_SHARE * wanted_n // 3
                got = self.store.search_groups(groups, kinds=kinds, keys=keys, scope=scope, limit=ask)
                full = full or len(got) >= ask
                found += got
                if where == "head" and len(got) < ask and self._heads_give_every_hit(terms):
                    # every head that holds the term is in got: in the text, its sentences
                    # (a figure whose sentence holds it, not its label, is no hit; at 10,000
                    # reports such figures took every candidate of 复议纠 and it found nothing)
                    kinds = {TEXT} if codes is None else codes & {TEXT}
                    if not kinds:
                        break
            capped = capped or full
            more = self._candidates(found, taken)
            left += self._score(0, more, scorer, results, len(more))
            if len(results) >= limit:
                capped = capped or tier != tiers[-1]
                break
        if len(results) < limit:
            if scorer.near is not None:
                left = self._score(1, left, scorer, results, wanted_n)
            if scorer.partial and len(results) < min(limit, WHEN_FEWER):
                self._score(2, left, scorer, results, PARTIAL_BUDGET)
        if codes is None or FIGURE in codes:
            results += promote(results, scorer)
        results.sort(key=lambda r: (-r.score, r.late, self._order[r.key], r.ord, r.kind))
        hits = Hits()
        for r in results:
            if len(hits) >= limit:
                break
            try:
                hits.append(self._hit(run, r))
            except _DAMAGED:
                continue  # (a figure or measure that is not one: pydantic's ValidationError is a ValueError)
        hits.capped = capped  # (the store had more candidates, or a tier was not asked: a count is "at least")
        return hits

    def _plan(self, terms: list[Term], codes: set[int] | None) -> tuple[bool, bool]:
        """(whether the heads are asked apart, first; whether a term is a syllable asked as
        its characters)."""
        syllable = any(t.pinyin and any(len(pieces) == 1 and len(self.pinyin.chars_for(*pieces[0])) <= SYLLABLE_CHARS
                                        for pieces in self.pinyin.splits(t.pinyin)[:4]) for t in terms)
        # (letters alone: their initials are the heads' in either field, asking apart would ask
        # one long list twice; a syllable's characters and a number's digits are asked in the
        # heads first, as a Chinese term's pairs: at 10,000 reports, zhi in every unit's text
        # took 70 ms)
        split = (codes is None or bool(codes & HEADS)) and (syllable or any(
            t.number is not None or not (t.text + "".join(a.term.text for a in t.alts)).isascii() for t in terms))
        return split, syllable

    @staticmethod
    def _heads_give_every_hit(terms: list[Term]) -> bool:
        """Whether asking the heads for ``terms`` finds every head an exact hit holds them in:
        one term (of several, one may be in a head and another in the sentence), and no
        synonym beyond those :meth:`_group` asks for."""
        return len(terms) == 1 and len(terms[0].alts) <= VARIANTS + 2

    def _candidates(self, found: list, taken: set[tuple[str, int, int]]) -> list[_Candidate]:
        """The store's rows read and folded (kept for the next keystroke), those in ``taken``
        left out and the others added to it."""
        out: list[_Candidate] = []
        seen = self._seen
        for _, key, kind, ord_, payload in found:
            at = (key, kind, ord_)
            if at in taken:
                continue
            kept = seen.get(at)
            if kept is not None and (kept[3] is payload or kept[3] == payload):  # (a unit met before: as it was)
                cand = _Candidate(*kept)
            else:
                try:
                    cand = _candidate(key, kind, ord_, payload)
                except _DAMAGED:
                    continue  # a unit the index holds damaged (the cache is a file like any other): not a hit
                if len(seen) >= CANDIDATES_KEPT:
                    seen.clear()
                # (a plain tuple of strings and numbers: the garbage collector stops tracking it)
                seen[at] = tuple(cand[:-1])
            taken.add(at)
            out.append(cand)
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

    def _group(self, term: Term, tier: int = ANY, where: str = "text") -> Group:
        """The index terms one of which a unit must hold to match ``term`` in ``tier``.

        A number: the pairs of its digits (or of its scaled value: 4.8万 → 48000; typing
        17., of 17. or of 17), as a text's, in the field ``where``.  Else, for the term's
        text and its synonyms':
        all their pairs (``ALL``), all but one of the term's own (``MOST``: a text of three
        pairs or more), any of them (``ANY``), in the field ``where`` (``"head"``: the heads of the
        figures, measures and titles); and any pair of the initials of its pinyin (pinyin is
        typed a syllable at a time): all of them in the heads' initials but in ``ANY``; for
        one syllable, its characters (a letter alone: the heads' initials).  ``SWAPPED``: for
        each two neighbours of the term swapped, all the pairs the swap makes.
        """
        found: dict = {}

        def add(field: str, gram_list: list[str], boost: float = 1.0) -> None:
            if field == "initials" or tier == ANY or len(gram_list) == 1:
                found.update(((field, g), None) for g in gram_list)
            elif gram_list:
                need = len(gram_list) - 1 if tier == MOST and len(gram_list) >= 3 else len(gram_list)
                found[AtLeast(need, tuple((field, g) for g in gram_list), boost)] = None

        if term.number is not None:
            number = term.number
            digits = number.canon or number.digits
            options = [digits, digits[:-1]] if digits.endswith(".") else [digits]  # (typing 17.: 17.3 and 17 match)
            if number.scaled is not None:  # (4.8万 matches a figure of 48000: the unit holds its digits)
                options.append(_digits(number.scaled))
            for text in options:
                add(where, [g for g in grams(text) if len(g) == 2 or len(text) == 1])
            return list(found)
        if tier == SWAPPED:
            if not term.sounds:
                return self._group(term, ALL, where)
            t = term.text
            own = set(grams(t))
            for i in range(len(t) - 1):
                add(where, [g for g in _selective(grams(t[:i] + t[i + 1] + t[i] + t[i + 2:])) if g not in own])
            return list(found)
        add(where, _selective(grams(term.text)), OWN_BOOST)
        for alt in term.alts[:VARIANTS + 2] if tier != MOST else ():  # (a typo is in what was typed)
            add(where, _selective(grams(alt.term.text)))
        if term.pinyin:
            readings = []  # (the heads' initials, the pairs of characters) of each reading of syllables
            for pieces in self.pinyin.splits(term.pinyin)[:4]:
                if len(pieces) > 1:
                    letters = _selective(grams("".join(p[0][0] for p in pieces)))
                    if tier == ANY:
                        add("initials", letters)
                    else:  # (all of them, in the heads' initials: a long sentence's hold most pairs)
                        readings.append((AtLeast(len(letters), tuple(("head_initials", g) for g in letters)),
                                         self._pairs_reading(pieces)))
                    continue
                # one syllable: its initial is in most sentences' initials (5 ms at 1,000 reports,
                # 50 at 10,000), its characters are few: those
                chars = self.pinyin.chars_for(*pieces[0])
                if len(chars) <= SYLLABLE_CHARS:
                    found.update(((where, ch), None) for ch in chars)
                else:  # (a letter alone: the heads' initials)
                    found[("head_initials", pieces[0][0][0])] = None
            # A head that reads wangshang holds two neighbours that read so (网上, 往上 …) as
            # well as the initials (ws): asked for both, where the initials alone let the many
            # copies of one short head (微网实格, 卫生, 完善 …) fill the candidates, and none was
            # a hit.  Readings with the same pairs are asked as one (zhishichan: its four
            # readings have the same 212 pairs of zhi and shi, each asked again before).
            by_pairs: dict[tuple[str, ...], list[AtLeast]] = {}
            for initials, pairs in readings:
                if pairs is None:  # (no syllable of few characters: the initials alone)
                    found[initials] = None
                elif pairs:  # (none: no head reads so, no option)
                    by_pairs.setdefault(tuple(pairs), []).append(initials)
            for pairs, inits in by_pairs.items():
                heads = inits[0] if len(inits) == 1 else AnyOf(tuple(inits))
                found[AllOf((heads, AtLeast(1, tuple(("head", p) for p in pairs))))] = None
        return list(found)

    def _pairs_reading(self, pieces) -> list[str] | None:
        """The heads' pairs of characters that read as the first piece of ``pieces`` of
        :data:`SYLLABLE_CHARS` characters or fewer and the piece after it (the pairs the
        index holds: a head that matches ``pieces`` holds one), or None when no piece but
        the last is so few, or the pairs are over :data:`MAX_PAIRS`."""
        for piece, after in zip(pieces, pieces[1:]):
            chars = self.pinyin.chars_for(*piece)
            if not chars or len(chars) > SYLLABLE_CHARS:
                continue
            pairs = self._pairs.get((piece, after))
            if pairs is None:  # (the readings of zhishichan all begin zhi shi: 0.8 ms each at 10,000 reports)
                seconds = set(self.pinyin.chars_for(*after))
                pairs = self._pairs[(piece, after)] = [
                    p for ch in chars for p in self.store.pairs_from("head", ch) if p[1] in seconds]
            return pairs if len(pairs) <= MAX_PAIRS else None
        return None

    def weight(self, unit: str) -> float:
        """IDF of a character or pair over the library's units (the partial pass's).  A pair
        no more often adjacent than its two characters would meet by chance counts as often
        as that (the in-memory index counts the units holding both): a pair of a typo,
        铁营 of 高铁营业里, is in no unit, and weighed as such it outweighed the rest of the
        term, so 高速铁路运营里程 was no partial hit in a large library."""
        w = self._df.get(unit)
        if w is None:
            held = self.store.doc_freq("text", unit)
            if len(unit) == 2:
                apart = [self.store.doc_freq("text", ch) for ch in unit]
                held = max(held, apart[0] * apart[1] / self._n)
            w = self._df[unit] = math.log((self._n + 1) / (held + 1)) + 0.5
        return w

    # ---- results → hits ----------------------------------------------------------------
    def _model(self, r: DiskResult) -> Figure | Measure:
        """The figure or measure of a hit, validated (kept for the next keystrokes)."""
        at = (r.key, r.fid) if r.kind == FIGURE else (r.key, r.raw)
        found = self._models.get(at) if at[1] is not None else None
        if found is None:
            found = Figure.model_validate(r.payload["f"]) if r.kind == FIGURE else Measure.model_validate(r.payload["m"])
            if len(self._models) >= MODELS_KEPT:
                self._models.clear()
            if at[1] is not None:
                self._models[at] = found
        return found

    def _hit(self, run: _Run, r: DiskResult) -> Hit:
        kind = r.kind
        data = r.payload if kind != FIGURE and kind != MEASURE else None
        figure = measure = None
        start = end = None
        if kind == FIGURE:
            figure = self._model(r)
            section = figure.section
            text, offsets, originals = figure_shown(figure)
            start, end = figure.start, figure.end
        elif kind == MEASURE:
            measure = self._model(r)
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
        key, kind, ord_, raw, fields, values = cand[:6]
        data = cand.data
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
            found = self._partial(kind, fields, cand.fig)
            if found is None:
                return None
            score, matches = found
        else:
            return None
        if self.concepts:
            shift = self.concept_shift(FigureView._make(cand.fig)) if kind == FIGURE else -0.5 * CONCEPT_WEIGHT
            scale = min(1.0, (ceiling - band) / 100)
            score = round(min(ceiling, max(band, score + scale * shift)), 3)
        return DiskResult(score, ord_, kind, key, raw, fields, tuple(matches), cand.late, cand.fid, cand.has_fs, data)

    def concept_shift(self, figure: FigureView) -> float:
        """Points a figure gains or loses for the query's concept words (人数, 多少钱 …)."""
        return CONCEPT_WEIGHT * concept_fit(figure, self.concepts)  # (read only: no model)

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

    def _partial(self, kind: int, fields, fig: tuple | None):
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
            window = head + "\x00" + _window(sentence, fig[3])  # (FigureView.raw)
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
    texts = [r for r in results if r.kind == TEXT and r.score > bar and r.has_fs]
    texts = heapq.nlargest(PROMOTE, texts, key=lambda r: r.score)
    have = {(r.key, r.fid): r for r in results if r.kind == FIGURE}
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
        out[key] = DiskResult(score, r.ord, FIGURE, r.key, None, fields, matches,
                              figure_data["f"].get("role") == "from", figure_id, False, figure_data)
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
        shift = scorer.concept_shift(FigureView._make(FigureView.parts(f))) if scorer.concepts else 0.0
        rank = (shift, -gap, at >= last)
        if best is None or rank > best[0]:
            best = (rank, f)
    if best is None:
        return None
    f = best[1]
    figure_data = {"st": data.get("st", ""), "f": f}
    fields = _fields(FIGURE, figure_data)
    return str(f["id"]), figure_data, fields, in_figure_sentence(r.matches, r.fields[0][0], fields[2][0])


#: (weight, is head) of each text of :func:`tui.search.units.field_texts`, by kind
#: (as :func:`tui.search.score.entity_fields`)
_WEIGHTS = {
    FIGURE: ((W_HEAD, True), (W_HEAD, True), (W_FIG_SENTENCE, False), (W_CONTEXT, False)),
    MEASURE: ((W_HEAD, True),),
    SECTION: ((W_SECTION, True), (W_CHAPTER_CTX, False)),
    CHAPTER: ((W_CHAPTER, True),),
    TEXT: ((W_SENTENCE, True), (W_CONTEXT, False)),
}


def _fields(kind: int, data: dict) -> tuple:
    """The fields a term may match in: the folded texts the payload holds (``x``), or
    folded now (a figure a sentence gives, a unit written without them)."""
    weights = _WEIGHTS[kind]
    texts = data.get("x")
    if type(texts) is not list or len(texts) != len(weights) or any(type(t) is not str for t in texts):
        texts = field_texts(kind, data)
    return tuple((text, weight, head) for text, (weight, head) in zip(texts, weights))
