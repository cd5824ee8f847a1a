"""Statistics written with Arabic digits → ``Figure`` records (pure Python, no Textual).

``extract_figures(text, section_id)`` scans the verbatim text of one section and returns
every figure in document order, ids ``"<section>/f<n>"`` from 1, with ``start``/``end``
offsets such that ``text[start:end] == raw``.  It never raises on any ``str`` and runs in
linear time: one ``finditer`` over digit runs, bounded look-ahead/look-behind at each
hit, and precomputed break positions searched with ``bisect``.  The words it knows (units,
scales, qualifiers, fillers, verbs, the patterns of names) are tables in ``figure_vocab``;
how a figure's label is found (see Labels below) is ``figure_labels``.

What a figure is
----------------
A run of Arabic digits (ASCII or full-width ``０-９``/``．``; thousands separators
``1,234`` / ``1，234``; digits spaced out by a justified line, ``7 4 7 7 2 亿元`` /
``８ ．８ ％`` — raw is the whole printed span, see ``printed_numbers``) followed by a unit (``项 件 个 人次 个工作日 万元 平方米 % …``,
one or two spaces allowed before it: ``749 件``), a scale (``万 亿 万亿 千 …``) or both.
Bare numbers without a unit (table cells, hotline numbers, codes) are not statistics and
are dropped.  A quantity written in Chinese numerals is a figure only where it states one
(``三千万元``, ``一千二百人``, ``两个百分点``, ``增加两倍``, ``超八成``; rules in ``cn_numbers``):
small counts and names (三年, 两次, 十四五, 两个健康, “两个一百年”) are not.

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
* The subject may sit elsewhere in the sentence: ``A、B分别增长x%、y%`` gives each figure
  its item (``工业、制造业投资`` → 工业投资 / 制造业投资; ``城乡居民…`` → 城镇居民… /
  农村居民…); a label that only says a change (增长, 年均增长, 高于全国, 占全省比重) takes
  the subject of the figure before it across one comma or 、 (``地区生产总值67665亿元，
  增长5.5%`` → 地区生产总值增长); ``X%的公园…`` and ``安排1000亿元专项奖补资金`` are named by
  the noun after the unit; ``列入/纳入`` keep their object (``行政执法人员列入检查人员名录库``);
  footnote markers (``[2]``, ``²``, ``②``) are dropped.  Figures of one sentence with the
  same label are told apart by the quoted term their clause opens on (``第一次救济…`` /
  ``第二次救济…``).
* Labels are cut to about 16 characters at a word boundary (after 、的和…, or at a verb),
  up to 4 more rather than mid-word; never empty and never containing the figure itself.

``sentence`` is the sentence up to 。！？ or line end (stripped; windowed to about 300
characters in pathological input).
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from tui.ingest.cn_numbers import find_quantities
from tui.ingest.figure_labels import label_all
from tui.ingest.figure_vocab import (
    BOOK_RE, CHANGE_RE, CLAUSE_BREAK_RE, COMPOUND_RE, DATE_ISO_RE, DATE_MONTH_RE,
    DATE_YEAR_RE, DOCNO_SKIP_RE, DOCNO_TAIL_RE, FOLD, FROM_BAD_BEFORE, FROM_RE,
    LIST_LEAD_OK, NAME_24H_RE, NUM_RE, POST_BREAK_RE, PREFIX_NOT_AFTER, PREFIX_QUALIFIERS,
    RANGE_SEPS, SCALES, SCALE_RE, SENTENCE_BREAK_RE, STRONG_TO_RE, SUFFIX_QUALIFIER_RE,
    UNIT_KIND, UNIT_NOT_BEFORE, UNIT_RE, VERSION_TAIL_RE, WEAK_TO_RE, WIDE_BREAK_RE,
    YEAR_RANGE_RE,
)
from tui.ingest.printed_numbers import compact_spaced_digits, drop_note_markers
from tui.model import Figure

__all__ = ["OverBudget", "extract_figures", "json_floor"]

_SENTENCE_MAX = 300  # a sentence longer than this is windowed around the figure
_ALL_FIELDS = set(Figure.model_fields)


@dataclass(slots=True)
class _Tail:
    """What follows a number: infix qualifier, scale, compound part, unit, suffix."""

    end: int
    qualifier: str | None = None
    scale: str = ""
    factor: int = 1
    extra: Decimal = Decimal(0)  # compound part, already multiplied out
    unit: str | None = None  # measure word only (no scale)
    suffix: str | None = None


@dataclass(slots=True)
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
class OverBudget(Exception):
    """A section holds more figures than its share of the report JSON can hold."""

    def __init__(self, figures: int) -> None:
        super().__init__(f"over {figures - 1} figures")
        self.figures = figures


def extract_figures(text: str, section_id: str, budget: int | None = None) -> list[Figure]:
    """Every figure of ``text`` (one section, verbatim) in document order.

    ``budget``: the bytes of report JSON left for this section; ``OverBudget`` is raised
    as soon as the figures found could not fit (each takes at least ``_FIGURE_JSON_FIXED``
    bytes, the text at least a byte a character), before they are labelled and built: a
    pathological section (1项2项3项…) costs memory in proportion to the budget only."""
    if not isinstance(text, str) or not text:
        return []
    max_hits = None if budget is None else max(0, (budget - len(text)) // _FIGURE_JSON_FIXED)
    folded, run_starts = compact_spaced_digits(text.translate(FOLD))
    ctx = _Context(text, folded)
    hits = ctx.scan(max_hits)
    if run_starts:  # a number printed with spaces between its digits: raw is the whole run
        for hit in hits:
            hit.start = run_starts.get(hit.start, hit.start)
    hits = ctx.add_chinese_numerals(hits, max_hits)
    ctx.link_pairs(hits)
    label_all(ctx, hits)
    for hit in hits:
        if "[" in hit.label:
            hit.label = drop_note_markers(hit.label)
    figures: list[Figure] = []
    for n, hit in enumerate(hits, start=1):
        figure = Figure(
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
        # Every figure sets every field: all share one set of the field names instead of
        # a 728-byte set each (over half of a figure's memory; the set only ever gets
        # names it already holds).
        object.__setattr__(figure, "__pydantic_fields_set__", _ALL_FIELDS)
        figures.append(figure)
    return figures


def _figure_json_fixed() -> int:
    """Bytes of one figure in the report JSON (``indent=1``, six levels deep) apart from the
    strings counted by ``json_floor``: keys, punctuation, indentation, numbers.  Taken
    from a figure with empty strings and every optional field null, less 8 bytes (a
    number may print one byte shorter than ``null``, a one-character string too)."""
    empty = Figure.model_construct(id="", section="", raw="", value=0.0, kind="", label="", sentence="", start=0, end=0)
    dumped = json.dumps(empty.model_dump(mode="json"), ensure_ascii=False, indent=1)
    lines = dumped.count("\n") + 1
    return len(dumped) + 6 * lines + len(",\n") - len("0.0") - 8


def json_floor(text: str, figures: list[Figure]) -> int:
    """A lower bound on the bytes that a section's text and figures take in the report JSON.

    Ingest adds these up as it goes and stops a text whose report could not load
    (``tui.ingest.pipeline``), before the figures of the rest are built: the memory a
    pathological text costs stays bounded by the JSON limit.  A figure repeats its
    sentence, so one sentence of ten figures counts ten times, as in the JSON.
    """
    total = len(text.encode("utf-8", "surrogatepass"))
    sizes: dict[int, int] = {}  # id(sentence) → UTF-8 bytes: the figures of a sentence share it
    for f in figures:
        sentence = sizes.get(id(f.sentence))
        if sentence is None:
            sentence = sizes[id(f.sentence)] = len(f.sentence.encode("utf-8", "surrogatepass"))
        total += _FIGURE_JSON_FIXED + sentence + len(f.id) + len(f.section) + len(f.kind) + \
            len(f.raw.encode("utf-8", "surrogatepass")) + len(f.label.encode("utf-8", "surrogatepass"))
    return total


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
        self._sentences: dict[tuple[int, int], str] = {}  # (lo, hi) → one shared string
        books = [(m.start(), m.end()) for m in BOOK_RE.finditer(folded)]
        self.book_starts = [b[0] for b in books]
        self.book_ends = [b[1] for b in books]

    # ---- positions ------------------------------------------------------------------
    def _in_book(self, pos: int) -> bool:
        i = bisect_right(self.book_starts, pos) - 1
        return i >= 0 and pos < self.book_ends[i]

    @staticmethod
    def prev_break(breaks: list[int], pos: int) -> int:
        """Index just after the last break before ``pos`` (0 when none)."""
        i = bisect_left(breaks, pos) - 1
        return breaks[i] + 1 if i >= 0 else 0

    def next_break(self, breaks: list[int], pos: int) -> int:
        i = bisect_left(breaks, pos)
        return breaks[i] if i < len(breaks) else self.n

    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        lo = self.prev_break(self.sent_breaks, start)
        hi = self.next_break(self.sent_breaks, end)
        return lo, hi

    def sentence(self, start: int, end: int) -> str:
        """The sentence holding ``text[start:end]``; the figures of one sentence share one
        string (a sentence of a statistical bulletin holds four figures on average)."""
        lo, hi = self.sentence_bounds(start, end)
        if hi < self.n and self.t[hi] != "\n":
            hi += 1  # keep the 。！？
        if hi - lo > _SENTENCE_MAX:  # pathological input: a window around the figure
            half = _SENTENCE_MAX // 2
            lo = max(lo, start - half)
            hi = min(hi, max(end + half, lo + _SENTENCE_MAX))
        found = self._sentences.get((lo, hi))
        if found is None:
            found = self._sentences[(lo, hi)] = self.text[lo:hi].strip()
        return found

    # ---- scanning -------------------------------------------------------------------
    def scan(self, max_hits: int | None = None) -> list[_Hit]:
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
                if max_hits is not None and len(hits) > max_hits:
                    raise OverBudget(len(hits))
        return hits

    def add_chinese_numerals(self, hits: list[_Hit], max_hits: int | None = None) -> list[_Hit]:
        """``hits`` with the quantities written in Chinese numerals (三千万元, 两个百分点,
        增加两倍: rules in ``cn_numbers``) merged in, in document order."""
        found = []
        for q in find_quantities(self.t):
            unit = (q.scale + (q.unit or "")) or None
            kind = "percent" if q.percent else (UNIT_KIND.get(q.unit, "count") if q.unit else "count")
            if kind in ("name", "date") or self._in_book(q.start):
                continue
            scaled = q.value * 10 if q.unit == "成" else (float(q.value * q.factor) if q.scale else None)
            hit = _Hit(q.start, q.end, q.value, scaled, unit, q.qualifier, kind)
            if self._is_name(hit, q.start):
                continue
            self._prefix_qualifier(hit, q.start, hits[-1].end if hits else 0)
            found.append(hit)
        if not found:
            return hits
        merged = sorted(hits + found, key=lambda h: h.start)
        kept = [h for i, h in enumerate(merged) if not i or h.start >= merged[i - 1].end]
        if max_hits is not None and len(kept) > max_hits:
            raise OverBudget(len(kept))
        return kept

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
        if t[p] in "至到" and (tail.unit is not None or self.from_near(s, 10) is not None):
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
    def from_near(self, s: int, window: int, floor: int = 0) -> int | None:
        """Position of the last 从/由 (of a from→to) within ``window`` characters before
        ``s``, in the same sentence."""
        lo = max(floor, s - window, self.prev_break(self.sent_breaks, s))
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
            near = self.from_near(a.start, 10, lo)
            strong = STRONG_TO_RE.search(gap)
            far = self.from_near(a.start, 40, floor) if strong else None
            if not ((near is not None and WEAK_TO_RE.search(gap)) or far is not None):
                continue
            a.role, b.role, a.pair, b.pair = "from", "to", i + 1, i
            floor = b.end
        for i, h in enumerate(hits):
            if h.role or h.kind == "date":
                continue
            lo = max(self.prev_break(self.clause_breaks, h.start), h.start - 12, hits[i - 1].end if i else 0)
            if CHANGE_RE.search(t, lo, h.start):
                h.role = "change"


_FIGURE_JSON_FIXED = _figure_json_fixed()
