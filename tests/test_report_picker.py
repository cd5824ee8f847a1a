"""The report picker (issue 12, "a key to switch report (a quick picker)"): ``r`` opens a
fuzzy list of the open reports — place, year, short kind, title — typing filters it, enter
switches.  It works when the reports were given as several files (no library folder):
these tests open them as such, on the main screen.
"""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from tests.test_app import main, settle
from tests.test_library_screen import IDS, library_app, library_reports  # noqa: F401  (fixture)
from tui.screens.main import MainScreen
from tui.screens.report_picker import ReportPicker, pick
from tui.report_set import ReportSet
from tui.widgets.library_table import rows_of

NATIONAL, SHUYANG, SICHUAN, WENZHOU = IDS
SIZE = (120, 40)


def places(app) -> list[str]:
    return [line.lstrip("● ").split()[0] for line in listed(app)]


def listed(app) -> list[str]:
    assert isinstance(app.screen, ReportPicker)
    listing = app.screen.query_one("#picker-list", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_picker_filtered_by_a_place_switches_to_that_report(library_reports, tmp_path):
    app = library_app(library_reports, tmp_path, start_library=False)  # four files, no folder
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert main(app).report.id == NATIONAL
        await pilot.press("r")
        await pilot.pause()
        assert listed(app) == [
            "● 全国 2018 政府工作  政府工作报告",
            "  沐阳 2025 信息公开  沐阳县人民政府 2025 年 政府信息公开工作年度报告",
            "  四川 2026 政府工作  2026年四川省人民政府工作报告",
            "  温州 2018 法治政府  温州市人民政府关于2018年度法治政府建设工作情况的报告",
        ]
        await pilot.press(*"四川")
        assert listed(app) == ["  四川 2026 政府工作  2026年四川省人民政府工作报告"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert main(app).report.id == SICHUAN
        assert main(app).section.id == main(app).report.sections()[0].id


async def test_picker_keys_pinyin_filters_and_escape(library_reports, tmp_path):
    app = library_app(library_reports, tmp_path, start_library=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("r", *"year:2018")
        assert places(app) == ["全国", "温州"]
        await pilot.press(*["backspace"] * 9, *"wz")  # the place's pinyin initials
        assert places(app) == ["温州"]
        await pilot.press(*["backspace"] * 2, *"不存在的地方")
        assert listed(app) == ["  no report matches 不存在的地方"]
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen) and main(app).report.id == NATIONAL
        await pilot.press("r", "down", "down", "enter")  # the arrows move in the list
        await pilot.pause()
        assert main(app).report.id == SICHUAN


async def test_picker_from_the_library_screen(library_reports, tmp_path):
    app = library_app(library_reports, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("r", *"温州", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and main(app).report.id == WENZHOU


@pytest.mark.parametrize("typed, first", [
    ("四川", SICHUAN), ("sc", SICHUAN), ("sichuan", SICHUAN), ("温州法治", WENZHOU),  # in order, gaps allowed
    ("2025", SHUYANG), ("信息公开", SHUYANG), ("国务院", NATIONAL), ("wenzhou 2018", WENZHOU),
])
def test_pick_ranks_the_report_meant_first(library_reports, typed, first):
    found = pick(rows_of(ReportSet.of(library_reports).entries()), typed)
    assert found and found[0].id == first


def test_pick_needs_every_word(library_reports):
    assert pick(rows_of(ReportSet.of(library_reports).entries()), "四川 2018") == []
    assert [r.id for r in pick(rows_of(ReportSet.of(library_reports).entries()), "")] == list(IDS)
