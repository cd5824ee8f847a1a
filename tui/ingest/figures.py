"""Statistics written with Arabic digits → ``Figure`` records (pure Python, no Textual).

``extract_figures(text, section_id)`` scans the verbatim text of one section and returns
every figure in document order, ids ``"<section>/f<n>"`` from 1, with ``start``/``end``
offsets such that ``text[start:end] == raw``.  It never raises on any ``str`` and runs in
linear time: one ``finditer`` over digit runs, bounded look-ahead/look-behind at each
hit, and precomputed break positions searched with ``bisect``.  The words it knows (units,
scales, qualifiers, fillers, verbs, the patterns of names) are tables in ``figure_vocab``.

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
  figure of kind ``range``: ``raw`` is the whole span, ``value`` the low bound and
  ``value_high`` the high bound, both as written (``5-10亿元`` → 5 and 10, unit ``亿元``);
  ``scaled_value`` is the *low* bound scaled (5e8), the high one scales by the same factor.
  A range of years (``2018-2020年``, ``(2015-2020)``) or months (``3-5月``) is a ``date``,
  with ``value_high`` its last year or month.
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
only a verb (also a verb with 了: ``结束了66年的营业税征收历史`` → ``营业税征收历史``).

* The text after a unit that runs into the next figure loses that figure's lead-in: a
  trailing weak verb (``5个单位跑6次`` → ``单位``) or, in a long phrase, the last
  conjunction and what follows (``组织成员单位和督促所辖11个县`` → ``组织成员单位``);
  ``包括…在内`` asides are dropped; a date in the way is skipped
  (``5个项目纳入温州市2018年度重大行政决策事项目录`` → ``项目纳入…重大行政决策事项目录``).
* A label that is still a bare verb or a noun of at most two characters gets context: a
  duration followed by verb + count takes that count's noun (``2个月审理…14起知识产权
  仲裁案件`` → ``审理…知识产权仲裁案件``); otherwise the clause's subject — its text up to
  the first figure or 从/由, after its last verb — is put in front, joined directly when
  only fillers lie between (``市本级53个部门`` → ``市本级部门``; ``普法考试(共3229人参考)``
  → ``…普法考试参考``) and with ``…`` otherwise (``开办过程从原先的到5个单位`` →
  ``开办过程…单位``).  Not for a subject that is only a filler (全市) or the item of a
  noun enumeration (``短视频113个、图文175条`` → ``图文``).
* Labels are cut to about 16 characters at a word boundary (after 、的和…, or at a verb),
  up to 4 more rather than mid-word; never empty and never containing the figure itself.

``sentence`` is the sentence up to 。！？ or line end (stripped; windowed to about 300
characters in pathological input).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from tui.ingest.figure_vocab import (
    ASIDE_RE, NEXT_LEAD_IN_RE,
    BOOK_RE, BOUNDARY, CHANGE_RE, CLASSIFIERS, CLAUSE_BREAK_RE, COMPOUND_RE, DATE_ISO_RE,
    DATE_MONTH_RE, DATE_POST_LEAD, DATE_YEAR_RE, DOCNO_SKIP_RE, DOCNO_TAIL_RE, FOLD,
    FROM_BAD_BEFORE, FROM_RE, LEAD_FILLERS, LEAD_PROTECT, LIST_LEAD_OK, NAME_24H_RE, NUM_RE,
    POST_BREAK_RE, POST_CUT_RE, POST_LEAD, PREFIX_NOT_AFTER, PREFIX_QUALIFIERS, RANGE_SEPS,
    SCALES, SCALE_RE, SENTENCE_BREAK_RE, SHORT_PAREN_RE, STRIP, STRONG_TO_RE,
    SUFFIX_QUALIFIER_RE, TRAIL_PROTECT, TRAIL_VERBS, UNIT_KIND, UNIT_NOT_BEFORE, UNIT_RE,
    VERB_START_RE, VERSION_TAIL_RE, WEAK, WEAK_TO_RE, WIDE_BREAK_RE, YEAR_RANGE_RE,
)
from tui.model import Figure

__all__ = ["extract_figures"]

_SENTENCE_MAX = 300  # a sentence longer than this is windowed around the figure
_PRE_WINDOW = 60  # how far back a label may reach
_POST_WINDOW = 40  # how far forward a label may reach
_LABEL_MAX = 16  # labels are cut to about this many characters
_SLACK = 4  # … or up to this many more, rather than cut a word


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
    high: float | None = None  # upper bound of a range, as written (like ``value``)
    noun: str = ""  # the label when it is the text after the unit (53个部门 → 部门)
    to_next: bool = False  # the text after the unit runs into the next figure


# --------------------------------------------------------------------------------------
# public entry point
# --------------------------------------------------------------------------------------
def extract_figures(text: str, section_id: str) -> list[Figure]:
    """Every figure of ``text`` (one section, verbatim) in document order."""
    if not isinstance(text, str) or not text:
        return []
    folded = text.translate(FOLD)
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
                value_high=hit.high,
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
    except InvalidOperation:  # pragma: no cover - NUM_RE only yields valid numbers
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
        self.sent_breaks = [m.start() for m in SENTENCE_BREAK_RE.finditer(folded)]
        self.clause_breaks = [m.start() for m in CLAUSE_BREAK_RE.finditer(folded)]
        self.post_breaks = [m.start() for m in POST_BREAK_RE.finditer(folded)]
        self.wide_breaks = [m.start() for m in WIDE_BREAK_RE.finditer(folded)]
        books = [(m.start(), m.end()) for m in BOOK_RE.finditer(folded)]
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
        for m in NUM_RE.finditer(self.t):
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
            v = VERSION_TAIL_RE.match(t, e)
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
        m = UNIT_RE.match(self.t, e)
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
            if t[i] not in LIST_LEAD_OK:
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
            return DOCNO_TAIL_RE.match(t, e + 1) is not None
        return False

    def _skip_doc_number(self, e: int) -> int:
        m = DOCNO_SKIP_RE.match(self.t, e)
        return m.end() if m else e

    # ---- dates ----------------------------------------------------------------------
    def _parse_date(self, s: int, e: int) -> _Hit | None:
        t = self.t
        m = DATE_ISO_RE.match(t, s)
        if m and _year_ok(m.group(1)) and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31:
            return self._date(s, m.end(), float(m.group(1)), None)
        m = YEAR_RANGE_RE.match(t, s)
        if m and _year_ok(m.group(1)) and _year_ok(m.group(2)) and int(m.group(1)) <= int(m.group(2)):
            span = self._date(s, m.end(), float(m.group(1)), None)
            span.high = float(m.group(2))  # 2018-2020年: a span of years keeps its last year
            return span
        m = DATE_YEAR_RE.match(t, s)
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
        m = DATE_MONTH_RE.match(t, s)
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
        m = UNIT_RE.match(self.t, p)
        if not m:
            return None
        unit, end = m.group(), m.end()
        nxt = self.t[end] if end < self.n else ""
        if unit.isascii() and _is_letter(nxt):
            return None
        if nxt and nxt in UNIT_NOT_BEFORE.get(unit, ""):
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
            m = SCALE_RE.match(t, q)
            if m:
                tail.scale, tail.factor, q = m.group(), SCALES[m.group()], m.end()
                q = self._compound(tail, q)
                if tail.qualifier is None and q < n and t[q] in "多余":
                    tail.qualifier, q = t[q], q + 1
                    # 3万多亿元: the scales multiply (万亿), 多 sits between them
                    m2 = SCALE_RE.match(t, q) if not tail.extra and self._unit_at(q) is None else None
                    if m2 and tail.factor * SCALES[m2.group()] <= 10**12:
                        tail.scale += m2.group()
                        tail.factor *= SCALES[m2.group()]
                        q = m2.end()
        unit = self._unit_at(q)
        if unit is not None:
            tail.unit, q = unit, q + len(unit)
        elif not tail.scale:
            return _Tail(end=p)  # nothing measurable follows: not a figure
        sm = SUFFIX_QUALIFIER_RE.match(t, q)
        if sm:
            tail.suffix, q = sm.group(), sm.end()
        tail.end = q if q > start else p
        return tail

    def _compound(self, tail: _Tail, q: int) -> int:
        """1万6千 / 1亿3千多万: add the smaller digit-written part to the tail."""
        if tail.factor < 10**4:
            return q
        m = COMPOUND_RE.match(self.t, q)
        if not m:
            return q
        factor2 = SCALES.get(m.group(2), 100)
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
        if tail.suffix or tail.extra or p >= n or t[p] not in RANGE_SEPS:
            return None
        sep_end = p + 1
        if t[p] in "—" and sep_end < n and t[sep_end] == "—":
            sep_end += 1
        if t[p] in "至到" and (tail.unit is not None or self._from_near(s, 10) is not None):
            return None  # 从3%到5% is a from→to pair, not a range
        m2 = NUM_RE.match(t, sep_end)
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
        high = _dec(m2.group()) + tail2.extra / factor  # 5-1万6千: the high in the shared scale
        kind = "date" if tail2.unit == "月" else "range"
        return _Hit(
            start=s,
            end=tail2.end,
            value=float(value),
            scaled=float(value * factor) if scale else None,
            unit=(scale + (tail2.unit or "")) or None,
            qualifier=tail.qualifier or tail2.qualifier or tail2.suffix,
            kind=kind,
            high=float(high),
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
        kind = UNIT_KIND.get(unit, "count") if unit else "count"
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
        if raw == "24小时" and NAME_24H_RE.match(t, hit.end):
            return True
        return False

    def _prefix_qualifier(self, hit: _Hit, s: int, floor: int) -> None:
        if hit.qualifier is not None or hit.kind == "date":
            return
        t = self.t
        for q in PREFIX_QUALIFIERS:
            qs = s - len(q)
            if qs < floor or qs < 0 or t[qs:s] != q:
                continue
            if qs > 0 and t[qs - 1] in PREFIX_NOT_AFTER.get(q, ""):
                return
            hit.qualifier, hit.start = q, qs
            return

    # ---- pairs and changes ----------------------------------------------------------
    def _from_near(self, s: int, window: int, floor: int = 0) -> int | None:
        """Position of the last 从/由 (of a from→to) within ``window`` characters before
        ``s``, in the same sentence."""
        lo = max(floor, s - window, self._prev_break(self.sent_breaks, s))
        found = None
        for m in FROM_RE.finditer(self.t, lo, s):
            if m.start() > 0 and self.t[m.start() - 1] in FROM_BAD_BEFORE:
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
            if FROM_RE.search(gap):
                continue
            lo = max(floor, hits[i - 1].end if i else 0)
            near = self._from_near(a.start, 10, lo)
            strong = STRONG_TO_RE.search(gap)
            far = self._from_near(a.start, 40, floor) if strong else None
            if not ((near is not None and WEAK_TO_RE.search(gap)) or far is not None):
                continue
            a.role, b.role, a.pair, b.pair = "from", "to", i + 1, i
            floor = b.end
        for i, h in enumerate(hits):
            if h.role or h.kind == "date":
                continue
            lo = max(self._prev_break(self.clause_breaks, h.start), h.start - 12, hits[i - 1].end if i else 0)
            if CHANGE_RE.search(t, lo, h.start):
                h.role = "change"

    # ---- labels ---------------------------------------------------------------------
    def label_all(self, hits: list[_Hit]) -> None:
        """Label every hit; the two figures of a pair share the label before 从/由, a
        change takes the label of the figure it changes; a label that says too little
        gets the clause's subject (see the module docstring)."""
        self.starts = [h.start for h in hits]
        for i, h in enumerate(hits):
            h.label = self._label(hits, i)
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
        for i, h in enumerate(hits):
            if h.kind != "date" and h.role is None:
                h.label = self._in_context(hits, i)

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
        cut = NUM_RE.search(head.translate(FOLD))  # stop before any earlier number
        return _clean_pre(head[: cut.start()] if cut else head)

    def _segments(self, h: _Hit, prev_end: int, next_start: int) -> tuple[str, str, bool]:
        """The clause text before the figure, the text after it, and whether the text
        after runs into the next figure."""
        clause_lo = self._prev_break(self.clause_breaks, h.start)
        lo = max(clause_lo, prev_end, h.start - _PRE_WINDOW)
        pre = self.text[lo : h.start] if lo < h.start else ""
        if lo == prev_end > clause_lo and "、" in pre:  # 1.5天可领照、4天可营业
            pre = pre.rsplit("、", 1)[1]
        hi = min(self._next_break(self.post_breaks, h.end), next_start, h.end + _POST_WINDOW)
        post = self.text[h.end : hi] if hi > h.end else ""
        # 11个县(市、区): a short parenthesis right after the noun belongs to it.
        if post.strip() and hi < self.n and self.t[hi] in "(（" and hi < next_start:
            m = SHORT_PAREN_RE.match(self.t, hi)
            if m and m.end() <= next_start:
                post = self.text[h.end : m.end()]
        return pre, post, hi == next_start < self.n

    def _label(self, hits: list[_Hit], i: int) -> str:
        """Text before the number or the noun after the unit (see the module docstring)."""
        h = hits[i]
        prev = hits[i - 1] if i else None
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        prev_end = prev.end if prev else 0
        pre_raw, post_raw, h.to_next = self._segments(h, prev_end, nxt.start if nxt else self.n)
        if h.kind == "date":
            return self._date_label(h, pre_raw, post_raw)
        # 5个单位跑6次: 单位 is the noun of 5个; what is left before 6次 is only its verb.
        if prev and prev.noun and h.start - len(pre_raw) == prev.end and pre_raw.startswith(prev.noun):
            if _clean_pre(pre_raw[len(prev.noun) :]) in WEAK:
                pre_raw = pre_raw[len(prev.noun) :]
        pre = _clean_pre(pre_raw)
        post = self._post_label(hits, i, ASIDE_RE.sub("", post_raw))
        from_pos = self._from_near(h.start, 10, prev_end)
        if from_pos is not None and h.kind != "count":  # 办理时限从多部门最少40天 → 办理时限
            before = self._from_label_at(from_pos)
            if before:
                pre = before
        # 结束了66年的营业税征收历史: a verb with 了 before the number, its object after it
        weak = len(pre) < 2 or pre in WEAK or (pre_raw.rstrip().endswith("了") and bool(post))
        unit = h.unit or ""
        base_unit = unit.lstrip("万亿千百十") or unit
        use_post = bool(post) and (
            (h.kind in ("percent", "ratio") and weak)
            or (
                h.kind not in ("percent", "ratio")
                and (
                    post_raw.lstrip(" \u3000").startswith(("内", "以内", "之内"))
                    or base_unit in CLASSIFIERS
                    or not h.unit
                    or h.unit in SCALES
                    or weak
                )
            )
        )
        if use_post:
            h.noun = post
            return post
        return pre

    def _post_label(self, hits: list[_Hit], i: int, post_raw: str) -> str:
        """The noun after the unit.  When it runs into the next figure, that figure's
        lead-in is not part of it (组织成员单位和督促所辖11个县 → 组织成员单位); a date in
        the way is skipped (5个项目纳入温州市2018年度重大行政决策事项目录 →
        项目纳入…重大行政决策事项目录)."""
        h = hits[i]
        if not h.to_next or not post_raw.strip():
            return _clean_post(post_raw)
        date = hits[i + 1]
        verbs = list(POST_CUT_RE.finditer(post_raw, 1))
        if date.kind != "date" or not verbs:
            return _clean_post(_drop_lead_in(post_raw))
        hi = min(self._next_break(self.post_breaks, date.end), date.end + _POST_WINDOW)
        if i + 2 < len(hits):
            hi = min(hi, hits[i + 2].start)
        after = self.text[date.end : hi] if hi > date.end else ""
        for lead in DATE_POST_LEAD:
            if after.startswith(lead):
                after = after[len(lead) :]
                break
        head, tail = _clean_post(post_raw[: verbs[-1].end()]), _clean_post(after)
        if not head or not tail:
            return _clean_post(post_raw)
        return head + "…" + _trim_head(tail, _LABEL_MAX - len(head) - 1)

    def _in_context(self, hits: list[_Hit], i: int) -> str:
        """A label that says too little (a bare verb or noun) with what the clause is
        about: 2个月审理…14起知识产权仲裁案件 → 审理…知识产权仲裁案件; 开办过程从原先的
        到5个单位 → 开办过程…单位; 普法考试(共3229人参考) → …普法考试参考."""
        h, label = hits[i], hits[i].label
        if len(label) > 2 and label not in WEAK:
            return label
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        if h.kind == "duration" and h.to_next and h.noun == label and nxt and nxt.kind == "count" and nxt.noun:
            return label + "…" + nxt.noun
        clause_lo = self._prev_break(self.clause_breaks, h.start)
        lo, end = max(clause_lo, h.start - _PRE_WINDOW), h.start
        if clause_lo and self.t[clause_lo - 1] in "(（":  # the parenthesis annotates what precedes it
            end = clause_lo - 1
            lo = max(self._prev_break(self.wide_breaks, end), end - _PRE_WINDOW)
        j = bisect_left(self.starts, lo)
        if j < i and hits[j].start < end:  # the subject stops at the clause's first figure
            if _counts_things(hits[j]) and _counts_things(h) and not hits[j].noun:
                return label  # 推送短视频1113个、图文1775条: 图文 is an item, not a verb
            end = hits[j].start
        froms = [m.start() for m in FROM_RE.finditer(self.t, lo, end) if not m.start() or self.t[m.start() - 1] not in FROM_BAD_BEFORE]
        digits = NUM_RE.search(self.t, lo, end)
        stop = min(froms[:1] + [digits.start() if digits else end, end])
        verbs = list(VERB_START_RE.finditer(self.t, lo, stop))
        if verbs and len(_clean_pre(self.text[verbs[-1].end() : stop])) >= 2:
            lo = verbs[-1].end()  # 组织实施市直机关公务员年度普法考试 → 市直机关公务员年度普法考试
        subject = _strip_weak(_clean_pre(self.text[lo:stop]))
        if not subject or subject in LEAD_FILLERS or subject in label or label in subject:
            return label
        at = self.text.rfind(subject, lo, stop)
        gap = self.text[at + len(subject) : h.start] if at >= 0 else "…"
        alone = at >= 0 and bisect_left(self.starts, at + len(subject)) == i  # no figure between
        sep = "" if alone and "、" not in gap and not _clean_pre(gap) else "…"
        room = _LABEL_MAX - len(label) - len(sep)
        if room < 2:
            return label
        subject = _trim_tail(subject, room)
        if len(subject) < 2 or len(subject) + len(sep) + len(label) > _LABEL_MAX + _SLACK:
            return label
        return subject + sep + label

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
        for lead in DATE_POST_LEAD:
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
        if NUM_RE.search(head.translate(FOLD)):
            return ""
        return _clean_pre(head)


