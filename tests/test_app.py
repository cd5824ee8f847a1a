"""Pilot tests of the explorer: every key of the issue, and search → open → copy.

Each test drives the real app (``create_app``) headless at 120×40 on the bundled report,
or on a small report built here when a test needs particular text.
"""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from rich.style import Style
from textual.widgets import Footer, Static

from tui.app import OSC52_LIMIT, ReportApp, create_app
from tui.citation import cite, figure_block
from tui.cjk_wrap import cell_width
from tui.errors import ReportError
from tui.export import render_section
from tui.loading import load_report
from tui.model import Chapter, Figure, Measure, Mention, Report, Section, Source
from tui.paths import bundled_report_path
from tui.screens.figures import FigureScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.widgets.breadcrumb import Breadcrumb
from tui.widgets.figure_table import FigureTable, percent_bar
from tui.widgets.outline_tree import OutlineTree
from tui.widgets.search_box import SearchBox
from tui.widgets.search_results import SearchResults
from tui.widgets.section_body import SectionBody
from tui.widgets.too_small import TooSmall

SIZE = (120, 40)


@pytest.fixture(scope="module")
def report() -> Report:
    return load_report(bundled_report_path())


def tiny_report(text: str = "", *, long: bool = False) -> Report:
    """Two chapters, three sections; ``text`` goes into 1.1 (hostile text, long text …)."""
    body = text or "(一)加强行政复议。全市直接纠错159件,纠错率17.3%;调解率为23.4%。"
    if long:
        body = body + "推进依法行政，" * 400
    f1 = Figure(id="1.1/f1", section="1.1", raw="17.3%", value=17.3, unit="%", kind="percent",
                label="纠错率", sentence=body, start=max(0, body.find("17.3%")),
                end=max(0, body.find("17.3%")) + 5)
    s11 = Section(id="1.1", number="一", title="加强行政复议", text=body, figures=[f1] if "17.3%" in body else [])
    s12 = Section(id="1.2", number="二", title="第二节", text="(二)第二节。共有8个部门。")
    s21_text = "(一)第三节。坚持“最多跑一次”改革和“枫桥经验”。"
    s21 = Section(id="2.1", number="一", title="第三节", text=s21_text, measures=["枫桥经验"])
    at = s21_text.index("枫桥经验")
    return Report(
        id="tiny", title="测试报告[bold red]", issuer="某市人民政府", issued_on=date(2019, 3, 25),
        chapters=[Chapter(id="1", number="一", title="第一章", heading="一、第一章", sections=[s11, s12]),
                  Chapter(id="2", number="二", title="第二章", heading="二、第二章", sections=[s21])],
        measures=[Measure(id="m1", name="枫桥经验", kind="initiative", mentions=[Mention(section="2.1", start=at, end=at + 4)])],
        source=Source(file="tiny.txt", encoding="utf-8", sha256="0" * 64),
    )


def make(reports: Report | list[Report], tmp_path: Path, **kwargs) -> ReportApp:
    return create_app(reports if isinstance(reports, list) else [reports], export_dir=tmp_path, **kwargs)


def main(app: ReportApp) -> MainScreen:
    assert isinstance(app.screen_stack[0], MainScreen)
    return app.screen_stack[0]


