"""The library screen: every open report in a table (the start screen when several are
open), and the moves between reports that the app's keys make.

``L`` (from anywhere) comes back here; ``enter`` opens the report under the cursor where
it was last read (else at its first section); ``{`` / ``}`` open the previous / next report
in the order the library shows them; ``!`` lists the files skipped when the folders were
opened, one reason each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static

from tui.cjk_wrap import display_text
from tui.model import Report
from tui.report_parts import find_section
from tui.widgets.clean_input import CleanInput
from tui.widgets.fitting_footer import FittingFooter
from tui.widgets.library_table import LibraryTable
from tui.widgets.too_small import TooSmall

if TYPE_CHECKING:
    from tui.app import ReportApp
    from tui.report_set import ReportSet

LIBRARY = "library"  # the name the screen is installed under (it keeps its sort and filter)


class LibraryScreen(Screen[None]):
    """The open reports: sort, filter, open one."""

    app: ReportApp
    #: The table, not the filter above it, from the start: keys typed while the app starts
    #: (j, k, a number to sort) move in the table instead of landing in the filter.
    AUTO_FOCUS = "#library"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Reading pane", show=True, tooltip="Back to the report being read"),
        Binding("slash", "focus_filter", "Filter", show=True),
        Binding("exclamation_mark", "skipped", "Skipped files", show=True,
                tooltip="The files left out when the folders were opened, and why"),
        Binding("down", "focus_table", "Into the table", show=False),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | / | Filter: words (place, year, kind, title, issuer, pinyin of the place) and year:2018, @温州, kind:公报. |
    | down (in the filter) | Into the table. |
    | ! | The files skipped when the folders were opened, one reason each. |
    | escape | Back to the report being read. |
    """

    def __init__(self, reports: ReportSet, skipped: list | None = None) -> None:
        super().__init__()
        self.reports = reports
        self.skipped = list(skipped or ())

    def compose(self) -> ComposeResult:
        yield Static("", id="library-title", markup=False)
        yield CleanInput(placeholder="/ filter: 温州 · 2018 · 政府工作报告 · year:2018 · @四川 · kind:公报",
                         id="library-filter")
        yield LibraryTable(self.reports, corner_quotes=self.app.corner_quotes, id="library")
        yield TooSmall()
        yield FittingFooter()

    def on_mount(self) -> None:
        self.table.focus()
        self.update_title()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "skipped":  # ! (and its footer entry) only when something was skipped
            return bool(self.skipped)
        return True

    def on_screen_resume(self) -> None:
        main = self.app.main
        self.table.move_to(main.report.id)  # the report being read under the cursor
        self.table.focus()

    @property
    def table(self) -> LibraryTable:
        return self.query_one(LibraryTable)

    def update_title(self) -> None:
        shown, total = len(self.table.shown), len(self.table.all_rows)
        count = f"{shown} of {total}" if shown != total else f"{total}"
        skipped = f" · ! {len(self.skipped)} skipped" if self.skipped else ""
        self.query_one("#library-title", Static).update(
            f"书架 Library · {count} reports{skipped}    1–7 sort · enter open · / filter · {{ }} previous/next report")

    def order(self) -> list[str]:
        """Report ids in the order shown (sorted; filtered, when the filter leaves any)."""
        return [row.id for row in (self.table.shown or self.table.sorted_rows(self.table.all_rows))]

    @on(Input.Changed, "#library-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.table.set_filter(event.value)
        self.update_title()

    @on(Input.Submitted, "#library-filter")
    def _filter_done(self) -> None:
        self.table.focus()

    @on(LibraryTable.ReportChosen)
    def _chosen(self, event: LibraryTable.ReportChosen) -> None:
        open_report(self.app, event.report_id)

    def action_close(self) -> None:
        self.app.pop_screen()

    def action_focus_table(self) -> None:
        self.table.focus()

    def action_focus_filter(self) -> None:
        self.query_one("#library-filter", Input).focus()

    def action_skipped(self) -> None:
        self.app.push_screen(SkippedScreen(self.skipped))


class SkippedScreen(ModalScreen[None]):
    """The files skipped when the folders were opened: path and reason, one a line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,exclamation_mark", "close", "Close", show=True),
        Binding("j,down", "scroll('down')", "Scroll down", show=False),
        Binding("k,up", "scroll('up')", "Scroll up", show=False),
    ]

    def __init__(self, skipped: list) -> None:
        super().__init__()
        self.skipped = skipped

    def compose(self) -> ComposeResult:
        with Vertical(id="skipped"):
            n = len(self.skipped)
            yield Static(Content.styled(f"{n} file{'s' if n != 1 else ''} skipped when the folders were opened",
                                        "bold"), id="skipped-title")
            with VerticalScroll(id="skipped-list"):
                for item in self.skipped:  # report paths and reasons are data: Content, never markup
                    yield Static(Content.assemble((display_text(str(item.path)), "bold"), "\n  ",
                                                  display_text(str(item.reason))), classes="skipped-item")

    def on_mount(self) -> None:
        self.query_one("#skipped-list").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, direction: str) -> None:
        scroll = self.query_one("#skipped-list", VerticalScroll)
        (scroll.scroll_down if direction == "down" else scroll.scroll_up)(animate=False)


# ---- what the app's keys do (tui.app: L, {, }) -----------------------------------------------
def library_screen(app: ReportApp) -> LibraryScreen:
    """The one library screen (installed: it keeps its sort, filter and cursor)."""
    if not app.is_screen_installed(LIBRARY):
        app.install_screen(LibraryScreen(app.reports, getattr(app, "skipped", None)), LIBRARY)
    return app.get_screen(LIBRARY)  # type: ignore[return-value]


def show_library(app: ReportApp) -> None:
    """``L``: to the library from anywhere; on it, back to the reading pane."""
    screen = library_screen(app)
    if app.screen is screen:
        app.pop_screen()
        return
    app._to_main()
    app.push_screen(screen)


def start_section(app: ReportApp, report: Report):
    """Where to open a report: where it was last read, else its first section."""
    place = app.state.places.get(report.id)
    section = find_section(report, place.section) if place is not None else None
    if section is None:
        section = next(iter(report.sections()), None)
    return section


def open_report(app: ReportApp, report_id: str) -> None:
    report = app.reports.get(report_id)  # (None: it cannot be read now; the app said why)
    if report is None:
        return
    section = start_section(app, report)
    if section is None:
        app.notify("The report has no sections to show.", severity="warning", timeout=3)
        return
    app.open_location(report.id, section.id)


def step_report(app: ReportApp, delta: int) -> None:
    """``{`` / ``}``: the previous / next report, in the library's order (sorted, filtered)."""
    if len(app.reports) < 2:
        app.notify("Only one report is open.", severity="warning", timeout=2)
        return
    screen = app.get_screen(LIBRARY) if app.is_screen_installed(LIBRARY) else None
    order = screen.order() if isinstance(screen, LibraryScreen) and screen.is_mounted else app.reports.ids
    here = app.main.report.id
    if here not in order:
        order = app.reports.ids
    target = order.index(here) + delta
    if not 0 <= target < len(order):
        app.notify("Already at the last report." if delta > 0 else "Already at the first report.",
                   severity="warning", timeout=2)
        return
    open_report(app, order[target])
