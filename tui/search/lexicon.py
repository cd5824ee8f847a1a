"""Concept words and synonyms: the data files under ``tui/search/data`` and what a term makes of them.

*Concept words* (``data/concepts.tsv``) name the kind of figure wanted rather than its
subject: ``城镇新增就业人数`` is the subject ``城镇新增就业`` and the concept *people*;
``粮食产量多少`` is ``粮食产量`` at its *level*.  A term ending in one (or two, ``通车里程多少``)
is also looked up without it, and figures of that kind rank first (:func:`concept_fit`).

*Synonyms* (``data/synonyms.tsv``) are the words people type for what a report writes:
``GDP`` → ``地区生产总值`` / ``国内生产总值`` …, ``高铁`` → ``高速铁路``.  A term holding one is
also looked up with each other form in its place.

:func:`variants` gives a term's alternatives as ``(text, how, concepts)``: ``how`` is
``"synonym"`` or ``"concept"``; the engine matches them like the term, a little lower.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

from tui.model import Figure

MAX_VARIANTS = 12
MAX_TERM = 24  # characters: longer terms (pasted text) are looked up as typed
_SCALE_RE = re.compile(r"^(?:[万亿千百]+)")
_CHANGE = ("新增", "增加", "增长", "减少", "下降", "提高", "降低", "增")
_PEOPLE_HINT = ("人", "名", "位")
_UP = ("增长", "增加", "提高", "上涨", "上升", "提升", "增")
_DOWN = ("下降", "降低", "减少", "缩减", "压减", "削减", "压缩", "降", "减")


def _rows(name: str) -> list[list[str]]:
    text = files("tui.search").joinpath("data", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def concepts() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Concept word → (concept, units that fit)."""
    out = {}
    for row in _rows("concepts.tsv"):
        word, concept = row[0].strip(), row[1].strip()
        units = tuple(u for u in (row[2].split("|") if len(row) > 2 else ()) if u.strip())
        out[word.lower()] = (concept, units)
    return out


@lru_cache(maxsize=1)
def synonym_rows() -> list[tuple[str, tuple[str, ...]]]:
    """(typed form, written forms) per line of ``data/synonyms.tsv``, as written there."""
    return [(row[0].strip(), tuple(w.strip() for w in row[1].split("|") if w.strip())) for row in _rows("synonyms.tsv")]


@lru_cache(maxsize=1)
def synonyms() -> dict[str, tuple[str, ...]]:
    """Folded form → its other forms (typed → written, written → typed), longest first."""
    from tui.search.text import fold

    table: dict[str, dict[str, None]] = {}
    for typed, written in synonym_rows():
        typed = fold(typed)
        for form in map(fold, written):  # typed → each written form, a written form → typed
            table.setdefault(typed, {})[form] = None
            table.setdefault(form, {})[typed] = None
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in table.items()}


@lru_cache(maxsize=1)
def _synonym_keys() -> tuple[str, ...]:
    return tuple(sorted(synonyms(), key=len, reverse=True))


