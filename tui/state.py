"""What the app remembers between runs: one small JSON file in the user's state folder.

No Textual here.  The file (``state.json`` in :func:`state_dir`) holds the theme, the quote
style, the citation style, the last place in each report, the search history, the
bookmarks and the figure table's sort and filter.  It is written atomically
(:func:`tui.export_files.write_atomic`: a crash leaves the old file or the new one, never
half of one) and read defensively: a file that is not JSON, not ours, too big, or from a
newer version is ignored, and :func:`load_state` returns a one-line notice saying so for
the app to show.  Every list and map is bounded (the history keeps the newest
:data:`HISTORY_LIMIT` queries), and every string is cleaned of control characters
(:func:`tui.safe_text.clean`): the file is data a user or another program may have edited.
"""

from __future__ import annotations

import json
import os
import re
import string
from dataclasses import dataclass, field
from pathlib import Path

from tui.export_files import make_folder, write_atomic
from tui.safe_text import clean, printable

#: Overrides the state folder (tests, a private profile).
STATE_ENV = "REPORT_EXPLORER_STATE_DIR"
FILE_NAME = "state.json"
VERSION = 1
#: Queries kept in the search history (newest last).
HISTORY_LIMIT = 100
#: Longest query kept, in characters.
QUERY_MAX = 200
#: Reports whose last place is kept (the ones opened most recently).
PLACES_LIMIT = 100
#: A bookmark is named by one letter (``m a`` sets, ``' a`` goes): at most 52.
BOOKMARK_NAMES = string.ascii_letters
#: A state file larger than this is not ours (the bounds above keep it under 64 KB).
MAX_FILE_BYTES = 256 * 1024
#: Ids and names: the report id, a section id, a theme, a citation style, a column.
ID_MAX = 200
_NAME_RE = re.compile(r"[\w.:-]{1,64}")


class StateInvalid(ValueError):
    """The file's content is not a state this version can read; ``str()`` says why."""


@dataclass
class Place:
    """A place in a report: the section, and the offset of the text at the top of the pane."""

    report: str
    section: str
    offset: int = 0

    def to_data(self) -> dict[str, object]:
        return {"report": self.report, "section": self.section, "offset": self.offset}

    @classmethod
    def from_data(cls, data: object, where: str) -> Place:
        if not isinstance(data, dict):
            raise StateInvalid(f"{where} is not an object")
        report, section, offset = data.get("report"), data.get("section"), data.get("offset", 0)
        return cls(_ident(report, f"{where}.report"), _ident(section, f"{where}.section"),
                   _offset(offset, f"{where}.offset"))


