"""The lossless check of DESIGN.md, used by the tests and by ``validate --source``.

The verbatim fields — preamble, chapter headings, section texts, closing, signature,
extras — must hold every non-whitespace character of the decoded source exactly once,
in source order within each field.  Only whitespace may be dropped or changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from tui.model import Report


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


def lossless_problems(source_text: str, report: Report) -> list[str]:
    """Empty when the report keeps the source losslessly; else what is wrong."""
    source = _dense(source_text)
    problems: list[str] = []
    kept = Counter()
    for name, lines in verbatim_fields(report):
        position = 0
        for line in lines:
            piece = _dense(line)
            kept.update(piece)
            found = source.find(piece, position)
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
