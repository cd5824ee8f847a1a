"""Moving like less and vim (issue 12): goto, snippets, n/N across sections, history, bookmarks.

The pure parts (tui.goto, tui.snippet) first, then Pilot tests of the app on the bundled
report (data/wenzhou-2018-rule-of-law.txt: seven chapters 一 … 七, sections 1.1 … 7.4).
"""

from __future__ import annotations

import pytest

from tui.cjk_wrap import cell_width
from tui.goto import Target, numeral_value, parse_goto, resolve_goto
from tui.loading import load_report
from tui.model import Report
from tui.paths import bundled_report_path
from tui.snippet import figure_focus, snippet


@pytest.fixture(scope="module")
def report() -> Report:
    return load_report(bundled_report_path())


# ---- goto ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "target"), [
    (":6.1", Target("section", "6.1")),
    ("6.1", Target("section", "6.1")),
    ("６．１", Target("section", "6.1")),
    ("6-1", Target("section", "6.1")),
    ("6 1", Target("section", "6.1")),
    ("6、1", Target("section", "6.1")),
    ("六（一）", Target("section", "6.1")),
    ("第六部分第（一）节", Target("section", "6.1")),  # what the plain citation says
    ("第六章第一节", Target("section", "6.1")),
    ("十二.三", Target("section", "12.3")),
    (":12.10", Target("section", "12.10")),
    (":6", Target("chapter", "6")),
    (" : 6 ", Target("chapter", "6")),
    ("六", Target("chapter", "6")),
    ("第六部分", Target("chapter", "6")),
    (":结语", Target("part", "closing")),
    (":closing", Target("part", "closing")),
    (":preamble", Target("part", "preamble")),
    ("Preamble", Target("part", "preamble")),
    ("前言", Target("part", "preamble")),
])
def test_parse_goto(typed: str, target: Target) -> None:
    assert parse_goto(typed) == target


@pytest.mark.parametrize("typed", [":", "", "  ", "abc", "6.1.2", "6..1", "6.", "十十", "纠错率"])
def test_parse_goto_refuses(typed: str) -> None:
    assert parse_goto(typed) is None


def test_numeral_value() -> None:
    assert [numeral_value(t) for t in ("6", "六", "十", "十二", "二十", "二十一", "十十", "六一")] == [
        6, 6, 10, 12, 20, 21, None, None]


def test_resolve_goto(report: Report) -> None:
    assert resolve_goto(report, ":6.1")[0].id == "6.1"
    assert resolve_goto(report, ":6")[0].id == "6.1"  # a chapter: its first section
    assert resolve_goto(report, ":结语")[0].id == "closing"
    assert resolve_goto(report, ":前言")[0].id == "preamble"
    assert resolve_goto(report, ":9.9") == (None, "No section 9.9 in this report (sections 1.1 … 7.4).")
    assert resolve_goto(report, ":8") == (None, "No section 8 in this report (sections 1.1 … 7.4).")
    assert resolve_goto(report, ":x") == (None, "Not a place: ':x'. Type a number (6.1, 6) or 前言 / 结语.")
    bare = report.model_copy(update={"closing": []})
    assert resolve_goto(bare, ":结语") == (None, "This report has no 结语 closing.")


# ---- snippets ------------------------------------------------------------------------------

SENTENCE_173 = ("同时,加大行政复议纠错力度,全市各级行政复议机关立案受理958件,审结920件(含上年结转案件176件),"
                "直接纠错159件,纠错率17.3%;以和解、调解方式结案215件,和解、调解率为23.4%。")


def test_a_figure_hit_shows_its_figure_in_the_sentence() -> None:
    text = f"纠错率：17.3%｜{SENTENCE_173}"
    head = text.index("｜") + 1
    at = head + SENTENCE_173.index("17.3%")
    out, spans = snippet(text, [(0, 3)], focus=(at, at + 5), head=head)
    assert out == "纠错率：17.3%｜…纠错率17.3%;以和解、调解方式结案215件,和解、调…"
    assert spans == [(0, 3)] and cell_width(out) <= 64


