"""Labels that name what is counted, wherever the words sit (issue 8, item 4), and
quantities written in Chinese numerals (``tui.ingest.cn_numbers``).

Small sentences in the style of the corpus, one rule each; literal expected labels.
"""

from __future__ import annotations

import pytest

from tui.ingest.cn_numbers import cn_value, find_quantities
from tui.ingest.figures import extract_figures
from tui.model import Figure


def figs(text: str) -> list[Figure]:
    return extract_figures(text, "9.9")


def labels(text: str) -> dict[str, str]:
    found = figs(text)
    assert len({f.raw for f in found}) == len(found), [f.raw for f in found]
    return {f.raw: f.label for f in found}


# ---- the subject after the number ---------------------------------------------------------
def test_a_share_followed_by_de_counts_the_noun_after_it() -> None:
    assert labels("全市89.4%的公园实现24小时开放。") == {"89.4%": "公园实现24小时开放"}


def test_where_the_things_counted_go_is_kept() -> None:
    assert labels("将10863名行政执法人员列入检查人员名录库。") == {"10863名": "行政执法人员列入检查人员名录库"}


def test_money_after_a_weak_verb_is_named_by_the_noun_after_it() -> None:
    assert labels("中央财政安排1000亿元专项奖补资金予以支持。") == {"1000亿元": "专项奖补资金"}


# ---- 分别: each figure its own subject ----------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("城乡居民人均可支配收入分别增长4.4%、5.6%。",
         {"4.4%": "城镇居民人均可支配收入增长", "5.6%": "农村居民人均可支配收入增长"}),
        ("工业、制造业投资分别增长9.4%、13.3%。", {"9.4%": "工业投资增长", "13.3%": "制造业投资增长"}),
        ("刑事、治安案件分别下降6.6%、3.6%。", {"6.6%": "刑事案件下降", "3.6%": "治安案件下降"}),
        ("生产安全事故起数、死亡人数分别下降15%、14.5%。", {"15%": "生产安全事故起数下降", "14.5%": "死亡人数下降"}),
        ("进出口分别增长8%和9%。", {"8%": "进口增长", "9%": "出口增长"}),
        # three items, three figures: the long items stand alone
        ("基础养老金、城市低保、农村低保标准分别提高84%、40%、59%。",
         {"84%": "基础养老金提高", "40%": "城市低保提高", "59%": "农村低保标准提高"}),
    ],
)
def test_respectively_gives_each_figure_its_item(text: str, expected: dict[str, str]) -> None:
    assert labels(text) == expected


def test_respectively_with_more_figures_than_items_keeps_one_label() -> None:
    # two items, three figures: which figure is whose cannot be told
    found = labels("工业、服务业分别增长1%、2%、3%。")
    assert len(set(found.values())) == 1


# ---- the subject in an earlier clause -----------------------------------------------------
@pytest.mark.parametrize(
    "text, raw, label",
    [
        ("实现地区生产总值67665亿元，增长5.5%。", "5.5%", "地区生产总值增长"),
        ("国内生产总值从54万亿元增加到82.7万亿元，年均增长7.1%。", "7.1%", "国内生产总值年均增长"),
        ("民间投资增长2.1%、高于全国8.5个百分点。", "8.5个百分点", "民间投资高于全国"),
        ("成都平原经济区经济总量达到4万亿元、占全省比重达61.3%。", "61.3%", "成都平原经济区经济总量占全省比重"),
        ("各类市场主体达到9800多万户，五年增加70%以上。", "70%以上", "各类市场主体五年增加"),
    ],
)
def test_a_bare_change_takes_the_subject_before_it(text: str, raw: str, label: str) -> None:
    assert labels(text)[raw] == label


def test_a_change_after_a_full_stop_or_semicolon_borrows_nothing() -> None:
    assert labels("地区生产总值67665亿元；增长5.5%。")["5.5%"] == "增长"


def test_a_parenthesis_after_the_subject_is_skipped() -> None:
    assert labels("中欧班列（成渝）累计开行超2.6万列。") == {"超2.6万列": "中欧班列…开行"}


# ---- footnote markers ---------------------------------------------------------------------
@pytest.mark.parametrize("marker", ["[2]", "［2］", "【2】", "²", "②"])
def test_footnote_markers_are_not_part_of_a_label(marker: str) -> None:
    assert labels(f"全年国内生产总值{marker}1349084亿元。")["1349084亿元"] == "国内生产总值"


