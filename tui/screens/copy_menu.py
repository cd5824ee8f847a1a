"""A small menu: copy or save the section as plain text, Markdown or JSON — and, where the
section has tables, one table as Markdown or CSV.

With several tables, the menu starts on the table the cursor is in (the current mark, or
the first in view: :meth:`tui.widgets.section_body.SectionBody.current_table`) and ← / →
pick another; its number and caption are shown.  :func:`copy_table` delivers the choice
through the app's one copy path (``ReportApp.deliver``: OSC 52 and/or a file, text cleaned
by :mod:`tui.safe_text`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.cjk_wrap import display_text
from tui.export_files import export_name
from tui.model import Report, Section, Table
from tui.table_export import table_csv, table_markdown

if TYPE_CHECKING:
    from tui.app import ReportApp

#: (key, format, save, label) of each entry.
CHOICES = (
    ("t", "text", False, "Copy as plain text"),
    ("m", "md", False, "Copy as Markdown"),
    ("j", "json", False, "Copy as JSON"),
    ("T", "text", True, "Save as plain text (.txt)"),
    ("M", "md", True, "Save as Markdown (.md)"),
    ("J", "json", True, "Save as JSON (.json)"),
)
#: The entries offered when the section has tables: they act on the table shown in the menu.
TABLE_CHOICES = (
    ("p", "table-md", False, "Copy table as Markdown"),
    ("v", "table-csv", False, "Copy table as CSV"),
    ("P", "table-md", True, "Save table as Markdown (.md)"),
    ("V", "table-csv", True, "Save table as CSV (.csv)"),
)
TABLE_EXTENSIONS = {"table-md": "md", "table-csv": "csv"}


def copy_table(app: ReportApp, report: Report, section: Section, table: Table, fmt: str, *, save: bool) -> None:
    """A table as Markdown (with its citation line) or CSV (the grid only: a spreadsheet
    reads it), copied and/or saved like every other copy."""
    if fmt == "table-md":
        text = f"{table_markdown(table)}\n——{app.citation(report, section)}\n"
        what, key = f"table {table.id} as Markdown", "C then P"
    else:
        text, what, key = table_csv(table), f"table {table.id} as CSV", "C then V"
    app.deliver(text, what=what, filename=export_name(report.id, f"{table.id}.{TABLE_EXTENSIONS[fmt]}"),
                save=save, save_key=key)


class CopyMenu(ModalScreen[tuple[str, bool] | tuple[str, bool, Table] | None]):
    """Returns ``(format, save)``, ``(table format, save, table)`` or ``None``; each entry
    has its own key."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(key, f"choose({n})", label, show=False) for n, (key, _, _, label) in enumerate(CHOICES)),
        *(Binding(key, f"choose_table({n})", label, show=False) for n, (key, _, _, label) in enumerate(TABLE_CHOICES)),
        Binding("left", "other_table(-1)", "Previous table", show=False),
        Binding("right", "other_table(1)", "Next table", show=False),
        Binding("escape,q", "dismiss_menu", "Close", show=True),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | t / m / j | Copy as plain text / Markdown / JSON. |
    | T / M / J | Save to a file as plain text / Markdown / JSON. |
    | p / v | Copy the table shown as Markdown / CSV (a section with tables). |
    | P / V | Save it as Markdown / CSV. |
    | left / right | Another table of the section. |
    | up, down, enter | Choose with the cursor. |
    | escape / q | Close the menu. |
    """

    def __init__(self, section_id: str, tables: list[Table] | None = None, current: Table | None = None) -> None:
        super().__init__()
        self.section_id = section_id
        self.tables = sorted(tables or [], key=lambda t: t.start)
        self.table_index = next((i for i, t in enumerate(self.tables) if current is not None and t.id == current.id), 0)

    def compose(self) -> ComposeResult:
        with Vertical(id="copy-menu"):
            yield Static(Content.assemble(("Copy out section ", "bold"), (display_text(self.section_id), "bold $text-accent")),
                         id="copy-title")
            options = [Option(Content.assemble((f" {key} ", "bold $text-accent"), f" {label}"), id=str(n))
                       for n, (key, _, _, label) in enumerate(CHOICES)]
            if self.tables:
                options.append(None)  # a separator
                options.extend(Option(Content.assemble((f" {key} ", "bold $text-accent"), f" {label}"), id=f"t{n}")
                               for n, (key, _, _, label) in enumerate(TABLE_CHOICES))
            yield OptionList(*options, id="copy-choices")
            if self.tables:
                yield Static(self._table_line(), id="copy-table")

    def _table_line(self) -> Content:
        table = self.tables[self.table_index]
        name = display_text(table.caption or (table.columns[0] if table.columns else "") or table.id)
        count = len(self.tables)
        head = f"Table {self.table_index + 1}/{count}: " if count > 1 else "Table: "
        hint = " (← → another)" if count > 1 else ""
        return Content.assemble((head, "bold"), name, (f" · {len(table.rows)} rows", "$text-muted"),
                                (hint, "$text-muted"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("choose_table", "other_table"):
            return bool(self.tables)
        return True

    def action_other_table(self, delta: int) -> None:
        self.table_index = (self.table_index + delta) % len(self.tables)
        self.query_one("#copy-table", Static).update(self._table_line())

    def action_choose(self, number: int) -> None:
        _, fmt, save, _ = CHOICES[number]
        self.dismiss((fmt, save))

    def action_choose_table(self, number: int) -> None:
        _, fmt, save, _ = TABLE_CHOICES[number]
        self.dismiss((fmt, save, self.tables[self.table_index]))

    def action_dismiss_menu(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        ident = event.option.id or "0"
        if ident.startswith("t"):
            self.action_choose_table(int(ident[1:]))
        else:
            self.action_choose(int(ident))
