"""The words the figure extractor knows (data only; the logic is in ``figures.py`` and
``figure_labels.py``).

Every table here is read by ``tui.ingest.figures`` or ``figure_labels``: what a number
looks like, which scales and measure words may follow it, the qualifiers around it, the
characters that end a sentence or clause, the fillers and verbs stripped from the ends of
a label, and the patterns that mark a number as part of a name (document numbers,
24小时服务区 …).
To teach the extractor a new unit, qualifier or filler, add it here.  Word lists that
are matched as alternatives are tried longest first (sorted here or where they are used).
"""

from __future__ import annotations

import re

# --------------------------------------------------------------------------------------
# Normalisation: a same-length copy of the text where full-width digits, letters and
# signs become ASCII, so that every offset found in it is an offset in the original.
# --------------------------------------------------------------------------------------
FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
        "．": ".",
        "％": "%",
        "﹪": "%",
        "－": "-",
        "～": "~",
        "〜": "~",
        "\u3000": " ",
        "\xa0": " ",
        "\t": " ",
    }
)

# A number: thousands groups (1,234 / 1，234) or a plain digit run, optional decimals.
NUM_RE = re.compile(r"[0-9]{1,3}(?:[,，][0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")
VERSION_TAIL_RE = re.compile(r"(?:\.[0-9]+)+")
_SP = r"[ ]?"  # one optional (folded) space

# ---- dates ------------------------------------------------------------------------------
DATE_ISO_RE = re.compile(
    r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?![0-9])(?: [0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?![0-9]))?"
)
DATE_YEAR_RE = re.compile(
    rf"([0-9]{{4}}){_SP}年(?:(度)|{_SP}([0-9]{{1,2}}){_SP}月(?:{_SP}([0-9]{{1,2}}){_SP}[日号])?)?"
)
DATE_MONTH_RE = re.compile(rf"([0-9]{{1,2}}){_SP}月(?:{_SP}([0-9]{{1,2}}){_SP}[日号])?")
YEAR_RANGE_RE = re.compile(rf"([0-9]{{4}}){_SP}[-—–~至到]{{1,2}}{_SP}([0-9]{{4}})(?![0-9])(?:{_SP}年(度)?)?")

# ---- scales and units ---------------------------------------------------------------------
SCALES = {
    "万亿": 10**12,
    "千亿": 10**11,
    "百亿": 10**10,
    "十亿": 10**9,
    "亿": 10**8,
    "千万": 10**7,
    "百万": 10**6,
    "十万": 10**5,
    "万": 10**4,
    "千": 10**3,
}
SCALE_RE = re.compile("|".join(sorted(SCALES, key=len, reverse=True)))
# After 万/亿: a smaller part written with digits (1万6千, 1亿3千多万).
COMPOUND_RE = re.compile(r"([0-9]{1,4})(千万|百万|千|百|万)")

PERCENT_UNITS = ("%", "‰", "个百分点", "百分点")
UNIT_KINDS: dict[str, tuple[str, ...]] = {
    "percent": PERCENT_UNITS,
    "count": (
        "项", "件", "个", "人", "人次", "次", "家", "家次", "名", "位", "户", "户次", "套", "所", "座",
        "台", "辆", "辆次", "卷", "笔", "起", "类", "种", "批", "批次", "条", "篇", "期", "场", "场次",
        "份", "张", "本", "册", "部", "部门", "处", "宗", "例", "组", "支", "艘", "架", "架次", "头",
        "只", "株", "棵", "栋", "间", "轮", "门", "大", "件次", "项次", "个次", "人天", "盏", "枚",
        "列", "班", "趟", "课", "节", "单", "票", "首", "款",
    ),
    "money": ("元", "美元", "欧元", "港元", "日元", "英镑", "元人民币"),
    "area": ("平方米", "平方公里", "平方千米", "平米", "亩", "公顷", "m²", "km²"),
    "length": ("公里", "千米", "米", "厘米", "毫米", "km"),
    "weight": ("吨", "千克", "公斤", "克", "斤", "kg"),
    "duration": (
        "天", "日", "工作日", "个工作日", "小时", "个小时", "分钟", "秒", "周", "个周", "个月",
        "月", "年", "周年", "季度", "个季度", "星期", "个星期", "学时", "课时",
    ),
    "ratio": ("倍",),
    "other": (
        "千伏", "千伏安", "伏", "千瓦", "千瓦时", "兆瓦", "瓦", "kW", "kWh", "MW", "GW", "岁", "立方米", "m³",
        "升", "标箱", "TEU",
    ),
    "name": ("号",),  # 5号 / 1号线 / 〔2024〕5号: never a statistic
}
UNIT_KIND = {u: kind for kind, units in UNIT_KINDS.items() for u in units}
UNIT_RE = re.compile("|".join(re.escape(u) for u in sorted(UNIT_KIND, key=len, reverse=True)))
# A unit is not a unit when the next character makes it part of a word (13亿多人口, 双11期间).
UNIT_NOT_BEFORE = {
    "人": "口民",
    "期": "间",
    "天": "府然津",
    "年": "级",
    "大": "学会队道厅桥街型量幅力病楼众家陆",
    "条": "件例",
    "类": "型",
    "台": "账",
    "批": "准复",
    "家": "庭",
    "部": "署分",
    "门": "户",
    "单": "位",
    "节": "点能约",
    "课": "程题",
    "本": "级",
    "米": "粮",
    "元": "旦素",
    "周": "边末",
}
# Units after which a following noun is what the number counts (53个部门, 8大综合专区).
CLASSIFIERS = frozenset(UNIT_KINDS["count"]) | {"人次"}