def test_a_text_hit_starts_at_the_clause_of_its_match() -> None:
    at = SENTENCE_173.index("纠错率")
    out, spans = snippet(SENTENCE_173, [(at, at + 3)])
    assert out == "…直接纠错159件,纠错率17.3%;以和解、调解方式结案215件,和解、调解…"
    assert [out[a:b] for a, b in spans] == ["纠错率"]
    # near the end: the window fills up backwards, the end is shown whole
    at = SENTENCE_173.index("23.4%")
    out, spans = snippet(SENTENCE_173, [(at, at + 5)])
    assert out == "…9件,纠错率17.3%;以和解、调解方式结案215件,和解、调解率为23.4%。"
    assert [out[a:b] for a, b in spans] == ["23.4%"]


def test_short_texts_and_early_matches_are_left_alone() -> None:
    assert snippet("短文本", [(0, 1)]) == ("短文本", [(0, 1)])
    out, spans = snippet(SENTENCE_173, [(5, 9)])
    assert out == "同时,加大行政复议纠错力度,全市各级行政复议机关立案受理958件,审…"
    assert [out[a:b] for a, b in spans] == ["行政复议"]
    # a span cut by the window is clipped; one outside it dropped
    out, spans = snippet(SENTENCE_173, [(20, 40), (90, 95)], focus=(0, 1))
    assert [out[a:b] for a, b in spans] == [SENTENCE_173[20:out.index("…")]]


def test_figure_focus(report: Report) -> None:
    section = report.section("6.1")
    (rate,) = [f for f in section.figures if f.raw == "17.3%"]
    a, b = figure_focus(section.text, rate.sentence, rate.start, rate.end)
    assert rate.sentence[a:b] == "17.3%" and rate.sentence[:a].endswith("直接纠错159件,纠错率")
    assert figure_focus(section.text, "不在这里", rate.start, rate.end) is None


# ---- the app ---------------------------------------------------------------------------------

from pathlib import Path  # noqa: E402

from textual.widgets import Input  # noqa: E402

from tests.test_app import capture_notes, settle  # noqa: E402
from tui.app import ReportApp, create_app  # noqa: E402
from tui.screens.main import MainScreen  # noqa: E402
from tui.widgets.breadcrumb import Breadcrumb  # noqa: E402
from tui.widgets.figure_table import FigureTable  # noqa: E402
from tui.widgets.outline_tree import OutlineTree  # noqa: E402
from tui.widgets.search_box import SearchBox  # noqa: E402
from tui.widgets.section_body import SectionBody  # noqa: E402

SIZE = (120, 40)


def make(report: Report, tmp_path: Path, **kwargs) -> ReportApp:
    return create_app([report], export_dir=tmp_path, **kwargs)


def main(app: ReportApp) -> MainScreen:
    return app.screen_stack[0]  # type: ignore[return-value]


async def search(app: ReportApp, pilot, query: str) -> None:
    await pilot.press("slash", *query)
    await settle(app, pilot)


# ---- bugs ------------------------------------------------------------------------------------

@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_a_long_result_list_leaves_the_reading_pane_visible(report: Report, tmp_path: Path, size) -> None:
    app = make(report, tmp_path, section="1.1")
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "率")
        screen = main(app)
        results, crumb, body = screen.results, screen.query_one(Breadcrumb), screen.body
        assert results.option_count > 25  # 25 hits under their chapter headings: longer than the screen
        height = size[1]
        assert results.region.height <= height * 2 // 5  # a bounded share of the height …
        assert results.max_scroll_y > 0  # … and it scrolls
        # the breadcrumb sits right under the list, the text under it, on screen
        assert crumb.region.y == results.region.bottom
        assert body.region.y == crumb.region.bottom and body.region.height >= 6
        assert body.region.bottom <= height - 1  # above the footer
        assert any(line.strip() for line in body.lines[:3])


