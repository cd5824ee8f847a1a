"""Two small prompts of the main screen: ``:`` goto, and the letter after ``m`` or ``'``."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.widgets.clean_input import CleanInput


class GotoPrompt(ModalScreen[str | None]):
    """``:`` then a place (6.1, 6, 结语); enter returns what was typed, escape ``None``.

    ``typed``: what is already in the box (``g`` then ``6`` opens it holding ``6``).
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=True)]
    """
    | Key(s) | Description |
    | :- | :- |
    | enter | Go to the section typed: 6.1, 6 (its first section), 六（一）, 前言, 结语. |
    | escape | Cancel. |
    """

    def __init__(self, typed: str = "") -> None:
        super().__init__()
        self.typed = typed

    def compose(self) -> ComposeResult:
        with Vertical(id="goto"):
            yield Static(Content.styled("Go to section: 6.1 · 6 · 六（一） · 前言 · 结语", "bold"), id="goto-title")
            yield CleanInput(self.typed, placeholder="6.1", id="goto-input", select_on_focus=False)

    def on_mount(self) -> None:
        box = self.query_one("#goto-input", Input)
        box.focus()
        box.cursor_position = len(box.value)  # typing goes on after what is there

    @on(Input.Submitted, "#goto-input")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class KeyPrompt(ModalScreen[str | None]):
    """Waits for one key: a letter is returned, anything else (escape …) returns ``None``."""

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(self.question, "bold"), id="key-prompt")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        char = event.character or ""
        self.dismiss(char if len(char) == 1 and char.isascii() and char.isalpha() else None)
