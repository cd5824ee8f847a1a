"""The pieces of the outline a reader sees, on real corpus lines: parts after the body
(glossary, notes, sources, annexes), 一是 / 第一， runs, Markdown sub-headings, bare
heading lines, scraped copies, page furniture and hard-wrapped lines."""

from __future__ import annotations

from pathlib import Path

from tui.ingest.copies import split_copies
from tui.ingest.headings import bare_headings, markdown_subheadings, run_markers
from tui.ingest.parts import find_parts, note_markers, part_heading
from tui.ingest.wrapping import page_furniture, unwrap, wrap_width

CORPUS = Path("/work/shared/corpus")
FORMATS = CORPUS / "formats"


def _lines(path: Path, encoding: str = "utf-8") -> list[str]:
    return [line.strip() for line in path.read_bytes().decode(encoding).replace("\r\n", "\n").split("\n")]


def _nonblank(path: Path, encoding: str = "utf-8") -> list[str]:
    return [line for line in _lines(path, encoding) if line]


# ---- parts ------------------------------------------------------------------------------
def test_part_headings_by_pattern():
    assert part_heading("名词解释") == ("glossary", "")
    assert part_heading("**注释：**") == ("notes", "")
    assert part_heading("   **注释：**") == ("notes", "")
    assert part_heading("**资料来源**：") == ("sources", "")
    assert part_heading("资料来源：") == ("sources", "")
    assert part_heading("**注：**") == ("notes", "")
    assert part_heading("**附：**") == ("appendix", "")
    assert part_heading("附件2") == ("annex", "2")
    assert part_heading("附件：") == ("annex", "")
    # a sentence that starts with the word is not a heading
    assert part_heading("注释工作要规范。") is None
    assert part_heading("附件1.xlsx 下载") is None


def test_sichuan_glossary_has_twenty_entries_with_terms():
    lines = _nonblank(CORPUS / "sichuan-2026-government-work-report.txt")
    start = lines.index("名词解释")
    end = next(i for i, line in enumerate(lines) if line.startswith("责任编辑"))
    [glossary] = find_parts(lines[start:end])
    assert (glossary.id, glossary.kind, glossary.title) == ("glossary", "glossary", "名词解释")
    assert [e.number for e in glossary.entries] == [str(n) for n in range(1, 21)]
    assert glossary.entries[0].term == "“两重”"
    assert glossary.entries[0].definition == "是指国家重大战略实施和重点领域安全能力建设。"
    assert glossary.entries[3].term == "稳增长“21”条"
    # item 7 is broken over seven lines (揭榜 / 。 alone): one entry
    seven = glossary.entries[6]
    assert seven.term == "“双向揭榜挂帅”"
    assert seven.definition.startswith("企业找技术、成果找市场“双向揭榜挂帅”的简称")
    assert seven.definition.endswith("由成果需求方带资金、带场景揭榜。")
    assert glossary.entries[19].term == "“一件事”全链条专项整治"


def test_qiandongnan_notes_and_sources_are_two_parts():
    lines = _nonblank(FORMATS / "qiandongnan-2023-statistical-communique.pdf-text.txt")
    start = lines.index("注释：")
    parts = find_parts(lines[start:])
    assert [(p.id, p.title) for p in parts] == [("notes", "注释"), ("sources", "资料来源")]
    notes = parts[0]
    assert [e.number for e in notes.entries] == ["1", "2", "3", "4", "5", "6", "7"]
    assert notes.entries[2].definition == "规模以上工业统计口径为年主营业务收入2000万元及以上工业企业。"
    # [2] runs over three lines
    assert notes.entries[1].definition.endswith("2023年地区生产总值及行业增加值数据为初步核算数。")
    assert notes.entries[0].term is None


def test_note_markers_in_the_text():
    text = "根据市（州）生产总值统一核算结果，全年全州生产总值[2]1329.65亿元，比上年增长4.0%"
    assert note_markers(text) == [(25, 28, "2")]
    assert text[25:28] == "[2]"


