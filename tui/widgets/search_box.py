"""The search box: every keystroke updates the results below it."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message

from tui.widgets.clean_input import CleanInput


class SearchBox(CleanInput):
    """An ``Input`` that hands ↓ and esc to the screen (results, leave search); pasted control
    characters never reach its value (:class:`CleanInput`)."""

    PLACEHOLDER = "/ 搜索 search: 纠错率 · jiucuo · jcl · 17.3"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "older", "Earlier query", show=False),
        Binding("down", "newer_or_results", "Later query / results", show=False),
        Binding("escape", "leave", "Leave search", show=True),
        Binding("enter", "submit", "Open top hit", show=True),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | (typing) | Search as you type: Chinese, pinyin (fazhi), initials (fz), numbers (17.3). |
    | enter | Open the top hit. |
    | up | The query before (the history is kept across runs). |
    | down | The query after; at the newest, into the results list. |
    | escape | Leave the search (the query stays for n / N). |
    """

    class ToResults(Message):
        """Down was pressed: focus the results."""

    class Leave(Message):
        """Escape was pressed: leave the search."""

    def __init__(self, *, id: str | None = None, history: list[str] | None = None) -> None:
        super().__init__(placeholder=self.PLACEHOLDER, id=id, select_on_focus=False)
        #: Earlier queries, oldest first (the app's remembered state: shared, not copied).
        self.history = history if history is not None else []
        self._walk: int | None = None  # index into the history while walking it
        self._draft = ""  # what was typed before walking

    def _show(self, text: str) -> None:
        self.value = text
        self.cursor_position = len(self.value)

    def _walking(self) -> bool:
        """Still walking the history: the value is the query shown (not edited since)."""
        if self._walk is not None and (self._walk >= len(self.history) or self.value != self.history[self._walk]):
            self._walk = None
        return self._walk is not None

    def action_older(self) -> None:
        at = self._walk if self._walking() else len(self.history)
        if at == len(self.history):
            self._draft = self.value
        while at > 0 and self.history[at - 1] == self.value:
            at -= 1  # the query shown now: the one before it
        if at == 0:
            self.app.bell()
            return
        self._walk = at - 1
        self._show(self.history[self._walk])

    def action_newer_or_results(self) -> None:
        if not self._walking():
            self.post_message(self.ToResults())
            return
        assert self._walk is not None
        if self._walk + 1 < len(self.history):
            self._walk += 1
            self._show(self.history[self._walk])
        else:
            self._walk = None
            self._show(self._draft)

    def action_to_results(self) -> None:
        self.post_message(self.ToResults())

    def action_leave(self) -> None:
        self.post_message(self.Leave())
