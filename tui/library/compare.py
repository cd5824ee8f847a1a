"""One figure across reports: the same indicator in every other open report (pure: no Textual).

:func:`compare` takes a figure of one report and the reports open beside it and gives, per
other report, at most one figure that is *the same indicator*, plus the reports that have
none.  The rules, in the order they are tried (the first that finds something in a report
wins there):

1. **Template cell** — a numeric cell of a standard table of the 政府信息公开工作年度报告
   (:mod:`tui.ingest.disclosure_tables`: ``table.standard`` with row and column keys) matches
   the cell with the same template, row key and column key, whatever its printed label
   (``requests`` · ``一、本年新收政府信息公开申请数量/总计``).  A template cell matches only
   template cells: its printed label (数据1 …) means nothing by itself.
2. **Same label** — the labels are equal once folded (:func:`tui.search.text.fold`: full
   width, case), with spaces and punctuation removed, a leading frame word (实现, 完成, 全年,
   全省, 全市 …) and a trailing verb before the value (达到, 突破, 超过, 稳定在, 保持, 增长, 下降 …)
   dropped.
3. **Synonym** — the labels become equal when one written form of the search thesaurus
   (:func:`tui.search.lexicon.synonyms`, data in ``tui/search/data/synonyms.tsv``) is put for
   another in either or both: 国内生产总值增长 ↔ 地区生产总值增长 (both GDP增长).
4. **Ends with** — one label (or a synonym form of it) ends with the other, which has four
   characters or more, and what the longer adds in front names no other indicator: none of
   年均 人均 单位 占 比重 比例 率 增长 增速 下降 新增 累计 … (全州实现城镇新增就业 ends with
   城镇新增就业: kept; 人均地区生产总值 with 地区生产总值: not; 粮食生产能力 does not end with
   粮食生产: a Chinese noun phrase ends in its head).

Whatever the rule, both figures must measure the same way: the same ``kind`` (percent,
count, money …), the same unit without its scale (万人 and 人 agree, 亿元 and 亿美元 do not;
a template cell is exempt: the template fixes the unit), and the same *measure*: a level, a
growth (a percent right after 增长/提高 …, the rule of :func:`tui.search.lexicon.concept_fit`
for 增速), a decline (降幅), or a change (``role == "change"``, 比上年提高…).  The fuzzy search engine is
not used: its near and partial bands (one character off, most of the term) would call 人均GDP
the same as GDP, and its exact band counts a match in the sentence.

Several figures of one report may pass (a 政府工作报告 gives 城镇新增就业 for last year, for five
years and as this year's target).  The best is the one that ranks first by: the rule (1 before
4); then how many of these agree with the figure compared — the qualifier (左右, 以上 …, or
none), the role (the earlier value of a from → to pair, a range bound, or a level: a plain
figure or the later value of a pair), averaged or not (年均), a target or not
(预期目标, 目标是, 力争 or 今年 before it in its sentence); then reading order.

Rows come sorted by year (the period covered, :mod:`tui.library.catalog`; unknown last),
then place; the figure compared is one of them (``how == "this"``).  :func:`comparison_csv`
and :func:`comparison_markdown` render them with a citation per row, through
:func:`tui.safe_text.clean`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from tui.model import Figure, Report, Section
from tui.safe_text import clean
from tui.search.filters import Facts, facts_of
from tui.search.lexicon import synonyms
from tui.search.text import fold

#: Rules in rank order (``this``: the figure compared itself).
RULES = ("this", "template", "label", "synonym", "contains")
#: Words a label may start with that do not change what it counts (a frame of the sentence).
FRAME_HEADS = ("全年", "全省", "全市", "全区", "全县", "全州", "全国", "实现", "完成", "累计完成")
#: Verbs a label may end with before its value (达到1.2万亿斤): not part of the indicator.  A
#: trailing 增长 / 下降 goes too: whether an amount is a growth, a decline or a level is compared
#: on its own (:func:`measure_of`), so 国内生产总值增长 6.9% and 全州生产总值(比上年增长)4.0% meet.
VALUE_VERBS = ("稳定在", "保持在", "达到", "突破", "超过", "稳定", "保持", "持续", "达", "为", "超", "约", "近",
               "比上年增长", "比上年下降", "增长", "下降")
#: Words that, added to a label, make it another indicator (rule 4 refuses them).
MODIFIERS = ("年均", "人均", "单位", "占", "比重", "比例", "率", "增长", "增速", "增幅", "涨幅", "上涨", "下降",
             "降幅", "提高", "减少", "降低", "新增", "累计", "目标", "能耗", "以上", "以下")
MIN_CONTAINED = 4
_PUNCT_RE = re.compile(r"[\s·・、，,。：:；;“”\"'‘’（）()《》〈〉【】\[\]|/\\-]")
_SCALE_RE = re.compile(r"^[万亿千百十]+")
_TARGET_WORDS = ("预期目标", "目标是", "力争", "今年")
_SENTENCE_ENDS = ("。", "！", "？", "\n")
#: Verbs of rising / falling before a percent (as in tui.search.lexicon's growth and decline).
GROWTH_VERBS = ("增长", "增加", "提高", "上涨", "上升", "提升", "增")
DECLINE_VERBS = ("下降", "降低", "减少", "缩减", "压减", "削减", "压缩", "降", "减")


@lru_cache(maxsize=65536)
def norm_label(label: str) -> str:
    """The label as compared: folded, no spaces or punctuation, frame words dropped."""
    s = _PUNCT_RE.sub("", fold(label))
    changed = True
    while changed and s:
        changed = False
        for head in FRAME_HEADS:
            if s.startswith(head) and len(s) - len(head) >= 2:
                s, changed = s[len(head):], True
        for verb in VALUE_VERBS:
            if s.endswith(verb) and len(s) - len(verb) >= 2:
                s, changed = s[: len(s) - len(verb)], True
    return s


@lru_cache(maxsize=8192)
def label_forms(label: str) -> frozenset[str]:
    """A normalised label and each form with one thesaurus word put for another."""
    table = synonyms()
    forms = {label}
    for key, others in table.items():
        key = _PUNCT_RE.sub("", key)
        at = label.find(key) if key else -1
        if at < 0:
            continue
        for other in others:
            forms.add(label[:at] + _PUNCT_RE.sub("", other) + label[at + len(key):])
    return frozenset(f for f in forms if f)


def bare_unit(figure: Figure) -> str:
    """The unit without its scale: 万人 → 人, 亿元 → 元, ％ → %."""
    return _SCALE_RE.sub("", fold(figure.unit or ""))


def _before(report: Report, figure: Figure, size: int) -> str:
    """Up to ``size`` characters before the figure in its section text, from the start of
    its sentence (the last 。！？ or line break) on."""
    section = report.section(figure.section)
    if section is None or section.text[figure.start:figure.end] != figure.raw:
        at = figure.sentence.find(figure.raw)
        return figure.sentence[max(0, at - size):at] if at >= 0 else ""
    text, start = section.text, figure.start
    floor = max(text.rfind(mark, 0, start) for mark in _SENTENCE_ENDS) + 1
    return text[max(floor, start - size):start]


def measure_of(report: Report, figure: Figure) -> str:
    """``level``, ``growth``, ``decline`` or ``change`` (比上年提高…): what kind of amount it is.

    A percent is a growth (a decline) when a verb of rising (falling) stands just before it
    — the rule of :func:`tui.search.lexicon.concept_fit` for 增速 / 降幅, read here at the
    figure's own place in the section text (a sentence may hold the same value twice).
    A percent change on the year before (比上年增长4.0%, marked a change by ingest) is a growth
    or a decline like any other (增长6.9%); a change in percentage points (提高2.1个百分点) or
    in a unit stays a change.
    """
    points = bare_unit(figure) == "个百分点"
    if figure.role == "change" and (points or figure.kind != "percent"):
        return "change"
    if figure.kind == "percent" or points:
        before = _before(report, figure, 8)
        if any(v in before for v in GROWTH_VERBS):
            return "growth"
        if any(v in before for v in DECLINE_VERBS):
            return "decline"
    return "change" if figure.role == "change" else "level"


def context_of(report: Report, figure: Figure) -> tuple[object, ...]:
    """What a best match should share with the figure compared: qualifier, role (the later
    value of a from → to pair counts as a level, as the search ranks it), 年均, target."""
    before = _before(report, figure, 80)
    averaged = "年均" in figure.label or "年均" in before[-8:]
    target = any(w in before for w in _TARGET_WORDS)
    role = "" if figure.role in (None, "to") else figure.role
    return (figure.qualifier or "", role, averaged, target)


@dataclass(frozen=True)
class Cell:
    """Where a table cell sits: the template key (standard tables only) and the table id."""

    key: str | None
    table: str


def table_cells(report: Report) -> dict[str, Cell]:
    """Figure id → its cell, for every numeric cell of the report's tables."""
    out: dict[str, Cell] = {}
    for section in report.sections():
        for table in section.tables:
            for row in table.rows:
                for cell in row.cells:
                    if cell.figure is None or cell.figure in out:
                        continue
                    key = None
                    if table.standard and cell.key:
                        key = f"{table.standard}:" + "/".join(k for k in (row.key, cell.key) if k)
                    out[cell.figure] = Cell(key, table.id)
    return out


