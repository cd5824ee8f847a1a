"""Matching one term in one field, and scoring a hit from its term matches.

A field is ``(folded text, weight, is_head)``; a term match is ``(score, spans)`` with
spans ``(field, start, end)``.  A hit scores (exact band: 100 +, near band: 0 +)
60 × the mean term score (quality × field weight) + 25 × the share of its label/title
covered + 4 when the match starts it + a kind bonus − 0.02 per character of label/title.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from tui.search.build import CHAPTER, FIGURE, MEASURE, SECTION, TEXT, Catalog
from tui.search.pinyin import PinyinTable
from tui.search.text import Term, find_number, fold, piece_cover

KIND_CODES = {"figure": FIGURE, "measure": MEASURE, "section": SECTION, "chapter": CHAPTER, "text": TEXT}
KIND_BONUS = (2.0, 1.5, 1.0, 0.5, 0.0)
W_HEAD, W_SECTION, W_CHAPTER, W_FIG_SENTENCE, W_SENTENCE, W_CONTEXT, W_CHAPTER_CTX = (
    1.0, 0.9, 0.85, 0.55, 0.6, 0.4, 0.5)
HEAD_WEIGHT = (W_HEAD, W_HEAD, W_SECTION, W_CHAPTER, W_SENTENCE)
SOUND_QUALITY = 0.7  # a near match with two characters swapped or one misheard

# A field: (folded text, weight, is_head).  A term match: (score, ((field, start, end), ...)).
Field = tuple[str, float, bool]
NO_DIGITS = str.maketrans("", "", "0123456789")


class Result(NamedTuple):
    score: float
    pos: int
    kind: int
    idx: int
    matches: tuple  # one (score, spans) per term
    aux: int  # the doc a figure/measure hit was found through (-1: none)


def match_field(term: Term, text: str, values: tuple | None = None) -> tuple[float, int, int] | None:
    """(quality, start, end) of ``term`` in one folded field, or None.

    ``values``: given for a figure's raw field — its value and scaled value — so that
    numbers match as numbers there (``17.3`` → ``17.3%``, ``48000`` → ``4.8万``).
    """
    if term.number is not None:
        return match_number(term, text, values or ())
    i = text.find(term.text)
    return (1.0, i, i + len(term.text)) if i >= 0 else None


def term_matcher(term: Term, table: PinyinTable, near: bool = False):
    """``match(text)`` → (quality, start, end) or None: literal first, then pinyin (fast).

    ``near``: for the near pass, a Chinese term of 3+ characters also matches with two
    neighbours swapped or one character replaced by a homophone (quality 0.7).
    """
    literal, n = term.text, len(term.text)
    number = term.number
    regex, qualities = table.compile(term.pinyin)[:2] if term.pinyin else (None, ())
    sounds = table.sound_alike(term.text) if near and term.sounds else None

    if number is not None:
        return lambda text: find_number(number, text)
    alts = [(a.term.text, len(a.term.text), a.quality) for a in term.alts]

    def match(text: str):
        i = text.find(literal)
        if i >= 0:
            return 1.0, i, i + n
        for alt, k, quality in alts:  # synonyms, the term without its concept words
            i = text.find(alt)
            if i >= 0:
                return quality, i, i + k
        if regex is not None:
            m = regex.search(text)
            if m is not None:
                return qualities[(m.lastindex or 1) - 1], m.start(), m.end()
        if sounds is not None:
            m = sounds.search(text)
            if m is not None:
                return SOUND_QUALITY, m.start(), m.end()
        return None

    return match


def match_number(term: Term, raw: str, values=()) -> tuple[float, int, int] | None:
    """A number term in a figure's raw value: as a whole number, else by (scaled) value."""
    number = term.number
    found = find_number(number, raw)
    if found is not None:
        return found
    if number.scaled is not None and number.scaled in values or (
        number.value is not None and not number.rest and number.value in values
    ):
        return 0.9, 0, len(raw)
    return None