# ---- distinct figures, distinct labels ----------------------------------------------------
def test_figures_of_one_sentence_told_apart_by_the_term_their_clause_opens_on() -> None:
    text = (
        "通过“第一次救济”由被申请人主动自查化解、和解后由申请人撤回行政复议申请的有27件，"
        "通过“第二次救济”经组织调解、和解后由申请人撤回行政复议申请的有133件。"
    )
    assert labels(text) == {
        "27件": "第一次救济…申请人撤回行政复议申请",
        "133件": "第二次救济…申请人撤回行政复议申请",
    }


# ---- mixed and Chinese numerals -----------------------------------------------------------
def test_mixed_numerals_give_the_whole_quantity() -> None:
    f = next(f for f in figs("高速铁路运营里程从9000多公里增加到2万5千公里。") if f.raw == "2万5千公里")
    assert (f.value, f.scaled_value, f.unit, f.kind) == (2.5, 25000.0, "万公里", "length")
    f = next(f for f in figs("新建铁路两万五千公里。") if f.raw == "两万五千公里")
    assert (f.value, f.scaled_value, f.unit, f.kind) == (2.5, 25000.0, "万公里", "length")


@pytest.mark.parametrize(
    "text, raw, value, scaled, unit, qualifier, kind, label",
    [
        ("投入资金三千万元。", "三千万元", 3000, 3e7, "万元", None, "money", "投入资金"),
        ("比重下降两个百分点。", "两个百分点", 2, None, "个百分点", None, "percent", "比重下降"),
        ("国内有效发明专利拥有量增加两倍。", "两倍", 2, None, "倍", None, "ratio", "国内有效发明专利拥有量增加"),
        ("培训基层干部一千二百人。", "一千二百人", 1200, None, "人", None, "count", "培训基层干部"),
        ("贫困人口减少六千多万。", "六千多万", 6000, 6e7, "万", "多", "count", "贫困人口减少"),
        ("图文类产品占比超八成。", "超八成", 8, 80, "成", "超", "percent", "图文类产品占比"),
    ],
)
def test_chinese_numerals_that_state_a_quantity(text, raw, value, scaled, unit, qualifier, kind, label) -> None:
    f = next(f for f in figs(text) if f.raw == raw)
    assert (f.value, f.scaled_value, f.unit, f.qualifier, f.kind) == (value, scaled, unit, qualifier, kind)
    assert f.label == label
    assert text[f.start : f.end] == raw


@pytest.mark.parametrize(
    "text",
    [
        "“十四五”期间",
        "坚持“两个健康”",
        "实现“两个一百年”奋斗目标",
        "三年计划，两次会议，一件事",
        "落实中央八项规定精神",
        "实施千项合作项目",
        "产业集群达到万亿元规模",
        "召开第三次会议",
        "一成不变",
        "《关于三千万元资金的通知》",
    ],
)
def test_chinese_numerals_in_names_are_not_figures(text: str) -> None:
    assert figs(text) == []


@pytest.mark.parametrize(
    "numeral, value",
    [("十五", 15), ("二十", 20), ("一百零八", 108), ("一千二百", 1200), ("三千万", 30_000_000),
     ("一亿三千万", 130_000_000), ("三万亿", 3_000_000_000_000), ("两", 2), ("一千零五", 1005)],
)
def test_cn_value(numeral: str, value: int) -> None:
    assert cn_value(numeral) == value


@pytest.mark.parametrize("text", ["一二", "万一", "百", "亿", "十十", "abc", ""])
def test_cn_value_refuses_what_is_not_a_numeral(text: str) -> None:
    assert cn_value(text) is None


def test_find_quantities_is_linear_on_long_runs() -> None:
    # one long run of numeral characters is read once, and is not a numeral
    assert list(find_quantities("一" * 200_000 + "万元")) == []
    assert list(find_quantities("三千万元，" * 20_000))[-1].value == 3000


def test_respectively_with_one_character_items_is_not_split() -> None:
    # 第一、二、三产业: the items are not words of their own, so no item is guessed
    found = labels("第一、二、三产业对经济增长的贡献率分别为28.1%、17.6%、54.3%。")
    assert len(set(found.values())) == 1 and "献率" not in {v[:2] for v in found.values()}


def test_a_noun_before_a_share_followed_by_de_stays_the_label() -> None:
    assert labels("比重不足1%的地区有7个。")["不足1%"] == "比重"


def test_a_fallback_label_lends_no_subject() -> None:
    # the count's label is only its unit: the change after it borrows nothing
    assert labels("5.97万人次，比上年增长15.7%。")["15.7%"] == "比上年增长"