@dataclass(frozen=True)
class Match:
    """One row of a comparison: a report's figure for the indicator, and why it matched."""

    report: Report
    figure: Figure
    how: str  # one of RULES
    place: str | None
    year: int | None
    cell: Cell | None = None

    @property
    def normalised(self) -> float:
        """The value with 万/亿 applied (1351万人 → 13510000)."""
        f = self.figure
        return f.scaled_value if f.scaled_value is not None else f.value

    @property
    def unit(self) -> str:
        return bare_unit(self.figure)

    @property
    def where(self) -> str:
        """The sentence, or for a table cell its row · column (the cell's label)."""
        return self.figure.label if self.cell is not None else self.figure.sentence

    @property
    def section(self) -> Section | None:
        return self.report.section(self.figure.section)

    @property
    def sort_key(self) -> tuple:
        return (self.year is None, self.year or 0, self.place or "", self.report.id)


@dataclass(frozen=True)
class Comparison:
    source: Match
    rows: list[Match]  # the source among them, sorted by year
    missing: list[Facts] = field(default_factory=list)  # other reports with no such figure (not kept whole)

    @property
    def found(self) -> int:
        """Other reports with a match."""
        return len(self.rows) - 1


def _rule(source: Figure, src_cell: Cell | None, cand: Figure, cand_cell: Cell | None,
          src_forms: frozenset[str], src_measure: str, report: Report) -> str | None:
    """Which rule makes ``cand`` the same indicator as ``source`` (None: none does)."""
    if src_cell is not None and src_cell.key:
        return "template" if cand_cell is not None and cand_cell.key == src_cell.key else None
    if cand_cell is not None and cand_cell.key:
        return None
    if cand.kind != source.kind or bare_unit(cand) != bare_unit(source):
        return None
    label = norm_label(cand.label)
    if not label:
        return None
    src = norm_label(source.label)
    if label == src:
        rule = "label"
    elif label_forms(label) & src_forms:
        rule = "synonym"
    elif _contained(src_forms, label_forms(label)):
        rule = "contains"
    else:
        return None
    return rule if measure_of(report, cand) == src_measure else None


