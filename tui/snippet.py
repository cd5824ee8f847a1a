"""The part of a long hit text around its match, for one row of the results (pure).

A result row has room for a few dozen cells; a sentence of a report often has a hundred
characters, and the match (or, for a figure hit, the figure in its sentence) is often far
from the start.  :func:`snippet` keeps a head (a figure hit's ``label：raw｜``) whole,
then a window of the rest that starts a little before the match — at the start of its
clause when that is close — and marks each cut with ``…``.  Widths are in terminal cells
(a Chinese character is two), via :func:`tui.cjk_wrap.cell_width`.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.cjk_wrap import cell_width, char_width

#: Cells of the text a row shows, by default.
WIDTH = 64
#: Cells of context kept before the match, at most.
CONTEXT = 16
ELLIPSIS = "…"
#: Clause breaks: a window starts just after one when one is in its context.
BREAKS = frozenset("，,；;。：:！!？?、")


def figure_focus(section_text: str, sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """Where a figure (``start``/``end`` in the section text) sits in its ``sentence``."""
    begin = section_text.rfind(sentence, 0, start + len(sentence)) if sentence else -1
    if begin < 0 or end > begin + len(sentence):
        return None
    return start - begin, end - begin


def snippet(text: str, spans: Sequence[tuple[int, int]], *, focus: tuple[int, int] | None = None,
            head: int = 0, width: int = WIDTH, context: int = CONTEXT) -> tuple[str, list[tuple[int, int]]]:
    """``text`` cut to about ``width`` cells around ``focus`` (default: the first span after
    the head); the spans shifted to the cut text (those cut away dropped, those cut short
    clipped).  The first ``head`` characters are always kept.
    """
    head = max(0, min(head, len(text)))
    if cell_width(text) <= width:
        return text, [(a, b) for a, b in spans if a < b]
    budget = max(4, width - cell_width(text[:head]))
    if focus is None:
        focus = next(((a, b) for a, b in spans if a >= head and a < b), (head, head))
    at = max(head, min(focus[0], len(text)))
    # back from the match by up to `context` cells; a clause break in there starts the window
    start, cells = at, 0
    while start > head and cells + char_width(text[start - 1]) <= context:
        start -= 1
        cells += char_width(text[start])
    breaks = [i for i in range(start, at) if text[i] in BREAKS]
    if breaks and start > head:
        start = breaks[0] + 1
    # forward while there is room (one cell left for the … at each cut end)
    room = budget - (1 if start > head else 0)
    end, used = start, 0
    while end < len(text) and used + char_width(text[end]) <= room - (1 if end + 1 < len(text) else 0):
        used += char_width(text[end])
        end += 1
    # at the end of the text with room to spare: start earlier
    while end == len(text) and start > head and used + char_width(text[start - 1]) <= room:
        start -= 1
        used += char_width(text[start])
    lead = ELLIPSIS if start > head else ""
    tail = ELLIPSIS if end < len(text) else ""
    out = text[:head] + lead + text[start:end] + tail
    shift = start - head - len(lead)
    moved = []
    for a, b in spans:
        if a < head:
            moved.append((a, min(b, head)))
        elif b > start and a < end:
            moved.append((max(a, start) - shift, min(b, end) - shift))
    return out, [(a, b) for a, b in moved if a < b]