def entity_fields(cat: Catalog, kind: int, idx: int, aux: int) -> list[Field]:
    """The fields a term may match in, for one figure, measure, section, chapter or sentence."""
    if kind == FIGURE:
        f = cat.fig_figure[idx]
        return [(cat.fig_label[idx], W_HEAD, True), (fold(f.raw), W_HEAD, True),
                (fold(f.sentence), W_FIG_SENTENCE, False), (cat.sec_title[cat.fig_sec[idx]], W_CONTEXT, False)]
    if kind == MEASURE:
        out = [(fold(cat.meas_measure[idx].name), W_HEAD, True)]
        if aux >= 0:
            out += [(cat.sentences_text(aux), W_FIG_SENTENCE, False), (cat.sec_title[cat.doc_sec[aux]], W_CONTEXT, False)]
        return out
    if kind == SECTION:
        return [(cat.sec_title[idx], W_SECTION, True), (cat.sec_chapter_title[idx], W_CHAPTER_CTX, False)]
    if kind == CHAPTER:
        return [(cat.chap_title[idx], W_CHAPTER, True)]
    return [(cat.sentences_text(idx), W_SENTENCE, True), (cat.sec_title[cat.doc_sec[idx]], W_CONTEXT, False)]


def near_match(term: Term, fields: list[Field]):
    """A term covered by pieces in any order, with a few errors: (score, spans) or None.
    (Its synonyms are not tried here: they match literally, or in part in the partial pass.)"""
    t = term.text
    pairs = _pairs(t)
    for text, _, head in fields:
        if head and any(p in text for p in pairs):
            break
    else:
        return None  # (a piece is two characters or more, and one must lie in a head)
    pieces = piece_cover(t, [(f[0], f[1]) for f in fields], term.allowed_errors)
    if pieces is None or not any(fields[f][2] for _, _, f, _ in pieces):
        return None
    covered = sum(b - a for a, b, _, _ in pieces)
    errors = len(term.text) - covered
    weight = sum((b - a) * fields[f][1] for a, b, f, _ in pieces) / covered
    quality = 0.75 - 0.04 * (len(pieces) - 1) - 0.12 * errors
    spans = tuple((f, start, start + b - a) for a, b, f, start in pieces)
    return quality * weight, spans


@lru_cache(maxsize=256)
def _pairs(text: str) -> tuple[str, ...]:
    """The distinct adjacent pairs of ``text``, in order."""
    return tuple(dict.fromkeys(text[i:i + 2] for i in range(len(text) - 1)))


def head_score(kind: int, text: str, pre, band: float) -> float:
    """Score of a hit whose every term matched its head field (``pre``: quality, start, end)."""
    weight = HEAD_WEIGHT[kind]
    if len(pre) == 1:
        q, a, b = pre[0]
        return final_score(kind, q * weight, b - a, len(text), a == 0, band)
    base = sum(q for q, _, _ in pre) * weight / len(pre)
    covered = covered_chars((0, a, b) for _, a, b in pre)
    prefix = any(a == 0 for _, a, _ in pre)
    return final_score(kind, base, covered, len(text), prefix, band)


def hit_score(kind: int, fields: list[Field], matches: list, band: float) -> float:
    """Score of a hit from one match per term over the entity's fields."""
    if len(matches) == 1 and len(matches[0][1]) == 1:  # (one term in one place: most hits)
        quality, ((f, a, b),) = matches[0]
        head_len = len(fields[0][0])
        if not fields[f][2]:
            return final_score(kind, quality, 0, head_len, False, band)
        return final_score(kind, quality, b - a, head_len if f == 0 else head_len + b - a, f == 0 and a == 0, band)
    base = sum(m[0] for m in matches) / len(matches)
    spans = [s for _, parts in matches for s in parts if fields[s[0]][2]]
    covered = covered_chars(spans)
    # other head fields (a figure's raw value) count only as far as they matched
    head_len = len(fields[0][0]) + covered - covered_chars(s for s in spans if s[0] == 0)
    prefix = any(f == 0 and a == 0 for f, a, _ in spans)
    return final_score(kind, base, covered, head_len, prefix, band)


def final_score(kind: int, base: float, covered: int, head_len: int, prefix: bool, band: float) -> float:
    head_len = max(1, head_len)
    s = 60 * base + 25 * min(1.0, covered / head_len) + 4 * prefix + KIND_BONUS[kind]
    s -= 0.02 * min(head_len, 200)
    return round(band + max(0.0, s), 3)


def reach(term: Term) -> int:
    """How many characters of a sentence a term can cover at most."""
    n = len(term.text) if not term.pinyin else max(len(term.text), len(term.pinyin))
    return max([n] + [len(a.term.text) for a in term.alts])


def covered_chars(spans) -> int:
    """Characters covered by (field, start, end) spans, overlaps counted once."""
    total = 0
    by_field: dict[int, list[tuple[int, int]]] = {}
    for f, a, b in spans:
        by_field.setdefault(f, []).append((a, b))
    for items in by_field.values():
        items.sort()
        end = -1
        for a, b in items:
            if b > end:
                total += b - max(a, end)
                end = b
    return total
