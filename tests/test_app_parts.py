"""Pilot tests: the parts after the body in the outline, notes on request (``i``), outline
roots that tell reports apart and the legend of the figure counts (issues 9 and 12).

Sichuan 2026 ends with a 名词解释 of 20 items (tests/corpus; its lines 101–103:
``名词解释`` / ``1.“两重”：是指国家重大战略实施和重点领域安全能力建设。`` / ``2.“两新”：…``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.test_app import SIZE, capture_notes, make, settle, tiny_report
from tui.cli import main as cli
from tui.loading import ingest_report, load_report
from tui.model import Chapter, NoteRef, Part, PartEntry, Report, Section, Source
from tui.paths import bundled_report_path
from tui.screens.notes import NotesScreen
from tui.widgets.outline_tree import OutlineTree
from tui.widgets.section_body import SectionBody

CORPUS = Path(__file__).parent / "corpus"
SICHUAN = CORPUS / "sichuan-2026-government-work-report.txt"
FORMATS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "formats"


@pytest.fixture(scope="module")
def sichuan() -> Report:
    return ingest_report(SICHUAN)


def labels(node) -> list[str]:
    return [str(child.label) for child in node.children]


async def test_the_outline_lists_the_glossary_with_its_terms(sichuan: Report, tmp_path: Path) -> None:
    app = make(sichuan, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        tree = screen.query_one(OutlineTree)
        top = labels(tree.root)
        assert top[-1] == "名词解释 Glossary" and top[-2] == "结语 Closing"  # after the chapters
        assert top.index("名词解释 Glossary") > top.index("三、2026年工作安排")
        glossary = tree.root.children[-1]
        terms = labels(glossary)
        assert len(terms) == 20 and terms[:2] == ["“两重”", "“两新”"]
        # selecting the part opens it in the reading pane
        tree.move_cursor(glossary, animate=False)
        await pilot.press("enter")
        await pilot.pause()
        body = screen.query_one(SectionBody)
        assert screen.section.id == "glossary"
        assert body.lines[0] == "名词解释"
        assert body.lines[2] == "1.“两重”：是指国家重大战略实施和重点领域安全能力建设。"
        # a term opens the glossary at its line
        screen.outline.focus()
        glossary.expand()
        await pilot.pause()
        tree.move_cursor(glossary.children[1], animate=False)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.section.id == "glossary" and screen.focused is body
        assert body.lines[body.scroll_offset.y] == "2.“两新”：是指大规模设备更新和消费品以旧换新。"


async def test_open_at_a_part_from_the_command_line_options(sichuan: Report, tmp_path: Path) -> None:
    app = make(sichuan, tmp_path, section="glossary")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert screen.section.id == "glossary"
        assert screen.outline.cursor_node.data.id == "glossary"


def test_cli_show_a_part_and_its_help(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["show", "glossary", "--report", str(SICHUAN)], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output.split("\n")[:2] == ["名词解释", "1.“两重”：是指国家重大战略实施和重点领域安全能力建设。"]
    helped = runner.invoke(cli, ["show", "--help"], catch_exceptions=False)
    assert '"glossary" (名词解释)' in helped.output and '"annex-1" (附件1)' in helped.output


def noted_report() -> Report:
    """A section citing notes [1] and [2] of a 注释 part (as statistical bulletins do)."""
    text = "(一)综合。全年地区生产总值[1]1329.65亿元，比上年增长4.0%。规模以上工业[2]增加值增长6.1%。"
    one, two = text.index("[1]"), text.index("[2]")
    closing = ["注释：", "[1]地区生产总值绝对数按现价计算，增长速度按不变价格计算。",
               "[2]规模以上工业统计口径为年主营业务收入2000万元及以上工业企业。"]
    return Report(
        id="noted", title="某州2023年国民经济和社会发展统计公报", issuer="某州统计局", issued_on=date(2024, 5, 7),
        chapters=[Chapter(id="1", number="一", title="综合", heading="一、综合",
                          sections=[Section(id="1.1", number="一", title="综合", text=text),
                                    Section(id="1.2", number="二", title="农业", text="(二)农业。粮食增产。")])],
        closing=closing,
        parts=[Part(id="notes", kind="notes", title="注释", start=0, end=3, entries=[
            PartEntry(number="1", definition=closing[1][3:], line=1),
            PartEntry(number="2", definition=closing[2][3:], line=2)])],
        note_refs=[NoteRef(section="1.1", start=one, end=one + 3, note="1", part="notes"),
                   NoteRef(section="1.1", start=two, end=two + 3, note="2", part="notes")],
        source=Source(file="noted.txt", encoding="utf-8", sha256="0" * 64),
    )


async def test_i_shows_the_notes_of_the_section_nearest_first(tmp_path: Path) -> None:
    report = noted_report()
    app = make(report, tmp_path, section="1.1")
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.screen.run_query("增加值")  # the cursor on a match right after the marker [2]
        await settle(app, pilot)
        await pilot.press("n", "i")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        shown = [(n.label, n.text) for n in screen.query("NoteText")]
        assert shown == [("[1] ", "地区生产总值绝对数按现价计算，增长速度按不变价格计算。"),
                         ("[2] ", "规模以上工业统计口径为年主营业务收入2000万元及以上工业企业。")]
        assert screen.query_one("#note-1").has_class("-nearest")
        await pilot.press("escape")
        await pilot.pause()
        # a section without markers says so (and where the notes are)
        await pilot.press("right_square_bracket", "i")
        await pilot.pause()
        assert not isinstance(app.screen, NotesScreen)
        assert notes[-1] == ("No note markers ([1] …) in this section (the report's notes are in the outline, "
                             "after the chapters).")
        # the outline has the notes part with its notes as entries
        tree = app.screen.query_one(OutlineTree)
        assert labels(tree.root)[-1] == "注释 Notes"
        assert labels(tree.root.children[-1]) == ["[1] 地区生产总值绝对数按现价计算，增长速度按不变价格计算。",
                                                  "[2] 规模以上工业统计口径为年主营业务收入2000万元及以上工业企业。"]


@pytest.mark.skipif(not FORMATS.is_dir(), reason="the shared corpus is not here")
async def test_i_on_a_real_bulletin(tmp_path: Path) -> None:
    # 黔东南 2023, section 五: “全年全州社会消费品零售总额[5]658.36亿元” and note [6] later
    report = ingest_report(FORMATS / "qiandongnan-2023-statistical-communique.pdf-text.txt")
    app = make(report, tmp_path, section="5.0")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("i")
        await pilot.pause()
        texts = [n.label + n.text for n in app.screen.query("NoteText")]
        assert texts[0] == ("[5] 社会消费品零售统计中限额以上单位是指年主营业务收入2000万元及以上的批发业企业"
                            "（单位）、500万元及以上的零售业企业（单位）、200万元及以上的住宿和餐饮业企业（单位）计算。")
        assert texts[1].startswith("[6] 居民消费价格指数是指")


async def test_roots_tell_reports_apart_and_the_counts_have_a_legend(sichuan: Report, tmp_path: Path) -> None:
    bundled = load_report(bundled_report_path())
    app = make([bundled, sichuan, tiny_report()], tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        tree = app.screen.query_one(OutlineTree)
        assert labels(tree.root) == [
            "温州市人民政府 · 2018 · 《法治政府建设工作情况的报告》",
            "四川省人民政府 · 2026 · 《政府工作报告》",
            "某市人民政府 · 2019 · 《测试报告[bold red]》",  # shown literally, never markup
        ]
        assert tree.border_subtitle == "# = figures"
    app = make(bundled, tmp_path)  # one report: the legend too
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.screen.query_one(OutlineTree).border_subtitle == "# = figures"
