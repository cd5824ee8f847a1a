"""The readable parts of a report, in reading order: 前言, the sections, 结语.

``report.preamble`` (the title line, 各位代表 …) and ``report.closing`` (the concluding
paragraph, a 名词解释 glossary …) are lines outside any chapter.  The app shows them like
sections, with the ids ``"preamble"`` and ``"closing"`` (the ids search hits carry for
them): a :class:`Section` built on the fly, its text ``"\\n".join(lines)``, no figures, so
the reading pane, copy-out and the hit offsets work on them unchanged.
"""

from __future__ import annotations

from tui.model import Report, Section

PREAMBLE, CLOSING = "preamble", "closing"
#: id → (breadcrumb title, outline label)
PARTS = {PREAMBLE: ("前言", "前言 Preamble"), CLOSING: ("结语", "结语 Closing")}


def is_part(section_id: str | None) -> bool:
    """Is this the id of the preamble or the closing (not a numbered section)?"""
    return section_id in PARTS


def part(report: Report, which: str) -> Section | None:
    """The preamble or the closing as a section, or ``None`` when the report has none."""
    lines = report.preamble if which == PREAMBLE else report.closing if which == CLOSING else None
    text = "\n".join(lines or [])
    if not text.strip():
        return None
    # model_construct: these ids are not section ids ("6.1"), on purpose — no validation.
    return Section.model_construct(id=which, number="", title=PARTS[which][0], text=text,
                                   figures=[], measures=[])


def find_section(report: Report, section_id: str | None) -> Section | None:
    """A section by id, ``"preamble"`` and ``"closing"`` included."""
    if not section_id:
        return None
    if is_part(section_id):
        return part(report, section_id)
    return report.section(section_id)


def reading_order(report: Report) -> list[Section]:
    """前言 (if any), every section, 结语 (if any)."""
    head, tail = part(report, PREAMBLE), part(report, CLOSING)
    return [*([head] if head else []), *report.sections(), *([tail] if tail else [])]
