"""One catalog row per report: what a library screen, ``library --json`` and the
SQLite export show without loading the report itself.

Derived, by general rules over the title and the first lines (never a list taken from
one report):

- ``kind`` — the family the title names (:data:`KINDS`, first pattern that matches the
  title, else the first heading lines; None when none does);
- ``year`` — the period covered: a year in the title (2018年度, 2026年…) or in a
  heading line (2018年度), else a body that opens on the year (“2023年，…”), else the
  date of issue — the year before it for the annual reviews (法治政府建设, 政府信息公开年报,
  统计公报 … are published in the first half of the next year), the year itself for a
  政府工作报告 (named for the session it is given to); else, but for a 政府工作报告 (which
  reviews the year before its own), a sentence of the first section that opens on a year
  (“1995年末，全国工业企业…”);
- ``place`` — see :mod:`tui.library.place`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from tui.library.place import derive_place
from tui.model import Report

#: (kind, pattern over the title) — first match wins, so the specific comes first.
KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((kind, re.compile(pattern)) for kind, pattern in (
    ("政府工作报告", r"政府工作报告|政府工作的报告"),
    ("法治政府建设", r"法治政府建设|依法行政"),
    ("政府信息公开年报", r"(?:政府信息|政务)公开.{0,12}(?:年度报告|年报|工作报告|情况)"),
    ("统计公报", r"统计公报|普查.{0,12}公报"),
    ("预算报告", r"预算.{0,12}(?:执行情况|草案)|决算"),
    ("审计工作报告", r"审计(?:工作)?报告|审计.{0,10}情况的报告"),
    ("计划报告", r"国民经济和社会发展.{0,6}计划"),
    ("规划纲要", r"规划纲要|五年规划"),
    ("白皮书", r"白皮书"),
    ("工作报告", r"工作(?:情况)?(?:的)?报告|年度报告"),
))
#: Kinds that review a year and appear the next spring: their date of issue is the year after.
ANNUAL_REVIEWS = frozenset({"法治政府建设", "政府信息公开年报", "统计公报", "审计工作报告", "预算报告", "工作报告"})

_YEAR = r"((?:19|20)\d{2})\s*年"
_YEAR_OF_RE = re.compile(_YEAR + r"\s*度")
_YEAR_RE = re.compile(_YEAR)
_OPENS_ON_YEAR_RE = re.compile(r"^" + _YEAR + r"\s*(?:度)?\s*[，,是]")
_SENTENCE_ON_YEAR_RE = re.compile(r"(?:^|[。！；\n])\s*(?:截至|截止)?\s*" + _YEAR + r"\s*(?:度|末|底)?\s*[，,]")
FIRST_TEXT = 600  # characters of the first section a year of the body is looked for in
HEAD_LINES = 8  # the lines before the first chapter that may name kind, year or issuer


def derive_kind(title: str, lines: list[str] = ()) -> str | None:
    for text in (title, *lines):
        for kind, pattern in KINDS:
            if pattern.search(text):
                return kind
    return None


def derive_year(report: Report, kind: str | None, lines: list[str]) -> int | None:
    m = _YEAR_OF_RE.search(report.title) or _YEAR_RE.search(report.title)
    if m:
        return int(m.group(1))
    if report.period:
        return report.period
    for line in lines:
        if (m := _YEAR_OF_RE.search(line)) and len(line) <= 40:
            return int(m.group(1))
    for line in lines:
        if m := _OPENS_ON_YEAR_RE.match(line):
            return int(m.group(1))
    if report.issued_on:
        year = report.issued_on.year
        return year - 1 if kind in ANNUAL_REVIEWS and report.issued_on.month <= 6 else year
    if kind != "政府工作报告" and (sections := report.sections()):
        if m := _SENTENCE_ON_YEAR_RE.search(sections[0].text[:FIRST_TEXT]):
            return int(m.group(1))
    return None


def head_lines(report: Report) -> list[str]:
    lines = [line.lstrip("#").strip() for line in report.preamble[:HEAD_LINES]]
    return [line for line in lines if line]


@dataclass
class Entry:
    """A row of the catalog (plain JSON types only: it is stored as JSON)."""

    id: str
    title: str
    issuer: str | None
    place: str | None
    year: int | None
    kind: str | None
    issued_on: str | None
    chapters: int
    sections: int
    figures: int
    measures: int
    warnings: int
    path: str
    sha256: str  # of the file's bytes (a JSON's own bytes, a raw text's bytes)
    source_sha256: str  # of the raw text the report came from (equal to sha256 for a raw text)
    format: str  # "text" (ingested) or "json" (validated)
    file: str  # the report's source.file (the raw text's name, as ingest records it)
    #: the place in pinyin, whole and initials (``wenzhou``, ``wz``), from the report's own
    #: readings: what the filters match ``@wenzhou`` against without loading the report
    place_spellings: list[str]

    def to_dict(self) -> dict:
        return asdict(self)


def entry_for(report: Report, *, path: str, sha256: str, fmt: str) -> Entry:
    from tui.search.filters import spellings

    lines = head_lines(report)
    kind = derive_kind(report.title, lines)
    place = derive_place(report.issuer, report.title, lines + list(report.signature),
                         lambda: "\n".join(section.text for section in report.sections()))
    return Entry(
        id=report.id,
        title=report.title,
        issuer=report.issuer,
        place=place,
        year=derive_year(report, kind, lines),
        kind=kind,
        issued_on=report.issued_on.isoformat() if report.issued_on else None,
        chapters=len(report.chapters),
        sections=len(report.sections()),
        figures=len(report.figures()),
        measures=len(report.measures),
        warnings=len(report.warnings),
        path=path,
        sha256=sha256,
        source_sha256=report.source.sha256,
        format=fmt,
        file=report.source.file,
        place_spellings=list(spellings(place, report.pinyin or {})),
    )
