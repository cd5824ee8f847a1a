"""One row per open report — place, year, kind, title, issuer, chapters, figures — sortable
by column and filtered as you type (like the figure table)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from tui.cjk_wrap import display_text
from tui.search.filters import Facts, facts_for, passes
from tui.search.text import fold, parse_query
from tui.widgets.rows_table import RowsTable

if TYPE_CHECKING:
    from tui.library import Entry
    from tui.report_set import ReportSet

#: Longest title and issuer shown, in cells (longer ones end in …).
TITLE_WIDTH = 44
ISSUER_WIDTH = 18

#: (key, label) of each column; the number keys 1–7 sort by them.
COLUMNS = (
    ("place", "Place"),
    ("year", "Year"),
    ("kind", "Kind"),
    ("title", "Title"),
    ("issuer", "Issuer"),
    ("chapters", "Chapters"),
    ("figures", "Figures"),
)
NUMERIC = ("year", "chapters", "figures")
#: Rows added at once when the table is filled, then at a time between other events.
FIRST_ROWS, MORE_ROWS = 100, 50


@dataclass(frozen=True)
class Row:
    id: str  # the report's
    facts: Facts
    chapters: int
    figures: int
    order: int  # place in the library as opened

    def key(self, column: str) -> object:
        if column in NUMERIC:
            return getattr(self.facts, column) if column == "year" else getattr(self, column)
        return getattr(self.facts, column) or ""

    @property
    def haystack(self) -> str:
        f = self.facts
        return fold(" ".join(str(p) for p in (f.place, f.year, f.kind, f.short_kind, f.title, f.issuer,
                                               f.id, *f.spellings) if p))


def rows_of(entries: list[Entry]) -> list[Row]:
    """The rows of the reports' catalog rows (no report is loaded for them)."""
    return [Row(e.id, facts_for(e), e.chapters, e.figures, n) for n, e in enumerate(entries)]


def row_matches(row: Row, text: str) -> bool:
    """Words (all must be in place, year, kind, title, issuer, id or the place's pinyin) and
    the search's report filters (``year:2018``, ``@温州``, ``kind:公报``)."""
    parsed = parse_query(text)
    if parsed.filters and not passes(row.facts, parsed.filters):
        return False
    hay = row.haystack
    return all(fold(word) in hay for word in parsed.terms)


class LibraryTable(RowsTable):
    """The open reports; ``set_filter`` narrows, the number keys sort, enter chooses."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open report", show=True),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "scroll_top", "Top", show=False),
        Binding("G", "scroll_bottom", "Bottom", show=False),
        *(Binding(str(n), f"sort({n - 1})", f"Sort by {COLUMNS[n - 1][1].lower()}", show=False)
          for n in range(1, len(COLUMNS) + 1)),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | enter | Open the report (where it was last read, else its first section). |
    | 1 … 7 | Sort by place, year, kind, title, issuer, chapters, figures (again: reverse; unknown years last). |
    | up / k, down / j, home / g, end / G | Move. |
    """

    class ReportChosen(Message):
        def __init__(self, report_id: str) -> None:
            super().__init__()
            self.report_id = report_id

    def __init__(self, reports: ReportSet, *, corner_quotes: bool = False, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.corner_quotes = corner_quotes
        self.all_rows = rows_of(reports.entries())
        self.filter_text = ""
        self.sort_column: str | None = None  # None: the order the reports were opened in
        self.sort_reverse = False
        self.shown: list[Row] = []
        self._fill_version = 0  # (refill: rows added between events)

    def on_mount(self) -> None:
        self.refill()

    def set_filter(self, text: str) -> None:
        self.filter_text = text.strip()
        self.refill(to_top=True)

    def action_sort(self, column: int) -> None:
        """Sort by the column at ``column`` (0-based); again reverses; the cursor goes to the top."""
        key = COLUMNS[column][0]
        self.sort_reverse = not self.sort_reverse if key == self.sort_column else False
        self.sort_column = key
        self.refill(to_top=True)

    @on(DataTable.HeaderSelected)
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.action_sort(next(i for i, (key, _) in enumerate(COLUMNS) if key == event.column_key.value))

    def sorted_rows(self, rows: list[Row]) -> list[Row]:
        column = self.sort_column
        if column is None:
            return sorted(rows, key=lambda r: r.order, reverse=self.sort_reverse)
        known = [r for r in rows if r.key(column) not in (None, "")]
        unknown = [r for r in rows if r.key(column) in (None, "")]  # (no year, no place …): last
        known.sort(key=lambda r: (r.key(column), r.order), reverse=self.sort_reverse)
        return known + unknown

    def refill(self, *, to_top: bool = False) -> None:
        """Sort and filter again.  The first :data:`FIRST_ROWS` rows (and down to the one
        under the cursor) are added now, the rest :data:`MORE_ROWS` at a time between
        other events: a table of 1,000 reports took 0.7 s to fill at once."""
        current = None if to_top else self.current_row
        self.shown = self.sorted_rows([r for r in self.all_rows if row_matches(r, self.filter_text)])
        self._fill_version += 1
        at = self.shown.index(current) if current in self.shown else None
        with self.app.batch_update():
            self.clear(columns=True)
            for key, label in COLUMNS:
                mark = (" ▼" if self.sort_reverse else " ▲") if key == self.sort_column else ""
                self.add_column(Text(label + mark), key=key)
            self.fill_to(max(FIRST_ROWS, (at or 0) + 1))
            if at is not None:
                self.move_cursor(row=at, animate=False)
            else:
                self.move_cursor(row=0, animate=False)
                self.scroll_to(0, 0, animate=False, immediate=True)
        if self.row_count < len(self.shown):
            self.call_after_refresh(self._fill_more, self._fill_version)

    def fill_to(self, count: int) -> None:
        """Rows of ``shown`` added to the table up to ``count``."""
        for row in self.shown[self.row_count:count]:
            self.add_row(*self.cells(row), key=row.id)

    def _fill_more(self, version: int) -> None:
        if version != self._fill_version:  # sorted or filtered again since
            return
        self.fill_to(self.row_count + MORE_ROWS)
        if self.row_count < len(self.shown):  # (after the screen is drawn: the first frame first)
            self.call_after_refresh(self._fill_more, version)

    def action_scroll_bottom(self) -> None:
        self.fill_to(len(self.shown))
        super().action_scroll_bottom()

    def cells(self, row: Row) -> list[Text]:
        f = row.facts

        def show(text: str | None, width: int | None = None) -> Text:
            out = Text(display_text(text or "", self.corner_quotes))
            if width:
                out.truncate(width, overflow="ellipsis")
            return out

        return [show(f.place), Text(str(f.year) if f.year else "", justify="right"), show(f.kind),
                show(f.title, TITLE_WIDTH), show(f.issuer, ISSUER_WIDTH),
                Text(str(row.chapters), justify="right"), Text(str(row.figures), justify="right")]

    def move_to(self, report_id: str) -> None:
        at = next((i for i, r in enumerate(self.shown) if r.id == report_id), None)
        if at is not None:
            self.fill_to(at + 1)
            self.move_cursor(row=at, animate=False)

    def chosen(self, row: Row) -> Message:
        return self.ReportChosen(row.id)
