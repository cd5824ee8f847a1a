"""The report model: the one source of truth (pydantic v2, no Textual).

A ``Report`` holds chapters → sections, the figures (statistics) and the measures
(named documents and initiatives) found in them, and every other line of the source
verbatim (``preamble``, ``closing``, ``signature``, ``extras``).  Field names and
meanings follow the public contract (README.md, "The report JSON"); extra fields may be
added, never renamed.

Ids are stable and derived from structure, not from position in memory:
chapter ``"6"``, section ``"6.1"`` (``"6.0"`` for the lead-in text of a chapter before
its first marked section), figure ``"6.1/f3"`` (third figure of 6.1), measure ``"m12"``
(12th distinct name in order of first mention).

What the app cannot show is refused here, in one place (:func:`check_report`, run by
every ``Report`` built or loaded): ids of the wrong shape or used twice, a section outside
its chapter, figures and mentions whose offsets do not point at their text, ``pair``
links to no figure, empty names, NaN/Infinity and integers beyond any real value.  What
only a JSON text can hold (lone surrogates, absurd nesting, 5,000-digit numbers) is
refused where the JSON is parsed (``tui.loading``).
"""

from __future__ import annotations

import io
import json
from datetime import date
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = 1

CHAPTER_ID = r"^[0-9]{1,4}$"
SECTION_ID = r"^[0-9]{1,4}\.[0-9]{1,4}$"
FIGURE_ID = r"^[0-9]{1,4}\.[0-9]{1,4}/f[1-9][0-9]{0,7}$"
MEASURE_ID = r"^m[1-9][0-9]{0,7}$"
REPORT_ID = r"^\w[\w.-]{0,199}$"
# offsets and sizes: far beyond any real report (the input limit is 16 MB), far below
# the numbers that only an attacker writes (a 4,000-digit integer is a valid JSON number)
MAX_INT = 2**31 - 1
Offset = Annotated[int, Field(ge=0, le=MAX_INT)]


class ReportInvalid(ValueError):
    """A rule of the report broken at a field path below the model that checks it.

    ``at`` is that path ("chapters[2].sections[0].figures[1].pair"); ``reason`` says what
    is wrong.  Raised inside a validator, pydantic wraps it in a ``ValidationError`` whose
    error context holds it (``tui.loading`` joins the two into one line)."""

    def __init__(self, at: str, reason: str) -> None:
        super().__init__(f"{at}: {reason}")
        self.at = at
        self.reason = reason


def _short(text: str, limit: int = 40) -> str:
    """Report text quoted for an error message: escaped (repr), and cut."""
    return repr(text[:limit]) + ("…" if len(text) > limit else "")


def _shaped(pattern: str, example: str):
    """An id type checked with Python's ``re`` (pydantic-core's compiled patterns cost
    over a megabyte at import: the app's start-up pays for it) and named in the schema."""
    # fullmatch: with match, "$" also matches before a final newline ("1.1\n" passed)
    fullmatch = re.compile(pattern).fullmatch

    def check(value: str) -> str:
        if not fullmatch(value):
            raise ValueError(f"{value[:40]!r} is not an id like {example}")
        return value

    return Annotated[str, AfterValidator(check), Field(json_schema_extra={"pattern": pattern})]


ChapterId = _shaped(CHAPTER_ID, '"6"')
SectionId = _shaped(SECTION_ID, '"6.1"')
FigureId = _shaped(FIGURE_ID, '"6.1/f3"')
MeasureId = _shaped(MEASURE_ID, '"m12"')
ReportId = _shaped(REPORT_ID, '"wenzhou-2018-rule-of-law"')
TABLE_ID = r"^[0-9]{1,4}\.[0-9]{1,4}/t[1-9][0-9]{0,5}$"
PART_ID = r"^(?:annex|tables|glossary|notes|sources|appendix)(?:-[0-9]{1,3}){0,2}$"
TableId = _shaped(TABLE_ID, '"3.2/t1"')
PartId = _shaped(PART_ID, '"glossary"')

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
    # allow_inf_nan=False: NaN/Infinity (which json.loads accepts) are refused in every float
    model_config = ConfigDict(extra="ignore", frozen=False, allow_inf_nan=False)


