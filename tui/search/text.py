"""Text helpers for search: folding, query parsing, numbers, sentences, fuzzy covers.

Folding makes what a plain keyboard types comparable with what a report prints:
NFKC (full-width ``％０（，`` → ``%0(,``), lower case.  :func:`fold_map` also returns
the offset map back to the original string when folding changed lengths, so that
highlight spans always point into the text a person sees.

Query syntax (:func:`parse_query`), terms separated by spaces, all must match:

* ``f:`` ``fig:`` ``figure(s):`` · ``m:`` ``measure(s):`` · ``s:`` ``sec:`` ``section(s):``
  (sections and chapters) · ``c:`` ``chapter(s):`` · ``t:`` ``text:`` — a kind prefix,
  at the start of the query or of any term (``：`` works too);
* ``in:6.1`` / ``@6.1`` / ``§6`` — only hits inside section 6.1 (or chapter 6);
* anything else is a term: Chinese (exact, else fuzzy), pinyin (full, initials, mixed),
  numbers (``17.3`` ``17.3%`` ``4.8万`` ``877项``).  A term of punctuation alone is
  dropped; control characters and lone surrogates count as spaces; a query keeps its
  first 2,000 characters and 8 terms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

MAX_QUERY = 2000  # characters kept from a query
MAX_TERMS = 8
MAX_PINYIN = 40  # letters: longer ASCII runs are not read as pinyin
MAX_FUZZY = 24  # characters: longer terms are matched exactly only

KIND_ALIASES = {
    "f": ("figure",), "fig": ("figure",), "figs": ("figure",), "figure": ("figure",), "figures": ("figure",),
    "m": ("measure",), "measure": ("measure",), "measures": ("measure",),
    "s": ("section", "chapter"), "sec": ("section", "chapter"), "section": ("section", "chapter"),
    "sections": ("section", "chapter"), "c": ("chapter",), "chapter": ("chapter",), "chapters": ("chapter",),
    "t": ("text",), "text": ("text",), "sentence": ("text",), "sentences": ("text",),
}
KINDS = ("figure", "measure", "section", "chapter", "text")

_JUNK_RE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ud800-\udfff]")
_KIND_RE = re.compile(r"^([a-z]+)[:：](.*)$", re.S)
_SCOPE_RE = re.compile(r"^(?:in[:：]|@|§)(\d+(?:\.\d+)*)\.?$")
_SCOPE_OK_RE = re.compile(r"^\d+(?:\.\d+)*$")
_NUMBER_RE = re.compile(r"^(\d[\d,]*)(\.\d*)?(\D{0,8})$")
NUMBER_TOKEN_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")
DIGIT_PAIRS_RE = re.compile(r"(?=([0-9][0-9]))")  # every two adjacent digits, overlapping
_SCALES = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}
_SENTENCE_RE = re.compile(r"[^\s。！？!?][^。！？!?\n]*(?:[。！？!?]+[”’」』）)]*)?|[。！？!?]+")


def fold(text: str) -> str:
    return fold_map(text)[0]


@lru_cache(maxsize=65536)
def fold_map(text: str) -> tuple[str, tuple[int, ...] | None]:
    """:func:`_fold_map`, cached: for the short strings met again and again (labels, queries)."""
    return _fold_map(text)


def _fold_map(text: str) -> tuple[str, tuple[int, ...] | None]:
    """Folded text and, when lengths differ, ``map[i]`` = original offset of folded char i.

    The map has one extra entry (the original length) so that an end offset maps too.
    Uncached: the index build folds each section text once; caching those would only push
    out the short strings that do repeat.
    """
    if text.isascii():
        return text.lower(), None
    folded = unicodedata.normalize("NFKC", text).lower()
    if len(folded) == len(text):  # (a composition and an expansion in one string: not seen)
        return folded, None
    parts, offsets = [], []
    for i, ch in enumerate(text):
        piece = unicodedata.normalize("NFKC", ch).lower()
        parts.append(piece)
        offsets.extend([i] * len(piece))
    offsets.append(len(text))
    return "".join(parts), tuple(offsets)


def unfold_span(span: tuple[int, int], offsets: tuple[int, ...] | None) -> tuple[int, int]:
    if offsets is None:
        return span
    start, end = span
    last = len(offsets) - 1
    a = offsets[min(start, last)]
    b = offsets[min(end, last)] if end <= last else offsets[last]
    return a, max(b, a + (1 if end > start else 0))


def clean_query(text: object) -> str:
    """A query as text: no control characters, no lone surrogates, bounded length."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return _JUNK_RE.sub(" ", text[: MAX_QUERY * 2])[:MAX_QUERY]


