"""Pure renderers: section / figure / outline → plain text, Markdown, JSON, CSV.

The CLI (``show``, ``figures``, ``outline``) and the app's copy and export actions use
these same functions, so what a person copies is what a script gets.  Everything that
leaves through here passes :func:`tui.safe_text.clean` (also importable as
``tui.export.clean``): report text is data, and control characters or escape sequences in
it must never reach a terminal or a clipboard.
"""

from __future__ import annotations

import csv
import io
import json

from tui.model import Chapter, Figure, Report, Section
from tui.safe_text import clean, escape_json


FORMATS = ("text", "md", "json")


def json_text(data: object, indent: int | None = 1) -> str:
    """JSON for people and scripts: CJK as is, every control character escaped as \\uXXXX.

    ``json.dumps`` escapes C0 controls itself; C1 controls, bidi and other format
    characters are escaped by :func:`tui.safe_text.escape_json`, so that JSON output
    keeps the data exactly and still cannot drive a terminal.
    """
    return escape_json(json.dumps(data, ensure_ascii=False, indent=indent))


def date_text(report: Report) -> str:
    d = report.issued_on
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def section_label(chapter: Chapter | None, section: Section) -> str:
    """'六、健全完善… › （一）完善行政复议工作制度' — the breadcrumb of a section."""
    parts = []
    if chapter is not None:
        parts.append(f"{chapter.number}、{chapter.title}" if chapter.number else chapter.title)
    parts.append(f"（{section.number}）{section.title}" if section.number else section.title)
    return " › ".join(p for p in parts if p)


def citation(report: Report, section: Section) -> str:
    """One line naming where a text comes from: report, issuer, date, section."""
    chapter = report.chapter_of(section.id)
    who = "，".join(p for p in (report.issuer or "", date_text(report)) if p)
    head = f"《{report.title}》" + (f"（{who}）" if who else "")
    return clean(f"{head}，{section_label(chapter, section)} [{section.id}]")


def section_text(report: Report, section: Section, cite: str | None = None) -> str:
    """``cite``: the citation line to use (the app's chosen style); default :func:`citation`."""
    return clean(f"{section.text}\n\n——{cite or citation(report, section)}\n")


def section_markdown(report: Report, section: Section, cite: str | None = None) -> str:
    chapter = report.chapter_of(section.id)
    heading = section_label(chapter, section)
    body = "\n\n".join(line for line in section.text.split("\n"))
    return clean(f"### {heading}\n\n{body}\n\n> 来源：{cite or citation(report, section)}\n")


def section_json(report: Report, section: Section, cite: str | None = None) -> str:
    data = {
        "report": {"id": report.id, "title": report.title, "issuer": report.issuer,
                   "issued_on": report.issued_on.isoformat() if report.issued_on else None},
        "citation": clean(cite) if cite else citation(report, section),
        "section": json.loads(section.model_dump_json()),
    }
    return json_text(data, indent=2) + "\n"


def render_section(report: Report, section: Section, fmt: str = "text", cite: str | None = None) -> str:
    if fmt == "md":
        return section_markdown(report, section, cite)
    if fmt == "json":
        return section_json(report, section, cite)
    return section_text(report, section, cite)


def figure_text(report: Report, figure: Figure) -> str:
    """A figure with its sentence and citation, as copied by the app's ``y``."""
    section = report.section(figure.section)
    where = citation(report, section) if section else f"《{report.title}》 [{figure.section}]"
    return clean(f"{figure.label}：{figure.raw}\n{figure.sentence}\n——{where}\n")


FIGURE_COLUMNS = ("section", "label", "raw", "value", "unit", "qualifier", "kind",
                  "role", "value_high", "scaled_value", "pair")


def figure_row(figure: Figure) -> dict[str, object]:
    return {
        "section": clean(figure.section),
        "label": clean(figure.label),
        "raw": clean(figure.raw),
        "value": figure.value,
        "unit": clean(figure.unit or ""),
        "qualifier": clean(figure.qualifier or ""),
        "kind": figure.kind,
        "role": figure.role or "",
        "value_high": "" if figure.value_high is None else figure.value_high,
        "scaled_value": "" if figure.scaled_value is None else figure.scaled_value,
        "pair": clean(figure.pair or ""),
    }


def figures_csv(figures: list[Figure]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIGURE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for figure in figures:
        writer.writerow(figure_row(figure))
    return out.getvalue()


#: Columns of the Markdown figure table (the app's figure table saved as it is shown).
MARKDOWN_COLUMNS = ("section", "label", "raw", "kind", "role")


def _cell(text: object) -> str:
    """A Markdown table cell: one line, | escaped."""
    return clean(str(text), lines=False).replace("\\", "\\\\").replace("|", "\\|")


def figures_markdown(figures: list[Figure]) -> str:
    """A Markdown table: section, label, value as written, kind, role — in the given order."""
    lines = ["| " + " | ".join(MARKDOWN_COLUMNS) + " |", "| --- | --- | ---: | --- | --- |"]
    for f in figures:
        lines.append("| " + " | ".join(_cell(v) for v in (f.section, f.label, f.raw, f.kind, f.role or "")) + " |")
    return "\n".join(lines) + "\n"


def figures_json(figures: list[Figure]) -> str:
    return json_text([f.model_dump(mode="json") for f in figures]) + "\n"


def figures_table(figures: list[Figure]) -> str:
    lines = []
    for f in figures:
        q = f" ({f.qualifier})" if f.qualifier else ""
        role = f"  [{f.role}]" if f.role else ""
        lines.append(clean(f"{f.section:<6} {f.kind:<9} {f.raw}{q}  {f.label}{role}"))
    return "\n".join(lines) + ("\n" if lines else "")


def outline_text(report: Report) -> str:
    lines = [clean(report.title)]
    meta = "，".join(p for p in (report.issuer or "", date_text(report)) if p)
    if meta:
        lines.append(clean(meta, lines=False))
    lines.append(f"{len(report.chapters)} chapters, {len(report.sections())} sections, "
                 f"{len(report.figures())} figures, {len(report.measures)} measures")
    for chapter in report.chapters:
        lines.append(clean(f"{chapter.id:>3}  {chapter.number + '、' if chapter.number else ''}{chapter.title}"))
        for section in chapter.sections:
            number = f"（{section.number}）" if section.number else ""
            if section.marker and not section.marker.startswith(("（", "(", "#")):
                number = section.marker  # 一是 / 第一，: as printed
            n = len(section.figures)
            count = f"  [{n} figure{'s' if n != 1 else ''}]" if n else ""
            lines.append(clean(f"{section.id:>7}  {number}{section.title}{count}"))
    for part in report.parts:
        n = len(part.entries)
        count = f"  [{n} entr{'ies' if n != 1 else 'y'}]" if n else ""
        lines.append(clean(f"{part.id:>9}  {part.title}{count}"))
    return "\n".join(lines) + "\n"
