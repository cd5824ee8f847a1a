"""The ? screen: every key, read from the binding tables themselves, and how things work."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.cjk_wrap import display_text


if TYPE_CHECKING:
    from tui.app import ReportApp

KEY_COLUMN = 16

NOTES = (
    ("Start",
     "report-explorer [REPORT …] opens the bundled report, or the given .json reports (a .txt "
     "is read and structured on the fly). --section 6.1 opens at a section, --search 纠错率 "
     "starts with a search. The outline (left) lists chapters and sections with their number of "
     "figures; the reading pane (right) shows the section with its figures highlighted, its "
     "measures underlined, and the figures and measures listed below the text."),
    ("Search",
     "Type Chinese (纠错率), pinyin (jiucuolv), pinyin initials (jcl) or a number (17.3). "
     "Hits are grouped by chapter, each with its kind (数字 figure, 举措 measure, 小节 section, "
     "章 chapter, 正文 text), section and text; enter opens the section with the match highlighted, and "
     "n / N step through the matches in the text (3/7 at the top right). With no search, "
     "n / N step through the section's figures. ctrl+p offers the same search. With several "
     "reports open, hits are grouped by report (place, year, kind) and year:2018, place:温州 "
     "(or @温州) and kind:统计公报 keep the hits of the reports that match; when the list is "
     "cut off, its last line and bottom border say how many more hits there are, in how many reports."),
    ("Library",
     "With several reports open (report-explorer DIR), the app starts on the library: one row per "
     "report with its place, year, kind, title, issuer, chapters and figures; 1–7 sort, / filters "
     "(words and year: @place kind:), enter opens. L comes back from anywhere, r is a quick fuzzy "
     "switcher, { and } open the previous and next report in the library's order, and ! on the "
     "library lists the files skipped when the folders were opened. x on a figure (in the text, "
     "a search hit, the figure table) shows the same indicator in every other open report, by "
     "year with bars: same label, a synonym of the search's word list, or the same cell of the "
     "standard 政府信息公开年报 tables, and the same kind of unit; v / m copy it with citations."),
    ("Copy out",
     "c copies the section as plain text with a citation line (title, issuer, date, section); "
     "C offers Markdown and JSON, and saving to a file. y copies one figure with its sentence "
     "and citation. Copies go out through OSC 52; as many terminals refuse it or cut it short, "
     "a copy over 4 KB is also saved to a file, and e always saves one. The notification says "
     "what happened, how many characters, and where the file is."),
    ("Tables, parts and notes",
     "Tables are drawn as grids (numbers right-aligned, merged header cells spanning their "
     "columns); a table wider than the pane scrolls sideways with left / right (h / l), its "
     "first column staying in place, and a figure in a cell lights up the whole cell. C then "
     "p / v copies the table as Markdown / CSV (P / V save it; ← → in the menu pick another "
     "table of the section). The outline lists the parts after the chapters — 附件, 名词解释 "
     "with its terms, 注释 with its notes, 资料来源 — and the number left of each line is its "
     "count of figures (# = figures). i shows the notes a section's markers ([1] …) refer to."),
    ("Display",
     "t switches between a dark and a light theme (ctrl+p → Change theme offers them all). "
     "\" draws “” as 「」 for terminals that show ambiguous-width quotes as wide characters. "
     "Below 90 columns the outline becomes a drawer (o); below 24 rows the search box takes "
     "one row; below 60×15 the app asks for a larger window. Notifications show top right, "
     "over the header and the search box, for 3 s (warnings 6 s; a click closes one)."),
)


def binding_rows(app: ReportApp, bindings: list[BindingType]) -> list[tuple[str, str]]:
    """(keys, description) per action, in table order; keys of one action joined by /.

    The description is the binding's own, with its tooltip (the longer explanation) after it.
    A screen's copy of an app key (``app.help``, there to order the footer) is left out.
    """
    rows: dict[str, tuple[list[str], str]] = {}
    for binding in Binding.make_bindings(bindings):
        if not binding.description or binding.action.startswith("app."):
            continue
        text = f"{binding.description} — {binding.tooltip}" if binding.tooltip else binding.description
        keys, _ = rows.setdefault(binding.action, ([], text))
        display = app.get_key_display(binding)
        if display not in keys:
            keys.append(display)
    return [(" / ".join(keys), description) for keys, description in rows.values()]


def key_table(rows: list[tuple[str, str]]) -> Table:
    """Keys and what they do; long descriptions wrap under their own column."""
    table = Table.grid(padding=(0, 2))
    table.add_column(width=KEY_COLUMN, no_wrap=True)
    table.add_column(ratio=1)
    for keys, description in rows:
        table.add_row(Text(keys, style="bold"), Text(description))
    return table


class HelpScreen(ModalScreen[None]):
    """All keys by context; escape, q or ? closes."""

    app: ReportApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close help", show=True),
        Binding("j,down", "scroll('down')", "Scroll down", show=False),
        Binding("k,up", "scroll('up')", "Scroll up", show=False),
        Binding("g,home", "scroll('home')", "Top", show=False),
        Binding("G,end", "scroll('end')", "Bottom", show=False),
        Binding("space,pagedown", "scroll('page_down')", "Page down", show=False),
        Binding("b,pageup", "scroll('page_up')", "Page up", show=False),
    ]

    def compose(self) -> ComposeResult:
        from tui.screens.compare import CompareScreen
        from tui.screens.copy_menu import CopyMenu
        from tui.screens.figures import FigureScreen
        from tui.screens.library import LibraryScreen
        from tui.screens.main import MainScreen
        from tui.screens.report_picker import ReportPicker
        from tui.widgets.figure_table import FigureTable
        from tui.widgets.library_table import LibraryTable
        from tui.widgets.outline_tree import OutlineTree
        from tui.widgets.search_box import SearchBox
        from tui.widgets.search_results import SearchResults
        from tui.widgets.section_body import SectionBody

        app = self.app
        everywhere = binding_rows(app, app.BINDINGS) + [
            ("ctrl+p", "Command palette: every action, and search"),
            ("tab / shift+tab", "Move the focus between the outline and the reading pane (/ goes to the search)"),
        ]
        groups = [
            ("Everywhere", everywhere),
            ("Main screen", binding_rows(app, MainScreen.BINDINGS)),
            ("Outline (left)", binding_rows(app, OutlineTree.BINDINGS)),
            ("Reading pane", [("up / down", "Scroll a line"), ("pageup / pagedown", "Scroll a page"),
                              ("home / end", "Top / bottom"), ("left / right", "Scroll a wide table sideways")]
             + binding_rows(app, SectionBody.BINDINGS)),
            ("Search box", binding_rows(app, SearchBox.BINDINGS)),
            ("Search results", binding_rows(app, SearchResults.BINDINGS)),
            ("Figure table (f)", binding_rows(app, FigureScreen.BINDINGS) + binding_rows(app, FigureTable.BINDINGS)),
            ("Across reports (x, on a figure)", [("enter", "Go to the row's figure in its report")]
             + binding_rows(app, CompareScreen.BINDINGS)),
            ("Copy menu (C)", binding_rows(app, CopyMenu.BINDINGS)),
            ("Library (L)", binding_rows(app, LibraryScreen.BINDINGS) + binding_rows(app, LibraryTable.BINDINGS)),
            ("Report picker (r)", [("(type)", "Filter: place, year, kind, title, pinyin of the place; year: @place kind:"),
                                   ("enter", "Switch to the report")] + binding_rows(app, ReportPicker.BINDINGS)),
            ("This help (?)", binding_rows(app, type(self).BINDINGS)),
        ]
        with VerticalScroll(id="help"):
            yield Static(Content.styled("report-explorer — keys", "bold"), id="help-title")
            for title, rows in groups:
                yield Static(Content.styled(title, "bold $text-accent"), classes="help-group")
                yield Static(key_table(rows), classes="help-keys")
            notes = [*NOTES, ("Files", f"e and long copies save into {display_text(str(app.export_dir))} "
                                       "(set REPORT_EXPLORER_EXPORT_DIR to choose another folder).")]
            for title, text in notes:
                yield Static(Content.assemble((title, "bold $text-accent"), "\n", text), classes="help-note")

    def on_mount(self) -> None:
        self.query_one("#help").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, direction: str) -> None:
        scroll = self.query_one("#help", VerticalScroll)
        move = {"down": scroll.scroll_down, "up": scroll.scroll_up, "home": scroll.scroll_home,
                "end": scroll.scroll_end, "page_down": scroll.scroll_page_down, "page_up": scroll.scroll_page_up}
        move[direction](animate=False)
