"""The report picker (``r``): a fuzzy list of the open reports — place, year, short kind,
title — filtered as you type; enter switches to the report.

Each word typed must match a report's place, year, kind, title, issuer, id or the
place's pinyin (``sichuan``, ``sc``): in part, scored by rapidfuzz's ``partial_ratio``, or
its characters in order (fzf-style: ``温州法治``); the best matches come first.  The
search's report filters work too (``year:2018``, ``@温州``, ``kind:公报``).  It needs no
library folder: several files given on the command line are listed the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rapidfuzz import fuzz
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.cjk_wrap import display_text
from tui.search.filters import label_of, passes
from tui.search.text import fold, parse_query
from tui.widgets.clean_input import CleanInput
from tui.widgets.library_table import Row, rows_of

if TYPE_CHECKING:
    from tui.app import ReportApp
    from tui.report_set import ReportSet

#: A word matches a report when it scores this much (0–100).
CUTOFF = 75.0
IN_ORDER = 85.0  # the score of a word whose characters all appear in order


def word_score(word: str, hay: str) -> float:
    """How well one typed word matches a report's text (0–100)."""
    if word in hay:
        return 100.0
    score = fuzz.partial_ratio(word, hay)
    at = 0
    for ch in word:  # fzf-style: the characters in order, gaps allowed
        at = hay.find(ch, at) + 1
        if not at:
            break
    else:
        score = max(score, IN_ORDER)
    return score


def fields_of(row: Row) -> list[tuple[str, float]]:
    """What a word is matched against, with a weight: what the label shows (place and its
    pinyin, year, kind) counts most, then title and issuer, then the report id."""
    f = row.facts
    return [(fold(" ".join((f.place or "", *f.spellings))), 1.0), (str(f.year or ""), 1.0),
            (fold(f"{f.kind or ''} {f.short_kind}"), 1.0), (fold(f.title), 0.95), (fold(f.issuer or ""), 0.95),
            (fold(f.id), 0.85)]


def pick(rows: list[Row], text: str) -> list[Row]:
    """The rows that match ``text``, best first (ties: in library order)."""
    parsed = parse_query(text)
    words = [fold(w) for w in parsed.terms]
    scored = []
    for row in rows:
        if parsed.filters and not passes(row.facts, parsed.filters):
            continue
        fields = [(hay, weight) for hay, weight in fields_of(row) if hay.strip()]
        scores = [max((weight * word_score(w, hay) for hay, weight in fields), default=0.0) for w in words]
        if all(s >= CUTOFF for s in scores):
            scored.append((-(sum(scores) / len(scores)) if scores else 0.0, row.order, row))
    return [row for *_, row in sorted(scored, key=lambda t: (t[0], t[1]))]


class ReportPicker(ModalScreen[str | None]):
    """Dismissed with the chosen report's id, or ``None`` on escape."""

    app: ReportApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=True),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | (type) | Filter the reports: place, year, kind, title, pinyin of the place (sc, sichuan); year:2018, @温州, kind:公报. |
    | up / down | Move in the list. |
    | enter | Switch to the report (where it was last read). |
    | escape | Cancel. |
    """

    def __init__(self, reports: ReportSet, current: str | None = None) -> None:
        super().__init__()
        self.rows = rows_of(reports.entries())
        self.current = current
        self.shown: list[Row] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(Content.styled(f"Switch report · {len(self.rows)} open", "bold"), id="picker-title")
            yield CleanInput(placeholder="type: 四川 · 2018 · 统计公报 · sc", id="picker-input")
            yield OptionList(id="picker-list", markup=False)

    def on_mount(self) -> None:
        self.refill("")
        self.query_one("#picker-input", Input).focus()

    def prompt(self, row: Row) -> Content:
        corner = self.app.corner_quotes
        mark = "● " if row.id == self.current else "  "
        return Content.assemble((mark, "$text-accent"), (display_text(label_of(row.facts), corner), "bold"),
                                "  ", (display_text(row.facts.title, corner), "$text-muted"))

    def refill(self, text: str) -> None:
        self.shown = pick(self.rows, text)
        options = [Option(self.prompt(row), id=row.id) for row in self.shown]
        if not options:
            options = [Option(Content.assemble(("  no report matches ", "$text-muted"), display_text(text)),
                              disabled=True)]
        listing = self.query_one("#picker-list", OptionList)
        listing.clear_options()
        listing.add_options(options)
        ids = [row.id for row in self.shown]
        listing.highlighted = (ids.index(self.current) if not text.strip() and self.current in ids
                               else 0 if ids else None)

    @property
    def chosen(self) -> str | None:
        listing = self.query_one("#picker-list", OptionList)
        if listing.highlighted is None or not self.shown:
            return None
        return self.shown[listing.highlighted].id

    @on(Input.Changed, "#picker-input")
    def _typed(self, event: Input.Changed) -> None:
        self.refill(event.value)

    @on(Input.Submitted, "#picker-input")
    def _submitted(self) -> None:
        if self.chosen is not None:
            self.dismiss(self.chosen)

    @on(OptionList.OptionSelected, "#picker-list")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.dismiss(event.option.id)

    def action_move(self, delta: int) -> None:
        listing = self.query_one("#picker-list", OptionList)
        if self.shown:
            at = listing.highlighted if listing.highlighted is not None else -delta
            listing.highlighted = (at + delta) % len(self.shown)

    def action_cancel(self) -> None:
        self.dismiss(None)


def pick_report(app: ReportApp) -> None:
    """``r``: the picker over the open reports; the choice opens where it was last read."""
    from tui.screens.library import open_report

    def chosen(report_id: str | None) -> None:
        if report_id is not None:
            open_report(app, report_id)

    app.push_screen(ReportPicker(app.reports, current=app.main.report.id), chosen)
