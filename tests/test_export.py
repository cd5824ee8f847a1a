"""tui.export's renderers, each against a literal expected output.

The expected strings are written from the bundled report's text
(``data/wenzhou-2018-rule-of-law.txt``): its title line, the chapter heading 七、…, the
section (一)落实… (7.1), the signature 温州市人民政府 / 2019年3月25日, and the figures
8次 (7.1) and 140余万元 (3.2) — never produced by the code under test.
"""

from __future__ import annotations

import json

import pytest

from tui.export import (citation, figure_text, figures_csv, figures_json, figures_table, outline_text,
                        render_section)
from tui.loading import load_report
from tui.model import Report
from tui.paths import bundled_report_path

TITLE = "温州市人民政府关于2018年度法治政府建设工作情况的报告"
CHAPTER_7 = "七、落实政府主要负责人履行推进法治建设第一责任人职责,强化组织保障和能力建设,提高政府工作人员法治能力"
TEXT_71 = ("(一)落实政府主要负责人履行推进法治建设第一责任人职责。政府常务会议多次听取并部署法治政府建设重要工作,"
           "市长亲自讲授《温州法治政府建设专题报告》。推进政府常务会议学法制度化、规范化,市本级组织开展"
           "《浙江省行政程序办法》《中华人民共和国宪法修正案》《监察法》等8次学法活动。")
SENTENCE_8 = ("推进政府常务会议学法制度化、规范化,市本级组织开展《浙江省行政程序办法》《中华人民共和国宪法修正案》"
              "《监察法》等8次学法活动。")
CITATION_71 = (f"《{TITLE}》（温州市人民政府，2019年3月25日），{CHAPTER_7} › "
               "（一）落实政府主要负责人履行推进法治建设第一责任人职责 [7.1]")
SENTENCE_140 = "自平台运行以来,已生成法律服务订单超过160余笔,涉及法律服务金额140余万元。"


@pytest.fixture(scope="module")
def report() -> Report:
    return load_report(bundled_report_path())


def figure(report: Report, sid: str, raw: str):
    (found,) = [f for f in report.section(sid).figures if f.raw == raw]
    return found


def test_citation(report):
    assert citation(report, report.section("7.1")) == CITATION_71


def test_section_as_text(report):
    assert render_section(report, report.section("7.1"), "text") == f"{TEXT_71}\n\n——{CITATION_71}\n"


def test_section_as_markdown(report):
    assert render_section(report, report.section("7.1"), "md") == (
        f"### {CHAPTER_7} › （一）落实政府主要负责人履行推进法治建设第一责任人职责\n\n"
        f"{TEXT_71}\n\n"
        f"> 来源：{CITATION_71}\n"
    )


def test_section_as_json(report):
    out = render_section(report, report.section("7.1"), "json")
    assert out.startswith('{\n  "report": {\n    "id": "wenzhou-2018-rule-of-law",\n'
                          f'    "title": "{TITLE}",\n    "issuer": "温州市人民政府",\n'
                          '    "issued_on": "2019-03-25"\n  },\n'
                          f'  "citation": "{CITATION_71}",\n  "section": {{\n    "id": "7.1",\n')
    assert out.endswith("\n}\n")
    data = json.loads(out)
    assert list(data) == ["report", "citation", "section"]
    section = data["section"]
    assert (section["id"], section["number"], section["title"], section["text"]) == (
        "7.1", "一", "落实政府主要负责人履行推进法治建设第一责任人职责", TEXT_71)
    # in the report's order of first mention: 《浙江省行政程序办法》 is named in 5.1 already
    assert section["measures"] == ["浙江省行政程序办法", "温州法治政府建设专题报告", "中华人民共和国宪法修正案", "监察法"]
    (eight,) = section["figures"]
    start = TEXT_71.index("8次")
    assert {k: eight[k] for k in ("id", "section", "raw", "value", "unit", "kind", "label", "sentence",
                                  "start", "end", "qualifier", "role", "pair")} == {
        "id": "7.1/f1", "section": "7.1", "raw": "8次", "value": 8.0, "unit": "次", "kind": "count",
        "label": "学法活动", "sentence": SENTENCE_8, "start": start, "end": start + 2,
        "qualifier": None, "role": None, "pair": None}


