"""The reading pane: a section's full text, wrapped for Chinese, with its figures below.

A line-API scroll view: the section is laid out into lines by :mod:`tui.cjk_wrap` for the
current width, and each line is rendered from the report text (never parsed as markup),
with figures, measures and search marks styled through component classes, so every theme
applies.  Report text passes :func:`tui.cjk_wrap.display_text` first: a control character
or an escape sequence in a report is drawn as a visible symbol, not sent to the terminal.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.cjk_wrap import cell_width, display_text, wrap_offsets
from tui.figure_roles import change_sign, raw_text, role_note
from tui.model import Figure, Report, Section

#: Longest line drawn, in cells: very long lines of Chinese are hard to read.  In a wider
#: pane the text column is centred.
MAX_MEASURE = 100


@dataclass(frozen=True)
class Mark:
    """A highlighted stretch of the section text: a search match or a figure."""

    start: int
    end: int
    figure: Figure | None = None


@dataclass(frozen=True)
class _Line:
    text: str
    origin: int | None = None  # offset of text[0] in the section text (body lines only)
    spans: tuple[tuple[int, int, str], ...] = ()
    figure: str | None = None  # figure id, for the rows of the figure list
    style: str | None = None  # component class for the whole line


class SectionBody(ScrollView, can_focus=True):
    """Shows one section; :meth:`set_marks` highlights matches, one of them current."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Scroll down", show=False),
        Binding("k", "scroll_up", "Scroll up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
        Binding("space", "page_down", "Page down", show=False),
        Binding("b", "page_up", "Page up", show=False),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | up / k, down / j | Scroll a line. |
    | pageup / b, pagedown / space | Scroll a page. |
    | home / g, end / G | Top / bottom of the section. |
    """

    COMPONENT_CLASSES = {
        "section-body--figure",
        "section-body--measure",
        "section-body--match",
        "section-body--current",
        "section-body--heading",
        "section-body--value",
        "section-body--meta",
        "section-body--empty",
    }
    DEFAULT_CSS = "SectionBody { overflow-x: hidden; overflow-y: auto; scrollbar-gutter: stable; }"

    class MarkClicked(Message):
        """A mark (a figure, a match) was clicked: it is now the current one."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.report: Report | None = None
        self.section: Section | None = None
        self.corner_quotes = False
        self.marks: tuple[Mark, ...] = ()
        self.current: int | None = None
        self.highlight_all = True
        self._lines: list[_Line] = []
        self._origins: list[int] = []  # origin of each body line, for offset → line
        self._width = 0
        self._indent = 0  # blank cells left of the text column, to centre it in a wide pane
        self._cache: dict[int, Strip] = {}
        self._styles: dict[str, Style] = {}

    # ---- public API -------------------------------------------------------------------
    def show(self, report: Report, section: Section, *, corner_quotes: bool = False) -> None:
        """Display a section from the top, without marks."""
        self.report, self.section, self.corner_quotes = report, section, corner_quotes
        self.marks, self.current = (), None
        self._layout()
        self.scroll_to(0, 0, animate=False, immediate=True)

    def set_corner_quotes(self, corner_quotes: bool) -> None:
        self.corner_quotes = corner_quotes
        self._layout()

    def set_marks(self, marks: tuple[Mark, ...], current: int | None = None, *,
                  highlight_all: bool = True) -> None:
        """Mark stretches of text; only the current one is highlighted unless ``highlight_all``."""
        self.marks, self.current, self.highlight_all = marks, current, highlight_all
        self._invalidate()
        if current is not None and 0 <= current < len(marks):
            self.scroll_to_offset(marks[current].start)

    @property
    def current_mark(self) -> Mark | None:
        if self.current is None or not 0 <= self.current < len(self.marks):
            return None
        return self.marks[self.current]

    def line_of_offset(self, offset: int) -> int:
        """Index of the line showing ``offset`` of the section text."""
        if not self._origins:
            return 0
        return max(0, bisect_right(self._origins, offset) - 1)

    def scroll_to_offset(self, offset: int, *, top: bool = False) -> None:
        """Bring the line holding ``offset`` into view (a third from the top); ``top``: put
        it on the first line (a remembered place)."""
        line = self.line_of_offset(offset)
        if top:
            self.scroll_to(y=line, animate=False, immediate=True)
            return
        first, height = self.scroll_offset.y, self.scrollable_content_region.height
        if height <= 0 or not first <= line < first + height:
            self.scroll_to(y=max(0, line - max(1, height) // 3), animate=False, immediate=True)

    def top_offset(self) -> int:
        """Offset in the section text of the first line in view (0 at the top)."""
        return self._top_offset() or 0

    @property
    def lines(self) -> list[str]:
        """The laid-out lines as plain text (for tests and copying what is seen)."""
        return [line.text for line in self._lines]

    # Keyboard scrolling jumps without animation: the reading pane stays calm.
    def action_scroll_up(self) -> None:
        self.scroll_up(animate=False)

    def action_scroll_down(self) -> None:
        self.scroll_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False)

    def on_click(self, event: events.Click) -> None:
        """Clicking a figure (in the text or in the list below) makes it the current mark."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self.scroll_offset.y + offset.y
        if not 0 <= index < len(self._lines):
            return
        x = offset.x + self.scroll_offset.x - self._indent
        line, hit = self._lines[index], None
        if line.figure is not None:
            hit = next((n for n, m in enumerate(self.marks) if m.figure and m.figure.id == line.figure), None)
        elif line.origin is not None:
            cells, at = 0, len(line.text)
            for position, char in enumerate(line.text):
                cells += cell_width(char)
                if cells > x:
                    at = position
                    break
            where = line.origin + at
            hit = next((n for n, m in enumerate(self.marks) if m.start <= where < m.end), None)
        if hit is not None:
            self.post_message(self.MarkClicked(hit))

    # ---- layout -----------------------------------------------------------------------
    def on_resize(self) -> None:
        indent = self._indent_for(self._content_width())
        if indent != self._indent:
            self._indent = indent
            self._invalidate()
        if self._content_width() != self._width:
            anchor = self._top_offset()
            self._layout()
            if anchor is not None:
                self.scroll_to(y=self.line_of_offset(anchor), animate=False, immediate=True)

    def _content_width(self) -> int:
        return min(MAX_MEASURE, max(1, self.scrollable_content_region.width))

    def _indent_for(self, width: int) -> int:
        return max(0, (self.scrollable_content_region.width - width) // 2)

    def _top_offset(self) -> int | None:
        top = self.scroll_offset.y
        if 0 < top < len(self._lines) and self._lines[top].origin is not None:
            return self._lines[top].origin
        return None

    def _layout(self) -> None:
        if not self.scrollable_content_region.width:
            self._width = 0  # not laid out yet: on_resize will lay the text out
            return
        self._width = width = self._content_width()
        self._indent = self._indent_for(width)
        self._lines = self._build_lines(width) if self.section is not None else []
        self._origins = [line.origin for line in self._lines if line.origin is not None]
        self.virtual_size = Size(width + self._indent, len(self._lines))
        self._invalidate()

    def _build_lines(self, width: int) -> list[_Line]:
        assert self.section is not None
        section = self.section
        lines = self._body_lines(section, width)
        if section.figures:
            lines.append(_Line(""))
            lines.append(self._rule(f"数字 Figures · {len(section.figures)}", width))
            lines.extend(self._figure_lines(section, width))
        if section.measures:
            lines.append(_Line(""))
            lines.append(self._rule(f"举措 Measures · {len(section.measures)}", width))
            lines.extend(self._measure_lines(section.measures, width))
        return lines

    def _static_spans(self, section: Section) -> list[tuple[int, int, str]]:
        spans = [(f.start, f.end, "section-body--figure") for f in section.figures]
        if self.report is not None:
            for measure in self.report.measures:
                spans.extend((m.start, m.end, "section-body--measure")
                             for m in measure.mentions if m.section == section.id)
        return spans

    def _body_lines(self, section: Section, width: int) -> list[_Line]:
        text = display_text(section.text, self.corner_quotes)
        spans = self._static_spans(section)
        lines: list[_Line] = []
        offset = 0
        for number, paragraph in enumerate(text.split("\n")):
            if number and paragraph.strip() and lines:
                lines.append(_Line(""))
            if paragraph.strip():
                keep = [(f.start - offset, f.end - offset) for f in section.figures
                        if offset <= f.start and f.end <= offset + len(paragraph)]
                for a, b in wrap_offsets(paragraph, width, keep):
                    start, end = offset + a, offset + b
                    clipped = tuple((max(s, start) - start, min(e, end) - start, style)
                                    for s, e, style in spans if s < end and e > start)
                    lines.append(_Line(paragraph[a:b], origin=start, spans=clipped))
            offset += len(paragraph) + 1
        if not lines:
            lines.append(_Line("(no text)", style="section-body--empty"))
        return lines

    def _rule(self, title: str, width: int) -> _Line:
        head = f"── {title} "
        return _Line(head + "─" * max(0, width - cell_width(head)), style="section-body--heading")

    def _partner(self, section: Section, figure: Figure) -> Figure | None:
        if not figure.pair:
            return None
        found = next((f for f in section.figures if f.id == figure.pair), None)
        return found or (self.report.figure(figure.pair) if self.report else None)

    def _figure_lines(self, section: Section, width: int) -> list[_Line]:
        """One row per figure: value (a change with its sign), label, then what it is —
        its kind, or its role: 变化 change, 从 from → …, 到 to ← … — and its qualifier."""
        show = lambda text: display_text(text, self.corner_quotes)  # noqa: E731
        figures = section.figures
        raws = [show(raw_text(f, change_sign(section.text, f))) for f in figures]
        labels = [show(f.label) for f in figures]
        raw_column = min(16, max(cell_width(r) for r in raws))
        label_column = min(28, max(cell_width(label) for label in labels))
        rows = []
        for figure, raw, label in zip(figures, raws, labels):
            note = show(role_note(figure, self._partner(section, figure)))
            meta = show(" · ".join(p for p in (note or figure.kind, figure.qualifier) if p))
            text = (f"  {raw}{' ' * max(0, raw_column - cell_width(raw))}  "
                    f"{label}{' ' * max(0, label_column - cell_width(label))}  {meta}")
            spans = ((2, 2 + len(raw), "section-body--value"),
                     (len(text) - len(meta), len(text), "section-body--meta"))
            rows.append(_Line(self._crop(text, width), spans=spans, figure=figure.id))
        return rows

    def _measure_lines(self, names: list[str], width: int) -> list[_Line]:
        kinds = {m.name: m.kind for m in self.report.measures} if self.report else {}
        rows = []
        for name in names:
            left, right = ("《", "》") if kinds.get(name) == "document" else ("“", "”")
            text = display_text(f"  {left}{name}{right}", self.corner_quotes)
            rows.append(_Line(self._crop(text, width), spans=((3, 3 + len(name), "section-body--measure"),)))
        return rows

    @staticmethod
    def _crop(text: str, width: int) -> str:
        if cell_width(text) <= width:
            return text
        out, cells = [], 0
        for char in text:
            w = cell_width(char)
            if cells + w > width - 1:
                break
            out.append(char)
            cells += w
        return "".join(out) + "…"

    # ---- rendering --------------------------------------------------------------------
    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()

    def _invalidate(self) -> None:
        self._cache.clear()
        self.refresh()

    def _style(self, component: str) -> Style:
        style = self._styles.get(component)
        if style is None:
            style = self._styles[component] = self.get_component_rich_style(component)
        return style

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._cache.get(index)
        if strip is None:
            strip = self._render_index(index, base)
            if self._indent:
                strip = Strip.join([Strip.blank(self._indent, base), strip])
            self._cache[index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def _render_index(self, index: int, base: Style) -> Strip:
        """One line as segments: the text cut at every style boundary, styles layered."""
        line = self._lines[index]
        size = len(line.text)
        layers: list[tuple[int, int, Style]] = []
        if line.style:
            layers.append((0, size, self._style(line.style)))
        layers.extend((start, end, self._style(component)) for start, end, component in line.spans)
        current = self.current_mark
        if line.origin is not None:
            stop = line.origin + size
            for number, mark in enumerate(self.marks):
                if not self.highlight_all and number != self.current:
                    continue
                if mark.start < stop and mark.end > line.origin:
                    component = "section-body--current" if number == self.current else "section-body--match"
                    layers.append((max(mark.start, line.origin) - line.origin, min(mark.end, stop) - line.origin,
                                   self._style(component)))
        elif line.figure is not None and current is not None and current.figure is not None:
            if current.figure.id == line.figure:
                layers.append((0, size, self._style("section-body--current")))
        cuts = sorted({0, size, *(a for a, _, _ in layers), *(b for _, b, _ in layers)})
        segments = []
        for a, b in zip(cuts, cuts[1:]):
            if a < b:
                style = base
                for start, end, layer in layers:
                    if start <= a and b <= end:
                        style += layer
                segments.append(Segment(line.text[a:b], style))
        return Strip(segments, cell_width(line.text))
