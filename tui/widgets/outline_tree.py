"""The outline: reports → chapters → sections, each with its number of figures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tui.cjk_wrap import display_text
from tui.model import Report
from tui.report_parts import CLOSING, PARTS, PREAMBLE, part


@dataclass(frozen=True)
class OutlineEntry:
    """What a tree node stands for."""

    kind: str  # "report" | "chapter" | "section" (前言 and 结语 too: ids "preamble", "closing")
    report: str
    id: str
    label: str
    figures: int


class OutlineTree(Tree[OutlineEntry]):
    """Chapters and sections of one or more reports; enter opens a section."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", show=True),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("h,left", "collapse", "Collapse / to chapter", show=False),
        Binding("l,right", "expand", "Expand / into chapter", show=False),
        Binding("g,home", "cursor_first", "First", show=False),
        Binding("G,end", "cursor_last", "Last", show=False),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | enter | Open the section (on a chapter: expand or collapse it). |
    | up / k, down / j | Move the cursor. |
    | left / h | Collapse the chapter, or go up to it. |
    | right / l | Expand the chapter, or go into it. |
    | home / g, end / G | First / last line. |
    """

    COMPONENT_CLASSES = {"outline-tree--count", "outline-tree--current"}

    class SectionSelected(Message):
        """A section was chosen in the outline."""

        def __init__(self, report: str, section: str) -> None:
            super().__init__()
            self.report = report
            self.section = section

    def __init__(self, reports: list[Report], *, id: str | None = None) -> None:
        super().__init__(Text("reports"), id=id)
        self.show_root = False
        self.guide_depth = 2
        self.current: tuple[str, str] | None = None
        self.corner_quotes = False
        self._sections: dict[tuple[str, str], TreeNode[OutlineEntry]] = {}
        self._chapters: dict[tuple[str, str], TreeNode[OutlineEntry]] = {}
        for report in reports:
            self._add_report(report, len(reports) > 1)

    def _add_report(self, report: Report, many: bool) -> None:
        parent = self.root
        if many:
            count = len(report.figures())
            entry = OutlineEntry("report", report.id, report.id, report.title, count)
            parent = self.root.add(Text(display_text(report.title)), entry, expand=True)
        if part(report, PREAMBLE) is not None:
            self._add_part(parent, report, PREAMBLE)
        for chapter in report.chapters:
            label = f"{chapter.number}、{chapter.title}" if chapter.number else chapter.title
            count = sum(len(s.figures) for s in chapter.sections)
            entry = OutlineEntry("chapter", report.id, chapter.id, label, count)
            node = parent.add(Text(display_text(label)), entry)
            self._chapters[(report.id, chapter.id)] = node
            for section in chapter.sections:
                title = f"（{section.number}）{section.title}" if section.number else section.title
                entry = OutlineEntry("section", report.id, section.id, title, len(section.figures))
                self._sections[(report.id, section.id)] = node.add_leaf(Text(display_text(title)), entry)
        if part(report, CLOSING) is not None:
            self._add_part(parent, report, CLOSING)

    def _add_part(self, parent: TreeNode[OutlineEntry], report: Report, which: str) -> None:
        label = PARTS[which][1]
        entry = OutlineEntry("section", report.id, which, label, 0)
        self._sections[(report.id, which)] = parent.add_leaf(Text(label), entry)

    def render_label(self, node: TreeNode[OutlineEntry], base_style: Style, style: Style) -> Text:
        entry = node.data
        if entry is None:
            return Text(str(node.label))
        count_style = self._foreground("outline-tree--count")
        label_style = base_style + style
        if entry.kind == "section" and self.current == (entry.report, entry.id):
            if node is self.cursor_node:  # on the cursor: the cursor's colours, bold (contrast)
                label_style += Style(bold=True)
            else:
                label_style += self._foreground("outline-tree--current")
        count = f"{entry.figures:>3} " if entry.figures else "    "
        label = Text(display_text(entry.label, self.corner_quotes), label_style)
        room = self._label_room(node) - len(count)
        if room > 0 and label.cell_len > room:
            label.truncate(room, overflow="ellipsis")
        text = Text(no_wrap=True, end="")
        text.append(count, base_style + count_style)
        text.append_text(label)
        return text

    def _label_room(self, node: TreeNode[OutlineEntry]) -> int:
        """Cells left for a node's label after the guides (0 before the first layout)."""
        depth, parent = 0, node.parent
        while parent is not None and parent is not self.root:
            depth, parent = depth + 1, parent.parent
        return self.scrollable_content_region.width - depth * self.guide_depth

    def _foreground(self, component: str) -> Style:
        """A component's colour and text style, without its background (the cursor's stays).

        The full style, not the partial one: a translucent colour such as $text-muted is
        only right once blended with the background.
        """
        full = self.get_component_rich_style(component)
        return Style(color=full.color, bold=full.bold, italic=full.italic, underline=full.underline)

    def set_corner_quotes(self, corner_quotes: bool) -> None:
        self.corner_quotes = corner_quotes
        self._invalidate()

    # ---- navigation -----------------------------------------------------------------
    def show_section(self, report: str, section: str) -> None:
        """Mark the open section, expand its chapter and put the cursor on it."""
        self.current = (report, section)
        node = self._sections.get((report, section))
        if node is None:
            return
        if node.parent is not None:
            node.parent.expand()
        self._invalidate()
        _ = self.last_line  # rebuilds the lines now, so that node.line is current
        self.move_cursor(node, animate=False)

    def action_collapse(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent, animate=False)

    def action_expand(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            node.expand()
        elif node.children:
            self.move_cursor(node.children[0], animate=False)

    def action_cursor_first(self) -> None:
        self.cursor_line = 0
        self.scroll_home(animate=False)

    def action_cursor_last(self) -> None:
        self.cursor_line = self.last_line
        self.scroll_end(animate=False)

    @on(Tree.NodeSelected)
    def _node_selected(self, event: Tree.NodeSelected[OutlineEntry]) -> None:
        entry = event.node.data
        if entry is not None and entry.kind == "section":
            event.stop()
            self.post_message(self.SectionSelected(entry.report, entry.id))
