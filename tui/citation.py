"""Citations a paper accepts: GB/T 7714-2015 (the default) and a plain Chinese style.

No Textual here.  What the app's copy-out puts under a section or a figure:

* ``gbt7714`` — GB/T 7714-2015, an electronic resource (电子公告, [EB/OL]):
  ``主要责任者. 题名[EB/OL]. (发布日期)[引用日期]. 获取和访问路径.``  The 主要责任者 is the
  report's issuer (left out when the report names none); the 发布日期 is the date of the
  web page the text came from (``report.published_at``) when there is one — the entry
  describes that online copy, whose address is the 获取和访问路径 (``report.url``, from the
  page's 本文链接 line) — else the report's own date (``issued_on``); dates are written
  YYYY-MM-DD, as the standard does.  The entry names the whole document: the standard has
  no place for a part of it.
* ``plain`` — ``《题名》，发布机构，日期，第六部分第（一）节`` (前言 / 结语 for those parts;
  a chapter's lead-in: 第六部分).

Neither carries the tool's own marks (`` › ``, ``[6.1]``).  :func:`figure_name` names a
figure fully for the first line of a copied figure (行政复议纠错率：17.3%).
"""

from __future__ import annotations

import re
from datetime import date

from tui.model import Chapter, Figure, Report, Section
from tui.report_parts import CLOSING, PARTS, PREAMBLE
from tui.safe_text import clean

#: style id → its name, for the app's notice and settings.
STYLES = {"gbt7714": "GB/T 7714-2015", "plain": "简式 plain Chinese"}
DEFAULT_STYLE = "gbt7714"

_DATE_RE = re.compile(r"(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})")
_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_DIGITS = "零一二三四五六七八九"


def next_style(style: str) -> str:
    """The style after ``style`` (the key that switches them cycles through :data:`STYLES`)."""
    names = list(STYLES)
    return names[(names.index(style) + 1) % len(names)] if style in STYLES else DEFAULT_STYLE


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (larger: as digits)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else "十" if tens == 1 else f"{_DIGITS[tens]}十"
    return head + (_DIGITS[ones] if ones else "")


def page_date(report: Report) -> date | None:
    """The date of the web page the report came from (``published_at``), if it has one."""
    found = _DATE_RE.search(report.published_at or "")
    if found is None:
        return None
    try:
        return date(*(int(part) for part in found.groups()))
    except ValueError:
        return None


def locator(report: Report, section: Section) -> str:
    """Where a section sits, in words: 第六部分第（一）节, 第一部分 (a lead-in), 前言, 结语."""
    if section.id in (PREAMBLE, CLOSING):
        return PARTS[section.id][0]
    chapter: Chapter | None = report.chapter_of(section.id)
    if chapter is None:
        return ""
    number = chapter.number or (chinese_number(int(chapter.id)) if chapter.id.isdigit() else chapter.id)
    where = f"第{number}部分"
    if section.number:
        where += f"第（{section.number}）节"
    return where


def _field(text: str | None) -> str:
    """One field of the report, cleaned on its own before it is put next to our words: a
    title ending in ``ESC`` must not make ``ESC [E`` of the ``[EB/OL]`` after it."""
    return clean(text or "", lines=False)


def _gbt7714(report: Report, cited_on: date) -> str:
    parts = []
    issuer, title, url = _field(report.issuer), _field(report.title), _field(report.url)
    if issuer:
        parts.append(f"{issuer}. ")
    parts.append(f"{title}[EB/OL]. ")
    published = page_date(report) or report.issued_on
    parts.append(f"({published.isoformat()})" if published else "")
    parts.append(f"[{cited_on.isoformat()}].")
    if url:
        parts.append(f" {url}.")
    return "".join(parts)


def _plain(report: Report, section: Section | None) -> str:
    issued = report.issued_on
    when = f"{issued.year}年{issued.month}月{issued.day}日" if issued else ""
    where = _field(locator(report, section)) if section is not None else ""
    return "，".join(p for p in (f"《{_field(report.title)}》", _field(report.issuer), when, where) if p)


def cite(report: Report, section: Section | None = None, *, style: str = DEFAULT_STYLE,
         cited_on: date | None = None) -> str:
    """The citation of ``report`` (at ``section`` where the style names a part), one line."""
    if style == "plain":
        text = _plain(report, section)
    else:
        text = _gbt7714(report, cited_on or date.today())
    return clean(text, lines=False)


def figure_name(section: Section, figure: Figure) -> str:
    """The figure's label, or its full name where the label is a rate's short form.

    A label such as 纠错率 says what the rate is of only with the sentence: when the
    sentence before it names the rate's stem (纠错) after a term the section uses again
    (加大行政复议纠错力度 … 行政复议机关 …), the term is put in front: 行政复议纠错率.
    Anything else (a longer label, no such term) is the label as it is.
    """
    label = figure.label
    if not label.endswith("率") or len(label) > 4 or _CJK_RE.fullmatch(label) is None:
        return label
    stem = label[:-1]
    if len(stem) < 2:
        return label
    text = section.text
    begin = text.find(figure.sentence) if figure.sentence else -1
    if not 0 <= begin <= figure.start:
        begin = max(0, figure.start - 60)
    at = text.rfind(stem, begin, figure.start)
    while at >= 0:
        if not text.startswith(label, at):  # not the label itself: the stem in other words
            term = ""
            for size in range(2, 9):
                candidate = text[at - size:at]
                if at - size < begin or _CJK_RE.fullmatch(candidate) is None or text.count(candidate) < 2:
                    break
                term = candidate
            if term:
                return term + label
        at = text.rfind(stem, begin, at)
    return label


def section_block(report: Report, section: Section, *, style: str = DEFAULT_STYLE,
                  cited_on: date | None = None) -> str:
    """A section as copied: its text, a blank line, ``——`` and the citation."""
    return f"{clean(section.text)}\n\n——{cite(report, section, style=style, cited_on=cited_on)}\n"


def figure_block(report: Report, figure: Figure, *, style: str = DEFAULT_STYLE,
                 cited_on: date | None = None) -> str:
    """A figure as copied: its full name and value, its sentence, ``——`` and the citation."""
    section = report.section(figure.section)
    name = figure_name(section, figure) if section is not None else figure.label
    return (f"{_field(name)}：{_field(figure.raw)}\n{clean(figure.sentence)}\n"
            f"——{cite(report, section, style=style, cited_on=cited_on)}\n")
