"""Issue 9 through the whole pipeline: bare headings, annexes after the body, 第一，runs,
scraped copies — the outline a reader sees, lossless."""

from __future__ import annotations

from pathlib import Path

from tui.ingest import ingest_bytes, ingest_text
from tui.ingest.lossless import lossless_problems
from tui.report_parts import closing_proper, find_section, part_at

CORPUS = Path("/work/shared/corpus")
BODY = "过去五年，全省地区生产总值年均增长5.8%，经济总量连续跨越两个万亿元台阶，综合实力显著增强。"
PLAN = "今年全省经济社会发展主要预期目标是：地区生产总值增长5%左右，城镇新增就业80万人以上。"


def test_bare_heading_lines_are_the_chapters():
    text = "\n".join(["某省人民政府工作报告", "各位代表：", "现在，我代表省人民政府，向大会报告工作，请予审议。",
                      "“十四五”时期工作回顾", BODY, BODY.replace("5.8%", "6.1%"),
                      "“十五五”时期的主要目标任务", PLAN, "2026年重点工作", PLAN.replace("5%", "6%"), BODY[:40] + "。"])
    r = ingest_text(text, "x.txt")
    assert [(c.number, c.title, len(c.sections)) for c in r.chapters] == [
        ("", "“十四五”时期工作回顾", 1), ("", "“十五五”时期的主要目标任务", 1), ("", "2026年重点工作", 1)]
    assert r.preamble[-1].startswith("现在，我代表省人民政府")
    assert r.warnings == []
    assert lossless_problems(text, r) == []


def test_an_annex_list_after_the_body_is_no_chapter():
    body = ["某市人民政府工作报告", "一、2025年工作回顾", BODY, "二、2026年工作安排", PLAN, "三、加强政府自身建设",
            "坚持依法行政，自觉接受人大监督。", "附件1", "2026年市政府民生实事项目",
            *[f"{n}、民生实事第{k}项，投入资金{k}亿元。" for k, n in enumerate("一二三四五六七八九十", start=1)],
            "附件2", "名词解释", "1.“两重”：是指国家重大战略实施和重点领域安全能力建设。",
            "2.“两新”：是指大规模设备更新和消费品以旧换新。"]
    text = "\n".join(body)
    r = ingest_text(text, "x.txt")
    assert [c.number for c in r.chapters] == ["一", "二", "三"]
    assert [(p.id, p.title, len(p.entries)) for p in r.parts] == [("annex-1", "附件1", 0), ("annex-2", "附件2", 0),
                                                                   ("glossary", "名词解释", 2)]
    assert r.parts[2].entries[1].term == "“两新”"
    assert find_section(r, "annex-1").text.startswith("附件1\n2026年市政府民生实事项目\n一、民生实事第1项")
    assert closing_proper(r) == []
    assert part_at(r, len("附件1\n")) == "annex-1"
    assert lossless_problems(text, r) == []


def test_di_yi_runs_are_the_sections_of_a_chapter_without_parens():
    text = "\n".join(["政府工作报告", "一、2008年工作总体部署", "今年要着重抓好以下几个方面的工作。",
                      "第一，加强和改善宏观调控，促进经济平稳快速发展。国内生产总值增长8%左右。",
                      "第二，加强农业基础地位，促进农业稳定发展和农民持续增收。",
                      "第三，加快转变经济发展方式，推动产业结构优化升级。", "二、加强政府自身建设", "坚持依法行政。"])
    r = ingest_text(text, "x.txt")
    one = r.chapters[0].sections
    assert [(s.id, s.number, s.marker) for s in one] == [("1.0", "", ""), ("1.1", "一", "第一，"),
                                                         ("1.2", "二", "第二，"), ("1.3", "三", "第三，")]
    assert one[1].title == "加强和改善宏观调控，促进经济平稳快速发展"
    assert [f.raw for f in one[1].figures] == ["8%左右"]


def test_a_scraped_page_with_six_copies_is_one_report():
    path = CORPUS / "sichuan-2026-government-work-report.txt"
    text = path.read_text(encoding="utf-8")
    raw = ("\n".join([text] * 6)).encode("utf-8")
    r = ingest_bytes(raw, path.name)
    single = ingest_bytes(path.read_bytes(), path.name)
    assert [(c.number, c.title, len(c.sections)) for c in r.chapters] == \
        [(c.number, c.title, len(c.sections)) for c in single.chapters]
    assert len(r.figures()) == len(single.figures())
    assert any(w.startswith("the text holds the report 6 times") for w in r.warnings)
    assert lossless_problems(raw.decode("utf-8"), r) == []


