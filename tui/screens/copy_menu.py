"""A small menu: copy or save the section as plain text, Markdown or JSON."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.cjk_wrap import display_text

#: (key, format, save, label) of each entry.
CHOICES = (
    ("t", "text", False, "Copy as plain text"),
    ("m", "md", False, "Copy as Markdown"),
    ("j", "json", False, "Copy as JSON"),
    ("T", "text", True, "Save as plain text (.txt)"),
    ("M", "md", True, "Save as Markdown (.md)"),
    ("J", "json", True, "Save as JSON (.json)"),
)


class CopyMenu(ModalScreen[tuple[str, bool] | None]):
    """Returns ``(format, save)`` or ``None``; each entry has its own key."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(key, f"choose({n})", label, show=False) for n, (key, _, _, label) in enumerate(CHOICES)),
        Binding("escape,q", "dismiss_menu", "Close", show=True),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | t / m / j | Copy as plain text / Markdown / JSON. |
    | T / M / J | Save to a file as plain text / Markdown / JSON. |
    | up, down, enter | Choose with the cursor. |
    | escape / q | Close the menu. |
    """

    def __init__(self, section_id: str) -> None:
        super().__init__()
        self.section_id = section_id

    def compose(self) -> ComposeResult:
        with Vertical(id="copy-menu"):
            yield Static(Content.assemble(("Copy out section ", "bold"), (display_text(self.section_id), "bold $text-accent")),
                         id="copy-title")
            yield OptionList(
                *(Option(Content.assemble((f" {key} ", "bold $text-accent"), f" {label}"), id=str(n))
                  for n, (key, _, _, label) in enumerate(CHOICES)),
                id="copy-choices",
            )

    def action_choose(self, number: int) -> None:
        _, fmt, save, _ = CHOICES[number]
        self.dismiss((fmt, save))

    def action_dismiss_menu(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.action_choose(int(event.option.id or 0))
