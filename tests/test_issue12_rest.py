"""Issue 12, the rest: notifications, the breadcrumb of lead-ins, a one-row search box in a
low terminal, ``g`` then a number, bookmarks in the command palette.

Pilot tests of the app on the bundled report (data/wenzhou-2018-rule-of-law.txt: chapters
一 … 七, sections 1.1 … 7.4, none with a lead-in) and on the national government work report
of the corpus (tests/corpus/national-2018-government-work-report.gb18030.txt), whose
chapters open with text before their first （一）: ``一、过去五年工作回顾`` then
``第十二届全国人民代表大会第一次会议以来的五年，是我国发展进程中极不平凡的五年。…``, and
``三、对2018年政府工作的建议`` then ``今年经济社会发展任务十分繁重。…``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.geometry import Region
from textual.widgets import Input
from textual.widgets._toast import Toast

from tests.test_app import capture_notes, main, make, settle
from tui.loading import ingest_report, load_report
from tui.model import Chapter, Report, Section, Source
from tui.path_breaks import break_paths
from tui.paths import bundled_report_path
from tui.screens.main import MainScreen
from tui.screens.palette import SearchCommands
from tui.screens.prompt import GotoPrompt
from tui.widgets.breadcrumb import Breadcrumb, crumb_path
from tui.widgets.outline_tree import OutlineTree
from tui.widgets.search_box import SearchBox
from tui.widgets.section_body import SectionBody

TESTS = Path(__file__).resolve().parent
NATIONAL = TESTS / "corpus" / "national-2018-government-work-report.gb18030.txt"
SIZE = (120, 40)


@pytest.fixture(scope="module")
def report() -> Report:
    return load_report(bundled_report_path())


@pytest.fixture(scope="module")
def national() -> Report:
    return ingest_report(NATIONAL)


def toast_lines(app) -> list[list[str]]:
    """The text lines each notification shows on the screen (wrapped; without its border)."""
    return [["".join(segment.text for segment in toast.render_line(y)).rstrip() for y in range(toast.region.height)]
            for toast in app.screen.query(Toast)]


def crumb_text(app) -> str:
    return app.screen.query_one(Breadcrumb).render().plain


# ---- 1. notifications: off the text, short-lived, paths broken at separators --------------

def test_break_paths_cuts_after_separators_only() -> None:
    message = "Saved section 6.1: 593 characters → /root/.local/share/report-explorer/wenzhou-2018-rule-of-law-6.1.txt"
    assert break_paths(message, 40) == ("Saved section 6.1: 593 characters → /root/.local/share/report-explorer/\n"
                                        "wenzhou-2018-rule-of-law-6.1.txt")
    assert break_paths("→ /tmp/a/bb/ccc/dddd.txt", 10) == "→ /tmp/a/bb/\nccc/\ndddd.txt"  # 10 cells a line
    assert break_paths("C:\\Users\\张三\\Documents\\x.txt", 12) == "C:\\Users\\\n张三\\\nDocuments\\\nx.txt"
    # a path that fits, a word with one slash (a citation's [EB/OL]) and plain Chinese: as they are
    assert break_paths("→ /tmp/x.txt", 40) == "→ /tmp/x.txt"
    gbt = "温州市人民政府关于2018年度法治政府建设工作情况的报告[EB/OL]."
    assert break_paths(gbt, 20) == gbt
    # a URL (no scheme, as 本文链接 gives it) is a path too
    assert break_paths("//www.0798ci.com/rule/81330.html.", 20) == "//www.0798ci.com/\nrule/81330.html."


async def test_a_notification_leaves_the_text_uncovered_and_closes_fast(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path, section="6.1")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.pause()
        toast = app.screen.query_one(Toast)
        # top right, flush with the edges, over the header and the search box (rows 0-3), no
        # blank rows: its title and 2 lines; the text (from row 5) is not covered
        assert toast.region == Region(54, 0, 66, 3)
        assert main(app).body.content_region.y > toast.region.bottom
        assert toast_lines(app) == [[
            "Copied",
            "Copied section 6.1 as plain text: 593 characters, sent through",
            "OSC 52 (if your terminal ignores OSC 52, e saves it to a file)",
        ]]
        assert [n.timeout for n in app._notifications] == [3]
        # a warning stays longer (6 s), unless its caller says otherwise
        await pilot.press("y")  # no figure under the cursor, no search
        assert [(n.severity, n.timeout) for n in app._notifications] == [("information", 3), ("warning", 6)]


async def test_a_saved_path_wraps_at_its_separators(report: Report, tmp_path: Path) -> None:
    folder = tmp_path / "a-folder-with-a-long-name" / "exports"
    app = make(report, folder, section="6.1")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.pause()
        (lines,) = toast_lines(app)
        assert lines[:2] == ["Saved", "Saved section 6.1 as plain text: 593"]
        pieces = "\n".join(lines).split("→", 1)[1].lstrip(" \n").split("\n")  # the path's lines
        assert "".join(pieces) == str(folder / "wenzhou-2018-rule-of-law-6.1.txt")
        assert all(piece.endswith("/") for piece in pieces[:-1]) and len(pieces) >= 2
        assert pieces[-1] == "wenzhou-2018-rule-of-law-6.1.txt"  # the file name whole, on its own line
        assert any(piece.startswith("a-folder-with-a-long-name/") for piece in pieces)  # not cut inside
        assert [n.timeout for n in app._notifications] == [6]  # a saved file: time to read where


# ---- 2. breadcrumb: lead-ins by their chapter, short chapter titles whole ---------------------

@pytest.mark.parametrize("size", [(120, 40), (80, 24), (60, 15)])
async def test_a_lead_in_is_titled_by_its_chapter(national: Report, tmp_path: Path, size) -> None:
    app = make(national, tmp_path, section="1.0")
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        text = crumb_text(app)
        assert text.startswith("1.0 一、过去五年工作回顾  ")  # the chapter, whole; no sentence cut short
        assert "第十二届" not in text and "›" not in text
        main(app).open_section(national, national.section("3.0"))
        await pilot.pause()
        text = crumb_text(app)
        assert text.startswith("3.0 三、对2018年政府工作的建议  ") and "今年经济社会" not in text


async def test_a_short_chapter_title_is_shown_whole(national: Report, report: Report, tmp_path: Path) -> None:
    app = make([national, report], tmp_path, section="1.1")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        # 一、过去五年工作回顾 whole; the long section title is cut instead
        assert crumb_text(app).startswith("1.1 一、过去五年工作回顾 › （一）坚持稳中求进工作总基调，着…  ")
        # a long chapter title is still cut first, the section title kept
        main(app).open_section(report, report.section("6.1"))
        await pilot.pause()
        assert crumb_text(app).startswith("6.1 六、健全完善矛盾纠纷多元 … › （一）完善行政复议工作制度  ")


def test_crumb_path_of_marked_unmarked_and_cut_sections() -> None:
    chapter = Chapter(id="1", number="一", title="2025年工作回顾", heading="一、2025年工作回顾", sections=[])
    marked = Section(id="1.1", number="一", title="着力扩内需稳增长", text="（一）着力扩内需稳增长。", marker="（一）")
    lead_in = Section(id="1.0", number="", title="过去一年，面对复杂严峻形势和多重超预期…", text="过去一年，…")
    tail_whole = Section(id="1.7", number="", title="与此同时，其他各方面工作取得新进展", text="与此同时，…。")
    tail_cut = Section(id="1.8", number="", title="同时我们也清醒看到，发展不平衡不充分的…", text="同时…。")
    assert crumb_path(chapter, marked) == "一、2025年工作回顾 › （一）着力扩内需稳增长"
    assert crumb_path(chapter, lead_in) == "一、2025年工作回顾"
    assert crumb_path(chapter, tail_whole) == "一、2025年工作回顾 › 与此同时，其他各方面工作取得新进展"
    assert crumb_path(chapter, tail_cut) == "一、2025年工作回顾"


async def test_the_palette_lists_a_lead_in_by_its_chapter(national: Report, tmp_path: Path) -> None:
    app = make(national, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        texts = [hit.text async for hit in SearchCommands(main(app)).discover()]
        assert "1.0 一、过去五年工作回顾" in texts and "3.0 三、对2018年政府工作的建议" in texts


# ---- 3. a low terminal: the search box takes one row -------------------------------------------

@pytest.mark.parametrize(("size", "rows"), [((60, 15), 1), ((80, 23), 1), ((80, 24), 3), ((120, 40), 3)])
async def test_the_search_box_takes_one_row_below_24_rows(report: Report, tmp_path: Path, size, rows) -> None:
    app = make(report, tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        box = main(app).query_one(SearchBox)
        assert box.region.height == rows
        await pilot.press("slash", "率")
        await settle(app, pilot)
        assert box.region.height == rows and box.value == "率" and app.focused is box
        if size == (60, 15):
            # header, search box, breadcrumb, footer: the text and the results list get the rest
            assert main(app).query_one("#results").region.y == 2


async def test_the_search_box_grows_back_in_a_taller_terminal(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    async with app.run_test(size=(60, 15)) as pilot:
        await settle(app, pilot)
        body = main(app).query_one(SectionBody)
        assert body.region.height == 11  # 15 rows less header, search box, breadcrumb, footer
        await pilot.resize_terminal(80, 30)
        await pilot.pause()
        assert main(app).query_one(SearchBox).region.height == 3


# ---- 4. g then a number: the goto prompt, as : --------------------------------------------------

async def test_g_then_a_number_goes_to_a_section(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path, section="1.1")
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main(app)
        assert isinstance(app.focused, SectionBody)
        await pilot.press("g", "6")  # the prompt opens holding the 6
        await pilot.pause()
        assert isinstance(app.screen, GotoPrompt) and app.screen.query_one(Input).value == "6"
        await pilot.press(".", "1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and screen.section.id == "6.1"
        assert isinstance(app.focused, SectionBody)
        # g alone (and g g) keeps its meaning: the top of the pane, no prompt
        await pilot.press("space")
        assert screen.body.scroll_y > 0
        await pilot.press("g", "g")
        await pilot.pause()
        assert screen.body.scroll_y == 0 and isinstance(app.screen, MainScreen)
        # a key after g other than a number keeps its own meaning too
        await pilot.press("g", "right_square_bracket")
        assert screen.section.id == "6.2" and isinstance(app.screen, MainScreen)
        # Chinese numerals, as : takes them; a place not in the report says so, as : does
        await pilot.press("g", "七", ".", "四", "enter")  # (Pilot types no （ ）)
        await pilot.pause()
        assert screen.section.id == "7.4"
        await pilot.press("g", "9", "enter")
        await pilot.pause()
        assert screen.section.id == "7.4" and notes[-1] == "No section 9 in this report (sections 1.1 … 7.4)."
        await pilot.press("g", "3", "escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and screen.section.id == "7.4"


async def test_g_then_a_number_from_the_outline_but_not_in_the_search_box(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main(app)
        assert isinstance(app.focused, OutlineTree)
        await pilot.press("g", "2", ".", "2", "enter")
        await pilot.pause()
        assert screen.section.id == "2.2" and isinstance(app.focused, SectionBody)
        await pilot.press("slash", "g", "6")  # typed into the search box: a query, no prompt
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen) and screen.search_box.value == "g6"


# ---- 5. bookmarks in the command palette --------------------------------------------------------

async def palette_prompts(app, pilot, typed: str) -> list[str]:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    if typed:
        await pilot.press(*typed)
    # the palette gathers its hits in a worker (the one for the last keystroke wins): wait for
    # it to finish and the list to be drawn, not for a fixed time
    await settle(app, pilot)
    options = app.screen.query_one("CommandList")
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_the_palette_lists_and_finds_bookmarks(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path, section="6.1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main(app)
        await pilot.press("space", "m", "a")  # a bookmark a page into 6.1
        offset = screen.body.top_offset()
        assert offset > 0
        await pilot.press("colon", *"2.1", "enter", "m", "b")
        await pilot.pause()
        assert sorted(app.state.bookmarks) == ["a", "b"]
        # (the bundled text writes these chapter titles with ASCII commas; a prompt ends with its help line)
        bookmark_a = "'a    6.1 六、健全完善矛盾纠纷多元化解机制,畅通权利救济渠道,保障社会公众合法权益 › （一）完善行政复议工作制度\nbookmark"
        bookmark_b = "'b    2.1 二、完善依法行政制度建设,有序推进重点领域政府立法,加强规范性文件监督管理 › （一）有序推进立法工作\nbookmark"
        # listed with the sections when nothing is typed
        prompts = await palette_prompts(app, pilot, "")
        assert bookmark_a in prompts and bookmark_b in prompts
        await pilot.press("escape")
        # by its letter: first, and enter opens it where it was set
        prompts = await palette_prompts(app, pilot, "a")
        assert prompts[0] == bookmark_a and bookmark_b not in prompts
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen) and screen.section.id == "6.1"
        assert screen.body.top_offset() == offset
        # by its section: the section and the bookmark on it, both first
        prompts = await palette_prompts(app, pilot, "2.1")
        assert set(prompts[:2]) == {
            "2.1   二、完善依法行政制度建设,有序推进重点领域政府立法,加强规范性文件监督管理 › （一）有序推进立法工作\n1 figure",
            bookmark_b}
        assert bookmark_a not in prompts
        await pilot.press("escape")
        # by 'b, by the word bookmark, by words of its place
        assert (await palette_prompts(app, pilot, "'b"))[0] == bookmark_b
        await pilot.press("escape")
        prompts = await palette_prompts(app, pilot, "bookmark")
        assert bookmark_a in prompts and bookmark_b in prompts
        await pilot.press("escape")
        prompts = await palette_prompts(app, pilot, "复议")
        assert bookmark_a in prompts and bookmark_b not in prompts
        await pilot.press("escape")
        # ' then the letter returns to the same place, from a section that fits the pane too
        await pilot.press("colon", *"2.1", "enter")
        await pilot.pause()
        assert screen.body.max_scroll_y == 0
        await pilot.press("apostrophe", "a")
        await pilot.pause()
        assert screen.section.id == "6.1" and screen.body.top_offset() == offset


async def test_a_bookmark_letter_not_set_finds_no_bookmark(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path, section="6.1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("m", "a")
        prompts = await palette_prompts(app, pilot, "z")
        assert not any(p.startswith("'") for p in prompts)
