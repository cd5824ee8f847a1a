"""ReportApp: the Textual explorer — app-wide keys, the search index, copy-out.

``create_app`` is the one factory, used by the CLI and by the tests.  The screens hold the
rest: :mod:`tui.screens.main` (outline, search, reading pane), ``help``, ``figures``,
``copy_menu``, ``library`` (every open report; ``L``, ``{`` ``}``), ``report_picker``
(``r``) and ``compare`` (a figure across the open reports; ``x``); :mod:`tui.screens.palette`
puts the search into the command palette.
Styling lives in ``styles/app.tcss``.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import Screen

from tui.errors import ReportError
from tui.cjk_wrap import display_text
from tui.citation import DEFAULT_STYLE, STYLES, cite, figure_block, next_style
from tui.export import clean, render_section
from tui.export_files import ExportError, default_export_dir, export_name, save_export
from tui.gc_pause import gc_paused
from tui.model import Figure, Report, Section
from tui.path_breaks import break_paths
from tui.paths import styles_dir
from tui.report_parts import find_section
from tui.report_set import LAZY_FROM, ReportSet
from tui.screens.main import BEHIND, MainScreen
from tui.screens.palette import SearchCommands
from tui.state import Place, State, load_state, save_state, state_path
from tui.themes import DARK, LIGHT, report_themes

if TYPE_CHECKING:
    from tui.search import Hit, SearchIndex

#: Above this many bytes a copy is also saved to a file: terminals often cut OSC 52 short.
OSC52_LIMIT = 4096
#: Notifications lie top right, over the header and the search box (styles/app.tcss,
#: "notifications": Toast width and max-width): at most this many cells wide, or this share of
#: the screen; border and padding take 3 cells.  Long paths in them are broken to that width.
TOAST_WIDTH, TOAST_SHARE, TOAST_FRAME = 72, 0.55, 3
#: Seconds a notification that names a saved file stays (the others: NOTIFICATION_TIMEOUT).
SAVED_TIMEOUT = 6
#: The two themes ``t`` switches between (the command palette offers all of Textual's):
#: Textual's dark and light with colours that meet WCAG AA (tui.themes).
THEMES = (DARK, LIGHT)
EXTENSIONS = {"text": "txt", "md": "md", "json": "json"}
FORMAT_NAMES = {"text": "plain text", "md": "Markdown", "json": "JSON"}
#: The keys that save a section in each format (e; C then T / M / J in the copy menu).
SAVE_KEYS = {"text": "e", "md": "C then M", "json": "C then J"}


def _breakpoint(size: int, breakpoints: list[tuple[int, str]]) -> str:
    return next(name for edge, name in sorted(breakpoints, reverse=True) if size >= edge)


def resolve_section(reports: ReportSet, wanted: str) -> tuple[str, str]:
    """``"6.1"``, ``"6"`` (its first section) or ``"<report-id>:6.1"`` → (report id, section id).

    ``"preamble"`` and ``"closing"`` (前言, 结语) work too, where the report has them.
    Without a report id, the first report that has the section (loaded one by one).
    """
    report_id, _, ident = wanted.rpartition(":")
    if report_id and report_id not in reports:
        raise ReportError(f"no report {report_id!r} open (see `report-explorer library`)")
    candidates = (reports[report_id],) if report_id else reports.each()
    for report in candidates:
        if find_section(report, ident) is not None:
            return report.id, ident
        chapter = next((c for c in report.chapters if c.id == ident and c.sections), None)
        if chapter is not None:
            return report.id, chapter.sections[0].id
    shown = reports[report_id] if report_id else reports.first
    known = [s.id for s in shown.sections()]
    hint = f" (sections {known[0]} … {known[-1]}; see `report-explorer outline`)" if known else ""
    raise ReportError(f"no section {wanted!r} in the report{hint}")


def create_app(reports: list[Report] | ReportSet, *, section: str | None = None, search: str | None = None,
               export_dir: Path | None = None, corner_quotes: bool | None = None,
               fresh: bool = False, state_file: Path | None = None, skipped: list | None = None,
               start_library: bool = False, library=None) -> ReportApp:
    """The app on ``reports`` (a list: every report in memory; or a :class:`ReportSet`,
    which a large library holds as its catalog), opened at ``section`` and/or with
    ``search`` typed in.

    Raises :class:`ReportError` (before any screen is drawn) for an unknown section.
    ``corner_quotes`` (default ``$REPORT_EXPLORER_QUOTES == "corner"``, else as remembered)
    draws “” as 「」.  What the app remembers (tui.state) is read from ``state_file``
    (default: ``state.json`` in the user's state folder) and written back on exit;
    ``fresh`` neither reads nor writes it.  ``skipped`` (path + reason, from the library
    scan) is listed on the library screen (``!``); ``start_library`` opens on that screen
    when several reports are open (the CLI does, unless a section or search is given).
    ``library`` (:class:`tui.library.Library`, the folders the reports came from): from
    :data:`DISK_FROM` reports on, search goes through the library's index on disk.
    """
    if not isinstance(reports, ReportSet):
        reports = ReportSet.of(list(reports))
    if not reports:
        raise ReportError("no report to open")
    if not reports.first.sections() and not any(r.sections() for r in reports.each()):
        raise ReportError(f"{reports.first.id}: the report has no sections to show")
    location = resolve_section(reports, section) if section else None
    path = None if fresh else (state_file or state_path())
    state, notice = (State(), None) if path is None else load_state(path)
    if corner_quotes is None and os.environ.get("REPORT_EXPLORER_QUOTES", "") == "corner":
        corner_quotes = True
    if corner_quotes is None:
        corner_quotes = bool(state.corner_quotes)
    restore = None
    if location is None:  # the last place in the first report, where it still exists
        place = state.places.get(reports.first.id)
        if place is not None and find_section(reports.first, place.section) is not None:
            restore = place
    return ReportApp(reports, location=location, search=search, export_dir=export_dir or default_export_dir(),
                     corner_quotes=corner_quotes, state=state, state_file=path, state_notice=notice,
                     restore=restore, skipped=skipped, library=library,
                     start_library=start_library and len(reports) > 1 and location is None and not search)


#: Libraries of this many reports or more are searched through their index on disk
#: (tui.library.search_index): built once, then ready at once; smaller ones from memory.
#: (The CLI holds such a library as its catalog: tui.report_set.LAZY_FROM, the same number.)
DISK_FROM = LAZY_FROM


class ReportApp(App[None]):
    """Browse a report's outline, read sections, search figures, copy them out."""

    CSS_PATH = [styles_dir() / "app.tcss"]
    TITLE = "report-explorer"
    #: Seconds a notification stays (a click closes it at once): information briefly, as it
    #: lies over the search box (and, when long, the breadcrumb); warnings and errors longer.
    NOTIFICATION_TIMEOUT = 3
    WARNING_TIMEOUT = 6
    COMMANDS = App.COMMANDS | {SearchCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (60, "-narrow"), (90, "-wide")]
    #: -short: too small (TooSmall); -low (15–23 rows): the search box takes one row, not three.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (15, "-low"), (24, "-tall")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", show=True),
        Binding("question_mark", "help", "Help", show=True),
        Binding("t", "toggle_theme", "Theme", show=False, tooltip="Switch between dark and light"),
        Binding("quotation_mark", "toggle_quotes", "“” ↔ 「」", show=False,
                tooltip="Draw “” as 「」, for terminals that draw ambiguous-width quotes wide"),
        Binding("s", "cite_style", "Citation style", show=False,
                tooltip="GB/T 7714-2015 (the default) or the plain Chinese style, for every copy"),
        Binding("L", "library", "Library", show=False, tooltip="Every open report in a table; L again goes back"),
        Binding("r", "pick_report", "Switch report", show=False, tooltip="A fuzzy list of the open reports"),
        Binding("right_curly_bracket", "step_report(1)", "Next report", show=False),
        Binding("left_curly_bracket", "step_report(-1)", "Previous report", show=False),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | q | Quit. |
    | ? | Help: every key. |
    | t | Switch between the dark and the light theme. |
    | " | Draw “” as 「」 (for terminals that draw ambiguous-width quotes wide). |
    | s | Citation style: GB/T 7714-2015 or plain Chinese. |
    | L | The library: every open report (sort, filter, enter opens); L again goes back. |
    | r | Switch report: a fuzzy list of the open reports. |
    | } / { | Next / previous report (in the library's order). |
    """

    def __init__(self, reports: ReportSet, *, location: tuple[str, str] | None = None,
                 search: str | None = None, export_dir: Path, corner_quotes: bool = False,
                 state: State | None = None, state_file: Path | None = None, state_notice: str | None = None,
                 restore: Place | None = None, skipped: list | None = None, start_library: bool = False,
                 library=None) -> None:
        super().__init__()
        self.library = library if library is not None and len(reports) >= DISK_FROM else None
        self.skipped = list(skipped or ())
        self.start_library = start_library
        self.reports = reports
        reports.on_unavailable = self._report_unavailable
        self.location = location
        self.start_search = search
        self.export_dir = export_dir
        self.corner_quotes = corner_quotes
        self.state = state or State()
        self.state_file = state_file
        self.state_notice = state_notice
        self.state_error: str | None = None
        self.restore = restore
        self.cite_style = self.state.citation_style if self.state.citation_style in STYLES else DEFAULT_STYLE
        for theme in report_themes():
            self.register_theme(theme)
        self.theme = self.state.theme if self.state.theme in THEMES else THEMES[0]
        self._index: SearchIndex | None = None
        self._index_lock = threading.Lock()
        #: gc.freeze() the index once built: set by run(), where the process is the app's
        #: (not under run_test: a test process's garbage would be frozen with it, test by test)
        self.freeze_gc = False

    def get_default_screen(self) -> Screen:
        # The breakpoint classes up front: Textual would otherwise add them at the first
        # resize and restyle every widget once more before the first frame.
        width, height = self.size
        classes = {_breakpoint(width, self.HORIZONTAL_BREAKPOINTS), _breakpoint(height, self.VERTICAL_BREAKPOINTS)}
        if self.start_library:  # under the library screen: not laid out nor drawn until shown
            classes.add(BEHIND)
        place = self.restore
        start = self.location or ((place.report, place.section) if place else None)
        return MainScreen(self.reports, section=start, search=self.start_search,
                          classes=" ".join(sorted(classes)), focus_body=self.location is not None,
                          offset=place.offset if place and not self.location else 0)

    def run(self, *args, **kwargs):  # type: ignore[override]
        # The loaded reports and the imported modules live as long as the app: take them
        # out of the cyclic collector's sweeps, which otherwise rescan them while the
        # first screen is built (about 25 ms of start-up).
        gc.freeze()
        self.freeze_gc = True  # and the search index, once built (search_index)
        from tui.terminal_input import install as tolerate_invalid_utf8

        tolerate_invalid_utf8()  # a pasted invalid UTF-8 byte must not kill the input thread
        result = super().run(*args, **kwargs)
        if self.state_error:  # after the terminal is back: one line on stderr
            import sys

            print(f"report-explorer: {self.state_error}", file=sys.stderr)
        return result

    def on_mount(self) -> None:
        self.call_after_refresh(self.build_index)
        if self.start_library:
            self.action_library()
        if self.skipped:  # once, with the key that lists them (not one notification per file)
            n = len(self.skipped)
            self.notify(f"{n} file{'s' if n != 1 else ''} skipped: ! on the library screen (L) lists them, with the reasons.",
                        title="Library", severity="warning", markup=False, timeout=6)
        if self.state_notice:
            self.notify(self.state_notice, title="Saved state", severity="warning", markup=False, timeout=8)

    # ---- remembered state (tui.state) -----------------------------------------------------
    def on_unmount(self) -> None:
        self.save_state()

    def save_state(self) -> None:
        """Write what is remembered; a failure is kept for one line on stderr after exit."""
        if self.state_file is None:
            return
        self.state.theme = self.theme if self.theme in THEMES else self.state.theme
        self.state.corner_quotes = self.corner_quotes
        self.state.citation_style = self.cite_style
        try:
            save_state(self.state, self.state_file)
        except OSError as err:
            self.state_error = f"could not save the state: {err}"

    async def action_quit(self) -> None:
        main = self.screen_stack[0] if self.screen_stack else None
        if isinstance(main, MainScreen):
            main.remember_place()
        self.exit()

    @property
    def main(self) -> MainScreen:
        return self.screen_stack[0]  # type: ignore[return-value]

    # ---- the search index: built in a thread after the first frame ------------------------
    @property
    def index_ready(self) -> bool:
        return self._index is not None

    @property
    def search_index(self) -> SearchIndex:
        with self._index_lock:
            if self._index is None and self.library is not None:
                self._index = self._disk_index()
            if self._index is None:
                from tui.search import SearchIndex

                with gc_paused():  # (process-wide: no collection between the build and the freeze)
                    index = SearchIndex.build(list(self.reports.each()),
                                              places=[e.place for e in self.reports.entries()])
                    # what the first in:/@6.1 query would build on the UI thread (0.6-0.9 s at 1,000 reports)
                    index.warm()
                    if self.freeze_gc:
                        # The index lives as long as the app: out of the collector's sweeps, like
                        # the reports (frozen in run()), or the first full collection after the
                        # build traverses it, in a keystroke (30-50 ms at 1,000 reports).  Process-
                        # wide, O(1), safe from this thread; frozen objects are still freed when
                        # unreferenced.  No gc.collect() first: with the first screen's objects
                        # (a 1,000-report outline) it would itself stall 130 ms; what garbage
                        # cycles exist now stay, once.
                        gc.freeze()
                self._index = index
            return self._index

    def _disk_index(self):
        """The library's index on disk (made or brought up to date here, in the worker, the
        search box saying how far along); None — and a message — when it cannot be used."""
        from tui.library.search_index import open_search

        def progress(done: int, total: int) -> None:
            self.call_from_thread(self._index_progress, done, total)

        try:
            found = open_search(self.library, progress=progress, loaded=self.reports.loaded())
        except Exception as err:  # (a full disk, a read-only cache …: search from memory instead)
            self.call_from_thread(self._index_progress, 0, 0)
            self.call_from_thread(self.notify, f"The library's index on disk cannot be used ({type(err).__name__}: "
                                  f"{err}); searching from memory.", title="Search", severity="warning",
                                  markup=False, timeout=8)
            return None
        if found.unindexed:
            self.call_from_thread(self.notify, f"{found.unindexed} reports are not searchable yet: another "
                                  "report-explorer is indexing this library.", title="Search",
                                  severity="warning", markup=False, timeout=8)
        self.call_from_thread(self._index_progress, 0, 0)
        return found

    def _report_unavailable(self, report_id: str, reason: str) -> None:
        """A report of the library that cannot be loaded (its file changed since): said once."""
        message = f"{report_id} cannot be opened: {reason}"
        if threading.current_thread() is threading.main_thread():
            self.notify(message, title="Library", severity="warning", markup=False)
        else:  # (the comparison of a figure reads the reports in a worker)
            self.call_from_thread(self.notify, message, title="Library", severity="warning", markup=False)

    def _index_progress(self, done: int, total: int) -> None:
        main = self.screen_stack[0] if self.screen_stack else None
        if isinstance(main, MainScreen) and main.is_mounted:
            main.index_progress(done, total)

    @work(thread=True, group="index")
    def build_index(self) -> None:
        _ = self.search_index

    # ---- navigation used by the command palette -------------------------------------------
    def _to_main(self) -> MainScreen:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, MainScreen):
            self.pop_screen()
        return self.main

    def open_hit(self, hit: Hit) -> None:
        self._to_main().open_hit(hit)

    def bookmarks_shown(self) -> list[tuple[str, Place]]:
        """The bookmarks whose section is in a report open."""
        return [(name, place) for name, place in self.state.bookmarks.items()
                if (report := self.reports.get(place.report)) is not None
                and find_section(report, place.section) is not None]

    def open_bookmark(self, name: str) -> None:
        self._to_main().go_bookmark(name)

    def open_location(self, report_id: str, section_id: str) -> None:
        report = self.reports.get(report_id)
        section = find_section(report, section_id) if report is not None else None
        if section is not None:
            main = self._to_main()
            main.open_section(report, section)
            main.body.focus()

    # ---- copy-out -------------------------------------------------------------------------
    def citation(self, report: Report, section: Section | None) -> str:
        """The citation line in the chosen style (``s``)."""
        return cite(report, section, style=self.cite_style)

    def copy_section(self, report: Report, section: Section, fmt: str, *, save: bool = False) -> None:
        what = f"section {section.id} as {FORMAT_NAMES[fmt]}"
        self.deliver(render_section(report, section, fmt, cite=self.citation(report, section)), what=what,
                     filename=export_name(report.id, f"{section.id}.{EXTENSIONS[fmt]}"), save=save,
                     save_key=SAVE_KEYS[fmt])

    def copy_figure(self, report: Report, figure: Figure) -> None:
        self.deliver(figure_block(report, figure, style=self.cite_style),
                     what=clean(f"figure {figure.raw} ({figure.label})", lines=False),
                     filename=export_name(report.id, f"{figure.id}.txt"))

    def copy_hit(self, hit: Hit) -> None:
        report = self.reports.get(hit.report)
        if report is None:
            return
        if hit.figure is not None:
            self.copy_figure(report, hit.figure)
            return
        section = find_section(report, hit.section)
        source = self.citation(report, section)
        self.deliver(f"{hit.text}\n——{source}\n", what=clean(f"{hit.kind} hit “{clean(hit.text)[:20]}”", lines=False),
                     filename=export_name(report.id, f"{hit.section or 'report'}-hit.txt"))

    def deliver(self, text: str, *, what: str, filename: str, save: bool = False,
                save_key: str | None = None) -> None:
        """Copy through OSC 52 and/or save to a file; say which, and how many characters.

        ``save_key`` names the keys that save the same thing to a file, for the hint in case
        the terminal ignores OSC 52; ``None`` when no key does (a figure, a hit).
        """
        text = clean(text)
        chars, size = len(text), len(text.encode("utf-8"))
        path: Path | None = None
        if not save:
            self.copy_to_clipboard(text)
        if save or size > OSC52_LIMIT:
            try:  # atomic; never follows a link planted in the folder (tui.export_files)
                path = save_export(self.export_dir, filename, text)
            except OSError as err:
                reason = str(err) if isinstance(err, ExportError) else f"{self.export_dir}: {err.strerror or err}"
                self.notify(clean(f"Could not save {filename}: {reason}"),
                            title="Save failed", severity="error", markup=False)
                if save:
                    return
                path = None
        if save:
            message = f"Saved {what}: {chars:,} characters → {path}"
        elif path is not None:
            message = (f"Copied {what}: {chars:,} characters, sent through OSC 52. Over 4 KB, which "
                       f"many terminals cut short, so also saved → {path}")
        else:
            message = f"Copied {what}: {chars:,} characters, sent through OSC 52"
            if save_key:
                message += f" (if your terminal ignores OSC 52, {save_key} saves it to a file)"
        self.notify(message, title="Saved" if save else "Copied", markup=False,
                    timeout=SAVED_TIMEOUT if path is not None else None)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notification, the screens' too: no control character reaches the terminal.

        Messages holding report text or paths pass ``markup=False`` as well (never markup);
        their long paths are broken at separators to the notification's width, not inside a
        name.  Information closes after NOTIFICATION_TIMEOUT seconds, a warning or an error
        after WARNING_TIMEOUT, unless ``timeout`` says otherwise.
        """
        message = clean(message)
        if not markup:
            width = min(TOAST_WIDTH, int(self.size.width * TOAST_SHARE)) - TOAST_FRAME
            message = break_paths(message, width)
        if timeout is None:
            timeout = self.NOTIFICATION_TIMEOUT if severity == "information" else self.WARNING_TIMEOUT
        super().notify(message, title=clean(title, lines=False), severity=severity,
                       timeout=timeout, markup=markup)

    # ---- app-wide actions -----------------------------------------------------------------
    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_library(self) -> None:
        from tui.screens.library import show_library

        show_library(self)

    def action_pick_report(self) -> None:
        from tui.screens.report_picker import pick_report

        pick_report(self)

    def action_step_report(self, delta: int) -> None:
        from tui.screens.library import step_report

        step_report(self, delta)

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.current_theme.dark else THEMES[0]

    def action_cite_style(self) -> None:
        self.cite_style = next_style(self.cite_style)
        self.notify(f"Citations in the {STYLES[self.cite_style]} style: {self.citation(self.main.report, self.main.section)}",
                    title="Citation style", markup=False, timeout=4)

    def action_toggle_quotes(self) -> None:
        self.corner_quotes = not self.corner_quotes
        self.main.redraw()
        self.notify("Quotes drawn as 「」" if self.corner_quotes else "Quotes drawn as “”", timeout=2)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        main = self.main
        yield SystemCommand("Search", "Focus the search box (/)", main.action_focus_search)
        yield SystemCommand("Figure table", "Every figure, sortable and filtered (f)", main.action_figures)
        yield SystemCommand("Copy section", "As plain text with its citation (c)", main.action_copy_section)
        yield SystemCommand("Copy as…", "Plain text, Markdown or JSON; copy or save (C)", main.action_copy_menu)
        yield SystemCommand("Copy figure", "The figure under the cursor or the top hit (y)", main.action_copy_figure)
        yield SystemCommand("Figure across reports", "The figure under the cursor in every other open report (x)",
                            main.action_compare)
        # a Content, not a markup string: the folder's path may hold [/] (or escapes)
        yield SystemCommand("Export section", Content(display_text(f"Save it to {self.export_dir} (e)")),  # type: ignore[arg-type]
                            main.action_export)
        yield SystemCommand("Library", "Every open report: sort, filter, open (L)", self.action_library)
        yield SystemCommand("Switch report", "A fuzzy list of the open reports (r)", self.action_pick_report)
        yield SystemCommand("Next section", "(])", main.action_next_section)
        yield SystemCommand("Previous section", "([)", main.action_previous_section)
        yield SystemCommand("Next match", "In the reading pane (n)", main.action_next_mark)
        yield SystemCommand("Previous match", "In the reading pane (N)", main.action_previous_mark)
        yield SystemCommand("Back", "To the section visited before (backspace, ctrl+o)", main.action_back)
        yield SystemCommand("Forward", "Again to the section left by Back (shift+backspace, alt+right)",
                            main.action_forward)
        yield SystemCommand("Go to section", "By number: 6.1, 6, 结语 (:)", main.action_goto)
        yield SystemCommand("Set bookmark", "On the current place: m then a letter (' then the letter goes back)",
                            main.action_set_bookmark)
        yield SystemCommand("Citation style", f"Now {STYLES[self.cite_style]}; GB/T 7714 ↔ plain Chinese (s)",
                            self.action_cite_style)
        yield SystemCommand("Outline", "Show the outline / drawer (o)", main.action_outline)
        yield SystemCommand("Switch theme", "Dark ↔ light (t)", self.action_toggle_theme)
        yield SystemCommand("Toggle 「」 quotes", "Draw “” as 「」 (\")", self.action_toggle_quotes)
        yield SystemCommand("Help", "Every key (?)", self.action_help)