# --------------------------------------------------------------------------------------
# label cleaning (pure string functions)
# --------------------------------------------------------------------------------------
def _strip(s: str) -> str:
    """Strip punctuation and spaces at both ends; parentheses only when unmatched."""
    while True:
        out = s.strip(STRIP)
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


_LEAD_BY_LEN = _by_length(LEAD_FILLERS)
_TRAIL_BY_LEN = _by_length(TRAIL_VERBS)
_WEAK_BY_LEN = _by_length(tuple(WEAK))


def _strip_lead(s: str) -> str:
    """Drop leading fillers (其中, 全年, 共计, 全市, 已, 并 …), repeatedly."""
    s = _strip(s)
    while s and s.startswith(LEAD_FILLERS) and not s.startswith(LEAD_PROTECT):
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
    while s and s.endswith(TRAIL_VERBS) and s[-2:] not in TRAIL_PROTECT:
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




def _counts_things(h: _Hit) -> bool:
    """A count with a classifier (个 项 条 …): what it counts is a noun."""
    unit = h.unit or ""
    return h.kind == "count" and (unit.lstrip("万亿千百十") or unit) in CLASSIFIERS


def _trim_tail(s: str, limit: int = _LABEL_MAX) -> str:
    """Keep the end of a long label (the words nearest the number), starting at a word
    boundary (after 、的和…, or at a verb): within ``limit`` characters if one is there,
    else within ``_SLACK`` more; a phrase that short is kept whole rather than cut
    mid-word, and only a longer one without any boundary is cut to its last ``limit``."""
    if len(s) <= limit:
        return s
    window = s[-(limit + _SLACK) :]
    off = len(window) - limit  # cutting here leaves exactly ``limit`` characters
    cuts = [i + 1 for i, ch in enumerate(window) if ch in BOUNDARY]
    cuts += [m.start() for m in VERB_START_RE.finditer(window)]
    cuts = [c for c in cuts if 0 < c <= len(window) - 4]
    inside = [c for c in cuts if c >= off]
    if inside:
        cut = min(inside)
    elif cuts:
        cut = max(cuts)
    else:
        cut = 0 if len(s) <= limit + _SLACK else off
    return _balance(_strip_lead(window[cut:]))