# ---- title, issuer and date where the text has no title line or no signature -----------------


def test_a_title_is_composed_only_from_what_the_text_says():
    head = ["某州统计局", "2024年3月1日", "2023年，全州经济稳中有进。", "一、综合", "全年地区生产总值100.5亿元。"]
    named = ingest_text("\n".join(head + ["注释：", "[1]本公报中数据为初步统计数。"]), "x.txt")
    assert (named.title, named.period, named.issuer, named.issued_on.isoformat()) == (
        "某州2023年统计公报", 2023, "某州统计局", "2024-03-01")
    assert any("made of the issuer's place" in w for w in named.warnings)
    # without 本公报 the text never says what it is: no title is made up
    plain = ingest_text("\n".join(head), "x.txt")
    assert plain.title == "某州统计局" and plain.period is None
    assert not any("made of" in w for w in plain.warnings)


def test_the_issuer_of_a_work_report_is_its_speaker_or_whom_it_is_given_for():
    body = ["一、过去一年工作回顾", BODY, "二、今年工作安排", PLAN]
    speaker = ingest_text("\n".join(["政府工作报告", "——2025年1月20日在某省第十四届人民代表大会第三次会议上",
                                     "某省人民政府省长 张三", "各位代表：", *body]), "x.txt")
    assert (speaker.issuer, speaker.issued_on.isoformat()) == ("某省人民政府", "2025-01-20")
    one_line = ingest_text("\n".join(["政府工作报告——2025年1月20日在某省第十四届人民代表大会第三次会议上某省人民政府省长 张三",
                                      "各位代表：", *body]), "x.txt")
    assert (one_line.issuer, one_line.issued_on.isoformat()) == ("某省人民政府", "2025-01-20")
    on_behalf = ingest_text("\n".join(["政府工作报告", "各位代表：", "现在，我代表某市人民政府，向大会报告工作，请予审议。",
                                       *body]), "x.txt")
    assert on_behalf.issuer == "某市人民政府"
    # 我代表市人民政府 names no place: not an issuer
    unnamed = ingest_text("\n".join(["政府工作报告", "现在，我代表市人民政府，向大会报告工作。", *body]), "x.txt")
    assert unnamed.issuer is None


def test_a_date_inside_a_body_sentence_is_not_the_date_issued():
    text = "\n".join(["某县人民政府2023年政府信息公开工作年度报告",
                      "本报告所列数据的统计期限自2023年1月1日至2023年12月31日。", "一、总体情况", BODY])
    assert ingest_text(text, "x.txt").issued_on is None


def test_a_scraped_pages_head_before_the_titles_last_copy_is_extras():
    page = ["某市2023年统计公报", "1024", "统计数据", "无障碍", "某市2023年统计公报", "某市统计局", "2024年3月1日",
            "2023年，全市经济稳中有进。", "一、综合", "全年地区生产总值100.5亿元。"]
    r = ingest_text("\n".join(page), "x.txt")
    assert r.preamble[:3] == ["某市2023年统计公报", "某市统计局", "2024年3月1日"]
    assert r.extras[:4] == ["某市2023年统计公报", "1024", "统计数据", "无障碍"]
    assert r.title == "某市2023年统计公报"
    assert lossless_problems("\n".join(page), r) == []
    # a title said once stays where it is, and nothing before it moves
    once = ingest_text("\n".join(page[3:]), "x.txt")
    assert once.preamble[0] == "无障碍" and once.extras == []


def test_no_title_is_made_of_a_metadata_title_that_names_no_place():
    from tui.ingest.pipeline import _composed_title

    opening = ["某州统计局", "2024年3月1日", "2023年，全州经济稳中有进。"]
    assert _composed_title("某州", opening, "[1]本公报中数据为初步统计数。", "某州统计局") == "某州2023年统计公报"
    assert _composed_title("Microsoft Word - 文档1.doc", opening, "本公报中数据", "某州统计局") is None
    assert _composed_title("某州2023年统计公报", opening, "本公报中数据", "某州统计局") is None  # already a title
