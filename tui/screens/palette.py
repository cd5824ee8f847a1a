"""Command-palette providers: the app's search, every section by name, and the bookmarks."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.cjk_wrap import display_text
from tui.goto import parse_goto, resolve_goto
from tui.report_parts import PARTS, find_section, is_part, reading_order
from tui.widgets.breadcrumb import crumb_path
from tui.widgets.search_results import hit_prompt

if TYPE_CHECKING:
    from tui.app import ReportApp
    from tui.state import Place

PALETTE_LIMIT = 20
#: Scores in the palette (higher first).  A section or a bookmark named exactly (6.1, a, 'a)
#: comes first: above any fuzzy score of Textual's matcher (the app's commands: unbounded,
#: about 8 per character typed at most).  A bookmark whose words match ranks by that score
#: among the commands; the search hits come last (at most 0.9).
EXACT = 1000.0


def figure_count(n: int) -> str:
    return "1 figure" if n == 1 else f"{n} figures"


def label_of(report, section) -> str:
    """The breadcrumb of a section (a lead-in: its chapter); 前言 Preamble / 结语 Closing."""
    if is_part(section.id):
        return PARTS[section.id][1]
    return crumb_path(report.chapter_of(section.id), section)


class SearchCommands(Provider):
    """ctrl+p, then type: sections by number, bookmarks (by letter, section or words) and
    the same hits as the search box; enter opens one."""

    app: ReportApp

    def section_hit(self, report, section, score: float) -> Hit:
        app = self.app
        label = label_of(report, section)
        ident = "" if is_part(section.id) else section.id
        return Hit(score, Content.assemble((f"{ident:<6}", "$text-secondary"), display_text(label, app.corner_quotes)),
                   partial(app.open_location, report.id, section.id), text=display_text(f"{section.id} {label}"),
                   help=figure_count(len(section.figures)))

    def where(self, hit) -> str:
        """A hit's place when its report is not in memory: the report's label and the section."""
        labels = self.app.reports.labels() if len(self.app.reports) > 1 else {}
        return " ".join(p for p in (labels.get(hit.report, hit.report), hit.section or "") if p)

    def bookmarks(self) -> list[tuple[str, Place, str]]:
        """(letter, place, what is shown) of each bookmark in a report open, by letter."""
        app, found = self.app, []
        for name, place in sorted(app.bookmarks_shown()):
            report = app.reports[place.report]
            section = find_section(report, place.section)
            label = label_of(report, section) if section is not None else ""
            where = label if is_part(place.section) else f"{place.section} {label}"
            found.append((name, place, where))
        return found

    def bookmark_hit(self, name: str, where: str, score: float, *, discovery: bool = False) -> Hit | DiscoveryHit:
        app = self.app
        shown = Content.assemble((f"'{name}    ", "$text-accent"), display_text(where, app.corner_quotes))
        text = display_text(f"bookmark '{name} {where}")
        if discovery:
            return DiscoveryHit(shown, partial(app.open_bookmark, name), text=text, help="bookmark")
        return Hit(score, shown, partial(app.open_bookmark, name), text=text, help="bookmark")

    def bookmark_hits(self, query: str) -> list[Hit]:
        """Bookmarks named by ``query``: its letter (``a``, ``'a``, ``bookmark a``), its
        section (``6.1``, ``六（一）``, ``结语``: the place the goto prompt would open), or
        words of it (``bookmark``, ``复议``: fuzzy, as the palette matches commands)."""
        typed = query.strip()
        if not typed:
            return []
        places = {}
        if parse_goto(typed) is not None:
            for report in self.app.reports.scope(self.app.main.report.id):
                section, _ = resolve_goto(report, typed)
                if section is not None:
                    places[report.id] = section.id
        matcher = self.matcher(typed)
        hits = []
        for name, place, where in self.bookmarks():
            if typed in (name, f"'{name}", f"bookmark {name}", f"bookmark '{name}"):
                hits.append(self.bookmark_hit(name, where, EXACT))
            elif places.get(place.report) == place.section:
                hits.append(self.bookmark_hit(name, where, EXACT))
            elif len(typed) > 1 and (score := matcher.match(display_text(f"bookmark '{name} {where}"))) > 0:
                hits.append(self.bookmark_hit(name, where, max(1.0, score)))
        return hits

    async def search(self, query: str) -> Hits:
        if not query.strip():
            return
        app = self.app
        # a section by number first (6.1, 6, 结语), in every report open (a large library: the one read)
        if parse_goto(query) is not None:
            for report in app.reports.scope(app.main.report.id):
                section, _ = resolve_goto(report, query)
                if section is not None:
                    yield self.section_hit(report, section, EXACT)
        for hit in self.bookmark_hits(query):
            yield hit
        hits = await asyncio.to_thread(app.search_index.query, query, limit=PALETTE_LIMIT)
        for rank, hit in enumerate(hits):
            report = app.reports.peek(hit.report)  # (a hit never loads its report)
            section = find_section(report, hit.section) if report else None
            where = label_of(report, section) if report and section else self.where(hit)
            yield Hit(
                0.9 * (1.0 - rank / (2 * max(1, len(hits)))),  # under a section named by number
                hit_prompt(hit, app.corner_quotes),
                partial(app.open_hit, hit),
                text=display_text(hit.text),
                # Content, not a str: a str help line is read as markup ([@click=…], [注]…[/注])
                help=Content(display_text(where, app.corner_quotes)),  # type: ignore[arg-type]
            )

    async def discover(self) -> Hits:
        app = self.app
        for report in app.reports.scope(app.main.report.id):
            for section in reading_order(report):
                label = label_of(report, section)
                ident = "" if is_part(section.id) else section.id
                yield DiscoveryHit(
                    Content.assemble((f"{ident:<6}", "$text-secondary"), display_text(label, app.corner_quotes)),
                    partial(app.open_location, report.id, section.id),
                    text=display_text(f"{section.id} {label}"),
                    help=figure_count(len(section.figures)),
                )
        for name, _, where in self.bookmarks():
            yield self.bookmark_hit(name, where, 0.0, discovery=True)
