"""Statistics written with Arabic digits → ``Figure`` records (pure Python, no Textual).

``extract_figures(text, section_id)`` scans the verbatim text of one section and returns
every figure in document order, ids ``"<section>/f<n>"`` from 1, with ``start``/``end``
offsets such that ``text[start:end] == raw``.  It never raises on any ``str`` and runs in
linear time: one ``finditer`` over digit runs, bounded look-ahead/look-behind at each
hit, and precomputed break positions searched with ``bisect``.

What a figure is
----------------
A run of Arabic digits (ASCII or full-width ``０-９``/``．``; thousands separators
``1,234`` / ``1，234``) followed by a unit (``项 件 个 人次 个工作日 万元 平方米 % …``,
one or two spaces allowed before it: ``749 件``), a scale (``万 亿 万亿 千 …``) or both.
Bare numbers without a unit (table cells, hotline numbers, codes) are not statistics and
are dropped.  Chinese numerals (三年, 两次) are never figures.

* ``value`` is the number as written; ``scaled_value`` applies the scale
  (``4.8万平方米`` → 4.8 / 48000.0, unit ``万平方米``).  A compound such as ``1万6千多户``
  or ``1亿3千多万`` is one figure whose value is expressed in the leading scale (1.6,
  unit ``万户``; 1.3, unit ``亿``), and ``3万多亿元`` has unit ``万亿元``: the only cases
  where the unit is not a verbatim slice of ``raw``.
* qualifiers: infix ``多``/``余`` (``1600多项``, ``140余万元``, ``3万余场次``), suffix
  ``以上 以下 左右 上下`` and prefix ``近 约 超 超过 逾 最多 最少 至少 不足 不到 …``.  The
  qualifier nearest the digits wins (``超过160余笔`` → ``余``) and is part of ``raw``
  (``近2000平方公里``, ``96%以上``).
* percentages: ``%``, ``％``, ``‰``, ``个百分点`` → kind ``percent``.
* kinds come from the unit: count, percent, money (…元), area, length, weight, duration,
  ratio (倍), other (千瓦, 岁 …); a scale without a unit is a count.

Decisions
---------
* **Ranges** (``5-20天``, ``5—20天``, ``5~20天``, ``5至20天``, ``5%-10%``) are *one*
  figure of kind ``range``: ``raw`` is the whole span, ``value`` the low bound, ``unit``
  the shared unit.  (The model has no field for the high bound; it stays readable in
  ``raw``.)  A range of years (``2018-2020年``, ``(2015-2020)``) or months is a ``date``.
* **Dates** are kept, as kind ``date`` (so a UI can filter them out): ``2018年``,
  ``2018 年``, ``2018年度``, ``2019年3月25日``, ``3月5日``, ``3月``, ``2020-03-17 11:24:13``.
  Their value is the year (or the month when no year).  ``2016年以来`` → raw ``2016年``.
  A number before 年 that is not a year (1900–2100) is a duration: ``3年``.
* **Pairs**: ``从/由 A … (提高|增加|压缩|简化|缩短…)(到|至|为) B`` → A gets role ``from``,
  B role ``to``, each ``pair`` the other's id; both carry the label found before 从/由.
  ``比去年提高5.78%`` → role ``change``, labelled like the figure it changes.
* **Not statistics** (dropped): digits touching Latin letters (``S1线``, ``5G``,
  ``PM2.5``), ordinals ``第1号`` / ``第3位``, document numbers ``〔2024〕5号`` /
  ``[2024]5号``, anything ending in 号, list markers at line start (``1.`` ``2、``),
  version-like runs (``1.2.3``), numbers with a leading zero or more than 13 digits
  (codes, phone numbers), a quoted bare figure that names a policy (``“21条”``), non-date
  numbers inside a book title ``《…》``, and ``24小时`` used as a name
  (``24小时服务区``, ``24小时自助办理``).

Labels
------
The label says what the figure counts.  Within the clause holding the figure (split on
``，,；;。：:（）`` …, and never reaching past the neighbouring figures) take the text
*before* the number — leading fillers (其中, 全年, 共计, 累计, 全市, 已, 并 …) and trailing
verbs (为, 达到, 共, 计 …) removed — or the text *after* the unit (the noun it modifies:
``建成投用4.8万平方米温州市民中心`` → ``温州市民中心``).  The text after wins for
classifier units (个 项 名 家 …) when present, and whenever the text before is empty or
only a verb.  Labels are cut to about 16 characters at a word boundary, never empty and
never contain the figure itself.  ``sentence`` is the sentence up to 。！？ or line end
(stripped; windowed to about 300 characters in pathological input).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from tui.model import Figure

__all__ = ["extract_figures"]

# --------------------------------------------------------------------------------------
# Normalisation: a same-length copy of the text where full-width digits, letters and
# signs become ASCII, so that every offset found in it is an offset in the original.
# --------------------------------------------------------------------------------------
_FOLD = str.maketrans(
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
_NUM_RE = re.compile(r"[0-9]{1,3}(?:[,，][0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")
_VERSION_TAIL_RE = re.compile(r"(?:\.[0-9]+)+")
_SP = r"[ ]?"  # one optional (folded) space

# ---- dates ------------------------------------------------------------------------------
_DATE_ISO_RE = re.compile(
    r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?![0-9])(?: [0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?![0-9]))?"
)
_DATE_YEAR_RE = re.compile(
    rf"([0-9]{{4}}){_SP}年(?:(度)|{_SP}([0-9]{{1,2}}){_SP}月(?:{_SP}([0-9]{{1,2}}){_SP}[日号])?)?"
)
_DATE_MONTH_RE = re.compile(rf"([0-9]{{1,2}}){_SP}月(?:{_SP}([0-9]{{1,2}}){_SP}[日号])?")
_YEAR_RANGE_RE = re.compile(rf"([0-9]{{4}}){_SP}[-—–~至到]{{1,2}}{_SP}([0-9]{{4}})(?![0-9])(?:{_SP}年(度)?)?")

# ---- scales and units ---------------------------------------------------------------------
_SCALES = {
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
_SCALE_RE = re.compile("|".join(sorted(_SCALES, key=len, reverse=True)))
# After 万/亿: a smaller part written with digits (1万6千, 1亿3千多万).
_COMPOUND_RE = re.compile(r"([0-9]{1,4})(千万|百万|千|百|万)")

_PERCENT_UNITS = ("%", "‰", "个百分点", "百分点")
_UNIT_KINDS: dict[str, tuple[str, ...]] = {
    "percent": _PERCENT_UNITS,
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
_UNIT_KIND = {u: kind for kind, units in _UNIT_KINDS.items() for u in units}
_UNIT_RE = re.compile("|".join(re.escape(u) for u in sorted(_UNIT_KIND, key=len, reverse=True)))
# A unit is not a unit when the next character makes it part of a word (13亿多人口, 双11期间).
_UNIT_NOT_BEFORE = {
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
_CLASSIFIERS = frozenset(_UNIT_KINDS["count"]) | {"人次"}

_PREFIX_QUALIFIERS = ("不超过", "超过", "最多", "最少", "至少", "不足", "不到", "将近", "接近", "大约", "约", "近", "超", "逾")
_PREFIX_NOT_AFTER = {"约": "节制签预公条合契履", "近": "最附邻靠贴就", "超": "高赶"}
_SUFFIX_QUALIFIER_RE = re.compile("以上|以下|左右|上下|之多")
_RANGE_SEPS = "-—–~至到"
_NAME_24H_RE = re.compile("服务|自助|营业|值班|热线|不打烊|便民|在线|全天|响应|受理|窗口|开放|运行")

# ---- breaks -----------------------------------------------------------------------------
_SENTENCE_BREAK_RE = re.compile(r"[。！？!?\n]")
_CLAUSE_BREAK_RE = re.compile(r"[，,；;。！？!?：:（）()\n|]")
_WIDE_BREAK_RE = re.compile(r"[，,；;。！？!?：:\n|]")  # clauses, parentheses kept whole
_POST_BREAK_RE = re.compile(r"[，,；;。！？!?：:（）()\n|、]")
_SENTENCE_MAX = 300
_PRE_WINDOW = 60
_POST_WINDOW = 40
_LABEL_MAX = 16

# ---- label vocabulary ---------------------------------------------------------------------
_STRIP = " \t\r\n\u3000\xa0,，;；:：、。.!！?？[]【】〔〕-—–~·•*#|/"  # parentheses: see _strip
_LEAD_FILLERS = tuple(
    sorted(
        (
            "其中", "全年共计", "全年累计", "全年共", "全年", "共计", "累计", "合计", "总计", "一共",
            "共", "全市", "全省", "全县", "全区", "全国", "已经", "已", "并且", "并", "同时", "此外",
            "另外", "还", "今年", "当年", "年内", "目前", "截至目前", "先后", "分别", "均", "在",
            "对", "将", "以", "向", "又", "再", "也", "都", "和", "及", "与", "让", "使", "等",
            "以来", "期间", "年度", "以后", "之后", "后", "涉及", "通过",
        ),
        key=len,
        reverse=True,
    )
)
# Words that begin with a filler but are not fillers.
_LEAD_PROTECT = (
    "共享", "共同", "共用", "共建", "共治", "共有", "在线", "在建", "在校", "在册", "对象", "对外",
    "以上", "以下", "以及", "将来", "还款", "均衡", "分别", "和解", "后台", "全国性", "全市性", "向日葵",
)
_TRAIL_VERBS = tuple(
    sorted(
        (
            "分别为", "分别达到", "分别达", "分别", "均为", "均达到", "均达", "均", "达到了", "达到", "已达",
            "高达", "多达", "约为", "约有", "共有", "共达", "合计为", "总计", "合计", "共计", "累计", "共",
            "计", "为", "达", "是", "有", "的有", "的", "在", "了", "至", "到", "约", "超过", "超", "近",
            "逾", "将近", "接近", "大约", "不足", "不到", "最多", "最少", "至少", "仅为", "仅", "只有",
            "已", "就", "等", "和", "及", "与", "对", "将", "于", "从", "由", "平均为", "拟按", "按", "拟",
            "要", "再",
        ),
        key=len,
        reverse=True,
    )
)
# Two-character words ending in a strippable character: keep them whole.
_TRAIL_PROTECT = frozenset(
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
        "温和", "总和", "共和", "富有", "只有", "特有", "固有", "原有", "已有", "确有", "尚有", "还有",
        "仅有", "未有", "均有", "越来", "实时", "按时", "同时", "人均", "户均", "年均", "日均", "月均",
    )
)
_WEAK = frozenset(
    (
        "建成投用", "建成", "投用", "设置", "设立", "开通", "完成", "组织", "举办", "开展", "新增", "新建",
        "实现", "推出", "发布", "出台", "制定", "培育", "引进", "落实", "涉及", "实施", "办理", "发放",
        "兑现", "投入", "惠及", "覆盖", "部署指导", "组织开展", "新培育", "新入选", "入选", "获得", "建设",
        "打造", "形成", "拥有", "达", "计", "跑", "审理", "持续", "超", "约", "近", "释放", "带动", "下达",
        "安排", "筹集", "争取", "支持", "帮助", "解决", "吸引", "提供", "接待", "引导", "推动",
    )
)
# Where the noun after a unit ends (53个部门参加… → 部门), if at least 3 characters remain.
_POST_CUT_RE = re.compile(
    "开展|参加|参与|列入|纳入|实施|实行|集中|建立|作为|提供|被|共计|累计|涉及|有效|完成|实现|进行|"
    "获得|得到|通过|全部|均|已|正在|用于|的|共(?![享同用建治识赢青产有])"
)
_POST_LEAD = ("以内", "之内", "之间", "内", "的")
_DATE_POST_LEAD = ("以来的", "以来", "至今", "以后", "之后", "起", "底", "末", "初", "的")
_FROM_RE = re.compile(r"[从由](?![而事严中业来未宽重快于])")
_FROM_BAD_BEFORE = "服理自缘事"
_STRONG_TO_RE = re.compile(
    "(?:提高|提升|增加|增长|上升|下降|降低|减少|压缩|缩短|简化|扩大|缩小|缩减|精简|调整|变|升|降|增|减|扩)了?[到至为]"
)
_WEAK_TO_RE = re.compile("[到至为]")
_CHANGE_RE = re.compile(
    r"(?:比(?![重例率])|较|同比|环比)[^，,；;。]{0,8}?(?:提高|提升|增长|增加|上升|下降|降低|减少|回落|回升|增|降|多|少|高|低)了?$"
)
_DOCNO_TAIL_RE = re.compile(r"[ ]?[0-9]+[ ]?号")
_DOCNO_SKIP_RE = re.compile(r".[ ]?(?:[0-9]+[ ]?号)?")
_SHORT_PAREN_RE = re.compile(r"[(（][^()（）0-9\n，,。；;]{1,8}[)）]")
_BOOK_RE = re.compile(r"《[^《》\n]{0,300}》")
_LIST_LEAD_OK = set(" #*>-+\t")


@dataclass
class _Tail:
    """What follows a number: infix qualifier, scale, compound part, unit, suffix."""

    end: int
    qualifier: str | None = None
    scale: str = ""
    factor: int = 1
    extra: Decimal = Decimal(0)  # compound part, already multiplied out
    unit: str | None = None  # measure word only (no scale)
    suffix: str | None = None


@dataclass
class _Hit:
    """A figure while it is being built (``pair`` is an index into the hit list)."""

    start: int
    end: int
    value: float
    scaled: float | None
    unit: str | None
    qualifier: str | None
    kind: str
    label: str = ""
    role: str | None = None
    pair: int | None = None


# --------------------------------------------------------------------------------------
# public entry point
# --------------------------------------------------------------------------------------
def extract_figures(text: str, section_id: str) -> list[Figure]:
    """Every figure of ``text`` (one section, verbatim) in document order."""
    if not isinstance(text, str) or not text:
        return []
    folded = text.translate(_FOLD)
    ctx = _Context(text, folded)
    hits = ctx.scan()
    ctx.link_pairs(hits)
    ctx.label_all(hits)
    figures: list[Figure] = []
    for n, hit in enumerate(hits, start=1):
        figures.append(
            Figure(
                id=f"{section_id}/f{n}",
                section=section_id,
                raw=text[hit.start : hit.end],
                value=hit.value,
                scaled_value=hit.scaled,
                unit=hit.unit,
                qualifier=hit.qualifier,
                kind=hit.kind,  # type: ignore[arg-type]
                label=hit.label,
                sentence=ctx.sentence(hit.start, hit.end),
                start=hit.start,
                end=hit.end,
                role=hit.role,  # type: ignore[arg-type]
                pair=f"{section_id}/f{hit.pair + 1}" if hit.pair is not None else None,
            )
        )
    return figures


# --------------------------------------------------------------------------------------
# helpers on numbers
# --------------------------------------------------------------------------------------
def _dec(num: str) -> Decimal:
    try:
        return Decimal(num.replace(",", "").replace("，", ""))
    except InvalidOperation:  # pragma: no cover - _NUM_RE only yields valid numbers
        return Decimal(0)


def _is_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _year_ok(y: str) -> bool:
    return 1900 <= int(y) <= 2100


class _Context:
    """One section's text, its folded copy and its break positions."""

    def __init__(self, text: str, folded: str) -> None:
        self.text = text
        self.t = folded
        self.n = len(folded)
        self.sent_breaks = [m.start() for m in _SENTENCE_BREAK_RE.finditer(folded)]
        self.clause_breaks = [m.start() for m in _CLAUSE_BREAK_RE.finditer(folded)]
        self.post_breaks = [m.start() for m in _POST_BREAK_RE.finditer(folded)]
        self.wide_breaks = [m.start() for m in _WIDE_BREAK_RE.finditer(folded)]
        books = [(m.start(), m.end()) for m in _BOOK_RE.finditer(folded)]
        self.book_starts = [b[0] for b in books]
        self.book_ends = [b[1] for b in books]

    # ---- positions ------------------------------------------------------------------
    def _in_book(self, pos: int) -> bool:
        i = bisect_right(self.book_starts, pos) - 1
        return i >= 0 and pos < self.book_ends[i]

    @staticmethod
    def _prev_break(breaks: list[int], pos: int) -> int:
        """Index just after the last break before ``pos`` (0 when none)."""
        i = bisect_left(breaks, pos) - 1
        return breaks[i] + 1 if i >= 0 else 0

    def _next_break(self, breaks: list[int], pos: int) -> int:
        i = bisect_left(breaks, pos)
        return breaks[i] if i < len(breaks) else self.n

    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        lo = self._prev_break(self.sent_breaks, start)
        hi = self._next_break(self.sent_breaks, end)
        return lo, hi

    def sentence(self, start: int, end: int) -> str:
        lo, hi = self.sentence_bounds(start, end)
        if hi < self.n and self.t[hi] != "\n":
            hi += 1  # keep the 。！？
        if hi - lo > _SENTENCE_MAX:  # pathological input: a window around the figure
            half = _SENTENCE_MAX // 2
            lo = max(lo, start - half)
            hi = min(hi, max(end + half, lo + _SENTENCE_MAX))
        return self.text[lo:hi].strip()

    # ---- scanning -------------------------------------------------------------------
    def scan(self) -> list[_Hit]:
        hits: list[_Hit] = []
        consumed = 0
        for m in _NUM_RE.finditer(self.t):
            if m.start() < consumed:
                continue
            hit, consumed_to = self._parse(m.start(), m.end(), consumed)
            consumed = max(consumed, consumed_to)
            if hit is not None:
                hits.append(hit)
                consumed = max(consumed, hit.end)
        return hits

    def _parse(self, s: int, e: int, floor: int) -> tuple[_Hit | None, int]:
        """Read the figure whose digits start at ``s``; return it (or None) and how far
        the text is used up."""
        t, n = self.t, self.n
        num = t[s:e]
        int_part = num.split(".")[0].replace(",", "").replace("，", "")
        prev = t[s - 1] if s > 0 else "\n"  # text edges read as line breaks
        nxt = t[e] if e < n else "\n"

        # Codes, phone numbers, versions, things touching Latin letters.
        if len(int_part) > 13 or (len(int_part) > 1 and int_part[0] == "0"):
            return None, e
        if nxt == "." and e + 1 < n and t[e + 1].isdigit():
            v = _VERSION_TAIL_RE.match(t, e)
            return None, v.end() if v else e
        if prev == "." and s >= 2 and t[s - 2].isdigit():
            return None, e
        if _is_letter(prev) or prev in "×*":  # S1线, PM2.5, 7×24
            return None, e
        if prev in "-_/" and s >= 2 and t[s - 2].isascii() and t[s - 2].isalnum():  # COVID-19, /rule/81330
            return None, e
        if prev == "第" or (prev == " " and s >= 2 and t[s - 2] == "第"):
            return None, self._skip_unit(e)
        if self._is_list_marker(s, e):
            return None, e
        if self._is_doc_number(s, e):
            return None, self._skip_doc_number(e)

        plain = num.isdigit()
        date = self._parse_date(s, e) if plain else None
        if date is not None:
            return date, date.end
        if self._in_book(s):  # names inside 《…》: only dates count
            return None, self._skip_unit(e)

        tail = self._tail(e)
        if _is_letter(nxt) and tail.unit is None:
            return None, e
        hit = self._range(s, num, tail) or self._single(s, num, tail)
        if hit is None:
            return None, e
        if self._is_name(hit, s):
            return None, hit.end
        self._prefix_qualifier(hit, s, floor)
        return hit, hit.end

    def _skip_unit(self, e: int) -> int:
        m = _UNIT_RE.match(self.t, e)
        return m.end() if m else e

    def _is_list_marker(self, s: int, e: int) -> bool:
        """``1.`` / ``2、`` / ``3）`` at the start of a line (after Markdown marks)."""
        t = self.t
        if e >= self.n or t[e] not in ".、)）" or (e + 1 < self.n and t[e + 1].isdigit()):
            return False
        i = s - 1
        while i >= 0 and s - i <= 8:
            if t[i] == "\n":
                return True
            if t[i] not in _LIST_LEAD_OK:
                return False
            i -= 1
        return i < 0

    def _is_doc_number(self, s: int, e: int) -> bool:
        t = self.t
        if s == 0 or e >= self.n:
            return False
        if t[s - 1] == "〔" and t[e] == "〕":
            return True
        if t[s - 1] in "[［【(（" and t[e] in "]］】)）" and e - s == 4:
            return _DOCNO_TAIL_RE.match(t, e + 1) is not None
        return False

    def _skip_doc_number(self, e: int) -> int:
        m = _DOCNO_SKIP_RE.match(self.t, e)
        return m.end() if m else e

    # ---- dates ----------------------------------------------------------------------
    def _parse_date(self, s: int, e: int) -> _Hit | None:
        t = self.t
        m = _DATE_ISO_RE.match(t, s)
        if m and _year_ok(m.group(1)) and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31:
            return self._date(s, m.end(), float(m.group(1)), None)
        m = _YEAR_RANGE_RE.match(t, s)
        if m and _year_ok(m.group(1)) and _year_ok(m.group(2)) and int(m.group(1)) <= int(m.group(2)):
            return self._date(s, m.end(), float(m.group(1)), None)
        m = _DATE_YEAR_RE.match(t, s)
        if m and _year_ok(m.group(1)):
            end, unit = m.end(), ("年度" if m.group(2) else None)
            month, day = m.group(3), m.group(4)
            if month is not None and not 1 <= int(month) <= 12:
                end, unit = t.index("年", s) + 1, "年"  # 2018年13月: only the year
            elif day is not None and not 1 <= int(day) <= 31:
                end = t.index("月", s) + 1
            elif month is None and unit is None:
                unit = "年"
            return self._date(s, end, float(m.group(1)), unit)
        m = _DATE_MONTH_RE.match(t, s)
        if m and e - s <= 2 and 1 <= int(m.group(1)) <= 12 and (s == 0 or t[s - 1] != "个"):
            day = m.group(2)
            if day is not None and not 1 <= int(day) <= 31:
                return self._date(s, t.index("月", s) + 1, float(m.group(1)), "月")
            return self._date(s, m.end(), float(m.group(1)), None if day else "月")
        return None

    @staticmethod
    def _date(s: int, end: int, value: float, unit: str | None) -> _Hit:
        return _Hit(s, end, value, None, unit, None, "date")

    # ---- tails, ranges, singles -----------------------------------------------------
    def _unit_at(self, p: int) -> str | None:
        m = _UNIT_RE.match(self.t, p)
        if not m:
            return None
        unit, end = m.group(), m.end()
        nxt = self.t[end] if end < self.n else ""
        if unit.isascii() and _is_letter(nxt):
            return None
        if nxt and nxt in _UNIT_NOT_BEFORE.get(unit, ""):
            return None
        return unit

    def _tail(self, p: int) -> _Tail:
        t, n = self.t, self.n
        tail = _Tail(end=p)
        q = p
        while q < n and t[q] == " " and q - p < 2:  # 749 件
            q += 1
        start = q
        if q < n and t[q] in "多余":
            tail.qualifier, q = t[q], q + 1
        if self._unit_at(q) is None:
            m = _SCALE_RE.match(t, q)
            if m:
                tail.scale, tail.factor, q = m.group(), _SCALES[m.group()], m.end()
                q = self._compound(tail, q)
                if tail.qualifier is None and q < n and t[q] in "多余":
                    tail.qualifier, q = t[q], q + 1
                    # 3万多亿元: the scales multiply (万亿), 多 sits between them
                    m2 = _SCALE_RE.match(t, q) if not tail.extra and self._unit_at(q) is None else None
                    if m2 and tail.factor * _SCALES[m2.group()] <= 10**12:
                        tail.scale += m2.group()
                        tail.factor *= _SCALES[m2.group()]
                        q = m2.end()
        unit = self._unit_at(q)
        if unit is not None:
            tail.unit, q = unit, q + len(unit)
        elif not tail.scale:
            return _Tail(end=p)  # nothing measurable follows: not a figure
        sm = _SUFFIX_QUALIFIER_RE.match(t, q)
        if sm:
            tail.suffix, q = sm.group(), sm.end()
        tail.end = q if q > start else p
        return tail

    def _compound(self, tail: _Tail, q: int) -> int:
        """1万6千 / 1亿3千多万: add the smaller digit-written part to the tail."""
        if tail.factor < 10**4:
            return q
        m = _COMPOUND_RE.match(self.t, q)
        if not m:
            return q
        factor2 = _SCALES.get(m.group(2), 100)
        end = m.end()
        qual = None
        if end < self.n and self.t[end] in "多余":
            qual, end = self.t[end], end + 1
        if m.group(2) in ("千", "百") and end < self.n and self.t[end] == "万" and tail.factor > 10**7:
            factor2, end = factor2 * 10**4, end + 1
        if factor2 >= tail.factor:
            return q
        tail.extra = Decimal(m.group(1)) * factor2
        if qual and tail.qualifier is None:
            tail.qualifier = qual
        return end

    def _range(self, s: int, num: str, tail: _Tail) -> _Hit | None:
        t, n = self.t, self.n
        p = tail.end
        if tail.suffix or tail.extra or p >= n or t[p] not in _RANGE_SEPS:
            return None
        sep_end = p + 1
        if t[p] in "—" and sep_end < n and t[sep_end] == "—":
            sep_end += 1
        if t[p] in "至到" and (tail.unit is not None or self._from_near(s, 10) is not None):
            return None  # 从3%到5% is a from→to pair, not a range
        m2 = _NUM_RE.match(t, sep_end)
        if not m2:
            return None
        tail2 = self._tail(m2.end())
        if tail2.unit is None and not tail2.scale:
            return None
        if tail.unit is not None and tail.unit != tail2.unit:
            return None
        if tail.scale and tail2.scale and tail.scale != tail2.scale:
            return None
        factor = tail2.factor if tail2.scale else tail.factor
        scale = tail2.scale or tail.scale
        value = _dec(num)
        kind = "date" if tail2.unit == "月" else "range"
        return _Hit(
            start=s,
            end=tail2.end,
            value=float(value),
            scaled=float(value * factor) if scale else None,
            unit=(scale + (tail2.unit or "")) or None,
            qualifier=tail.qualifier or tail2.qualifier or tail2.suffix,
            kind=kind,
        )

    def _single(self, s: int, num: str, tail: _Tail) -> _Hit | None:
        if tail.unit is None and not tail.scale:
            return None
        value = _dec(num)
        if tail.extra:
            total = value * tail.factor + tail.extra
            value_out = total / tail.factor
            scaled: float | None = float(total)
        else:
            value_out = value
            scaled = float(value * tail.factor) if tail.scale else None
        unit = tail.unit
        kind = _UNIT_KIND.get(unit, "count") if unit else "count"
        if kind == "name":
            return _Hit(s, tail.end, 0.0, None, None, None, "name")
        if unit == "年" and num.isdigit() and len(num) == 4 and _year_ok(num):
            kind = "date"
        if unit == "月" and not tail.scale:
            kind = "date" if num.isdigit() and 1 <= int(num) <= 12 else "duration"
        full_unit = (tail.scale + (unit or "")) or None
        return _Hit(
            start=s,
            end=tail.end,
            value=float(value_out),
            scaled=scaled,
            unit=full_unit,
            qualifier=tail.qualifier or tail.suffix,
            kind=kind,
        )

    def _is_name(self, hit: _Hit, s: int) -> bool:
        """Numbers that are part of a name rather than a statistic."""
        t = self.t
        if hit.kind == "name":
            return True
        raw = t[hit.start : hit.end]
        before = t[s - 1] if s > 0 else "\n"
        after = t[hit.end] if hit.end < self.n else "\n"
        # “21条” — a quoted bare figure is a policy's name.
        if hit.qualifier is None and before in "“\"「『‘" and after in "”\"」』’":
            return True
        # 24小时服务区, 24小时自助办理: a service that never closes, not a duration.
        if raw == "24小时" and _NAME_24H_RE.match(t, hit.end):
            return True
        return False

    def _prefix_qualifier(self, hit: _Hit, s: int, floor: int) -> None:
        if hit.qualifier is not None or hit.kind == "date":
            return
        t = self.t
        for q in _PREFIX_QUALIFIERS:
            qs = s - len(q)
            if qs < floor or qs < 0 or t[qs:s] != q:
                continue
            if qs > 0 and t[qs - 1] in _PREFIX_NOT_AFTER.get(q, ""):
                return
            hit.qualifier, hit.start = q, qs
            return

    # ---- pairs and changes ----------------------------------------------------------
    def _from_near(self, s: int, window: int, floor: int = 0) -> int | None:
        """Position of the last 从/由 (of a from→to) within ``window`` characters before
        ``s``, in the same sentence."""
        lo = max(floor, s - window, self._prev_break(self.sent_breaks, s))
        found = None
        for m in _FROM_RE.finditer(self.t, lo, s):
            if m.start() > 0 and self.t[m.start() - 1] in _FROM_BAD_BEFORE:
                continue
            found = m.start()
        return found

    def link_pairs(self, hits: list[_Hit]) -> None:
        """Mark from→to pairs (从/由 A … 提高到 B) and changes (比去年提高 B)."""
        t = self.t
        floor = 0
        for i in range(len(hits) - 1):
            a, b = hits[i], hits[i + 1]
            if a.role or a.kind in ("date", "range") or b.kind in ("date", "range") or a.kind != b.kind:
                continue
            if b.start - a.end > 40 or self.sentence_bounds(a.start, a.end)[1] < b.start:
                continue
            gap = t[a.end : b.start]
            if _FROM_RE.search(gap):
                continue
            lo = max(floor, hits[i - 1].end if i else 0)
            near = self._from_near(a.start, 10, lo)
            strong = _STRONG_TO_RE.search(gap)
            far = self._from_near(a.start, 40, floor) if strong else None
            if not ((near is not None and _WEAK_TO_RE.search(gap)) or far is not None):
                continue
            a.role, b.role, a.pair, b.pair = "from", "to", i + 1, i
            floor = b.end
        for i, h in enumerate(hits):
            if h.role or h.kind == "date":
                continue
            lo = max(self._prev_break(self.clause_breaks, h.start), h.start - 12, hits[i - 1].end if i else 0)
            if _CHANGE_RE.search(t, lo, h.start):
                h.role = "change"

    # ---- labels ---------------------------------------------------------------------
    def label_all(self, hits: list[_Hit]) -> None:
        """Label every hit; the two figures of a pair share the label before 从/由, a
        change takes the label of the figure it changes."""
        for i, h in enumerate(hits):
            prev_end = hits[i - 1].end if i else 0
            next_start = hits[i + 1].start if i + 1 < len(hits) else self.n
            h.label = self._label(h, prev_end, next_start)
            if not h.label and i:  # 4.4%、5.6%: an enumeration shares the label
                p = hits[i - 1]
                same_clause = self._prev_break(self.clause_breaks, p.start) == self._prev_break(
                    self.clause_breaks, h.start
                )
                if same_clause:
                    h.label = p.label
        for i, h in enumerate(hits):
            if h.role == "from" and h.pair is not None:
                label = self._from_label(h)
                if label:
                    h.label = hits[h.pair].label = label
            elif h.role == "change":
                j = i - 1
                lo, _ = self.sentence_bounds(h.start, h.end)
                while j >= 0 and hits[j].start >= lo and hits[j].kind == "date":
                    j -= 1
                if j >= 0 and hits[j].start >= lo and hits[j].label:
                    h.label = hits[j].label
        for h in hits:
            h.label = self._final(h)

    def _final(self, h: _Hit) -> str:
        raw = self.text[h.start : h.end]
        label = h.label
        if raw and raw in label:
            label = _clean_pre(label.split(raw)[-1]) or _clean_post(label.split(raw)[0])
            if raw in label:
                label = ""
        if not label and h.kind == "date":
            label = "年份" if h.unit in ("年", "年度") else "日期"
        if not label:
            label = self._clause_head(h) or (h.unit or "") or "数值"
            if raw in label:
                label = h.unit or "数值"
        return label

    def _clause_head(self, h: _Hit) -> str:
        lo = max(self._prev_break(self.wide_breaks, h.start), h.start - _PRE_WINDOW)
        head = self.text[lo : h.start]
        cut = _NUM_RE.search(head.translate(_FOLD))  # stop before any earlier number
        return _clean_pre(head[: cut.start()] if cut else head)

    def _segments(self, h: _Hit, prev_end: int, next_start: int) -> tuple[str, str]:
        clause_lo = self._prev_break(self.clause_breaks, h.start)
        lo = max(clause_lo, prev_end, h.start - _PRE_WINDOW)
        pre = self.text[lo : h.start] if lo < h.start else ""
        if lo == prev_end > clause_lo and "、" in pre:  # 1.5天可领照、4天可营业
            pre = pre.rsplit("、", 1)[1]
        hi = min(self._next_break(self.post_breaks, h.end), next_start, h.end + _POST_WINDOW)
        post = self.text[h.end : hi] if hi > h.end else ""
        # 11个县(市、区): a short parenthesis right after the noun belongs to it.
        if post.strip() and hi < self.n and self.t[hi] in "(（" and hi < next_start:
            m = _SHORT_PAREN_RE.match(self.t, hi)
            if m and m.end() <= next_start:
                post = self.text[h.end : m.end()]
        return pre, post

    def _label(self, h: _Hit, prev_end: int, next_start: int) -> str:
        """Text before the number or the noun after the unit (see the module docstring)."""
        pre_raw, post_raw = self._segments(h, prev_end, next_start)
        if h.kind == "date":
            return self._date_label(h, pre_raw, post_raw)
        pre = _clean_pre(pre_raw)
        post = _clean_post(post_raw)
        from_pos = self._from_near(h.start, 10, prev_end)
        if from_pos is not None and h.kind != "count":  # 办理时限从多部门最少40天 → 办理时限
            before = self._from_label_at(from_pos)
            if before:
                pre = before
        weak = len(pre) < 2 or pre in _WEAK
        unit = h.unit or ""
        base_unit = unit.lstrip("万亿千百十") or unit
        if h.kind in ("percent", "ratio"):
            return pre if not weak else (post or pre)
        if post and post_raw.lstrip(" \u3000").startswith(("内", "以内", "之内")):
            return post
        if post and (base_unit in _CLASSIFIERS or not h.unit or h.unit in _SCALES or weak):
            return post
        if not weak:
            return pre
        return post or pre

    def _date_label(self, h: _Hit, pre_raw: str, post_raw: str) -> str:
        """A date is labelled by the title holding it, or by what follows it
        (2016年以来的行政败诉案件 → 行政败诉案件), else by what precedes it."""
        i = bisect_right(self.book_starts, h.start) - 1
        if i >= 0 and h.start < self.book_ends[i]:
            inner = self.text[self.book_starts[i] + 1 : h.start]
            label = _clean_pre(inner)
            if label:
                return label
            return _clean_post(self.text[h.end : self.book_ends[i] - 1])
        post = post_raw.lstrip(" \u3000")
        for lead in _DATE_POST_LEAD:
            if post.startswith(lead):
                post = post[len(lead) :]
                break
        return _clean_post(post) or _clean_pre(pre_raw)

    def _from_label(self, h: _Hit) -> str:
        pos = self._from_near(h.start, 40)
        return self._from_label_at(pos) if pos is not None else ""

    def _from_label_at(self, pos: int) -> str:
        lo = max(self._prev_break(self.clause_breaks, pos), pos - _PRE_WINDOW)
        head = self.text[lo:pos]
        if _NUM_RE.search(head.translate(_FOLD)):
            return ""
        return _clean_pre(head)