def test_census_notes_and_appendix():
    lines = _nonblank(FORMATS / "national-1995-third-industrial-census-communique.md")
    start = lines.index("**注：**")
    parts = find_parts(lines[start:])
    assert [p.id for p in parts] == ["notes", "appendix"]
    assert [e.number for e in parts[0].entries] == ["1", "2", "3"]
    assert parts[0].entries[2].definition == "本公报资料未包括香港、澳门地区和台湾省。"


def test_numbered_annexes_get_their_own_ids():
    closing = ["附件1", "2026年民生实事项目", "一、就业", "二、教育", "附件2", "名词解释", "1.“两重”：是指国家重大战略。"]
    parts = find_parts(closing)
    assert [(p.id, p.start, p.end) for p in parts] == [("annex-1", 0, 4), ("annex-2", 4, 5), ("glossary", 5, 7)]
    assert parts[2].entries[0].term == "“两重”"


# ---- runs and sub-headings --------------------------------------------------------------
def test_sichuan_chapter_one_yishi_run():
    lines = _nonblank(CORPUS / "sichuan-2026-government-work-report.txt")
    one = lines[lines.index("一、2025年工作回顾和“十四五”发展主要成绩") + 1: lines.index("二、“十五五”发展的主要考虑")]
    run = run_markers(one)
    assert [(n, m) for _, n, m in run] == [("一", "一是"), ("二", "二是"), ("三", "三是"), ("四", "四是"),
                                           ("五", "五是"), ("六", "六是")]
    assert one[run[0][0]].startswith("一是着力扩内需稳增长")


def test_di_yi_run_of_an_older_national_report():
    lines = ["今年要着重抓好以下几个方面的工作。",
             "第一，加强和改善宏观调控，促进经济平稳快速发展。",
             "第二，加强农业基础地位，促进农业稳定发展和农民持续增收。",
             "第三，加快转变经济发展方式，推动产业结构优化升级。"]
    assert [(i, n, m) for i, n, m in run_markers(lines)] == [(1, "一", "第一，"), (2, "二", "第二，"), (3, "三", "第三，")]


def test_a_lone_yishi_or_an_inline_run_is_no_run():
    # Shuyang chapter 五: 一是 at a line start, 二是 / 三是 inside one paragraph
    lines = ["一是增加解读的形式，除却文字解读、图片简明问答等，丰富了视频解读、动漫解读等形式，让政策传播更“鲜活”。",
             "二是开展考核管理。将县直单位政务公开实效纳入高质量考核范围。三是深化基层联动，密切联系群众。"]
    assert len(run_markers(lines)) == 2
    assert run_markers(lines[:1]) == []
    assert run_markers(["一是否定的。", "二是"]) == []


def test_markdown_subheadings_deeper_than_the_chapters():
    lines = ["## 二、主动公开政府信息情况", "### 第二十条第（一）项", "| 信息内容 | 本年制发件数 |",
             "### 第二十条第（五）项", "| 信息内容 | 本年处理决定数量 |"]
    assert markdown_subheadings(lines[1:], 2) == [0, 2]
    assert markdown_subheadings(lines, 2) == [1, 3]


def test_bare_heading_lines_between_paragraphs():
    body = "过去五年，全省地区生产总值年均增长5.8%，经济总量连续跨越两个万亿元台阶，综合实力显著增强。"
    lines = ["某省人民政府工作报告", "各位代表：", body, "“十四五”时期工作回顾", body, body,
             "“十五五”时期的主要目标任务", body, "2026年重点工作", body, body]
    assert bare_headings(lines) == [3, 6, 8]
    # one short line alone is a subtitle, not a structure
    assert bare_headings(lines[:5]) == []
    # a short line ending in ： or ！ is a lead-in or an address, not a heading
    assert bare_headings(["标题", body, "主要做了以下工作：", body, "各位代表！", body]) == []


