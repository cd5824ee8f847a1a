"""Lines of a web page's furniture in a Markdown conversion (navigation, breadcrumbs, CMS ids).

A page converted to Markdown keeps its navigation as lines of links (``* [首页](/)*
[走进统计](…)``), images (``[![](/images/logo.png)](/)``), empty table cells
(``|  |  |  |``), widget brackets (``[我要打印]``) and bare CMS ids (``68020510``).  A line is
furniture when it is made of such markup and, with the markup taken away, at most a few
characters remain (``您当前所在位置：`` with its breadcrumb links, ``关怀版`` in a table of
empty cells).  Text with sentence punctuation never is.  Used on the lines before the
body and just before the footer (``tui.ingest.structure``): what a reader never sees as
report text goes to ``extras``, verbatim.
"""

from __future__ import annotations

import re

MARKUP_RE = re.compile(r"!?\[[^\]\n]{0,200}\]\([^)\n]{0,500}\)|\[[^\]\n]{0,40}\]|\|[\s\-:|]*|^[\s*+\-]+|[*+]\s")
CMS_ID_RE = re.compile(r"^[0-9]{5,12}$")
LEFT_MAX = 8  # characters left once the markup is gone
SENTENCE = "。；！？"


PIPE_ROW_RE = re.compile(r"^\|.*\|$")
SEPARATOR_RE = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+$")


def is_web_furniture(line: str) -> bool:
    """A navigation, breadcrumb, widget or CMS-id line (a table row only when all its
    cells are empty; a ``|---|`` line never alone: see :func:`furniture_indices`)."""
    s = line.strip()
    if not s:
        return False
    if CMS_ID_RE.match(s):
        return True
    if PIPE_ROW_RE.match(s):
        return not SEPARATOR_RE.match(s) and not s.replace("|", "").strip()
    if not any(mark in s for mark in "[]|") or any(p in s for p in SENTENCE):
        return False
    left = MARKUP_RE.sub("", s)
    left = re.sub(r"[\s»>：:、*_\-|]+", "", left)
    return len(left) <= LEFT_MAX


def furniture_indices(lines: list[str]) -> set[int]:
    """Indices of the furniture lines; a ``|---|`` line under a furniture line counts too."""
    out: set[int] = set()
    for i, line in enumerate(lines):
        if is_web_furniture(line) or (i - 1 in out and SEPARATOR_RE.match(line.strip())):
            out.add(i)
    return out
