"""The partial pass: hits that cover most of the query, not all of it — a lookup in own words.

When the exact and near passes leave the list short, a Chinese term of four characters or
more may match a label, title or sentence that holds only part of it: ``高铁营业里程`` finds
``高速铁路运营里程从9000多公里增加到2万5千公里``.  A unit is scored by how much of each term
(or of its synonyms and concept-free forms, :mod:`~tui.search.lexicon`) it covers:
characters and adjacent character pairs, each weighted by its rarity in the index (IDF over
the units of the space searched), so ``高速铁路`` counts for much more than ``的``.  Below
:data:`FLOOR` a unit is no match: a query of rubbish still finds nothing.

Candidates come from the character index — units holding at least half of a term's
characters, the ones holding three quarters first, shortest first, within a budget — never
from a scan of every sentence.  A sentence's figures are scored on their label and the
clauses around them, so the figure next to the matched words is the hit.  Highlights are
the blocks ``rapidfuzz``'s Indel alignment finds in common.  Partial hits score below
every near hit (``0`` up to :data:`TOP`).
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from rapidfuzz.distance import Indel

from tui.search.build import CHAPTER, FIGURE, MEASURE, SECTION, TEXT
from tui.search.space import _SKIP, Space
from tui.search.text import fold, is_han

if TYPE_CHECKING:
    from tui.search.engine import Query

TOP = 20.0  # partial hits score below this; near hits from here up to 100
FLOOR = 0.55  # weighted share of a term a unit must cover
MIN_CHARS = 4  # characters of a term before it may match in part
MAX_CHARS = 24  # and at most
BUDGET = 60  # units examined per space
VARIANTS = 3  # alternatives of a term (synonyms, concept-free forms) tried here
WHEN_FEWER = 5  # the pass runs when the exact and near passes found fewer hits than this
OWNERS = 6  # owners (copies) of one unit scored
SENTENCE_SHARE = 0.9  # a figure's cover from its whole sentence, against the clauses next to it
_CLAUSE_RE = re.compile(r"[，,；;。！？!?：:]")


def eligible(terms) -> bool:
    """Whether a query may match in part: Chinese terms (besides numbers), one of 4+ characters."""
    long_enough = False
    for term in terms:
        if term.number is not None:
            continue
        han = sum(1 for ch in term.text if is_han(ch))
        if len(term.text) > MAX_CHARS:
            return False  # pasted text: matched as typed
        if han == 0 and not term.alts:
            return False  # pinyin, letters: matched whole or not at all
        if max([han] + [len(a.term.text) for a in term.alts]) >= MIN_CHARS:
            long_enough = True
    return long_enough


class Weights:
    """IDF of characters and character pairs in one space (pairs: units holding both)."""

    def __init__(self, space: Space) -> None:
        self.space = space
        self.n = space.size + 1
        self.memo: dict[str, float] = {}

    def __call__(self, unit: str) -> float:
        w = self.memo.get(unit)
        if w is None:
            bits = self.space.bits
            if len(unit) == 1:
                df = bits.get(unit, 0).bit_count()
            else:
                df = (bits.get(unit[0], 0) & bits.get(unit[1], 0)).bit_count()
            w = self.memo[unit] = math.log(self.n / (df + 1)) + 0.5
        return w


def _units(text: str) -> tuple[list[str], list[str]]:
    chars = [ch for ch in dict.fromkeys(text) if ch not in _SKIP and (ch.isalnum())]
    pairs = [text[i:i + 2] for i in range(len(text) - 1)
             if text[i] not in _SKIP and text[i + 1] not in _SKIP]
    return chars, list(dict.fromkeys(pairs))


class Variant:
    """One text of a term (the term, a synonym, the term without its concept words) with
    its characters and pairs weighted, heaviest first."""

    __slots__ = ("text", "quality", "chars", "weighted", "total", "memo")

    def __init__(self, text: str, quality: float, weigh: Weights) -> None:
        self.text, self.quality = text, quality
        self.chars, pairs = _units(text)
        self.weighted = [(u, weigh(u)) for u in self.chars + pairs]
        self.total = sum(w for _, w in self.weighted) or 1.0
        self.memo: dict[str, float] = {}  # (a sentence is scored for itself and for each of its figures)

    def cover(self, text: str) -> float:
        """Weighted share of the variant's characters and pairs found in ``text``
        (a substring test each: a variant has a dozen units at most)."""
        c = self.memo.get(text)
        if c is None:
            c = self.memo[text] = self.quality * sum([w for u, w in self.weighted if u in text]) / self.total
        return c


class PartialPass:
    def __init__(self, q: Query) -> None:
        self.q = q
        self.cat = q.cat

    def run(self) -> None:
        q = self.q
        self.chars = frozenset(ch for t in q.terms for x in [t.text] + [a.term.text for a in t.alts] for ch in x)
        if q.kinds & {FIGURE, MEASURE, SECTION, CHAPTER}:
            self._space(self.cat.heads, True)
        if q.kinds & {FIGURE, TEXT}:
            self._space(self.cat.sentences, False)

    # ---- per space -------------------------------------------------------------------
    def _variants(self, weigh: Weights) -> list[list[Variant]]:
        out = []
        for term in self.q.terms:
            vs = [Variant(term.text, 1.0, weigh)] + [Variant(a.term.text, a.quality, weigh)
                                                     for a in term.alts[:VARIANTS]]
            out.append([v for v in vs if v.chars])
        return out

    def _candidates(self, space: Space, variants: list[list[Variant]]) -> list[int]:
        tiers = [space.all, space.all]  # three quarters of each term, half of each term
        for vs in variants:
            good = fair = 0
            for v in vs:
                n = len(v.chars)
                levels = _at_least(space, v.chars, min(n, max(2, math.ceil(0.75 * n))))
                good |= levels[min(n, max(2, math.ceil(0.75 * n)))]
                fair |= levels[min(n, max(2, math.ceil(0.5 * n)))]
            tiers[0] &= good
            tiers[1] &= fair
        if self.q.scope:
            scope = self.cat.scope_bits(space is self.cat.heads, self.q.scope)
            tiers = [t & scope for t in tiers]
        out: list[int] = []
        first = tiers[0]
        for bits in (first, tiers[1] & ~first):
            for u in space.walk(bits):
                out.append(u)
                if len(out) >= BUDGET:
                    return out
        return out

    def _space(self, space: Space, heads: bool) -> None:
        if not space.size:
            return
        weigh = getattr(space, "weights", None)
        if weigh is None:
            weigh = space.weights = Weights(space)
        variants = self._variants(weigh)
        if any(not vs for vs in variants):
            return
        q = self.q
        for u in self._candidates(space, variants):
            if q._late():
                break
            text = space.texts[u]
            covers = [max(v.cover(text) for v in vs) for vs in variants]
            if min(covers) < FLOOR:
                continue
            cov = sum(covers) / len(covers)
            owners = space.owners(u)[:OWNERS]
            if heads:
                for owner in owners:
                    kind, idx = owner & 7, owner >> 3
                    if kind in q.kinds and q._in_scope(kind, idx):
                        self._record(kind, idx, -1, cov, text, 0, variants, [(0, text)])
            else:
                for d in owners:
                    if q.scope and not q._in_scope(TEXT, d):
                        continue
                    if TEXT in q.kinds:
                        self._record(TEXT, d, -1, cov * 0.8, text, 0, variants, [(0, text)])
                    if FIGURE in q.kinds:
                        self._figures(d, variants, covers)

    def _figures(self, d: int, variants: list[list[Variant]], whole: list[float]) -> None:
        """Figures of sentence ``d``, scored on their label and the clauses next to them
        (or, a little lower, on the whole sentence)."""
        cat = self.cat
        for f in cat.doc_figures(d):
            figure = cat.fig_figure[f]
            label = cat.fig_label[f]
            sentence = fold(figure.sentence)
            window = label + "\x00" + _window(sentence, figure.raw)
            covers = [max(SENTENCE_SHARE * w, max(v.cover(window) for v in vs)) for vs, w in zip(variants, whole)]
            if min(covers) < FLOOR:
                continue
            cov = sum(covers) / len(covers)
            self._record(FIGURE, f, d, cov, label, 0, variants, [(0, label), (2, sentence)])

    def _record(self, kind, idx, aux, cov, head, _field, variants, fields) -> None:
        """Score a partial hit and hand it to the query, spans on the words found."""
        q = self.q
        wanted = self.chars
        share = sum(1 for ch in head if ch in wanted) / max(1, len(head))
        bonus = 0.5 if kind == FIGURE else 0.0
        score = TOP * (0.7 * cov + 0.25 * share) + bonus - 0.005 * min(len(head), 200)
        score = round(min(TOP - 0.01, max(0.01, score)), 3)
        if len(q.top) >= q.limit and score + q.lift <= q.top[0]:
            return  # cannot make the list: no spans needed
        matches = []
        for vs in variants:
            best = max(vs, key=lambda v: v.cover(fields[-1][1]) + v.cover(fields[0][1])) if len(vs) > 1 else vs[0]
            spans = [(f, a, b) for f, text in fields for a, b in _blocks(best.text, text)]
            matches.append((cov, tuple(spans)))
        q._record(kind, idx, aux, score, tuple(matches), raw=True)


def _at_least(space: Space, chars: list[str], top: int) -> list[int]:
    """``levels[k]``: units holding at least ``k`` of ``chars``, for ``k`` up to ``top``
    (bit-sliced counting: one AND and OR per character and level)."""
    levels = [space.all] + [0] * len(chars)
    bits = space.bits
    for i, ch in enumerate(chars):
        b = bits.get(ch, 0)
        if not b:
            continue
        for k in range(min(i + 1, top), 0, -1):
            levels[k] |= levels[k - 1] & b
    return levels


def _window(sentence: str, raw: str) -> str:
    """The clause holding ``raw`` and the one before it (a figure's subject sits there)."""
    at = sentence.find(fold(raw))
    if at < 0:
        return sentence
    cuts = [m.start() for m in _CLAUSE_RE.finditer(sentence)]
    before = [c for c in cuts if c < at]
    after = [c for c in cuts if c >= at + len(raw)]
    start = before[-2] + 1 if len(before) >= 2 else 0
    end = after[0] if after else len(sentence)
    return sentence[start:end]


def _blocks(needle: str, text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` aligned with ``needle`` (rapidfuzz Indel opcodes), two characters or more."""
    if not needle or not text:
        return []
    blocks = [(op.dest_start, op.dest_end) for op in Indel.opcodes(needle, text)
              if op.tag == "equal" and op.dest_end - op.dest_start >= 2]
    return blocks
