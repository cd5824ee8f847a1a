"""The figure table: every figure, sortable by column and filtered as you type."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from tui.model import Figure, Report
from tui.widgets.clean_input import CleanInput
from tui.widgets.figure_table import FigureTable
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
        Binding("f", "close", "Close", show=False),
        Binding("down", "focus_table", "Into the table", show=False),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | / | Filter: words matched against section, label, value, unit, qualifier, kind, role (change, from, to). |
    | down (in the filter) | Into the table. |
    | y | Copy the figure under the cursor with its citation. |
    | escape / f | Back to the reading pane. |
    """

    def __init__(self, reports: list[Report]) -> None:
        super().__init__()
        self.reports = reports

    def compose(self) -> ComposeResult:
        yield Static("", id="figures-title", markup=False)
        yield CleanInput(placeholder="/ filter: 率 · percent · 6.1 · 万", id="filter")
        yield FigureTable(self.reports, corner_quotes=self.app.corner_quotes, id="figures")
        yield TooSmall()
        yield Footer()

    def on_mount(self) -> None:
        self.table.focus()
        self.update_title()

    @property
    def table(self) -> FigureTable:
        return self.query_one(FigureTable)

    def update_title(self) -> None:
        table = self.table
        shown, total = len(table.shown), len(table.all_rows)
        count = f"{shown} of {total}" if shown != total else f"{total}"
        self.query_one("#figures-title", Static).update(
            f"数字 Figures · {count}    1–6 sort by column · enter go to the figure · / filter")

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        self.table.set_filter(event.value)
        self.update_title()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.table.focus()

    @on(FigureTable.FigureChosen)
    def _chosen(self, event: FigureTable.FigureChosen) -> None:
        self.dismiss((event.report, event.figure))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_focus_table(self) -> None:
        self.table.focus()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_copy_figure(self) -> None:
        row = self.table.current_row
        if row is None:
            self.notify("No figure under the cursor.", severity="warning")
            return
        self.app.copy_figure(row.report, row.figure)
