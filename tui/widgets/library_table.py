"""One row per open report — place, year, kind, title, issuer, chapters, figures — sortable
by column and filtered as you type (like the figure table).

The table draws only the rows on screen (Textual's line API), so that a library of 10,000
reports is one table at once, as cheap to draw as one of ten: a ``DataTable`` must be given
every row, drew the visible ones again after each batch added (70–90 ms at a time while a
1,000-report table filled) and three times before the first frame.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.cjk_wrap import cell_width, display_text
from tui.search.filters import Facts, facts_for, passes
from tui.search.text import fold, parse_query

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
#: The widest each column's cells are drawn, in cells (longer ones end in …); None: no cap.
CAPS = (None, None, None, TITLE_WIDTH, ISSUER_WIDTH, None, None)
#: Cells of padding either side of a cell (as in Textual's DataTable).
PAD = 1


class Row:
    """A report's row: its catalog row (``entry``) and its place in the library as opened
    (``order``).  What the filters match (``facts``, ``haystack``) is made when first asked,
    not for every row before the first frame (10,000 rows: 40 ms)."""

    def __init__(self, entry: Entry, order: int) -> None:
        self.entry = entry
        self.id = entry.id  # the report's
        self.chapters = entry.chapters
        self.figures = entry.figures
        self.order = order

    @cached_property
    def facts(self) -> Facts:
        return facts_for(self.entry)

    def key(self, column: str) -> object:
        if column in NUMERIC:
            return self.entry.year if column == "year" else getattr(self, column)
        return getattr(self.entry, column) or ""  # (the place, kind, title and issuer of its facts)

    @cached_property
    def haystack(self) -> str:
        f = self.facts
        return fold(" ".join(str(p) for p in (f.place, f.year, f.kind, f.short_kind, f.title, f.issuer,
                                               f.id, *f.spellings) if p))


def rows_of(entries: list[Entry]) -> list[Row]:
    """The rows of the reports' catalog rows (no report is loaded for them)."""
    return [Row(e, n) for n, e in enumerate(entries)]


def matching(rows: list[Row], text: str) -> list[Row]:
    """The rows that ``text`` matches: words (all must be in place, year, kind, title, issuer,
    id or the place's pinyin) and the search's report filters (``year:2018``, ``@温州``,
    ``kind:公报``)."""
    parsed = parse_query(text)
    if not parsed.filters and not parsed.terms:
        return list(rows)
    words = [fold(word) for word in parsed.terms]
    return [row for row in rows if (not parsed.filters or passes(row.facts, parsed.filters))
            and all(word in row.haystack for word in words)]