def _trim_head(s: str, limit: int = _LABEL_MAX) -> str:
    """Keep the start of a long label, ending at a word boundary (before 、的和…, or
    before a verb); a phrase at most ``_SLACK`` characters too long is kept whole."""
    if len(s) <= limit:
        return s
    window = s[:limit]
    for i in range(len(window) - 1, 3, -1):
        if window[i] in BOUNDARY:
            return _balance(window[:i])
    if len(s) <= limit + _SLACK:
        return _balance(s)
    verbs = [m.start() for m in VERB_START_RE.finditer(s, 4, limit + 2)]
    return _balance(s[: verbs[-1]] if verbs else window)


def _drop_lead_in(post: str) -> str:
    """The text after a unit, without the lead-in of the figure it runs into: a last
    conjunction and what follows it, or a trailing verb (单位跑 → 单位)."""
    lead_ins = [m.start() for m in NEXT_LEAD_IN_RE.finditer(post, 4)]
    if lead_ins and len(post.strip()) > 8:  # a short 国家和地区 is one noun
        post = post[: lead_ins[-1]]
    return _strip_weak(post.rstrip())


def _strip_weak(s: str) -> str:
    """Drop one trailing weak verb (单位跑 → 单位, 里程新增 → 里程) if 2 characters remain."""
    for n, words in _WEAK_BY_LEN:
        if len(s) - n >= 2 and s[-n:] in words:
            return s[:-n]
    return s


def _clean_pre(s: str) -> str:
    s = _balance(_strip_trail(_strip_lead(s)))
    s = _balance(_strip_trail(_strip_lead(s)))
    return _trim_tail(s)


def _clean_post(s: str) -> str:
    s = _strip(s.lstrip("”’」』\""))
    for lead in POST_LEAD:
        if s.startswith(lead):
            s = s[len(lead) :]
            break
    m = POST_CUT_RE.search(s, 3)
    if m:
        s = s[: m.start()]
    s = _balance(_strip_trail(s))
    return _trim_head(s)
