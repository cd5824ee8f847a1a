"""Remembered state (tui.state): the file, its bounds, a corrupt file ignored with a notice."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tui.export_files import ExportError
from tui.state import (HISTORY_LIMIT, MAX_FILE_BYTES, Place, State, load_state, save_state, state_dir,
                       state_path)


def test_state_dir_follows_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("REPORT_EXPLORER_STATE_DIR", str(tmp_path / "st"))
    assert state_dir() == tmp_path / "st"
    assert state_path() == tmp_path / "st" / "state.json"
    monkeypatch.delenv("REPORT_EXPLORER_STATE_DIR")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    assert state_dir() == tmp_path / "xdg" / "report-explorer"


def test_a_missing_file_is_a_fresh_state_without_notice(tmp_path: Path) -> None:
    state, notice = load_state(tmp_path / "none" / "state.json")
    assert state == State() and notice is None


def test_round_trip_and_the_file_as_written(tmp_path: Path) -> None:
    state = State(theme="textual-light", corner_quotes=True, citation_style="plain")
    state.remember_place("wenzhou-2018-rule-of-law", "6.1", 120)
    state.remember_query("纠错率")
    state.remember_query("jcl")
    state.set_bookmark("a", Place("wenzhou-2018-rule-of-law", "closing", 0))
    state.figure_sort, state.figure_reverse, state.figure_filter = "value", True, "率"
    path = save_state(state, tmp_path / "deep" / "state.json")  # the folder is created
    assert path.read_text(encoding="utf-8") == (
        '{\n "version": 1,\n "theme": "textual-light",\n "corner_quotes": true,\n "citation_style": "plain",\n'
        ' "places": [\n  {\n   "report": "wenzhou-2018-rule-of-law",\n   "section": "6.1",\n   "offset": 120\n  }\n ],\n'
        ' "history": [\n  "纠错率",\n  "jcl"\n ],\n'
        ' "bookmarks": {\n  "a": {\n   "report": "wenzhou-2018-rule-of-law",\n   "section": "closing",\n'
        '   "offset": 0\n  }\n },\n'
        ' "figures": {\n  "sort": "value",\n  "reverse": true,\n  "filter": "率"\n }\n}\n')
    again, notice = load_state(path)
    assert notice is None and again == state
    assert [p.name for p in path.parent.iterdir()] == ["state.json"]  # no temporary file left


def test_history_is_bounded_newest_last_without_repeats() -> None:
    state = State()
    for n in range(150):
        state.remember_query(f"q{n}")
    assert len(state.history) == HISTORY_LIMIT == 100
    assert state.history[0] == "q50" and state.history[-1] == "q149"
    state.remember_query("q60")  # a repeat moves to the end
    assert state.history[-1] == "q60" and state.history.count("q60") == 1 and len(state.history) == 100
    state.remember_query("   ")
    state.remember_query("a\x1b[31mb\nc")  # control sequences never kept
    assert state.history[-1] == "ab c"
    state.remember_query("长" * 500)
    assert state.history[-1] == "长" * 200


def test_places_are_bounded_most_recent_last() -> None:
    state = State()
    for n in range(105):
        state.remember_place(f"r{n}", "1.1")
    assert len(state.places) == 100 and next(iter(state.places)) == "r5"
    state.remember_place("r5", "2.1", 7)
    assert list(state.places)[-1] == "r5" and state.places["r5"] == Place("r5", "2.1", 7)


def test_bookmarks_are_letters() -> None:
    state = State()
    state.set_bookmark("Z", Place("r", "1.1"))
    with pytest.raises(ValueError):
        state.set_bookmark("1", Place("r", "1.1"))
    with pytest.raises(ValueError):
        state.set_bookmark("ab", Place("r", "1.1"))


@pytest.mark.parametrize(("content", "reason"), [
    (b"{not json", "not valid JSON (line 1, column 2)"),
    (b"\xff\xfe{}", "not UTF-8 text"),
    (b"[1, 2]", "not a JSON object"),
    (b"{}", "no version number"),
    (b'{"version": 9}', "written by a newer report-explorer (state version 9)"),
    ('{"version": 1, "history": "纠错率"}'.encode(), "history is not a list of queries"),
    (b'{"version": 1, "theme": "[bold]x"}', "theme is not a name"),
    (b'{"version": 1, "corner_quotes": "yes"}', "corner_quotes is not true or false"),
    (b'{"version": 1, "places": [{"report": "r", "section": "1.1", "offset": -1}]}', "places[0].offset is not an offset"),
    (b'{"version": 1, "places": [{"report": "r\\u001b]52;c;x\\u0007", "section": "1.1"}]}',
     "places[0].report holds control characters"),
    (b'{"version": 1, "bookmarks": {"1": {"report": "r", "section": "1.1"}}}', "bookmark name '1' is not one letter"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
])
def test_a_corrupt_file_is_ignored_with_a_notice(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(content)
    state, notice = load_state(path)
    assert state == State()
    assert notice == f"Ignored the saved state {path}: {reason}. Starting fresh; it is replaced on exit."


def test_a_huge_file_or_a_folder_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(b" " * (MAX_FILE_BYTES + 1))
    assert load_state(path)[1] == (f"Ignored the saved state {path}: larger than 256 KB. "
                                   "Starting fresh; it is replaced on exit.")
    folder = tmp_path / "dir"
    folder.mkdir()
    assert load_state(folder)[1] == f"Ignored the saved state: {folder} is a folder, not a file."


def test_hostile_strings_in_the_file_are_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"version": 1, "history": ["纠错\x1b]52;c;aGk=\x07率", "\u202eevil"],
                                "figures": {"filter": "率\x9b2J"}}), encoding="utf-8")
    state, notice = load_state(path)
    assert notice is None
    assert state.history == ["纠错率", "evil"] and state.figure_filter == "率"


def test_a_notice_shows_a_hostile_path_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "a\x1b[2Jb"
    folder.mkdir()
    path = folder / "state.json"
    path.write_text("{", encoding="utf-8")
    notice = load_state(path)[1]
    assert "\x1b" not in notice and "a\\x1b[2Jb" in notice


def test_saving_refuses_a_symbolic_link_and_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep", encoding="utf-8")
    link = tmp_path / "state.json"
    os.symlink(target, link)
    with pytest.raises(ExportError, match="is a symbolic link"):
        save_state(State(theme="textual-dark"), link)
    assert target.read_text(encoding="utf-8") == "keep"
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ExportError, match="is not a folder"):
        save_state(State(), blocker / "state.json")


# ---- remembered across runs: the app, twice on the same state folder --------------------------

from textual.widgets import Input  # noqa: E402

from tests.test_app import capture_notes, settle  # noqa: E402
from tui.app import ReportApp, create_app  # noqa: E402
from tui.loading import load_report  # noqa: E402
from tui.paths import bundled_report_path  # noqa: E402
from tui.widgets.figure_table import FigureTable  # noqa: E402
from tui.widgets.search_box import SearchBox  # noqa: E402

SIZE = (120, 40)


@pytest.fixture(scope="module")
def report():
    return load_report(bundled_report_path())


async def test_theme_quotes_style_place_and_history_are_kept(report, tmp_path: Path, private_state: Path) -> None:
    app = create_app([report], export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("t", "quotation_mark", "s")  # light, 「」, the plain citation style
        await pilot.press("colon", *"6.1", "enter")
        await pilot.press("slash", *"纠错率", "enter")
        await settle(app, pilot)
        await pilot.press("slash", *"17.3", "escape")
        await settle(app, pilot)
        app.screen_stack[0].body.scroll_to(y=3, animate=False, immediate=True)
        await pilot.press("q")
    saved = json.loads((private_state / "state.json").read_text(encoding="utf-8"))
    assert (saved["theme"], saved["corner_quotes"], saved["citation_style"]) == ("report-light", True, "plain")
    assert saved["history"] == ["纠错率", "17.3"]
    assert saved["places"][-1]["report"] == report.id and saved["places"][-1]["section"] == "6.1"
    assert saved["places"][-1]["offset"] > 0

    again = create_app([report], export_dir=tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        screen = again.screen_stack[0]
        assert again.theme == "report-light" and again.corner_quotes and again.cite_style == "plain"
        assert screen.section.id == "6.1" and screen.body.scroll_y > 0  # where it was left
        box = screen.search_box
        await pilot.press("slash", "up")
        assert box.value == "17.3"
        await pilot.press("up")
        assert box.value == "纠错率"
        await pilot.press("up")  # the oldest: stays
        assert box.value == "纠错率"
        await pilot.press("down")
        assert box.value == "17.3"
        await pilot.press("down")  # past the newest: what was typed before (nothing)
        assert box.value == ""


async def test_bookmarks_are_set_listed_and_kept(report, tmp_path: Path, private_state: Path) -> None:
    app = create_app([report], export_dir=tmp_path, section="6.1")
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("m", "a")
        await pilot.pause()
        assert notes[-1] == "Bookmark a: 6.1 六、健全完善矛盾纠纷多元化解机制,畅通权利救济渠道,保障社会公众合法权益 › （一）完善行政复议工作制度 (' then a comes back)"
        await pilot.press("colon", *"1.1", "enter")
        await pilot.press("apostrophe", "a")
        await pilot.pause()
        assert app.screen_stack[0].section.id == "6.1"
        await pilot.press("apostrophe", "z")
        await pilot.pause()
        assert notes[-1] == "No bookmark z in the reports open."
        await pilot.press("m", "escape")  # no letter: nothing set
        await pilot.pause()
        assert list(app.state.bookmarks) == ["a"]
        # the palette lists it
        from tui.screens.palette import SearchCommands

        found = [str(hit.display) async for hit in SearchCommands(app.screen_stack[0]).discover()]
        assert any(text.startswith("'a") and "6.1 六、" in text for text in found)
    again = create_app([report], export_dir=tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        await pilot.press("colon", *"1.1", "enter", "apostrophe", "a")
        await pilot.pause()
        assert again.screen_stack[0].section.id == "6.1"


async def test_the_figure_table_sort_and_filter_are_kept(report, tmp_path: Path) -> None:
    app = create_app([report], export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f", "3", "3", "slash", *"率", "escape")
        await pilot.pause()
        assert app.state.figure_sort == "value" and app.state.figure_reverse and app.state.figure_filter == "率"
    again = create_app([report], export_dir=tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        await pilot.press("f")
        await pilot.pause()
        table = again.screen.query_one(FigureTable)
        assert (table.sort_column, table.sort_reverse, table.filter_text) == ("value", True, "率")
        assert again.screen.query_one("#filter", Input).value == "率"
        values = [r.magnitude for r in table.shown if not r.is_date]
        assert values == sorted(values, reverse=True) and all("率" in r.figure.label or "percent" in r.figure.kind
                                                               for r in table.shown)


async def test_fresh_neither_reads_nor_writes(report, tmp_path: Path, private_state: Path) -> None:
    path = private_state / "state.json"
    saved = State(theme="report-light")
    saved.remember_place(report.id, "6.1")
    save_state(saved, path)
    before = path.read_bytes()
    app = create_app([report], export_dir=tmp_path, fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.theme == "report-dark" and app.screen_stack[0].section.id == "1.1"
        await pilot.press("t", "q")
    assert path.read_bytes() == before


def test_the_cli_has_fresh() -> None:
    from click.testing import CliRunner

    from tui.cli import main as cli

    done = CliRunner().invoke(cli, ["open", "--help"], catch_exceptions=False)
    assert done.exit_code == 0 and "--fresh" in done.output and "Start clean" in done.output


async def test_a_corrupt_state_file_is_ignored_with_a_notice_on_screen(report, tmp_path: Path,
                                                                       private_state: Path) -> None:
    path = private_state / "state.json"
    path.write_text('{"version": 1, "history": [1, 2]', encoding="utf-8")
    app = create_app([report], export_dir=tmp_path)
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert notes == [f"Ignored the saved state {path}: not valid JSON (line 1, column 33). "
                         "Starting fresh; it is replaced on exit."]
        assert app.screen_stack[0].section.id == "1.1"  # and the app is usable
        await pilot.press("slash", *"纠错率", "enter")
        await settle(app, pilot)
        assert app.screen_stack[0].section.id == "6.1"
    assert json.loads(path.read_text(encoding="utf-8"))["history"] == ["纠错率"]


async def test_a_state_folder_that_cannot_be_written_is_said_after_exit(report, tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    app = create_app([report], export_dir=tmp_path, state_file=blocker / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
    assert app.state_error == f"could not save the state: {blocker}: is not a folder"
