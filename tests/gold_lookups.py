"""Lookups a person would type against the bundled report, and what they are looking for.

Each entry: the query, then the figure (raw value, section) or the measure (name) that
should come first.  Chosen from the seed text as a reader of the report would: the
headline statistics, typed in Chinese, full pinyin, initials, numbers (half- and
full-width), with typos, with the words swapped, with several terms and filters.
``tests/test_search_gold.py`` holds the engine to every one of them at rank 1 (today's
level).
"""

from __future__ import annotations

# (category, query, expected) — expected is ("figure", raw, section) or ("measure", name)
GOLD: list[tuple[str, str, tuple[str, ...]]] = [
    # Chinese, as written
    ("chinese", "复议纠错率", ("figure", "17.3%", "6.1")),
    ("chinese", "纠错率", ("figure", "17.3%", "6.1")),
    ("chinese", "网上办理", ("figure", "877项", "1.1")),
    ("chinese", "市民中心", ("figure", "4.8万平方米", "1.1")),
    ("chinese", "完成信用核查", ("figure", "16414次", "1.3")),
    ("chinese", "核查黑名单", ("figure", "201人次", "1.3")),
    ("chinese", "行政处罚案件", ("figure", "4157件", "4.1")),
    ("chinese", "监管对象名录库", ("figure", "306100个", "4.2")),
    ("chinese", "行政执法人员", ("figure", "10863名", "4.2")),
    ("chinese", "抽查比例", ("figure", "5%", "4.2")),  # 从去年的3%提高到5%: this year's level
    ("chinese", "公示率", ("figure", "100%", "4.2")),
    ("chinese", "知识产权仲裁", ("figure", "14起", "6.2")),
    ("chinese", "录入率", ("figure", "96%以上", "6.3")),
    ("chinese", "新任领导干部", ("figure", "52名", "7.3")),
    ("chinese", "公交车", ("figure", "2000余辆", "7.4")),
    ("chinese", "法律服务金额", ("figure", "140余万元", "3.2")),
    ("chinese", "法律审查", ("figure", "63件", "3.2")),
    ("chinese", "立案受理", ("figure", "958件", "6.1")),
    ("chinese", "直接纠错", ("figure", "159件", "6.1")),
    ("chinese", "一审调解率", ("figure", "30.18%", "6.1")),
    ("chinese", "枫桥", ("measure", "枫桥经验")),
    ("chinese", "信用核查 人次", ("figure", "33963人次", "1.3")),
    ("chinese", "行政诉讼 调解率", ("figure", "30.18%", "6.1")),
    ("chinese", "法律顾问 人", ("figure", "700余人", "3.2")),
    # measures (documents and initiatives)
    ("measure", "最多跑一次", ("measure", "最多跑一次")),
    ("measure", "枫桥经验", ("measure", "枫桥经验")),
    ("measure", "文明行为促进条例", ("measure", "温州市文明行为促进条例")),
    ("measure", "双随机一公开", ("measure", "双随机一公开")),
    ("measure", "证照分离", ("measure", "证照分离")),
    ("measure", "宪法修正案", ("measure", "中华人民共和国宪法修正案")),
    # full pinyin, no tones
    ("pinyin", "jiucuolv", ("figure", "17.3%", "6.1")),
    ("pinyin", "fengqiaojingyan", ("measure", "枫桥经验")),
    ("pinyin", "wangshangbanli", ("figure", "877项", "1.1")),
    ("pinyin", "gongshilv", ("figure", "100%", "4.2")),
    ("pinyin", "zhishichanquan zhongcai", ("figure", "14起", "6.2")),
    ("pinyin", "shiminzhongxin", ("figure", "4.8万平方米", "1.1")),
    ("pinyin", "jiucuo lv", ("figure", "17.3%", "6.1")),
    ("pinyin", "shuangsuiji", ("measure", "双随机一公开")),
    ("pinyin", "tiaojielv", ("figure", "23.4%", "6.1")),
    ("pinyin", "jiucuolu", ("figure", "17.3%", "6.1")),  # ü typed as u
    ("pinyin", "tiaojielu", ("figure", "23.4%", "6.1")),
    # initials
    ("initials", "wsbl", ("figure", "877项", "1.1")),
    ("initials", "zdpyc", ("measure", "最多跑一次")),
    ("initials", "zscq zc", ("figure", "14起", "6.2")),
    ("initials", "fqjy", ("measure", "枫桥经验")),
    ("initials", "jcl", ("figure", "17.3%", "6.1")),
    ("initials", "ssjygk", ("measure", "双随机一公开")),
    # numbers, half- and full-width
    ("number", "17.3%", ("figure", "17.3%", "6.1")),
    ("number", "17.3", ("figure", "17.3%", "6.1")),
    ("number", "877", ("figure", "877项", "1.1")),
    ("number", "4.8万", ("figure", "4.8万平方米", "1.1")),
    ("number", "33963", ("figure", "33963人次", "1.3")),
    ("number", "３０．１８％", ("figure", "30.18%", "6.1")),
    ("number", "48000", ("figure", "4.8万平方米", "1.1")),
    ("number", "306100", ("figure", "306100个", "4.2")),
    ("number", "17.30%", ("figure", "17.3%", "6.1")),  # compared by value
    ("number", "30.180", ("figure", "30.18%", "6.1")),
    # typos: one wrong or missing character
    ("typo", "复议纠错律", ("figure", "17.3%", "6.1")),
    ("typo", "最多跑一刺", ("measure", "最多跑一次")),
    ("typo", "网上办里事项", ("figure", "877项", "1.1")),
    ("typo", "知识产权仲栽", ("figure", "14起", "6.2")),
    ("typo", "枫桥经严", ("measure", "枫桥经验")),
    ("typo", "行政执法人园", ("figure", "10863名", "4.2")),
    ("typo", "网上办事项", ("figure", "877项", "1.1")),
    ("typo", "新任干部", ("figure", "52名", "7.3")),
    ("typo", "纠错律", ("figure", "17.3%", "6.1")),  # three characters, one misheard
    ("typo", "公示律", ("figure", "100%", "4.2")),
    # swapped word order
    ("swapped", "纠错率复议", ("figure", "17.3%", "6.1")),
    ("swapped", "仲裁知识产权", ("figure", "14起", "6.2")),
    ("swapped", "办理网上", ("figure", "877项", "1.1")),
    ("swapped", "调解率一审", ("figure", "30.18%", "6.1")),
    ("swapped", "错纠率", ("figure", "17.3%", "6.1")),  # two neighbours swapped
    # several terms, filters
    ("multi", "行政复议 纠错率", ("figure", "17.3%", "6.1")),
    ("multi", "纠错率 17.3", ("figure", "17.3%", "6.1")),
    ("multi", "in:6.1 调解率 一审", ("figure", "30.18%", "6.1")),
    ("multi", "f: 最多跑一次", ("figure", "100%", "1.1")),
    ("multi", "培训 人", ("figure", "15872人", "7.3")),
    ("multi", "m: 枫桥", ("measure", "枫桥经验")),
    ("multi", "调解 23.4", ("figure", "23.4%", "6.1")),
    ("multi", "f:in:6 纠错率", ("figure", "17.3%", "6.1")),
]


def matches(hit, expected: tuple[str, ...]) -> bool:
    """Does a search hit stand for the expected figure or measure?"""
    if expected[0] == "figure":
        return hit.figure is not None and hit.figure.raw == expected[1] and hit.section == expected[2]
    return hit.measure is not None and hit.measure.name == expected[1]
