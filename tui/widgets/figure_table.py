"""Every figure of the open reports in a sortable, filterable table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from tui.cjk_wrap import display_text
from tui.figure_roles import change_sign, role_note, value_text
from tui.model import Figure, Report
from tui.widgets.rows_table import RowsTable

BAR_WIDTH = 10
#: Longest label shown, in cells (longer ones end in …): the other columns keep their room.
LABEL_WIDTH = 26
_EIGHTHS = " ▏▎▍▌▋▊▉█"

#: (key, label) of each column; the number keys 1–6 sort by the first six.
COLUMNS = (
    ("section", "Section"),
    ("label", "Label"),
    ("value", "Value"),
    ("unit", "Unit"),
    ("qualifier", "Qualifier"),
    ("kind", "Kind"),
    ("role", "Role"),
    ("bar", "Share"),
)
#: Columns sorted by magnitude: 万/亿 applied, dates kept apart (always last).
NUMERIC = ("value", "bar")


def percent_bar(value: float, width: int = BAR_WIDTH) -> str:
    """``██████▉   `` for 69 %: eighth-block bar of a percentage in ``width`` cells."""
    share = min(max(value, 0.0), 100.0) / 100.0
    eighths = round(share * width * 8)
    full, rest = divmod(eighths, 8)
    bar = "█" * full + (_EIGHTHS[rest] if rest else "")
    return bar.ljust(width)


def section_key(section_id: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in section_id.replace("/f", ".").split("."))


@dataclass(frozen=True)
class Row:
    report: Report
    figure: Figure

    def key(self, column: str) -> object:
        f = self.figure
        if column == "section":
            return (self.report.id, section_key(f.id))
        if column in NUMERIC:
            return self.magnitude
        return str(getattr(f, column) or "")

    @property
    def magnitude(self) -> float:
        """The value with 万/亿 applied (4.8万 → 48000): what a value sort compares."""
        f = self.figure
        return f.scaled_value if f.scaled_value is not None else f.value

    @property
    def is_date(self) -> bool:
        return self.figure.kind == "date"


class FigureTable(RowsTable):
    """One row per figure; ``filter`` narrows, the number keys sort, enter chooses."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Go to figure", show=True),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "scroll_top", "Top", show=False),
        Binding("G", "scroll_bottom", "Bottom", show=False),
        *(Binding(str(n), f"sort({n - 1})", f"Sort by {COLUMNS[n - 1][1].lower()}", show=False)
          for n in range(1, 7)),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | enter | Go to the figure in the text. |
    | 1 … 6 | Sort by section, label, value, unit, qualifier, kind (again: reverse). A value sort applies 万/亿 and puts dates last. |
    | up / k, down / j, home / g, end / G | Move. |
    """

    COMPONENT_CLASSES = {"figure-table--bar", "figure-table--sorted"}

    class FigureChosen(Message):
        def __init__(self, report: Report, figure: Figure) -> None:
            super().__init__()
            self.report = report
            self.figure = figure

    def __init__(self, reports: list[Report], *, corner_quotes: bool = False, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.corner_quotes = corner_quotes
        self.many = len(reports) > 1
        self.all_rows = [Row(r, f) for r in reports for f in r.figures()]
        self._texts = {(r.id, s.id): s.text for r in reports for s in r.sections()}
        self._figures = {(r.id, f.id): f for r in reports for f in r.figures()}
        self.filter_text = ""
        self.sort_column = "section"
        self.sort_reverse = False
        self.shown: list[Row] = []

    def on_mount(self) -> None:
        self.refill()

    # ---- filtering and sorting ----------------------------------------------------------
    def matches(self, row: Row) -> bool:
        needle = self.filter_text.casefold()
        if not needle:
            return True
        f = row.figure
        hay = " ".join(str(p) for p in (f.section, f.label, f.raw, f.unit or "", f.qualifier or "", f.kind,
                                         role_note(f)))
        return all(word in hay.casefold() for word in needle.split())

    def set_filter(self, text: str) -> None:
        self.filter_text = text.strip()
        self.refill()

    def action_sort(self, column: int) -> None:
        """Sort by the column at ``column`` (0-based); the same column again reverses.
        The cursor goes to the top: the list is read from its new start."""
        key = COLUMNS[column][0]
        self.sort_reverse = not self.sort_reverse if key == self.sort_column else False
        self.sort_column = key
        self.refill(to_top=True)

    def set_sort(self, column: str, reverse: bool) -> None:
        """A remembered sort (a column key of :data:`COLUMNS`); unknown keys are ignored."""
        if column in dict(COLUMNS):
            self.sort_column, self.sort_reverse = column, reverse

    @on(DataTable.HeaderSelected)
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        index = next(i for i, (key, _) in enumerate(COLUMNS) if key == event.column_key.value)
        self.action_sort(index)

    def refill(self, *, to_top: bool = False) -> None:
        current = None if to_top else self.current_row
        rows = [r for r in self.all_rows if self.matches(r)]
        if self.sort_column in NUMERIC:  # dates are not amounts: after the rest, in text order
            dates = [r for r in rows if r.is_date]
            rows = sorted((r for r in rows if not r.is_date), key=lambda r: r.magnitude,
                          reverse=self.sort_reverse) + dates
        else:
            rows.sort(key=lambda r: r.key(self.sort_column), reverse=self.sort_reverse)
        self.shown = rows
        with self.app.batch_update():
            self.clear(columns=True)
            for key, label in COLUMNS:
                mark = (" ▼" if self.sort_reverse else " ▲") if key == self.sort_column else ""
                self.add_column(Text(label + mark), key=key)
            for row in rows:
                self.add_row(*self.cells(row), key=f"{row.report.id}:{row.figure.id}")
            if current in rows:
                self.move_cursor(row=rows.index(current), animate=False)
            else:
                self.move_cursor(row=0, animate=False)
                self.scroll_to(0, 0, animate=False, immediate=True)

    def cells(self, row: Row) -> list[Text]:
        f = row.figure
        show = lambda s: display_text(s or "", self.corner_quotes)  # noqa: E731
        section = f"{row.report.id}:{f.section}" if self.many else f.section
        value = value_text(f, change_sign(self._texts.get((row.report.id, f.section), ""), f))
        partner = self._figures.get((row.report.id, f.pair)) if f.pair else None
        # a share bar for a rate, not for a change in one (比去年提高5.78%)
        bar = Text(percent_bar(f.value), style=self.get_component_rich_style("figure-table--bar")) \
            if f.kind == "percent" and f.role != "change" else Text("")
        role = Text(show(role_note(f, partner)))
        label = Text(show(f.label))
        label.truncate(LABEL_WIDTH, overflow="ellipsis")
        return [Text(show(section)), label, Text(value, justify="right"), Text(show(f.unit)),
                Text(show(f.qualifier)), Text(f.kind), role, bar]

    def chosen(self, row: Row) -> Message:
        return self.FigureChosen(row.report, row.figure)