class Source(_Model):
    """Where a report came from: enough to tell whether the raw file changed."""

    file: str = Field(description="file name of the raw text (no directory)")
    encoding: str = Field(description="detected encoding: utf-8, utf-8-sig, gb18030, utf-16")
    sha256: str = Field(description="sha256 of the raw bytes")
    size: int = Field(0, ge=0, le=MAX_INT, description="size of the raw bytes")
    newline: str = Field("LF", description="line ending found: LF, CRLF, CR, mixed")


class Figure(_Model):
    """One statistic written with Arabic digits."""

    id: FigureId = Field(description='stable id, "<section>/f<n>"')
    section: SectionId = Field(description='id of the section holding it, e.g. "6.1"')
    raw: str = Field(min_length=1, description="the figure as written, with its unit: 17.3%")
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
    start: Offset = Field(description="offset of raw in the section text")
    end: Offset = Field(description="end offset of raw in the section text")
    role: Literal["from", "to", "change", "low", "high"] | None = Field(
        None, description="part of a from→to pair, a change (比…提高), or a range bound"
    )
    pair: FigureId | None = Field(
        None, description="id of the linked figure of a from→to pair (whose pair is this figure)"
    )


class Mention(_Model):
    section: SectionId
    start: Offset
    end: Offset


class Measure(_Model):
    """A named document (《…》) or initiative/slogan (“…”), one entry per name."""

    id: MeasureId = Field(description='"m12": the 12th distinct name in order of first mention')
    name: str = Field(min_length=1, description="the name without 《》 or “”")
    kind: MeasureKind
    mentions: list[Mention] = Field(default_factory=list)


class TableCell(_Model):
    """One cell of a table: as printed, where it is, and the number it holds."""

    text: str = Field(description="the cell as printed: the verbatim slice text[start:end] of the section text")
    start: Offset = Field(description="offset of the cell in the section text (start == end: an empty cell)")
    end: Offset
    value: float | None = Field(None, description="the number of a numeric cell, else null (blank, '-', words)")
    unit: str | None = Field(None, description="unit of the cell, or of its column header (本年收费金额（单位：万元）)")
    figure: FigureId | None = Field(None, description="id of the figure this numeric cell is")
    key: str | None = Field(None, description="column key in a standard table (自然人, 法人或其他组织/商业企业 …)")


class TableRow(_Model):
    header: str = Field(description="the row header as printed (its first cell, or the caption); '' when none")
    key: str | None = Field(
        None, description="row key in a standard table: 三、本年度办理结果/（三）不予公开/1.属于国家秘密 …"
    )
    cells: list[TableCell] = Field(default_factory=list, description="every cell of the row, the header cell included")


class Table(_Model):
    """A table in a section's text (Markdown pipe rows, or space-aligned rows from a PDF)."""

    id: TableId = Field(description='"<section>/t<n>": the n-th table of the section')
    section: SectionId
    kind: Literal["markdown", "text"]
    caption: str | None = Field(None, description="the caption line above it (表1：…, a heading), ** removed")
    start: Offset = Field(description="offset of the table's first line in the section text")
    end: Offset = Field(description="end offset of its last line: text[start:end] is the table as printed")
    header_rows: list[list[str]] = Field(default_factory=list, description="header rows as printed")
    columns: list[str] = Field(
        default_factory=list, description="one header per column, merged header cells spread (按资产总额计算(%) 1985)"
    )
    rows: list[TableRow] = Field(default_factory=list)
    standard: Literal["active", "requests", "appeals"] | None = Field(
        None, description="which standard table of 政府信息公开工作年度报告 it is (row/cell keys then set)"
    )


class Section(_Model):
    id: SectionId = Field(description='"6.1"; "6.0" is a chapter\'s lead-in before its first marker')
    number: str = Field(description='"一" for （一）; "" for an unmarked lead-in')
    title: str = Field(description="the first sentence without its marker")
    text: str = Field(description="verbatim source text of the section, marker included")
    figures: list[Figure] = Field(default_factory=list)
    measures: list[str] = Field(default_factory=list, description="names mentioned")
    marker: str = Field("", description='the marker as printed: "（一）", "一是", "第一，", "###"; "" when none')
    tables: list[Table] = Field(default_factory=list, description="tables in the text; numeric cells are figures")


