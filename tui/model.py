"""The report model: the one source of truth (pydantic v2, no Textual).

A ``Report`` holds chapters → sections, the figures (statistics) and the measures
(named documents and initiatives) found in them, and every other line of the source
verbatim (``preamble``, ``closing``, ``signature``, ``extras``).  Field names and
meanings follow the public contract in DESIGN.md; extra fields may be added, never
renamed.

Ids are stable and derived from structure, not from position in memory:
chapter ``"6"``, section ``"6.1"`` (``"6.0"`` for the lead-in text of a chapter before
its first marked section), figure ``"6.1/f3"`` (third figure of 6.1), measure ``"m12"``
(12th distinct name in order of first mention).
"""

from __future__ import annotations

import json
from datetime import date
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = 1

CHAPTER_ID = r"^[0-9]{1,4}$"
SECTION_ID = r"^[0-9]{1,4}\.[0-9]{1,4}$"
REPORT_ID = r"^\w[\w.-]{0,199}$"


def _shaped(pattern: str, example: str):
    """An id type checked with Python's ``re`` (pydantic-core's compiled patterns cost
    over a megabyte at import: the app's start-up pays for it) and named in the schema."""
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.match(value):
            raise ValueError(f"{value[:40]!r} is not an id like {example}")
        return value

    return Annotated[str, AfterValidator(check), Field(json_schema_extra={"pattern": pattern})]


ChapterId = _shaped(CHAPTER_ID, '"6"')
SectionId = _shaped(SECTION_ID, '"6.1"')
ReportId = _shaped(REPORT_ID, '"wenzhou-2018-rule-of-law"')

FigureKind = Literal[
    "count",
    "percent",
    "money",
    "area",
    "length",
    "weight",
    "duration",
    "date",
    "range",
    "ratio",
    "other",
]
MeasureKind = Literal["document", "initiative"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=False)


class Source(_Model):
    """Where a report came from: enough to tell whether the raw file changed."""

    file: str = Field(description="file name of the raw text (no directory)")
    encoding: str = Field(description="detected encoding: utf-8, utf-8-sig, gb18030, utf-16")
    sha256: str = Field(description="sha256 of the raw bytes")
    size: int = Field(0, description="size of the raw bytes")
    newline: str = Field("LF", description="line ending found: LF, CRLF, CR, mixed")


class Figure(_Model):
    """One statistic written with Arabic digits."""

    id: str = Field(description='stable id, "<section>/f<n>"')
    section: SectionId = Field(description='id of the section holding it, e.g. "6.1"')
    raw: str = Field(description="the figure as written, with its unit: 17.3%")
    value: float = Field(description="the number as written (no scale applied)")
    scaled_value: float | None = Field(
        None, description="value with 万/亿 applied (4.8万 → 48000), null when no scale"
    )
    value_high: float | None = Field(None, description="upper bound of a range (5-20天 → 20), else null")
    unit: str | None = Field(None, description="unit as written, scale included: %, 万平方米, 项")
    qualifier: str | None = Field(None, description="多, 余, 近, 约, 超, 以上, 左右 … or null")
    kind: FigureKind
    label: str = Field(description="short phrase saying what it counts, e.g. 纠错率")
    sentence: str = Field(description="the clause/sentence holding the figure")
    start: int = Field(description="offset of raw in the section text")
    end: int = Field(description="end offset of raw in the section text")
    role: Literal["from", "to", "change", "low", "high"] | None = Field(
        None, description="part of a from→to pair, a change (比…提高), or a range bound"
    )
    pair: str | None = Field(None, description="id of the linked figure of a from→to pair")


class Mention(_Model):
    section: SectionId
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Measure(_Model):
    """A named document (《…》) or initiative/slogan (“…”), one entry per name."""

    id: str
    name: str = Field(description="the name without 《》 or “”")
    kind: MeasureKind
    mentions: list[Mention] = Field(default_factory=list)


