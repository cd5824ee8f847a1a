"""Named measures: 《documents》 and “initiatives”, one entry per name, every mention."""

from __future__ import annotations

from tui.ingest import ingest_text


def measures(text):
    r = ingest_text(text, "m.txt", with_pinyin=False)
    return r, {(m.kind, m.name): m for m in r.measures}


def test_seed_documents_and_initiatives(bundled):
    by_name = {m.name: m for m in bundled.measures}
    doc = by_name["县乡法治政府建设行动计划(2018-2020年)"]
    assert doc.kind == "document" and [m.section for m in doc.mentions] == ["7.2"]
    zdpyc = by_name["最多跑一次"]
    assert zdpyc.kind == "initiative"
    assert {m.section for m in zdpyc.mentions} >= {"1.1", "4.2", "6.2"}
    assert len(zdpyc.mentions) >= 4
    assert "枫桥经验" in by_name and "掌上办理" in by_name
    # emphasis quotes are not measures
    assert "顽疾" not in by_name and "最佳" not in by_name and "最佳实践" in by_name
    assert bundled.section("6.1").measures[:2] == ["一个口子对外", "一次申请、两次救济"]


def test_ids_are_in_order_of_first_mention(bundled):
    assert [m.id for m in bundled.measures] == [f"m{i}" for i in range(1, len(bundled.measures) + 1)]


def test_offsets_point_at_the_name(bundled):
    for m in bundled.measures:
        for mention in m.mentions:
            assert bundled.section(mention.section).text[mention.start:mention.end] == m.name


def test_nested_brackets_kept_whole():
    _, found = measures("标题\n一、甲\n(一)印发《关于〈温州市条例(试行)〉的说明》和《办法》。\n")
    assert ("document", "关于〈温州市条例(试行)〉的说明") in found
    assert ("document", "办法") in found


def test_rhetorical_and_one_character_quotes_are_dropped():
    _, found = measures("标题\n一、甲\n(一)解决“顽疾”，做到“快”，推进“三联”和“一站式”服务，他说“好吧。走！”\n")
    names = {name for _, name in found}
    assert names == {"三联", "一站式"}


def test_unpaired_brackets_are_left_alone():
    r, found = measures("标题\n一、甲\n(一)印发《未闭合的标题，和“未闭合。\n(二)后文《完整》。\n")
    assert set(found) == {("document", "完整")}
