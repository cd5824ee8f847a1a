"""``report-explorer search QUERY…``: ranked hits on the terminal or as JSON.

Exit status 0 with hits, 1 when nothing matches, 2 on bad input (one line on stderr).
The query syntax (kind prefixes ``f:`` ``m:`` ``s:`` ``c:`` ``t:``, scope ``in:6.1``) is
the app's; see :mod:`tui.search.text`.
"""

from __future__ import annotations

import sys

import click

from tui.cli_common import CONTEXT, fail, guarded, load
from tui.export import clean, json_text

SNIPPET = 60  # characters of sentence shown around the first match


@click.command("search", context_settings=CONTEXT)
@click.argument("query", nargs=-1)
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              help="Only these kinds: figure, measure, section, chapter, text (repeatable).")
@click.option("--in", "scope", metavar="SECTION", help='Only hits inside a section or chapter: "6.1", "6".')
@click.option("--limit", default="20", metavar="N", show_default=True, help="At most N hits.")
@click.option("--json", "as_json", is_flag=True, help="A JSON array of hits, best first.")
@click.option("--explain", is_flag=True,
              help="Under each hit: its band and score, how each term matched "
                   "(literal, synonym, concept, pinyin, number, near, partial; place: a place the query names, "
                   "the report's), the concept words' fit.")
@click.option("--report", "report_paths", multiple=True, metavar="FILE",
              help="Report JSON or raw text to search (repeatable). Default: the bundled report.")
@click.option("--library", "library_paths", multiple=True, metavar="PATH",
              help="Search every report under these folders or files (repeatable) through the library's "
                   "index on disk: built on first use, then opened at once.")
@guarded
def search(query: tuple[str, ...], kinds: tuple[str, ...], scope: str | None, limit: str, as_json: bool,
           explain: bool, report_paths: tuple[str, ...], library_paths: tuple[str, ...]) -> None:
    """Find figures, measures, titles and sentences: Chinese, pinyin, initials, numbers.

    \b
    Examples:
      report-explorer search 复议纠错率
      report-explorer search jiucuolv            full pinyin, no tones
      report-explorer search zscq zc             initials; several terms must all match
      report-explorer search 17.3% --kind figure
      report-explorer search "in:6 调解率" --json
      report-explorer search 城镇新增就业人数 --explain    own words: why each hit ranks
      report-explorer search GDP增速 --library reports/   every report under a folder
    """
    from tui.search import SearchIndex, hit_to_json
    from tui.search.text import normalize_kinds, valid_scope

    text = clean(" ".join(query), lines=False)  # (as the app's search box does)
    if not text.strip():
        fail("search: empty query (try: report-explorer search 纠错率)")
    try:
        count = int(limit)
    except ValueError:
        count = 0
    if count < 1:
        fail(f"search: --limit must be a positive whole number, not {limit!r}")
    try:
        wanted = normalize_kinds(list(kinds)) if kinds else None
        scope = valid_scope(scope)
    except ValueError as err:
        fail(f"search: {err}")
    if library_paths:
        if report_paths:
            fail("search: give --report or --library, not both")
        hits, many = _library_hits(library_paths, text, wanted, scope, count), True
    else:
        reports = [load(path) for path in report_paths] or [load(None)]
        if scope and not any(report.has_scope(scope) for report in reports):
            fail(f"search: no section or chapter {scope} in {', '.join(r.id for r in reports)}")
        hits = SearchIndex.build(reports).query(text, kinds=wanted, scope=scope, limit=count)
        many = len(reports) > 1
    if as_json:
        click.echo(json_text([hit_to_json(h) for h in hits]))
    else:
        styled = sys.stdout.isatty()
        for rank, hit in enumerate(hits, 1):
            click.echo(hit_line(rank, hit, styled, many=many))
            if explain:
                click.echo(explain_line(hit))
    if not hits:
        if not as_json:
            click.echo("report-explorer: no match", err=True)
        sys.exit(1)


def _library_hits(paths: tuple[str, ...], text: str, kinds, scope: str | None, limit: int) -> list:
    """Hits over a library through its on-disk index (made or brought up to date first)."""
    from tui.cli_library import index_progress, open_paths, say_skipped
    from tui.library.search_index import open_search

    from tui.search.store import StoreError

    library = open_paths(paths)
    say_skipped(library.skipped, paths)
    try:
        index = open_search(library, progress=index_progress())
    except (StoreError, OSError) as err:
        fail(f"search: the library's index cannot be used: {err}")
    if index.unindexed:
        click.echo(f"report-explorer: {index.unindexed} reports not searched: another report-explorer "
                   "is indexing this library", err=True)
    return index.query(text, kinds=kinds, scope=scope, limit=limit)


def explain_line(hit) -> str:
    """``       exact 190.9 · 城镇新增就业人数: concept 城镇新增就业 · 人数: fits``"""
    parts = [f"{hit.band} {hit.score:g}"]
    for term, how, words in hit.how:
        shown = f" {words}" if words and words != term else ""
        parts.append(f"{term}: {how}{shown}")
    if hit.concept is not None:
        words, fit = hit.concept
        verdict = "fits" if fit > 0.25 else "does not fit" if fit < -0.25 else "neutral"
        parts.append(f"{'、'.join(words)}: {verdict}")
    return clean("       " + " · ".join(parts), lines=False)


def hit_line(rank: int, hit, styled: bool = False, many: bool = False) -> str:
    """``  1  figure   6.1     纠错率  17.3%  …直接纠错159件,纠错率[17.3%];…``"""
    where = clean(f"{hit.report}:{hit.section or ''}" if many else (hit.section or ""), lines=False)
    head = f"{rank:>3}  {hit.kind:<8} {where:<7}"
    if hit.figure is not None:
        figure = hit.figure
        sentence_at = len(hit.text) - len(figure.sentence)
        label = marked(hit.text, hit.spans, 0, len(figure.label), styled)
        value = marked(hit.text, hit.spans, sentence_at - len(figure.raw) - 1, sentence_at - 1, styled)
        body = f"{label}  {value}  {snippet(hit.text, hit.spans, sentence_at, styled)}"
    elif hit.kind == "text":
        body = snippet(hit.text, hit.spans, 0, styled)
    else:
        body = marked(hit.text, hit.spans, 0, len(hit.text), styled)
    return f"{head} {body}".rstrip()


def marked(text: str, spans, start: int, end: int, styled: bool) -> str:
    """``text[start:end]`` with the spans inside it marked ([…], or reverse video on a TTY)."""
    out, pos = [], start
    for a, b in spans:
        a, b = max(a, start), min(b, end)
        if a >= b:
            continue
        out.append(clean(text[pos:a]))
        inner = clean(text[a:b])
        out.append(click.style(inner, reverse=True, bold=True) if styled else f"[{inner}]")
        pos = b
    out.append(clean(text[pos:end]))
    return "".join(out).replace("\n", " ")


def snippet(text: str, spans, start: int, styled: bool, width: int = SNIPPET) -> str:
    """About ``width`` characters of ``text[start:]`` around its first marked span."""
    inside = [(a, b) for a, b in spans if b > start]
    first = inside[0][0] if inside else start
    lo = max(start, first - width // 3)
    hi = min(len(text), lo + width)
    lo = max(start, min(lo, hi - width))
    body = marked(text, spans, lo, hi, styled)
    return ("…" if lo > start else "") + body + ("…" if hi < len(text) else "")
