"""A library held as its catalog (issue 10: "load a report's full model only when it is
opened or a hit from it is shown"), driven with Pilot.

The library: copies of the three corpus texts and the bundled report's raw text, opened as
``report-explorer DIR`` opens a large one (:meth:`tui.report_set.ReportSet.of_library`,
``lazy=True``; :data:`tui.app.DISK_FROM` lowered to 2, so that it is searched through its
index on disk, as a library of 20 reports or more is).  Read in the texts: 政府工作报告
(国务院, 2018; 全国), 沐阳县人民政府 2025 年 政府信息公开工作年度报告 (a preamble, then 一、总体情况),
2026年四川省人民政府工作报告 (1.5: “全省城镇新增就业107万人”; 1.0: “实现地区生产总值67665亿元，
增长5.5%”), 温州市人民政府关于2018年度法治政府建设工作情况的报告; only the national report says
“国内生产总值增长6.9%”.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.test_app import main, settle
from tests.test_app_library_index import folder  # noqa: F401  (fixture: the four reports' raw texts)
from tui import app as app_module
from tui.app import create_app
from tui.library import open_library
from tui.library.cache import CACHE_ENV
from tui.report_parts import reading_order
from tui.report_set import ReportSet
from tui.screens.compare import CompareScreen
from tui.screens.figures import FigureScreen
from tui.screens.library import LibraryScreen
from tui.screens.main import MainScreen

SIZE = (120, 40)
NATIONAL, SHUYANG, SICHUAN, WENZHOU = ("national-2018-government-work-report",
                                       "shuyang-2025-information-disclosure-annual-report",
                                       "sichuan-2026-government-work-report", "wenzhou-2018-rule-of-law")


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")  # one for the module: the reports ingested and indexed once


@pytest.fixture
def open_app(folder, cache, tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(cache))
    monkeypatch.setattr(app_module, "DISK_FROM", 2)

    def make(**kwargs):
        library = open_library([folder])
        reports = ReportSet.of_library(library, lazy=True)
        assert reports.lazy and list(reports) == [NATIONAL, SHUYANG, SICHUAN, WENZHOU]
        return create_app(reports, library=library, export_dir=tmp_path, fresh=True, **kwargs)

    return make


def loaded(app) -> set[str]:
    return set(app.reports.loaded())


async def test_the_library_screen_and_its_filter_need_no_report_loaded(open_app):
    app = open_app(start_library=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
        table = app.screen.table
        assert [(r.facts.place, r.facts.year, r.facts.kind) for r in table.shown] == [
            ("全国", 2018, "政府工作报告"), ("沐阳", 2025, "政府信息公开年报"),
            ("四川", 2026, "政府工作报告"), ("温州", 2018, "法治政府建设")]
        assert loaded(app) == {NATIONAL}  # the reading pane under the library: the first report
        await pilot.press("slash", *"sichuan")  # the place's pinyin, from the catalog row
        await pilot.pause()
        assert [r.id for r in table.shown] == [SICHUAN]
        assert loaded(app) == {NATIONAL}
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen) and main(app).report.id == SICHUAN
        assert loaded(app) == {NATIONAL, SICHUAN}


async def test_the_outline_holds_the_report_being_read_and_follows_it(open_app):
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        outline = main(app).outline
        roots = outline.root.children
        assert [n.data.report for n in roots] == [NATIONAL] and roots[0].is_expanded
        assert str(outline.border_title) == "目录 Outline · report 1 of 4 · { } · L"
        await pilot.press("right_curly_bracket", "right_curly_bracket")  # } }: 四川
        await settle(app, pilot)
        roots = outline.root.children
        assert [n.data.report for n in roots] == [SICHUAN]
        assert str(roots[0].label) == "四川省人民政府 · 2026 · 《政府工作报告》"
        labels = [str(c.label) for c in roots[0].children]
        assert labels[0] == "前言 Preamble" and labels[1].startswith("一、")
        assert str(outline.border_title) == "目录 Outline · report 3 of 4 · { } · L"
        assert loaded(app) == {NATIONAL, SHUYANG, SICHUAN}  # (} went through 沐阳)


async def test_a_hit_in_another_report_is_shown_without_loading_it_and_opened_on_enter(open_app):
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"城镇新增就业人数 @四川")
        await settle(app, pilot)
        screen = main(app)
        first = screen.results.hits[0]
        assert (first.report, first.section, first.figure.raw) == (SICHUAN, "1.5", "107万人")
        heads = [str(o.prompt) for o in screen.results.options if o.id and o.id.startswith("group:")]
        assert heads[0].startswith("四川 2026 政府工作")
        assert SICHUAN not in loaded(app)
        await pilot.press("enter")
        await settle(app, pilot)
        assert (screen.report.id, screen.section.id) == (SICHUAN, "1.5")
        assert "107万人" in screen.body.section.text
        cursor = screen.outline.cursor_node  # the outline now holds that report, the cursor on 1.5
        assert (cursor.data.report, cursor.data.id) == (SICHUAN, "1.5")


async def test_the_next_section_after_a_reports_last_is_the_next_reports_first(open_app):
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main(app)
        last = reading_order(app.reports[NATIONAL])[-1]
        app.open_location(NATIONAL, last.id)
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert (screen.report.id, screen.section.id) == (SHUYANG, "preamble")
        await pilot.press("left_square_bracket")  # and back
        await settle(app, pilot)
        assert (screen.report.id, screen.section.id) == (NATIONAL, last.id)


async def test_compare_reads_every_report_and_keeps_only_those_it_shows(open_app, monkeypatch):
    from tui.screens import compare as compare_screen

    monkeypatch.setattr(compare_screen, "PROGRESS_EVERY", 1)
    titles: list[str] = []
    progress = CompareScreen._progress

    def record(self, read: int) -> None:
        progress(self, read)
        titles.append(str(self.query_one("#compare-title").render()))

    monkeypatch.setattr(CompareScreen, "_progress", record)
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f")  # the figure table: the report being read (a library held as its catalog)
        await pilot.pause()
        assert isinstance(app.screen, FigureScreen)
        assert {row.report.id for row in app.screen.table.all_rows} == {NATIONAL}
        title = str(app.screen.query_one("#figures-title").render())
        assert "全国 2018 政府工作, one of 4 reports (x: across them)" in title
        await pilot.press("slash", *"国内生产总值增长 6.9", "enter")
        await pilot.pause()
        assert len(app.screen.table.shown) == 1
        await pilot.press("x")
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)
        found = [(m.place, m.year, m.figure.raw) for m in app.screen.comparison.rows]
        assert found == [("全国", 2018, "6.9%"), ("四川", 2026, "5.5%")]
        assert [f.id for f in app.screen.comparison.missing] == [SHUYANG, WENZHOU]
        assert loaded(app) == {NATIONAL}  # the others were read for it, not kept
        # while it read them, the title counted them
        assert [t.split(" · ")[-1] for t in titles] == [f"looking in 3 other reports ({n} read) …" for n in (1, 2, 3, 4)]
        # a row keeps of its report what its citation needs; enter opens the whole report there
        sichuan = app.screen.comparison.rows[1]
        assert [s.id for s in sichuan.report.sections()] == ["1.0"] and sichuan.report.measures == []
        await pilot.press("j", "enter")
        await settle(app, pilot)
        screen = main(app)
        assert (screen.report.id, screen.section.id, screen.body.current_mark.figure.raw) == (SICHUAN, "1.0", "5.5%")
        assert len(screen.report.sections()) > 10 and screen.report.measures


async def test_a_report_changed_since_the_library_was_opened_is_a_message_not_a_crash(folder, cache, tmp_path,
                                                                                       monkeypatch):
    from tests.test_app import capture_notes

    monkeypatch.setenv(CACHE_ENV, str(cache))
    monkeypatch.setattr(app_module, "DISK_FROM", 2)
    copy = tmp_path / "reports"
    shutil.copytree(folder, copy)
    library = open_library([copy])
    app = create_app(ReportSet.of_library(library, lazy=True), library=library, export_dir=tmp_path, fresh=True)
    notes = capture_notes(app)
    sichuan = next(copy.glob("sichuan-*"))
    cached = library.cache.path(library.entry(SICHUAN).sha256)  # (its cached model gone too: the file is read)
    kept = cached.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        sichuan.write_bytes(sichuan.read_bytes() + "\n又一段。\n".encode())  # after the scan
        cached.unlink()
        await pilot.press("L")
        await pilot.pause()
        await pilot.press("j", "j", "enter")  # 四川
        await settle(app, pilot)
        assert [n for n in notes if SICHUAN in n] == [
            f"{SICHUAN} cannot be opened: {sichuan}: changed since the library was opened (open it again)"]
        assert main(app).report.id == NATIONAL and SICHUAN not in loaded(app)
        await pilot.press("escape", "right_curly_bracket")  # } : the next report still opens
        await settle(app, pilot)
        assert main(app).report.id == SHUYANG
    cached.write_bytes(kept)  # (the module's cache as it was)


async def test_n_walks_the_matches_through_the_reports_in_the_librarys_order(open_app):
    """The national report's own matches, then the hits of 四川's (“全省城镇新增就业107万人” …), and
    never back to an earlier report before the wrap (the report being read is read in full,
    the others through their hits)."""
    from tests.test_app import capture_notes

    app = open_app()
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"城镇新增就业")
        await settle(app, pilot)
        screen = main(app)
        await pilot.press("escape")  # (the search stays; the reading pane takes the keys)
        screen.body.focus()
        visited = []
        for _ in range(40):
            await pilot.press("n")
            await settle(app, pilot)
            if any("continuing from the top" in n for n in notes):
                break
            visited.append(screen.report.id)
        order = [NATIONAL, SHUYANG, SICHUAN, WENZHOU]
        ranks = [order.index(r) for r in visited]
        assert ranks == sorted(ranks), visited
        assert visited[0] == NATIONAL and SICHUAN in visited