# ---- scraped copies ---------------------------------------------------------------------
def test_scraped_copies_go_to_extras():
    lines = _nonblank(CORPUS / "sichuan-2026-government-work-report.txt")
    head, repeats, warning = split_copies(lines + lines + lines)
    assert head == lines and repeats == lines + lines
    assert warning.startswith("the text holds the report 3 times")


def test_no_copy_in_any_corpus_text():
    for path in [*CORPUS.glob("*.txt"), *FORMATS.glob("*.md"), *FORMATS.glob("*.txt")]:
        if path.name == "README.md":
            continue
        encoding = "gb18030" if "gb18030" in path.name else "utf-8"
        lines = _nonblank(path, encoding)
        assert split_copies(lines) == (lines, [], None), path.name


def test_a_repeat_after_the_first_copys_footer_starts_at_the_title():
    lines = _nonblank(CORPUS / "sichuan-2026-government-work-report.txt")
    tail = lines.index("打印本页")
    text = lines[: tail + 2] + lines  # the whole page again after 关闭窗口
    head, repeats, _ = split_copies(text)
    assert head == lines[: tail + 2]
    assert repeats[0] == "2026年四川省人民政府工作报告"


# ---- page furniture and hard wrapping -------------------------------------------------------
def test_page_numbers_of_a_pdf_text_go_out():
    lines = _nonblank(FORMATS / "qiandongnan-2023-statistical-communique.pdf-text.txt")
    out = page_furniture(lines)
    assert sorted(lines[i] for i in out)[:2] == ["1", "10"]
    assert sum(1 for i in out if lines[i] == "— —") == 21
    assert len(out) == 42
    shanghai = _nonblank(FORMATS / "shanghai-office-2025-information-disclosure-annual-report.source.md")
    assert [shanghai[i] for i in sorted(page_furniture(shanghai))] == [f"— {n} —" for n in range(1, 8)]
    # a table cell alone on its line (22 件 in 第二十条第（一）项) stays
    assert "22" in [shanghai[i] for i in range(len(shanghai)) if i not in page_furniture(shanghai)]


def test_hard_wrapped_text_is_joined_into_paragraphs():
    lines = _lines(FORMATS / "shanghai-office-2025-information-disclosure-annual-report.source.md")
    assert wrap_width([line for line in lines if line]) == 28.0
    paragraphs, moved, _ = unwrap(lines)
    assert moved == [f"— {n} —" for n in range(1, 8)]
    opening = next(p for p in paragraphs if p.startswith("2025 年，上海市人民政府办公厅"))
    # the page number — 1 — stood between 着力发挥 and 政务公开促落实
    assert opening.endswith("着力发挥政务公开促落实、优服务、强监督作用，持续推动政务公开工作提质增效。")
    assert "（一）主动公开方面" in paragraphs
    # only line breaks changed
    dense = "".join("".join(paragraphs).split())
    assert dense == "".join("".join(line for line in lines if line and line not in moved).split())


def test_one_paragraph_per_line_text_is_not_rewrapped():
    lines = _lines(CORPUS / "national-2018-government-work-report.gb18030.txt", "gb18030")
    paragraphs, moved, full = unwrap(lines)
    assert full is None and moved == []
    assert paragraphs == [line for line in lines if line]


def test_a_paragraph_cut_by_a_page_break_is_joined():
    lines = _lines(CORPUS / "shuyang-2025-information-disclosure-annual-report.md.txt")
    paragraphs, _, full = unwrap(lines)
    assert full is None
    assert "2025年，我县坚持以群众需求为导向，聚焦重点领域和关键环节，努力让政务信息“看得懂、用得上、易监督”。" in paragraphs
    assert not any(p.startswith("得懂") for p in paragraphs)
    assert "".join(paragraphs) == "".join(line for line in lines if line)
