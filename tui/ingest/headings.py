"""Headings that carry no （一） / 一、 marker, found by pattern (never by a list of titles).

* :func:`run_markers` — sections written as runs at the start of paragraphs:
  ``一是…`` ``二是…`` or ``第一，…`` ``第二，…`` (older national reports).  A run starts at
  一, goes up by one, and has at least two items; it is used only in a chapter with no
  ``（一）`` sections (where （一） exists, 一是 runs are the sections' own lists).
* :func:`markdown_subheadings` — Markdown ``#`` lines deeper than the chapters' level,
  used as a chapter's sections when it has no （一）: ``### 第二十条第（一）项`` …
* :func:`bare_headings` — a text with no chapter markers at all: short lines with no
  sentence punctuation, standing between body paragraphs (both much longer than the
  line), two or more of them, become its chapters (``“十四五”时期工作回顾`` /
  ``“十五五”时期的主要目标任务`` / ``2026年重点工作``).

Levels (documented decision): the outline shows two levels, chapters and sections.  A
third level (1. inside （一）, 一是 inside （一）) stays in the section text, where the
reading pane shows it as written.
"""

from __future__ import annotations

import re

from tui.ingest.cn_numbers import cn_value

_NUM = "一二三四五六七八九十"
RUN_RE = re.compile(rf"^(?:#{{1,6}}\s*)?(?:(?P<shi>[{_NUM}]{{1,3}})是(?![否非的])|第(?P<di>[{_NUM}]{{1,3}})[，,、])")
MD_HEADING_RE = re.compile(r"^(?P<md>#{1,6})\s*(?P<title>\S.*)$")
SENTENCE_PUNCT = "。；;！!？?"
TRAILING_PUNCT = "：:，,、"
LIST_START_RE = re.compile(r"^(?:[0-9]+[.．、]|[（(][0-9一二三四五六七八九十]+[)）]|[-*+>|#])")
DATE_LIKE_RE = re.compile(r"^[（(]?\s*\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?\s*[）)]?$")
BARE_MAX = 30  # a heading line is at most this many characters
BODY_MIN = 40  # a body paragraph around it is at least this long


def run_markers(lines: list[str]) -> list[tuple[int, str, str]]:
    """(line index, numeral, marker as printed) of the 一是 / 第一， run at line starts.

    Only the longest run that starts at 一 and counts up by one; empty when no run has
    at least two items."""
    best: list[tuple[int, str, str]] = []
    current: list[tuple[int, str, str]] = []
    kind = ""
    for i, line in enumerate(lines):
        m = RUN_RE.match(line)
        if not m:
            continue
        numeral = m.group("shi") or m.group("di")
        this_kind = "shi" if m.group("shi") else "di"
        n = cn_value(numeral)
        marker = m.group(0).lstrip("#").strip()
        if n == 1:
            if len(current) > len(best):
                best = current
            current, kind = [(i, numeral, marker)], this_kind
        elif current and this_kind == kind and n == len(current) + 1:
            current.append((i, numeral, marker))
    if len(current) > len(best):
        best = current
    return best if len(best) >= 2 else []


def markdown_subheadings(lines: list[str], chapter_level: int) -> list[int]:
    """Indices of Markdown heading lines deeper than the chapters' own ``#`` level."""
    out = []
    for i, line in enumerate(lines):
        m = MD_HEADING_RE.match(line)
        if m and len(m.group("md")) > chapter_level and len(m.group("title")) <= 60:
            out.append(i)
    return out


def is_bare_heading(line: str) -> bool:
    """A short line that reads as a title: no sentence punctuation, not a list item."""
    s = line.strip().lstrip("#").strip()
    if not s or len(s) > BARE_MAX:
        return False
    if any(p in s for p in SENTENCE_PUNCT) or s[-1] in TRAILING_PUNCT:
        return False
    if LIST_START_RE.match(s) or DATE_LIKE_RE.match(s) or s.startswith("**") or s.startswith("表"):
        return False
    return sum(ch.isdigit() for ch in s) <= len(s) // 2


def _is_body(line: str, heading: str) -> bool:
    s = line.strip()
    return len(s) >= max(BODY_MIN, 2 * len(heading)) and any(p in s for p in "。；！？")


def bare_headings(lines: list[str]) -> list[int]:
    """Indices of the bare heading lines that split a text with no chapter markers;
    empty unless there are two or more (one such line is a subtitle, not a structure)."""
    found = []
    for i in range(1, len(lines) - 1):
        line = lines[i]
        if not is_bare_heading(line):
            continue
        if _is_body(lines[i + 1], line) and (_is_body(lines[i - 1], line) or found == [] and i <= 6):
            found.append(i)
    return found if len(found) >= 2 else []