def is_han(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FFFF or 0xF900 <= o <= 0xFAFF


@dataclass(frozen=True)
class Number:
    digits: str  # "17.3", "4.8", "17." while typing
    value: float | None  # value as typed (17.3), None for "17."
    scaled: float | None  # with 万/亿 applied
    rest: str  # what follows the number: "%", "万", "项", ""


@dataclass(frozen=True)
class Term:
    text: str  # folded
    chars: frozenset[str]  # letters, Han characters and digit pairs ("17"): index keys
    pinyin: str | None  # the term as pinyin letters, when it can be one
    number: Number | None
    fuzzy: bool  # long enough (and short enough) for near matches

    @property
    def allowed_errors(self) -> int:
        n = len(self.text)
        return 0 if n < 4 else max(1, n // 5)


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[str, ...]
    kinds: frozenset[str] | None
    scope: str | None


def parse_query(text: object) -> ParsedQuery:
    """Split a query into terms, a kind filter and a section scope (see module doc)."""
    kinds: set[str] = set()
    scope = None
    terms: list[str] = []
    for token in clean_query(text).split():
        low = token.lower()
        scope_m = _SCOPE_RE.match(low)
        if scope_m:
            scope = scope_m.group(1)
            continue
        kind_m = _KIND_RE.match(low)
        if kind_m and kind_m.group(1) in KIND_ALIASES:
            kinds.update(KIND_ALIASES[kind_m.group(1)])
            token = token[len(kind_m.group(1)) + 1 :]
            if not token:
                continue
        terms.append(token)
    return ParsedQuery(tuple(terms), frozenset(kinds) or None, scope)


def normalize_kinds(kinds) -> frozenset[str] | None:
    """``["figures", "s"]`` → ``{"figure", "section", "chapter"}``; unknown names → ValueError."""
    if kinds is None:
        return None
    if isinstance(kinds, str):
        kinds = [kinds]
    out: set[str] = set()
    for kind in kinds:
        key = str(kind).strip().lower()
        if key not in KIND_ALIASES:
            raise ValueError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
        out.update(KIND_ALIASES[key])
    return frozenset(out)


def valid_scope(scope: str | None) -> str | None:
    if scope is None:
        return None
    scope = str(scope).strip().rstrip(".")
    if not _SCOPE_OK_RE.match(scope):
        raise ValueError(f"bad section {scope!r}: expected an id like 6 or 6.1")
    return scope


def parse_number(text: str) -> Number | None:
    m = _NUMBER_RE.match(text)
    if not m or any(ch.isdigit() for ch in m.group(3)):
        return None
    digits = m.group(1).replace(",", "") + (m.group(2) or "")
    try:
        value = float(digits.rstrip("."))
    except ValueError:
        value = None
    rest = m.group(3)
    scaled = value * _SCALES[rest[0]] if value is not None and rest[:1] in _SCALES else None
    return Number(digits, value, scaled, rest)


def make_term(token: str) -> Term | None:
    text = fold(token)
    if not any(ch.isalnum() for ch in text):
        return None  # punctuation alone matches everything and means nothing
    letters = text.replace("ü", "v").replace("'", "")
    pinyin = letters if letters.isascii() and letters.isalpha() and len(letters) <= MAX_PINYIN else None
    chars = frozenset([ch for ch in text[:64] if ch.isalpha()] + DIGIT_PAIRS_RE.findall(text[:64]))
    han = sum(1 for ch in text if is_han(ch))
    fuzzy = han >= 2 and 4 <= len(text) <= MAX_FUZZY
    return Term(text, chars, pinyin, parse_number(text), fuzzy)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence of a section text (at 。！？ and line ends), trimmed."""
    spans = [m.span() for m in _SENTENCE_RE.finditer(text)]
    for i, (start, end) in enumerate(spans):
        if text[end - 1].isspace():  # a line that ends in spaces
            spans[i] = (start, start + len(text[start:end].rstrip()))
    return spans


def piece_cover(
    term: str, fields: list[tuple[str, float]], allowed: int
) -> list[tuple[int, int, int, int]] | None:
    """Cover ``term`` with pieces found in weighted ``fields``, in any order: near matches.

    Pieces have two characters or more; a character left out is an error (at most
    ``allowed``).  Among covers, the one with the most weighted characters wins (a piece
    in a label outweighs one in a sentence), less 0.5 per extra piece and 1 per error.
    Returns ``(term_start, term_end, field, field_start)`` per piece, or None.
    """
    n = len(term)
    best: list[tuple[float, int, tuple] | None] = [None] * (n + 1)
    best[n] = (0.0, 0, ())
    for i in range(n - 1, -1, -1):
        options = []
        after = best[i + 1]
        if after is not None and after[1] < allowed:
            options.append((after[0] - 1.0, -(after[1] + 1), after[2]))
        for j in range(i + 2, n + 1):
            piece = term[i:j]
            found = None
            for f, (text, weight) in enumerate(fields):
                if (found is None or weight > fields[found][1]) and piece in text:
                    found = f
            if found is None:
                break
            after = best[j]
            if after is None:
                continue
            value = after[0] + (j - i) * fields[found][1] - (0.5 if after[2] else 0.0)
            here = (i, j, found, fields[found][0].find(piece))
            options.append((value, -after[1], (here,) + after[2]))
        if options:
            value, neg_errors, pieces = max(options, key=lambda o: (o[0], o[1]))
            best[i] = (value, -neg_errors, pieces)
    return list(best[0][2]) if best[0] is not None and best[0][2] else None
