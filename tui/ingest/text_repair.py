"""Repairs for text that came out of a page layout (PDF, Word, web page): pure functions.

Every repair changes only whitespace — line breaks and spaces — or moves a whole line
(a page number) out of the running text, so the lossless check still holds:

* ``join_letter_spacing``: justified lines printed with a gap between characters
  (``第 二 产 业 增 加 值``, ``一、综    合``, ``号 ， 邮 编``) are joined again.  Whitespace
  between two CJK characters goes when one of the two is a lone character (its other side
  is whitespace or the line end) or full-width punctuation; ``信息公开年报 其他 报告``
  (words of several characters) keeps its spaces.
* ``is_page_number``: a page-number line (``-1-``, ``— 1 —``, ``第 1 页``, ``第1页 共6页``,
  ``1/6``, a bare ``3``).
* ``join_wrapped``: lines hard-wrapped at a fixed width are joined into paragraphs — with no
  space between CJK characters, one space between Latin letters or digits.  A paragraph
  break stays where the next line is indented, the line is short (ends well before the
  usual line width), the next line is a heading (``一、`` / ``（一）`` / ``第一部分`` …) or a
  Markdown table row, or — when indentation is unknown — where the line ends a sentence.
"""

from __future__ import annotations

import re

_CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u201c\u201d\u2018\u2019\u2014\u2026"
_CJK_RE = re.compile(f"[{_CJK}]")
_PUNCT_RE = re.compile(f"[{_CJK_PUNCT}]")
# a run of whitespace between two CJK characters (the run itself may hold U+3000)
_GAP_RE = re.compile(f"(?<=[{_CJK}])[ \t\u00a0\u2002-\u200b\u3000]+(?=[{_CJK}])")
# whitespace next to full-width punctuation, whatever stands on the other side
_PUNCT_GAP_RE = re.compile(
    f"(?<=[{_CJK_PUNCT}])[ \t\u00a0\u2002-\u200b]+(?=\\S)|(?<=\\S)[ \t\u00a0\u2002-\u200b]+(?=[{_CJK_PUNCT}])"
)
_DASHES = "-‐‑‒–—―－~～"
PAGE_NUMBER_RE = re.compile(
    rf"^(?:[{_DASHES}]\s*\d{{1,4}}\s*[{_DASHES}]|[{_DASHES}]\s*[{_DASHES}]\s*\d{{1,4}}|"
    rf"第\s*\d{{1,4}}\s*页(?:\s*[/，,]?\s*共\s*\d{{1,4}}\s*页)?|\d{{1,4}}\s*/\s*\d{{1,4}}|"
    rf"[Pp]age\s*\d{{1,4}}(?:\s*of\s*\d{{1,4}})?|\d{{1,4}})$"
)
HEADING_RE = re.compile(
    r"^(?:#{1,6}\s|[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}(?:部分|章|篇|节)"
    r"|附件\s*\d*\s*[:：]?$|表\s*\d+|图\s*\d+|注\s*[:：]|资料来源|名词解释)"
)
SENTENCE_END = "。！？；：!?;:"
CLOSERS = "”’）)》」』】"


def join_letter_spacing(line: str) -> str:
    """``第 二 产 业`` → ``第二产业``; ``号 ， 邮 编 ： 223100`` → ``号，邮编：223100``."""
    if " " not in line and "\u3000" not in line and "\u00a0" not in line and "\t" not in line:
        return line
    line = _PUNCT_GAP_RE.sub("", line)

    def gap(m: re.Match[str]) -> str:
        start, end = m.start(), m.end()
        text = m.string
        lone_left = start - 1 == 0 or text[start - 2].isspace() or _PUNCT_RE.match(text[start - 2]) is not None
        lone_right = end + 1 == len(text) or text[end + 1].isspace() or _PUNCT_RE.match(text[end + 1]) is not None
        return "" if lone_left or lone_right else m.group(0)

    previous = None
    while previous != line:  # a lone character joined may make its neighbour lone
        previous = line
        line = _GAP_RE.sub(gap, line)
    return line


def is_page_number(line: str) -> bool:
    return PAGE_NUMBER_RE.match(line.strip()) is not None


def width(text: str) -> float:
    """Display width in em: a CJK character (U+3000 too) counts 1, anything else ½."""
    return sum(1.0 if _CJK_RE.match(ch) else 0.5 for ch in text)


def _indent(line: str) -> bool:
    stripped = line.lstrip(" \t\u3000\u00a0\u2003\u2002")
    return len(line) - len(stripped) > 0


def _joiner(left: str, right: str) -> str:
    if not left or not right:
        return ""
    a, b = left[-1], right[0]
    if a.isascii() and b.isascii() and a.isalnum() and b.isalnum():
        return " "
    return ""


def is_table_row(line: str) -> bool:
    s = line.strip()
    return len(s) >= 2 and s.startswith("|") and s.endswith("|")


def join_wrapped(lines: list[str], *, indent_known: bool = True, full_width: float | None = None) -> list[str]:
    """Hard-wrapped lines → paragraphs (one per returned line; leading indents dropped).

    ``full_width`` is the usual width of a full line in em (default: the widest line
    width that several lines share); a line narrower by two em or more ends its paragraph.
    """
    body = [ln.rstrip() for ln in lines if ln.strip() and not is_table_row(ln)]
    if full_width is None:  # an indent counts: a first line is as wide as the others
        widths = sorted(round(width(ln)) for ln in body)
        full_width = widths[int(len(widths) * 0.8)] if widths else 0.0
    out: list[str] = []
    current = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            if current:
                out.append(current)
            current = ""
            continue
        if is_table_row(line):
            if current:
                out.append(current)
            out.append(line)
            current = ""
            continue
        if current and _starts_paragraph(raw, line, indent_known):
            out.append(current)
            current = ""
        current = current + _joiner(current, line) + line if current else line
        if _ends_paragraph(raw.rstrip(), full_width, indent_known):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


def _starts_paragraph(raw: str, line: str, indent_known: bool) -> bool:
    return (indent_known and _indent(raw)) or HEADING_RE.match(line) is not None


def _ends_paragraph(line: str, full_width: float, indent_known: bool) -> bool:
    if width(line) <= full_width - 2:
        return True
    if not indent_known:
        return line.rstrip(CLOSERS)[-1:] in SENTENCE_END
    return False
