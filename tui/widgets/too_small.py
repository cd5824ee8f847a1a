"""Shown instead of the layout when the terminal is below 60×15."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

MIN_WIDTH = 60
MIN_HEIGHT = 15


class TooSmall(Widget):
    """A clear message instead of a broken layout (CSS shows it at the -tiny/-short breakpoints)."""

    DEFAULT_CSS = "TooSmall { display: none; width: 1fr; height: 1fr; content-align: center middle; }"

    def render(self) -> Text:
        width, height = self.app.size
        return Text(
            f"Terminal too small: {width}×{height}\n"
            f"report-explorer needs at least {MIN_WIDTH}×{MIN_HEIGHT}.\n"
            "Enlarge the window, or press q to quit.",
            justify="center",
        )
