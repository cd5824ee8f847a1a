"""The "this figure in other reports" screen (issue 10 item 5), driven with Pilot.

The library of the library-screen tests: the three corpus texts and the bundled report.
Read in the texts: 政府工作报告 (全国, 2018) “国内生产总值增长6.9%”; 2026年四川省人民政府工作报告
“实现地区生产总值67665亿元，增长5.5%”; neither 沐阳's 政府信息公开年报 nor 温州's 法治政府 report
gives a GDP growth.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import DataTable, Static

from tests.test_app import capture_notes, make, settle, tiny_report
from tests.test_library_screen import library_app, library_reports  # noqa: F401  (fixture)
from tui.screens.compare import CompareScreen
from tui.screens.figures import FigureScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.widgets.search_results import SearchResults
from tui.widgets.year_bars import YearBars

SIZE = (120, 40)


async def open_from_figure_table(app, pilot, words: str) -> None:
    """f, filter the figure table down to one figure, then x."""
    await pilot.press("f")
    await pilot.pause()
    await pilot.press("slash", *words, "enter")
    await pilot.pause()
    assert isinstance(app.screen, FigureScreen) and len(app.screen.table.shown) == 1
    await pilot.press("x")
    await settle(app, pilot)
    assert isinstance(app.screen, CompareScreen)


def table_rows(screen: CompareScreen) -> list[list[str]]:
    table = screen.query_one(DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def static_text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_x_in_the_figure_table_opens_the_rows_by_year(library_reports, tmp_path):
    app = library_app(library_reports, tmp_path, start_library=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await open_from_figure_table(app, pilot, "国内生产总值增长 6.9")
        screen = app.screen
        rows = table_rows(screen)
        assert [r[:4] + r[5:] for r in rows] == [["全国", "2018", "6.9%", "6.9 %", "this figure"],
                                                 ["四川", "2026", "5.5%", "5.5 %", "synonym"]]
        assert rows[1][4].startswith("实现地区生产总值67665亿元，增长5.5%")
        title = static_text(screen, "#compare-title")
        assert "国内生产总值增长 6.9%" in title and "found in 1 of 3 other reports" in title
        assert static_text(screen, "#compare-missing") == "Not found in 2 reports: 沐阳 2025 信息公开 · 温州 2018 法治政府"
        # the bars: 6.9 fills the widest bar (64 cells), 5.5 is 5.5/6.9 of it: 408 eighths = 51 full blocks
        lines = [line.plain for line in screen.query_one(YearBars).lines(116)]
        assert lines[0].startswith("▸ 2018 全国  " + "█" * 64) and lines[0].endswith("6.9%")
        assert lines[1].startswith("  2026 四川  " + "█" * 51 + " ") and lines[1].endswith("5.5%")
        # enter on 四川: its figure in the reading pane
        await pilot.press("j", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        main = app.screen
        assert (main.report.id, main.section.id) == ("sichuan-2026-government-work-report", "1.0")
        assert main.body.current_mark.figure.raw == "5.5%"
        # x in the reading pane: the figure under the cursor
        await pilot.press("x")
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen) and app.screen.figure.label == "地区生产总值增长"
        assert [r[0] for r in table_rows(app.screen)] == ["全国", "四川"]
        await pilot.press("x")  # x again closes
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_copy_as_csv_and_markdown_with_a_citation_per_row(library_reports, tmp_path):
    app = library_app(library_reports, tmp_path, start_library=False)
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await open_from_figure_table(app, pilot, "国内生产总值增长 6.9")
        await pilot.press("v")
        lines = app.clipboard.splitlines()
        today = date.today().isoformat()
        assert lines[0] == "place,year,label,raw,value,unit,sentence,report,section,match,citation"
        assert lines[1].startswith("全国,2018,国内生产总值增长,6.9%,6.9,%,国内生产总值增长6.9%，居民收入增长7.3%")
        assert lines[1].endswith(f",national-2018-government-work-report,1.0,this,"
                                 f"国务院. 政府工作报告[EB/OL]. (2018-03-05)[{today}].")
        assert lines[2].startswith("四川,2026,地区生产总值增长,5.5%,5.5,%,实现地区生产总值67665亿元，增长5.5%")
        assert lines[2].endswith(",sichuan-2026-government-work-report,1.0,synonym,四川省人民政府. "
                                 f"2026年四川省人民政府工作报告[EB/OL]. (2026-02-10)[{today}].")
        assert len(lines) == 3
        assert any("Copied 2 rows of “国内生产总值增长” as CSV" in n for n in notes)
        await pilot.press("m")
        markdown = app.clipboard
        assert "| 四川 | 2026 | 5.5% | 5.5 % |" in markdown
        assert "[1] 国务院. 政府工作报告[EB/OL]." in markdown
        assert "Not found in: 沐阳县人民政府 2025 年 政府信息公开工作年度报告; " in markdown
        await pilot.press("V")  # saved to a file too
        saved = sorted(p.name for p in Path(tmp_path).iterdir())
        assert saved == ["national-2018-government-work-report-1.0-f42-compare.csv"]


async def test_x_on_a_search_hit_and_where_there_is_no_figure(library_reports, tmp_path):
    app = library_app(library_reports, tmp_path, start_library=False)
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = app.screen
        main.body.focus()
        await pilot.press("x")  # no search, no figure under the cursor
        assert any("No figure to compare" in n for n in notes) and isinstance(app.screen, MainScreen)
        await pilot.press("slash", *"城镇新增就业")
        await settle(app, pilot)
        await pilot.press("down")  # into the results
        hit = main.query_one(SearchResults).highlighted_hit
        assert hit is not None and hit.figure is not None
        await pilot.press("x")
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen) and app.screen.figure is hit.figure
        assert [r[0] for r in table_rows(app.screen)] == ["全国", "四川"]


async def test_a_hostile_label_is_shown_inert(tmp_path):
    hostile = "纠错率[bold red]\x1b]52;c;cHduZWQ=\x07"
    first = tiny_report()
    first.chapters[0].sections[0].figures[0].label = hostile
    second = first.model_copy(deep=True)
    second.id, second.title = "tiny-2", "2020年某市法治政府建设报告[/x]"
    app = make([first, second], tmp_path, section="tiny:1.1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.screen.body.focus()
        await pilot.press("n", "x")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        title = static_text(screen, "#compare-title")
        assert "纠错率[bold red]␛]52;c;cHduZWQ=␇ 17.3%" in title
        assert [r[1] for r in table_rows(screen)] == ["2019", "2020"]  # the date of issue; the copy's title
        strips = "".join(seg.text for widget in screen.query("*") if widget.display
                         for y in range(widget.size.height) for seg in widget.render_line(y))
        assert "\x1b" not in strips and "\x07" not in strips
        await pilot.press("v")
        assert "\x1b" not in app.clipboard and "纠错率[bold red]," in app.clipboard  # the escape removed whole
        assert "cHduZWQ=" not in app.clipboard


async def test_help_lists_the_keys(library_reports, tmp_path):
    app = library_app(library_reports, tmp_path, start_library=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        groups = [str(s.render()) for s in app.screen.query(".help-group")]
        assert "Across reports (x, on a figure)" in groups


async def test_with_one_report_x_says_why_nothing_opens(tmp_path):
    app = make(tiny_report(), tmp_path, section="1.1")
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.screen.body.focus()
        await pilot.press("n", "x")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any(n.startswith("Only one report is open: x compares a figure across reports") for n in notes)
