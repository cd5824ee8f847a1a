"""The figure table: every figure, sortable by column and filtered as you type."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input, Static

from tui.cjk_wrap import display_text
from tui.export import figures_csv, figures_markdown
from tui.export_files import export_name
from tui.model import Figure, Report
from tui.state import State
from tui.widgets.clean_input import CleanInput
from tui.widgets.figure_table import FigureTable
from tui.widgets.fitting_footer import FittingFooter
from tui.widgets.too_small import TooSmall

if TYPE_CHECKING:
    from tui.app import ReportApp


class FigureScreen(Screen[tuple[Report, Figure] | None]):
    """Dismissed with the chosen ``(report, figure)``, or ``None`` on escape."""

    app: ReportApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", show=True),
        Binding("slash", "focus_filter", "Filter", show=True),
        Binding("y", "copy_figure", "Copy figure", show=True),
        Binding("x", "compare", "Across reports", show=False, tooltip="This figure in every other open report, by year"),
        Binding("e", "export('csv')", "Save CSV", show=True, tooltip="The table as shown (filtered, sorted)"),
        Binding("E", "export('md')", "Save Markdown", show=False, tooltip="The table as shown, as a Markdown table"),
        Binding("f", "close", "Close", show=False),
        Binding("down", "focus_table", "Into the table", show=False),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | / | Filter: words matched against section, label, value, unit, qualifier, kind, role (change, from, to). |
    | down (in the filter) | Into the table. |
    | y | Copy the figure under the cursor with its citation. |
    | x | The figure under the cursor across the open reports (by year, with bars; copy as CSV / Markdown). |
    | e / E | Save the table as shown (filtered and sorted) as CSV / Markdown. |
    | escape / f | Back to the reading pane. |
    """

    def __init__(self, reports: list[Report], state: State | None = None, *, of_library: str | None = None) -> None:
        super().__init__()
        self.reports = reports
        self.state = state  # the sort and the filter are remembered there
        #: the table is one report of a large library: its label and how many are open
        self.of_library = of_library

    def compose(self) -> ComposeResult:
        yield Static("", id="figures-title", markup=False)
        yield CleanInput(placeholder="/ filter: 率 · percent · 6.1 · 万", id="filter")
        yield FigureTable(self.reports, corner_quotes=self.app.corner_quotes, id="figures")
        yield TooSmall()
        yield FittingFooter()

    def on_mount(self) -> None:
        state = self.state
        if state is not None:
            if state.figure_sort:
                self.table.set_sort(state.figure_sort, state.figure_reverse)
            if state.figure_filter:
                self.table.filter_text = state.figure_filter
                with self.prevent(Input.Changed):
                    self.query_one("#filter", Input).value = state.figure_filter
            self.table.refill()
        self.table.focus()
        self.update_title()

    def remember(self) -> None:
        """The sort and the filter, for the next time (and the next run)."""
        if self.state is not None:
            table = self.table
            self.state.figure_sort, self.state.figure_reverse = table.sort_column, table.sort_reverse
            self.state.figure_filter = table.filter_text

    @property
    def table(self) -> FigureTable:
        return self.query_one(FigureTable)

    def update_title(self) -> None:
        table = self.table
        shown, total = len(table.shown), len(table.all_rows)
        count = f"{shown} of {total}" if shown != total else f"{total}"
        where = f" · {display_text(self.of_library, self.app.corner_quotes)}" if self.of_library else ""
        self.query_one("#figures-title", Static).update(
            f"数字 Figures · {count}{where}    1–6 sort by column · enter go to the figure · / filter")

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        self.table.set_filter(event.value)
        self.update_title()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.table.focus()

    @on(FigureTable.FigureChosen)
    def _chosen(self, event: FigureTable.FigureChosen) -> None:
        self.remember()
        self.dismiss((event.report, event.figure))

    def action_close(self) -> None:
        self.remember()
        self.dismiss(None)

    def action_focus_table(self) -> None:
        self.table.focus()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_export(self, fmt: str) -> None:
        """Save the rows shown, in their order, to the export folder."""
        figures = [row.figure for row in self.table.shown]
        if not figures:
            self.notify("No figure to save: the filter matches none.", severity="warning")
            return
        text = figures_csv(figures) if fmt == "csv" else figures_markdown(figures)
        report_id = self.reports[0].id if len(self.reports) == 1 else "reports"
        self.app.deliver(text, what=f"{len(figures)} figures as {'CSV' if fmt == 'csv' else 'Markdown'}",
                         filename=export_name(report_id, f"figures.{fmt}"), save=True)

    def action_copy_figure(self) -> None:
        row = self.table.current_row
        if row is None:
            self.notify("No figure under the cursor.", severity="warning")
            return
        self.app.copy_figure(row.report, row.figure)

    def action_compare(self) -> None:
        from tui.screens.compare import compare_figure

        row = self.table.current_row
        if row is None:
            self.notify("No figure under the cursor.", severity="warning")
            return
        compare_figure(self.app, row.report, row.figure)
