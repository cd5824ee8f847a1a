"""A section's text as the blocks a reader sees: headings, paragraphs, tables (pure).

The section text is verbatim (Markdown marks, pipe rows and all); what the reading pane
should draw is this:

* a line starting with Markdown ``#`` marks → a ``heading`` block without the marks;
* the lines of a table (``section.tables``: their ``start``/``end`` span) → one ``table``
  block carrying the :class:`~tui.model.Table` (draw it as a table: its ``columns`` as the
  header, each row's ``cells``; ``tui.table_export`` gives Markdown and CSV);
* every other line → a ``paragraph`` block, ``**`` bold marks removed.

Each block keeps ``start``/``end``, the offsets of its shown text in ``section.text``
(for a heading, after the ``#`` marks), so a search hit's offsets still find their
block.  Shown text is report text: sanitise it as any other before it reaches a screen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.model import Section, Table

__all__ = ["Block", "section_blocks", "shown"]

_MD_HEADING_RE = re.compile(r"^(#{1,6})[ \t\u3000]*")


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "paragraph" or "table"
    text: str  # what to show (the table's lines as printed, for a table)
    start: int  # offsets of the shown text in section.text
    end: int
    table: Table | None = None


def section_blocks(section: Section) -> list[Block]:
    text = section.text
    tables = sorted(section.tables, key=lambda t: t.start)
    blocks: list[Block] = []
    pos = 0
    ti = 0
    while pos <= len(text):
        if ti < len(tables) and tables[ti].start <= pos:
            table = tables[ti]
            blocks.append(Block("table", text[table.start:table.end], table.start, table.end, table))
            pos = table.end + 1
            ti += 1
            continue
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if ti < len(tables) and tables[ti].start < end:
            end = tables[ti].start - 1
        line = text[pos:end]
        if line.strip():
            m = _MD_HEADING_RE.match(line)
            if m:
                blocks.append(Block("heading", line[m.end():].replace("**", "").strip(), pos + m.end(), end))
            else:
                blocks.append(Block("paragraph", line.replace("**", ""), pos, end))
        pos = end + 1
    return blocks


def shown(text: str, start: int, end: int, *, strip: bool = False) -> tuple[str, tuple[tuple[int, int, int], ...]]:
    """What ``text[start:end]`` shows — ``**`` bold marks left out, and with ``strip`` the
    whitespace at both ends — with its runs ``(a, b, offset)``: shown characters
    ``a``…``b`` are ``text[offset:offset + b - a]``.  The runs map every shown character
    back to the section text (search marks, figures, clicks)."""
    pieces: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        at = text.find("**", pos, end)
        stop = end if at < 0 else at
        if stop > pos:
            pieces.append((pos, stop))
        if at < 0:
            break
        pos = at + 2
    if strip:
        while pieces and not text[pieces[0][0]:pieces[0][1]].strip():
            pieces.pop(0)
        while pieces and not text[pieces[-1][0]:pieces[-1][1]].strip():
            pieces.pop()
        if pieces:
            a, b = pieces[0]
            a += len(text[a:b]) - len(text[a:b].lstrip())
            pieces[0] = (a, b)
            a, b = pieces[-1]
            b -= len(text[a:b]) - len(text[a:b].rstrip())
            pieces[-1] = (a, b)
    out, runs, at = [], [], 0
    for a, b in pieces:
        out.append(text[a:b])
        runs.append((at, at + b - a, a))
        at += b - a
    return "".join(out), tuple(runs)
