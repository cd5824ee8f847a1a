"""Structure found in real and made-up texts: chapters, sections, the parts around them."""

from __future__ import annotations

import pytest

from tui.ingest import ingest_bytes, ingest_text
from tui.ingest.lossless import lossless_problems
from tui.ingest.cn_numbers import cn_value

from .conftest import CORPUS


def outline(report):
    return [(c.id, c.number, [(s.id, s.number) for s in c.sections]) for c in report.chapters]


def test_seed_has_seven_chapters_and_twenty_sections(bundled):
    assert [c.number for c in bundled.chapters] == list("一二三四五六七")
    assert [len(c.sections) for c in bundled.chapters] == [3, 2, 2, 3, 3, 3, 4]
    assert len(bundled.sections()) == 20


def test_seed_titles_and_ids(bundled):
    six = bundled.chapters[5]
    assert six.id == "6"
    assert six.title == "健全完善矛盾纠纷多元化解机制,畅通权利救济渠道,保障社会公众合法权益"
    assert six.heading.startswith("六、健全完善")
    s = bundled.section("6.1")
    assert s.number == "一"
    assert s.title == "完善行政复议工作制度"
    assert s.text.startswith("(一)完善行政复议工作制度。率全省之先")
    assert bundled.section("7.4").title == "加强法治宣传"


def test_seed_metadata(bundled):
    assert bundled.title == "温州市人民政府关于2018年度法治政府建设工作情况的报告"
    assert bundled.issuer == "温州市人民政府"
    assert bundled.issued_on.isoformat() == "2019-03-25"
    assert bundled.period == 2018
    assert bundled.published_at == "2020-03-17 11:24:13"
    assert bundled.url == "//www.0798ci.com/rule/81330.html"
    assert bundled.signature == ["温州市人民政府", "2019年3月25日"]
    assert bundled.closing[0].startswith("回顾过去一年")
    assert bundled.preamble == ["温州市人民政府关于2018年度法治政府建设工作情况的报告"]
    assert "扫描二维码 关注我们" in bundled.extras
    assert bundled.extras[0] == "《温州市人民政府关于2018年度法治政府建设工作情况的报告》"


def test_seed_is_lossless(bundled, seed_text):
    assert lossless_problems(seed_text, bundled) == []


def test_gb18030_crlf_gives_the_same_report(seed_text):
    utf8 = ingest_bytes(seed_text.encode("utf-8"), "seed.txt")
    gb = ingest_bytes(seed_text.replace("\n", "\r\n").encode("gb18030"), "seed.txt")
    assert gb.source.encoding == "gb18030" and gb.source.newline == "CRLF"
    assert utf8.model_dump(exclude={"source"}) == gb.model_dump(exclude={"source"})


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name.split("-")[0])
def test_corpus_ingests_losslessly_with_figures(path):
    raw = path.read_bytes()
    report = ingest_bytes(raw, path.name)
    from tui.ingest.decode import decode_bytes

    assert lossless_problems(decode_bytes(raw).text, report) == []
    assert len(report.chapters) >= 3
    assert len(report.figures()) > 20
    assert report.warnings == []


def _corpus(name):
    path = next(p for p in CORPUS if p.name.startswith(name))
    return ingest_bytes(path.read_bytes(), path.name)


def test_national_report_structure():
    r = _corpus("national")
    assert r.source.encoding == "gb18030"
    assert [c.number for c in r.chapters] == ["一", "二", "三"]
    # chapter 一 has a lead-in, then （一）…（九）; chapter 二 has no sections; 三 restarts at （一）
    assert [s.number for s in r.chapters[0].sections] == [""] + list("一二三四五六七八九")
    assert [s.id for s in r.chapters[1].sections] == ["2.0"]
    assert [s.number for s in r.chapters[2].sections][1:] == list("一二三四五六七八九")
    assert r.title == "政府工作报告"
    assert r.issued_on.isoformat() == "2018-03-05"
    # no signature: the speaker line names the office (…会议上国务院总理 李克强)
    assert r.issuer == "国务院"
    assert r.closing[0] == "各位代表！"


def test_sichuan_report_structure():
    r = _corpus("sichuan")
    assert [c.number for c in r.chapters] == ["一", "二", "三"]
    assert [s.number for s in r.chapters[2].sections] == [""] + list("一二三四五六七八九") + ["十"]
    assert r.title == "2026年四川省人民政府工作报告"
    # the closing address, then the 名词解释 glossary as a part of its own
    assert r.closing[0].startswith("各位代表！骐骥迎春至") and r.closing[1] == "名词解释"
    assert [(p.id, p.start, len(p.entries)) for p in r.parts] == [("glossary", 1, 20)]
    # the web page's head and tail boilerplate, and the title repeated after the footer
    assert {"来源:", "四川日报", "大", "中", "小", "分享：", "打印本页", "关闭窗口"} <= set(r.extras)
    assert r.extras[-2] == "2026年四川省人民政府工作报告"
    assert r.issuer == "四川省人民政府"


