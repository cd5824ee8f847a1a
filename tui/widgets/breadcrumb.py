"""The line above the reading pane: where you are (六、… › （一）…) and the match counter."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui.cjk_wrap import display_text

SEPARATOR = " › "
#: Cells always left to the chapter part when the line is short of room.
MIN_CHAPTER = 10


class Breadcrumb(Widget):
    """``6.1 六、… › （一）…`` on the left, a status such as ``match 3/7`` on the right.

    When room runs out the chapter part is shortened first, then the section part.
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
            head_room = max(min(MIN_CHAPTER, room), room - tail.cell_len - len(SEPARATOR))
            head.truncate(head_room, overflow="ellipsis")
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
