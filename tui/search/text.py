"""Text helpers for search: folding, query parsing, numbers, sentences, fuzzy covers.

Folding makes what a plain keyboard types comparable with what a report prints:
NFKC (full-width ``％０（，`` → ``%0(,``), lower case.  :func:`fold_map` also returns
the offset map back to the original string when folding changed lengths, so that
highlight spans always point into the text a person sees.

Query syntax (:func:`parse_query`), terms separated by spaces, all must match:

* ``f:`` ``fig:`` ``figure(s):`` · ``m:`` ``measure(s):`` · ``s:`` ``sec:`` ``section(s):``
  (sections and chapters) · ``c:`` ``chapter(s):`` · ``t:`` ``text:`` — a kind prefix,
  at the start of the query or of any term (``：`` works too);
* ``in:6.1`` / ``@6.1`` / ``§6`` — only hits inside section 6.1 (or chapter 6); a kind
  prefix may lead it too (``f:in:6``).  Text outside the chapters (the preamble and the
  closing) lies in no section: a scope leaves it out;
* ``year:2018`` (``year:2016-2018``), ``place:温州`` or ``@温州``, ``kind:统计公报`` — only
  hits of the reports that pass (:mod:`tui.search.filters`); an empty value (``year:``,
  while one types) is ignored;
* anything else is a term: Chinese (exact, else fuzzy), pinyin (full, initials, mixed),
  numbers (``17.3`` ``17.3%`` ``4.8万`` ``877项``).  A number matches as a whole number,
  compared by value (``17.30%`` finds ``17.3%``), or as the start of a longer one while it
  is typed (``17`` finds ``17.3%``), never inside one (``55`` does not find ``36055``).
  A term of punctuation alone is dropped; control characters and lone surrogates count
  as spaces; a query keeps its first 2,000 characters and 8 terms.
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
_FILTER_RE = re.compile(r"^(?:(?i:(year|place|kind))[:：]|@(?=\D))(.*)$", re.S)
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
    value: float | None  # value as typed (17.3; 17.0 for "17.")
    scaled: float | None  # with 万/亿 applied
    rest: str  # what follows the number: "%", "万", "项", ""
    canon: str = ""  # digits without trailing decimal zeros: "17.30" → "17.3", "17.0" → "17"


@dataclass(frozen=True)
class Term:
    text: str  # folded
    chars: frozenset[str]  # letters, Han characters and digit pairs ("17"): index keys
    pinyin: str | None  # the term as pinyin letters, when it can be one
    number: Number | None
    fuzzy: bool  # long enough (and short enough) for near matches
    sounds: bool = False  # Chinese only, 3+ characters: near pass may swap two or mishear one
    alts: tuple[Alt, ...] = ()  # synonyms and the term without its concept words (lexicon)
    concepts: tuple[str, ...] = ()  # concept words the term ends in (人数, 多少 …)

    @property
    def literal(self) -> str:
        """What every match holds literally: the text, or a number's canonical digits."""
        return self.number.canon if self.number is not None else self.text

    @property
    def allowed_errors(self) -> int:
        n = len(self.text)
        return 0 if n < 4 else max(1, n // 5)


@dataclass(frozen=True)
class Alt:
    """Another text to look for in the place of a term: a synonym, or the term without
    its concept words.  It matches literally only, with quality ``quality``."""

    term: Term
    how: str  # "synonym" or "concept"
    quality: float


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[str, ...]
    kinds: frozenset[str] | None
    scope: str | None
    filters: tuple[tuple[str, str], ...] = ()  # ("year", "2018"), ("place", "温州"), ("kind", "统计公报")


def parse_query(text: object) -> ParsedQuery:
    """Split a query into terms, a kind filter and a section scope (see module doc)."""
    kinds: set[str] = set()
    scope = None
    terms: list[str] = []
    filters: list[tuple[str, str]] = []
    for token in clean_query(text).split():
        while token:  # kind prefixes, then perhaps a scope: "f:in:6", "f:t:纠错"
            low = token.lower()
            scope_m = _SCOPE_RE.match(low)
            if scope_m:
                scope = scope_m.group(1)
                token = ""
                break
            filter_m = _FILTER_RE.match(token)
            if filter_m:  # year:2018, place:温州, @温州, kind:统计公报 (tui.search.filters)
                name = (filter_m.group(1) or "place").lower()
                if value := filter_m.group(2).strip():
                    filters.append((name, value))
                token = ""
                break
            kind_m = _KIND_RE.match(low)
            if not (kind_m and kind_m.group(1) in KIND_ALIASES):
                break
            kinds.update(KIND_ALIASES[kind_m.group(1)])
            token = token[len(kind_m.group(1)) + 1 :]
        if token:
            terms.append(token)
    return ParsedQuery(tuple(terms), frozenset(kinds) or None, scope, tuple(filters))


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


_ASCII_UNITS = frozenset("km kg g t m mm cm m2 m3 kw kwh mw gw gwh mwh w v kv ha l ml mb gb tb h s min".split())


def parse_number(text: str) -> Number | None:
    m = _NUMBER_RE.match(text)
    if not m or any(ch.isdigit() for ch in m.group(3)):
        return None
    if m.group(3)[:1].isascii() and m.group(3)[:1].isalpha() and m.group(3).lower() not in _ASCII_UNITS:
        return None  # a name such as 5G, 4K, 3D: a word, not a number
    digits = m.group(1).replace(",", "") + (m.group(2) or "")
    try:
        value = float(digits.rstrip("."))
    except ValueError:
        value = None
    rest = m.group(3)
    scaled = value * _SCALES[rest[0]] if value is not None and rest[:1] in _SCALES else None
    canon = digits
    if "." in digits and not digits.endswith("."):
        canon = digits.rstrip("0").rstrip(".")
    return Number(digits, value, scaled, rest, canon)


def find_number(number: Number, text: str) -> tuple[float, int, int] | None:
    """Best place of a typed number in ``text``: (quality, start, end) or None.

    Whole numbers only, compared by value, followed by what was typed after the number:
    1.0 as typed, 0.95 equal in value (``17.30`` → ``17.3``).  While typing, the start of
    a longer number: 0.85 for ``17.`` → ``17``, 0.8 for ``17`` → ``17.3`` or ``1755``.
    Never the middle or the end of a longer digit run (``55`` in ``36055``, ``3`` in ``17.3``).
    """
    digits, rest, canon = number.digits, number.rest, number.canon or number.digits
    typing = digits.endswith(".")
    needle = digits[:-1] if typing else canon
    find, match = text.find, NUMBER_TOKEN_RE.match
    best = None
    a = find(needle)
    while a >= 0:
        if a and (text[a - 1].isdigit() or (a > 1 and text[a - 1] in ".," and text[a - 2].isdigit())):
            a = find(needle, a + 1)  # inside a longer number
            continue
        m = match(text, a)
        token = m.group().rstrip(",")
        end = a + len(token)
        if "," in token:
            token = token.replace(",", "")
        found = None
        if typing:
            if token == needle:
                found = (0.85, a, end)
            elif token.startswith(digits):
                found = (0.8, a, a + len(digits))
        elif token == digits or (token.startswith(canon) and _same_value(token, number.value)):
            if text.startswith(rest, end):
                found = (1.0 if token == digits else 0.95, a, end + len(rest))
        elif not rest and token.startswith(digits):
            found = (0.8, a, a + len(digits))
        if found is not None:
            if found[0] == 1.0:
                return found
            if best is None or found[0] > best[0]:
                best = found
        a = find(needle, max(end, a + 1))
    return best


def _same_value(token: str, value: float | None) -> bool:
    try:
        return value is not None and float(token) == value
    except ValueError:
        return False


def make_term(token: str) -> Term | None:
    text = fold(token)
    if not any(ch.isalnum() for ch in text):
        return None  # punctuation alone matches everything and means nothing
    letters = text.replace("ü", "v").replace("'", "")
    pinyin = letters if letters.isascii() and letters.isalpha() and len(letters) <= MAX_PINYIN else None
    chars = frozenset([ch for ch in text[:64] if ch.isalpha()] + DIGIT_PAIRS_RE.findall(text[:64]))
    han = sum(1 for ch in text if is_han(ch))
    fuzzy = han >= 2 and 4 <= len(text) <= MAX_FUZZY
    sounds = han == len(text) and 3 <= han <= MAX_FUZZY
    number = parse_number(text)
    if number is not None and number.canon != number.digits:  # index keys of what must be there
        canon = number.canon + number.rest
        chars = frozenset([ch for ch in canon[:64] if ch.isalpha()] + DIGIT_PAIRS_RE.findall(canon[:64]))
    return Term(text, chars, pinyin, number, fuzzy, sounds)


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
    joined = "\x00".join([text for text, _ in fields])  # (one test for a piece in no field)
    heaviest = sorted([(-w, f, text) for f, (text, w) in enumerate(fields)])  # (the first of equals first)
    for i in range(n - 1, -1, -1):
        # the best option so far: (value, -errors) and how to make its pieces (only the
        # winner's are built); of equal options the first wins
        top = None
        after = best[i + 1]
        if after is not None and after[1] < allowed:
            top_value, top_neg, top = after[0] - 1.0, -(after[1] + 1), after[2]
        for j in range(i + 2, n + 1):
            piece = term[i:j]
            if piece not in joined:
                break
            found = -1
            for neg_w, f, text in heaviest:
                if piece in text:
                    found, weight = f, -neg_w
                    break
            if found < 0:
                break
            after = best[j]
            if after is None:
                continue
            value = after[0] + (j - i) * weight - (0.5 if after[2] else 0.0)
            if top is None or value > top_value or (value == top_value and -after[1] > top_neg):
                top_value, top_neg, top = value, -after[1], (i, j, found, piece, after[2])
        if top is not None:
            if len(top) == 5 and isinstance(top[3], str):  # a piece here, then the cover after it
                a, b, f, piece, rest = top
                top = ((a, b, f, fields[f][0].find(piece)),) + rest
            best[i] = (top_value, -top_neg, top)
    return list(best[0][2]) if best[0] is not None and best[0][2] else None
