"""Where a report is from: 温州市人民政府 → 温州, 四川省 → 四川, 国务院 → 全国.

One general rule, not a list of places: take the issuer (or the title, or a heading
line that starts with an issuing body), cut it at the first word of an organ
(人民政府, 政府, 统计局, 办公厅, 委员会, …), split what comes before into administrative
units (…省 …市 …区, …自治州 …) and keep the most local one without its suffix
(浙江省温州市鹿城区 → 鹿城).  An autonomous unit also loses the names of its peoples
(黔东南苗族侗族自治州 → 黔东南, 广西壮族自治区 → 广西); a one-character name keeps its
suffix (和县 stays 和县).  National bodies (国务院, 国家…局, 中华人民共和国…部, a report
to 全国人民代表大会, a speech of the 国务院总理, a body of 全国… such as 第三次全国工业普查办公室)
give 全国.  Where no issuer, title or heading names a place, a text that speaks of its whole
as 全国 (全国民政部门…) and hardly ever as 全省 / 全市 / 本县 … is national too.
"""

from __future__ import annotations

import re
from collections.abc import Callable

NATIONAL = "全国"

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
#: Words that start the name of an organ: the place is what comes before the first one.
ORGAN_RE = re.compile(
    r"人民政府|政府|人民代表大会|人大|国务院|委员会|办公厅|办公室|统计局|关于|[局厅委部院署办]"
)
#: Administrative suffixes, longest first (自治州 before 州).
UNIT_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "新区",
                 "省", "市", "州", "盟", "县", "区", "旗")
_UNIT_RE = re.compile(rf"([{_HAN}]+?)({'|'.join(UNIT_SUFFIXES)})")
_SUFFIX_AT_RE = re.compile("|".join(UNIT_SUFFIXES))
#: The peoples named in autonomous units (a general list, not from any one report).
_PEOPLES = ("蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 "
            "高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 "
            "普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 "
            "珞巴 基诺 各").split()
_PEOPLE_TAIL_RE = re.compile(rf"(?:{'|'.join(sorted(_PEOPLES, key=len, reverse=True))})族?$")
#: One-character names that are words, not places (全市, 本县, 各区 …).
_NOT_NAMES = set("全本我该各市县区省州")
_NATIONAL_START_RE = re.compile(r"^(?:国务院|中央人民政府|中华人民共和国|国家[" + _HAN + r"]{0,12}?[局部委署院])")
_NATIONAL_IN_LINE_RE = re.compile(r"国务院总理|国务院副总理|在第[" + _HAN + r"]{1,4}届全国人民代表大会")
_LEADING_JUNK_RE = re.compile(r"^[#\s　\d年度（）()]+")
_NATIONAL_BODY_RE = re.compile(r"^(?:第[一二三四五六七八九十]+次)?全国")
_NATIONAL_WORD_RE = re.compile(r"全国")
_LOCAL_WHOLE_RE = re.compile(r"全[省市县区州旗盟]|本[省市县区州]")
#: A text is national by its words when it says 全国 this often, and this many times more
#: often than 全省 / 全市 / 本县 … (a city's report cites 全国 too: 居全国前列).
NATIONAL_WORDS, NATIONAL_RATIO = 3, 8


def _units(prefix: str) -> list[tuple[str, str]]:
    """'浙江省温州市' → [('浙江', '省'), ('温州', '市')]: only units that follow each other."""
    units = []
    pos = 0
    while pos < len(prefix):
        m = _UNIT_RE.match(prefix, pos)
        if not m:
            break
        name, suffix, pos = m.group(1), m.group(2), m.end()
        while (more := _SUFFIX_AT_RE.match(prefix, pos)):  # 温州市: 州 is part of the name
            name, suffix, pos = name + suffix, more.group(), more.end()
        units.append((name, suffix))
    return units


def _name(name: str, suffix: str) -> str | None:
    if suffix.startswith("自治") or suffix == "州":
        while True:  # 黔东南苗族侗族 → 黔东南
            m = _PEOPLE_TAIL_RE.search(name)
            if not m or m.start() < 2:
                break
            name = name[: m.start()]
    if len(name) == 1:
        return None if name in _NOT_NAMES else name + suffix
    if name.startswith("全国"):  # 温州市全国文明城市创建…: a title, not a unit
        return None
    return name or None


def place_of_body(text: str) -> str | None:
    """The place of an issuing body written at the start of ``text``, or None."""
    text = _LEADING_JUNK_RE.sub("", text.strip())
    if not text:
        return None
    if _NATIONAL_START_RE.match(text):
        return NATIONAL
    organ = ORGAN_RE.search(text)
    prefix = text[: organ.start()] if organ else text
    units = _units(prefix)
    while units:  # the most local unit that makes a name
        name = _name(*units.pop())
        if name:
            return name
    return NATIONAL if _NATIONAL_BODY_RE.match(prefix) else None  # 第三次全国工业普查办公室


def national_by_its_words(text: str) -> bool:
    """Does ``text`` speak of its whole as 全国 (全国民政部门登记的机构…), not as 全省 / 全市?"""
    national = len(_NATIONAL_WORD_RE.findall(text))
    return national >= NATIONAL_WORDS and len(_LOCAL_WHOLE_RE.findall(text)) * NATIONAL_RATIO <= national


def derive_place(issuer: str | None, title: str, lines: list[str], text: Callable[[], str] = str) -> str | None:
    """Place of a report from its issuer, else its title, else its first heading lines, else
    全国 when its ``text()`` speaks as a national one."""
    for body in (issuer or "", title):
        if place := place_of_body(body):
            return place
    for line in lines:
        if _NATIONAL_IN_LINE_RE.search(line):
            return NATIONAL
        if len(line) <= 40 and (place := place_of_body(line)):
            return place
    return NATIONAL if national_by_its_words(text()) else None