class Chapter(_Model):
    id: ChapterId = Field(description='"6"')
    number: str = Field(description='"六"; "" for an implicit chapter')
    title: str
    heading: str = Field(description="the verbatim source heading line ('' if implicit)")
    sections: list[Section] = Field(default_factory=list)


PartKind = Literal["annex", "tables", "glossary", "notes", "sources", "appendix"]


class PartEntry(_Model):
    number: str = Field(description='the item number as printed: "7" for 7. or [7]')
    term: str | None = Field(None, description="the term a glossary item explains (“两重”); null for a note")
    definition: str = Field(description="the item's text, its lines joined")
    line: Offset = Field(description="index in closing of the item's first line")


class Part(_Model):
    """A part after the body (附件, 名词解释, 注释, 资料来源, 附表, 附): lines of ``closing``."""

    id: PartId = Field(description='"annex-1", "glossary", "notes", "sources" …; a second one of a kind gets "-2"')
    kind: PartKind
    title: str = Field(description="附件1, 名词解释, 注释 …")
    start: Offset = Field(description="index in closing of the part's heading line")
    end: Offset = Field(description="one past its last line in closing")
    entries: list[PartEntry] = Field(default_factory=list, description="glossary items or numbered notes")


class NoteRef(_Model):
    """A note marker ``[n]`` in a section's text, linked to its note."""

    section: SectionId
    start: Offset
    end: Offset
    note: str = Field(description='the note number ("2" for [2])')
    part: PartId | None = Field(None, description="id of the notes part holding note n; null when there is none")


class Report(_Model):
    id: ReportId = Field(description="slug of the source file name")
    title: str
    issuer: str | None = None
    issued_on: date | None = None
    period: int | None = Field(None, ge=0, le=9999, description="the year covered (2018年度 → 2018)")
    published_at: str | None = Field(None, description="publication time from web boilerplate")
    url: str | None = Field(None, description="URL from web boilerplate (本文链接)")
    chapters: list[Chapter] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    preamble: list[str] = Field(default_factory=list)
    closing: list[str] = Field(default_factory=list)
    signature: list[str] = Field(default_factory=list)
    extras: list[str] = Field(default_factory=list)
    parts: list[Part] = Field(default_factory=list, description="parts after the body, as line ranges of closing")
    note_refs: list[NoteRef] = Field(default_factory=list, description="note markers [n] in the text")
    source: Source
    warnings: list[str] = Field(default_factory=list)
    pinyin: dict[str, list[str]] | None = Field(
        None,
        description="readings (toneless, ü as v) of every Han character in the report; "
        "computed at ingest so that search never imports pypinyin",
    )
    schema_version: int = Field(SCHEMA_VERSION, ge=1, le=SCHEMA_VERSION)

    @model_validator(mode="after")
    def _consistent(self) -> Report:
        check_report(self)
        check_tables_and_parts(self)
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
        """Deterministic JSON: same report → byte-identical text.

        CJK as is; C1 controls, bidi and format characters escaped as ``\\uXXXX``
        (:func:`tui.safe_text.escape_json`), so the JSON on a terminal cannot drive it."""
        from tui.safe_text import escape_json

        data = self.model_dump(mode="json")
        # chunk by chunk, the same text as json.dumps(data, ensure_ascii=False, indent=1),
        # which holds a list of all ~2 million chunks per MB of a figure-dense text
        out = io.StringIO()
        for chunk in json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(data):
            out.write(chunk)
        return escape_json(out.getvalue()) + "\n"