async def test_tab_never_lands_in_the_search_box(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main(app)
        seen = []
        for _ in range(4):
            await pilot.press("tab")
            seen.append(type(app.focused).__name__)
        assert seen == ["SectionBody", "OutlineTree", "SectionBody", "OutlineTree"]
        await pilot.press("tab", "n")  # n is the screen's: the next figure, not a query
        assert screen.search_box.value == "" and screen.body.current == 0
        await pilot.press("shift+tab")
        assert isinstance(app.focused, OutlineTree)
        # from the search box, tab leaves it for the reading pane
        await search(app, pilot, "纠错")
        await pilot.press("tab")
        assert isinstance(app.focused, SectionBody) and screen.search_box.value == "纠错"


async def test_a_figure_table_sort_goes_to_the_top(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f")
        await pilot.pause()
        table = app.screen.query_one(FigureTable)
        await pilot.press(*["j"] * 30)
        assert table.cursor_row == 30
        await pilot.press("3")
        await pilot.pause()
        assert table.cursor_row == 0 and table.scroll_y == 0
        assert table.current_row.figure.id == table.shown[0].figure.id


async def test_the_palette_finds_sections_by_number(report: Report, tmp_path: Path) -> None:
    from textual.command import CommandPalette

    app = make(report, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await pilot.press(*"6.1")
        await pilot.pause(0.6)
        options = palette.query_one("CommandList")
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert prompts and prompts[0].startswith("6.1") and "完善行政复议工作制度" in prompts[0]
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen) and main(app).section.id == "6.1"
        # the section list says 1 figure, not 1 figures
        from tui.screens.palette import SearchCommands

        helps = [hit.help async for hit in SearchCommands(main(app)).discover()]
        assert "1 figure" in helps and "1 figures" not in helps and "15 figures" in helps


async def test_n_never_changes_meaning(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main(app)
        await search(app, pilot, "纠错率")
        await pilot.press("enter")  # 6.1, on the match
        await pilot.pause()
        assert screen.section.id == "6.1"
        screen.open_section(report, report.section("2.1"))  # no 纠错率 here
        await pilot.pause()
        await pilot.press("n")  # still the search: on to the next section with a match
        assert screen.section.id == "6.1" and screen.body.highlight_all
        assert report.section("6.1").text[screen.body.current_mark.start:][:3] == "纠错率"
        # a query with no match anywhere: n says so, and does not step through figures
        await search(app, pilot, "不存在的词")
        await pilot.press("escape", "n")
        assert screen.body.current is None
        assert any("No match for" in n for n in notes)


# ---- moving ----------------------------------------------------------------------------------

def patrol_report() -> Report:
    """Four sections without figures; 巡查 in 1.1 (once), 2.1 (twice) and 2.2 (once)."""
    from datetime import date

    from tui.model import Chapter, Section, Source

    texts = {"1.1": "(一)第一节。今年开展巡查。", "1.2": "(二)第二节。没有这个词。",
             "2.1": "(一)第三节。巡查两次,巡查结束。", "2.2": "(二)第四节。再次巡查。"}
    numbers = {"1": "一", "2": "二"}
    sections = {sid: Section(id=sid, number="一" if sid.endswith(".1") else "二", title=text[3:6], text=text)
                for sid, text in texts.items()}
    chapters = [Chapter(id=c, number=numbers[c], title=f"第{numbers[c]}章", heading=f"{numbers[c]}、第{numbers[c]}章",
                        sections=[sections[f"{c}.1"], sections[f"{c}.2"]]) for c in ("1", "2")]
    return Report(id="patrol", title="巡逻报告", issuer="某市人民政府", issued_on=date(2019, 3, 25), chapters=chapters,
                  source=Source(file="patrol.txt", encoding="utf-8", sha256="0" * 64))


async def test_n_and_N_go_across_sections_with_the_position_shown(tmp_path: Path) -> None:
    patrol = patrol_report()
    app = make(patrol, tmp_path, section="1.2")
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main(app)
        crumb = screen.query_one(Breadcrumb)
        await search(app, pilot, "巡查")
        await pilot.press("escape")  # the reading pane; 1.2 has no 巡查
        assert screen.section.id == "1.2"
        assert crumb.status == "4 matches in 3 sections · n/N"
        await pilot.press("n")  # after 1.2: 2.1
        assert screen.section.id == "2.1" and crumb.status == "match 2/4 · section 2/3"
        await pilot.press("n")
        assert screen.section.id == "2.1" and crumb.status == "match 3/4 · section 2/3"
        await pilot.press("n")
        assert screen.section.id == "2.2" and crumb.status == "match 4/4 · section 3/3"
        await pilot.press("n")  # the end: wraps to the top, and says so
        assert screen.section.id == "1.1" and crumb.status == "match 1/4 · section 1/3"
        assert notes[-1] == "Search hit the bottom, continuing from the top."
        await pilot.press("N")
        assert screen.section.id == "2.2" and crumb.status == "match 4/4 · section 3/3"
        assert notes[-1] == "Search hit the top, continuing from the bottom."
        await pilot.press("N", "N")
        assert screen.section.id == "2.1" and crumb.status == "match 2/4 · section 2/3"
        offsets = [m.start for m in screen.body.marks]
        assert offsets == [7, 12] and screen.body.current == 0


async def test_colon_goes_to_a_section(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main(app)
        await pilot.press("colon", *"6.1", "enter")
        await pilot.pause()
        assert screen.section.id == "6.1" and isinstance(app.focused, SectionBody)
        await pilot.press("colon", *"3", "enter")
        await pilot.pause()
        assert screen.section.id == "3.1"
        await pilot.press("colon", *"结语", "enter")
        await pilot.pause()
        assert screen.section.id == "closing"
        await pilot.press("colon", *"9.9", "enter")
        await pilot.pause()
        assert screen.section.id == "closing" and isinstance(app.screen, MainScreen)
        assert notes[-1] == "No section 9.9 in this report (sections 1.1 … 7.4)."
        await pilot.press("colon", "escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and screen.section.id == "closing"


async def test_back_and_forward(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path, section="1.1")
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main(app)
        for sid in ("2.1", "3.1", "4.1"):
            screen.open_section(report, report.section(sid))
        await pilot.press("backspace", "ctrl+o")
        assert screen.section.id == "2.1"
        await pilot.press("shift+backspace")
        assert screen.section.id == "3.1"
        await pilot.press("alt+right")
        assert screen.section.id == "4.1"
        await pilot.press("alt+right")
        assert screen.section.id == "4.1" and notes[-1] == "No later section to go forward to."
        await pilot.press("backspace")
        screen.open_section(report, report.section("7.1"))  # a new visit drops the way forward
        await pilot.press("shift+backspace")
        assert screen.section.id == "7.1"


async def test_enter_in_the_outline_focuses_the_reading_pane(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main(app)
        assert isinstance(app.focused, OutlineTree)
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.focused, SectionBody)
        before = screen.body.scroll_y
        await pilot.press("space")  # pages at once
        assert screen.body.scroll_y > before or screen.body.max_scroll_y == 0


async def test_section_option_opens_with_the_pane_focused(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path, section="6.1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.focused, SectionBody)
        await pilot.press("space")
        assert main(app).body.scroll_y > 0


async def test_brackets_at_the_ends_say_so(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path, section="preamble")
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("left_square_bracket")
        assert notes[-1] == "Already at the first section."
        main(app).open_section(report, main(app).reports[report.id].sections()[-1])
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert main(app).section.id == "closing" and notes[-1] == "Already at the last section."


# ---- looks ------------------------------------------------------------------------------------

@pytest.mark.parametrize("size", [(80, 24), (60, 20), (120, 40)])
async def test_the_footer_keeps_quit_and_the_palette(report: Report, tmp_path: Path, size) -> None:
    from textual.widgets._footer import FooterKey

    app = make(report, tmp_path, section="6.1")
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        keys = {key.key: key for key in app.screen.query(FooterKey)}
        for name in ("q", "ctrl+p", "slash", "question_mark"):
            assert name in keys, name
            region = keys[name].region
            assert region.width > 0 and region.right <= size[0], (name, region)
        if size[0] < 90:
            assert "e" not in keys  # Export gave way first
        else:
            assert {"e", "y", "c", "f", "n"} <= set(keys)


async def test_result_rows_show_the_sentence_around_the_figure(report: Report, tmp_path: Path) -> None:
    app = make(report, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "纠错率")
        results = main(app).results
        row = str(results.get_option_at_index(1).prompt)  # the first hit, under its chapter
        assert row.endswith("纠错率：17.3%｜…纠错率17.3%;以和解、调解方式结案215件,和解、调…")
