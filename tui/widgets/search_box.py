"""The search box: every keystroke updates the results below it."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message

from tui.widgets.clean_input import CleanInput


class SearchBox(CleanInput):
    """An ``Input`` that hands ↓ and esc to the screen (results, leave search); pasted control
    characters never reach its value (:class:`CleanInput`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "to_results", "Results", show=False),
        Binding("escape", "leave", "Leave search", show=True),
        Binding("enter", "submit", "Open top hit", show=True),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | (typing) | Search as you type: Chinese, pinyin (fazhi), initials (fz), numbers (17.3). |
    | enter | Open the top hit. |
    | down | Move into the results list. |
    | escape | Leave the search (the query stays for n / N). |
    """

    class ToResults(Message):
        """Down was pressed: focus the results."""

    class Leave(Message):
        """Escape was pressed: leave the search."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="/ 搜索 search: 纠错率 · jiucuo · jcl · 17.3", id=id, select_on_focus=False)

    def action_to_results(self) -> None:
        self.post_message(self.ToResults())

    def action_leave(self) -> None:
        self.post_message(self.Leave())