# ---- qualifiers and ranges ----------------------------------------------------------------
# 近2000平方公里, 超过30% (not after the listed characters: 节约, 最近, 高超).
PREFIX_QUALIFIERS = ("不超过", "超过", "最多", "最少", "至少", "不足", "不到", "将近", "接近", "大约", "约", "近", "超", "逾")
PREFIX_NOT_AFTER = {"约": "节制签预公条合契履", "近": "最附邻靠贴就", "超": "高赶"}
# 96%以上, 15%左右.  (Infix 多/余 — 1600多项, 140余万元 — is read by the scanner.)
SUFFIX_QUALIFIER_RE = re.compile("以上|以下|左右|上下|之多")
# 5-20天, 5—20天, 5~20天, 5至20天.
RANGE_SEPS = "-—–~至到"
# 24小时服务区, 24小时自助办理: “24小时” naming a round-the-clock service, not a duration.
NAME_24H_RE = re.compile("服务|自助|营业|值班|热线|不打烊|便民|在线|全天|响应|受理|窗口|开放|运行")

# ---- breaks -----------------------------------------------------------------------------
SENTENCE_BREAK_RE = re.compile(r"[。！？!?\n]")
CLAUSE_BREAK_RE = re.compile(r"[，,；;。！？!?：:（）()\n|]")
WIDE_BREAK_RE = re.compile(r"[，,；;。！？!?：:\n|]")  # clauses, parentheses kept whole
POST_BREAK_RE = re.compile(r"[，,；;。！？!?：:（）()\n|、]")

