"""The outline: reports → chapters → sections, each with its number of figures, then the
parts after the body (附件1, 名词解释 with its terms, 注释 with its notes, 资料来源).

With several reports open, each report is a root labelled so that reports tell apart:
issuer (or place) · year · the title without its issuer (``温州市人民政府 · 2018 ·
《法治政府建设工作情况的报告》``), from the same rules as the library catalog.  The
number left of each line is its count of figures; the border says so (``# = figures``).
In a library held as its catalog (:attr:`tui.report_set.ReportSet.lazy`) it holds the
report being read alone (its border says which of how many; the library screen, ``r``, and
``{`` ``}`` go to the others), and is made again when another report is opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

import re

from tui.cjk_wrap import display_text
from tui.model import Part, Report
from tui.report_parts import CLOSING, PARTS, PREAMBLE, closing_proper, part

if TYPE_CHECKING:
    from tui.library import Entry
    from tui.report_set import ReportSet

#: The outline's legend for the numbers left of each line (its border's subtitle).
LEGEND = "# = figures"
#: What each kind of part is called next to its printed title (as 前言 Preamble).
PART_NAMES = {"annex": "Annex", "glossary": "Glossary", "notes": "Notes", "sources": "Sources",
              "tables": "Tables", "appendix": "Appendix"}
_YEAR_LEAD_RE = re.compile(r"(?:19|20)\d{2}\s*年")
_TITLE_LEAD_RE = re.compile(r"^(?:关于)?\s*(?:(?:19|20)\d{2}\s*年\s*度?\s*)?")


def report_label(entry: Entry) -> str:
    """``温州市人民政府 · 2018 · 《法治政府建设工作情况的报告》``: who, when, what (from the
    report's catalog row: issuer, else place; the year covered; the title without its issuer)."""
    who = entry.issuer or entry.place or ""
    kind, year = entry.kind, entry.year
    title = _TITLE_LEAD_RE.sub("", entry.title.strip(), count=1).strip()
    if who and title.startswith(who):  # 温州市人民政府关于…的报告, 四川省人民政府工作报告
        rest = title[len(who):].strip()
        if kind and rest and kind.endswith(rest):
            title = kind  # 工作报告 → 政府工作报告
        elif rest.startswith("关于") or _YEAR_LEAD_RE.match(rest):  # …关于…的报告, …2023年…报告
            title = _TITLE_LEAD_RE.sub("", rest, count=1).strip()
    title = title or entry.title.strip()
    parts = [who, str(year) if year else "", f"《{title}》" if title else entry.id]
    return " · ".join(p for p in parts if p)


def entry_offset(report: Report, found: Part, line: int) -> int:
    """Offset of closing line ``line`` in the text of its part (lines joined by newlines)."""
    return sum(len(report.closing[i]) + 1 for i in range(found.start, min(line, found.end)))


@dataclass(frozen=True)
class OutlineEntry:
    """What a tree node stands for."""

    kind: str  # "report" | "chapter" | "section" (前言, 结语 and parts too: "preamble", "glossary" …) | "entry"
    report: str
    id: str  # an entry: the id of its part
    label: str
    figures: int
    offset: int = 0  # an entry: where it starts in its part's text


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

        def __init__(self, report: str, section: str, offset: int = 0) -> None:
            super().__init__()
            self.report = report
            self.section = section
            self.offset = offset  # where to open it (an entry of a glossary, a note)

    def __init__(self, reports: ReportSet, *, current: str | None = None, id: str | None = None) -> None:
        super().__init__(Text("reports"), id=id)
        self.show_root = False
        self.guide_depth = 2
        self.current: tuple[str, str] | None = None
        self.corner_quotes = False
        self.reports = reports
        self._sections: dict[tuple[str, str], TreeNode[OutlineEntry]] = {}
        self._chapters: dict[tuple[str, str], TreeNode[OutlineEntry]] = {}
        self._roots: dict[str, TreeNode[OutlineEntry]] = {}  # report id → its node (several reports)
        self._room_key, self._room = None, 0  # (get_label_width)
        self._widths: dict[tuple[str, bool], int] = {}  # (label, 「」) → cells: Tree asks at every rebuild
        self._same: dict[tuple, int] | None = None  # (a large library: _label)
        if len(reports) == 1:  # one report: its chapters at the top, no root
            self._fill(self.root, reports.first)
            return
        self._labels: dict[str, str] = {}
        if reports.lazy:  # a library held as its catalog: the report being read, alone
            self._show_report(current or reports.ids[0])
            return
        from tui.search.filters import unique_labels

        # the same issuer, year and title: the file tells them apart
        self._labels = unique_labels({rid: report_label(reports.entry(rid)) for rid in reports})
        for rid in reports:
            self._add_root(rid, reports[rid])

    def _label(self, report_id: str) -> str:
        """A report's label; in a large library made when shown, the id added where another
        report has the same issuer, kind, year and title (counted once, without the labels)."""
        found = self._labels.get(report_id)
        if found is None:
            if self._same is None:
                self._same = {}
                for e in self.reports.entries():
                    key = (e.issuer or e.place, e.kind, e.year, e.title)
                    self._same[key] = self._same.get(key, 0) + 1
            e = self.reports.entry(report_id)
            found = report_label(e)
            if self._same[(e.issuer or e.place, e.kind, e.year, e.title)] > 1:
                found = f"{found} · {report_id}"
            self._labels[report_id] = found
        return found

    def _add_root(self, report_id: str, report: Report) -> None:
        entry = OutlineEntry("report", report_id, report_id, self._label(report_id), self.reports.entry(report_id).figures)
        node = self.root.add(Text(display_text(entry.label)), entry, expand=True)
        self._roots[report_id] = node
        self._fill(node, report)

    def _show_report(self, report_id: str) -> None:
        """The outline of one report of a large library, in place of the one before (a tree
        of every report's lines is rebuilt whole at each change: 10,000 reports stall it)."""
        report = self.reports.get(report_id)
        if report is None:  # (it cannot be read now; the app said why)
            return
        self.clear()
        self._sections.clear()
        self._chapters.clear()
        self._roots.clear()
        self._add_root(report_id, report)
        n = self.reports.ids.index(report_id) + 1
        self.border_title = f"目录 Outline · report {n:,} of {len(self.reports):,} · {{ }} · L"

    def on_mount(self) -> None:
        self.border_subtitle = LEGEND
        self.tooltip = "The number left of each line: the figures (statistics) in it"

    def _fill(self, parent: TreeNode[OutlineEntry], report: Report) -> None:
        """A report's parts, chapters and sections under ``parent``."""
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
        # 结语: the closing's own lines (a closing that is only parts shows as the parts)
        if part(report, CLOSING) is not None and any(line.strip() for line in closing_proper(report)):
            self._add_part(parent, report, CLOSING)
        for found in report.parts:
            self._add_after_body(parent, report, found)

    def _add_part(self, parent: TreeNode[OutlineEntry], report: Report, which: str) -> None:
        label = PARTS[which][1]
        entry = OutlineEntry("section", report.id, which, label, 0)
        self._sections[(report.id, which)] = parent.add_leaf(Text(label), entry)

    def _add_after_body(self, parent: TreeNode[OutlineEntry], report: Report, found: Part) -> None:
        """附件1, 名词解释 …: a node of its own; a glossary's terms and the notes as entries."""
        label = f"{found.title} {PART_NAMES.get(found.kind, '')}".strip()
        entry = OutlineEntry("section", report.id, found.id, label, 0)
        if not found.entries:
            self._sections[(report.id, found.id)] = parent.add_leaf(Text(display_text(label)), entry)
            return
        node = parent.add(Text(display_text(label)), entry)
        self._sections[(report.id, found.id)] = node
        for item in found.entries:
            if item.term:
                text = item.term
            else:
                text = f"[{item.number}] {item.definition}" if item.number else item.definition
            child = OutlineEntry("entry", report.id, found.id, text, 0, entry_offset(report, found, item.line))
            node.add_leaf(Text(display_text(text)), child)

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

    def get_label_width(self, node: TreeNode[OutlineEntry]) -> int:
        """The cells :meth:`render_label` draws, without drawing it (Tree asks for every line
        at each rebuild: a library's 1,000 reports made that 0.8 s)."""
        entry = node.data
        if entry is None:
            return cell_len(str(node.label))
        key = (entry.label, self.corner_quotes)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = 4 + cell_len(display_text(entry.label, self.corner_quotes))
        depth, parent = 0, node.parent
        while parent is not None and parent is not self.root:
            depth, parent = depth + 1, parent.parent
        if self._room_key != self.size:  # (the region once per size, not once per line)
            self._room_key, self._room = self.size, self.scrollable_content_region.width
        room = self._room - depth * self.guide_depth
        return min(width, room) if room > 4 else width

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
        if self.reports.lazy and report not in self._roots:
            self._show_report(report)
        node = self._sections.get((report, section))
        if node is None:
            return
        parent = node.parent
        while parent is not None and parent is not self.root:  # its chapter, and its report (collapsed in a large library)
            parent.expand()
            parent = parent.parent
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
        if entry is not None and entry.kind in ("section", "entry"):
            event.stop()
            self.post_message(self.SectionSelected(entry.report, entry.id, entry.offset))