def _span_error(at: str, start: int, end: int, text: str, wanted: str, section_id: str) -> ReportInvalid:
    """What is wrong with a span that does not point at ``wanted`` in ``text``."""
    if start > end:
        return ReportInvalid(f"{at}.start", f"start {start} is after end {end}")
    if end > len(text):
        return ReportInvalid(f"{at}.end", f"end {end} is past the end of section {section_id} "
                                          f"({len(text)} characters)")
    return ReportInvalid(at, f"start/end do not point at {_short(wanted)} in section {section_id} ({start}-{end})")


def check_report(report: Report) -> None:
    """Raise :class:`ReportInvalid` at the first rule the report breaks (see the module
    docstring).  One pass; paths are spelled out only for an error (the app's start-up
    pays for this check on every load)."""
    chapters: dict[str, int] = {}
    sections: dict[str, tuple[int, int, Section]] = {}
    figures: dict[str, tuple[int, int, int, Figure]] = {}
    for ci, chapter in enumerate(report.chapters):
        if chapter.id in chapters:
            raise ReportInvalid(f"chapters[{ci}].id", f"chapter id {chapter.id!r} is used twice "
                                                      f"(also chapters[{chapters[chapter.id]}])")
        chapters[chapter.id] = ci
        prefix = chapter.id + "."
        for si, section in enumerate(chapter.sections):
            sid = section.id
            if sid in sections:
                ci2, si2, _ = sections[sid]
                raise ReportInvalid(f"chapters[{ci}].sections[{si}].id", f"section id {sid!r} is used twice "
                                                                          f"(also chapters[{ci2}].sections[{si2}])")
            if not sid.startswith(prefix):
                raise ReportInvalid(f"chapters[{ci}].sections[{si}].id",
                                    f"section {sid!r} is not in chapter {chapter.id!r}")
            sections[sid] = (ci, si, section)
            text = section.text
            fig_prefix = sid + "/"
            for fi, figure in enumerate(section.figures):
                if figure.section != sid:
                    raise ReportInvalid(f"chapters[{ci}].sections[{si}].figures[{fi}].section",
                                        f"figure {figure.id} says section {figure.section!r} but is in {sid!r}")
                if not figure.id.startswith(fig_prefix):
                    raise ReportInvalid(f"chapters[{ci}].sections[{si}].figures[{fi}].id",
                                        f"figure id {figure.id!r} does not start with its section's id {sid!r}")
                if figure.id in figures:
                    ci2, si2, fi2, _ = figures[figure.id]
                    raise ReportInvalid(f"chapters[{ci}].sections[{si}].figures[{fi}].id",
                                        f"figure id {figure.id!r} is used twice "
                                        f"(also chapters[{ci2}].sections[{si2}].figures[{fi2}])")
                figures[figure.id] = (ci, si, fi, figure)
                if text[figure.start:figure.end] != figure.raw or figure.start > figure.end:
                    raise _span_error(f"chapters[{ci}].sections[{si}].figures[{fi}]",
                                      figure.start, figure.end, text, figure.raw, sid)
    for ci, si, fi, figure in figures.values():
        if figure.pair is None:
            continue
        at = f"chapters[{ci}].sections[{si}].figures[{fi}].pair"
        if figure.pair == figure.id:
            raise ReportInvalid(at, f"figure {figure.id} is paired with itself")
        partner = figures.get(figure.pair)
        if partner is None:
            raise ReportInvalid(at, f"{figure.pair!r} names no figure of the report")
        if partner[3].pair != figure.id:
            raise ReportInvalid(at, f"{figure.pair} does not pair back with {figure.id} "
                                    f"(its pair is {partner[3].pair!r})")
    measures: dict[str, int] = {}
    for mi, measure in enumerate(report.measures):
        if measure.id in measures:
            raise ReportInvalid(f"measures[{mi}].id", f"measure id {measure.id!r} is used twice "
                                                      f"(also measures[{measures[measure.id]}])")
        measures[measure.id] = mi
        name = measure.name
        if not name.strip():
            raise ReportInvalid(f"measures[{mi}].name", f"the name {_short(name)} is blank")
        for ki, mention in enumerate(measure.mentions):
            found = sections.get(mention.section)
            if found is None:
                raise ReportInvalid(f"measures[{mi}].mentions[{ki}].section",
                                    f"no section {mention.section!r} in the report")
            text = found[2].text
            if text[mention.start:mention.end] != name or mention.start > mention.end:
                raise _span_error(f"measures[{mi}].mentions[{ki}]", mention.start, mention.end, text, name,
                                  mention.section)
    names = {measure.name for measure in report.measures}
    for ci, si, section in sections.values():
        for ni, name in enumerate(section.measures):
            if name not in names:
                raise ReportInvalid(f"chapters[{ci}].sections[{si}].measures[{ni}]",
                                    f"{_short(name)} names no measure of the report")