@dataclass
class State:
    """Everything remembered.  ``None`` means "not set": the app's default applies."""

    theme: str | None = None
    corner_quotes: bool | None = None
    citation_style: str | None = None
    places: dict[str, Place] = field(default_factory=dict)  # report id → last place, oldest first
    history: list[str] = field(default_factory=list)  # queries, oldest first
    bookmarks: dict[str, Place] = field(default_factory=dict)  # letter → place
    figure_sort: str | None = None
    figure_reverse: bool = False
    figure_filter: str = ""

    # ---- changes ------------------------------------------------------------------------
    def remember_query(self, query: str) -> None:
        """Add a query to the history (newest last); a repeat moves to the end."""
        query = clean(query, lines=False).strip()[:QUERY_MAX]
        if not query:
            return
        if query in self.history:
            self.history.remove(query)
        self.history.append(query)
        del self.history[:-HISTORY_LIMIT]

    def remember_place(self, report: str, section: str, offset: int = 0) -> None:
        """The last place in ``report``; the report becomes the most recent one."""
        self.places.pop(report, None)
        self.places[report] = Place(report, section, max(0, offset))
        while len(self.places) > PLACES_LIMIT:
            del self.places[next(iter(self.places))]

    def set_bookmark(self, name: str, place: Place) -> None:
        if len(name) != 1 or name not in BOOKMARK_NAMES:
            raise ValueError(f"a bookmark is named by one letter, not {name!r}")
        self.bookmarks[name] = place

    # ---- JSON ---------------------------------------------------------------------------
    def to_json(self) -> str:
        data = {
            "version": VERSION,
            "theme": self.theme,
            "corner_quotes": self.corner_quotes,
            "citation_style": self.citation_style,
            "places": [p.to_data() for p in self.places.values()],
            "history": list(self.history),
            "bookmarks": {name: p.to_data() for name, p in sorted(self.bookmarks.items())},
            "figures": {"sort": self.figure_sort, "reverse": self.figure_reverse, "filter": self.figure_filter},
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_data(cls, data: object) -> State:
        """A state from parsed JSON; raises :class:`StateInvalid` for anything unexpected."""
        if not isinstance(data, dict):
            raise StateInvalid("not a JSON object")
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise StateInvalid("no version number")
        if version > VERSION:
            raise StateInvalid(f"written by a newer report-explorer (state version {version})")
        state = cls(theme=_name(data.get("theme"), "theme"),
                    corner_quotes=_flag(data.get("corner_quotes"), "corner_quotes"),
                    citation_style=_name(data.get("citation_style"), "citation_style"))
        places = data.get("places", [])
        if not isinstance(places, list):
            raise StateInvalid("places is not a list")
        for n, item in enumerate(places[-PLACES_LIMIT:]):
            place = Place.from_data(item, f"places[{n}]")
            state.places.pop(place.report, None)
            state.places[place.report] = place
        history = data.get("history", [])
        if not isinstance(history, list) or not all(isinstance(q, str) for q in history):
            raise StateInvalid("history is not a list of queries")
        for query in history:
            state.remember_query(query)
        bookmarks = data.get("bookmarks", {})
        if not isinstance(bookmarks, dict):
            raise StateInvalid("bookmarks is not an object")
        for name, item in bookmarks.items():
            if len(name) != 1 or name not in BOOKMARK_NAMES:
                raise StateInvalid(f"bookmark name {printable(name)[:20]!r} is not one letter")
            state.bookmarks[name] = Place.from_data(item, f"bookmarks.{name}")
        figures = data.get("figures", {})
        if not isinstance(figures, dict):
            raise StateInvalid("figures is not an object")
        state.figure_sort = _name(figures.get("sort"), "figures.sort")
        state.figure_reverse = bool(_flag(figures.get("reverse"), "figures.reverse"))
        filter_text = figures.get("filter", "")
        if not isinstance(filter_text, str):
            raise StateInvalid("figures.filter is not text")
        state.figure_filter = clean(filter_text, lines=False)[:QUERY_MAX]
        return state


def _ident(value: object, where: str) -> str:
    if not isinstance(value, str) or not value or len(value) > ID_MAX:
        raise StateInvalid(f"{where} is not an id")
    cleaned = clean(value, lines=False)
    if cleaned != value:
        raise StateInvalid(f"{where} holds control characters")
    return value


def _offset(value: object, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**31:
        raise StateInvalid(f"{where} is not an offset")
    return value


def _name(value: object, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _NAME_RE.fullmatch(value):
        raise StateInvalid(f"{where} is not a name")
    return value


def _flag(value: object, where: str) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise StateInvalid(f"{where} is not true or false")


# ---- the file ---------------------------------------------------------------------------

def state_dir() -> Path:
    """``$REPORT_EXPLORER_STATE_DIR``, else ``report-explorer`` in the user's state folder
    (``~/.local/state/report-explorer`` on Linux)."""
    if env := os.environ.get(STATE_ENV):
        return Path(env).expanduser()
    from platformdirs import user_state_path

    return user_state_path("report-explorer", appauthor=False)


def state_path(folder: Path | None = None) -> Path:
    return (folder or state_dir()) / FILE_NAME


def load_state(path: Path | None = None) -> tuple[State, str | None]:
    """The remembered state and ``None``; or a fresh state and a notice saying why the
    file was ignored.  A missing file is no news: a fresh state, no notice."""
    path = path or state_path()
    shown = printable(str(path))
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return State(), None
    except IsADirectoryError:
        return State(), f"Ignored the saved state: {shown} is a folder, not a file."
    except OSError as err:
        return State(), f"Could not read the saved state {shown}: {err.strerror or err}; starting fresh."
    reason = None
    if len(raw) > MAX_FILE_BYTES:
        reason = f"larger than {MAX_FILE_BYTES // 1024} KB"
    else:
        try:
            return State.from_data(json.loads(raw.decode("utf-8"))), None
        except UnicodeDecodeError:
            reason = "not UTF-8 text"
        except json.JSONDecodeError as err:
            reason = f"not valid JSON (line {err.lineno}, column {err.colno})"
        except RecursionError:
            reason = "nested too deeply"
        except StateInvalid as err:
            reason = str(err)
    return State(), f"Ignored the saved state {shown}: {reason}. Starting fresh; it is replaced on exit."


def save_state(state: State, path: Path | None = None) -> Path:
    """Write the state atomically, creating its folder; raises
    :class:`tui.export_files.ExportError` with a one-line reason (a symbolic link at the
    file's name is refused, never followed)."""
    path = path or state_path()
    make_folder(path.parent)
    return write_atomic(path, state.to_json())
