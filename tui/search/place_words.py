"""A place named in a query's own words: ``四川GDP``, ``温州 复议纠错率``, ``四川省城镇新增就业``.

People ask a library as they would ask a colleague — "四川GDP", not "@四川 GDP" — and the
report of a place rarely names it beside its figures (全省地区生产总值…).  So a term that
is the place of a report in the library (its place as the catalog derives it, perhaps with
its suffix: 四川省, 温州市), or that starts with one and goes on (四川GDP), is read twice:
as written, and as that place's filter and the rest of the query (``@四川 GDP``).  The hits
are merged: those that match the words as written exactly first (上海合作组织 in a library
holding Shanghai's report is still the national report's 上海合作组织峰会), then the
place's hits, then the other hits as written.  A query that already has a ``place:``
filter, or names nothing but a place (四川 alone), is read as written only; so is 全国, a
word of every report (全国首创, 居全国前列), and a place word in a library of one place.

No Textual, and not the library: the engines are given their library's places.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from tui.search.text import clean_query, parse_query

#: What may follow a place's name in a query and still be its name (四川省, 温州市).
SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "省", "市", "州", "县", "区", "旗", "盟")
#: The peoples named before an autonomous unit's suffix (黔东南苗族侗族自治州, 广西壮族自治区).
_PEOPLES_RE = re.compile(r"^(?:[\u4e00-\u9fff]{1,4}?族){1,4}(?=自治)")
#: Characters a place's name has at least (a one-character name keeps its suffix: 和县).
MIN_NAME = 2
#: Places whose name is a word of every report: 全国首创, 全国前列, 居全国第5位 are phrases,
#: not the national report's place.
READ_AS_WRITTEN = frozenset({"全国"})
#: A query of more distinct terms, or more words, than a person types is read as written.
MOST_TERMS, MOST_WORDS = 8, 16


def _start(term: str) -> str:
    return term[:MIN_NAME]


class Places:
    """The places of a library, looked up by a term's first two characters."""

    def __init__(self, places: Iterable[str | None]) -> None:
        """``places``: the place of each report (None where the catalog found none)."""
        distinct = set(places)
        self._several = len(distinct) >= 2
        by_start: dict[str, list[str]] = {}
        for place in {p for p in distinct if p and len(p) >= MIN_NAME and p not in READ_AS_WRITTEN}:
            by_start.setdefault(place[:MIN_NAME], []).append(place)
        for names in by_start.values():
            names.sort(key=len, reverse=True)  # the longest first: 黔东南 before 黔东
        self._by_start = by_start

    def __bool__(self) -> bool:
        """Whether a place word can tell reports apart: they are not all of one place (in one
        report, or the reports of one place, the query as written is the better one)."""
        return self._several and bool(self._by_start)

    def starts(self, terms: Iterable[str]) -> bool:
        """Whether a term may start with a place (its first two characters are one's)."""
        return not self._by_start.keys().isdisjoint(map(_start, terms))

    def split(self, term: str) -> tuple[str, str] | None:
        """(place, the rest of ``term``) when ``term`` starts with a place, else None."""
        for place in self._by_start.get(term[:MIN_NAME], ()):
            if term.startswith(place):
                rest = _PEOPLES_RE.sub("", term[len(place):], count=1)  # 黔东南苗族侗族自治州
                suffix = next((s for s in SUFFIXES if rest.startswith(s)), "")
                return place, rest[len(suffix):]
        return None


def place_reading(text: str, places: Callable[[], Places]) -> str | None:
    """``text`` with its place words as place filters (``四川GDP`` → ``@四川 GDP``), or None
    when it names no place of ``places()`` (asked only for a query that could), has a
    place filter already, or would be left with nothing but filters."""
    tokens_in = clean_query(text).split()
    if len(tokens_in) > MOST_WORDS:
        return None
    parsed = parse_query(text)
    terms = set(parsed.terms)
    if not terms or len(terms) > MOST_TERMS or any(name == "place" for name, _ in parsed.filters):
        return None
    if all(t.isascii() for t in terms):  # (letters and digits: no place's name)
        return None
    places = places()
    if not places or not places.starts(terms):
        return None
    found: list[str] = []
    tokens: list[str] = []
    for token in tokens_in:
        tokens.append(token)
        if token not in terms:  # a filter, a scope, or a term behind a kind prefix
            head, _, term = token.rpartition(":")
            if not head or term not in terms:
                continue
            head += ":"
        else:
            head, term = "", token
        hit = places.split(term)
        if hit is None:
            continue
        place, rest = hit
        found.append(f"@{place}")
        tokens[-1] = head + rest if rest else ""
    if not found:
        return None
    rewritten = " ".join([*found, *(t for t in tokens if t)])
    return rewritten if parse_query(rewritten).terms else None


def narrows(text: str, places: Callable[[], Places]) -> bool:
    """Whether ``text`` asks for some reports only: a report filter, or a place in its words
    (the first such query may build the index of those reports: the app asks it in a thread)."""
    return bool(parse_query(text).filters) or place_reading(text, places) is not None


def _key(hit) -> tuple:
    return hit.kind, hit.report, hit.section, hit.text, hit.start, hit.end


def with_places(query: Callable[[str], list], text: str, places: Callable[[], Places], limit: int,
                exact: float) -> list:
    """``query(text)``, and where ``text`` names a place, merged with the query of the place's
    reports (see the module's doc): hits scoring ``exact`` or more as written first."""
    placed_text = place_reading(text, places)
    literal = query(text)
    if placed_text is None:
        return literal
    placed = query(placed_text)
    named = "、".join(value for name, value in parse_query(placed_text).filters if name == "place")
    merged = type(literal)()  # (the disk engine's list says whether the store held more)
    seen: set[tuple] = set()
    first = [h for h in literal if h.score >= exact]
    for hit in (*first, *(h.at_place(named) for h in placed), *literal):
        key = _key(hit)
        if key not in seen and len(merged) < limit:
            seen.add(key)
            merged.append(hit)
    if hasattr(literal, "capped"):
        merged.capped = literal.capped or getattr(placed, "capped", False)
    return merged
