"""The outline a reader sees, for every real text of the corpus (issue 9).

Each expectation below was written by reading the text (chapter headings, the markers
a reader sees at paragraph starts, the parts after the body), not copied from the
output.  Every text is also ingested losslessly, with figures.

Still wrong (what a reader of the text sees that the outline does not give):

* shanghai-office: the file itself lost the line 五、政府信息公开工作存在的主要问题及改进情况,
  so its （一）（二） are sections of 四 (a warning says the chapters jump from 4 to 6); the
  tables are fragments of the conversion, and 4.0 is titled by the header text scattered
  above its table (行政复议行政诉讼).
* qiandongnan-2020 (web page): the widget line ``*视力保护色：*`` stays in the 前言; the
  chart image inside the heading ``三![](…)、农   业`` stays in the verbatim heading (the
  title is clean).
* qiandongnan-2023 (pdf-text): the printed title was an image, so the title is made of the
  issuer's place, the opening year and 本公报 (黔东南州2023年统计公报), not the printed
  黔东南苗族侗族自治州2023年国民经济和社会发展统计公报.
* huaian section-3 extract: a fragment starting at 三、; its lead-in is titled by the
  bracketed note under the heading, and the vertical label 三、本年度办理结果 stays one
  character per line (a naive extraction: the table is not rebuilt from it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.ingest import ingest_bytes
from tui.ingest.decode import decode_bytes
from tui.ingest.lossless import lossless_problems

CORPUS = Path("/work/shared/corpus")
FORMATS = CORPUS / "formats"
TEXTS = sorted(CORPUS.glob("*.txt")) + sorted(p for p in FORMATS.glob("*.md") if p.name != "README.md") \
    + sorted(FORMATS.glob("*.txt"))


def _report(name: str):
    path = next(p for p in TEXTS if p.name.startswith(name))
    return ingest_bytes(path.read_bytes(), path.name)


def outline(report):
    """(number, title, how many sections) of each chapter."""
    return [(c.number, c.title, len(c.sections)) for c in report.chapters]


def parts(report):
    return [(p.id, p.title, len(p.entries)) for p in report.parts]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name[:24])
def test_every_text_is_lossless_with_figures(path):
    raw = path.read_bytes()
    report = ingest_bytes(raw, path.name)
    assert lossless_problems(decode_bytes(raw).text, report) == []
    assert report.figures()


def test_every_corpus_text_is_covered():
    assert len(TEXTS) == 8


def test_sichuan_outline():
    r = _report("sichuan")
    assert outline(r) == [
        # lead-in, 一是…六是, and the paragraphs after the run (与此同时… 各位代表！ 五年来…)
        ("一", "2025年工作回顾和“十四五”发展主要成绩", 8),
        ("二", "“十五五”发展的主要考虑", 5),  # lead-in, 一是…四是
        ("三", "2026年工作安排", 11),  # lead-in, （一）…（十）
    ]
    one = r.chapters[0].sections
    assert [s.marker for s in one] == ["", "一是", "二是", "三是", "四是", "五是", "六是", ""]
    assert one[1].title == "着力扩内需稳增长，推动经济持续向新向优量质齐升"
    assert one[7].text.startswith("与此同时，其他各方面工作取得新进展")
    assert [s.id for s in one] == ["1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7"]
    # the 结语 is the closing address; 名词解释 is a part of its own, not the closing
    assert r.closing[0].startswith("各位代表！骐骥迎春至")
    assert parts(r) == [("glossary", "名词解释", 20)]
    assert r.parts[0].entries[6].term == "“双向揭榜挂帅”"
    assert r.signature == []


def test_national_2018_outline():
    r = _report("national")
    assert outline(r) == [
        ("一", "过去五年工作回顾", 10),  # lead-in, （一）…（九）
        ("二", "2018年经济社会发展总体要求和政策取向", 1),  # 一是 only inside a paragraph: no sections
        ("三", "对2018年政府工作的建议", 10),
    ]
    assert r.closing[0] == "各位代表！"
    assert parts(r) == []


def test_shuyang_outline():
    r = _report("shuyang")
    assert outline(r) == [
        ("一", "总体情况", 5),  # lead-in, (一)…（四）
        ("二", "主动公开政府信息情况", 4),  # ### 第二十条第（一）、（五）、（六）、（八）项
        ("三", "收到和处理政府信息公开申请情况", 7),  # lead-in (申请人情况 …), (一)…(六)
        ("四", "政府信息公开行政复议、行政诉讼情况", 3),  # ### 行政复议, 行政诉讼 ×2
        ("五", "政府信息公开工作存在的主要问题及改进情况", 3),  # lead-in, 一是, 二是 (三是 inline)
        ("六", "其他需要报告的事项", 1),
    ]
    assert [s.marker for s in r.chapters[1].sections] == ["###"] * 4
    assert [s.id for s in r.sections() if s.tables] == ["2.1", "2.2", "2.3", "2.4", "3.0", "3.1", "3.2", "3.3",
                                                          "3.4", "3.5", "3.6", "4.1", "4.2", "4.3"]
    assert r.signature == ["沐阳县人民政府", "2026年1月23日"]
    assert parts(r) == []


def test_shanghai_office_outline():
    r = _report("shanghai-office")
    assert r.title == "2025 年上海市人民政府办公厅政府信息公开工作年度报告"  # broken over two lines
    assert (r.issuer, r.issued_on) == ("上海市人民政府办公厅", None)  # no signature, no date line
    assert outline(r) == [
        ("一", "总体情况", 6),  # lead-in, （一）…（五）
        ("二", "主动公开政府信息情况", 1),
        ("三", "收到和处理政府信息公开申请情况", 1),
        # the file lost the line 五、政府信息公开工作存在的主要问题及改进情况: its （一）（二） land here
        ("四", "政府信息公开行政复议、行政诉讼情况", 3),
        ("六", "其他需要报告的事项", 1),
    ]
    assert any("jumps from 4 to 6" in w for w in r.warnings)
    # page numbers — 1 — … — 7 — go to extras; the paragraphs they cut are whole again
    assert r.extras == [f"— {n} —" for n in range(1, 8)]
    assert r.section("1.0").text.endswith("着力发挥政务公开促落实、优服务、强监督作用，持续推动政务公开工作提质增效。")


def test_qiandongnan_2020_web_page_outline():
    r = _report("qiandongnan-2020")
    assert outline(r) == [
        ("一", "综合", 1), ("二", "脱贫攻坚", 1), ("三", "农业", 1), ("四", "工业和建筑业", 1),
        ("五", "固定资产投资", 1), ("六", "市场、消费、物价和对外经济", 1), ("七", "交通运输和邮政通信", 1),
        ("八", "财政和金融", 1), ("九", "人民生活和社会保障", 1), ("十", "文化和旅游", 1),
        ("十一", "教育、科技和体育", 1), ("十二", "卫生和社会服务", 1), ("十三", "环境保护和应急管理", 1),
    ]
    assert r.chapters[2].heading.startswith("三![](")  # the chart image inside the heading stays verbatim
    assert parts(r) == [("notes", "注释", 10), ("sources", "资料来源", 0)]
    assert len([t for s in r.sections() for t in s.tables]) == 12
    # note markers [3]…[10] in the text link to the notes ([1] is in the title, [2] in a heading)
    assert sorted({ref.note for ref in r.note_refs}, key=int) == [str(n) for n in range(3, 11)]
    assert all(ref.part == "notes" for ref in r.note_refs)
    assert "上一篇：" in r.extras
    # the page's navigation, breadcrumb and widgets are no part of the 前言
    assert "[我要打印]" in r.extras and "68020510" in r.extras
    assert not any(line.startswith(("* [", "+ [", "您当前所在位置")) for line in r.preamble)
    assert r.preamble[-5:-1] == ["黔东南苗族侗族自治州", "2020年国民经济和社会发展统计公报[1]", "黔东南州统计局",
                                 "2021年5月1日"]
    assert r.preamble[-1].startswith("2020年，在省委省政府和州委州政府的坚强领导下")
    # the page's head before the title's last copy (the <title>, a view count, the channel
    # name, the 欢迎访问 bar, 无障碍) goes to extras; the article begins at that copy
    assert r.preamble[0] == "黔东南苗族侗族自治州 2020年国民经济和社会发展统计公报"
    assert {"20", "统计公报", "无障碍"} <= set(r.extras)
    assert r.extras.index("统计公报") < r.extras.index("[我要打印]")  # verbatim, in source order
    # the issuer and date lines under the title, after the page's navigation
    assert (r.issuer, r.issued_on.isoformat()) == ("黔东南州统计局", "2021-05-01")
    # the print / close images and the view count above 上一篇 go with the footer
    assert r.closing[-1].startswith("本公报中户籍人口、机动车拥有量")


def test_qiandongnan_2023_pdf_text_outline():
    r = _report("qiandongnan-2023")
    # no title in the text (it was an image): made of the issuer's place, the opening year
    # (2023年，在省委…) and what the text calls itself (本公报中数据为初步统计数)
    assert (r.title, r.period, r.issuer) == ("黔东南州2023年统计公报", 2023, "黔东南州统计局")
    assert outline(r) == [
        ("一", "综合", 1), ("二", "农业", 1), ("三", "工业和建筑业", 1), ("四", "固定资产投资", 1),
        ("五", "市场、消费、物价和对外经济", 1), ("六", "交通运输和邮政通信", 1), ("七", "财政和金融", 1),
        ("八", "人民生活和社会保障", 1), ("九", "文化和旅游", 1), ("十", "教育、科技和体育", 1),
        ("十一", "卫生和社会服务", 1), ("十二", "环境保护和生产安全", 1),
    ]
    assert parts(r) == [("notes", "注释", 7), ("sources", "资料来源", 0)]
    # 21 pages: each page number came out as "N" and "— —"
    assert r.extras.count("— —") == 21 and len(r.extras) == 42
    # hard-wrapped lines joined: the first paragraph of 一、综 合 is one line
    assert r.section("1.0").text.split("\n")[0].startswith("根据市（州）生产总值统一核算结果，全年全州生产总值[2]1329.65亿元")


def test_census_1995_outline():
    r = _report("national-1995")
    assert [(c.number, c.title) for c in r.chapters] == [
        ("一", "工业经济规模"), ("二", "工业经济类型结构"), ("三", "工业产业结构"), ("四", "工业地区结构"),
        ("五", "工业劳动者"), ("六", "工业装备水平"), ("七", "工业科技活动"), ("八", "工业经济效益"),
        ("九", "国有工业"), ("十", "“三资”工业"), ("十一", "乡镇工业"), ("十二", "大中型工业企业"),
        ("十三", "普查数据误差"),
    ]
    assert all(len(c.sections) == 1 for c in r.chapters)
    assert parts(r) == [("notes", "注", 3), ("appendix", "附", 0)]
    assert [t.caption for s in r.sections() for t in s.tables] == [
        "表1：主要产品产量及增长情况", "表2：工业经济类型结构变化情况", "表3：主要工业行业资产及产出的比重、位次变化情况",
        "表4：东、中、西部地区工业总产值增长速度及比重变化情况", "表5：东、中、西部地区工业总产值经济类型结构对比（％）",
        "表6：各年代出厂的设备比例（％）"]


def test_huaian_extract_is_a_part_of_chapter_three():
    r = _report("huaian")
    assert [c.number for c in r.chapters] == ["三"]
    # the heading stands on its own line; the bracketed note under it is not part of it
    assert r.chapters[0].heading == "三、收到和处理政府信息公开申请情况"
    assert any("starts at chapter 3" in w for w in r.warnings)
    # its table rows (一、本年新收… 3001 53 …) are rows, not chapters; the table is the standard one
    [table] = [t for s in r.sections() for t in s.tables]
    assert table.standard == "requests"
    first = table.rows[0]
    assert first.key == "一、本年新收政府信息公开申请数量"
    assert [(c.key, c.value) for c in first.cells if c.value is not None][0] == ("自然人", 3001)
    assert r.extras == ["- 4 -"]
