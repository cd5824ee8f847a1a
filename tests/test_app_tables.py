"""Pilot tests: tables in the reading pane and out of the copy menu (issue 9, app side).

On the Shuyang 2025 report (16 Markdown pipe tables; tests/corpus), the 1995 industrial
census (merged header cells; ../shared/corpus/formats, skipped without it) and small texts
written here.  Expected values are read off the source texts by hand, e.g. line 59 of the
Shuyang text: ``| 行政规范性文件 | 6 | 1 | 32 |``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from tests.test_app import capture_notes, make, settle
from tui.cjk_wrap import cell_width
from tui.loading import ingest_report
from tui.model import Report
from tui.screens.main import MainScreen
from tui.widgets.section_body import SectionBody

CORPUS = Path(__file__).parent / "corpus"
FORMATS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "formats"
SIZE = (120, 40)


@pytest.fixture(scope="module")
def shuyang() -> Report:
    return ingest_report(CORPUS / "shuyang-2025-information-disclosure-annual-report.md.txt")


def cells(line: str) -> list[str]:
    """The cells of a drawn table row, stripped."""
    return [c.strip() for c in line.split("│")]


def bars(line: str) -> list[int]:
    """Terminal columns of the │ separators of a drawn row."""
    out, at = [], 0
    for char in line:
        if char == "│":
            out.append(at)
        at += cell_width(char)
    return out


def grid_of(body: SectionBody) -> list[str]:
    return [line for line in body.lines if "│" in line]


async def hold(app, pilot, key: str, times: int) -> None:
    """``key`` pressed ``times`` times in a row, as a held key repeats: the same key events the
    pilot sends, one after another without its wait for the app to go idle after each (40 ms
    or more a key); then wait until the app, the screen and the pane have handled them all."""
    for _ in range(times):
        app.post_message(events.Key(key, key if len(key) == 1 else None))
    body = app.screen.query_one(SectionBody)
    while app.message_queue_size or app.screen.message_queue_size or body.message_queue_size:
        await pilot.pause()
    await pilot.pause()


async def test_a_pipe_table_is_drawn_as_a_grid(shuyang: Report, tmp_path: Path) -> None:
    app = make(shuyang, tmp_path, section="2.1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        body = app.screen.query_one(SectionBody)
        lines = body.lines
        assert lines[0] == "第二十条第（一）项"  # the ### heading, without its marks
        assert not any(line.lstrip().startswith(("|", "###")) or "---|" in line for line in lines)
        rows = grid_of(body)
        assert [cells(r) for r in rows] == [
            ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", "0", "0", "0"],
            ["行政规范性文件", "6", "1", "32"],
        ]
        # double-width cells line up: the │ of every row at the same terminal columns
        assert len({tuple(bars(r)) for r in rows}) == 1
        # numbers right-aligned: 32 ends where the 0 above it ends
        assert rows[2].rstrip().endswith("│           32") and rows[1].rstrip().endswith("│            0")
        # rules above, under the header and below
        assert lines[2].startswith("─" * 10) and "┬" in lines[2] and "┼" in lines[4] and "┴" in lines[7]


async def test_a_search_hit_in_a_cell_brings_its_row_into_view_and_lights_the_cell(
        shuyang: Report, tmp_path: Path) -> None:
    app = make(shuyang, tmp_path, search="693957")  # line 69: | 行政处罚 | 693957 |
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.section.id == "2.3"
        body = screen.body
        mark = body.current_mark
        assert mark is not None and screen.section.text[mark.start:mark.end] == "693957"
        row = body.line_of_offset(mark.start)
        assert cells(body.lines[row]) == ["行政处罚", "693957"]
        assert body.scroll_offset.y <= row < body.scroll_offset.y + body.scrollable_content_region.height
        # the whole cell (its padding too) is drawn in the cursor's style
        strip = body.render_line(row - body.scroll_offset.y)
        current = body.get_component_rich_style("section-body--current")
        lit = "".join(seg.text for seg in strip if seg.style and seg.style.bgcolor == current.bgcolor)
        assert lit.strip() == "693957" and len(lit) > len("693957")


@pytest.mark.skipif(not FORMATS.is_dir(), reason="the shared corpus is not here")
async def test_caption_and_merged_header_cells(tmp_path: Path) -> None:
    report = ingest_report(FORMATS / "national-1995-third-industrial-census-communique.md")
    app = make(report, tmp_path, section="2.0")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        body = app.screen.query_one(SectionBody)
        lines = body.lines
        caption = lines.index("表2：工业经济类型结构变化情况")  # **表2：…** in the text, marks removed
        assert lines[caption + 2].startswith("─")  # the grid right under it
        rows = grid_of(body)
        # the first header row spans two columns per cell: 按资产总额计算(%) over 1985 and 1995
        assert cells(rows[0]) == ["", "按资产总额计算(%)", "按从业人员计算(%)", "按工业总产值计算(%)"]
        assert cells(rows[1]) == ["", "1985", "1995", "1985", "1995", "1985", "1995"]
        assert bars(rows[0]) == bars(rows[1])[::2]  # the spanning cells end where 1995 ends
        assert cells(rows[2]) == ["国有工业", "74.6", "53.7", "41.1", "31.6", "64.9", "34.0"]
        assert cells(rows[4]) == ["私营工业", "", "1.0", "", "3.3", "", "2.6"]  # blank cells stay blank


WIDE = """某市2024年统计公报
一、综合
（一）主要指标
全年主要指标如下。
表1：主要指标
| 指标 | 2013年 | 2014年 | 2015年 | 2016年 | 2017年 | 2018年 | 2019年 | 2020年 | 2021年 | 2022年 | 2023年 | 2024年 |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
| 地区生产总值（亿元） | 1001.1 | 1102.2 | 1203.3 | 1304.4 | 1405.5 | 1506.6 | 1607.7 | 1708.8 | 1809.9 | 1910.1 | 2011.2 | 2112.3 |
| 常住人口（万人） | 301.1 | 302.2 | 303.3 | 304.4 | 305.5 | 306.6 | 307.7 | 308.8 | 309.9 | 310.1 | 311.2 | 312.3 |
以上数据为初步统计数。
"""


async def test_a_wide_table_scrolls_sideways_with_its_first_column_in_place(tmp_path: Path) -> None:
    source = tmp_path / "wide.txt"
    source.write_text(WIDE, encoding="utf-8")
    report = ingest_report(source)
    section = report.section("1.1")
    assert section is not None and len(section.tables) == 1
    app = make(report, tmp_path, section="1.1")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        body = app.screen.query_one(SectionBody)
        row = next(i for i, line in enumerate(body.lines) if line.startswith("地区生产总值"))
        top = body.scroll_offset.y

        def shown(index: int) -> str:
            return "".join(seg.text for seg in body.render_line(index - body.scroll_offset.y))

        assert "1001.1" in shown(row) and "2112.3" not in shown(row)
        text_row = next(i for i, line in enumerate(body.lines) if line.startswith("全年主要指标"))
        before = shown(text_row)
        await hold(app, pilot, "l", 60)
        assert body.scroll_offset.x > 0 and body.scroll_offset.y == top
        assert shown(row).startswith("地区生产总值（亿 │")  # the row labels stay (wrapped in 16 cells)
        assert "2112.3" in shown(row) and "1001.1" not in shown(row)
        assert shown(text_row) == before  # the text around the table does not move
        await pilot.press("left")
        await hold(app, pilot, "h", 60)
        assert body.scroll_offset.x == 0
        # a figure in the far right column: the pane scrolls sideways to it
        figure = next(f for f in section.figures if f.raw == "312.3")
        body.scroll_to_offset(figure.start)
        await pilot.pause()
        line = body.line_of_offset(figure.start)
        assert body.lines[line].startswith("常住人口") and "312.3" in shown(line)


async def test_copy_a_table_as_markdown_and_csv(shuyang: Report, tmp_path: Path) -> None:
    app = make(shuyang, tmp_path, section="2.1")
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("C")
        await pilot.pause()
        assert type(app.screen).__name__ == "CopyMenu"
        assert "Copy table as Markdown" in str(app.screen.query_one("#copy-choices").get_option_at_index(6).prompt)
        await pilot.press("p")
        await pilot.pause()
        lines = app.clipboard.split("\n")
        assert lines[:6] == ["**第二十条第（一）项**", "", "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
                             "|---|---|---|---|", "| 规章 | 0 | 0 | 0 |", "| 行政规范性文件 | 6 | 1 | 32 |"]
        assert lines[-2].startswith("——") and "[EB/OL]" in lines[-2]  # the citation (GB/T 7714)
        assert any("Copied table 2.1/t1 as Markdown" in n for n in notes)
        await pilot.press("C", "v")
        await pilot.pause()
        assert app.clipboard == "信息内容,本年制发件数,本年废止件数,现行有效件数\n规章,0,0,0\n行政规范性文件,6,1,32\n"
        await pilot.press("C", "V")
        await pilot.pause()
        saved = tmp_path / f"{shuyang.id}-2.1-t1.csv"
        assert saved.read_text(encoding="utf-8") == app.clipboard


async def test_the_copy_menu_picks_one_of_several_tables(shuyang: Report, tmp_path: Path) -> None:
    # 3.6 holds two tables: (六) 其他, then the one headed 项目 | 本年新收件数 | …
    app = make(shuyang, tmp_path, section="3.6")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("C")
        await pilot.pause()
        label = app.screen.query_one("#copy-table")
        assert str(label.render()).startswith("Table 1/2: (六) 其他")
        await pilot.press("right")
        await pilot.pause()
        assert str(label.render()).startswith("Table 2/2: ")
        await pilot.press("v")
        await pilot.pause()
        first, second = app.clipboard.split("\n")[:2]
        assert first == "项目,本年新收件数,上年结转件数,予以公开,部分公开,不予公开,结转下年度,总计"
        assert second == "2. 申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请,7,0,0,0,0,0,7"
        # with a search hit in the second table, the menu starts on it
        app.screen.run_query("143")  # | 3. 其他 | 142 | 1 | 0 | 0 | 0 | 0 | 143 |
        await settle(app, pilot)
        await pilot.press("n", "C")
        await pilot.pause()
        assert str(app.screen.query_one("#copy-table").render()).startswith("Table 2/2: ")
        await pilot.press("escape")


async def test_a_section_without_tables_offers_no_table_copy(shuyang: Report, tmp_path: Path) -> None:
    app = make(shuyang, tmp_path, section="1.1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("C")
        await pilot.pause()
        assert not app.screen.query("#copy-table")
        await pilot.press("v")  # not offered: nothing copied, the menu stays
        await pilot.pause()
        assert type(app.screen).__name__ == "CopyMenu" and app.clipboard == ""


HOSTILE = """某市2024年统计公报
一、综合
（一）主要指标
| 指标 | 数值 |
|---|---|
| [bold red]标记\x1b]52;c;aGk=\x07 | 12.5 |
"""


async def test_table_cells_are_never_markup_or_escapes(tmp_path: Path) -> None:
    source = tmp_path / "hostile.txt"
    source.write_text(HOSTILE, encoding="utf-8")
    report = ingest_report(source)
    app = make(report, tmp_path, section="1.1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        body = app.screen.query_one(SectionBody)
        row = next(line for line in body.lines if "12.5" in line)
        assert row.startswith("[bold red]标记␛]52;c;aGk=␇")  # shown literally, controls visible
        await pilot.press("C", "p")
        await pilot.pause()
        assert "[bold red]标记" in app.clipboard and "\x1b" not in app.clipboard and "\x07" not in app.clipboard


async def test_clicking_a_cell_selects_its_figure(shuyang: Report, tmp_path: Path) -> None:
    app = make(shuyang, tmp_path, section="2.1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        body = app.screen.query_one(SectionBody)
        row = next(i for i, line in enumerate(body.lines) if line.startswith("行政规范性文件"))
        column = bars(body.lines[row])[-1] + 3  # inside the last cell, left of the right-aligned 32
        pad = body._lines[row].pad or 0
        gutter = body.content_region.y - body.region.y
        left = body.content_region.x - body.region.x
        await pilot.click(SectionBody, offset=(left + pad + column, row + gutter - body.scroll_offset.y))
        await pilot.pause()
        mark = body.current_mark
        assert mark is not None and mark.figure is not None and mark.figure.raw == "32"
        assert app.screen.query_one("Breadcrumb").status == "figure 6/6"