# --------------------------------------------------------------------------------------
# label cleaning (pure string functions)
# --------------------------------------------------------------------------------------
def _strip(s: str) -> str:
    """Strip punctuation and spaces at both ends; parentheses only when unmatched."""
    while True:
        out = s.strip(_STRIP)
        if out[:1] in ("(", "（") and ")" not in out and "）" not in out:
            out = out[1:]
        if out[:1] in (")", "）"):
            out = out[1:]
        if out[-1:] in ("(", "（"):
            out = out[:-1]
        if out[-1:] in (")", "）") and "(" not in out and "（" not in out:
            out = out[:-1]
        if out == s:
            return out
        s = out


def _by_length(words: tuple[str, ...]) -> list[tuple[int, frozenset[str]]]:
    """Words grouped by length, longest first, for fast prefix/suffix look-up."""
    lengths = sorted({len(w) for w in words}, reverse=True)
    return [(n, frozenset(w for w in words if len(w) == n)) for n in lengths]


_LEAD_BY_LEN = _by_length(_LEAD_FILLERS)
_TRAIL_BY_LEN = _by_length(_TRAIL_VERBS)


def _strip_lead(s: str) -> str:
    """Drop leading fillers (其中, 全年, 共计, 全市, 已, 并 …), repeatedly."""
    s = _strip(s)
    while s and s.startswith(_LEAD_FILLERS) and not s.startswith(_LEAD_PROTECT):
        for n, words in _LEAD_BY_LEN:
            if len(s) > n and s[:n] in words:
                s = _strip(s[n:])
                break
        else:
            break
    return s


