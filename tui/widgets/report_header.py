"""The header line: the report's title, issuer and date."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui.cjk_wrap import display_text
from tui.export import date_text
from tui.model import Report


class ReportHeader(Widget):
    """One line naming the open report; the title is cut with … when space runs out."""

    COMPONENT_CLASSES = {"report-header--title", "report-header--meta"}
    DEFAULT_CSS = "ReportHeader { height: 1; }"

    report: reactive[Report | None] = reactive(None, always_update=True)
    corner_quotes: reactive[bool] = reactive(False)

    def __init__(self, report: Report | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(ReportHeader.report, report)

    def render(self) -> Text:
        report = self.report
        if report is None:
            return Text("")
        meta = " · ".join(p for p in (report.issuer or "", date_text(report)) if p)
        meta_text = Text(display_text(meta, self.corner_quotes), style=self.get_component_rich_style("report-header--meta"))
        width = self.content_region.width
        title_room = max(1, width - meta_text.cell_len - 3) if meta else width
        title = Text(display_text(report.title, self.corner_quotes), style=self.get_component_rich_style("report-header--title"))
        title.truncate(title_room, overflow="ellipsis")
        out = Text(no_wrap=True, overflow="ellipsis", end="")
        out.append_text(title)
        if meta:
            out.append("   ")
            out.append_text(meta_text)
        return out
