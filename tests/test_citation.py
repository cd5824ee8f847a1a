"""Citation styles (tui.citation), each against a literal expected output.

Written by reading data/wenzhou-2018-rule-of-law.txt: the title line
温州市人民政府关于2018年度法治政府建设工作情况的报告, the signature 温州市人民政府 /
2019年3月25日, the page's 时间:2020-03-17 11:24:13 and 本文链接://www.0798ci.com/rule/81330.html,
the heading 六、… and （一）完善行政复议工作制度; the national report's title line
政府工作报告——2018年3月5日在第十三届全国人民代表大会第一次会议上国务院总理 李克强.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tui.citation import (DEFAULT_STYLE, STYLES, chinese_number, cite, figure_block, figure_name, locator,
                          next_style, page_date, section_block)
from tui.ingest import ingest_file
from tui.loading import load_report
from tui.model import Report
from tui.paths import bundled_report_path
from tui.report_parts import find_section

TESTS = Path(__file__).resolve().parent
TODAY = date(2026, 12, 1)
TITLE = "温州市人民政府关于2018年度法治政府建设工作情况的报告"
GBT = f"温州市人民政府. {TITLE}[EB/OL]. (2020-03-17)[2026-12-01]. //www.0798ci.com/rule/81330.html."
SENTENCE_173 = ("同时,加大行政复议纠错力度,全市各级行政复议机关立案受理958件,审结920件(含上年结转案件176件),"
                "直接纠错159件,纠错率17.3%;以和解、调解方式结案215件,和解、调解率为23.4%。")


@pytest.fixture(scope="module")
def report() -> Report:
    return load_report(bundled_report_path())


@pytest.fixture(scope="module")
def national() -> Report:
    return ingest_file(TESTS / "corpus" / "national-2018-government-work-report.gb18030.txt", with_pinyin=False)


def figure(report: Report, sid: str, raw: str):
    (found,) = [f for f in report.section(sid).figures if f.raw == raw]
    return found


def test_gbt7714_is_the_default_and_names_the_web_page(report: Report) -> None:
    assert DEFAULT_STYLE == "gbt7714" and list(STYLES) == ["gbt7714", "plain"]
    assert cite(report, report.section("6.1"), cited_on=TODAY) == GBT
    # the whole document, whichever section: the standard has no place for a part
    assert cite(report, report.section("1.1"), style="gbt7714", cited_on=TODAY) == GBT
    assert cite(report, None, cited_on=TODAY) == GBT


def test_plain_style_names_the_part_in_words(report: Report) -> None:
    assert cite(report, report.section("6.1"), style="plain") == (
        f"《{TITLE}》，温州市人民政府，2019年3月25日，第六部分第（一）节")
    assert cite(report, report.section("7.4"), style="plain").endswith("，第七部分第（四）节")
    assert cite(report, find_section(report, "closing"), style="plain") == f"《{TITLE}》，温州市人民政府，2019年3月25日，结语"
    assert cite(report, find_section(report, "preamble"), style="plain").endswith("2019年3月25日，前言")


def test_no_tool_artefacts_in_any_style(report: Report) -> None:
    for style in STYLES:
        for section in report.sections():
            text = cite(report, section, style=style, cited_on=TODAY)
            assert " › " not in text and f"[{section.id}]" not in text, (style, section.id)


def test_section_block(report: Report) -> None:
    section = report.section("6.1")
    assert section_block(report, section, cited_on=TODAY) == f"{section.text}\n\n——{GBT}\n"
    assert section_block(report, section, style="plain").endswith("\n\n——《" + TITLE + "》，温州市人民政府，2019年3月25日，第六部分第（一）节\n")


def test_figure_block_names_the_figure_fully(report: Report) -> None:
    rate = figure(report, "6.1", "17.3%")
    assert rate.label == "纠错率"
    assert figure_name(report.section("6.1"), rate) == "行政复议纠错率"
    assert figure_block(report, rate, cited_on=TODAY) == f"行政复议纠错率：17.3%\n{SENTENCE_173}\n——{GBT}\n"
    assert figure_block(report, rate, style="plain") == (
        f"行政复议纠错率：17.3%\n{SENTENCE_173}\n——《{TITLE}》，温州市人民政府，2019年3月25日，第六部分第（一）节\n")


def test_figure_names_that_say_enough_stay_as_they_are(report: Report) -> None:
    section = report.section("6.1")
    assert figure_name(section, figure(report, "6.1", "23.4%")) == "和解、调解率"  # 以和解、调解方式: no repeated term
    assert figure_name(section, figure(report, "6.1", "30.18%")) == "一审行政诉讼案件调解率"
    assert figure_name(section, figure(report, "6.1", "159件")) == "直接纠错"  # not a rate


def test_the_national_report_names_its_issuer(national: Report) -> None:
    # The source has no signature; it names the speaker in its title line (…国务院总理 李克强) and
    # says 我代表国务院: ingest takes 国务院 from there, and both citation styles name it.
    assert national.issuer == "国务院" and national.url is None
    assert cite(national, national.section("1.1"), cited_on=TODAY) == "国务院. 政府工作报告[EB/OL]. (2018-03-05)[2026-12-01]."
    assert cite(national, national.section("1.1"), style="plain") == "《政府工作报告》，国务院，2018年3月5日，第一部分第（一）节"
    assert cite(national, national.section("2.0"), style="plain") == "《政府工作报告》，国务院，2018年3月5日，第二部分"  # a lead-in


def test_hostile_titles_are_cleaned(report: Report) -> None:
    hostile = report.model_copy(update={"title": "报告\x1b]52;c;aGk=\x07[bold]\u202e", "url": "http://x/\x1b[2J"})
    assert cite(hostile, None, cited_on=TODAY) == ("温州市人民政府. 报告[bold][EB/OL]. (2020-03-17)[2026-12-01]. "
                                                   "http://x/.")


def test_page_dates_and_numbers(report: Report) -> None:
    assert page_date(report) == date(2020, 3, 17)
    assert page_date(report.model_copy(update={"published_at": "2026年02月10日 07时41分"})) == date(2026, 2, 10)
    assert page_date(report.model_copy(update={"published_at": "2026-13-40"})) is None
    assert page_date(report.model_copy(update={"published_at": None})) is None
    assert [chinese_number(n) for n in (1, 9, 10, 12, 20, 35, 100)] == ["一", "九", "十", "十二", "二十", "三十五", "100"]
    assert next_style("gbt7714") == "plain" and next_style("plain") == "gbt7714" and next_style("x") == "gbt7714"
    assert locator(report, report.section("1.1")) == "第一部分第（一）节"


# ---- the app: the style key, copies in the chosen style, the figure table saved -----------------

from tui.app import create_app  # noqa: E402

SIZE = (120, 40)


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_copies_use_gbt7714_by_default_and_s_switches(report: Report, tmp_path: Path) -> None:
    today = date.today().isoformat()  # the 引用日期 is the day of the copy
    app = create_app([report], export_dir=tmp_path, section="6.1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        section = report.section("6.1")
        assert app.clipboard == (f"{section.text}\n\n——温州市人民政府. {TITLE}[EB/OL]. (2020-03-17)[{today}]. "
                                 "//www.0798ci.com/rule/81330.html.\n")
        await pilot.press("s", "c")
        assert app.clipboard.endswith(f"\n\n——《{TITLE}》，温州市人民政府，2019年3月25日，第六部分第（一）节\n")
        # y: the figure under the cursor, named fully, in the chosen style
        await pilot.press("n", "n", "n", "n", "n", "n", "n", "n", "n", "y")  # the 9th figure: 17.3%
        assert app.clipboard == (f"行政复议纠错率：17.3%\n{SENTENCE_173}\n"
                                 f"——《{TITLE}》，温州市人民政府，2019年3月25日，第六部分第（一）节\n")
        await pilot.press("s", "C", "m")  # back to GB/T; Markdown
        await pilot.pause()
        assert app.clipboard.endswith(f"\n\n> 来源：温州市人民政府. {TITLE}[EB/OL]. (2020-03-17)[{today}]. "
                                      "//www.0798ci.com/rule/81330.html.\n")


async def test_the_figure_table_is_saved_as_shown(report: Report, tmp_path: Path) -> None:
    app = create_app([report], export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f", "slash", *"调解", "enter", "3", "3")  # the 调解 figures, largest value first
        await pilot.press("e")
        await pilot.pause()
        csv = (tmp_path / f"{report.id}-figures.csv").read_text(encoding="utf-8")
        # 6.1: 和解、调解方式结案215件, 和解、调解率为23.4%, 一审…调解率为30.18%, 比去年提高5.78% ,
        # 12家行政争议调解中心 — by value, largest first
        assert [line.split(",")[2] for line in csv.splitlines()[1:]] == ["215件", "30.18%", "23.4%", "12家", "5.78%"]
        await pilot.press("E")
        await pilot.pause()
        md = (tmp_path / f"{report.id}-figures.md").read_text(encoding="utf-8").splitlines()
        assert md[:3] == ["| section | label | raw | kind | role |", "| --- | --- | ---: | --- | --- |",
                          "| 6.1 | 和解、调解方式结案 | 215件 | count |  |"]
        assert len(md) == 7


def test_a_title_ending_in_escape_does_not_eat_the_citation_s_own_words(report: Report) -> None:
    # Found by the hostile property test on a fresh install: title + "[EB/OL]" made ESC [ E,
    # a whole escape sequence that cleaning the joined line removed, [E and all.
    hostile = report.model_copy(update={"title": "报告\x1b", "issuer": "温州市人民政府\x1b", "url": "http://x/\x1b"})
    assert cite(hostile, None, cited_on=TODAY) == "温州市人民政府. 报告[EB/OL]. (2020-03-17)[2026-12-01]. http://x/."
    assert cite(hostile, None, style="plain").startswith("《报告》，温州市人民政府，")