def _strip_trail(s: str) -> str:
    """Drop trailing verbs and particles (为, 达到, 共, 计, 的 …), repeatedly."""
    s = _strip(s)
    while s and s.endswith(_TRAIL_VERBS) and s[-2:] not in _TRAIL_PROTECT:
        for n, words in _TRAIL_BY_LEN:
            if s[-n:] in words:
                s = _strip(s[:-n])
                break
    return s


def _balance(s: str) -> str:
    """Drop quote/title marks left open or closed at the ends; unwrap “X”."""
    for op, cl in (("“", "”"), ("《", "》"), ("‘", "’"), ("「", "」")):
        while s.startswith(cl):
            s = s[1:]
        while s.endswith(op):
            s = s[:-1]
        if op not in s:  # a stray closing mark: 三权”分置改革 → 三权分置改革
            s = s.replace(cl, "")
        if cl not in s:
            s = s.replace(op, "")
        if len(s) > 2 and s[0] == op and s[-1] == cl and s.count(op) == 1 and s.count(cl) == 1:
            s = s[1:-1]
    return _strip(s.strip("\"'"))


_BOUNDARY = "、，,的等和及与对》”《“"
# Verbs a long label may start with (…监督员开展行政执法专项监督 → 开展行政执法专项监督).
_VERB_START_RE = re.compile("开展|组织|完成|办理|参加|实施|受理|审查|发布|处理|提供|举办|推出|新增|累计|共计|发现|审结|培训")


