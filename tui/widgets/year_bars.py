"""A horizontal bar chart over the years: one line per report, drawn with block characters.

Each line is ``label  bar  value``: the label (year and place) left, padded to the widest
in terminal cells (so Chinese lines up), the bar in eighth blocks (``█▉▊▋▌▍▎▏``) as long
as the value is large beside the largest, the value as written right-aligned.  A negative value
(a fall written as −2.1%) draws its bar in the ``year-bars--negative`` style, as long as
its size.  The line of the figure compared is marked ``▸`` and styled ``year-bars--this``.
Labels are report text: they are drawn through :func:`tui.cjk_wrap.display_text`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from tui.cjk_wrap import display_text

_EIGHTHS = " ▏▎▍▌▋▊▉█"
MIN_BAR = 4
#: Widest bar, in cells: wider ones are hard to compare by eye.
MAX_BAR = 64


@dataclass(frozen=True)
class Bar:
    label: str  # 2018 全国
    value: float  # what the bar measures (the normalised value)
    text: str  # the value as written (6.9%, 1351万人)
    this: bool = False  # the figure compared


def bar_text(share: float, width: int) -> str:
    """``share`` (0…1) of ``width`` cells in eighth blocks; anything above zero shows."""
    eighths = round(min(max(share, 0.0), 1.0) * width * 8)
    if share > 0 and eighths == 0:
        eighths = 1
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_len(text))


class YearBars(Widget):
    """The bars of :class:`Bar` points, in the order given (the caller sorts by year)."""

    DEFAULT_CSS = "YearBars { height: auto; }"
    COMPONENT_CLASSES = {"year-bars--bar", "year-bars--negative", "year-bars--this"}

    def __init__(self, bars: list[Bar] | None = None, *, corner_quotes: bool = False,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.bars = list(bars or [])
        self.corner_quotes = corner_quotes

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = list(bars)
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, len(self.bars))

    def lines(self, width: int) -> list[Text]:
        """The chart as it is drawn ``width`` cells wide."""
        if not self.bars:
            return [Text("")]
        labels = [("▸ " if b.this else "  ") + display_text(b.label, self.corner_quotes) for b in self.bars]
        values = [display_text(b.text, self.corner_quotes) for b in self.bars]
        label_w = max(cell_len(s) for s in labels)
        value_w = max(cell_len(s) for s in values)
        bar_w = min(MAX_BAR, max(MIN_BAR, width - label_w - value_w - 4))
        top = max(abs(b.value) for b in self.bars) or 1.0
        bar_style = self.get_component_rich_style("year-bars--bar", partial=True)
        negative = self.get_component_rich_style("year-bars--negative", partial=True)
        this = self.get_component_rich_style("year-bars--this", partial=True)
        out = []
        for bar, label, value in zip(self.bars, labels, values):
            line = Text(no_wrap=True, overflow="crop", end="")
            line.append(_pad(label, label_w) + "  ", this if bar.this else None)
            drawn = bar_text(abs(bar.value) / top, bar_w)
            line.append(drawn, negative if bar.value < 0 else bar_style)
            line.append(" " * (bar_w - cell_len(drawn) + 2 + value_w - cell_len(value)))  # values right-aligned
            line.append(value, this if bar.this else None)
            out.append(line)
        return out

    def render(self) -> Text:
        return Text("\n", no_wrap=True, overflow="crop", end="").join(self.lines(self.size.width))
