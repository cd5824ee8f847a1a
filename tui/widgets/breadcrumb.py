"""The line above the reading pane: where you are (六、… › （一）…) and the match counter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui.cjk_wrap import display_text

if TYPE_CHECKING:
    from tui.model import Chapter, Section

SEPARATOR = " › "
#: Cells always left to the chapter part when the line is short of room.
MIN_CHAPTER = 10
#: A chapter part of at most this many cells (``一、过去五年工作回顾``) is short: shown whole
#: while the section part keeps :data:`MIN_SECTION` cells, the section part cut instead.
SHORT_CHAPTER = 24
MIN_SECTION = 12


def chapter_label(chapter: Chapter) -> str:
    """``六、健全完善…`` (a chapter without a number: its title alone)."""
    return f"{chapter.number}、{chapter.title}" if chapter.number else chapter.title


def titled_by_chapter(section: Section) -> bool:
    """A section without a title of its own: a chapter's lead-in (the text before its first
    （一）, ``6.0``), or an unmarked section whose title is its first sentence cut short
    (ingest keeps only the opening words, ending in ``…``)."""
    if section.number or section.marker:
        return False
    return section.id.endswith(".0") or section.title.endswith("…") or not section.title.strip()


def crumb_path(chapter: Chapter | None, section: Section) -> str:
    """What the breadcrumb names: ``六、… › （一）…``; a section without a title of its own
    (:func:`titled_by_chapter`) by its chapter alone, not by a sentence cut short."""
    if chapter is None:
        return f"（{section.number}）{section.title}" if section.number else section.title
    if titled_by_chapter(section):
        return chapter_label(chapter)
    tail = f"（{section.number}）{section.title}" if section.number else section.title
    return SEPARATOR.join(p for p in (chapter_label(chapter), tail) if p)


def chapter_room(chapter: int, section: int, room: int) -> int:
    """Cells for the chapter part when ``chapter + separator + section`` cells do not fit in
    ``room``: a short chapter title whole (the section part is cut), else the chapter part
    cut first, down to :data:`MIN_CHAPTER`."""
    avail = room - len(SEPARATOR)
    if chapter <= SHORT_CHAPTER and avail - chapter >= MIN_SECTION:
        return chapter
    return max(min(MIN_CHAPTER, room), avail - section)


class Breadcrumb(Widget):
    """``6.1 六、… › （一）…`` on the left, a status such as ``match 3/7`` on the right.

    When room runs out a short chapter title stays whole and the section part is cut;
    a long chapter title is shortened first, then the section part.
    """

    COMPONENT_CLASSES = {"breadcrumb--path", "breadcrumb--id", "breadcrumb--status"}
    DEFAULT_CSS = "Breadcrumb { height: 1; }"

    path: reactive[str] = reactive("")
    section_id: reactive[str] = reactive("")
    status: reactive[str] = reactive("")
    corner_quotes: reactive[bool] = reactive(False)

    def render(self) -> Text:
        width = self.content_region.width
        status = Text(display_text(self.status), style=self.get_component_rich_style("breadcrumb--status"))
        ident = Text(display_text(f"{self.section_id} ") if self.section_id else "",
                     style=self.get_component_rich_style("breadcrumb--id"))
        room = max(1, width - status.cell_len - ident.cell_len - 2)
        path_style = self.get_component_rich_style("breadcrumb--path")
        *heads, last = display_text(self.path, self.corner_quotes).split(SEPARATOR) or [""]
        tail = Text(last, style=path_style)
        path = Text(style=path_style)
        if heads:
            head = Text(SEPARATOR.join(heads), style=path_style)
            if head.cell_len + len(SEPARATOR) + tail.cell_len > room:
                head.truncate(chapter_room(head.cell_len, tail.cell_len, room), overflow="ellipsis")
            path.append_text(head)
            path.append(SEPARATOR)
        path.append_text(tail)
        path.truncate(room, overflow="ellipsis")
        out = Text(no_wrap=True, overflow="ellipsis", end="")
        out.append_text(ident)
        out.append_text(path)
        gap = width - out.cell_len - status.cell_len
        if gap > 0:
            out.append(" " * gap)
        out.append_text(status)
        return out