def _trim_tail(s: str) -> str:
    """Keep the last ~16 characters, starting at a word boundary where possible."""
    if len(s) <= _LABEL_MAX:
        return s
    window = s[-_LABEL_MAX:]
    cuts = [i + 1 for i, ch in enumerate(window) if ch in _BOUNDARY]
    cuts += [m.start() for m in _VERB_START_RE.finditer(window)]
    cuts = [c for c in cuts if 0 < c <= _LABEL_MAX - 4]
    if cuts:
        window = window[min(cuts) :]
    return _balance(_strip_lead(window))


def _trim_head(s: str) -> str:
    if len(s) <= _LABEL_MAX:
        return s
    window = s[:_LABEL_MAX]
    for i in range(len(window) - 1, 3, -1):
        if window[i] in _BOUNDARY:
            return _balance(window[:i])
    return _balance(window)


def _clean_pre(s: str) -> str:
    s = _balance(_strip_trail(_strip_lead(s)))
    s = _balance(_strip_trail(_strip_lead(s)))
    return _trim_tail(s)


def _clean_post(s: str) -> str:
    s = _strip(s.lstrip("”’」』\""))
    for lead in _POST_LEAD:
        if s.startswith(lead):
            s = s[len(lead) :]
            break
    m = _POST_CUT_RE.search(s, 3)
    if m:
        s = s[: m.start()]
    s = _balance(_strip_trail(s))
    return _trim_head(s)
