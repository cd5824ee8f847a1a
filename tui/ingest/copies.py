"""Scraped copies: a text that holds the same report more than once.

Scrapers often save a page whose body appears several times (the article, then the same
article in a print view, a mobile view …).  The first copy is the report; from the first
line where a repeat begins, the lines are kept verbatim in ``extras`` and a warning says
so.  A repeat is found without knowing the report: a run of at least ``RUN`` consecutive
lines equal to an earlier run, holding at least ``MIN_CHARS`` characters (more lines when they are short), whose first
line is a substantive line (at least ``MIN_LINE`` characters).  The repeat starts earlier
when the lines before it also repeat the lines before the earlier run (the title, the
speaker line …).  A paragraph quoted twice is not a copy: it is one line, not a run.
"""

from __future__ import annotations

RUN = 4
MIN_LINE = 20
MIN_CHARS = 200


def _repeats(lines: list[str], f: int, k: int) -> bool:
    """Whether the lines from ``k`` repeat those from ``f`` for at least ``RUN`` lines and
    ``MIN_CHARS`` characters (hard-wrapped text has short lines: the run grows)."""
    m, chars = 0, 0
    while f + m < k and k + m < len(lines) and lines[f + m] == lines[k + m]:
        chars += len(lines[k + m])
        m += 1
        if m >= RUN and chars >= MIN_CHARS:
            return True
    return False


def split_copies(lines: list[str]) -> tuple[list[str], list[str], str | None]:
    """(the first copy's lines, the repeats' lines, a warning or None)."""
    first: dict[str, int] = {}
    n = len(lines)
    for k, line in enumerate(lines):
        if len(line) < MIN_LINE:
            continue
        f = first.get(line)
        if f is None:
            first[line] = k
            continue
        if not _repeats(lines, f, k):
            continue
        start = k
        back = 1
        while f - back >= 0 and start - 1 > f + RUN - 1 and lines[f - back] == lines[start - 1]:
            start -= 1
            back += 1
        copies = 1 + sum(1 for j in range(start, n) if lines[j] == line)
        warning = (f"the text holds the report {copies} times: the repeats (from line {start + 1} of "
                   f"{n} non-blank lines, {lines[start][:20]!r}) are kept in extras")
        return lines[:start], lines[start:], warning
    return lines, [], None