def test_figure_text(report):
    assert figure_text(report, figure(report, "7.1", "8次")) == f"学法活动：8次\n{SENTENCE_8}\n——{CITATION_71}\n"


def test_figures_csv(report):
    figures = [figure(report, "7.1", "8次"), figure(report, "3.2", "140余万元")]
    assert figures_csv(figures) == (
        "section,label,raw,value,unit,qualifier,kind,role,value_high,scaled_value,pair\n"
        "7.1,学法活动,8次,8.0,次,,count,,,,\n"
        "3.2,法律服务金额,140余万元,140.0,万元,余,money,,,1400000.0,\n"
    )


def test_figures_table(report):
    figures = [figure(report, "7.1", "8次"), figure(report, "3.2", "140余万元")]
    assert figures_table(figures) == (
        "7.1    count     8次  学法活动\n"
        "3.2    money     140余万元 (余)  法律服务金额\n"
    )
    assert figures_table([]) == ""


def test_figures_json(report):
    (data,) = json.loads(figures_json([figure(report, "3.2", "140余万元")]))
    assert {k: data[k] for k in ("section", "raw", "value", "scaled_value", "unit", "qualifier", "kind", "label",
                                 "sentence")} == {
        "section": "3.2", "raw": "140余万元", "value": 140.0, "scaled_value": 1400000.0, "unit": "万元",
        "qualifier": "余", "kind": "money", "label": "法律服务金额", "sentence": SENTENCE_140}


OUTLINE = f"""{TITLE}
温州市人民政府，2019年3月25日
7 chapters, 20 sections, 117 figures, 0 measures
  1  一、深入推进“最多跑一次”改革,加快政府职能转变,持续优化营商环境
    1.1  （一）深化“最多跑一次”改革  [12 figures]
    1.2  （二）加快重点服务领域优化整合  [17 figures]
    1.3  （三）发挥信用联合奖惩作用  [7 figures]
  2  二、完善依法行政制度建设,有序推进重点领域政府立法,加强规范性文件监督管理
    2.1  （一）有序推进立法工作  [1 figure]
    2.2  （二）加强规范性文件监督管理  [10 figures]
  3  三、健全依法决策机制,增强公众参与实效,全面提高行政决策法治化
    3.1  （一）完善重大决策制度  [3 figures]
    3.2  （二）充分发挥政府法律顾问作用  [6 figures]
  4  四、推进严格公正文明执法,规范执法程序,全面提升执法水平
    4.1  （一）推进行政执法规范化建设  [4 figures]
    4.2  （二）深入推进“双随机一公开”工作  [6 figures]
    4.3  （三）全力降低行政败诉率  [1 figure]
  5  五、完善执法监督机制,强化监督合力,推动权力阳光运行
    5.1  （一）发力重点执法领域  [4 figures]
    5.2  （二）加强监督协作  [2 figures]
    5.3  （三）认真落实公平竞争审查制度  [9 figures]
  6  六、健全完善矛盾纠纷多元化解机制,畅通权利救济渠道,保障社会公众合法权益
    6.1  （一）完善行政复议工作制度  [15 figures]
    6.2  （二）创新智慧仲裁  [4 figures]
    6.3  （三）高效推进信访法治化建设  [1 figure]
  7  {CHAPTER_7}
    7.1  （一）落实政府主要负责人履行推进法治建设第一责任人职责  [1 figure]
    7.2  （二）夯实法治基础  [4 figures]
    7.3  （三）提高政府工作人员法治能力  [9 figures]
    7.4  （四）加强法治宣传  [1 figure]
"""


def test_outline_text(report):
    """The whole outline (the figure counts per section are those of the hand-made gold list,
    ``tests/gold_figures.py``); the measures are left out so the count line is 0 of them."""
    assert outline_text(report.model_copy(update={"measures": []})) == OUTLINE
