"""Evaluate one query against a :class:`~tui.search.build.Catalog`: candidates, checks, scores.

Three passes.  The *exact* pass matches every term as a substring, as pinyin or as a
number — or as one of its alternatives (:mod:`~tui.search.lexicon`: a synonym, or the
term without its concept words, a little lower); its hits score 100 and up.  When it
finds fewer than ``limit`` hits, a *near* pass lets Chinese terms match as pieces in any
order, with one wrong or missing character in five, and a Chinese term of three
characters or more with two neighbours swapped or one character replaced by a homophone
(错纠率, 纠错律 → 纠错率); its hits score 20 up to 100.  When both found fewer than a few
hits, the *partial* pass (:mod:`~tui.search.partial`) takes units covering most of the
query, weighted by rarity; its hits score below 20.  So exact > near > partial always.

A hit's score: 60 × the mean term score (match quality × field weight: a figure label
or measure name 1.0, a section title 0.9, a sentence 0.55–0.6, context 0.4–0.5) + 25 ×
the share of its label/title covered by the match + 4 when the match starts it + a small
kind bonus − 0.02 per character of label/title; with concept words in the query, ± up to
6 for a figure of the kind asked for or not (3 off for other kinds).  A sentence hit
above every figure hit that holds a figure right after the matched words gives that
figure as a hit just above it.  Ties rank the later value of a change first (从9000多公里
增加到2万5千公里: the 2万5千公里, the level a lookup asks for), then in document order.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from time import perf_counter

from tui.search.partial import TOP as PARTIAL_TOP
from tui.search.partial import WHEN_FEWER, PartialPass, eligible
from tui.search.build import CHAPTER, FIGURE, MEASURE, SECTION, TEXT, Catalog
from tui.search.lexicon import concept_fit
from tui.search.pinyin import match_pinyin
from tui.search.score import (
    HEAD_WEIGHT, KIND_BONUS, KIND_CODES, NO_DIGITS, W_FIG_SENTENCE, W_HEAD, W_SENTENCE, Result, entity_fields,
    head_score, hit_score, match_field, near_match, reach, term_matcher,
)
from tui.search.space import Space
from tui.search.text import Term, fold, is_han, piece_cover

BUDGET = 1500  # units verified per space and pass, at most
MATCHED = 8  # units that must match before a walk may stop at ``cap`` hits
MISSES = 8  # owners of one unit in a row that fail before the rest are skipped
SCAN_ABOVE = 2000  # candidates: beyond this a literal term is found by str.find instead
TIME_LIMIT = 0.25  # seconds: a hard stop for pathological queries
CONCEPT_WEIGHT = 6.0  # points for a figure of the kind a concept word asks for (minus as many if not)
EXACT_BAND, NEAR_BAND = 100.0, PARTIAL_TOP  # exact ≥ 100 > near ≥ 20 > partial
PROMOTE = 10  # sentence hits (the best) whose figures may take their place
PROMOTE_GAP = 12  # characters between the matched words and a figure that is then the hit


class Query:
    """One query's run: candidates per space, verification, scores; ``run()`` → best first."""

    def __init__(self, catalog: Catalog, terms: list[Term], kinds, scope: str | None, limit: int) -> None:
        self.cat = catalog
        self.terms = terms
        self.kinds = {KIND_CODES[k] for k in kinds} if kinds else set(range(5))
        self.scope = scope
        self.limit = limit
        self.cap = limit + 16
        self.budget = max(BUDGET, 2 * limit)
        self.found: dict[tuple[int, int], Result] = {}
        self.deadline = perf_counter() + TIME_LIMIT
        self.fuzzy = False
        self.band = EXACT_BAND  # exact hits score 100 and up, near hits 20 up to 100, partial below 20
        self.ceiling = 1e9
        self.ticks = 0
        self.memo: dict[tuple, tuple | None] = {}
        self.matchers = [term_matcher(term, catalog.pinyin) for term in terms]
        self.positions = (catalog.fig_pos, catalog.meas_pos, catalog.sec_pos, catalog.chap_pos, catalog.doc_pos)
        self.top: list[float] = []  # a heap of the best ``limit`` scores so far
        self.digits = any(ch.isdigit() for t in terms for ch in t.text)
        self.best_new = -1.0  # best score recorded from the current unit
        self.concepts = tuple(dict.fromkeys(w for t in terms for w in t.concepts))
        self.lift = CONCEPT_WEIGHT if self.concepts else 0.0  # the most a concept can add
        self.fits: dict[int, float] = {}

    def run(self) -> list[Result]:
        self._pass()
        if len(self.found) < self.limit and any(t.fuzzy or t.sounds for t in self.terms):
            self.fuzzy = True
            self.band, self.ceiling = NEAR_BAND, EXACT_BAND - 0.01
            self.memo.clear()
            self.matchers = [term_matcher(term, self.cat.pinyin, near=True) for term in self.terms]
            self._pass()
        if len(self.found) < min(self.limit, WHEN_FEWER) and eligible(self.terms):
            self.band, self.ceiling = 0.0, PARTIAL_TOP - 0.01
            PartialPass(self).run()
        if FIGURE in self.kinds:
            self._promote()
        figures = self.cat.fig_figure
        ranked = sorted(self.found.values(), key=lambda r: (
            -r.score, r.kind == FIGURE and figures[r.idx].role == "from", r.pos, r.kind))
        return ranked[: self.limit]

    # ---- passes --------------------------------------------------------------------
    def _promote(self) -> None:
        """A sentence hit above every figure hit, holding a figure right after (or around)
        the matched words: the figure is the hit, with the sentence as context (scored just
        above the sentence)."""
        cat = self.cat
        fig_start = cat.doc_fig_start
        found = self.found.values()
        bar = max((r.score for r in found if r.kind == FIGURE), default=-1.0)  # only sentences above every figure
        texts = [r for r in found if r.kind == TEXT and r.score > bar and fig_start[r.idx + 1] > fig_start[r.idx]]
        if len(texts) > PROMOTE:
            texts = heapq.nlargest(PROMOTE, texts, key=lambda r: r.score)
        for r in texts:
            d = r.idx
            spans = [(a, b) for _, parts in r.matches for f, a, b in parts if f == 0]
            if not spans:
                continue
            first, last = min(a for a, _ in spans), max(b for _, b in spans)
            base = cat.doc_start[d]
            best = None
            for f in cat.doc_figures(d):
                figure = cat.fig_figure[f]
                if self.scope and not self._in_scope(FIGURE, f):
                    continue
                at = figure.start - base
                gap = promotion_gap(at, figure.end - base, first, last)
                if gap < 0 or gap > PROMOTE_GAP:
                    continue
                shift = self.concept_shift(FIGURE, f) if self.concepts else 0.0
                key = (shift, -gap, at >= last)
                if best is None or key > best[0]:
                    best = (key, f)
            if best is None:
                continue
            f = best[1]
            old = self.found.get((FIGURE, f))
            score = round(r.score + 0.5, 3)
            if old is None or old.score < score:
                matches = in_figure_sentence(r.matches, cat.sentences_text(d), fold(cat.fig_figure[f].sentence))
                self.found[(FIGURE, f)] = Result(score, self.positions[FIGURE][f], FIGURE, f, matches, d)

    def _pass(self) -> None:
        if self.kinds & {FIGURE, MEASURE, SECTION, CHAPTER}:
            self._walk(self.cat.heads, True)
        if FIGURE in self.kinds and not self.fuzzy:
            self._numbers()
        related = bool((len(self.terms) > 1 or self.fuzzy) and self.kinds & {FIGURE, MEASURE})
        if (TEXT in self.kinds or related) and not self._dominated(related):
            self._walk(self.cat.sentences, False, related)

    def _dominated(self, related: bool) -> bool:
        """True when ``limit`` hits already beat anything the sentence space could add."""
        if len(self.top) < self.limit:
            return False
        kth, band, n = self.top[0], self.band, len(self.terms)
        bound = 0.0
        if TEXT in self.kinds:
            space = self.cat.sentences
            shortest = max(1, len(space.texts[0]) if space.size else 1)
            span = sum(reach(t) for t in self.terms)
            bound = band + 60 * W_SENTENCE + 25 * min(1.0, span / shortest) + 4
        if related:
            bound = max(bound, band + 60 * (n - 1 + W_FIG_SENTENCE) / n + 25 + 4 + KIND_BONUS[FIGURE])
        return kth > bound + self.lift

    def _filter(self, space: Space, term: Term, heads: bool) -> int | None:
        if heads and term.number is not None:
            return None  # a figure's number is in its raw value, not in the label: not indexed
        bits = space.chars_filter(term.chars) if term.chars else space.all
        for alt in term.alts:  # (literal only: synonyms and the term without its concept words)
            bits |= space.chars_filter(alt.term.chars)
        if term.pinyin:
            table = self.cat.pinyin
            _, _, splits = table.compile(term.pinyin)
            bits |= space.pinyin_filter(splits, table.syllables_for)
        if self.fuzzy and term.fuzzy:
            han = [ch for ch in term.text if is_han(ch)]
            bits |= space.near_filter(han, min(2, term.allowed_errors))
        if self.fuzzy and term.sounds:
            bits |= space.sound_filter(term.text, self.cat.pinyin.readings)
        return bits

    def _candidates(self, space: Space, heads: bool):
        bits = space.all
        literal = None
        numbers_only = all(term.number is not None for term in self.terms)
        for term in self.terms:
            found = self._filter(space, term, heads)
            if found is not None:
                bits &= found
            if self.fuzzy or term.pinyin or term.alts or (heads and term.number is not None and not numbers_only):
                continue  # (a figure's number is in its raw value: labels hold words)
            if literal is None or len(term.literal) > len(literal):
                literal = term.literal
        if self.scope:
            bits &= self.cat.scope_bits(heads, self.scope)
        if not bits:
            return iter(())
        count = bits.bit_count()
        if literal is not None and (count > SCAN_ABOVE or 4 * count > space.size):
            return space.scan(literal)  # the filter barely filters: str.find is faster
        return space.walk(bits)

    def _in_scope(self, kind: int, idx: int) -> bool:
        if not self.scope:
            return True
        cat = self.cat
        if kind == CHAPTER:
            return cat.chap_chapter[idx].id == self.scope
        if kind == MEASURE:
            return any(_within(m.section, self.scope) for m in cat.meas_measure[idx].mentions)
        sec = cat.fig_sec[idx] if kind == FIGURE else idx if kind == SECTION else cat.doc_sec[idx]
        return _within(cat.sec_section[sec].id, self.scope)

    def _late(self) -> bool:
        self.ticks += 1
        return self.ticks % 64 == 0 and perf_counter() > self.deadline

    def _walk(self, space: Space, heads: bool, related: bool = False) -> None:
        """Verify candidate units in rank order until enough hits or the budget is spent."""
        examined = matched = found_here = 0
        last = -1
        bound = self._bound(space, heads, related)
        budget = self.budget
        if not heads and (self.fuzzy or len(self.top) >= self.limit):
            budget //= 4  # sentences add little once the labels have filled the list, or to near hits
        elif self.fuzzy:
            budget //= 2
        top, limit, cap, matchers, texts = self.top, self.limit, self.cap, self.matchers, space.texts
        owner_ids, owner_start = space.owner_ids, space.owner_start
        single = len(matchers) == 1
        deadline = self.deadline
        fast = not self.fuzzy and not related and not self.scope  # one owner, every term matched: record it
        kinds, band, record = self.kinds, self.band, self._record
        for u in self._candidates(space, heads):
            if u == last:
                continue
            last = u
            examined += 1
            if examined > budget or (found_here >= cap and matched >= MATCHED) or (
                    not examined & 63 and perf_counter() > deadline):
                break
            text = texts[u]
            if len(top) >= limit and bound(len(text)) <= top[0]:
                break  # units only get longer: nothing further can make the cut
            if single:
                found = matchers[0](text)
                pre = [found]
                complete = partial = found is not None
            else:
                pre = [match(text) for match in matchers]
                complete = None not in pre
                partial = complete or any(p is not None for p in pre)
            if not partial and not (self.fuzzy and self._near_possible(text)):
                continue  # (labels and names are nearly always part of their sentence)
            if not heads and not complete and not self._unit_ok(space, u, text, pre):
                continue
            matched += 1
            a = owner_start[u]
            if fast and complete and owner_start[u + 1] - a == 1:  # (most units of one report)
                owner = owner_ids[a]
                kind, idx = (owner & 7, owner >> 3) if heads else (TEXT, owner)
                if kind in kinds:
                    found_here += record(kind, idx, -1, head_score(kind, text, pre, band), pre)
                continue
            found_here += self._owners(owner_ids[a:owner_start[u + 1]], heads, related, text, pre, complete)

    def _owners(self, owners, heads: bool, related: bool, text: str, pre, complete: bool) -> int:
        """Hits of one unit's owners (copies of one text: stop when they stop paying off)."""
        top, limit, kinds, scope = self.top, self.limit, self.kinds, self.scope
        scores: dict[int, float] = {}
        before = self.best_new
        self.best_new = -1.0
        new_hits = misses = 0
        exact = complete and not self.fuzzy
        if exact and len(owners) == 1 and not related:  # (most units of one report: one owner)
            owner = owners[0]
            kind, idx = (owner & 7, owner >> 3) if heads else (TEXT, owner)
            if kind not in kinds or (scope and not self._in_scope(kind, idx)):
                self.best_new = before
                return 0
            new_hits = self._record(kind, idx, -1, head_score(kind, text, pre, self.band), pre)
            self.best_new = max(before, self.best_new)
            return new_hits
        for n_owner, owner in enumerate(owners):
            if n_owner >= self.cap or misses >= MISSES:
                break  # (when 8 copies in a row fail, so do the rest)
            if n_owner >= 2 and len(top) >= limit and self.best_new <= top[0]:
                break  # the remaining copies cannot make the cut
            kind, idx = (owner & 7, owner >> 3) if heads else (TEXT, owner)
            if scope and not self._in_scope(kind, idx):
                continue
            if kind in kinds:
                if exact:
                    score = scores.get(kind)
                    if score is None:
                        score = scores[kind] = head_score(kind, text, pre, self.band)
                    new_hits += self._record(kind, idx, -1, score, pre)
                else:
                    new = self._evaluate(kind, idx, -1, pre)
                    new_hits += new
                    misses = 0 if new or self.best_new >= 0 else misses + 1
            if related:
                new = self._related(idx)
                new_hits += new
                misses = 0 if new else misses + 1
        self.best_new = max(before, self.best_new)
        return new_hits

    def _unit_ok(self, space: Space, u: int, text: str, pre) -> bool:
        """A sentence can only yield hits if every term is in it or in its section title."""
        if None not in pre:
            return True
        cat = self.cat
        titles = list(dict.fromkeys(cat.sec_title[cat.doc_sec[d]] for d in space.owners(u)[:8]))
        for term, match, found in zip(self.terms, self.matchers, pre):
            if found is not None or any(match(title) for title in titles):
                continue
            if not (self.fuzzy and term.fuzzy):
                return False
            fields = [(text, 1.0)] + [(title, 0.5) for title in titles]
            if piece_cover(term.text, fields, term.allowed_errors) is None:
                return False
        return True

    def _bound(self, space: Space, heads: bool, related: bool):
        """The best score a unit of a given length could still reach (it falls with length)."""
        band = self.band
        span = sum(reach(t) for t in self.terms)
        quality = sum(self._best_quality(space, t) for t in self.terms) / len(self.terms)
        weight, bonus = (W_HEAD, KIND_BONUS[FIGURE]) if heads else (W_SENTENCE, KIND_BONUS[TEXT])
        floor = -1.0
        if related:
            n = len(self.terms)
            floor = band + 60 * quality * (n - 1 + W_FIG_SENTENCE) / n + 25 + 4 + KIND_BONUS[FIGURE]

        lift = self.lift

        def bound(length: int) -> float:
            best = band + 60 * quality * weight + 25 * min(1.0, span / max(1, length)) + 4 + bonus + lift
            return max(best - 0.02 * min(length, 200), floor + lift)

        return bound

    def _best_quality(self, space: Space, term: Term) -> float:
        """The best match quality a term can reach in a space (1.0 unless only as pinyin)."""
        if not term.pinyin or space.chars_filter(term.chars):
            return 1.0  # (a literal match is possible)
        _, qualities, _ = self.cat.pinyin.compile(term.pinyin)
        return max(qualities, default=0.0)

    def _related(self, d: int) -> int:
        """Figures and measures of sentence ``d`` whose label/name holds part of the query."""
        cat = self.cat
        new = 0
        if FIGURE in self.kinds:
            for f in cat.doc_figures(d):
                if self._plausible(cat.fig_label[f]) or any(t.number is not None for t in self.terms):
                    new += self._evaluate(FIGURE, f, d, None)
        if MEASURE in self.kinds:
            for m, _, _ in cat.doc_measures(d):
                if self._plausible(fold(cat.meas_measure[m].name)):
                    new += self._evaluate(MEASURE, m, d, None)
        return new

    def _plausible(self, head: str) -> bool:
        """Could a label/name take part in a match (a term, a near piece or pinyin in it)?"""
        for term, match in zip(self.terms, self.matchers):
            if match(head) is not None or (self.fuzzy and term.fuzzy and self._near_in(term, head)):
                return True
        return False

    def _numbers(self) -> None:
        """Figures by value: ``17.3`` → 17.3%, ``17.`` while typing, ``48000`` → 4.8万."""
        numbers = [t for t in self.terms if t.number is not None]
        if not numbers or len(numbers) < len(self.terms):
            return  # with words in the query, the label and sentence walks find the figures
        number = max(numbers, key=lambda t: len(t.text)).number
        cat = self.cat
        figures: list[int] = []
        if not number.digits.endswith("."):
            figures += cat.number_tokens.get(number.canon, ())
        for value in (number.scaled, number.value if not number.rest else None):
            if value is not None:
                figures += cat.values.get(value, ())
        tokens = cat.sorted_tokens
        i = bisect_left(tokens, number.digits)
        while i < len(tokens) and tokens[i].startswith(number.digits) and len(figures) < self.budget:
            figures += cat.number_tokens[tokens[i]]
            i += 1
        found_here = 0
        for examined, f in enumerate(dict.fromkeys(figures), 1):
            if self._in_scope(FIGURE, f):
                found_here += self._evaluate(FIGURE, f, -1, None)
            if found_here >= self.cap or examined >= 4 * self.cap or self._late():
                break  # (a single number mostly matches; several rarely do together)

    # ---- matching and scoring -----------------------------------------------------------
    def _match(self, term: Term, text: str, values: tuple):
        """A term in a figure's raw value: as a number first (``17.3`` → ``17.3%``)."""
        found = match_field(term, text, values)
        if found is None and term.pinyin:
            found = match_pinyin(self.cat.pinyin, term.pinyin, text)
        return found

    def _near_possible(self, text: str) -> bool:
        return any(t.fuzzy and self._near_in(t, text) for t in self.terms)

    @staticmethod
    def _near_in(term: Term, text: str) -> bool:
        t = term.text
        return any(t[i:i + 2] in text for i in range(len(t) - 1))

    def _evaluate(self, kind: int, idx: int, aux: int, pre) -> int:
        """Check every term against the entity's fields; record a result; 1 if new.

        Results are memoised on the fields' texts: a library repeats itself.
        """
        if kind == TEXT:
            aux = -1
        if self.fuzzy:
            old = self.found.get((kind, idx))
            if old is not None and old.score >= EXACT_BAND:
                return 0  # found exactly: a near match scores lower (the near band ends below 100)
        fields = entity_fields(self.cat, kind, idx, aux)
        memo_key = (kind, fields[0][0], fields[2][0] if len(fields) > 2 else "", fields[-1][0])
        if kind == FIGURE and any(t.number is not None for t in self.terms):
            memo_key = None
        if memo_key in self.memo:
            found = self.memo[memo_key]
            return self._record(kind, idx, aux, found[0], found[1], raw=True) if found else 0
        # a query without digits fails alike on texts that differ only in their numbers
        miss_key = None if self.digits else tuple(f[0].translate(NO_DIGITS) for f in fields[:3])
        if miss_key is not None and (kind, miss_key) in self.memo:
            return 0
        values = None
        if kind == FIGURE:
            figure = self.cat.fig_figure[idx]
            values = (figure.value, figure.scaled_value)
        matches = []
        in_head = False
        result = None
        for t, term in enumerate(self.terms):
            best = None
            for f, (text, weight, head) in enumerate(fields):
                if pre is not None and f == 0:
                    found = pre[t]
                elif values is not None and f == 1:
                    found = self._match(term, text, values)
                else:
                    found = self.matchers[t](text)
                if found is not None and (best is None or found[0] * weight > best[0]):
                    best = (found[0] * weight, ((f, found[1], found[2]),))
                    if best[0] >= 1.0:
                        break  # (fields come best first: nothing can beat a perfect head match)
            if self.fuzzy and term.fuzzy and (best is None or not any(fields[f][2] for f, _, _ in best[1])):
                best = near_match(term, fields) or best  # (a near match always touches a head)
            if best is None:
                break
            in_head = in_head or any(fields[f][2] for f, _, _ in best[1])
            matches.append(best)
        else:
            if in_head:
                result = (hit_score(kind, fields, matches, self.band), tuple(matches))
        if memo_key is not None and not (result and any(f == 1 for _, parts in result[1] for f, _, _ in parts)):
            self.memo[memo_key] = result
        if result is None and miss_key is not None:
            self.memo[(kind, miss_key)] = None
        if result is None:
            return 0
        return self._record(kind, idx, aux, result[0], result[1], raw=True)

    def concept_shift(self, kind: int, idx: int) -> float:
        """Points a hit gains or loses for the query's concept words (人数, 多少钱 …)."""
        if kind != FIGURE:
            return -0.5 * CONCEPT_WEIGHT
        fit = self.fits.get(idx)
        if fit is None:
            fit = self.fits[idx] = concept_fit(self.cat.fig_figure[idx], self.concepts)
        return CONCEPT_WEIGHT * fit

    def _record(self, kind: int, idx: int, aux: int, score: float, matches, raw: bool = False) -> int:
        """Keep a hit if it can still make the list; 1 when it was not found before."""
        if self.concepts:  # (within the band: exact stays ≥ 100, near below)
            band, ceiling = self.band, self.ceiling
            scale = min(1.0, (ceiling - band) / 100)
            score = round(min(ceiling, max(band, score + scale * self.concept_shift(kind, idx))), 3)
        elif score > self.ceiling:
            score = self.ceiling
        top = self.top
        if len(top) >= self.limit and score <= top[0]:
            if score > self.best_new:
                self.best_new = score
            return 1  # found, but cannot make the final list (the bar only rises): not kept
        key = (kind, idx)
        old = self.found.get(key)
        if old is None or old.score < score:
            if not raw:  # matches on field 0 as (quality, start, end): weight them
                weight = HEAD_WEIGHT[kind]
                matches = tuple([(q * weight, ((0, a, b),)) for q, a, b in matches])
            self.found[key] = Result(score, self.positions[kind][idx], kind, idx, matches, aux)
        if old is None:  # (an improved old result keeps its old heap entry: a safe, lower bar)
            if len(self.top) < self.limit:
                heapq.heappush(self.top, score)
            elif score > self.top[0]:
                heapq.heapreplace(self.top, score)
        if score > self.best_new:
            self.best_new = score
        return old is None


def promotion_gap(at: int, end: int, first: int, last: int) -> int:
    """Characters between the matched words (``first``–``last`` in the sentence) and a
    figure at ``at``–``end`` of it: after them, before them, 0 around them."""
    return at - last if at >= last else (first - end if end <= first else 0)


def in_figure_sentence(matches: tuple, text: str, sentence: str) -> tuple:
    """A sentence hit's term matches (field 0, ``text``) moved to a figure's sentence
    field (2: ``sentence``, folded) — the promoted figure's highlights."""
    return tuple((m[0], tuple((2, sentence.find(text[a:b]), sentence.find(text[a:b]) + b - a)
                              for fi, a, b in m[1] if fi == 0 and text[a:b] in sentence)) for m in matches)


def _within(section_id: str, scope: str) -> bool:
    return section_id == scope or section_id.startswith(scope + ".")