class Section(_Model):
    id: SectionId = Field(description='"6.1"; "6.0" is a chapter\'s lead-in before its first marker')
    number: str = Field(description='"一" for （一）; "" for an unmarked lead-in')
    title: str = Field(description="the first sentence without its marker")
    text: str = Field(description="verbatim source text of the section, marker included")
    figures: list[Figure] = Field(default_factory=list)
    measures: list[str] = Field(default_factory=list, description="names mentioned")

    @model_validator(mode="after")
    def _figures_point_into_text(self) -> Section:
        for figure in self.figures:
            if figure.section != self.id:
                raise ValueError(f"figure {figure.id} says section {figure.section!r} but is in {self.id!r}")
            if not 0 <= figure.start <= figure.end <= len(self.text) or \
                    self.text[figure.start:figure.end] != figure.raw:
                raise ValueError(f"figure {figure.id}: start/end do not point at {figure.raw!r} in the text")
        return self


class Chapter(_Model):
    id: ChapterId = Field(description='"6"')
    number: str = Field(description='"六"; "" for an implicit chapter')
    title: str
    heading: str = Field(description="the verbatim source heading line ('' if implicit)")
    sections: list[Section] = Field(default_factory=list)


class Report(_Model):
    id: ReportId = Field(description="slug of the source file name")
    title: str
    issuer: str | None = None
    issued_on: date | None = None
    period: int | None = Field(None, description="the year covered (2018年度 → 2018)")
    published_at: str | None = Field(None, description="publication time from web boilerplate")
    url: str | None = Field(None, description="URL from web boilerplate (本文链接)")
    chapters: list[Chapter] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    preamble: list[str] = Field(default_factory=list)
    closing: list[str] = Field(default_factory=list)
    signature: list[str] = Field(default_factory=list)
    extras: list[str] = Field(default_factory=list)
    source: Source
    warnings: list[str] = Field(default_factory=list)
    pinyin: dict[str, list[str]] | None = Field(
        None,
        description="readings (toneless, ü as v) of every Han character in the report; "
        "computed at ingest so that search never imports pypinyin",
    )
    schema_version: int = SCHEMA_VERSION

    @model_validator(mode="after")
    def _mentions_point_into_text(self) -> Report:
        texts = {s.id: s.text for c in self.chapters for s in c.sections}
        for measure in self.measures:
            for mention in measure.mentions:
                text = texts.get(mention.section)
                if text is None:
                    raise ValueError(f"measure {measure.id}: no section {mention.section!r}")
                if text[mention.start:mention.end] != measure.name:
                    raise ValueError(f"measure {measure.id}: start/end do not point at {measure.name!r}")
        return self

    # ---- navigation helpers (pure, cheap) -------------------------------------
    def sections(self) -> list[Section]:
        return [s for c in self.chapters for s in c.sections]

    def section(self, section_id: str) -> Section | None:
        for s in self.sections():
            if s.id == section_id:
                return s
        return None

    def chapter_of(self, section_id: str) -> Chapter | None:
        for c in self.chapters:
            if any(s.id == section_id for s in c.sections):
                return c
        return None

    def has_scope(self, scope: str) -> bool:
        """Whether ``scope`` ("6" or "6.1") names a chapter or section of this report."""
        return any(c.id == scope for c in self.chapters) or any(within(s.id, scope) for s in self.sections())

    def figures(self) -> list[Figure]:
        return [f for s in self.sections() for f in s.figures]

    def figure(self, figure_id: str) -> Figure | None:
        return next((f for f in self.figures() if f.id == figure_id), None)

    def to_json(self) -> str:
        """Deterministic JSON: same report → byte-identical text."""
        data = self.model_dump(mode="json")
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def within(section_id: str, scope: str) -> bool:
    """Whether section ``section_id`` ("6.1") lies inside ``scope`` ("6" or "6.1")."""
    return section_id == scope or section_id.startswith(scope + ".")


def report_schema() -> dict:
    return Report.model_json_schema()
