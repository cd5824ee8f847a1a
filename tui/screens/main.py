"""The main screen: outline on the left, search and the reading pane on the right."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input

from tui.goto import goto_start, resolve_goto
from tui.model import Figure, Report, Section
from tui.report_parts import PARTS, find_section, is_part, reading_order
from tui.report_set import ReportSet
from tui.state import Place
from tui.widgets.breadcrumb import Breadcrumb, crumb_path
from tui.widgets.fitting_footer import FittingFooter
from tui.widgets.outline_tree import OutlineTree
from tui.widgets.report_header import ReportHeader
from tui.widgets.search_box import SearchBox
from tui.widgets.search_results import SearchResults
from tui.widgets.section_body import Mark, SectionBody
from tui.widgets.too_small import TooSmall

if TYPE_CHECKING:
    from tui.app import ReportApp
    from tui.search import Hit

#: Below this width the footer drops the spaces between keys and the ctrl+p reminder.
COMPACT_FOOTER = 110
#: Below this width the outline is a drawer (the -narrow breakpoint of ReportApp).
DRAWER_WIDTH = 90
#: Hits listed per query.
RESULT_LIMIT = 60
#: The class of the screen while it lies under the library screen it starts on
#: (styles/app.tcss: nothing in it is laid out or drawn before it is seen); gone when it
#: is first shown.
BEHIND = "-behind"
#: A query slower than this (seconds) moves later queries to a worker thread.
FRAME = 0.008


def results_height(screen_height: int) -> int:
    """Rows the results list may take (its border included): two fifths of the screen, so the
    breadcrumb and the reading pane stay in view under a long list (and the list scrolls)."""
    return max(4, screen_height * 2 // 5)


def plural(count: int, noun: str) -> str:
    """``1 match``, ``4 matches``, ``1 section``, ``3 sections``."""
    if count == 1:
        return f"1 {noun}"
    return f"{count} {noun}{'es' if noun.endswith(('ch', 'sh', 's', 'x')) else 's'}"


def figure_near(section: Section, start: int, end: int) -> Figure | None:
    """The figure a match is about: overlapping it, else the next one close after it."""
    for figure in section.figures:
        if figure.start < end and figure.end > start:
            return figure
    after = [f for f in section.figures if 0 <= f.start - end <= 40]
    return min(after, key=lambda f: f.start, default=None)


class MainScreen(Screen[None]):
    """Browse, read, search and copy out; most keys of the app live here."""

    app: ReportApp

    # The footer lists the focused widget's keys, then these, then the app's: ? Help comes
    # early here (the app's own comes last and is the first cut in a narrow terminal), and
    # o Outline shows only where the outline is a drawer (see check_action).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_search", "Search", show=True,
                tooltip="Chinese, pinyin, initials or a number; typing replaces the last query"),
        Binding("o", "outline_drawer", "Outline", show=True,
                tooltip="Focus the outline; below 90 columns, open or close it as a drawer"),
        Binding("question_mark", "app.help", "Help", show=True),
        Binding("f", "figures", "Figures", show=True, tooltip="Every figure in a table: sort, filter, jump"),
        Binding("c", "copy_section", "Copy", show=True, tooltip="The section as plain text, with a citation line"),
        Binding("C", "copy_menu", "Copy as…", show=False, tooltip="Plain text, Markdown or JSON; copy or save"),
        Binding("y", "copy_figure", "Copy figure", show=True,
                tooltip="The figure under the cursor (n / N) or the top search hit, with its citation"),
        Binding("e", "export", "Export", show=True, tooltip="Save the section to a file"),
        Binding("x", "compare", "Across reports", show=False,
                tooltip="The figure under the cursor (or the search hit) in every other open report, by year"),
        Binding("i", "notes", "Notes", show=False,
                tooltip="The notes its markers ([1] …) link to, the one nearest the cursor first"),
        Binding("n", "next_mark", "Next match", show=True,
                tooltip="In the reading pane: the next search match, or (no search) the next figure"),
        Binding("N", "previous_mark", "Previous match", show=False),
        Binding("right_square_bracket", "next_section", "Next section", show=False),
        Binding("left_square_bracket", "previous_section", "Previous section", show=False),
        Binding("backspace,ctrl+o,alt+left", "back", "Back", show=False, tooltip="Back through the sections visited"),
        Binding("shift+backspace,alt+right", "forward", "Forward", show=False,
                tooltip="Forward again through the sections left by Back"),
        Binding("colon", "goto", "Go to", show=False,
                tooltip="A section by number: 6.1, 6, 六（一）, 前言, 结语; or g then the number (g 6 . 1 enter)"),
        Binding("m", "set_bookmark", "Bookmark", show=False, tooltip="m then a letter: remember this place"),
        Binding("apostrophe", "go_bookmark", "To bookmark", show=False, tooltip="' then a letter: back to that place"),
        Binding("tab", "cycle_focus(1)", "Next pane", show=False),
        Binding("shift+tab", "cycle_focus(-1)", "Previous pane", show=False),
        Binding("o", "outline", "", show=False),  # o above 90 columns: not in the footer
        Binding("escape", "escape", "Close / clear", show=False,
                tooltip="Close the outline drawer, else clear the search"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | / | Search (Chinese, pinyin, initials, numbers). |
    | n / N | Next / previous search match, on into the next section with one (no search: the section's figures). |
    | ] / [ | Next / previous section. |
    | : | Go to a section by number (6.1, 6, 结语); g then a digit opens the same prompt (g 6 . 1 enter). |
    | backspace / ctrl+o, shift+backspace / alt+right | Back to the section visited before; forward again. |
    | m, ' | m then a letter sets a bookmark; ' then the letter goes there. |
    | tab / shift+tab | Between the outline and the reading pane (/ is the way into the search). |
    | f | The figure table. |
    | c | Copy the section as plain text with its citation. |
    | C | Copy or save as plain text, Markdown or JSON (a menu). |
    | y | Copy the figure under the cursor (or the top search hit) with its citation. |
    | e | Save the section to a file. |
    | x | The figure under the cursor (or the search hit) across the open reports: a table by year, bars, copy. |
    | i | The notes of the section (its [1] … markers), the nearest one highlighted. |
    | o | Show or hide the outline (a drawer in narrow terminals). |
    | escape | Close the outline drawer, or clear the search. |
    """

    def __init__(self, reports: ReportSet, *, section: tuple[str, str] | None = None,
                 search: str | None = None, classes: str | None = None, focus_body: bool = False,
                 offset: int = 0) -> None:
        super().__init__(classes=classes)
        self.reports = reports
        first = reports.first
        start = section or (first.id, first.sections()[0].id if first.sections() else "")
        self.report: Report = self.reports[start[0]]
        self.section: Section | None = find_section(self.report, start[1])
        self.history: list[tuple[str, str]] = []
        self.future: list[tuple[str, str]] = []  # sections left by Back, for Forward
        self.query_text = ""
        self.hits: list[Hit] = []
        self._hits_version = 0
        self._places: tuple[tuple[str, int, str], list[tuple[str, str, int]]] | None = None
        self._hits_by_place: tuple[int, dict[tuple[str, str], list[Hit]]] = (-1, {})
        self._folded: dict[tuple[str, str], tuple[str, str]] = {}  # (report, section) → (text, casefolded)
        self.start_search = search
        self.focus_body = focus_body
        self.start_offset = offset
        self.fast_queries = True
        self._after_g = False  # the key before was g (g then a digit: goto)

    def compose(self) -> ComposeResult:
        yield ReportHeader(self.report, id="header")
        with Horizontal(id="main"):
            yield OutlineTree(self.reports, current=self.report.id, id="outline")
            with Vertical(id="reader"):
                with Vertical(id="search-panel", classes="-empty"):
                    yield SearchBox(id="search", history=self.app.state.history)
                    yield SearchResults(id="results")
                yield Breadcrumb(id="breadcrumb")
                yield SectionBody(id="body")
        yield TooSmall()
        yield FittingFooter()

    def on_mount(self) -> None:
        self.outline.border_title = self.outline.border_title or "目录 Outline"  # (a large library: which report)
        self.results.styles.max_height = results_height(self.app.size.height)
        self.redraw()
        if self.section is not None:
            self.open_section(self.report, self.section, remember=False)
            if self.start_offset:
                self.call_after_refresh(self.body.scroll_to_offset, self.start_offset, top=True)
        if self.start_search:
            self.search_box.value = self.start_search
            self.search_box.focus()
        elif self.focus_body or self.app.size.width < DRAWER_WIDTH:
            self.body.focus()  # --section: the pane, so that space pages at once
        else:
            self.outline.focus()

    def on_screen_resume(self) -> None:
        self.remove_class(BEHIND)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "outline_drawer":  # this o (in the footer) only where the outline is a drawer
            return self.app.size.width < DRAWER_WIDTH
        return True

    def on_resize(self, event: events.Resize) -> None:
        self.refresh_bindings()  # o Outline comes and goes with the drawer
        self.results.styles.max_height = results_height(event.size.height)
        footer = self.query_one(FittingFooter)
        footer.compact = event.size.width < COMPACT_FOOTER
        footer.show_command_palette = True  # FittingFooter drops other keys first
        if event.size.width < DRAWER_WIDTH and not self.has_class("-drawer") and self.focused is self.outline:
            self.body.focus()  # the outline is hidden (a closed drawer): keep the focus visible

    # ---- parts ------------------------------------------------------------------------
    @property
    def outline(self) -> OutlineTree:
        return self.query_one("#outline", OutlineTree)

    @property
    def body(self) -> SectionBody:
        return self.query_one("#body", SectionBody)

    @property
    def search_box(self) -> SearchBox:
        return self.query_one("#search", SearchBox)

    @property
    def results(self) -> SearchResults:
        return self.query_one("#results", SearchResults)

    def redraw(self) -> None:
        """Apply the app's display options (「」 quotes) to every part of the screen."""
        corner = self.app.corner_quotes
        self.query_one(ReportHeader).corner_quotes = corner
        self.query_one(Breadcrumb).corner_quotes = corner
        self.outline.set_corner_quotes(corner)
        if self.body.section is not None:
            self.body.set_corner_quotes(corner)
        if self.query_text.strip():
            self.results.show_hits(self.query_text, self.hits, self.reports, corner_quotes=corner)

    # ---- opening sections -------------------------------------------------------------
    def open_section(self, report: Report, section: Section, *, remember: bool = True) -> None:
        if remember and self.section is not None and (report.id, section.id) != (self.report.id, self.section.id):
            self.history.append((self.report.id, self.section.id))
            del self.history[:-200]
            self.future.clear()
        self.report, self.section = report, section
        self.app.state.remember_place(report.id, section.id)
        self.query_one(ReportHeader).report = report
        crumb = self.query_one(Breadcrumb)
        if is_part(section.id):  # 前言 / 结语: no number, no chapter
            crumb.path, crumb.section_id = PARTS[section.id][0], ""
        else:
            crumb.path = crumb_path(report.chapter_of(section.id), section)  # a lead-in: its chapter
            crumb.section_id = section.id
        self.body.show(report, section, corner_quotes=self.app.corner_quotes)
        self.outline.show_section(report.id, section.id)
        self.remove_class("-drawer")
        self.refresh_marks()

    def refresh_marks(self, current: int | None = None) -> None:
        """Recompute the marks of the open section for the current query."""
        if self.section is None:
            return
        marks, matching = self.marks_for(self.section)
        self.body.set_marks(marks, current, highlight_all=matching)
        self.update_status()

    def marks_for(self, section: Section, report: Report | None = None) -> tuple[tuple[Mark, ...], bool]:
        """Search matches in the section, or (no search, or no match here) its figures."""
        report = report or self.report
        needle = self.query_text.strip().casefold()
        found: dict[tuple[int, int], Mark] = {}
        if needle:
            text = self._casefolded(report, section)
            at = text.find(needle)
            while at >= 0:
                found[(at, at + len(needle))] = Mark(at, at + len(needle), figure_near(section, at, at + len(needle)))
                at = text.find(needle, at + 1)
            for hit in self._hits_in(report.id, section.id):
                if hit.start is not None and hit.end is not None and hit.end > hit.start:
                    figure = hit.figure or figure_near(section, hit.start, hit.end)
                    found.setdefault((hit.start, hit.end), Mark(hit.start, hit.end, figure))
        if found:
            return tuple(sorted(found.values(), key=lambda m: (m.start, m.end))), True
        return tuple(Mark(f.start, f.end, f) for f in section.figures), False

    def _casefolded(self, report: Report, section: Section) -> str:
        """The section's text casefolded, once per section (every keystroke counts the
        matches of every section)."""
        key = (report.id, section.id)
        kept = self._folded.get(key)
        if kept is None or kept[0] is not section.text:
            kept = self._folded[key] = (section.text, section.text.casefold())
        return kept[1]

    def _hits_in(self, report_id: str, section_id: str) -> list[Hit]:
        """The current hits of one section (grouped once per result list)."""
        version, by_place = self._hits_by_place
        if version != self._hits_version:
            by_place = {}
            for hit in self.hits:
                by_place.setdefault((hit.report, hit.section), []).append(hit)
            self._hits_by_place = (self._hits_version, by_place)
        return by_place.get((report_id, section_id), [])

    def match_places(self) -> list[tuple[str, str, int]]:
        """(report id, section id, matches) of every section with a match, in reading order
        (the reports in the library's order).

        In a library held as its catalog (ReportSet.lazy) the sections read are those of
        the report being read; the other reports' come from the hits, a match a hit, in
        the order of the hits (their reports are not loaded for it).
        """
        key = (self.query_text, self._hits_version, self.report.id)
        if self._places is None or self._places[0] != key:
            places = []
            if self.query_text.strip():
                found: dict[str, dict[str, int]] = {}
                for report in self.reports.scope(self.report.id):
                    found[report.id] = {}
                    for section in reading_order(report):
                        marks, matching = self.marks_for(section, report)
                        if matching:
                            found[report.id][section.id] = len(marks)
                read = set(found)
                for hit in self.hits:
                    if hit.report not in read and hit.section:
                        there = found.setdefault(hit.report, {})
                        there[hit.section] = there.get(hit.section, 0) + 1
                places = [(rid, sid, n) for rid in self.reports.ids for sid, n in found.get(rid, {}).items()]
            self._places = (key, places)
        return self._places[1]

    def walk_keys(self, places: list[tuple[str, str, int]]) -> list[tuple[str, str]]:
        """Every (report, section) n / N may pass, in order: the sections of the reports in
        scope and the places of the others, the reports in the library's order."""
        scope = {r.id: r for r in self.reports.scope(self.report.id)}
        elsewhere: dict[str, list[tuple[str, str]]] = {}
        for rid, sid, _ in places:
            if rid not in scope:
                elsewhere.setdefault(rid, []).append((rid, sid))
        order: list[tuple[str, str]] = []
        for rid in self.reports.ids:
            if rid in scope:
                order += [(rid, s.id) for s in reading_order(scope[rid])]
            else:
                order += elsewhere.get(rid, [])
        return order

    def update_status(self) -> None:
        body, crumb = self.body, self.query_one(Breadcrumb)
        total, current = len(body.marks), body.current
        if self.query_text.strip():  # a search: its matches, counted over every section
            places = self.match_places()
            overall = sum(n for *_, n in places)
            keys = [(r, s) for r, s, _ in places]
            here = (self.report.id, self.section.id if self.section else "")
            if not overall:
                crumb.status = "no match"
            elif here in keys and body.highlight_all and current is not None:
                at = keys.index(here)
                before = sum(n for *_, n in places[:at])
                crumb.status = f"match {before + current + 1}/{overall} · section {at + 1}/{len(places)}"
            else:
                crumb.status = f"{plural(overall, 'match')} in {plural(len(places), 'section')} · n/N"
        elif not total:
            crumb.status = "no figures"
        elif current is None:
            crumb.status = f"{plural(total, 'figure')} · n/N"
        else:
            crumb.status = f"figure {current + 1}/{total}"

    def reading_keys(self) -> list[tuple[Report, Section]]:
        """The sections of the reports in scope (ReportSet.scope), in reading order."""
        return [(r, s) for r in self.reports.scope(self.report.id) for s in reading_order(r)]

    def step_section(self, delta: int) -> None:
        sections = self.reading_keys()
        keys = [(r.id, s.id) for r, s in sections]
        here = keys.index((self.report.id, self.section.id)) if self.section else -1
        target = here + delta
        if 0 <= target < len(sections):
            self.open_section(*sections[target])
        elif (found := self._next_report_section(delta)) is not None:  # a library held as its catalog
            self.open_section(*found)
        else:
            self.notify("Already at the last section." if delta > 0 else "Already at the first section.",
                        severity="warning", timeout=2)

    def _next_report_section(self, delta: int) -> tuple[Report, Section] | None:
        """Past the end of the report read, in a library held as its catalog: the first
        (last) section of the next (previous) report that has one."""
        if not self.reports.lazy:
            return None
        ids = self.reports.ids
        at = ids.index(self.report.id) + delta
        while 0 <= at < len(ids):
            report = self.reports.get(ids[at])  # (None: it cannot be read now; passed over)
            order = reading_order(report) if report is not None else []
            if report is not None and order:
                return report, order[0 if delta > 0 else -1]
            at += delta
        return None

    def remember_place(self) -> None:
        """The open section and the text at the top of the pane, for the next run."""
        if self.section is not None:
            self.app.state.remember_place(self.report.id, self.section.id, self.body.top_offset())

    def open_hit(self, hit: Hit) -> None:
        """Open the section of a hit with the reading pane on the match."""
        report = self.reports.get(hit.report)
        if report is None:
            return
        section = find_section(report, hit.section)
        if section is None:  # a chapter: its first section
            chapter = next((c for c in report.chapters if c.id == hit.section), None)
            section = chapter.sections[0] if chapter and chapter.sections else None
        if section is None:
            return
        self.open_section(report, section)
        marks = self.body.marks
        current = None
        if hit.start is not None:
            current = next((i for i, m in enumerate(marks) if m.start <= hit.start < max(m.end, m.start + 1)), None)
            if current is None and hit.end is not None and hit.start < hit.end <= len(section.text):
                # a hit of another query (the command palette) or in text without figures
                # (前言, 结语): mark the hit itself, so the pane shows where it is
                mark = Mark(hit.start, hit.end, hit.figure or figure_near(section, hit.start, hit.end))
                marks = tuple(sorted((*marks, mark), key=lambda m: (m.start, m.end)))
                current = marks.index(mark)
        elif hit.figure is not None:
            current = next((i for i, m in enumerate(marks) if m.figure and m.figure.id == hit.figure.id), None)
        self.body.set_marks(marks, current, highlight_all=self.body.highlight_all)
        self.update_status()
        self.body.focus()

    # ---- search -----------------------------------------------------------------------
    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        self.run_query(event.value)

    def index_progress(self, done: int, total: int) -> None:
        """The search box says how far the library's index is (``total`` 0: it is ready)."""
        box = self.query_one("#search", SearchBox)
        box.placeholder = (f"/ search: indexing {done:,} of {total:,} reports … (the first time only)"
                           if total else SearchBox.PLACEHOLDER)

    def run_query(self, text: str) -> None:
        self.query_text = text
        self.query_one("#search-panel").set_class(not text.strip(), "-empty")
        if not text.strip():
            self.show_hits(text, [])
        elif self.app.index_ready and self.fast_queries and not self.app.search_index.narrows(text):
            # (a report filter, or a place in the words, may first build the index of the
            # reports it keeps: in a thread)
            self.show_hits(text, self.timed_query(text))
        else:
            self.query_in_thread(text)

    def timed_query(self, text: str) -> list[Hit]:
        began = time.perf_counter()
        hits = self.app.search_index.query(text, limit=RESULT_LIMIT + 1)  # one more: is the list cut off?
        self.fast_queries = time.perf_counter() - began < FRAME
        return hits

    @work(thread=True, exclusive=True, group="search")
    def query_in_thread(self, text: str) -> None:
        hits = self.timed_query(text)
        self.app.call_from_thread(self.show_hits, text, hits)

    def show_hits(self, text: str, hits: list[Hit]) -> None:
        if text != self.query_text:
            return  # a newer keystroke already replaced this query
        self.hits = hits[:RESULT_LIMIT]
        self._hits_version += 1
        self.results.show_hits(text, self.hits, self.reports, corner_quotes=self.app.corner_quotes,
                               cut=len(hits) > RESULT_LIMIT)
        self.refresh_marks()

    def remember_query(self) -> None:
        """Put the query into the search history (up / down in the search box walk it)."""
        if self.query_text.strip():
            self.app.state.remember_query(self.query_text)

    @on(SearchBox.ToResults)
    def _to_results(self) -> None:
        if self.results.option_count and self.query_text.strip():
            self.results.focus()

    @on(SearchResults.ToSearch)
    def _to_search(self) -> None:
        self.search_box.focus()

    @on(SearchBox.Leave)
    @on(SearchResults.Leave)
    def _leave_search(self) -> None:
        self.remember_query()
        self.body.focus()

    @on(Input.Submitted, "#search")
    def _submitted(self) -> None:
        self.remember_query()
        hit = self.results.highlighted_hit or (self.hits[0] if self.hits else None)
        if hit is not None:
            self.open_hit(hit)

    @on(SearchResults.HitChosen)
    def _hit_chosen(self, event: SearchResults.HitChosen) -> None:
        self.remember_query()
        self.open_hit(event.hit)

    @on(SectionBody.MarkClicked)
    def _mark_clicked(self, event: SectionBody.MarkClicked) -> None:
        body = self.body
        body.set_marks(body.marks, event.index, highlight_all=body.highlight_all)
        self.update_status()

    @on(OutlineTree.SectionSelected)
    def _section_selected(self, event: OutlineTree.SectionSelected) -> None:
        report = self.reports.get(event.report)
        section = find_section(report, event.section) if report is not None else None
        if section is not None:
            self.open_section(report, section)
            if event.offset:  # a glossary term, a note: its line at the top
                self.body.scroll_to_offset(event.offset, top=True)
            self.body.focus()  # space pages at once

    # ---- actions ----------------------------------------------------------------------
    def action_focus_search(self) -> None:
        """Focus the search box with its query selected: typing replaces it (as in less, vim)."""
        box = self.search_box
        box.focus()
        box.select_all()

    def action_next_mark(self) -> None:
        self.step_mark(+1)

    def action_previous_mark(self) -> None:
        self.step_mark(-1)

    def step_mark(self, delta: int) -> None:
        """n / N: with a search, its matches, on across sections (never the figures: n keeps
        its meaning); without one, the section's figures."""
        if self.query_text.strip():
            self.step_match(delta)
            return
        body = self.body
        if not body.marks:
            self.app.bell()
            return
        if body.current is None:
            current = 0 if delta > 0 else len(body.marks) - 1
        else:
            current = (body.current + delta) % len(body.marks)
        body.set_marks(body.marks, current, highlight_all=body.highlight_all)
        self.update_status()

    def step_match(self, delta: int) -> None:
        places = self.match_places()
        if not places:
            self.notify(f"No match for “{self.query_text.strip()}”: escape clears the search, then n / N step "
                        "through the figures.", severity="warning", markup=False, timeout=3)
            return
        body = self.body
        here = (self.report.id, self.section.id if self.section else "")
        keys = [(r, s) for r, s, _ in places]
        if here in keys and body.highlight_all and body.marks:
            current = body.current
            step = (0 if delta > 0 else len(body.marks) - 1) if current is None else current + delta
            if 0 <= step < len(body.marks):
                body.set_marks(body.marks, step, highlight_all=True)
                self.update_status()
                return
        # on to the next (previous) section with a match, in reading order, wrapping at the end
        order = self.walk_keys(places)
        at = {k: n for n, k in enumerate(order)}
        position = at.get(here, -1)
        ranked = [at[k] for k in keys]
        ahead = [i for i, p in enumerate(ranked) if (p > position if delta > 0 else p < position)]
        wrapped = not ahead
        if wrapped:
            target = 0 if delta > 0 else len(keys) - 1
        else:
            target = ahead[0] if delta > 0 else ahead[-1]
        report_id, section_id, _ = places[target]
        report = self.reports.get(report_id)
        section = find_section(report, section_id) if report is not None else None
        if section is None:
            return
        if (report_id, section_id) != here:
            self.open_section(report, section)
        marks = self.body.marks
        self.body.set_marks(marks, 0 if delta > 0 else len(marks) - 1, highlight_all=True)
        self.update_status()
        if wrapped:
            self.notify("Search hit the bottom, continuing from the top." if delta > 0
                        else "Search hit the top, continuing from the bottom.", timeout=2)

    def action_next_section(self) -> None:
        self.step_section(+1)

    def action_previous_section(self) -> None:
        self.step_section(-1)

    def action_back(self) -> None:
        if not self._travel(self.history, self.future):
            self.notify("No earlier section to go back to.", severity="warning", timeout=2)

    def action_forward(self) -> None:
        if not self._travel(self.future, self.history):
            self.notify("No later section to go forward to.", severity="warning", timeout=2)

    def _travel(self, source: list[tuple[str, str]], other: list[tuple[str, str]]) -> bool:
        """Open the last section of ``source``; the one left goes onto ``other``."""
        while source:
            report_id, section_id = source.pop()
            report = self.reports.get(report_id)
            section = find_section(report, section_id) if report else None
            if report is not None and section is not None:
                if self.section is not None:
                    other.append((self.report.id, self.section.id))
                self.open_section(report, section, remember=False)
                return True
        return False

    def action_cycle_focus(self, delta: int) -> None:
        """tab / shift+tab: between the outline (when shown) and the reading pane.  The
        search box is not in the round: / goes there, so a key meant for the screen is
        never typed into it."""
        panes = [self.body] if self.app.size.width < DRAWER_WIDTH and not self.has_class("-drawer") \
            else [self.outline, self.body]
        if self.focused in panes:
            panes[(panes.index(self.focused) + delta) % len(panes)].focus()
        else:
            self.body.focus()

    def on_key(self, event: events.Key) -> None:
        """``g`` then a digit: the goto prompt holding it (``g 6 . 1 enter`` goes where ``:6.1``
        does).  ``g`` itself keeps its meaning (top of the pane, first in the outline)."""
        after_g, self._after_g = self._after_g, event.key == "g" and not isinstance(self.focused, Input)
        typed = goto_start(event.character) if after_g else None
        if typed is not None:
            event.stop()
            event.prevent_default()
            self.action_goto(typed)

    def action_goto(self, start: str = "") -> None:
        from tui.screens.prompt import GotoPrompt

        def chosen(typed: str | None) -> None:
            if typed is None or not typed.strip():
                return
            section, message = resolve_goto(self.report, typed)
            if section is None:
                self.notify(message, severity="warning", markup=False, timeout=4)
                return
            self.open_section(self.report, section)
            self.body.focus()

        self.app.push_screen(GotoPrompt(start), chosen)

    def action_set_bookmark(self) -> None:
        from tui.screens.prompt import KeyPrompt

        if self.section is None:
            return
        report, section, offset = self.report, self.section, self.body.top_offset()

        def chosen(letter: str | None) -> None:
            if letter is None:
                return
            self.app.state.set_bookmark(letter, Place(report.id, section.id, offset))
            self.notify(f"Bookmark {letter}: {self.place_label(report, section)} (' then {letter} comes back)",
                        markup=False, timeout=3)

        self.app.push_screen(KeyPrompt("Set a bookmark: press a letter (escape: cancel)"), chosen)

    def action_go_bookmark(self) -> None:
        from tui.screens.prompt import KeyPrompt

        def chosen(letter: str | None) -> None:
            if letter is not None:
                self.go_bookmark(letter)

        marks = " ".join(sorted(self.app.state.bookmarks)) or "none yet (m then a letter sets one)"
        self.app.push_screen(KeyPrompt(f"Go to bookmark: {marks}"), chosen)

    def go_bookmark(self, letter: str) -> None:
        place = self.app.state.bookmarks.get(letter)
        report = self.reports.get(place.report) if place else None
        section = find_section(report, place.section) if report and place else None
        if place is None or report is None or section is None:
            self.notify(f"No bookmark {letter} in the reports open.", severity="warning", markup=False, timeout=2)
            return
        self.open_section(report, section)
        # forced: coming from a section that fitted, the pane has no scrollbar yet (and would not move)
        self.body.scroll_to(y=self.body.line_of_offset(place.offset), animate=False, immediate=True, force=True)
        self.body.focus()

    def place_label(self, report: Report, section: Section) -> str:
        if is_part(section.id):
            return PARTS[section.id][1]
        return f"{section.id} {crumb_path(report.chapter_of(section.id), section)}"

    def action_outline_drawer(self) -> None:
        self.action_outline()

    def action_outline(self) -> None:
        if self.has_class("-narrow"):
            self.toggle_class("-drawer")
            if self.has_class("-drawer"):
                self.outline.focus()
            else:
                self.body.focus()
        else:
            self.outline.focus()

    def action_escape(self) -> None:
        self.remember_query()
        if self.has_class("-drawer"):
            self.remove_class("-drawer")
            self.body.focus()
        elif self.query_text:
            self.search_box.value = ""
            self.body.focus()

    def action_figures(self) -> None:
        from tui.screens.figures import FigureScreen

        def chosen(choice: tuple[Report, Figure] | None) -> None:
            if choice is not None:
                self.go_to_figure(*choice)

        of_library = None
        if self.reports.lazy:  # (a large library: the report being read; x compares across them)
            of_library = f"{self.reports.labels()[self.report.id]}, one of {len(self.reports):,} reports (x: across them)"
        self.app.push_screen(FigureScreen(self.reports.scope(self.report.id), state=self.app.state,
                                          of_library=of_library), chosen)

    def go_to_figure(self, report: Report, figure: Figure) -> None:
        section = report.section(figure.section)
        if section is None:
            return
        self.query_text = ""
        with self.prevent(Input.Changed):
            self.search_box.value = ""
        self.query_one("#search-panel").set_class(True, "-empty")
        self.open_section(report, section)
        current = next((i for i, m in enumerate(self.body.marks) if m.figure and m.figure.id == figure.id), None)
        self.body.set_marks(self.body.marks, current, highlight_all=False)
        self.update_status()
        self.body.focus()

    def action_copy_section(self) -> None:
        if self.section is not None:
            self.app.copy_section(self.report, self.section, "text")

    def action_export(self) -> None:
        if self.section is not None:
            self.app.copy_section(self.report, self.section, "text", save=True)

    def action_copy_menu(self) -> None:
        from tui.screens.copy_menu import CopyMenu, copy_table

        if self.section is None:
            return
        report, section = self.report, self.section

        def chosen(choice: tuple | None) -> None:
            if choice is not None and len(choice) == 3:  # a table: (format, save, table)
                copy_table(self.app, report, section, choice[2], choice[0], save=choice[1])
            elif choice is not None:
                self.app.copy_section(report, section, choice[0], save=choice[1])

        self.app.push_screen(CopyMenu(section.id, section.tables, self.body.current_table()), chosen)

    def action_notes(self) -> None:
        from tui.screens.notes import show_notes

        show_notes(self)

    def action_copy_figure(self) -> None:
        hit: Hit | None = None
        if self.focused is self.results:
            hit = self.results.highlighted_hit
        mark = self.body.current_mark
        if hit is None and mark is not None and mark.figure is not None:
            self.app.copy_figure(self.report, mark.figure)
            return
        if hit is None and self.hits and self.query_text.strip():
            hit = self.hits[0]
        if hit is None:
            self.notify("No figure under the cursor: n / N steps through the section's figures, "
                        "f opens the figure table.", severity="warning", markup=False)
            return
        self.app.copy_hit(hit)

    def action_compare(self) -> None:
        """x: the figure under the cursor, else the highlighted (or top) figure hit, in every
        other open report (tui.screens.compare)."""
        from tui.screens.compare import compare_figure

        hit: Hit | None = self.results.highlighted_hit if self.focused is self.results else None
        mark = self.body.current_mark
        if hit is None and mark is not None and mark.figure is not None:
            compare_figure(self.app, self.report, mark.figure)
            return
        if hit is None and self.query_text.strip():
            hit = next((h for h in self.hits if h.figure is not None), None)
        report = self.reports.get(hit.report) if hit is not None else None
        if hit is None or hit.figure is None or report is None:
            self.notify("No figure to compare: n / N steps through the section's figures, f opens the figure "
                        "table (x there too).", severity="warning", markup=False)
            return
        compare_figure(self.app, report, hit.figure)
