"""The live results: hits grouped by chapter, matched characters highlighted."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on
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
    from tui.search import Hit

#: Between a figure's "label：raw" and its sentence in a hit's text (see tui.search).
SENTENCE_SEP = "｜"
#: Cells of a hit's text shown in one row (the row's own width cuts the rest with …).
SNIPPET_CELLS = 64

KIND_LABELS = {"figure": "数字", "measure": "举措", "section": "小节", "chapter": "章", "text": "正文"}


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


def section_text_of(reports: dict[str, Report], hit: Hit) -> str | None:
    report = reports.get(hit.report)
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

    def show_hits(self, query: str, hits: list[Hit], reports: dict[str, Report],
                  corner_quotes: bool = False, group: Callable[..., tuple[str, str]] = group_of) -> None:
        """Replace the list: chapters in order of their best hit, hits in rank order."""
        self.query_text, self.hits = query, list(hits)
        groups: dict[str, tuple[str, list[int]]] = {}
        for number, hit in enumerate(hits):
            key, label = group(reports, hit)
            groups.setdefault(key, (label, []))[1].append(number)
        options: list[Option] = []
        for key, (label, members) in groups.items():
            head = Content.assemble((display_text(label, corner_quotes), "bold"), (f"  {len(members)}", "$text-muted"))
            options.append(Option(head, id=f"group:{key}", disabled=True))
            options.extend(Option(hit_prompt(hits[n], corner_quotes, section_text_of(reports, hits[n])), id=f"hit:{n}")
                           for n in members)
        if not hits and query:
            options.append(Option(Content.assemble(("  no match for ", "$text-muted"), display_text(query)),
                                  id="none", disabled=True))
        with self.app.batch_update():
            self.clear_options()
            self.add_options(options)
            first = next((i for i, o in enumerate(options) if not o.disabled), None)
            self.highlighted = first

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
