"""Lossless ingest on generated documents (hypothesis): nothing but whitespace may go."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.ingest import ingest_bytes
from tui.ingest.decode import decode_bytes
from tui.ingest.lossless import lossless_problems

NUMERALS = "一二三四五六七八九十"
WORDS = ["法治政府", "建设", "行政复议", "纠错率17.3%", "网上办理事项877项", "“最多跑一次”", "《温州市条例》",
         "(2018-2020年)", "（试行）", "4.8万平方米", "[bold red]", "1600多项", "５-２０天", "749 件", "S1线"]
PUNCT = ["，", ",", "。", "；", ";", "、", "：", ":", "！", "？"]
BOILERPLATE = ["浏览量: 时间:2020-03-17 11:24:13", "扫描二维码 关注我们", "本文链接://x.cn/1.html", "来源:", "分享：",
               "字体", "大", "中", "小", "打印本页", "关闭窗口", "责任编辑：张三"]


@st.composite
def sentence(draw):
    parts = draw(st.lists(st.sampled_from(WORDS) | st.text(alphabet="的了和在年度工作情况0123456789 ", max_size=8),
                          min_size=1, max_size=6))
    return "".join(p + draw(st.sampled_from(PUNCT)) for p in parts)


@st.composite
def document(draw):
    lines = [draw(st.sampled_from(["温州市人民政府关于2018年度工作情况的报告", "# 某县2025年政府信息公开年报", "《某报告》"]))]
    lines += draw(st.lists(st.sampled_from(BOILERPLATE), max_size=3))
    for c in range(draw(st.integers(0, 4))):
        lines.append(f"{draw(st.sampled_from(['', '## ']))}{NUMERALS[c]}、{draw(sentence())}")
        if draw(st.booleans()):
            lines.append(draw(sentence()))
        for s in range(draw(st.integers(0, 4))):
            left, right = draw(st.sampled_from([("(", ")"), ("（", "）"), ("(", "）")]))
            lines.append(f"{left}{NUMERALS[s]}{right}{draw(sentence())}")
            lines += draw(st.lists(sentence(), max_size=2))
    lines += draw(st.lists(sentence(), max_size=2))
    if draw(st.booleans()):
        lines += ["温州市人民政府", "2019年3月25日"]
    lines += draw(st.lists(st.sampled_from(BOILERPLATE), max_size=3))
    indent = draw(st.sampled_from(["", "　　", "  ", "\u00a0"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r", "\r\r\n"]))
    one_line = draw(st.booleans())
    if one_line:
        return "　　".join(lines)
    return newline.join(indent + line for line in lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document(), st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_generated_documents_ingest_losslessly(text, encoding):
    raw = text.encode(encoding)
    report = ingest_bytes(raw, "gen.txt", with_pinyin=False)
    assert lossless_problems(decode_bytes(raw).text, report) == []
    for section in report.sections():
        for figure in section.figures:
            assert section.text[figure.start:figure.end] == figure.raw
    for measure in report.measures:
        for mention in measure.mentions:
            assert report.section(mention.section).text[mention.start:mention.end] == measure.name


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=300).filter(lambda t: t.strip()))
def test_arbitrary_text_never_crashes_and_loses_nothing(text):
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates cannot be in a file
        return
    from tui.errors import ReportError

    try:
        report = ingest_bytes(raw, "any.txt", with_pinyin=False)
    except ReportError:
        return  # refused with a message (e.g. binary-looking input): fine
    assert lossless_problems(decode_bytes(raw).text, report) == []