async def settle(app: ReportApp, pilot) -> None:
    """Let workers (the index build, threaded queries) finish and the screen catch up."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def capture_notes(app: ReportApp) -> list[str]:
    notes: list[str] = []
    original = app.notify

    def notify(message: str, **kwargs) -> None:
        notes.append(message)
        original(message, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return notes


async def search(app: ReportApp, pilot, query: str) -> None:
    await pilot.press("slash")
    await pilot.press(*query)
    await settle(app, pilot)


# ---- start-up ----------------------------------------------------------------------------

async def test_startup_shows_outline_header_and_first_section(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main(app)
        tree = screen.query_one(OutlineTree)
        chapters = [n for n in tree.root.children if n.data.kind == "chapter"]
        assert len(chapters) == len(report.chapters) == 7
        # 前言 first and 结语 last, around the chapters
        assert [n.data.id for n in (tree.root.children[0], tree.root.children[-1])] == ["preamble", "closing"]
        assert screen.section is not None and screen.section.id == report.sections()[0].id
        assert screen.query_one(Breadcrumb).section_id == screen.section.id
        assert app.focused is tree
        body = screen.query_one(SectionBody)
        assert "".join(body.lines).startswith(report.sections()[0].text[:10])


async def test_create_app_opens_section_and_search(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path, section="6.1", search="纠错率")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main(app)
        assert screen.section.id == "6.1"
        assert isinstance(app.focused, SearchBox)
        assert screen.hits and screen.query_one(SearchResults).display


def test_create_app_rejects_unknown_sections(report: Report, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no section '9.9'"):
        make(report, tmp_path, section="9.9")
    assert make(report, tmp_path, section="6").location == (report.id, "6.1")  # a chapter: its first section
    with pytest.raises(ReportError):
        create_app([], export_dir=tmp_path)


# ---- outline keys ------------------------------------------------------------------------

async def test_outline_keys_move_expand_collapse_and_open(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen, tree = main(app), main(app).query_one(OutlineTree)
        start = tree.cursor_line
        await pilot.press("j")
        assert tree.cursor_line == start + 1
        await pilot.press("k")
        assert tree.cursor_line == start
        await pilot.press("down", "up")
        assert tree.cursor_line == start
        await pilot.press("h")  # on a section: up to its chapter
        assert tree.cursor_node.data.kind == "chapter"
        await pilot.press("h")  # collapse it
        assert not tree.cursor_node.is_expanded
        await pilot.press("l")  # expand
        assert tree.cursor_node.is_expanded
        await pilot.press("left")
        assert not tree.cursor_node.is_expanded
        await pilot.press("right", "right")  # expand, then into the first section
        assert tree.cursor_node.data.kind == "section"
        await pilot.press("G")
        assert tree.cursor_line == tree.last_line
        await pilot.press("g")
        assert tree.cursor_line == 0
        # open chapter 2's first section with enter
        await pilot.press("j", "h", "j", "l", "l", "enter")  # from 前言 to 一, collapse it, down to 二, expand, in
        await pilot.pause()
        assert screen.section.id == report.chapters[1].sections[0].id


# ---- section navigation ------------------------------------------------------------------

async def test_brackets_step_sections_and_backspace_goes_back(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    ids = [s.id for s in report.sections()]
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main(app)
        await pilot.press("right_square_bracket")
        assert screen.section.id == ids[1]
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.section.id == ids[3]
        await pilot.press("left_square_bracket")
        assert screen.section.id == ids[2]
        await pilot.press("backspace")
        assert screen.section.id == ids[3]
        await pilot.press("backspace", "backspace", "backspace")
        assert screen.section.id == ids[0]
        notes = capture_notes(app)
        await pilot.press("backspace")
        assert screen.section.id == ids[0] and any("No earlier section" in n for n in notes)
        # the tree follows
        tree = screen.query_one(OutlineTree)
        assert tree.cursor_node.data.id == ids[0]


async def test_tab_cycles_focus_and_reading_pane_keys(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path, section="6.1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main(app)
        seen = []
        for _ in range(3):
            await pilot.press("tab")
            seen.append(type(app.focused).__name__)
        assert set(seen) == {"SectionBody", "OutlineTree"}  # never the search box (issue 12)
        body = screen.query_one(SectionBody)
        body.focus()
        await pilot.pause()
        assert body.max_scroll_y > 0
        await pilot.press("G")
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("g")
        assert body.scroll_y == 0
        await pilot.press("j", "j", "k")
        assert body.scroll_y == 1
        await pilot.press("space")
        assert body.scroll_y > 1
        await pilot.press("b")
        assert body.scroll_y == 0


# ---- search ------------------------------------------------------------------------------

async def test_search_updates_on_every_keystroke_and_groups_by_chapter(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main(app)
        await pilot.press("slash")
        assert isinstance(app.focused, SearchBox)
        results = screen.query_one(SearchResults)
        counts = []
        for char in "纠错率":
            await pilot.press(char)
            await settle(app, pilot)
            counts.append((screen.query_text, len(results.hits)))
        assert [q for q, _ in counts] == ["纠", "纠错", "纠错率"]
        assert all(n > 0 for _, n in counts)
        assert results.display
        groups = [results.get_option_at_index(i) for i in range(results.option_count)
                  if results.get_option_at_index(i).disabled]
        assert groups and "六、" in str(groups[0].prompt)  # 纠错率 is in chapter 六
        figure_hits = [h for h in results.hits if h.figure is not None and h.figure.raw == "17.3%"]
        assert figure_hits, "the 17.3 % figure is listed"
        # esc leaves the search: the results hide, the query stays
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.focused, SectionBody)
        assert not results.display and results.region.area == 0
        assert screen.query_text == "纠错率"
        await pilot.press("escape")  # again, in the reading pane: clears the search
        assert screen.query_text == "" and screen.search_box.value == ""


async def test_search_enter_opens_match_then_n_and_N_step(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main(app)
        await search(app, pilot, "纠错")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.section.id == "6.1"
        body = screen.query_one(SectionBody)
        assert isinstance(app.focused, SectionBody)
        assert body.current is not None and body.highlight_all
        total = len(body.marks)
        assert total >= 2
        crumb = screen.query_one(Breadcrumb)
        first = body.current
        # 纠错 is in 4.1 (once) and 6.1: the count runs over both, 6.1 the second section
        import re

        counted = re.fullmatch(r"match (\d+)/(\d+) · section 2/2", crumb.status)
        assert counted and int(counted[1]) == int(counted[2])  # 17.3%, the last match of the last section
        overall = int(counted[2])
        await pilot.press("n")  # past the last: on to the first, in 4.1
        assert screen.section.id == "4.1" and crumb.status == f"match 1/{overall} · section 1/2"
        await pilot.press("N")
        assert screen.section.id == "6.1" and body.current == first
        await pilot.press("N")
        assert body.current == first - 1 and crumb.status == f"match {overall - 1}/{overall} · section 2/2"
        # 6.1's marks for 纠错: the word three times, the figures 159件 (直接纠错) and 17.3% (纠错率);
        # enter opened the top hit, 17.3%, and N N stepped back over it to the third 纠错
        marked = [screen.section.text[m.start:m.end] for m in body.marks]
        assert marked == ["纠错", "纠错", "159件", "纠错", "17.3%"] and marked[first] == "17.3%"
        assert marked[body.current] == "纠错" and body.marks[body.current].figure.raw == "17.3%"
        assert total == 5


async def test_search_down_into_results_and_enter(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main(app)
        await search(app, pilot, "17.3")
        await pilot.press("down")
        results = screen.query_one(SearchResults)
        assert app.focused is results
        hit = results.highlighted_hit
        assert hit is not None
        await pilot.press("j", "k")
        await pilot.press("up")  # from the first hit back to the box
        assert isinstance(app.focused, SearchBox)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert screen.section.id == hit.section


async def test_no_search_n_steps_through_figures(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path, section="6.1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main(app)
        screen.query_one(SectionBody).focus()
        await pilot.press("n", "n")
        body = screen.query_one(SectionBody)
        figures = report.section("6.1").figures
        assert body.current == 1 and body.current_mark.figure.id == figures[1].id
        assert screen.query_one(Breadcrumb).status == f"figure 2/{len(figures)}"


# ---- copy-out ----------------------------------------------------------------------------

async def test_search_open_copy(report: Report, tmp_path: Path) -> None:
    """The issue's flow: / 纠错率, enter opens 6.1 on the match, c copies the section."""
    app = make(report, tmp_path)
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "纠错率")
        await pilot.press("enter", "c")
        await pilot.pause()
        section = report.section("6.1")
        assert app.clipboard == render_section(report, section, "text", cite=cite(report, section))
        assert report.title in app.clipboard and "[EB/OL]" in app.clipboard and "[6.1]" not in app.clipboard
        assert any("Copied section 6.1 as plain text" in n and f"{len(app.clipboard):,} characters" in n
                   and "OSC 52" in n for n in notes)
        assert not list(tmp_path.iterdir())  # under 4 KB: no file