# ---- label vocabulary ---------------------------------------------------------------------
# Stripped from both ends of a label (parentheses only when unmatched: figure_labels._strip).
STRIP = " \t\r\n\u3000\xa0,，;；:：、。.!！?？[]【】〔〕-—–~·•*#|/"
# Dropped from the start of a label: 其中, 全年, 共计, 全市, 已, 并 …
LEAD_FILLERS = tuple(
    sorted(
        (
            "其中", "全年共计", "全年累计", "全年共", "全年", "共计", "累计", "合计", "总计", "一共",
            "共", "全市", "全省", "全县", "全区", "全国", "已经", "已", "并且", "并", "同时", "此外",
            "另外", "还", "今年", "当年", "年内", "目前", "截至目前", "先后", "分别", "均", "在",
            "对", "将", "以", "向", "又", "再", "也", "都", "和", "及", "与", "让", "使", "等",
            "以来", "期间", "年度", "以后", "之后", "后", "涉及", "通过", "以上", "以下",
        ),
        key=len,
        reverse=True,
    )
)
# Words that begin with a filler but are not fillers.
LEAD_PROTECT = (
    "共享", "共同", "共用", "共建", "共治", "共有", "在线", "在建", "在校", "在册", "对象", "对外",
    "以及", "将来", "还款", "均衡", "分别", "和解", "后台", "全国性", "全市性", "向日葵",
)
# Dropped from the end of a label: 为, 达到, 共, 计, 的 …
TRAIL_VERBS = tuple(
    sorted(
        (
            "分别为", "分别达到", "分别达", "分别", "均为", "均达到", "均达", "均", "达到了", "达到", "已达",
            "高达", "多达", "约为", "约有", "共有", "共达", "合计为", "总计", "合计", "共计", "累计", "共",
            "计", "为", "达", "是", "有", "的有", "的", "在", "了", "至", "到", "约", "超过", "超", "近",
            "逾", "将近", "接近", "大约", "不足", "不到", "最多", "最少", "至少", "仅为", "仅", "只有",
            "已", "就", "等", "和", "及", "与", "对", "将", "于", "从", "由", "平均为", "拟按", "按", "拟",
            "要", "再", "增至", "增加到", "增加至", "增长到", "增长至", "提高到", "提高至", "提升到",
            "提升至", "降至", "降到", "下降到", "下降至", "减少到", "减少至",
        ),
        key=len,
        reverse=True,
    )
)
# Two-character words ending in a strippable character: keep them whole.
TRAIL_PROTECT = frozenset(
    (
        "存在", "所在", "现在", "实在", "审计", "统计", "设计", "会计", "估计", "预计", "得到", "做到",
        "受到", "报到", "来到", "收到", "认为", "作为", "成为", "行为", "人为", "但是", "于是", "凡是",
        "所有", "没有", "拥有", "享有", "具有", "持有", "现有", "占有", "附近", "最近", "高超", "节约",
        "制约", "合约", "条约", "公约", "签约", "履约", "预约", "目的", "为了", "除了", "乃至", "以至",
        "甚至", "直至", "截至", "平均", "而已", "对等", "平等", "同等", "相等", "初等", "中等", "高等",
        "优等", "以及", "涉及", "普及", "危及", "惠及", "顾及", "波及", "不及", "来及", "应对", "面对",
        "针对", "核对", "比对", "相对", "绝对", "参与", "给与", "赋予", "关于", "对于", "属于", "由于",
        "用于", "在于", "等于", "大于", "小于", "高于", "低于", "基于", "处于", "位于", "利于", "便于",
        "终于", "鉴于", "源于", "至于", "勇于", "善于", "急于", "即将", "必将", "调和", "平和", "缓和",
        "温和", "总和", "共和", "富有", "只有", "特有", "固有", "原有", "确有", "尚有", "还有",
        "仅有", "未有", "均有", "越来", "实时", "按时", "同时", "人均", "户均", "年均", "日均", "月均",
    )
)
# A label that is only one of these says little: the noun after the unit is preferred.
WEAK = frozenset(
    (
        "建成投用", "建成", "投用", "设置", "设立", "开通", "完成", "组织", "举办", "开展", "新增", "新建",
        "实现", "推出", "发布", "出台", "制定", "培育", "引进", "落实", "涉及", "实施", "办理", "发放",
        "兑现", "投入", "惠及", "覆盖", "部署指导", "组织开展", "新培育", "新入选", "入选", "获得", "建设",
        "打造", "形成", "拥有", "达", "计", "跑", "审理", "持续", "超", "约", "近", "释放", "带动", "下达",
        "安排", "筹集", "争取", "支持", "帮助", "解决", "吸引", "提供", "接待", "引导", "推动",
    )
)
# Where the noun after a unit ends (53个部门参加… → 部门), if at least 3 characters remain.
POST_CUT_RE = re.compile(
    "开展|参加|参与|列入|纳入|实施|实行|集中|建立|作为|提供|被|共计|累计|涉及|有效|完成|实现|进行|"
    "获得|得到|通过|全部|均|已|正在|用于|予以|的|共(?![享同用建治识赢青产有])"
)
# The text after a unit that runs into the next figure ends with that figure's lead-in: a
# conjunction (组织成员单位和督促所辖11个县 → 组织成员单位) or a verb (5个单位跑6次 → 单位).
NEXT_LEAD_IN_RE = re.compile("以及|(?<![参给])与|(?<![以涉普危惠顾波不来])及(?![时早])|和(?![解谐睦平])|并(?![购])")
# An aside inside a noun phrase: 审理包括全国首例…案在内14起案件.
ASIDE_RE = re.compile("包括[^，,；;。：:！？!?]{1,30}?在内")
# Dropped from the start of the text after a unit (30日内启动 → 启动).
POST_LEAD = ("以内", "之内", "之间", "内", "的")
# Dropped after a date (2016年以来的行政败诉案件 → 行政败诉案件).
DATE_POST_LEAD = ("以来的", "以来", "至今", "以后", "之后", "起", "底", "末", "初", "的")

