"""Command-palette providers: the app's search, and every section by name."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.cjk_wrap import display_text
from tui.export import section_label
from tui.goto import parse_goto, resolve_goto
from tui.report_parts import PARTS, find_section, is_part, reading_order
from tui.widgets.search_results import hit_prompt

if TYPE_CHECKING:
    from tui.app import ReportApp

PALETTE_LIMIT = 20


def figure_count(n: int) -> str:
    return "1 figure" if n == 1 else f"{n} figures"


def label_of(report, section) -> str:
    """The breadcrumb of a section; 前言 Preamble / 结语 Closing for those parts."""
    if is_part(section.id):
        return PARTS[section.id][1]
    return section_label(report.chapter_of(section.id), section)


class SearchCommands(Provider):
    """ctrl+p, then type: the same hits as the search box; enter opens one."""

    app: ReportApp

    def section_hit(self, report, section, score: float) -> Hit:
        app = self.app
        label = label_of(report, section)
        ident = "" if is_part(section.id) else section.id
        return Hit(score, Content.assemble((f"{ident:<6}", "$text-secondary"), display_text(label, app.corner_quotes)),
                   partial(app.open_location, report.id, section.id), text=display_text(f"{section.id} {label}"),
                   help=figure_count(len(section.figures)))

    async def search(self, query: str) -> Hits:
        if not query.strip():
            return
        app = self.app
        # a section by number first (6.1, 6, 结语), in every report open
        if parse_goto(query) is not None:
            for report in app.reports:
                section, _ = resolve_goto(report, query)
                if section is not None:
                    yield self.section_hit(report, section, 1.0)
        for name, place in sorted(app.state.bookmarks.items()):
            report = app.reports_by_id.get(place.report)
            section = find_section(report, place.section) if report else None
            if report is not None and section is not None and query.strip() in (name, f"'{name}"):
                yield self.section_hit(report, section, 1.0)
        hits = await asyncio.to_thread(app.search_index.query, query, limit=PALETTE_LIMIT)
        for rank, hit in enumerate(hits):
            report = app.reports_by_id.get(hit.report)
            section = find_section(report, hit.section) if report else None
            where = label_of(report, section) if report and section else hit.report
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
        for report in app.reports:
            for section in reading_order(report):
                label = label_of(report, section)
                ident = "" if is_part(section.id) else section.id
                yield DiscoveryHit(
                    Content.assemble((f"{ident:<6}", "$text-secondary"), display_text(label, app.corner_quotes)),
                    partial(app.open_location, report.id, section.id),
                    text=display_text(f"{section.id} {label}"),
                    help=figure_count(len(section.figures)),
                )
        for name, place in sorted(app.bookmarks_shown()):
            report = app.reports_by_id[place.report]
            section = find_section(report, place.section)
            label = label_of(report, section) if section else place.section
            yield DiscoveryHit(
                Content.assemble((f"'{name}    ", "$text-accent"), display_text(f"{place.section} {label}", app.corner_quotes)),
                partial(app.open_bookmark, name),
                text=display_text(f"bookmark {name} {place.section} {label}"),
                help="bookmark",
            )
