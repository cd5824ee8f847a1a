"""Chinese numerals → numbers, and the quantities a text writes with them (pure Python).

``cn_value("一千二百")`` → 1200, ``cn_value("一亿三千万")`` → 130000000, ``cn_value("十五")``
→ 15; None for what is not one well-formed numeral (``一二``, ``万一``).

``find_quantities(folded)`` yields the Chinese-numeral quantities of a section's folded
text (``figure_vocab.FOLD``), for ``figures`` to make figures of.  A numeral is a
quantity only where it states one — the rules are by pattern, for every report:

* it starts with a digit character (一…九, 两, 十), not with 百/千/万/亿 (千项合作, 万亿元规模
  are names of a size, not counts), and does not follow 第 / 周 / 初, a digit or a scale;
* it is not inside a short quotation (“两个一百年” is a slogan);
* then an optional 多/余 and a measure word (``UNIT_RE``) or a scale alone, and
  - a percentage point: ``两个百分点``;
  - or a size of at least a hundred written with 百/千/万/亿: ``三千万元``, ``一千二百人``,
    ``五十万人``, ``六千多万`` (small counts — 三年, 两次, 一件事, 八项规定, 两个健康 — are
    names or phrases far more often than statistics, and stay text);
  - or a multiple after a verb of change: ``增加两倍``, ``提高一倍``;
  - or tenths of a whole after 超/近/约/占/达/逾: ``占比超八成`` (kind percent, value 8,
    scaled 80).

The value follows the digit figures' convention: as written in the largest scale
(``三千万元`` → 3000, unit ``万元``, scaled 3e7; ``一亿三千万`` → 1.3, unit ``亿``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from tui.ingest.figure_vocab import UNIT_NOT_BEFORE, UNIT_RE

__all__ = ["Quantity", "cn_value", "find_quantities"]

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_LARGE = {"万": 10**4, "亿": 10**8}

_RUN_RE = re.compile("[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*")
_NOT_AFTER = set("第周初0123456789百千万亿十零〇.")  # 第三, 周五, 初一, 2万五千
_CHANGE_BEFORE_RE = re.compile("(?:增加|增长|提高|提升|扩大|翻了?|达到|超过)$")
_TENTHS_BEFORE = set("超近约逾达占")
_PERCENT_POINTS = ("个百分点", "百分点")


@dataclass(slots=True, frozen=True)
class Quantity:
    """A Chinese-numeral quantity at ``[start, end)`` of the text (qualifier included)."""

    start: int
    end: int
    value: float  # as written, in the largest scale
    scale: str  # 万 / 亿 / 万亿 / ''
    factor: int
    unit: str | None  # the measure word (成 for tenths), no scale
    qualifier: str | None  # 多 / 余
    percent: bool  # 个百分点 / 成


def cn_value(numeral: str) -> int | None:
    """The integer a Chinese numeral writes, or None when it is not one."""
    total = section = 0
    num: int | None = None
    seen = False
    for i, ch in enumerate(numeral):
        if ch in _DIGITS:
            if num is not None and _DIGITS[ch] != 0:
                return None  # 一二: two digits in a row are not a numeral
            num = None if _DIGITS[ch] == 0 else _DIGITS[ch]
            seen = seen or _DIGITS[ch] != 0
        elif ch in _SMALL:
            if num is None:
                if ch != "十" or (section and i and numeral[i - 1] not in "零〇"):
                    return None  # 百 / 千 with no digit before it
                num = 1  # 十五 = 15
            section += num * _SMALL[ch]
            num, seen = None, True
        elif ch in _LARGE:
            part = section + (num or 0)
            if ch == "亿":
                if not part and not total:
                    return None
                total = (total + part) * _LARGE[ch]
            else:
                if not part:
                    if not total:
                        return None
                    total *= _LARGE[ch]  # 万亿 written as 万 then 亿 is handled by 亿
                else:
                    total += part * _LARGE[ch]
            section, num = 0, None
        else:
            return None
    if not seen:
        return None
    return total + section + (num or 0)


def _unit_at(t: str, p: int) -> str | None:
    m = UNIT_RE.match(t, p)
    if not m:
        return None
    unit, end = m.group(), m.end()
    if end < len(t) and t[end] in UNIT_NOT_BEFORE.get(unit, ""):
        return None
    return unit


def _scale(run: str) -> tuple[str, int]:
    if run.endswith("万亿"):
        return "万亿", 10**12
    if "亿" in run:
        return "亿", 10**8
    if "万" in run:
        return "万", 10**4
    return "", 1


def _in_short_quote(t: str, s: int, e: int, reach: int = 6) -> bool:
    lo = max(0, s - reach)
    opened = max(t.rfind("“", lo, s), t.rfind('"', lo, s))
    return opened >= 0 and t.rfind("”", lo, s) < opened and ("”" in t[e : e + reach] or '"' in t[e : e + reach])


def find_quantities(t: str) -> Iterator[Quantity]:
    """The Chinese-numeral quantities of the folded text ``t``, in order (see the module
    docstring for what counts)."""
    n = len(t)
    for m in _RUN_RE.finditer(t):
        s, e = m.start(), m.end()
        if s and t[s - 1] in _NOT_AFTER:
            continue
        run = m.group()
        value = cn_value(run)
        if value is None:
            continue
        q, qualifier = e, None
        extra_scale = ""
        if q < n and t[q] in "多余":
            qualifier, q = t[q], q + 1
            if q < n and t[q] in _LARGE and not any(ch in run for ch in _LARGE):  # 六千多万
                extra_scale = "万亿" if t.startswith("万亿", q) else t[q]
                q += len(extra_scale)
        unit: str | None = None
        percent = False
        for pp in _PERCENT_POINTS:
            if t.startswith(pp, q):
                unit, percent = pp, True
                break
        if unit is None:
            if q < n and t[q] == "成" and qualifier is None and value < 10 and s and t[s - 1] in _TENTHS_BEFORE:
                unit, percent = "成", True
            else:
                unit = _unit_at(t, q)
        if extra_scale:
            value *= 10**12 if extra_scale == "万亿" else _LARGE[extra_scale]
            run += extra_scale
        sized = value >= 100 and any(ch in run for ch in "百千万亿")
        if unit is None:
            if not (sized and value >= 10**4):  # a scale alone: 减少六千多万
                continue
        elif not (percent or sized or (unit == "倍" and _CHANGE_BEFORE_RE.search(t, max(0, s - 3), s))):
            continue
        end = q + len(unit or "")
        if _in_short_quote(t, s, end):  # “两个一百年”: a slogan, not a statistic
            continue
        scale, factor = _scale(run)
        yield Quantity(
            start=s,
            end=end,
            value=value / factor,
            scale=scale,
            factor=factor,
            unit=unit,
            qualifier=qualifier,
            percent=percent,
        )