def strip_concepts(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """``text`` without its trailing concept words, one step at a time: [(subject, concepts)]."""
    table = concepts()
    out: list[tuple[str, tuple[str, ...]]] = []
    found: tuple[str, ...] = ()
    rest = text
    for _ in range(2):
        for word in sorted((w for w in table if rest.endswith(w)), key=len, reverse=True):
            subject = rest[: len(rest) - len(word)]
            if len(subject) >= 2 and any(ch.isalnum() for ch in subject):
                found = found + (word,)
                rest = subject
                out.append((rest, found))
                break
        else:
            break
    return out


def _synonym_swaps(text: str) -> list[str]:
    """``text`` with its longest synonym form replaced by each other form."""
    table = synonyms()
    for key in _synonym_keys():
        if len(key) <= len(text) and key in text:
            at = text.find(key)
            head, tail = text[:at], text[at + len(key):]
            return [_join(_join(head, other), tail) for other in table[key]]
    return []


def _join(a: str, b: str) -> str:
    """``a + b`` without repeating where they overlap (研发投入 + 投入增速 → 研发投入增速)."""
    for k in range(min(len(a), len(b)), 0, -1):
        if a.endswith(b[:k]):
            return a + b[k:]
    return a + b


@lru_cache(maxsize=1024)
def variants(text: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Alternatives to look for besides a folded Chinese/ASCII ``text``: (text, how, concept words).

    Synonyms of the whole term first, then the term without its concept words (and their
    synonyms).  ``how`` is ``"synonym"`` or ``"concept"``.
    """
    out: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    for swapped in _synonym_swaps(text):
        if swapped not in text:  # (a shorter form inside the term finds nothing new)
            out.setdefault(swapped, (swapped, "synonym", ()))
    for subject, words in strip_concepts(text):
        if len(words[-1]) < 2:  # 率: part of the name (纠错率), a kind, but not dropped from the term
            out.setdefault("", ("", "concept", words))
            break
        out.setdefault(subject, (subject, "concept", words))
        for swapped in _synonym_swaps(subject):
            if swapped not in subject:
                out.setdefault(swapped, (swapped, "synonym", words))
    out.pop(text, None)
    # an alternative holding the whole term (复议 → 行政复议) can only match where the term does
    return tuple([v for v in out.values() if text not in v[0]][:MAX_VARIANTS])


def query_concepts(words) -> frozenset[str]:
    """Concept names of concept words."""
    table = concepts()
    return frozenset(table[w][0] for w in words if w in table)


def _bare_unit(unit: str | None) -> str:
    return _SCALE_RE.sub("", unit or "")


def concept_fit(figure: Figure, words: tuple[str, ...]) -> float:
    """How well a figure fits the concept words of a query: 1 fits, 0 neutral, −1 does not.

    Counts (people, 套, 家 …) by unit; percent by kind; money, area, length, output by kind
    and unit; growth/decline by a percent after a verb of rising/falling; level by not
    being a change (比…提高, 新增…), nor the earlier value of a from → to pair.
    """
    table = concepts()
    if not words:
        return 0.0
    unit = _bare_unit(figure.unit)
    kind = figure.kind
    before = figure.sentence
    at = before.find(figure.raw)
    before = before[max(0, at - 8):at] if at >= 0 else ""
    total = 0.0
    for word in words:
        concept, units = table.get(word, ("", ()))
        if concept == "people":
            if unit in units or unit.endswith("人") or unit.endswith("人次"):
                fit = 1.0
            elif not unit and any(h in figure.label for h in _PEOPLE_HINT):
                fit = 0.5
            elif not unit or unit in ("万", "亿"):
                fit = 0.0
            else:
                fit = -1.0
        elif concept == "count":
            if units:
                fit = 1.0 if any(unit == u or unit.endswith(u) for u in units) else (-0.5 if kind == "count" else -1.0)
            else:
                fit = 1.0 if kind == "count" else -0.5
        elif concept == "percent":
            fit = 1.0 if kind in ("percent", "ratio") else -1.0
        elif concept in ("money", "area", "length"):
            fit = 1.0 if kind == concept or any(unit.endswith(u) for u in units) else -1.0
        elif concept == "output":
            fit = 1.0 if kind == "weight" or any(unit.endswith(u) for u in units) else -1.0
        elif concept in ("growth", "decline"):
            if kind == "percent" or unit == "个百分点":
                verbs = _UP if concept == "growth" else _DOWN
                fit = 1.0 if any(v in before for v in verbs) else 0.0
            else:
                fit = -1.0
        elif concept == "level":
            if figure.role in ("from", "change"):
                fit = -1.0
            elif kind == "percent" or any(before.endswith(v) for v in _CHANGE):  # 新增3000公里: an increment
                fit = -0.5
            else:
                fit = 0.5
        else:
            fit = 0.0
        total += fit
    return total / len(words)


SYNONYM_QUALITY = 0.93  # a synonym ranks just under the literal word
CONCEPT_QUALITY = 0.92  # the term without its concept words
BOTH_QUALITY = 0.9


@lru_cache(maxsize=1024)
def with_alts(term):
    """The :class:`~tui.search.text.Term` with its alternatives and concept words attached."""
    from dataclasses import replace

    from tui.search.text import Alt, is_han, make_term

    if term.number is not None or not 2 <= len(term.text) <= MAX_TERM:
        return term
    found = variants(term.text)
    if not any(is_han(ch) for ch in term.text):  # letters (GDP, CPI, R&D): synonyms only
        found = tuple(v for v in found if v[1] == "synonym" and not v[2])
    if not found:
        return term
    alts = []
    words: tuple[str, ...] = ()
    for text, how, concept_words in found:
        if how == "concept" and len(concept_words) > len(words):
            words = concept_words
        alt = make_term(text) if text else None
        if alt is None:
            continue
        quality = BOTH_QUALITY if how == "synonym" and concept_words else (
            SYNONYM_QUALITY if how == "synonym" else CONCEPT_QUALITY)
        alts.append(Alt(alt, "concept" if how == "concept" else "synonym", quality))
    return replace(term, alts=tuple(alts), concepts=words)