def test_shuyang_markdown_report_structure():
    r = _corpus("shuyang")
    assert [c.number for c in r.chapters] == list("一二三四五六")
    assert r.chapters[0].heading == "## 一、总体情况"
    assert [s.number for s in r.chapters[0].sections] == ["", "一", "二", "三", "四"]
    # "### 一、本年新收…" inside chapter 三 is a sub-heading, not a chapter
    assert r.chapters[2].title == "收到和处理政府信息公开申请情况"
    assert r.signature == ["沐阳县人民政府", "2026年1月23日"]
    assert r.issued_on.isoformat() == "2026-01-23"
    assert r.period == 2025


def test_fullwidth_paren_sections_and_markdown_marks():
    text = "# 某市统计公报\n## 一、总体\n### （一）第一节。正文1。\n（二）第二节\n正文2。\n二、其他\n(一)再来。\n"
    r = ingest_text(text, "x.txt")
    assert outline(r) == [("1", "一", [("1.1", "一"), ("1.2", "二")]), ("2", "二", [("2.1", "一")])]
    assert r.section("1.2").title == "第二节"
    assert r.section("1.2").text == "（二）第二节\n正文2。"


def test_inline_markers_after_fullwidth_indent_in_one_long_line():
    text = "某县工作报告　　一、总体情况　　(一)主要工作。完成100项。　　(二)存在问题。有3个。　　二、下步打算　　(一)继续努力。"
    r = ingest_text(text, "x.txt")
    assert outline(r) == [("1", "一", [("1.1", "一"), ("1.2", "二")]), ("2", "二", [("2.1", "一")])]
    assert lossless_problems(text, r) == []


def test_part_and_chapter_style_markers():
    text = "标题\n第一部分 回顾\n正文。\n第二部分 计划\n（一）任务。做事。\n"
    r = ingest_text(text, "x.txt")
    assert [c.number for c in r.chapters] == ["一", "二"]
    assert r.chapters[0].title == "回顾"
    assert r.section("1.0").text == "正文。"


def test_out_of_sequence_markers_stay_text():
    text = "标题\n一、甲\n（一）一节。\n（三）不是第二节。\n三、不是第二章\n二、乙\n"
    r = ingest_text(text, "x.txt")
    assert [c.title for c in r.chapters] == ["甲", "乙"]
    assert r.section("1.1").text == "（一）一节。\n（三）不是第二节。\n三、不是第二章"


def test_no_markers_is_one_implicit_section_with_a_warning():
    text = "某某报告\n今年我们做了很多工作，完成了100项任务。\n明年继续。"
    r = ingest_text(text, "x.txt")
    assert len(r.chapters) == 1 and len(r.sections()) == 1
    assert r.warnings and "no chapter" in r.warnings[0]
    assert lossless_problems(text, r) == []


def test_brackets_inside_sentences_are_not_markers():
    text = "标题\n一、甲\n（一）计划。根据《行动计划(2018-2020年)》精神，(二)不在行首。\n"
    r = ingest_text(text, "x.txt")
    assert len(r.sections()) == 1


@pytest.mark.parametrize("numeral,value", [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23), ("一百", 100),
                                           ("一百零五", 105), ("一二", None), ("零", None)])
def test_chapter_numerals_are_read_by_cn_value(numeral, value):
    """The structure parser reads 一、… 二十三、 with the one numeral parser (cn_numbers)."""
    assert cn_value(numeral) == value


def test_a_missing_chapter_number_is_skipped_with_a_warning():
    text = "标题\n一、甲\n（一）一节。\n三、丙\n（一）丙的一节。\n"
    r = ingest_text(text, "x.txt")
    assert [c.number for c in r.chapters] == ["一", "三"]
    assert r.section("2.1").text == "（一）丙的一节。"
    assert any("jumps from 1 to 3" in w for w in r.warnings)


def test_a_marker_alone_on_its_line_takes_its_title_from_the_next_line():
    r = ingest_text("标题\n一、甲\n（一）\n深化改革。全年完成5项。\n", "x.txt")
    assert r.section("1.1").title == "深化改革"


def test_unicode_line_separators_end_lines():
    r = ingest_text("标题\u2028一、甲\u2029（一）一节。\x85（二）二节。", "x.txt")
    assert [s.number for s in r.sections()] == ["一", "二"]


def test_a_malformed_numeral_is_no_chapter_marker():
    """一二、 is no numeral (cn_value: None); the parser's own old reading took it for 二."""
    text = "标题\n一、甲\n正文一。\n一二、不是第二章\n二、乙\n正文二。\n"
    r = ingest_text(text, "x.txt")
    assert [(c.number, c.title) for c in r.chapters] == [("一", "甲"), ("二", "乙")]
    assert "一二、不是第二章" in r.chapters[0].sections[0].text
    assert lossless_problems(text, r) == []