def _contained(a_forms: frozenset[str], b_forms: frozenset[str]) -> bool:
    """One label ends with the other, and what the longer adds in front names no other
    indicator (a Chinese noun phrase ends in its head: 粮食生产 is not 粮食生产能力)."""
    for a in a_forms:
        for b in b_forms:
            short, long = (a, b) if len(a) <= len(b) else (b, a)
            if len(short) < MIN_CONTAINED or len(long) == len(short) or not long.endswith(short):
                continue
            extra = long[: len(long) - len(short)]
            if not any(word in extra for word in MODIFIERS):
                return True
    return False


def _agreement(a: tuple, b: tuple) -> int:
    return sum(1 for x, y in zip(a, b) if x == y)


def best_in(report: Report, source: Figure, src_cell: Cell | None, src_forms: frozenset[str],
            src_context: tuple, src_measure: str) -> tuple[Figure, str, Cell | None] | None:
    """The figure of ``report`` that is ``source``'s indicator (see the module rules), or None."""
    cells = table_cells(report)
    best: tuple | None = None
    for order, cand in enumerate(report.figures()):
        if cand.kind in ("date", "year"):
            continue
        cell = cells.get(cand.id)
        rule = _rule(source, src_cell, cand, cell, src_forms, src_measure, report)
        if rule is None:
            continue
        rank = (RULES.index(rule), -_agreement(context_of(report, cand), src_context), order)
        if best is None or rank < best[0]:
            best = (rank, cand, rule, cell)
    return None if best is None else (best[1], best[2], best[3])


