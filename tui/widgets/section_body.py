"""The reading pane: a section's full text, wrapped for Chinese, with its figures below.

A line-API scroll view: the section is split into blocks (:mod:`tui.section_blocks`:
Markdown headings without their ``#``, paragraphs without ``**``, tables), laid out into
lines by :mod:`tui.cjk_wrap` for the current width — a table as a grid of cells
(:mod:`tui.widgets.table_view`) — and each line is rendered from the report text (never
parsed as markup), with figures, measures, note markers and search marks styled through
component classes, so every theme applies.  Each shown character keeps its offset in the
section text (``runs``), so a match or a figure finds its line, in a table its cell.  A
table wider than the pane scrolls sideways (left / right, h / l) with its first column in
place; the text around it stays put.  Report text passes :func:`tui.cjk_wrap.display_text`
first: a control character or an escape sequence in a report is drawn as a visible
symbol, not sent to the terminal.
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
from tui.model import Figure, Report, Section, Table
from tui.section_blocks import Block, section_blocks, shown
from tui.widgets.table_view import table_lines

Run = tuple[int, int, int]

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
    origin: int | None = None  # section offset this line stands for (body lines: its first character)
    spans: tuple[tuple[int, int, str], ...] = ()
    figure: str | None = None  # figure id, for the rows of the figure list
    style: str | None = None  # component class for the whole line
    runs: tuple[Run, ...] = ()  # (a, b, offset): text[a:b] shows section text[offset:offset + b - a]
    cells: tuple[tuple[int, int, int, int], ...] = ()  # a table line: (a, b) of each cell, its (start, end)
    pad: int | None = None  # blank cells on the left (None: the text column's indent)
    fixed: int | None = None  # a table wider than the pane: cells that stay when it scrolls sideways


def _clip(runs: tuple[Run, ...], spans: list[tuple[int, int, str]]) -> tuple[tuple[int, int, str], ...]:
    """Spans of the section text as spans of a line showing ``runs``."""
    out = []
    for a, b, offset in runs:
        stop = offset + b - a
        out.extend((a + max(s, offset) - offset, a + min(e, stop) - offset, style)
                   for s, e, style in spans if s < stop and e > offset)
    return tuple(out)


class SectionBody(ScrollView, can_focus=True):
    """Shows one section; :meth:`set_marks` highlights matches, one of them current."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Scroll down", show=False),
        Binding("k", "scroll_up", "Scroll up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
        Binding("space", "page_down", "Page down", show=False),
        Binding("b", "page_up", "Page up", show=False),
        Binding("h", "scroll_left", "Table left", show=False,
                tooltip="A table wider than the pane: scroll it (its first column stays); also left"),
        Binding("l", "scroll_right", "Table right", show=False, tooltip="Also right"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | up / k, down / j | Scroll a line. |
    | pageup / b, pagedown / space | Scroll a page. |
    | home / g, end / G | Top / bottom of the section. |
    | left / h, right / l | Scroll a wide table sideways. |
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
        "section-body--subheading",
        "section-body--table-rule",
        "section-body--table-header",
        "section-body--note",
    }
    DEFAULT_CSS = "SectionBody { overflow-x: auto; overflow-y: auto; scrollbar-gutter: stable; }"

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
        self._origins: list[int] = []  # origins of the body lines, in order, for offset → line
        self._origin_lines: list[int] = []  # the index of each of those lines
        self._region = 0  # the pane's width the lines were laid out for
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
        """Index of the line showing ``offset`` of the section text (in a table: the line
        of its cell; an offset no line shows: the line before it)."""
        if not self._origins:
            return 0
        n = bisect_right(self._origins, offset) - 1
        if n < 0:
            return self._origin_lines[0]
        index = self._origin_lines[n]
        stop = self._origin_lines[n + 1] if n + 1 < len(self._origin_lines) else len(self._lines)
        for i in range(index, min(stop, index + 64)):  # the continuation lines of a wrapped row
            if any(offset_ <= offset < offset_ + b - a for a, b, offset_ in self._lines[i].runs):
                return i
        return index

    def scroll_to_offset(self, offset: int, *, top: bool = False) -> None:
        """Bring the line holding ``offset`` into view (a third from the top); ``top``: put
        it on the first line (a remembered place).  In a table wider than the pane, the
        cell comes into view sideways too."""
        line = self.line_of_offset(offset)
        x = self._scroll_x_for(line, offset)
        if top:
            self.scroll_to(x=x, y=line, animate=False, immediate=True)
            return
        first, height = self.scroll_offset.y, self.scrollable_content_region.height
        if height <= 0 or not first <= line < first + height:
            self.scroll_to(x=x, y=max(0, line - max(1, height) // 3), animate=False, immediate=True)
        elif x is not None:
            self.scroll_to(x=x, animate=False, immediate=True)

    def _scroll_x_for(self, index: int, offset: int) -> int | None:
        """Where to scroll sideways so that ``offset`` shows (None: no change needed)."""
        if not 0 <= index < len(self._lines):
            return None
        line = self._lines[index]
        if line.fixed is None:
            return None
        run = next(((a, b, o) for a, b, o in line.runs if o <= offset < o + b - a), None)
        if run is None:
            return None
        a, _, o = run
        cell = next(((ca, cb) for ca, cb, s, e in line.cells if ca <= a + offset - o < cb), None)
        ca, cb = cell or (a + offset - o, a + offset - o + 1)
        left, right = cell_width(line.text[:ca]), cell_width(line.text[:cb])
        if left < line.fixed:
            return None
        view = self.scrollable_content_region.width - line.fixed  # cells for the scrolled part
        scroll_x = self.scroll_offset.x
        if line.fixed + scroll_x <= left and right <= line.fixed + scroll_x + view:
            return None
        return max(0, min(left - line.fixed, right - line.fixed - view if right - left <= view else left - line.fixed))

    def current_table(self) -> Table | None:
        """The table the cursor is in (the current mark), else the first one in view, else
        the section's first table (None: the section has none)."""
        section = self.section
        if section is None or not section.tables:
            return None
        tables = sorted(section.tables, key=lambda t: t.start)
        mark = self.current_mark
        if mark is not None:
            inside = next((t for t in tables if t.start <= mark.start < t.end), None)
            if inside is not None:
                return inside
        top = self.top_offset()
        bottom_line = min(len(self._lines), self.scroll_offset.y + max(1, self.scrollable_content_region.height))
        bottom = next((self._lines[i].origin for i in range(bottom_line - 1, -1, -1)
                       if self._lines[i].origin is not None), None)
        for table in tables:
            if table.end >= top and (bottom is None or table.start <= bottom):
                return table
        return tables[0]

    def top_offset(self) -> int:
        """Offset in the section text of the first line in view (0 at the top)."""
        return self._top_offset() or 0

    def action_scroll_left(self) -> None:
        self.scroll_left(animate=False)

    def action_scroll_right(self) -> None:
        self.scroll_right(animate=False)

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
        line, hit = self._lines[index], None
        if line.fixed is not None:  # a wide table: its first column stays, the rest scrolls
            x = offset.x if offset.x < line.fixed else offset.x + self.scroll_offset.x
        else:
            x = offset.x - (self._indent if line.pad is None else line.pad)
        if line.figure is not None:
            hit = next((n for n, m in enumerate(self.marks) if m.figure and m.figure.id == line.figure), None)
        elif line.runs:
            cells, at = 0, len(line.text)
            for position, char in enumerate(line.text):
                cells += cell_width(char)
                if cells > x:
                    at = position
                    break
            where = next((o + at - a for a, b, o in line.runs if a <= at < b), None)
            if where is None:  # between the cells of a table row: the cell clicked
                where = next((s for a, b, s, e in line.cells if a <= at < b), None)
            if where is not None:
                hit = next((n for n, m in enumerate(self.marks) if m.start <= where < max(m.end, m.start + 1)), None)
        if hit is not None:
            self.post_message(self.MarkClicked(hit))

    # ---- layout -----------------------------------------------------------------------
    def on_resize(self) -> None:
        indent = self._indent_for(self._content_width())
        if indent != self._indent:
            self._indent = indent
            self._invalidate()
        if self._content_width() != self._width or (
                self._region != self.scrollable_content_region.width and self._has_tables()):
            anchor = self._top_offset()
            self._layout()
            if anchor is not None:
                self.scroll_to(y=self.line_of_offset(anchor), animate=False, immediate=True)

    def _content_width(self) -> int:
        return min(MAX_MEASURE, max(1, self.scrollable_content_region.width))

    def _indent_for(self, width: int) -> int:
        return max(0, (self.scrollable_content_region.width - width) // 2)

    def _has_tables(self) -> bool:
        return self.section is not None and bool(getattr(self.section, "tables", None))

    def _top_offset(self) -> int | None:
        top = self.scroll_offset.y
        if 0 < top < len(self._lines):
            for i in range(top, max(-1, top - 64), -1):  # a table row's continuation lines: its row
                if self._lines[i].origin is not None:
                    return self._lines[i].origin
        return None

    def _layout(self) -> None:
        if not self.scrollable_content_region.width:
            self._width = 0  # not laid out yet: on_resize will lay the text out
            return
        self._width = width = self._content_width()
        self._region = self.scrollable_content_region.width
        self._indent = self._indent_for(width)
        self._lines = self._build_lines(width) if self.section is not None else []
        anchored = sorted((line.origin, i) for i, line in enumerate(self._lines) if line.origin is not None)
        self._origins = [origin for origin, _ in anchored]
        self._origin_lines = [i for _, i in anchored]
        wide = max((cell_width(line.text) for line in self._lines if line.fixed is not None), default=0)
        self.virtual_size = Size(max(width + self._indent, wide), len(self._lines))
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
            spans.extend((r.start, r.end, "section-body--note") for r in self.report.note_refs
                         if r.section == section.id)
        return spans

    def _body_lines(self, section: Section, width: int) -> list[_Line]:
        raw = section.text
        text = display_text(raw, self.corner_quotes)
        spans = self._static_spans(section)
        lines: list[_Line] = []
        previous: Block | None = None
        for block in section_blocks(section):
            if lines:
                lines.append(_Line(""))
            if block.kind == "table" and block.table is not None:
                caption = block.table.caption
                if caption and not _shows_caption(previous, caption):
                    lines.append(_Line(self._crop(display_text(caption, self.corner_quotes), width),
                                       style="section-body--subheading"))
                lines.extend(self._table_lines(block.table, raw, text, spans, width))
            else:
                lines.extend(self._text_lines(section, block, text, spans, width))
            previous = block
        if not lines:
            lines.append(_Line("(no text)", style="section-body--empty"))
        return lines

    def _text_lines(self, section: Section, block: Block, text: str, spans: list[tuple[int, int, str]],
                    width: int) -> list[_Line]:
        """A heading or a paragraph, wrapped; figures are not broken across lines."""
        heading = block.kind == "heading"
        content, runs = shown(text, block.start, block.end, strip=heading)
        if not content.strip():
            return []

        def at(offset: int) -> int | None:  # where a section offset is shown
            return next((a + offset - o for a, b, o in runs if o <= offset <= o + b - a), None)

        keep = []
        for f in section.figures:
            if block.start <= f.start and f.end <= block.end:
                a, b = at(f.start), at(f.end)
                if a is not None and b is not None:
                    keep.append((a, b))
        out = []
        for a, b in wrap_offsets(content, width, keep):
            line_runs = tuple((max(ra, a) - a, min(rb, b) - a, o + max(ra, a) - ra)
                              for ra, rb, o in runs if ra < b and rb > a)
            origin = line_runs[0][2] if line_runs else None
            out.append(_Line(content[a:b], origin=origin, spans=_clip(line_runs, spans), runs=line_runs,
                             style="section-body--subheading" if heading else None))
        return out

    def _table_lines(self, table: Table, raw: str, text: str, spans: list[tuple[int, int, str]],
                     width: int) -> list[_Line]:
        """A table as a grid (tui.widgets.table_view), laid out for the whole pane."""
        region = max(width, self.scrollable_content_region.width)
        out = []
        for row in table_lines(table, raw, text, region):
            if row.width <= region:  # fits: aligned with the text column where it can be
                pad, fixed = max(0, min(self._indent, region - row.width)), None
            else:
                pad, fixed = 0, row.fixed
            out.append(_Line(row.text, origin=row.anchor, spans=(*row.styles, *_clip(row.runs, spans)),
                             runs=row.runs, cells=row.cells, pad=pad, fixed=fixed))
        return out

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
        line = self._lines[index]
        strip = self._cache.get(index)
        if strip is None:
            strip = self._render_index(index, base)
            pad = self._indent if line.pad is None else line.pad
            if pad:
                strip = Strip.join([Strip.blank(pad, base), strip])
            self._cache[index] = strip
        if line.fixed is not None:  # a table wider than the pane: the first column stays
            fixed = min(line.fixed, width)
            strip = Strip.join([strip.crop(0, fixed), strip.crop(fixed + scroll_x, scroll_x + width)])
        return strip.crop_extend(0, width, base)

    def _render_index(self, index: int, base: Style) -> Strip:
        """One line as segments: the text cut at every style boundary, styles layered."""
        line = self._lines[index]
        size = len(line.text)
        layers: list[tuple[int, int, Style]] = []
        if line.style:
            layers.append((0, size, self._style(line.style)))
        layers.extend((start, end, self._style(component)) for start, end, component in line.spans)
        current = self.current_mark
        if line.runs:
            for number, mark in enumerate(self.marks):
                if not self.highlight_all and number != self.current:
                    continue
                component = "section-body--current" if number == self.current else "section-body--match"
                for a, b, offset in line.runs:
                    stop = offset + b - a
                    if mark.start < stop and mark.end > offset:
                        layers.append((a + max(mark.start, offset) - offset, a + min(mark.end, stop) - offset,
                                       self._style(component)))
            if current is not None:  # the current mark is a whole cell: the whole cell lights up
                layers.extend((a, b, self._style("section-body--current")) for a, b, start, end in line.cells
                              if end > start and current.start <= start and end <= current.end)
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


def _shows_caption(block: Block | None, caption: str) -> bool:
    """Is the caption already the line above the table (a heading, a bold line)?"""
    if block is None or block.kind == "table":
        return False
    squeeze = lambda text: "".join(text.replace("**", "").split())  # noqa: E731
    return squeeze(caption) in squeeze(block.text)
