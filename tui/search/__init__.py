"""Fuzzy lookup over reports: figures, measures, section and chapter titles, sentences.

``SearchIndex.build(reports).query("复议纠错率")`` → ranked :class:`Hit` objects with the
spans to highlight.  Queries may be Chinese (exact, else near: one wrong or missing
character in five, pieces in any order; from three characters, two neighbours swapped or
one character replaced by a homophone; else, from four characters, in part: most of the
term, rare characters counting more), synonyms and concept words (``GDP增速``,
``城镇新增就业人数``: :mod:`~tui.search.lexicon`), pinyin (``jiucuolv`` or ``jiucuolu``, initials
``wsbl``, mixed), or numbers (``17.3%``, ``17.30%``, ``4.8万``, full-width forms too,
compared by value, never inside a longer number); several terms separated by spaces
must all match.  Sentences of the preamble and closing are text hits too.  Kind
prefixes (``f:`` ``m:`` ``s:`` ``c:`` ``t:``) and a section scope (``in:6.1`` /
``@6.1``) are described in :mod:`tui.search.text`.

This package never imports Textual or pypinyin: pinyin comes from the readings table
stored in each report (computed at ingest); only a report without one makes the build
compute it, slowly.  In :mod:`~tui.search.index`: :class:`SearchIndex` and :class:`Hit` (engine results → hits
with spans into the shown text).  Submodules: :mod:`~tui.search.text` (folding, query
syntax, near matches), :mod:`~tui.search.pinyin` (pinyin matching),
:mod:`~tui.search.space` (the character index), :mod:`~tui.search.build` (the catalog),
:mod:`~tui.search.engine` (candidates and the walk), :mod:`~tui.search.score` (matching
one field, scoring a hit), :mod:`~tui.search.lexicon` (concept words and synonyms, data
in ``tui/search/data``), :mod:`~tui.search.partial` (the partial pass).  Measured speed: ``bench/README.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["KINDS", "Hit", "ParsedQuery", "SearchIndex", "hit_to_json", "parse_query"]

if TYPE_CHECKING:
    from tui.search.index import Hit, SearchIndex, hit_to_json
    from tui.search.text import KINDS, ParsedQuery, parse_query


def __getattr__(name: str):
    """``from tui.search import SearchIndex`` imports the engine on first use (PEP 562): a
    submodule such as ``tui.search.text`` alone does not pay for it (about 100 ms)."""
    if name in __all__:
        from tui.search import index

        return getattr(index, name)
    raise AttributeError(f"module 'tui.search' has no attribute {name!r}")
