"""Comparing one figure across reports (issue 10 item 5): tui.library.compare, pure.

The library: the three corpus texts, the bundled report and the two 政府信息公开年报 PDFs of the
shared formats corpus (淮安 2024, 洪泽 2023).  Expected values were read in the texts (the PDFs
through ``pdftotext -layout``) before running the code:

* the requests table's row 一、本年新收政府信息公开申请数量, column 总计: 沭阳 (printed 沐阳) 2025
  ``| 本年新收政府信息公开申请数量 | 705 | 3 | 0 | 0 | 5 | 0 | 713 |``; 淮安 2024 ``3001 53 0 0 61 4
  3119``; 洪泽 2023 ``21 0 0 0 0 0 21``;
* 行政复议 结果维持: 沐阳 ``| 27 | 10 | 9 | 15 | 61 |``, 淮安 ``72 64 178 37 351 …``, 洪泽 ``10 1 0 0 0 …``;
* 政府工作报告 (全国, 2018): 2017年 “国内生产总值增长6.9%” … “城镇新增就业1351万人”, the five years
  “城镇新增就业6600万人以上”, the target “城镇新增就业1100万人以上”, “国内生产总值从54万亿元增加到82.7
  万亿元”; 2026年四川省人民政府工作报告: “实现地区生产总值67665亿元，增长5.5%”, last year
  “全省城镇新增就业107万人”, five years “城镇新增就业522万人”, the target “城镇新增就业85万人”.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS
from tui.library.compare import compare, comparison_csv, comparison_markdown, norm_label
from tui.library.library import ingest_raw
from tui.loading import ingest_report, load_report
from tui.paths import bundled_report_path

FORMATS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "formats"
PDFS = ("huaian-2024-information-disclosure-annual-report.pdf", "hongze-2023-information-disclosure-annual-report.pdf")
NATIONAL, SHUYANG, SICHUAN = ("national-2018-government-work-report", "shuyang-2025-information-disclosure-annual-report",
                              "sichuan-2026-government-work-report")
HUAIAN, HONGZE, WENZHOU = ("huaian-2024-information-disclosure-annual-report",
                           "hongze-2023-information-disclosure-annual-report", "wenzhou-2018-rule-of-law")


@pytest.fixture(scope="module")
def reports():
    if not all((FORMATS / name).is_file() for name in PDFS):
        pytest.skip("the shared formats corpus is not here")
    found = [ingest_report(p) for p in CORPUS] + [ingest_report(FORMATS / n) for n in PDFS]
    found.append(load_report(bundled_report_path()))
    return {r.id: r for r in found}


def figure(report, label: str, raw: str):
    """The figure a reader points at: by its label and value as printed (one only)."""
    found = [f for f in report.figures() if f.label == label and f.raw == raw]
    assert len(found) == 1, (label, raw, found)
    return found[0]


def rows(comparison):
    return [(m.place, m.year, m.figure.raw, m.how) for m in comparison.rows]


def test_a_template_cell_finds_the_same_cell_in_the_other_disclosure_reports(reports):
    shuyang = reports[SHUYANG]
    cell = figure(shuyang, "本年新收政府信息公开申请数量 · 总计", "713")
    result = compare(shuyang, cell, reports.values())
    assert rows(result) == [("洪泽", 2023, "21", "template"), ("淮安", 2024, "3119", "template"),
                            ("沐阳", 2025, "713", "this")]
    assert sorted(r.id for r in result.missing) == [NATIONAL, SICHUAN, WENZHOU]
    assert [m.where for m in result.rows] == ["本年新收政府信息公开申请数量 · 总计"] * 3  # row · column
    # the 行政复议 part of the appeals table: a row in 沐阳, one 15-cell row in 淮安 and 洪泽
    upheld = figure(shuyang, "行政复议 · 结果维持", "27")
    assert rows(compare(shuyang, upheld, reports.values())) == [
        ("洪泽", 2023, "10", "template"), ("淮安", 2024, "72", "template"), ("沐阳", 2025, "27", "this")]


def test_gdp_growth_matches_through_the_thesaurus(reports):
    national = reports[NATIONAL]
    growth = figure(national, "国内生产总值增长", "6.9%")
    result = compare(national, growth, reports.values())
    assert rows(result) == [("全国", 2018, "6.9%", "this"), ("四川", 2026, "5.5%", "synonym")]
    sichuan_row = result.rows[1]
    assert (sichuan_row.figure.label, sichuan_row.figure.section) == ("地区生产总值增长", "1.0")  # not the target
    assert sichuan_row.where.startswith("实现地区生产总值67665亿元，增长5.5%")
    # a growth never matches the level beside it (67665亿元), nor a percent of another kind
    assert sorted(r.id for r in result.missing) == [HONGZE, HUAIAN, SHUYANG, WENZHOU]


def test_the_best_of_several_figures_is_the_one_said_the_same_way(reports):
    national, sichuan = reports[NATIONAL], reports[SICHUAN]
    # last year's result ↔ last year's result (not the five years' 522万人, not the target 85万人)
    last_year = compare(national, figure(national, "城镇新增就业", "1351万人"), reports.values())
    assert [(m.place, m.figure.raw, m.normalised, m.unit) for m in last_year.rows] == [
        ("全国", "1351万人", 13510000, "人"), ("四川", "107万人", 1070000, "人")]
    # a target ↔ the target
    target = compare(national, figure(national, "城镇新增就业", "1100万人以上"), reports.values())
    assert [(m.place, m.figure.raw) for m in target.rows] == [("全国", "1100万人以上"), ("四川", "85万人")]
    # a level ↔ the later value of 从54万亿元增加到82.7万亿元 (the earlier one is 2012's)
    level = compare(sichuan, figure(sichuan, "实现地区生产总值", "67665亿元"), reports.values())
    assert [(m.place, m.figure.raw, m.normalised, m.how) for m in level.rows] == [
        ("全国", "82.7万亿元", 82_700_000_000_000, "synonym"), ("四川", "67665亿元", 6_766_500_000_000, "this")]


def test_other_indicators_and_other_units_are_not_the_same():
    a = ingest_raw("2020年甲市政府工作报告\n\n一、经济运行\n（一）总体情况。全市地区生产总值3000亿元，增长5.2%；"
                   "实际使用外资12亿美元；粮食产量80万吨；城镇新增就业2.1万人。\n".encode(), "a.txt")
    b = ingest_raw("2021年乙市政府工作报告\n\n一、经济运行\n（一）总体情况。人均地区生产总值9万元。实际使用外资9亿元。"
                   "粮食生产能力90万吨。全市城镇新增就业2.4万人，增长3.1%。\n".encode(), "b.txt")
    found = {f.raw: compare(a, f, [a, b]) for f in a.figures()}
    # 人均… is another indicator, 亿元 is not 亿美元, 粮食生产能力 is not 粮食产量, a growth is not a level
    for raw in ("3000亿元", "12亿美元", "80万吨", "5.2%"):
        assert [r.id for r in found[raw].missing] == ["b"], raw
    # the one indicator b has: its people, not its growth
    assert [(m.year, m.figure.raw) for m in found["2.1万人"].rows] == [(2020, "2.1万人"), (2021, "2.4万人")]


def test_a_communique_s_growth_meets_a_work_report_s(reports):
    """统计公报 write 全年全州生产总值[2]1329.65亿元，比上年增长4.0%: the growth's label is the
    indicator alone (全州生产总值), the work report's is 国内生产总值增长 — the same GDP growth;
    and the level 1329.65亿元 meets the national level 82.7万亿元, not a growth."""
    path = FORMATS / "qiandongnan-2023-statistical-communique.pdf"
    communique = ingest_report(path)
    national = reports[NATIONAL]
    growth = compare(national, figure(national, "国内生产总值增长", "6.9%"), [national, communique])
    assert rows(growth) == [("全国", 2018, "6.9%", "this"), ("黔东南", 2023, "4.0%", "synonym")]
    level = compare(national, figure(national, "国内生产总值", "82.7万亿元"), [national, communique])
    assert rows(level) == [("全国", 2018, "82.7万亿元", "this"), ("黔东南", 2023, "1329.65亿元", "synonym")]


def test_label_normalisation():
    assert norm_label("全州实现城镇新增就业") == "城镇新增就业"
    assert norm_label("粮食年产量稳定") == "粮食年产量"
    assert norm_label("人均地区生产总值突破") == "人均地区生产总值"
    assert norm_label("ＧＤＰ 增长") == "gdp"  # (growth or level is compared apart: measure_of)
    assert norm_label("全州生产总值比上年增长") == "生产总值"


def test_csv_and_markdown_carry_a_citation_per_row(reports):
    shuyang = reports[SHUYANG]
    result = compare(shuyang, figure(shuyang, "本年新收政府信息公开申请数量 · 总计", "713"), reports.values())

    def cite(report, section):
        return f"《{report.title}》{section.id if section else ''}"

    lines = comparison_csv(result, cite).splitlines()
    assert lines[0] == "place,year,label,raw,value,unit,sentence,report,section,match,citation"
    assert lines[1] == ("洪泽,2023,本年新收政府信息公开申请数量 · 总计,21,21,,本年新收政府信息公开申请数量 · 总计,"
                        "hongze-2023-information-disclosure-annual-report,3.0,template,"
                        "《洪泽区人民政府2023年政府信息公开工作年度报告》3.0")
    assert lines[3].startswith("沐阳,2025,本年新收政府信息公开申请数量 · 总计,713,713,,")
    assert len(lines) == 4
    markdown = comparison_markdown(result, cite)
    assert "| 淮安 | 2024 | 3119 | 3,119 | 本年新收政府信息公开申请数量 · 总计 | [2] |" in markdown
    assert "[2] 《淮安市人民政府2024年政府信息公开工作年度报告》3.0" in markdown
    assert markdown.rstrip().splitlines()[-1].startswith("Not found in: ")


def test_the_module_needs_no_textual():
    code = "import sys, tui.library.compare; print('textual' in sys.modules, 'pypinyin' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split() == ["False", "False"]