def compare(report: Report, figure: Figure, reports: Iterable[Report]) -> Comparison:
    """``figure`` of ``report`` beside the same indicator in each of ``reports`` (``report``
    itself is skipped there): at most one figure per report, the reports with none listed."""
    src_cell = table_cells(report).get(figure.id)
    src_forms = label_forms(norm_label(figure.label))
    src_context = context_of(report, figure)
    src_measure = measure_of(report, figure)
    facts = facts_of(report)
    source = Match(report, figure, "this", facts.place, facts.year, src_cell)
    rows, missing = [source], []
    for other in reports:
        if other.id == report.id:
            continue
        found = best_in(other, figure, src_cell, src_forms, src_context, src_measure)
        if found is None:
            missing.append(facts_of(other))
            continue
        cand, rule, cell = found
        f = facts_of(other)
        rows.append(Match(citable(other, cand), cand, rule, f.place, f.year, cell))
    rows.sort(key=lambda m: m.sort_key)
    return Comparison(source, rows, missing)


def citable(report: Report, figure: Figure) -> Report:
    """What a row keeps of another report: the report without the chapters, sections,
    measures and readings that neither its citation nor its figure's section needs (the
    reports of a large library are read one by one for a comparison, and let go)."""
    chapter = report.chapter_of(figure.section)
    if chapter is None:
        return report
    section = next(s for s in chapter.sections if s.id == figure.section)
    return report.model_copy(update={"chapters": [chapter.model_copy(update={"sections": [section]})],
                                     "measures": [], "note_refs": [], "pinyin": None})


# ---- rendering ------------------------------------------------------------------------
Cite = Callable[[Report, "Section | None"], str]
CSV_COLUMNS = ("place", "year", "label", "raw", "value", "unit", "sentence", "report", "section", "match", "citation")


def number_text(value: float, *, grouped: bool = True) -> str:
    """``13,510,000``, ``6.9``, ``4,068.208`` (``grouped=False``: no thousands separators);
    never an exponent (5.4e+13 is 54,000,000,000,000), at most six decimals."""
    if abs(value) >= 1e18:
        return str(value)
    value = float(f"{value:.12g}")  # 1329.65亿 is 132965000000.00002 in binary
    text = f"{value:,.6f}" if grouped else f"{value:.6f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def csv_row(match: Match, cite: Cite) -> list[str]:
    f = match.figure
    return [clean(match.place or "", lines=False), str(match.year or ""), clean(f.label, lines=False),
            clean(f.raw, lines=False), number_text(match.normalised, grouped=False), clean(match.unit, lines=False),
            clean(match.where, lines=False), clean(match.report.id, lines=False), clean(f.section, lines=False),
            match.how, cite(match.report, match.section)]


def comparison_csv(comparison: Comparison, cite: Cite) -> str:
    """One row per report found (the figure compared too), header first, RFC 4180 quoting."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for match in comparison.rows:
        writer.writerow(csv_row(match, cite))
    return out.getvalue()


def _md(text: object) -> str:
    return clean(str(text), lines=False).replace("\\", "\\\\").replace("|", "\\|")


def comparison_markdown(comparison: Comparison, cite: Cite) -> str:
    """A Markdown table (place, year, value, normalised, sentence, source [n]), then the
    numbered citations and the reports where the indicator was not found."""
    source = comparison.source.figure
    lines = [f"**{_md(source.label)}** across reports", "",
             "| place | year | value | normalised | sentence | source |", "| --- | ---: | ---: | ---: | --- | --- |"]
    notes = []
    for n, m in enumerate(comparison.rows, start=1):
        value = f"{number_text(m.normalised)} {m.unit}".strip()
        lines.append("| " + " | ".join(_md(v) for v in (m.place or "", m.year or "", m.figure.raw, value, m.where,
                                                        f"[{n}]")) + " |")
        notes.append(f"[{n}] {cite(m.report, m.section)}")
    lines += ["", *notes]
    if comparison.missing:
        lines += ["", "Not found in: " + "; ".join(_md(r.title) for r in comparison.missing)]
    return "\n".join(lines) + "\n"
