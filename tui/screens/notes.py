"""The notes of a section on request (``i``): the note texts its markers ``[n]`` link to.

``report.note_refs`` links each marker ``[2]`` in a section's text to the numbered note of a
notes part (注释, 注: ``report.parts``).  :func:`section_notes` lists the notes a section
refers to, in order of first mention, and which one is nearest the cursor;
:class:`NotesScreen` shows them in a small modal, that one highlighted.  Note texts are
report text: drawn through :func:`tui.cjk_wrap.display_text`, never read as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from tui.cjk_wrap import display_text, wrap
from tui.model import Report

if TYPE_CHECKING:
    from tui.screens.main import MainScreen


@dataclass(frozen=True)
class Note:
    number: str
    text: str | None  # None: the marker names a note the report does not hold
    part: str | None  # title of the notes part ("注释")
    start: int  # offset of its first marker in the section text


def section_notes(report: Report, section_id: str, near: int | None = None) -> tuple[list[Note], int | None]:
    """The notes section ``section_id`` refers to, and the index of the one whose marker
    is nearest offset ``near`` (None when there are none)."""
    parts = {p.id: p for p in report.parts}
    notes: dict[str, Note] = {}
    best: tuple[int, str] | None = None
    for ref in report.note_refs:
        if ref.section != section_id:
            continue
        found = parts.get(ref.part) if ref.part else None
        entry = next((e for e in found.entries if e.number == ref.note), None) if found else None
        if ref.note not in notes:
            notes[ref.note] = Note(ref.note, entry.definition if entry else None,
                                   found.title if found else None, ref.start)
        if near is not None:
            distance = abs(ref.start - near)
            if best is None or distance < best[0]:
                best = (distance, ref.note)
    listed = list(notes.values())
    if not listed:
        return [], None
    nearest = next((i for i, n in enumerate(listed) if best and n.number == best[1]), 0)
    return listed, nearest


def show_notes(screen: MainScreen) -> None:
    """``i`` on the main screen: the modal, or a notice when the section cites no note."""
    section, report = screen.section, screen.report
    if section is None:
        return
    body = screen.body
    mark = body.current_mark
    near = mark.start if mark is not None else body.top_offset()
    notes, nearest = section_notes(report, section.id, near)
    if not notes:
        where = " (the report's notes are in the outline, after the chapters)" if any(
            p.kind == "notes" for p in report.parts) else ""
        screen.notify(f"No note markers ([1] …) in this section{where}.", severity="warning",
                      markup=False, timeout=3)
        return
    screen.app.push_screen(NotesScreen(section.id, notes, nearest or 0, corner_quotes=screen.app.corner_quotes))


class NoteText(Widget):
    """One note, ``[5] …``, wrapped as Chinese is (any two characters, kinsoku rules:
    :mod:`tui.cjk_wrap`), not only at spaces."""

    DEFAULT_CSS = "NoteText { height: auto; }"

    def __init__(self, label: str, text: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.label, self.text = label, text

    def _lines(self, width: int) -> list[str]:
        return wrap(self.label + self.text, max(2, width))

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        return Content("\n".join(self._lines(self.size.width))).stylize("bold $text-accent", 0, len(self.label))


class NotesScreen(ModalScreen[None]):
    """The notes of one section; the one nearest the cursor highlighted and in view."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,i", "close", "Close", show=True),
        Binding("j,down", "scroll('down')", "Scroll down", show=False),
        Binding("k,up", "scroll('up')", "Scroll up", show=False),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | escape / q / i | Close. |
    | j / k | Scroll. |
    """

    def __init__(self, section_id: str, notes: list[Note], nearest: int, *, corner_quotes: bool = False) -> None:
        super().__init__()
        self.section_id = section_id
        self.notes = notes
        self.nearest = nearest
        self.corner_quotes = corner_quotes

    def compose(self) -> ComposeResult:
        show = lambda text: display_text(text, self.corner_quotes)  # noqa: E731
        title = self.notes[0].part or "注释"
        with Vertical(id="notes"):
            yield Static(Content.assemble((show(title), "bold"), " Notes · section ",
                                          (show(self.section_id), "bold $text-accent")), id="notes-title")
            with VerticalScroll(id="notes-list"):
                for n, note in enumerate(self.notes):
                    text = show(note.text) if note.text is not None else "(no such note in the report)"
                    classes = "note -nearest" if n == self.nearest else "note"
                    yield NoteText(f"[{show(note.number)}] ", text, classes=classes, id=f"note-{n}")
            yield Static("escape closes", id="notes-hint")

    def on_mount(self) -> None:
        scroll = self.query_one("#notes-list", VerticalScroll)
        scroll.focus()
        self.call_after_refresh(scroll.scroll_to_widget, self.query_one(f"#note-{self.nearest}"), animate=False)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, direction: str) -> None:
        scroll = self.query_one("#notes-list", VerticalScroll)
        (scroll.scroll_down if direction == "down" else scroll.scroll_up)(animate=False)
