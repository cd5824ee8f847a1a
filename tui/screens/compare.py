"""This figure in other reports: the same indicator in every open report, by year.

``x`` on a figure (the one under the cursor in the reading pane, the highlighted search
hit, a row of the figure table) opens it.  The matching is :func:`tui.library.compare.compare`
(pure; run in a thread, as a library may be large): one row per report that has the
indicator — place, year, the value as written, the value with 万/亿 applied and its unit,
the sentence (a table cell: its row · column) and the rule that matched — sorted by year,
with a bar per row (:class:`tui.widgets.year_bars.YearBars`) above, and below the reports
that have none.  ``v`` / ``m`` copy it as CSV / Markdown with a citation per row (``V`` /
``M`` save it) through the app's one copy path (``ReportApp.deliver``); ``enter`` goes to a
row's figure in its report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tui.cjk_wrap import display_text
from tui.export_files import export_name
from tui.library.compare import Comparison, Match, compare, comparison_csv, comparison_markdown, number_text
from tui.model import Figure, Report
from tui.search.filters import labels_for
from tui.widgets.fitting_footer import FittingFooter
from tui.widgets.too_small import TooSmall
from tui.widgets.year_bars import Bar, YearBars

if TYPE_CHECKING:
    from tui.app import ReportApp
    from tui.report_set import ReportSet

#: Longest sentence shown in the table, in cells (the copy has it whole).
SENTENCE_WIDTH = 60
#: The title counts the reports read every this many (a large library takes seconds).
PROGRESS_EVERY = 50
#: How each rule of tui.library.compare is shown in the Match column.
RULE_NAMES = {"this": "this figure", "template": "same cell", "label": "same label", "synonym": "synonym",
              "contains": "ends with"}
COLUMNS = ("Place", "Year", "Value", "Normalised", "Sentence / cell", "Match")


def excerpt(sentence: str, raw: str, width: int) -> str:
    """The sentence, or — when the figure would fall past ``width`` cells — ``…`` and the
    sentence from the clause holding the figure (the copy keeps the whole sentence)."""
    at = sentence.find(raw)
    if at < 0 or cell_len(sentence[:at + len(raw)]) <= width - 2:
        return sentence
    start = max(sentence.rfind(mark, 0, at) for mark in "，；。、,;") + 1
    return "…" + sentence[start:] if start > 0 else sentence


def compare_figure(app: ReportApp, report: Report, figure: Figure) -> None:
    """Open the comparison of ``figure``; enter on a row goes to that figure in its report."""

    def chosen(choice: tuple[Report, Figure] | None) -> None:
        if choice is None:
            return
        whole = app.reports.get(choice[0].id)  # (a row keeps only what its citation needs)
        if whole is None:
            return
        while len(app.screen_stack) > 1:  # (the figure table under it: remembered, then closed)
            remember = getattr(app.screen, "remember", None)
            if callable(remember):
                remember()
            app.pop_screen()
        app.main.go_to_figure(whole, choice[1])

    if len(app.reports) < 2:
        app.notify("Only one report is open: x compares a figure across reports (open a folder of them).",
                   severity="warning", markup=False)
        return
    if figure.kind in ("date", "year"):
        app.notify("A date is not compared across reports: choose an amount (n / N step through the figures).",
                   severity="warning", markup=False)
        return
    app.push_screen(CompareScreen(report, figure, app.reports), chosen)


class CompareScreen(Screen[tuple[Report, Figure] | None]):
    """Dismissed with the ``(report, figure)`` of the row chosen, or ``None``."""

    app: ReportApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,x", "close", "Close", show=True),
        Binding("v", "copy('csv')", "Copy CSV", show=True, tooltip="Every row with its citation, as CSV"),
        Binding("m", "copy('md')", "Copy Markdown", show=True, tooltip="A Markdown table, a citation per row"),
        Binding("V", "copy('csv', True)", "Save CSV", show=False),
        Binding("M", "copy('md', True)", "Save Markdown", show=False),
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | v / m | Copy the comparison as CSV / Markdown, a citation for each row. |
    | V / M | Save it as CSV / Markdown. |
    | enter | Go to the row's figure in its report. |
    | j / k | Down / up. |
    | escape / x | Back. |
    """

    def __init__(self, report: Report, figure: Figure, reports: ReportSet) -> None:
        super().__init__()
        self.report = report
        self.figure = figure
        self.reports = reports
        self.comparison: Comparison | None = None
        self.read = 0  # reports read so far (a large library: the title counts them)

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="compare-title")
        with VerticalScroll(id="compare-chart", can_focus=False):  # scrolls when the bars outgrow it
            yield YearBars(corner_quotes=self.app.corner_quotes, id="compare-bars")
        yield DataTable(id="compare-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="compare-missing")
        yield TooSmall()
        yield FittingFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for name in COLUMNS:
            table.add_column(name, key=name)
        table.focus()
        self.run_compare()

    def _show(self, text: str) -> str:
        return display_text(text, self.app.corner_quotes)

    def _title(self) -> Content:
        f = self.figure
        head = Content.assemble(("同一指标 Across reports · ", "bold"), (self._show(f.label), "bold $text-accent"),
                                f" {self._show(f.raw)}")
        if self.comparison is None:
            read = f" ({self.read:,} read)" if self.read else ""
            return Content.assemble(head, (f" · looking in {len(self.reports) - 1:,} other reports{read} …", "$text-muted"))
        others = len(self.reports) - 1
        return Content.assemble(head, (f" · found in {self.comparison.found} of {others} other reports"
                                       " · enter opens a row's figure", "$text-muted"))

    @work(thread=True, exclusive=True, group="compare")
    def run_compare(self) -> None:
        # one report at a time (a large library is held as its catalog: each is loaded for
        # this and dropped unless it has the figure), the title counting them
        def counted():
            for n, report in enumerate(self.reports.each(), start=1):
                if n % PROGRESS_EVERY == 0:
                    self.app.call_from_thread(self._progress, n)
                yield report

        found = compare(self.report, self.figure, counted())
        self.app.call_from_thread(self.show_comparison, found)

    def _progress(self, read: int) -> None:
        if self.comparison is None:
            self.read = read
            self.query_one("#compare-title", Static).update(self._title())

    def show_comparison(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.query_one("#compare-title", Static).update(self._title())
        self.query_one(YearBars).set_bars([Bar(self._row_label(m), m.normalised, m.figure.raw, m.how == "this")
                                           for m in comparison.rows])
        table = self.query_one(DataTable)
        table.clear()
        for n, match in enumerate(comparison.rows):
            table.add_row(*self.cells(match), key=str(n))
        at = next(i for i, m in enumerate(comparison.rows) if m.how == "this")
        table.move_cursor(row=at, animate=False)
        missing = self.query_one("#compare-missing", Static)
        if comparison.missing:
            labels = labels_for(comparison.missing)
            names = " · ".join(self._show(labels[r.id]) for r in comparison.missing)
            count = len(comparison.missing)
            missing.update(Content.assemble((f"Not found in {count} report{'s' if count != 1 else ''}: ", "bold"),
                                            names))
        else:
            missing.update(Content("Found in every open report."))

    def _row_label(self, match: Match) -> str:
        return " ".join(p for p in (str(match.year) if match.year else "", match.place or match.report.id) if p)

    def cells(self, match: Match) -> list[Text]:
        where = Text(self._show(excerpt(match.where, match.figure.raw, SENTENCE_WIDTH)).replace("\n", " "))
        where.truncate(SENTENCE_WIDTH, overflow="ellipsis")
        normalised = f"{number_text(match.normalised)} {match.unit}".strip()
        style = "bold" if match.how == "this" else ""
        return [Text(self._show(match.place or match.report.id), style=style), Text(str(match.year or "—")),
                Text(self._show(match.figure.raw), justify="right"), Text(self._show(normalised), justify="right"),
                where, Text(RULE_NAMES.get(match.how, match.how))]

    @property
    def current(self) -> Match | None:
        if self.comparison is None:
            return None
        row = self.query_one(DataTable).cursor_row
        return self.comparison.rows[row] if 0 <= row < len(self.comparison.rows) else None

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        match = self.current
        if match is not None:
            self.dismiss((match.report, match.figure))

    def action_move(self, delta: int) -> None:
        table = self.query_one(DataTable)
        table.action_cursor_down() if delta > 0 else table.action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_copy(self, fmt: str, save: bool = False) -> None:
        comparison = self.comparison
        if comparison is None:
            self.notify("Still looking in the other reports …", severity="warning", markup=False)
            return
        cite = self.app.citation
        text = comparison_csv(comparison, cite) if fmt == "csv" else comparison_markdown(comparison, cite)
        rows = len(comparison.rows)
        self.app.deliver(text, what=f"{rows} row{'s' if rows != 1 else ''} of “{self.figure.label}” as "
                                    f"{'CSV' if fmt == 'csv' else 'Markdown'}",
                         filename=export_name(self.report.id, f"{self.figure.id}-compare.{fmt}"), save=save,
                         save_key="V" if fmt == "csv" else "M")
