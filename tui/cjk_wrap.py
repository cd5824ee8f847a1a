"""Line breaking for Chinese text in a terminal (pure: no Textual, no Rich widgets).

Textual wraps only at spaces, and Chinese has none: a paragraph would either overflow or be
cut anywhere.  :func:`wrap_offsets` breaks between any two CJK characters, keeps runs of
narrow characters (numbers such as ``17.3%``, Latin words) whole, and follows the basic
kinsoku rules of Chinese typesetting: no line starts with a closing or pausing mark
(``。，、；：？！）”`` …) and no line ends with an opening one (``（“`` …).  When the natural
break would break a rule, characters are pushed to the next line.

It returns ``(start, end)`` offsets rather than strings, so styled text (figures, matches)
can be cut with the same offsets, and a match offset maps to its line.

:func:`display_text` prepares report text for the screen without changing its length:
control characters, bidi and other format characters become visible symbols
(:func:`tui.safe_text.visible`: an escape sequence in a report is shown, never executed)
and, as an option, “” ‘’ are drawn as 「」 『』 for terminals that draw ambiguous-width
quotes as wide characters.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from rich.cells import cell_len, get_character_cell_size

from tui.safe_text import VISIBLE

#: Marks that may not begin a line (closing brackets and quotes, pauses, stops).
NO_LINE_START = frozenset(
    "。，、；：？！）”’」』》〉】〕］｝〗〙"  # full-width
    ".,;:?!)]}%‰"  # half-width, as found in reports typed with ASCII punctuation
    "…—～·・ー々〻ゝゞヽヾ"
)
#: Marks that may not end a line (opening brackets and quotes).
NO_LINE_END = frozenset("（“‘「『《〈【〔［｛〖〘([{")

_CORNER_QUOTES = {"“": "「", "”": "」", "‘": "『", "’": "』"}


_DISPLAY = VISIBLE  # every unsafe character as a visible symbol (tui.safe_text)
_DISPLAY_CORNER = {**VISIBLE, **{ord(k): v for k, v in _CORNER_QUOTES.items()}}


def display_text(text: str, corner_quotes: bool = False) -> str:
    """Text safe to draw: same length, controls made visible, quotes optionally as 「」."""
    return text.translate(_DISPLAY_CORNER if corner_quotes else _DISPLAY)


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    return get_character_cell_size(char)


def _narrow(char: str) -> bool:
    return char_width(char) == 1 and char != " "


def can_break(text: str, index: int, *, keep_words: bool = True) -> bool:
    """May a line end just before ``text[index]``?

    ``keep_words=False`` allows breaking inside a run of narrow characters (a number,
    a Latin word): the fallback when a line has no other legal break.
    """
    if index <= 0 or index >= len(text):
        return True
    before, after = text[index - 1], text[index]
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    if before == " " or after == " ":
        return True
    # Inside a run of narrow characters (a number, a Latin word): keep it whole.
    return not (keep_words and _narrow(before) and _narrow(after))


def _break_before(text: str, start: int, end: int, inside: frozenset[int] = frozenset()) -> int:
    """The last legal break in ``(start, end]``: whole words first, then kinsoku only."""
    for keep_words in (True, False):
        brk = end
        while brk > start and (not can_break(text, brk, keep_words=keep_words)
                               or (keep_words and brk in inside)):
            brk -= 1
        if brk > start:
            return brk
    return end  # no legal break in the whole line: cut at the width


def wrap_offsets(text: str, width: int, keep: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Break one paragraph (no newlines) into lines of at most ``width`` cells.

    Returns ``(start, end)`` offsets into ``text``; spaces where a line was broken are
    left out.  ``keep`` holds ``(start, end)`` stretches not to break inside (figures
    such as ``159件``) unless a line has no other break.  A line only exceeds ``width``
    when a single character is wider than it.
    """
    width = max(1, width)
    inside = frozenset(i for a, b in keep for i in range(a + 1, b))
    size = len(text)
    if size == 0:
        return [(0, 0)]
    lines: list[tuple[int, int]] = []
    start = 0
    while start < size:
        if lines:
            while start < size and text[start] == " ":
                start += 1
            if start >= size:
                break
        cells, end = 0, start
        while end < size and cells + char_width(text[end]) <= width:
            cells += char_width(text[end])
            end += 1
        if end == size:
            lines.append((start, size))
            break
        end = max(end, start + 1)
        brk = _break_before(text, start, end, inside)
        stop = brk
        while stop > start and text[stop - 1] == " ":
            stop -= 1
        lines.append((start, stop))
        start = brk
    return lines


def wrap(text: str, width: int) -> list[str]:
    """Convenience: the wrapped lines of a text that may hold newlines."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        out.extend(paragraph[a:b] for a, b in wrap_offsets(paragraph, width))
    return out


def cell_width(text: str) -> int:
    """Terminal cells of ``text`` (rich's ``cell_len``: the same widths as :func:`char_width`,
    with a fast path for ASCII and a cache of short strings — a result row's text recurs
    from one keystroke to the next)."""
    return cell_len(text)
