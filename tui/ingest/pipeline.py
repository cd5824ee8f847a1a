"""The ingest pipeline: raw bytes → validated ``Report``."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

from tui.gc_pause import gc_paused
from tui.errors import ReportError
from tui.ingest.decode import MAX_JSON_BYTES, Decoded, decode_bytes, read_bytes
from tui.ingest.detect import Extracted, read_document
from tui.ingest.figures import OverBudget, json_floor
from tui.ingest.headings import RUN_RE
from tui.ingest.parts import find_parts, note_markers
from tui.ingest.printed_numbers import drop_note_markers
from tui.ingest.table_figures import section_tables_and_figures
from tui.ingest.text_repair import join_letter_spacing
from tui.ingest.wrapping import unwrap
from tui.ingest.measures import find_measures
from tui.ingest.structure import (
    DATE_LINE_RE,
    CHAPTER_RE,
    ISSUER_RE,
    SECTION_RE,
    Skeleton,
    clean_heading,
    first_sentence,
    parse_lines,
    source_lines,
    strip_marker,
)
from tui.model import Chapter, NoteRef, Part, PartEntry, Report, Section, Source

LEAD_IN_TITLE = 24  # characters of a lead-in's opening words used as its title
SLUG_MAX = 190  # characters of a report id from a file name: room for "-NNN" under 200
TITLE_HINT_RE = re.compile(r"报告|公报|纲要|白皮书|规划|意见|通知|决定|年报")
DATE_IN_TEXT_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
ISSUER_IN_TITLE_RE = re.compile(r"^(?:\d{4}\s*年\s*度?)?\s*([\u4e00-\u9fff]{2,24}?(?:人民政府|政府|国务院))")


def slug(name: str) -> str:
    stem = Path(name).name
    for suffix in (".json", ".txt", ".md", ".pdf", ".html", ".htm", ".docx"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
    stem = re.sub(r"\.(gb18030|gbk|utf-?8|utf-?16|md)$", "", stem, flags=re.I)
    # a report id (tui.model.REPORT_ID): a word character first (".notes.txt" → "notes"), and
    # at most SLUG_MAX characters, so that no file name, however long, makes an invalid report
    return re.sub(r"[^\w.-]+", "-", stem).lstrip(".-")[:SLUG_MAX].rstrip("-") or "report"


def text_file_name(name: str) -> str:
    """A file name as valid text: the bytes of a non-UTF-8 name (which Python hands over
    surrogate-escaped, e.g. ``b"bad\\xff.txt"`` → ``"bad\\udcff.txt"``) decoded with U+FFFD."""
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that stands for no byte
        raw = name.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "replace")


def ingest_file(path: str | Path, *, with_pinyin: bool = True) -> Report:
    path = Path(path)
    raw = read_bytes(path)
    extracted = read_document(raw, str(path))  # PDF / HTML / DOCX by content; errors name the path given
    if extracted is not None:
        return ingest_extracted(extracted, raw, path.name, with_pinyin=with_pinyin)
    decoded = decode_bytes(raw, str(path))
    return ingest_text(decoded.text, path.name, decoded=decoded, with_pinyin=with_pinyin)


def ingest_bytes(raw: bytes, name: str = "report.txt", *, with_pinyin: bool = True) -> Report:
    extracted = read_document(raw, name)
    if extracted is not None:
        return ingest_extracted(extracted, raw, name, with_pinyin=with_pinyin)
    decoded = decode_bytes(raw, name)
    return ingest_text(decoded.text, name, decoded=decoded, with_pinyin=with_pinyin)


def ingest_extracted(extracted: Extracted, raw: bytes, name: str, *, with_pinyin: bool = True) -> Report:
    """A format reader's text through the text pipeline; its page furniture and web
    boilerplate appended to ``extras``, its metadata filling what the text lacks."""
    decoded = Decoded(text=extracted.text, encoding=extracted.encoding, newline="LF",
                      sha256=hashlib.sha256(raw).hexdigest(), size=len(raw))
    report = ingest_text(extracted.text, name, decoded=decoded, with_pinyin=False)
    report.extras = report.extras + extracted.extras
    report.warnings = extracted.warnings + report.warnings
    meta = extracted.metadata
    if extracted.title and not TITLE_HINT_RE.search(report.title):
        report.warnings.append(f"no title line in the text (an image?): the title {extracted.title[:40]!r} "
                               "is the file's metadata title")
        report.title = extracted.title
        report.period = report.period or _period(extracted.title)
    if meta.get("issuer") and not report.issuer:
        report.issuer = meta["issuer"]
    if meta.get("issued_on") and not report.issued_on:
        report.issued_on = date.fromisoformat(meta["issued_on"])
    if meta.get("published_at") and not report.published_at:
        report.published_at = meta["published_at"]
    if with_pinyin:
        from tui.ingest.pinyin import report_pinyin

        report.pinyin = report_pinyin(report)
    return report


def ingest_text(
    text: str, name: str = "report.txt", *, decoded: Decoded | None = None, with_pinyin: bool = True
) -> Report:
    if decoded is None:
        decoded = decode_bytes(text.encode("utf-8"), name)
        text = decoded.text
    with gc_paused():
        lines, furniture, _ = unwrap(source_lines(text))
        skeleton = parse_lines(lines, furniture)
        chapters = _chapters(skeleton, name)
        measures = find_measures(chapters)
    title = _title(skeleton)
    issuer, issued_on = _issuer_and_date(skeleton, title)
    report = Report(
        id=slug(name),
        title=title,
        issuer=issuer,
        issued_on=issued_on,
        period=_period(title),
        published_at=skeleton.published_at,
        url=skeleton.url,
        chapters=chapters,
        measures=measures,
        preamble=skeleton.preamble,
        closing=skeleton.closing,
        signature=skeleton.signature,
        extras=skeleton.extras,
        parts=_parts(skeleton.closing),
        source=Source(
            file=text_file_name(Path(name).name),
            encoding=decoded.encoding,
            sha256=decoded.sha256,
            size=decoded.size,
            newline=decoded.newline,
        ),
        warnings=skeleton.warnings,
    )
    report.note_refs = _note_refs(report)
    if with_pinyin:
        from tui.ingest.pinyin import report_pinyin

        report.pinyin = report_pinyin(report)
    return report


def _too_large(name: str, figures: str) -> ReportError:
    return ReportError(f"{name}: the report JSON would be over the {MAX_JSON_BYTES / (1024 * 1024):.3g} MB limit "
                       f"for a report JSON ({figures}, about 600 bytes each): split the text")


def report_json(report: Report, name: str) -> str:
    """``report.to_json()``, refused with a one-line ``ReportError`` when it is over
    ``MAX_JSON_BYTES``: a report JSON that ingest writes always loads."""
    text = report.to_json()
    # UTF-8 takes at most 4 bytes per character: encode only when the count is in doubt
    if len(text) > MAX_JSON_BYTES or (len(text) * 4 > MAX_JSON_BYTES
                                      and len(text.encode("utf-8", "surrogatepass")) > MAX_JSON_BYTES):
        raise _too_large(name, f"{len(report.figures())} figures")
    return text


def _chapters(skeleton: Skeleton, name: str = "report.txt") -> list[Chapter]:
    """Chapters and sections with their figures.  The bytes they will take in the report
    JSON are added up as they are built (``json_floor``, a lower bound): a text whose
    report could not load is refused before the rest of its figures cost memory."""
    chapters: list[Chapter] = []
    spent, figures = 0, 0
    for ci, raw_chapter in enumerate(skeleton.chapters, start=1):
        sections: list[Section] = []
        marked = 0
        for k, raw_section in enumerate(raw_chapter.sections):
            # a lead-in (the text before the first marked section) is "<n>.0"; every other
            # section counts, unmarked ones too (the paragraphs after a 一是 run)
            if raw_section.number or raw_section.marker or k > 0:
                marked += 1
                sid = f"{ci}.{marked}"
            else:
                sid = f"{ci}.0"
            text = "\n".join(raw_section.lines)
            titled = bool(raw_section.number or raw_section.marker)
            title_source = _title_source(raw_section) if titled else text
            section = Section(
                id=sid,
                number=raw_section.number,
                # a lead-in has no title of its own: its opening words, kept short
                title=first_sentence(title_source, limit=80 if titled else LEAD_IN_TITLE) or sid,
                text=text,
                marker=raw_section.marker,
            )
            context = f"{raw_chapter.heading}\n{raw_section.lines[0] if raw_section.lines else ''}"
            try:
                section.tables, section.figures = section_tables_and_figures(
                    text, sid, context, budget=MAX_JSON_BYTES - spent)
            except OverBudget as over:
                raise _too_large(name, f"over {figures + over.figures - 1} figures by section {sid}") from None
            spent += json_floor(text, section.figures)
            figures += len(section.figures)
            if spent > MAX_JSON_BYTES:
                raise _too_large(name, f"{figures} figures by section {sid}")
            sections.append(section)
        title = _chapter_title(raw_chapter.heading) if raw_chapter.heading else ""
        chapters.append(
            Chapter(
                id=str(ci),
                number=raw_chapter.number,
                title=title or (sections[0].title if sections else str(ci)),
                heading=raw_chapter.heading,
                sections=sections,
            )
        )
    return chapters


def _title_source(raw_section) -> str:
    """A marked section's first line without its marker (（一）, 一是, ###), or the next
    line when the marker stands alone."""
    first = raw_section.lines[0]
    if raw_section.marker.startswith("#"):
        rest = first.lstrip("#").strip(" \t\u3000")
    elif RUN_RE.match(first) and not SECTION_RE.match(first):
        rest = first[RUN_RE.match(first).end():].strip(" \t\u3000")
    else:
        rest = strip_marker(first, SECTION_RE)
    return rest or "\n".join(raw_section.lines[1:2])


def _chapter_title(heading: str) -> str:
    """The heading's first sentence without its marker, inline images, note markers and
    the gaps of justified type (``一、综   合[2]`` → ``综合``)."""
    title = first_sentence(strip_marker(clean_heading(heading), CHAPTER_RE))
    return join_letter_spacing(drop_note_markers(title))


def _parts(closing: list[str]) -> list[Part]:
    return [
        Part(id=p.id, kind=p.kind, title=p.title, start=p.start, end=p.end,  # type: ignore[arg-type]
             entries=[PartEntry(number=e.number, term=e.term, definition=e.definition, line=p.start + e.line)
                      for e in p.entries])
        for p in find_parts(closing)
    ]


def _note_refs(report: Report) -> list[NoteRef]:
    """Note markers [n] in the sections, linked to the notes part (only when there is one)."""
    notes = [p for p in report.parts if p.kind == "notes"]
    if not notes:
        return []
    refs = []
    for section in report.sections():
        if "[" not in section.text:
            continue
        for start, end, number in note_markers(section.text):
            part = next((p.id for p in notes if any(e.number == number for e in p.entries)), None)
            refs.append(NoteRef(section=section.id, start=start, end=end, note=number, part=part))
    return refs


def _title(skeleton: Skeleton) -> str:
    if skeleton.page_title:
        return skeleton.page_title.strip()
    candidates = [line.lstrip("#").strip() for line in skeleton.preamble[:6]]
    for k, line in enumerate(candidates):
        if TITLE_HINT_RE.search(line) and len(line) <= 120:
            before = candidates[k - 1] if k else ""
            if len(line) <= 12 and before and not TITLE_HINT_RE.search(before) and len(before) <= 40 \
                    and not any(p in before for p in "。，,；;：:！？"):
                line = before + line  # a title broken over two lines
            return re.split(r"——|—|--", line)[0].strip() or line
    for line in candidates:
        if line:
            return line[:80]
    return "（无标题）"


def _issuer_and_date(skeleton: Skeleton, title: str) -> tuple[str | None, date | None]:
    issuer = None
    issued: date | None = None
    for line in skeleton.signature:
        m = DATE_LINE_RE.match(line)
        if m:
            issued = _date(*m.groups())
        elif ISSUER_RE.match(line):
            issuer = line
    if issuer is None:
        for line in skeleton.preamble[:6]:
            if ISSUER_RE.match(line.lstrip("#").strip()):
                issuer = line.lstrip("#").strip()
                break
    if issuer is None:
        m = ISSUER_IN_TITLE_RE.match(title)
        if m:
            issuer = m.group(1)
    if issued is None:
        for line in skeleton.preamble[:8]:
            m = DATE_IN_TEXT_RE.search(line)
            if m and (issued := _date(*m.groups())):
                break
    return issuer, issued


def _date(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def _period(title: str) -> int | None:
    m = re.search(r"(\d{4})\s*年", title)
    return int(m.group(1)) if m else None
