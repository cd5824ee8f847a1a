"""The main screen: outline on the left, search and the reading pane on the right."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input

from tui.export import section_label
from tui.model import Figure, Report, Section
from tui.report_parts import PARTS, find_section, is_part, reading_order
from tui.widgets.breadcrumb import Breadcrumb
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
#: A query slower than this (seconds) moves later queries to a worker thread.
FRAME = 0.008


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
        Binding("n", "next_mark", "Next match", show=True,
                tooltip="In the reading pane: the next search match, or (no search) the next figure"),
        Binding("N", "previous_mark", "Previous match", show=False),
        Binding("right_square_bracket", "next_section", "Next section", show=False),
        Binding("left_square_bracket", "previous_section", "Previous section", show=False),
        Binding("backspace", "back", "Back", show=False, tooltip="Back through the sections visited"),
        Binding("o", "outline", "", show=False),  # o above 90 columns: not in the footer
        Binding("escape", "escape", "Close / clear", show=False,
                tooltip="Close the outline drawer, else clear the search"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | / | Search (Chinese, pinyin, initials, numbers). |
    | n / N | Next / previous match in the section (no search: its figures), shown as 3/7. |
    | ] / [ | Next / previous section. |
    | backspace | Back to the section visited before. |
    | f | The figure table. |
    | c | Copy the section as plain text with its citation. |
    | C | Copy or save as plain text, Markdown or JSON (a menu). |
    | y | Copy the figure under the cursor (or the top search hit) with its citation. |
    | e | Save the section to a file. |
    | o | Show or hide the outline (a drawer in narrow terminals). |
    | escape | Close the outline drawer, or clear the search. |
    """

    def __init__(self, reports: list[Report], *, section: tuple[str, str] | None = None,
                 search: str | None = None, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.reports = {r.id: r for r in reports}
        first = reports[0]
        start = section or (first.id, first.sections()[0].id if first.sections() else "")
        self.report: Report = self.reports[start[0]]
        self.section: Section | None = find_section(self.report, start[1])
        self.history: list[tuple[str, str]] = []
        self.query_text = ""
        self.hits: list[Hit] = []
        self.start_search = search
        self.fast_queries = True

    def compose(self) -> ComposeResult:
        yield ReportHeader(self.report, id="header")
        with Horizontal(id="main"):
            yield OutlineTree(list(self.reports.values()), id="outline")
            with Vertical(id="reader"):
                with Vertical(id="search-panel", classes="-empty"):
                    yield SearchBox(id="search")
                    yield SearchResults(id="results")
                yield Breadcrumb(id="breadcrumb")
                yield SectionBody(id="body")
        yield TooSmall()
        yield Footer()

    def on_mount(self) -> None:
        self.outline.border_title = "目录 Outline"
        self.redraw()
        if self.section is not None:
            self.open_section(self.report, self.section, remember=False)
        if self.start_search:
            self.search_box.value = self.start_search
            self.search_box.focus()
        elif self.app.size.width < DRAWER_WIDTH:
            self.body.focus()
        else:
            self.outline.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "outline_drawer":  # this o (in the footer) only where the outline is a drawer
            return self.app.size.width < DRAWER_WIDTH
        return True

    def on_resize(self, event: events.Resize) -> None:
        self.refresh_bindings()  # o Outline comes and goes with the drawer
        footer = self.query_one(Footer)
        footer.compact = event.size.width < COMPACT_FOOTER
        footer.show_command_palette = event.size.width >= COMPACT_FOOTER  # ctrl+p still works
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
        self.report, self.section = report, section
        self.query_one(ReportHeader).report = report
        crumb = self.query_one(Breadcrumb)
        if is_part(section.id):  # 前言 / 结语: no number, no chapter
            crumb.path, crumb.section_id = PARTS[section.id][0], ""
        else:
            crumb.path = section_label(report.chapter_of(section.id), section)
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

    def marks_for(self, section: Section) -> tuple[tuple[Mark, ...], bool]:
        """Search matches in the section, or (no search, or no match here) its figures."""
        needle = self.query_text.strip().casefold()
        found: dict[tuple[int, int], Mark] = {}
        if needle:
            text = section.text.casefold()
            at = text.find(needle)
            while at >= 0:
                found[(at, at + len(needle))] = Mark(at, at + len(needle), figure_near(section, at, at + len(needle)))
                at = text.find(needle, at + 1)
            for hit in self.hits:
                if (hit.report, hit.section) == (self.report.id, section.id) and hit.start is not None \
                        and hit.end is not None and hit.end > hit.start:
                    figure = hit.figure or figure_near(section, hit.start, hit.end)
                    found.setdefault((hit.start, hit.end), Mark(hit.start, hit.end, figure))
        if found:
            return tuple(sorted(found.values(), key=lambda m: (m.start, m.end))), True
        return tuple(Mark(f.start, f.end, f) for f in section.figures), False

    def update_status(self) -> None:
        body, crumb = self.body, self.query_one(Breadcrumb)
        total, current = len(body.marks), body.current
        noun = "match" if body.highlight_all else "figure"
        if not total:
            crumb.status = "no figures" if not self.query_text.strip() else "no match"
        elif current is None:
            crumb.status = f"{total} {noun}{'es' if noun == 'match' and total > 1 else 's' if total > 1 else ''} · n/N"
        else:
            crumb.status = f"{noun} {current + 1}/{total}"

    def step_section(self, delta: int) -> None:
        sections = [(r, s) for r in self.reports.values() for s in reading_order(r)]
        keys = [(r.id, s.id) for r, s in sections]
        here = keys.index((self.report.id, self.section.id)) if self.section else -1
        target = here + delta
        if 0 <= target < len(sections):
            self.open_section(*sections[target])
        else:
            self.app.bell()

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

    def run_query(self, text: str) -> None:
        self.query_text = text
        self.query_one("#search-panel").set_class(not text.strip(), "-empty")
        if not text.strip():
            self.show_hits(text, [])
        elif self.app.index_ready and self.fast_queries:
            self.show_hits(text, self.timed_query(text))
        else:
            self.query_in_thread(text)

    def timed_query(self, text: str) -> list[Hit]:
        began = time.perf_counter()
        hits = self.app.search_index.query(text, limit=RESULT_LIMIT)
        self.fast_queries = time.perf_counter() - began < FRAME
        return hits

    @work(thread=True, exclusive=True, group="search")
    def query_in_thread(self, text: str) -> None:
        hits = self.timed_query(text)
        self.app.call_from_thread(self.show_hits, text, hits)

    def show_hits(self, text: str, hits: list[Hit]) -> None:
        if text != self.query_text:
            return  # a newer keystroke already replaced this query
        self.hits = hits
        self.results.show_hits(text, hits, self.reports, corner_quotes=self.app.corner_quotes)
        self.refresh_marks()

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
        self.body.focus()

    @on(Input.Submitted, "#search")
    def _submitted(self) -> None:
        hit = self.results.highlighted_hit or (self.hits[0] if self.hits else None)
        if hit is not None:
            self.open_hit(hit)

    @on(SearchResults.HitChosen)
    def _hit_chosen(self, event: SearchResults.HitChosen) -> None:
        self.open_hit(event.hit)

    @on(SectionBody.MarkClicked)
    def _mark_clicked(self, event: SectionBody.MarkClicked) -> None:
        body = self.body
        body.set_marks(body.marks, event.index, highlight_all=body.highlight_all)
        self.update_status()

    @on(OutlineTree.SectionSelected)
    def _section_selected(self, event: OutlineTree.SectionSelected) -> None:
        report = self.reports[event.report]
        section = find_section(report, event.section)
        if section is not None:
            self.open_section(report, section)
            if self.has_class("-narrow"):
                self.body.focus()

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

    def action_next_section(self) -> None:
        self.step_section(+1)

    def action_previous_section(self) -> None:
        self.step_section(-1)

    def action_back(self) -> None:
        while self.history:
            report_id, section_id = self.history.pop()
            report = self.reports.get(report_id)
            section = find_section(report, section_id) if report else None
            if report is not None and section is not None:
                self.open_section(report, section, remember=False)
                return
        self.notify("No earlier section to go back to.", severity="warning", timeout=2)

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

        self.app.push_screen(FigureScreen(list(self.reports.values())), chosen)

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
        from tui.screens.copy_menu import CopyMenu

        if self.section is None:
            return
        report, section = self.report, self.section

        def chosen(choice: tuple[str, bool] | None) -> None:
            if choice is not None:
                self.app.copy_section(report, section, choice[0], save=choice[1])

        self.app.push_screen(CopyMenu(section.id), chosen)

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
