"""The readable parts of a report, in reading order: 前言, the sections, 结语.

``report.preamble`` (the title line, 各位代表 …) and ``report.closing`` (the concluding
paragraph, a 名词解释 glossary …) are lines outside any chapter.  The app shows them like
sections, with the ids ``"preamble"`` and ``"closing"`` (the ids search hits carry for
them): a :class:`Section` built on the fly, its text ``"\\n".join(lines)``, no figures, so
the reading pane, copy-out and the hit offsets work on them unchanged.

Parts after the body (``report.parts``: 附件1, 名词解释, 注释, 资料来源 … — line ranges of
``closing``) have ids of their own (``"annex-1"``, ``"glossary"``, ``"notes"`` …):
:func:`find_section` gives each as a section of its lines, and :func:`closing_proper`
the closing without them (the 结语 a reader sees).  A search hit in ``"closing"`` at
offset ``k`` lies in the part :func:`part_at` names.
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
    # model_construct: these ids are not section ids ("6.1"), on purpose — no validation.  Every
    # field is given: a field left to its default_factory costs pydantic 0.15 ms to resolve, and
    # the main screen builds these on every keystroke (counting matches in reading order).
    return Section.model_construct(id=which, number="", title=PARTS[which][0], text=text,
                                   figures=[], measures=[], marker="", tables=[])


def find_section(report: Report, section_id: str | None) -> Section | None:
    """A section by id, ``"preamble"``, ``"closing"`` and the parts' ids included."""
    if not section_id:
        return None
    if is_part(section_id):
        return part(report, section_id)
    found = next((p for p in report.parts if p.id == section_id), None)
    if found is not None:
        return _part_section(report, found)
    return report.section(section_id)


def _part_section(report: Report, found) -> Section:
    text = "\n".join(report.closing[found.start:found.end])
    return Section.model_construct(id=found.id, number="", title=found.title, text=text, figures=[], measures=[],
                                   marker="", tables=[])


def part_sections(report: Report) -> list[Section]:
    """The parts after the body, in order, as sections (their ids: ``"glossary"`` …)."""
    return [_part_section(report, p) for p in report.parts]


def closing_proper(report: Report) -> list[str]:
    """The closing lines that belong to no part (the 结语 before 名词解释 …)."""
    inside = {i for p in report.parts for i in range(p.start, p.end)}
    return [line for i, line in enumerate(report.closing) if i not in inside]


def part_at(report: Report, offset: int) -> str:
    """The id of the part holding offset ``offset`` of ``"\n".join(report.closing)``
    (``"closing"`` when it lies in no part)."""
    position = 0
    for i, line in enumerate(report.closing):
        if offset < position + len(line) + 1:
            return next((p.id for p in report.parts if p.start <= i < p.end), CLOSING)
        position += len(line) + 1
    return CLOSING


def reading_order(report: Report) -> list[Section]:
    """前言 (if any), every section, 结语 (if any)."""
    head, tail = part(report, PREAMBLE), part(report, CLOSING)
    return [*([head] if head else []), *report.sections(), *([tail] if tail else [])]
