"""Page furniture and hard-wrapped lines in a plain text that came from a page layout.

Texts extracted from a PDF by someone else (``*.pdf-text.txt``, a PDF converted to
Markdown) arrive as ``.txt``/``.md``: every line is cut at the page width, page numbers
(``— 1 —``, ``-1-``, ``第 1 页``, or a bare ``1`` with a ``— —`` line beside it) stand
between the two halves of a sentence.  This module finds both, with the repairs of
:mod:`tui.ingest.text_repair` (the PDF reader's own):

* :func:`page_furniture` — the indices of page-number lines; they go to ``extras``.  A bare
  number counts only next to a dash line (``1`` / ``— —``, how ``— 1 —`` comes out when
  the digits sit in another text run), so a table cell ``22`` alone on its line stays.
* :func:`wrap_width` — the width (in em, :func:`text_repair.width`) at which a text is
  hard-wrapped, or None: at least 40% of its lines of ten or more em lie within 1.5 em of
  the most common width, and most of those do not end a sentence.
* :func:`unwrap` — both together: page numbers out, then the wrapped lines joined into
  paragraphs with :func:`text_repair.join_wrapped` (headings, table rows and short lines
  keep their breaks).  Only line breaks change, so the lossless rule holds: the section
  text shows whole paragraphs, and its characters are still the source's, in order.
* :func:`join_page_breaks` — in a text that is *not* hard-wrapped (one paragraph per
  line), a paragraph cut by a page break (``努力让政务信息“看`` / ``得懂、用得上、易监督”。``)
  is joined again: a long line of running text (it holds a ，) that ends inside a
  sentence (a Han character or an opening quote), followed by a line that ends a
  sentence or is long too, and neither is a heading, list item, table row or marker.
  Table rows (pipe rows, ``label 3001 53 0 …``) are never joined.
"""

from __future__ import annotations

import re
from collections import Counter

from tui.ingest.text_repair import HEADING_RE, is_page_number, is_table_row, join_wrapped, width

DASH_LINE_RE = re.compile(r"^[—\-–－]+(?:\s*[—\-–－]+)*$")
BARE_NUMBER_RE = re.compile(r"^[0-9]{1,4}$")
SENTENCE_END = "。！？!?；;：:”’）)》」』】…"
OPEN_END_RE = re.compile(r"[\u4e00-\u9fff“‘（《]$")
CONTINUATION_BLOCK_RE = re.compile(
    r"^(?:#|\||[-*+>]\s|[（(][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+[、是]|第[一二三四五六七八九十]+|[0-9]+[.．、]"
    r"|表\s*[0-9]|附件|注|资料来源|名词解释|各位代表)"
)
TEXT_ROW_RE = re.compile(r"\S\s+[-+]?[0-9][0-9.,]*%?\s+[-+]?[0-9][0-9.,]*%?$")  # label 3001 53 …
CAPTION_RE = re.compile(r"^表\s*[0-9]{1,3}\s")
PAGE_BREAK_MIN = 30  # a paragraph cut by a page break: its first half is at least this long


def page_furniture(lines: list[str]) -> set[int]:
    """Indices of page-number lines (see the module docstring)."""
    out: set[int] = set()
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        if BARE_NUMBER_RE.match(s):
            beside = [j for j in (i - 1, i + 1) if 0 <= j < len(lines) and DASH_LINE_RE.match(lines[j].strip())]
            if beside:
                out.add(i)
                out.update(beside)
        elif is_page_number(s) and not BARE_NUMBER_RE.match(s):
            out.add(i)
    return out


WRAP_MAX = 80  # a hard-wrapped line is at most this many characters


def wrap_width(lines: list[str]) -> float | None:
    candidates = [line for line in lines if len(line) >= 10]
    short = [line for line in candidates if len(line) <= WRAP_MAX]
    if len(short) < 8 or len(short) < 0.4 * len(candidates):  # one paragraph per line: cheap no
        return None
    measured = [(line, width(line)) for line in short]
    widths = [round(w) for _, w in measured if w >= 10]
    if len(widths) < 8:
        return None
    mode, _ = Counter(widths).most_common(1)[0]
    near = [line for line, w in measured if abs(w - mode) <= 1.5]
    if len(near) < 0.4 * len(widths):
        return None
    open_ended = sum(1 for line in near if line[-1] not in SENTENCE_END)
    return float(mode) if open_ended >= 0.5 * len(near) else None


def unwrap(lines: list[str]) -> tuple[list[str], list[str], float | None]:
    """(paragraph lines, page-furniture lines, wrap width or None).  ``lines`` are the
    text's lines, outer whitespace stripped, blank lines kept as ``""`` (a blank line
    always ends a paragraph); the paragraph lines returned are non-blank."""
    furniture = page_furniture(lines)
    moved = [lines[i] for i in sorted(furniture)]
    kept = [line for i, line in enumerate(lines) if i not in furniture]
    # table rows are never joined: they say nothing of the width running text is wrapped at
    # (only short lines are measured, so only those are looked at: the regex costs)
    full = wrap_width([line for line in kept if line and not (
        len(line) <= WRAP_MAX and (is_table_row(line) or TEXT_ROW_RE.search(line)))])
    if full is None:
        return join_page_breaks([line for line in kept if line]), moved, None
    full -= 1.0  # a line up to three em short of the usual width still runs on
    out: list[str] = []
    run: list[str] = []
    after_caption = False
    for line in kept:  # table rows (pipe or space-aligned), captions and the line under one are never joined
        caption = bool(line) and CAPTION_RE.match(line) is not None
        if line and (is_table_row(line) or TEXT_ROW_RE.search(line) or caption or after_caption):
            out.extend(join_wrapped(run, indent_known=False, full_width=full) if run else [])
            out.append(line)
            run = []
        else:
            run.append(line)
        after_caption = caption
    out.extend(join_wrapped(run, indent_known=False, full_width=full) if run else [])
    return [line for line in out if line], moved, full


def join_page_breaks(lines: list[str]) -> list[str]:
    """Rejoin paragraphs cut by a page break in a one-paragraph-per-line text."""
    out: list[str] = []
    for line in lines:
        if (out and len(out[-1]) >= PAGE_BREAK_MIN and OPEN_END_RE.search(out[-1]) and "，" in out[-1]
                and (line[-1] in SENTENCE_END or len(line) >= PAGE_BREAK_MIN)
                and not _starts_block(out[-1]) and not _starts_block(line) and not is_table_row(line)):
            out[-1] = out[-1] + line
        else:
            out.append(line)
    return out


def _starts_block(line: str) -> bool:
    s = line.strip()
    return CONTINUATION_BLOCK_RE.match(s) is not None or HEADING_RE.match(s) is not None
