"""The live results: hits grouped by chapter (one report) or by report (several), matched
characters highlighted, and what the result limit cut off.

With several reports open, a group is one report, labelled by place, year and short kind
(``温州 2018 法治政府``: :func:`tui.search.filters.label_of`), with its count of hits.  When
the query found more hits than the list shows (the screen asks for one more than it
shows), the list says so at once and counts them in a thread (one query with a large
limit, :data:`COUNT_LIMIT`): ``42 more in 3 reports`` on the last line and on the
bottom border, which stays in view however long the list is; each group's count becomes
``12 of 30``.  Never a silent cut-off.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.cjk_wrap import cell_width, display_text
from tui.model import Report
from tui.report_parts import PARTS, find_section
from tui.snippet import figure_focus
from tui.snippet import snippet as cut_snippet

if TYPE_CHECKING:
    from tui.report_set import ReportSet
    from tui.search import Hit

#: Between a figure's "label：raw" and its sentence in a hit's text (see tui.search).
SENTENCE_SEP = "｜"
#: Cells of a hit's text shown in one row (the row's own width cuts the rest with …).
SNIPPET_CELLS = 64

KIND_LABELS = {"figure": "数字", "measure": "举措", "section": "小节", "chapter": "章", "text": "正文"}
#: Hits counted when the list is cut off (the count query's limit): beyond it, "at least".
COUNT_LIMIT = 2000
#: Seconds a cut-off query must stay typed before its hits are counted (typing goes on).
COUNT_DELAY = 0.15


def group_of(reports: dict[str, Report], hit: Hit) -> tuple[str, str]:
    """The chapter a hit belongs to: (key, label)."""
    report = reports.get(hit.report)
    if report is None or hit.section is None:
        return (hit.report, report.title if report else hit.report)
    if hit.section in PARTS:  # 前言 / 结语: a group of its own
        prefix = f"{report.id} · " if len(reports) > 1 else ""
        return (f"{hit.report}/{hit.section}", prefix + PARTS[hit.section][1])
    chapter = report.chapter_of(hit.section) or next(
        (c for c in report.chapters if c.id == hit.section.split(".")[0]), None)
    if chapter is None:
        return (hit.report, report.title)
    label = f"{chapter.number}、{chapter.title}" if chapter.number else chapter.title
    prefix = f"{report.id} · " if len(reports) > 1 else ""
    return (f"{hit.report}/{chapter.id}", prefix + label)


def report_group(labels: dict[str, str]) -> Callable[[dict[str, Report], Hit], tuple[str, str]]:
    """Group hits by report, each labelled ``温州 2018 法治政府`` (place, year, short kind)."""
    def group(reports: dict[str, Report], hit: Hit) -> tuple[str, str]:
        return hit.report, labels.get(hit.report, hit.report)

    return group


def hit_key(hit: Hit) -> tuple:
    return hit.kind, hit.report, hit.section, hit.start, hit.end, hit.text


def more_line(more: int, places: int, *, several: bool, capped: bool) -> str:
    """``42 more in 3 reports`` (several reports), ``42 more`` (one); ``at least`` when the
    count itself stopped at its limit."""
    count = f"at least {more:,}" if capped else f"{more:,}"
    where = f" in {places} report{'s' if places != 1 else ''}" if several else ""
    return f"{count} more{where}"


def snippet(text: str, spans: Sequence[tuple[int, int]], section_text: str | None = None,
            hit: Hit | None = None) -> tuple[str, list[tuple[int, int]]]:
    """Cut a long hit text around its match (:func:`tui.snippet.snippet`); for a figure hit
    (``label：raw｜sentence``) the label and value stay, and the sentence is shown around
    the figure — where it is in the sentence, found from ``section_text``."""
    head, focus = 0, None
    figure = hit.figure if hit is not None else None
    tail = text.find(SENTENCE_SEP)
    if figure is not None and tail >= 0:
        head = tail + 1
        where = figure_focus(section_text, figure.sentence, figure.start, figure.end) if section_text else None
        if where is not None:
            focus = (head + where[0], head + where[1])
    return cut_snippet(text, spans, focus=focus, head=head, width=SNIPPET_CELLS)


def hit_prompt(hit: Hit, corner_quotes: bool = False, section_text: str | None = None) -> Content:
    """One result line: kind, section, the text with matches highlighted, the value.

    A figure hit's text is ``label：raw｜sentence``: the value is set off and the
    sentence dimmed, and shown around the figure; a figure whose value is not in the
    text gets it appended.
    """
    text, spans = snippet(display_text(hit.text, corner_quotes).replace("\n", " "), hit.spans, section_text, hit)
    body = Content(text)
    figure = hit.figure
    if figure is not None:
        tail = text.find(SENTENCE_SEP)
        if tail >= 0:
            body = body.stylize("$text-muted", tail, len(text))
        head = text[: tail if tail >= 0 else len(text)]
        at = head.find(display_text(figure.raw, corner_quotes))
        if at >= 0:
            body = body.stylize("bold $text-success", at, at + len(figure.raw))
    for a, b in spans:
        if a < b:
            body = body.stylize("$text-accent bold underline", a, b)
    kind = KIND_LABELS.get(hit.kind, hit.kind)
    where = PARTS[hit.section][0] if hit.section in PARTS else display_text(hit.section or "")
    parts: list[Content | tuple[str, str] | str] = [
        (f" {kind:<2} ", "$text-muted"),
        (f"{where:<{6 - (cell_width(where) - len(where))}}", "$text-secondary"),
        body,
    ]
    if figure is not None and figure.raw not in hit.text:
        parts += ["  ", (display_text(figure.raw, corner_quotes), "bold $text-success")]
    return Content.assemble(*parts)


def section_text_of(reports: ReportSet, hit: Hit) -> str | None:
    """The text of a figure hit's section, where its report is in memory (a hit never
    loads its report: the snippet then centres on the match instead of the figure)."""
    report = reports.peek(hit.report)
    section = find_section(report, hit.section) if report is not None and hit.figure is not None else None
    return section.text if section is not None else None


class SearchResults(OptionList):
    """Hits of the current query; enter opens one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open", show=True),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("up", "up_or_search", "Up", show=False),
        Binding("escape", "leave", "Leave search", show=True),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | enter | Open the hit: the section, with the match highlighted. |
    | up / k, down / j | Move; up from the first hit goes back to the search box. |
    | escape | Leave the search. |
    """

    class HitChosen(Message):
        def __init__(self, hit: Hit) -> None:
            super().__init__()
            self.hit = hit

    class ToSearch(Message):
        """Up from the first hit: back to the search box."""

    class Leave(Message):
        """Escape: leave the search."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.hits: list[Hit] = []
        self.query_text = ""
        self.cut = False  # the query found more hits than are shown
        self.counted: list[Hit] | None = None  # the cut-off query's hits, counted up to COUNT_LIMIT
        self._reports: dict[str, Report] = {}
        self._labels: dict[str, str] = {}
        self._corner = False
        self._group: Callable[..., tuple[str, str]] = group_of

    def show_hits(self, query: str, hits: list[Hit], reports: dict[str, Report],
                  corner_quotes: bool = False, group: Callable[..., tuple[str, str]] | None = None,
                  *, cut: bool | None = None) -> None:
        """Replace the list: groups (chapters, or reports when several are open) in order of
        their best hit, hits in rank order.  ``cut``: the query found more than ``hits``
        (they are then counted in a thread); None keeps what was known of the same query."""
        same = query == self.query_text
        if cut is None:
            cut = self.cut if same else False
        if not (same and cut and self.cut):
            self.counted = None
        self.query_text, self.hits, self.cut = query, list(hits), cut
        self._reports, self._corner = reports, corner_quotes
        if len(reports) > 1:
            self._labels = reports.labels()
        self._group = group or (report_group(self._labels) if len(reports) > 1 else group_of)
        self._fill()
        if cut and self.counted is None:
            self.count_more(query)

    def _fill(self, keep: Hit | None = None) -> None:
        hits, reports, corner_quotes, group = self.hits, self._reports, self._corner, self._group
        groups: dict[str, tuple[str, list[int]]] = {}
        for number, hit in enumerate(hits):
            key, label = group(reports, hit)
            groups.setdefault(key, (label, []))[1].append(number)
        totals: dict[str, int] = {}
        line = ""
        if self.cut:
            shown = {hit_key(h) for h in hits}
            rest = [h for h in self.counted or () if hit_key(h) not in shown]
            for hit in rest:
                key = group(reports, hit)[0]
                totals[key] = totals.get(key, 0) + 1
            if self.counted is None:
                line = "more hits than shown · counting…"
            elif not rest:  # (the count stopped short of the list: its time limit)
                line = "more hits than shown · narrow the query"
            else:
                line = more_line(len(rest), len({h.report for h in rest}), several=len(reports) > 1,
                                 capped=len(self.counted) >= COUNT_LIMIT or getattr(self.counted, "capped", False))
                line += " · narrow the query" + (" (year:  @place  kind:)" if len(reports) > 1 else "")
        options: list[Option] = []
        for key, (label, members) in groups.items():
            count = f"  {len(members)}" + (f" of {len(members) + totals[key]}" if totals.get(key) else "")
            head = Content.assemble((display_text(label, corner_quotes), "bold"), (count, "$text-muted"))
            options.append(Option(head, id=f"group:{key}", disabled=True))
            options.extend(Option(hit_prompt(hits[n], corner_quotes, section_text_of(reports, hits[n])), id=f"hit:{n}")
                           for n in members)
        if not hits and self.query_text:
            options.append(Option(Content.assemble(("  no match for ", "$text-muted"), display_text(self.query_text)),
                                  id="none", disabled=True))
        if line:
            options.append(Option(Content.styled(f"  … {line}", "$text-warning"), id="more", disabled=True))
        self.border_subtitle = Content(line) if line else None
        with self.app.batch_update():
            self.clear_options()
            self.add_options(options)
            first = next((i for i, o in enumerate(options) if not o.disabled), None)
            if keep is not None and keep in hits:  # (the count came in: the cursor stays)
                first = next(i for i, o in enumerate(options) if o.id == f"hit:{hits.index(keep)}")
            self.highlighted = first

    @work(thread=True, exclusive=True, group="count-hits")
    def count_more(self, query: str) -> None:
        """Count a cut-off query's hits (after a moment: the next keystroke cancels it)."""
        time.sleep(COUNT_DELAY)
        if query != self.query_text:
            return
        from textual.worker import get_current_worker

        counted = self.app.search_index.query(query, limit=COUNT_LIMIT)  # type: ignore[attr-defined]
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._counted, query, counted)

    def _counted(self, query: str, counted: list[Hit]) -> None:
        if query == self.query_text and self.cut:
            self.counted = counted
            self._fill(self.highlighted_hit)

    @property
    def highlighted_hit(self) -> Hit | None:
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        if option.id and option.id.startswith("hit:"):
            return self.hits[int(option.id[4:])]
        return None

    def action_up_or_search(self) -> None:
        first = next((i for i in range(self.option_count) if not self.get_option_at_index(i).disabled), None)
        if self.highlighted is None or self.highlighted == first:
            self.post_message(self.ToSearch())
        else:
            self.action_cursor_up()

    def action_leave(self) -> None:
        self.post_message(self.Leave())

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        hit = self.highlighted_hit
        if hit is not None:
            self.post_message(self.HitChosen(hit))