async def test_copy_menu_markdown_json_and_save(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path, section="6.1")
    notes = capture_notes(app)
    section = report.section("6.1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("C")
        await pilot.pause()
        assert type(app.screen).__name__ == "CopyMenu"
        await pilot.press("m")
        await pilot.pause()
        assert app.clipboard == render_section(report, section, "md", cite=cite(report, section))
        await pilot.press("C", "j")
        await pilot.pause()
        assert json.loads(app.clipboard)["section"]["id"] == "6.1"
        await pilot.press("C", "M")
        await pilot.pause()
        saved = tmp_path / f"{report.id}-6.1.md"
        assert saved.read_text(encoding="utf-8") == render_section(report, section, "md", cite=cite(report, section))
        assert any(str(saved) in n and "Saved" in n for n in notes)
        await pilot.press("C", "escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_export_writes_the_section_to_a_file(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path, section="6.1")
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        saved = tmp_path / f"{report.id}-6.1.txt"
        text = saved.read_text(encoding="utf-8")
        assert text == render_section(report, report.section("6.1"), "text", cite=cite(report, report.section("6.1")))
        assert any(f"{len(text):,} characters" in n and str(saved) in n for n in notes)


async def test_long_copy_is_also_saved(tmp_path: Path) -> None:
    report = tiny_report(long=True)
    app = make(report, tmp_path)
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        assert len(app.clipboard.encode()) > OSC52_LIMIT
        saved = tmp_path / "tiny-1.1.txt"
        assert saved.read_text(encoding="utf-8") == app.clipboard
        assert any("Over 4 KB" in n and str(saved) in n for n in notes)


async def test_y_copies_figure_under_cursor_or_top_hit(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path, section="6.1")
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main(app)
        screen.query_one(SectionBody).focus()
        await pilot.press("y")  # nothing under the cursor yet
        assert any("No figure under the cursor" in n for n in notes)
        await pilot.press("n", "y")
        figure = report.section("6.1").figures[0]
        assert app.clipboard == figure_block(report, figure)
        # in the results: the highlighted hit
        await search(app, pilot, "纠错率")
        await pilot.press("down", "y")
        hit = screen.query_one(SearchResults).highlighted_hit
        assert hit is not None and hit.figure is not None
        assert app.clipboard == figure_block(report, hit.figure)
        assert "17.3%" in app.clipboard and report.title in app.clipboard


# ---- figure table ------------------------------------------------------------------------

async def test_figure_table_sorts_filters_and_jumps(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FigureScreen)
        table = app.screen.query_one(FigureTable)
        assert table.row_count == len(report.figures())
        await pilot.press("3")  # by value (万/亿 applied), dates last
        values = [r.magnitude for r in table.shown if not r.is_date]
        assert values == sorted(values)
        await pilot.press("3")  # again: reversed
        assert [r.magnitude for r in table.shown if not r.is_date] == sorted(values, reverse=True)
        await pilot.press("2")
        labels = [r.figure.label for r in table.shown]
        assert labels == sorted(labels)
        await pilot.click(FigureTable, offset=(table.columns["bar"].get_render_width(table) // 2
                                                + sum(c.get_render_width(table) for k, c in table.columns.items()
                                                      if k != "bar"), 0))  # the Share header
        assert (table.sort_column, table.sort_reverse) == ("bar", False)
        assert [r.magnitude for r in table.shown if not r.is_date] == sorted(values)
        await pilot.press("slash", *"纠错率")
        await pilot.pause()
        assert [r.figure.raw for r in table.shown] == ["17.3%"]
        assert table.row_count == 1
        await pilot.press("down", "y")
        assert "17.3%" in app.clipboard
        await pilot.press("enter")
        await pilot.pause()
        screen = main(app)
        assert app.screen is screen and screen.section.id == "6.1"
        mark = screen.query_one(SectionBody).current_mark
        assert mark is not None and mark.figure.raw == "17.3%"
        # f again, then escape closes without moving
        await pilot.press("f", "escape")
        await pilot.pause()
        assert app.screen is screen and screen.section.id == "6.1"


def test_percent_bar() -> None:
    assert percent_bar(0) == " " * 10
    assert percent_bar(100) == "█" * 10
    assert percent_bar(17.3).startswith("█▊")  # 1.73 cells ≈ 1 + 6⁄8
    assert len(percent_bar(250)) == 10


# ---- help, palette, theme, quotes, quit ------------------------------------------------

async def test_help_lists_every_key(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=100, record=True, file=io.StringIO())
        plain = []
        for static in app.screen.query(Static):
            content = static.content
            if hasattr(content, "plain"):
                plain.append(content.plain)
            else:
                console.print(content)
        text = console.export_text() + "\n".join(plain)
        for needle in ("Search", "Next match", "Previous match", "Next section", "Back", "Figures",
                       "Copy", "Copy as…", "Copy figure", "Export", "Theme", "Quit", "Collapse", "Expand",
                       "ctrl+p", "Leave search", "Sort by value", "Copy as Markdown", "4 KB", "「」"):
            assert needle in text, needle
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_command_palette_searches(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"纠错率")
        await pilot.pause(0.6)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert main(app).section.id == "6.1"


async def test_theme_quotes_and_quit(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path, section="1.1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        dark = app.theme
        await pilot.press("t")
        assert app.theme != dark and not app.current_theme.dark
        await pilot.press("t")
        assert app.theme == dark
        body = main(app).query_one(SectionBody)
        assert any("“" in line for line in body.lines)
        await pilot.press("quotation_mark")
        assert app.corner_quotes and any("「" in line for line in body.lines)
        assert not any("“" in line for line in body.lines)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


# ---- report text is data -----------------------------------------------------------------

async def test_markup_and_escapes_in_report_text_are_shown_literally(tmp_path: Path) -> None:
    hostile = "(一)注意[bold red]红色[/bold red]与[link=x]链接[/link],\x1b[31m转义\x1b[0m,纠错率17.3%。"
    report = tiny_report(hostile)
    report.chapters[0].title = "第一章[/x]"  # malformed markup would raise if parsed
    app = make(report, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main(app)
        shown = "".join(screen.query_one(SectionBody).lines)
        assert "[bold red]红色[/bold red]" in shown and "[link=x]链接[/link]" in shown
        assert "\x1b" not in shown and "␛[31m转义␛[0m" in shown
        # what reaches the terminal: no escape character from the report in any strip
        body = screen.query_one(SectionBody)
        segments = "".join(seg.text for y in range(body.size.height) for seg in body.render_line(y))
        assert "\x1b" not in segments and "[bold red]" in segments
        # the header (title holds [bold red]) and the search results show it too
        header_text = str(screen.query_one("#header").render())
        assert "测试报告[bold red]" in header_text
        assert "第一章[/x]" in screen.query_one(Breadcrumb).path
        tree = screen.query_one(OutlineTree)
        assert "第一章[/x]" in str(tree.render_label(tree.root.children[0], Style(), Style()))
        await search(app, pilot, "bold")
        results = screen.query_one(SearchResults)
        assert any("[bold red]" in str(results.get_option_at_index(i).prompt) for i in range(results.option_count))
        # copied text: no control characters, no markup interpretation
        await pilot.press("escape", "c")
        assert "\x1b" not in app.clipboard and "[bold red]红色" in app.clipboard


# ---- layout ------------------------------------------------------------------------------

async def test_too_small_message(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    async with app.run_test(size=(50, 12)) as pilot:
        await settle(app, pilot)
        screen = main(app)
        assert screen.query_one(TooSmall).display
        assert not screen.query_one("#main").display and screen.query_one("#main").region.area == 0
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert screen.query_one("#main").region.area > 0


async def test_narrow_terminal_turns_outline_into_drawer(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(app, pilot)
        screen = main(app)
        tree = screen.query_one(OutlineTree)
        assert not tree.display and tree.region.area == 0
        assert isinstance(app.focused, SectionBody)  # not the hidden outline
        await pilot.press("o")
        await pilot.pause()
        assert screen.has_class("-drawer") and tree.region.area > 0 and app.focused is tree
        body = screen.query_one(SectionBody)
        width_before = body.region.width
        assert width_before > 40  # the drawer lies over the text; the text keeps its width
        await pilot.press("j", "enter")
        await pilot.pause()
        assert not screen.has_class("-drawer")
        assert screen.query_one(Footer).compact
        # widen: the outline is back in the layout
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert tree.region.area > 0 and screen.has_class("-wide")


async def test_resize_rewraps_and_keeps_position(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path, section="6.1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        body = main(app).query_one(SectionBody)
        wide = list(body.lines)
        await pilot.resize_terminal(70, 30)
        await pilot.pause()
        narrow = list(body.lines)
        assert len(narrow) > len(wide)
        assert "".join(l for l in narrow if not l.startswith(("──", "  "))) .startswith(
            report.section("6.1").text[:20])


async def test_several_reports_and_the_mouse(report: Report, tmp_path: Path) -> None:
    tiny = tiny_report()
    app = make([tiny, report], tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main(app)
        tree = screen.query_one(OutlineTree)
        assert [n.data.kind for n in tree.root.children] == ["report", "report"]
        last = tiny.sections()[-1]
        screen.open_section(tiny, last)
        await pilot.press("right_square_bracket")  # across into the next report: its 前言 first
        assert screen.report is report and screen.section.id == "preamble"
        await pilot.press("right_square_bracket")
        assert screen.report is report and screen.section.id == report.sections()[0].id
        assert str(screen.query_one("#header").render()).startswith(report.title[:10])
        # the mouse: click a section in the outline
        tree.scroll_home(animate=False)
        await pilot.pause()
        line = next(i for i in range(tree.last_line + 1)
                    if tree.get_node_at_line(i).data.kind == "section" and tree.get_node_at_line(i).data.report == "tiny"
                    and tree.get_node_at_line(i).data.id == "1.2")
        await pilot.click(OutlineTree, offset=(12, line + 1))  # +1: the border
        await pilot.pause()
        assert (screen.report.id, screen.section.id) == ("tiny", "1.2")
        # click a figure in the list under the text: it becomes the current mark
        screen.open_section(report, report.section("6.1"))
        await pilot.pause()
        body = screen.query_one(SectionBody)
        row = next(i for i, line in enumerate(body._lines) if line.figure == "6.1/f3")
        gutter = body.content_region.y - body.region.y  # click offsets count from the region
        await pilot.click(SectionBody, offset=(6, row + gutter))
        await pilot.pause()
        assert body.current_mark is not None and body.current_mark.figure.id == "6.1/f3"
        assert screen.query_one(Breadcrumb).status.startswith("figure 3/")


def test_export_file_names_cannot_leave_the_export_folder() -> None:
    from tui.export_files import safe_filename

    assert safe_filename("../../etc/passwd-1.1.txt") == "etc-passwd-1.1.txt"
    assert safe_filename("/tmp/x/../pwned-1.1.txt") == "tmp-x-.-pwned-1.1.txt"
    assert safe_filename("wenzhou-2018-rule-of-law-6.1.md") == "wenzhou-2018-rule-of-law-6.1.md"
    assert "/" not in safe_filename("温州/报告-6.1.txt")


# ---- review fixes: 前言 / 结语, figure roles, value sort, / selects, footer, hints, wide ---------

def fake_hit(report: Report, section: str, start: int, end: int):
    """A text hit as the search engine emits it for the preamble or closing."""
    from tui.search import Hit

    text = "\n".join(report.preamble if section == "preamble" else report.closing)
    return Hit(kind="text", report=report.id, section=section, text=text[start:end + 10],
               spans=((0, end - start),), score=1.0, start=start, end=end)


async def test_preamble_and_closing_open_like_sections(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen, tree = main(app), main(app).query_one(OutlineTree)
        body, crumb = screen.query_one(SectionBody), screen.query_one(Breadcrumb)
        first, last = tree.root.children[0], tree.root.children[-1]
        assert str(first.label) == "前言 Preamble" and str(last.label) == "结语 Closing"
        # enter on 前言 opens it in the reading pane
        await pilot.press("g", "enter")
        await pilot.pause()
        assert screen.section.id == "preamble"
        assert "".join(body.lines) == "".join(report.preamble)
        assert (crumb.path, crumb.section_id) == ("前言", "")
        # ] / [ step through it like a section; backspace comes back
        await pilot.press("right_square_bracket")
        assert screen.section.id == report.sections()[0].id
        await pilot.press("left_square_bracket")
        assert screen.section.id == "preamble"
        screen.open_section(report, report.sections()[-1])
        await pilot.press("right_square_bracket")
        assert screen.section.id == "closing" and crumb.path == "结语"
        assert "".join(body.lines).startswith(report.closing[0][:20])
        assert tree.cursor_node is last
        await pilot.press("backspace")
        assert screen.section.id == report.sections()[-1].id
        await pilot.press("backspace")
        assert screen.section.id == "preamble"
        # c copies it with a citation; the plain style (s) names it
        await pilot.press("s", "c")
        assert app.clipboard.startswith(report.preamble[0]) and app.clipboard.endswith("，前言\n")


async def test_hits_in_preamble_and_closing_open_at_the_match(report: Report, tmp_path: Path) -> None:
    closing = "\n".join(report.closing)
    at = closing.index("先行区")
    app = make(report, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main(app)
        body = screen.query_one(SectionBody)
        screen.open_hit(fake_hit(report, "closing", at, at + 3))
        await pilot.pause()
        assert screen.section.id == "closing"
        mark = body.current_mark
        assert mark is not None and closing[mark.start:mark.end] == "先行区"
        screen.open_hit(fake_hit(report, "preamble", 0, 4))
        await pilot.pause()
        assert screen.section.id == "preamble" and body.current_mark.start == 0
        # the results list them under their own heading, with 前言 / 结语 for the section
        hits = [fake_hit(report, "closing", at, at + 3), fake_hit(report, "preamble", 0, 4)]
        screen.results.show_hits("先行区", hits, screen.reports)
        prompts = [str(screen.results.get_option_at_index(i).prompt) for i in range(screen.results.option_count)]
        assert "结语 Closing" in prompts[0] and "结语" in prompts[1] and "前言 Preamble" in prompts[2]
        # the real search, typed: / 先行区 enter opens the closing on the match
        screen.open_section(report, report.section("6.1"))
        await search(app, pilot, "先行区")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.section.id == "closing"
        assert closing[body.current_mark.start:body.current_mark.end] == "先行区"


async def test_a_report_without_preamble_or_closing(tmp_path: Path) -> None:
    tiny = tiny_report()
    app = make(tiny, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen, tree = main(app), main(app).query_one(OutlineTree)
        assert [n.data.kind for n in tree.root.children] == ["chapter", "chapter"]
        screen.open_hit(fake_hit(tiny, "preamble", 0, 1))  # no preamble: nothing happens
        await pilot.pause()
        assert screen.section.id == "1.1"
        await pilot.press("left_square_bracket")  # the first section is the first stop
        assert screen.section.id == "1.1"


async def test_figure_roles_are_shown_in_the_list_and_the_table(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path, section="6.1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main(app)
        body = screen.query_one(SectionBody)
        row = next(line for line in body._lines if line.figure == "6.1/f15")  # 比去年提高5.78%
        assert row.text.lstrip().startswith("＋5.78%") and "变化 change" in row.text
        assert "percent" not in row.text
        screen.open_section(report, report.section("1.2"))  # 从平均12个工作日 压缩至 2个工作日
        rows = {line.figure: line.text for line in body._lines if line.figure}
        assert "从 from → 2个工作日" in rows["1.2/f5"] and "到 to ← 12个工作日" in rows["1.2/f6"]
        assert "5-20天" in rows["1.2/f17"] and "range" in rows["1.2/f17"]
        await pilot.press("f")
        await pilot.pause()
        table = app.screen.query_one(FigureTable)
        cells = {r.figure.id: [str(c) for c in table.cells(r)] for r in table.all_rows}
        columns = [key for key, _ in table.columns.items()]
        value, role, bar = (columns.index(k) for k in ("value", "role", "bar"))
        assert cells["1.2/f17"][value] == "5–20"
        assert cells["6.1/f15"][value] == "＋5.78" and cells["6.1/f15"][role] == "变化 change"
        assert cells["6.1/f15"][bar].strip() == ""  # a change is no share: no bar
        assert cells["1.2/f5"][role] == "从 from → 2个工作日" and cells["1.2/f6"][role] == "到 to ← 12个工作日"
        await pilot.press("slash", *"change")
        await pilot.pause()
        assert [r.figure.id for r in table.shown] == ["6.1/f15"]


async def test_value_sort_applies_scale_and_puts_dates_last(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f", "3")
        table = app.screen.query_one(FigureTable)
        order = [r.figure.id for r in table.shown]
        kinds = [r.figure.kind for r in table.shown]
        dates = kinds.count("date")
        assert dates and set(kinds[-dates:]) == {"date"}  # dates last …
        assert order.index("1.1/f2") > order.index("4.1/f3")  # … 4.8万平方米 (48 000) after 36055项
        assert order[-dates - 1] == "3.2/f4"  # 140余万元: the largest amount
        await pilot.press("3")  # reversed: largest first, dates still last
        kinds = [r.figure.kind for r in table.shown]
        assert table.shown[0].figure.id == "3.2/f4" and set(kinds[-dates:]) == {"date"}


async def test_slash_selects_the_old_query(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main(app)
        await search(app, pilot, "纠错率")
        await pilot.press("escape")  # into the reading pane, the query stays
        assert isinstance(app.focused, SectionBody)
        await pilot.press("slash")
        assert isinstance(app.focused, SearchBox)
        assert screen.search_box.selected_text == "纠错率"
        await pilot.press(*"17.3")
        await settle(app, pilot)
        assert screen.search_box.value == "17.3" and screen.query_text == "17.3"
        # tab never goes into the box (issue 12): typing there takes /
        await pilot.press("escape")
        assert isinstance(app.focused, SectionBody)
        await pilot.press("tab", "tab")
        await pilot.pause()
        assert not isinstance(app.focused, SearchBox) and screen.search_box.value == "17.3"


def footer_keys(app: ReportApp) -> dict[str, object]:
    from textual.widgets._footer import FooterKey

    return {key.key: key for key in app.screen.query(FooterKey)}


async def test_narrow_footer_shows_outline_and_help(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(app, pilot)
        keys = footer_keys(app)
        assert "o" in keys and "question_mark" in keys
        width = app.screen.size.width
        for key in ("o", "question_mark", "slash"):  # on screen, not cut off
            region = keys[key].region
            assert region.width > 0 and region.right <= width, key
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        keys = footer_keys(app)
        assert "o" not in keys and "question_mark" in keys  # a wide screen: the outline is there
        main(app).query_one(SectionBody).focus()
        await pilot.press("o")  # o still works
        assert isinstance(app.focused, OutlineTree)
        await pilot.resize_terminal(80, 30)
        await pilot.pause()
        assert "o" in footer_keys(app)
        await pilot.press("o")
        await pilot.pause()
        assert main(app).has_class("-drawer")


async def test_the_footer_is_built_again_only_when_its_keys_change(report: Report, tmp_path: Path) -> None:
    # Textual's footer builds every key again (a widget each, its styles) whenever the
    # bindings are refreshed: on each focus change, mostly to the same keys
    app = make(report, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        before = footer_keys(app)
        assert "slash" in before and "o" not in before
        for _ in range(3):
            main(app).refresh_bindings()
            await pilot.pause()
        after = footer_keys(app)
        assert after.keys() == before.keys()
        assert all(after[key] is before[key] for key in before)  # the same widgets: not built again
        await pilot.resize_terminal(80, 30)  # o Outline comes in: built again
        await pilot.pause()
        narrow = footer_keys(app)
        assert "o" in narrow and narrow["slash"] is not before["slash"]


async def test_the_figure_tables_footer_fits_a_narrowed_terminal(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("f")
        await settle(app, pilot)
        assert isinstance(app.screen, FigureScreen)
        assert {"y", "e", "question_mark", "q"} <= footer_keys(app).keys()
        await pilot.resize_terminal(80, 30)  # every key no longer fits: y Copy figure gives way first
        await pilot.pause()
        await pilot.pause()
        keys = footer_keys(app)
        assert "y" not in keys and {"escape", "slash", "question_mark", "q"} <= keys.keys()
        width = app.screen.size.width
        assert all(key.region.right <= width for key in keys.values())  # none cut off


async def test_help_g_and_G_scroll_to_top_and_bottom(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        scroll = app.screen.query_one("#help")
        assert scroll.max_scroll_y > 0
        await pilot.press("G")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert scroll.scroll_y == 0
        await pilot.press("space")
        await pilot.pause()
        assert scroll.scroll_y > 0


async def test_copy_notifications_name_the_right_save_key(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path, section="6.1")
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main(app).query_one(SectionBody).focus()
        await pilot.press("c")
        assert "e saves it to a file" in notes[-1]
        await pilot.press("C", "m")
        await pilot.pause()
        assert "C then M saves it to a file" in notes[-1] and "press e" not in notes[-1]
        await pilot.press("n", "y")  # a figure: no key saves one, so no hint
        assert notes[-1].startswith("Copied figure") and "saves" not in notes[-1] and "press e" not in notes[-1]


async def test_wide_terminal_widens_outline_truncates_titles_centres_text(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path, section="6.1")
    async with app.run_test(size=(200, 45)) as pilot:
        await settle(app, pilot)
        screen = main(app)
        tree, body = screen.query_one(OutlineTree), screen.query_one(SectionBody)
        assert tree.region.width > 38
        room = tree.scrollable_content_region.width
        labels = [tree.render_label(tree.get_node_at_line(i), Style(), Style()) for i in range(tree.last_line + 1)]
        assert any(label.plain.endswith("…") for label in labels)  # long chapter titles: cut with …
        assert all(label.cell_len <= room for label in labels)
        # the text column (100 cells at most) sits in the middle of the pane
        pane = body.scrollable_content_region.width
        assert pane > 110
        first = "".join(seg.text for seg in body.render_line(0))
        indent = len(first) - len(first.lstrip(" "))
        assert abs(indent - (pane - 100) // 2) <= 1
        # a click on a figure row still picks that figure
        row = next(i for i, line in enumerate(body._lines) if line.figure == "6.1/f3")
        gutter = body.content_region.y - body.region.y
        await pilot.click(SectionBody, offset=(indent + 6, row + gutter))
        await pilot.pause()
        assert body.current_mark is not None and body.current_mark.figure.id == "6.1/f3"
        # and a click in the text, on a figure
        figure = report.section("6.1").figures[0]
        line = body.line_of_offset(figure.start)
        column = cell_width(body._lines[line].text[:figure.start - body._lines[line].origin])
        await pilot.click(SectionBody, offset=(body.content_region.x - body.region.x + indent + column + 1,
                                               line + gutter))
        await pilot.pause()
        assert body.current_mark.figure.id == figure.id
