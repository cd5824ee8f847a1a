"""Long paths in a notification broken at their separators, not inside a name (pure).

Textual wraps a message only at spaces and folds a longer word wherever the width runs out:
``/root/.local/share/report-explorer/wenzhou-2018-rul`` | ``e-of-law-6.1.txt``.
:func:`break_paths` puts a line break after a ``/`` (or ``\\``) instead, so that each line
of a path ends with a separator and every file or folder name stays on one line (a single
name longer than the width is still folded: nothing else fits).  Only path-like words are
touched — starting with ``/``, ``~/``, ``./``, ``../``, a drive (``C:\\``) or holding ``://``,
or with two separators or more — so ``[EB/OL]`` in a citation stays as it is.
"""

from __future__ import annotations

import re

from tui.cjk_wrap import cell_width

SEPARATORS = "/\\"
_WORD_RE = re.compile(r"\S+")
_PATH_START_RE = re.compile(r"^(?:~?/|\.\.?/|[A-Za-z]:[\\/]|\\\\)|://")
_PIECE_RE = re.compile(r"[^/\\]*(?:[/\\]+|$)")


def is_path_like(word: str) -> bool:
    return bool(_PATH_START_RE.search(word)) or sum(word.count(s) for s in SEPARATORS) >= 2


def break_path(path: str, width: int) -> str:
    """``path`` in lines of at most ``width`` cells, each cut after a separator."""
    lines: list[str] = []
    line = ""
    for piece in _PIECE_RE.findall(path):
        if not piece:
            continue
        if line and cell_width(line) + cell_width(piece) > width:
            lines.append(line)
            line = ""
        line += piece
    if line:
        lines.append(line)
    return "\n".join(lines)


def break_paths(text: str, width: int) -> str:
    """``text`` with every path-like word wider than ``width`` cells broken at separators."""
    if width < 8:
        return text

    def fit(found: re.Match[str]) -> str:
        word = found.group(0)
        if cell_width(word) <= width or not is_path_like(word):
            return word
        return break_path(word, width)

    return _WORD_RE.sub(fit, text)
