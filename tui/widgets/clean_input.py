"""An ``Input`` that keeps control characters out of its value (and so off the screen).

Pasted text (bracketed paste) and values set by code (``--search``) may hold ESC, C1
controls or bidi overrides: an ``Input`` would echo them to the terminal as they are.
Here they are removed before they reach the value (:func:`tui.safe_text.clean`).
"""

from __future__ import annotations

from textual.widgets import Input

from tui.safe_text import clean


class CleanInput(Input):
    """An ``Input`` whose value never holds an escape sequence or an unsafe character."""

    def replace(self, text: str, start: int, end: int) -> None:
        # typed keys and pastes both arrive here: clean first, so the cursor lands right
        super().replace(clean(text, lines=False), start, end)

    def validate_value(self, value: str) -> str:
        """Values set directly (``input.value = …``) are cleaned too."""
        return clean(value, lines=False)
