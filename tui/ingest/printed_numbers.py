"""Numbers as printed: digits spaced out by justified PDF lines, note markers glued on.

The figure scanner reads a *folded* copy of a section text (same length, full-width
digits and signs as ASCII: ``９５９３３亿元`` → ``95933亿元``, ``８．８％`` → ``8.8%``), so an
offset found in it is an offset in the text.  Two more same-length repairs:

* :func:`compact_spaced_digits` — a run of single digits with one space between them
  (``7 4 7 7 2 亿元``, and after folding ``８ ．８ ％`` → ``8 .8 %``), followed by a unit, a
  scale or a percent sign, is rewritten with its digits together at the *end* of the run
  and spaces in front (``7 4 7 7 2`` → ``    74772``).  The scanner then reads 74772
  followed by the unit; :func:`run_start` gives the start of the run in the text, so the
  figure's ``raw`` is the whole printed span (``7 4 7 7 2 亿元``) and its value 74772.
  Rows of a space-aligned table (``105 0 0 0 0 0 105``) are not runs: they end in a
  number, not a unit.
* :func:`drop_note_markers` — a note marker ``[2]`` glued to the text before a figure
  (``生产总值[2]1329.65亿元``) is no part of the figure's label: ``全州生产总值``.
"""

from __future__ import annotations

import re

from tui.ingest.figure_vocab import SCALE_RE, UNIT_RE

SPACED_RUN_RE = re.compile(r"(?<![0-9.,])[0-9](?: [0-9]| ?\. ?[0-9])+(?![0-9])")
AFTER_RUN_RE = re.compile(r" ?(?:%|‰|倍)")
NOTE_MARKER_RE = re.compile(r"\[[0-9]{1,2}\]|\[[0-9]{1,2}$")


def compact_spaced_digits(folded: str) -> tuple[str, dict[int, int]]:
    """(the folded text with spaced digit runs compacted, {number start → run start})."""
    if " " not in folded:
        return folded, {}
    starts: dict[int, int] = {}
    pieces: list[str] = []
    last = 0
    for m in SPACED_RUN_RE.finditer(folded):
        run = m.group(0)
        if " " not in run or run.count(".") > 1:
            continue
        digits = run.replace(" ", "")
        if len(digits.replace(".", "")) < 2 or not _unit_follows(folded, m.end()):
            continue
        pad = len(run) - len(digits)
        pieces.append(folded[last:m.start()])
        pieces.append(" " * pad + digits)
        starts[m.start() + pad] = m.start()
        last = m.end()
    if not starts:
        return folded, {}
    pieces.append(folded[last:])
    return "".join(pieces), starts


def _unit_follows(folded: str, end: int) -> bool:
    if AFTER_RUN_RE.match(folded, end):
        return True
    at = end + 1 if end < len(folded) and folded[end] == " " else end
    return SCALE_RE.match(folded, at) is not None or UNIT_RE.match(folded, at) is not None


def run_start(starts: dict[int, int], start: int) -> int:
    """Where the printed number that the scanner found at ``start`` begins in the text."""
    return starts.get(start, start)


def drop_note_markers(label: str) -> str:
    """``全州生产总值[2`` / ``规模以上工业增加值[3]比上年增长`` → without the marker."""
    if "[" not in label:
        return label
    return NOTE_MARKER_RE.sub("", label).strip() or label