def check_tables_and_parts(report: Report) -> None:
    """Tables, parts and note links point where they say (:class:`ReportInvalid` if not):
    a table's id is its section's, its span and every cell lie in the section text and a
    cell's text is its slice, a cell's figure is a figure of the section at the same
    span; parts are ranges of ``closing`` in order, ids unique; a note marker is ``[n]``
    in its section and names a part of the report."""
    seen: set[str] = set()
    for ci, chapter in enumerate(report.chapters):
        for si, section in enumerate(chapter.sections):
            if not section.tables:
                continue
            text = section.text
            figures = {f.id: f for f in section.figures}
            for ti, table in enumerate(section.tables):
                at = f"chapters[{ci}].sections[{si}].tables[{ti}]"
                if table.section != section.id or not table.id.startswith(section.id + "/t"):
                    raise ReportInvalid(f"{at}.id", f"table {table.id!r} is not in section {section.id!r}")
                if table.id in seen:
                    raise ReportInvalid(f"{at}.id", f"table id {table.id!r} is used twice")
                seen.add(table.id)
                if not table.start <= table.end <= len(text):
                    raise ReportInvalid(at, f"span {table.start}-{table.end} is not in section {section.id} "
                                            f"({len(text)} characters)")
                for ri, row in enumerate(table.rows):
                    for ki, cell in enumerate(row.cells):
                        cat = f"{at}.rows[{ri}].cells[{ki}]"
                        if cell.start > cell.end or text[cell.start:cell.end] != cell.text:
                            raise _span_error(cat, cell.start, cell.end, text, cell.text, section.id)
                        if cell.figure is None:
                            continue
                        figure = figures.get(cell.figure)
                        if figure is None or (figure.start, figure.end) != (cell.start, cell.end):
                            raise ReportInvalid(f"{cat}.figure", f"{cell.figure!r} is no figure of section "
                                                                 f"{section.id} at the cell's span")
    ids: set[str] = set()
    previous_end = 0
    for pi, part in enumerate(report.parts):
        at = f"parts[{pi}]"
        if part.id in ids:
            raise ReportInvalid(f"{at}.id", f"part id {part.id!r} is used twice")
        ids.add(part.id)
        if not previous_end <= part.start < part.end <= len(report.closing):
            raise ReportInvalid(at, f"lines {part.start}-{part.end} are not a range of closing after the "
                                    f"previous part ({len(report.closing)} lines)")
        previous_end = part.end
        for ei, entry in enumerate(part.entries):
            if not part.start <= entry.line < part.end:
                raise ReportInvalid(f"{at}.entries[{ei}].line", f"line {entry.line} is outside the part")
    texts = {s.id: s.text for s in report.sections()}
    for ni, ref in enumerate(report.note_refs):
        at = f"note_refs[{ni}]"
        text = texts.get(ref.section)
        if text is None:
            raise ReportInvalid(f"{at}.section", f"no section {ref.section!r} in the report")
        wanted = f"[{ref.note}]"
        if ref.start > ref.end or text[ref.start:ref.end] != wanted:
            raise _span_error(at, ref.start, ref.end, text, wanted, ref.section)
        if ref.part is not None and ref.part not in ids:
            raise ReportInvalid(f"{at}.part", f"{ref.part!r} names no part of the report")


def within(section_id: str, scope: str) -> bool:
    """Whether section ``section_id`` ("6.1") lies inside ``scope`` ("6" or "6.1")."""
    return section_id == scope or section_id.startswith(scope + ".")


def report_schema() -> dict:
    return Report.model_json_schema()