class LibraryTable(ScrollView, can_focus=True):
    """The open reports; ``set_filter`` narrows, the number keys sort, enter chooses.

    A header line (a click on a column's name sorts by it), then one line per report in
    ``shown``; ``cursor_row`` indexes ``shown``.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "library-table--header", "library-table--cursor", "library-table--even-row", "library-table--odd-row",
    }
    DEFAULT_CSS = """
    LibraryTable {
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .library-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .library-table--header { background-tint: $foreground 5%; }
        }
        &:dark > .library-table--even-row { background: $surface-darken-1 40%; }
        & > .library-table--header { text-style: bold; background: $panel; color: $foreground; }
        & > .library-table--even-row { background: $surface-lighten-1 50%; }
        & > .library-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open report", show=True),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,g", "scroll_top", "Top", show=False),
        Binding("end,G", "scroll_bottom", "Bottom", show=False),
        *(Binding(str(n), f"sort({n - 1})", f"Sort by {COLUMNS[n - 1][1].lower()}", show=False)
          for n in range(1, len(COLUMNS) + 1)),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | enter | Open the report (where it was last read, else its first section). |
    | 1 … 7 | Sort by place, year, kind, title, issuer, chapters, figures (again: reverse; unknown years last). |
    | up / k, down / j, page up / down, home / g, end / G | Move. |
    """

    class ReportChosen(Message):
        def __init__(self, report_id: str) -> None:
            super().__init__()
            self.report_id = report_id

    def __init__(self, reports: ReportSet, *, corner_quotes: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.corner_quotes = corner_quotes
        self.all_rows = rows_of(reports.entries())
        self.filter_text = ""
        self.sort_column: str | None = None  # None: the order the reports were opened in
        self.sort_reverse = False
        self.shown: list[Row] = []
        self.cursor_row = 0
        self._cells: dict[str, list[str]] = {}  # report id → its cells as drawn (made when first drawn)
        # over every row, not the filtered: the columns stay put as one types (the name, and
        # the sort mark, may widen one: refill)
        self._content_widths = content_widths(self.all_rows, corner_quotes)
        self.widths = list(self._content_widths)

    def on_mount(self) -> None:
        self.refill()
        self.call_after_refresh(self._read_ahead)

    @work(thread=True, group="library-haystacks")
    def _read_ahead(self) -> None:
        """What the filter matches, made for every row after the first frame, off the UI
        thread: the first letter typed would otherwise make them all (0.2 s at 10,000)."""
        for row in self.all_rows:
            _ = row.haystack

    # ---- what is shown ------------------------------------------------------------------
    @property
    def row_count(self) -> int:
        return len(self.shown)

    @property
    def current_row(self) -> Row | None:
        return self.shown[self.cursor_row] if 0 <= self.cursor_row < len(self.shown) else None

    def get_row_at(self, index: int) -> list[str]:
        """The cells of the ``index``-th row shown, as drawn (long ones end in …)."""
        return self.cells(self.shown[index])

    def cells(self, row: Row) -> list[str]:
        """A row's cells as drawn: safe to draw (``display_text``), long ones cut to … ."""
        found = self._cells.get(row.id)
        if found is None:
            found = [_show(value, self.corner_quotes, cap) for value, cap in zip(values(row), CAPS)]
            self._cells[row.id] = found
        return found

    def labels(self) -> list[str]:
        """The columns' names, the sorted one marked ▲ (▼: reversed)."""
        mark = " ▼" if self.sort_reverse else " ▲"
        return [label + (mark if key == self.sort_column else "") for key, label in COLUMNS]

    def set_filter(self, text: str) -> None:
        self.filter_text = text.strip()
        self.refill(to_top=True)

    def action_sort(self, column: int) -> None:
        """Sort by the column at ``column`` (0-based); again reverses; the cursor goes to the top."""
        key = COLUMNS[column][0]
        self.sort_reverse = not self.sort_reverse if key == self.sort_column else False
        self.sort_column = key
        self.refill(to_top=True)

    def sorted_rows(self, rows: list[Row]) -> list[Row]:
        column = self.sort_column
        if column is None:
            return sorted(rows, key=lambda r: r.order, reverse=self.sort_reverse)
        known = [r for r in rows if r.key(column) not in (None, "")]
        unknown = [r for r in rows if r.key(column) in (None, "")]  # (no year, no place …): last
        known.sort(key=lambda r: (r.key(column), r.order), reverse=self.sort_reverse)
        return known + unknown

    def refill(self, *, to_top: bool = False) -> None:
        """Sort and filter again; the cursor stays on its report (``to_top``: the first)."""
        current = None if to_top else self.current_row
        self.shown = self.sorted_rows(matching(self.all_rows, self.filter_text))
        at = self.shown.index(current) if current in self.shown else 0
        self.widths = [max(w, cell_width(label)) for w, label in zip(self._content_widths, self.labels())]
        self.virtual_size = Size(sum(self.widths) + 2 * PAD * len(COLUMNS), len(self.shown) + 1)
        self.move_cursor(row=at)
        if at == 0:
            self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def move_to(self, report_id: str) -> None:
        at = next((i for i, r in enumerate(self.shown) if r.id == report_id), None)
        if at is not None:
            self.move_cursor(row=at)

    def move_cursor(self, *, row: int, animate: bool = False) -> None:
        """The cursor to ``row`` (clamped), scrolled into view."""
        self.cursor_row = max(0, min(row, len(self.shown) - 1))
        rows_seen = max(1, self.scrollable_content_region.height - 1)  # (under the header)
        top = round(self.scroll_y)
        if self.cursor_row < top:
            top = self.cursor_row
        elif self.cursor_row >= top + rows_seen:
            top = self.cursor_row - rows_seen + 1
        if top != round(self.scroll_y):
            self.scroll_to(y=top, animate=animate, immediate=True)
        self.refresh()

    # ---- keys and the mouse ---------------------------------------------------------------
    def action_cursor_up(self) -> None:
        self.move_cursor(row=self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self.cursor_row + 1)

    def action_page_up(self) -> None:
        self.move_cursor(row=self.cursor_row - max(1, self.scrollable_content_region.height - 1))

    def action_page_down(self) -> None:
        self.move_cursor(row=self.cursor_row + max(1, self.scrollable_content_region.height - 1))

    def action_scroll_top(self) -> None:
        self.move_cursor(row=0)

    def action_scroll_bottom(self) -> None:
        self.move_cursor(row=len(self.shown) - 1)

    def action_select_cursor(self) -> None:
        row = self.current_row
        if row is not None:
            self.post_message(self.ReportChosen(row.id))

    def on_click(self, event: events.Click) -> None:
        """On the header: sort by that column; on a row: the cursor there, and a click on the
        row under the cursor (or a double click) opens it."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        event.stop()
        x = offset.x + round(self.scroll_x)
        if offset.y == 0:
            edge = 0
            for column, width in enumerate(self.widths):
                edge += width + 2 * PAD
                if x < edge:
                    self.action_sort(column)
                    return
            return
        row = round(self.scroll_y) + offset.y - 1
        if not 0 <= row < len(self.shown):
            return
        if row == self.cursor_row or event.chain > 1:
            self.move_cursor(row=row)
            self.action_select_cursor()
        else:
            self.move_cursor(row=row)

    # ---- drawing --------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        scroll_x = round(self.scroll_x)
        if y == 0:
            strip = self._line(self.labels(), self.get_component_rich_style("library-table--header"), header=True)
        else:
            index = round(self.scroll_y) + y - 1
            if not 0 <= index < len(self.shown):
                return Strip.blank(width, self.rich_style)
            if index == self.cursor_row:
                style = self.get_component_rich_style("library-table--cursor")
            else:
                style = self.get_component_rich_style(
                    "library-table--odd-row" if index % 2 else "library-table--even-row")
            strip = self._line(self.cells(self.shown[index]), style)
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style)

    def _line(self, cells: list[str], style: Style, *, header: bool = False) -> Strip:
        base = self.rich_style + style
        segments = []
        for (key, _), text, width in zip(COLUMNS, cells, self.widths):
            fitted = set_cell_size(text, width) if header or key not in NUMERIC else text.rjust(width)
            segments.append(Segment(" " * PAD + fitted + " " * PAD, base))
        return Strip(segments)


def content_widths(rows: list[Row], corner_quotes: bool = False) -> list[int]:
    """The widest cell of each column, in cells, as :meth:`LibraryTable.cells` draws them:
    each distinct value measured once, longest first, until no shorter one can be wider (a
    character takes two cells at most) or one is over the column's cap (10,000 reports:
    15 ms, not the 0.5 s of drawing every cell)."""
    def widest(values: set, cap: int | None = None) -> int:
        most = 0
        for value in sorted(values, key=len, reverse=True):
            if 2 * len(value) <= most:
                break
            width = cell_width(display_text(value, corner_quotes))
            if cap is not None and width > cap:
                return cap  # (cut to the cap, with …)
            most = max(most, width)
        return most

    entries = [row.entry for row in rows]
    places, years, kinds = {e.place for e in entries}, {e.year for e in entries}, {e.kind for e in entries}
    titles, issuers = {e.title for e in entries}, {e.issuer for e in entries}
    # the distinct cells of each column, as values() gives them (empty ones left out)
    cells = [{v for v in places if v}, {str(y) for y in years if y}, {v for v in kinds if v},
             {v for v in titles if v}, {v for v in issuers if v},
             {str(n) for n in {row.chapters for row in rows}}, {str(n) for n in {row.figures for row in rows}}]
    return [widest(column, cap) for column, cap in zip(cells, CAPS)]


def values(row: Row) -> tuple[str | None, ...]:
    """A row's cells before they are drawn, one per column of :data:`COLUMNS`."""
    e = row.entry
    return (e.place, str(e.year) if e.year else "", e.kind, e.title, e.issuer, str(row.chapters), str(row.figures))


def _show(text: str | None, corner_quotes: bool, width: int | None = None) -> str:
    """Report text as drawn in a cell: safe (controls visible), at most ``width`` cells (then …)."""
    out = display_text(text or "", corner_quotes)
    if width and cell_width(out) > width:
        out = set_cell_size(out, width - 1).rstrip() + "…"
    return out
