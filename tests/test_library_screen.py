"""The library screen (issue 10 item 3): the start screen when several reports are open,
one row per report (place, year, kind, title, issuer, chapters, figures), sorted and
filtered live, enter opens a report, ``L`` comes back from anywhere, ``{`` / ``}`` move
between reports, ``!`` lists the files skipped when the folders were opened.

The library: the three corpus texts and the bundled report.  Read from the texts:
政府工作报告 (国务院, 2018, 全国, 3 chapters 一、二、三), 沐阳县人民政府 2025 年 政府信息公开工作
年度报告 (6 chapters 一…六), 2026年四川省人民政府工作报告 (3 chapters), 温州市人民政府关于2018年度
法治政府建设工作情况的报告 (7 chapters 一…七).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CORPUS
from tests.test_app import main, settle, tiny_report
from tui.app import ReportApp, create_app
from tui.library.scan import Skipped
from tui.loading import ingest_report, load_report
from tui.paths import bundled_report_path
from tui.screens.library import LibraryScreen, SkippedScreen
from tui.screens.main import MainScreen
from tui.widgets.library_table import LibraryTable

SIZE = (120, 40)
IDS = ("national-2018-government-work-report", "shuyang-2025-information-disclosure-annual-report",
       "sichuan-2026-government-work-report", "wenzhou-2018-rule-of-law")


@pytest.fixture(scope="module")
def library_reports():
    """The corpus texts (ingested) and the bundled report, in this order."""
    reports = [ingest_report(path) for path in CORPUS] + [load_report(bundled_report_path())]
    assert tuple(r.id for r in reports) == IDS
    return reports


def library_app(reports, tmp_path: Path, **kwargs) -> ReportApp:
    """The app as ``report-explorer DIR`` opens it: on the library screen."""
    kwargs.setdefault("start_library", True)
    return create_app(list(reports), export_dir=tmp_path, **kwargs)


def table_of(app: ReportApp) -> LibraryTable:
    assert isinstance(app.screen, LibraryScreen), type(app.screen).__name__
    return app.screen.query_one(LibraryTable)


def rows(table: LibraryTable) -> list[tuple]:
    return [(r.facts.place, r.facts.year, r.facts.kind, r.chapters) for r in table.shown]


async def test_starts_on_the_library_with_one_row_per_report(library_reports, tmp_path):
    app = library_app(library_reports, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        table = table_of(app)
        assert rows(table) == [("全国", 2018, "政府工作报告", 3), ("沐阳", 2025, "政府信息公开年报", 6),
                               ("四川", 2026, "政府工作报告", 3), ("温州", 2018, "法治政府建设", 7)]
        # the cells as shown: title and issuer too (the national report's: 国务院, from 国务院总理 李克强)
        cells = [str(c) for c in table.get_row_at(3)]
        assert cells[:5] == ["温州", "2018", "法治政府建设", "温州市人民政府关于2018年度法治政府建设工作…", "温州市人民政府"]
        assert [str(c) for c in table.get_row_at(0)][4] == "国务院"
        assert "书架 Library · 4 reports" in str(app.screen.query_one("#library-title").render())


async def test_sort_and_filter_live(library_reports, tmp_path):
    app = library_app(library_reports, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        table = table_of(app)
        await pilot.press("2")  # by year: ties keep the library's order
        assert [r.facts.place for r in table.shown] == ["全国", "温州", "沐阳", "四川"]
        await pilot.press("2")  # again: reversed
        assert [r.facts.place for r in table.shown] == ["四川", "沐阳", "温州", "全国"]
        await pilot.press("7")  # by figures
        assert [r.figures for r in table.shown] == sorted(r.figures for r in table.shown)
        await pilot.press("slash", *"year:2018")
        assert [r.facts.place for r in table.shown] == ["温州", "全国"]  # still by figures: 117 < 152
        assert "2 of 4 reports" in str(app.screen.query_one("#library-title").render())
        await pilot.press(*[("backspace")] * 9, *"四川")
        assert [r.facts.place for r in table.shown] == ["四川"]
        await pilot.press(*[("backspace")] * 2, *"sichuan")  # the place's pinyin
        assert [r.facts.place for r in table.shown] == ["四川"]
        await pilot.press(*[("backspace")] * 7, *"kind:政府工作")
        assert sorted(r.facts.place for r in table.shown) == ["全国", "四川"]


async def test_enter_opens_the_report_and_L_comes_back(library_reports, tmp_path):
    app = library_app(library_reports, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "j", "enter")  # the third row: 四川
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        screen = main(app)
        assert screen.report.id == "sichuan-2026-government-work-report"
        assert screen.section.id == screen.report.sections()[0].id
        assert str(screen.query_one("#header").render()).startswith("2026年四川省人民政府工作报告")
        await pilot.press("f")  # from another screen too
        await pilot.press("L")
        await pilot.pause()
        table = table_of(app)
        assert table.current_row.id == "sichuan-2026-government-work-report"  # the one being read
        await pilot.press("L")  # again: back to the text
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_curly_brackets_move_between_reports_in_the_librarys_order(library_reports, tmp_path):
    app = library_app(library_reports, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("2", "enter")  # by year; open the first: 全国 2018
        await pilot.pause()
        screen = main(app)
        seen = [screen.report.id]
        for _ in range(3):
            await pilot.press("right_curly_bracket")
            await pilot.pause()
            seen.append(screen.report.id)
        assert seen == ["national-2018-government-work-report", "wenzhou-2018-rule-of-law",
                        "shuyang-2025-information-disclosure-annual-report", "sichuan-2026-government-work-report"]
        await pilot.press("right_curly_bracket")  # the last: says so, stays
        await pilot.pause()
        assert screen.report.id == "sichuan-2026-government-work-report"
        assert any("Already at the last report." in n.message for n in app._notifications)
        await pilot.press("left_curly_bracket")
        await pilot.pause()
        assert screen.report.id == "shuyang-2025-information-disclosure-annual-report"


async def test_a_report_reopens_where_it_was_left(library_reports, tmp_path):
    app = library_app(library_reports, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("G", "enter")  # 温州
        await pilot.pause()
        screen = main(app)
        screen.open_section(screen.report, screen.report.section("6.1"))
        await pilot.press("left_curly_bracket")  # 四川, then back
        await pilot.pause()
        assert screen.report.id == "sichuan-2026-government-work-report"
        await pilot.press("right_curly_bracket")
        await pilot.pause()
        assert (screen.report.id, screen.section.id) == ("wenzhou-2018-rule-of-law", "6.1")


async def test_skipped_files_are_listed_once_on_a_key(library_reports, tmp_path):
    skipped = [Skipped("reports/notes.docx", "not a report file"), Skipped("reports/empty.txt", "empty file"),
               Skipped("reports/[bold]x.txt", "binary file (\x1b[31m)")]
    app = library_app(library_reports, tmp_path, skipped=skipped)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        notes = [n.message for n in app._notifications]
        assert notes == ["3 files skipped: ! on the library screen (L) lists them, with the reasons."]  # one, not one per file
        assert "! 3 skipped" in str(app.screen.query_one("#library-title").render())
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, SkippedScreen)
        text = [str(s.render()) for s in app.screen.query(".skipped-item")]
        assert text[0] == "reports/notes.docx\n  not a report file"
        assert text[2].startswith("reports/[bold]x.txt\n  binary file (␛[31m)")  # literal, inert
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_no_library_start_with_one_report_or_a_section(library_reports, tmp_path):
    one = library_app(library_reports[:1], tmp_path)
    async with one.run_test(size=SIZE) as pilot:
        await settle(one, pilot)
        assert isinstance(one.screen, MainScreen)
    at = library_app(library_reports, tmp_path, section="wenzhou-2018-rule-of-law:6.1")
    async with at.run_test(size=SIZE) as pilot:
        await settle(at, pilot)
        assert isinstance(at.screen, MainScreen) and main(at).section.id == "6.1"


async def test_report_text_in_the_table_is_never_markup(tmp_path):
    tiny = tiny_report()  # title 测试报告[bold red]
    other = tiny_report()
    other.id, other.title = "other", "另一份报告"
    app = library_app([tiny, other], tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert str(table_of(app).get_row_at(0)[3]) == "测试报告[bold red]"