# ---- pairs and changes (从3%提高到5%, 比去年提高5.78%) -------------------------------------
FROM_RE = re.compile(r"[从由](?![而事严中业来未宽重快于])")
FROM_BAD_BEFORE = "服理自缘事"
STRONG_TO_RE = re.compile(
    "(?:提高|提升|增加|增长|上升|下降|降低|减少|压缩|缩短|简化|扩大|缩小|缩减|精简|调整|变|升|降|增|减|扩)了?[到至为]"
)
WEAK_TO_RE = re.compile("[到至为]")
CHANGE_RE = re.compile(
    r"(?:比(?![重例率])|较|同比|环比)[^，,；;。]{0,8}?(?:提高|提升|增长|增加|上升|下降|降低|减少|回落|回升|增|降|多|少|高|低)了?$"
)

# ---- names, titles, list markers ---------------------------------------------------------
# 〔2024〕5号 / [2024]5号: document numbers.
DOCNO_TAIL_RE = re.compile(r"[ ]?[0-9]+[ ]?号")
DOCNO_SKIP_RE = re.compile(r".[ ]?(?:[0-9]+[ ]?号)?")
# 11个县(市、区): a short parenthesis that belongs to the noun before it.
SHORT_PAREN_RE = re.compile(r"[(（][^()（）0-9\n，,。；;]{1,8}[)）]")
# A book or document title: numbers inside it are names (dates excepted).
BOOK_RE = re.compile(r"《[^《》\n]{0,300}》")
# What may precede a list marker (1. / 2、) at line start: spaces and Markdown marks.
LIST_LEAD_OK = set(" #*>-+\t")

# ---- cutting long labels -----------------------------------------------------------------
# Characters after which a long label may be cut.
BOUNDARY = "、，,的等和及与对》”《“"
# Verbs a long label may start with (…监督员开展行政执法专项监督 → 开展行政执法专项监督).
VERB_START_RE = re.compile("开展|组织|完成|办理|参加|实施|受理|审查|发布|处理|提供|举办|推出|新增|累计|共计|发现|审结|培训")

# ---- subjects that sit elsewhere in the sentence (figure_labels) --------------------------
# A footnote marker inside a label: 国内生产总值[2]1349084亿元 → 国内生产总值.
FOOTNOTE_RE = re.compile(r"\[[0-9]{1,2}\]|［[0-9０-９]{1,2}］|【[0-9]{1,2}】|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|[\u2460-\u2473]")
# 城乡居民人均可支配收入分别增长4.4%、5.6%: a contracted pair that 分别 splits, in order.
CONTRACTED_PAIRS = {"城乡": ("城镇", "农村"), "进出口": ("进口", "出口")}
# What joins the figures of one 分别 enumeration (4.4%、5.6% / 4.4%和5.6%).
RESPECTIVELY_JOIN = frozenset(("、", "和", "及", "与", ""))
# A label that is only a change or a comparison (增长, 年均增长, 高于全国, 占全省比重) says
# nothing of what changes: it takes the subject of the figure just before it in the
# sentence (地区生产总值67665亿元，增长5.5% → 地区生产总值增长).
CHANGE_ONLY_RE = re.compile(
    "(?:年均|五年|同比|全年|累计|比上年|较上年)?"
    "(?:增长|增加|下降|减少|提高|提升|上涨|上升|降低|回落|回升|缩减|削减|压减|缩小|扩大|翻|高于|低于|超过|占)"
)
CHANGE_ONLY_MAX = 8  # … when the label is at most this long
# Stripped from the end of the borrowed subject (民间投资增长 → 民间投资).
CHANGE_TAIL_RE = re.compile(
    "(?:年均|同比)?(?:增长|增加|下降|减少|提高|提升|上涨|上升|降低|达到|突破|超过|增至|升至|降至)$"
)
# A clause that opens on a quoted term names what its figure is about (通过“第一次救济”…).
QUOTED_HEAD_RE = re.compile("[^“”\"]{0,6}[“\"]([^“”\"]{2,10})[”\"]")
# The noun after a unit is not cut at these verbs when the phrase is short: what they take
# says where the things counted go (行政执法人员列入检查人员名录库).
KEEP_OBJECT = frozenset(("列入", "纳入"))
