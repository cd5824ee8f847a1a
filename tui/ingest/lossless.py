"""The lossless rule of README.md ("Input the ingest accepts"), checked by the tests.

The verbatim fields — preamble, chapter headings, section texts, closing, signature,
extras — must hold every non-whitespace character of the decoded source exactly once,
in source order within each field.  Only whitespace may be dropped or changed.  A line
joined across a page break may run over a page-number line that went to extras
(``着力发挥`` / ``— 1 —`` / ``政务公开促落实``): the check lets a short extras line stand
between its halves.

PDF, HTML and DOCX files (``format_lossless_problems``): the source is the text the
format library extracts — pdfplumber's characters (``page.chars``), the text nodes of
the web page outside ``script``/``style``/``noscript``/``template``/``iframe``/``svg``
elements and comments, python-docx's paragraph and table-cell text of the document
body.  Every non-whitespace character of it must be kept exactly once in the verbatim
fields.  Two checks prove it: (1) the reader's output — its text plus the lines it moved
to extras (page numbers, navigation) — holds the library's characters exactly once,
not counting Markdown table markup (the ``|`` between cells, the ``|---|`` row under a
header, the backslash of an escaped ``\\|``); (2) the report keeps the reader's output as
the check above keeps a decoded text (exactly once, in order within each field).  The
order is the reader's reading order (lines top to bottom, a table's cells row by row),
which for a PDF is not the content-stream order of the characters.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from tui.model import Report

if TYPE_CHECKING:
    from tui.ingest.detect import Extracted

TABLE_SEPARATOR_RE = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+$")


def _dense(text: str) -> str:
    return "".join(text.split())


def verbatim_fields(report: Report) -> Iterator[tuple[str, list[str]]]:
    yield "preamble", report.preamble
    for chapter in report.chapters:
        yield f"chapter {chapter.id} heading", [chapter.heading] if chapter.heading else []
        for section in chapter.sections:
            yield f"section {section.id}", section.text.split("\n")
    yield "closing", report.closing
    yield "signature", report.signature
    yield "extras", report.extras


MAX_GAP = 12  # a page number line: — 12 —, 第 3 页, 2 / — —


def _find_across(source: str, piece: str, position: int, gaps: list[str]) -> tuple[int, int]:
    """Where ``piece`` is in ``source`` from ``position`` on when short lines kept in extras
    (page numbers) may interrupt it — a paragraph joined across a page break:
    (start, end) in ``source``, or (-1, -1)."""
    head = piece[:8]
    start = source.find(head, position)
    tries = 0
    while start >= 0 and tries < 50:
        i, j = 0, start
        while i < len(piece):
            if j < len(source) and source[j] == piece[i]:
                i, j = i + 1, j + 1
                continue
            gap = next((g for g in gaps if source.startswith(g, j)), None)
            if gap is None:
                break
            j += len(gap)
        if i == len(piece):
            return start, j
        start, tries = source.find(head, start + 1), tries + 1
    return -1, -1


def lossless_problems(source_text: str, report: Report) -> list[str]:
    """Empty when the report keeps the source losslessly; else what is wrong."""
    source = _dense(source_text)
    problems: list[str] = []
    kept = Counter()
    # short extras lines (page numbers) may stand between the halves of a joined line
    gaps = sorted({d for line in report.extras if 0 < len(d := _dense(line)) <= MAX_GAP}, key=len, reverse=True)
    for name, lines in verbatim_fields(report):
        position = 0
        for line in lines:
            piece = _dense(line)
            kept.update(piece)
            found = source.find(piece, position)
            if found < 0 and gaps:
                found, end = _find_across(source, piece, position, gaps)
                if found >= 0:
                    position = end
                    continue
            if found < 0:
                problems.append(f"{name}: {line[:30]!r} is not in the source (or out of order)")
            else:
                position = found + len(piece)
    missing = Counter(source) - kept
    extra = kept - Counter(source)
    if missing:
        problems.append(f"lost {sum(missing.values())} characters: {''.join(sorted(missing))[:40]!r}")
    if extra:
        problems.append(f"{sum(extra.values())} characters too many: {''.join(sorted(extra))[:40]!r}")
    return problems


def markup_free(text: str) -> str:
    """Text with Markdown pipe-table markup removed: the separator rows, the ``|`` between
    cells (``\\|`` in a cell is a literal ``|``)."""
    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        if TABLE_SEPARATOR_RE.match(stripped):
            continue
        if len(stripped) >= 2 and stripped.startswith("|") and stripped.endswith("|"):
            cells = re.split(r"(?<!\\)\|", stripped[1:-1])
            out.append(" ".join(cell.strip().replace("\\|", "|") for cell in cells))
        else:
            out.append(line)
    return "\n".join(out)


def reader_output(extracted: Extracted) -> str:
    """The reader's text followed by the lines it moved to extras (check 2's source)."""
    return extracted.text + "\n" + "\n".join(extracted.extras)


def format_lossless_problems(extracted: Extracted, report: Report) -> list[str]:
    """The lossless check for PDF / HTML / DOCX (module docstring); empty when it holds."""
    library = Counter(_dense(extracted.library_text))
    kept = Counter(_dense(markup_free(reader_output(extracted))))
    problems = []
    if missing := library - kept:
        problems.append(f"reader lost {sum(missing.values())} characters: {''.join(sorted(missing))[:40]!r}")
    if extra := kept - library:
        problems.append(f"reader has {sum(extra.values())} characters too many: {''.join(sorted(extra))[:40]!r}")
    return problems + lossless_problems(reader_output(extracted), report)
