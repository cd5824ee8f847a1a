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
    TITLE_HINT_RE,
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
DATE_IN_TEXT_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
ISSUER_IN_TITLE_RE = re.compile(
    r"^(?:\d{4}\s*年\s*度?)?\s*([\u4e00-\u9fff]{2,24}?(?:人民政府(?:办公厅|办公室)?|政府|国务院))")


#: A text whose letters are under this share Chinese characters (the rest Latin letters) is
#: not a report of the family: a README, a licence, notes in English beside the reports.
#: (The corpus' READMEs: 7 % and 10 %; its reports 60–100 %, a web page's with its URLs.)
MIN_CHINESE_SHARE = 0.3
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN_RE = re.compile(r"[A-Za-z]+")


def refuse_non_chinese(text: str, name: str) -> None:
    """Raise :class:`ReportError` when ``text`` is mostly Latin letters, not Chinese."""
    han = len(text) - len(_HAN_RE.sub("", text))
    latin = len(text) - len(_LATIN_RE.sub("", text))
    if han < MIN_CHINESE_SHARE * (han + latin):
        raise ReportError(f"{name}: not a Chinese report ({han:,} Chinese characters to {latin:,} Latin "
                          "letters): a README or notes?")


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
    report = ingest_text(extracted.text, name, decoded=decoded, with_pinyin=False, title_head=extracted.title)
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
    text: str, name: str = "report.txt", *, decoded: Decoded | None = None, with_pinyin: bool = True,
    title_head: str | None = None,
) -> Report:
    """``title_head``: a format reader's metadata title, the head of a composed title when
    no line of the text is a title (``_composed_title``)."""
    if decoded is None:
        decoded = decode_bytes(text.encode("utf-8"), name)
        text = decoded.text
    refuse_non_chinese(text, name)
    with gc_paused():
        lines, furniture, _ = unwrap(source_lines(text))
        skeleton = parse_lines(lines, furniture)
        chapters = _chapters(skeleton, name)
        measures = find_measures(chapters)
    title = _title(skeleton)
    issuer, issued_on = _issuer_and_date(skeleton, title)
    warnings = list(skeleton.warnings)
    if not TITLE_HINT_RE.search(title):
        composed = _composed_title(title_head or _issuer_stem(issuer), skeleton.preamble, text, issuer)
        if composed:
            head = "the file's metadata title" if title_head else "the issuer's place"
            warnings.append(f"no title line in the text (an image?): the title {composed!r} is made of {head}, "
                            "the year the text opens with and what it calls itself")
            title = composed
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
        warnings=warnings,
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
            title_source = _title_source(raw_section) if titled else _lead_in_source(text)
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


def _lead_in_source(text: str) -> str:
    """A lead-in's title comes from its opening words; when it opens with a table, from the
    table's first named cell as the reading pane shows it (``第二十条第（一）项``, not
    ``| 第二十条…``)."""
    first = text.split("\n", 1)[0].strip()
    if len(first) >= 2 and first.startswith("|") and first.endswith("|"):
        cells = [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", first[1:-1])]
        # a note in brackets over the table (（本列数据的勾稽关系为：…）) is not what it is about
        named = [cell for cell in cells if cell and not (cell[0] in "（(" and cell[-1] in "）)")]
        return next(iter(named or [cell for cell in cells if cell]), text)
    return text


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


SELF_NAME_RE = re.compile(r"本(统计)?(公报|年报|报告|白皮书)")  # 本公报中数据为初步统计数
OPENING_YEAR_RE = re.compile(r"^(\d{4})\s*年\s*[，,是度]")  # 2023年，在省委省政府…
PLACE_NAME_RE = re.compile(r"[\u4e00-\u9fff（）()·]{2,40}")
AGENCY_RE = re.compile(r"(?:人民政府|政府|办公室|办公厅|委员会|统计局|局|厅)$")


def _issuer_stem(issuer: str | None) -> str | None:
    """黔东南州统计局 → 黔东南州 (the place an issuer is of), else None."""
    if not issuer:
        return None
    stem = AGENCY_RE.sub("", issuer)
    return stem if 2 <= len(stem) < len(issuer) else None


def _composed_title(head: str | None, preamble: list[str], text: str, issuer: str | None) -> str | None:
    """A title for a text that prints none (on a PDF's first page it was an image): its
    head (the metadata title, else the issuer's place), the year the text opens with
    (``2023年，…``) and what the text calls itself (``本公报`` → 统计公报 from a 统计局);
    None when any of the three is missing."""
    # a place or a body's name (not a title, not "Microsoft Word - 文档1.doc")
    if not head or TITLE_HINT_RE.search(head) or not PLACE_NAME_RE.fullmatch(head):
        return None
    year = next((m.group(1) for line in preamble[:8] if (m := OPENING_YEAR_RE.match(line.strip()))), None)
    named = SELF_NAME_RE.search(text)
    if year is None or named is None:
        return None
    kind = named.group(2)
    if kind == "公报" and (named.group(1) or (issuer and "统计" in issuer)):
        kind = "统计公报"
    return f"{head}{year}年{kind}"


def _issuer_and_date(skeleton: Skeleton, title: str) -> tuple[str | None, date | None]:
    issuer = None
    issued: date | None = None
    for line in skeleton.signature:
        m = DATE_LINE_RE.match(line)
        if m:
            issued = _date(*m.groups())
        elif ISSUER_RE.match(line):
            issuer = line
    if issuer is None or issued is None:
        # an issuer line beside a date line before the body (黔东南州统计局 / 2021年5月1日 under
        # the title of a 统计公报, wherever the page's navigation leaves them)
        lines = [line.lstrip("#").strip() for line in skeleton.preamble]
        for a, b in zip(lines, lines[1:]):
            for name, when in ((a, b), (b, a)):
                m = DATE_LINE_RE.match(when)
                if m and ISSUER_RE.match(name) and _date(*m.groups()):
                    issuer, issued = issuer or name, issued or _date(*m.groups())
                    break
            else:
                continue
            break
    if issuer is None:
        for line in skeleton.preamble[:6]:
            if ISSUER_RE.match(line.lstrip("#").strip()):
                issuer = line.lstrip("#").strip()
                break
    if issuer is None:
        issuer = _speaker_office(skeleton.preamble[:12])
    if issuer is None:
        m = ISSUER_IN_TITLE_RE.match(title)
        if m:
            issuer = m.group(1)
    if issued is None:
        for line in skeleton.preamble[:8]:
            # a date in a title or subtitle line (——2018年3月5日在…会议上), never one inside a
            # body sentence (统计期限自2024年1月1日至…, 1996年1月1日起实施…)
            if any(p in line for p in "。，；"):
                continue
            m = DATE_IN_TEXT_RE.search(line)
            if m and (issued := _date(*m.groups())):
                break
    return issuer, issued


# 政府工作报告: the speaker under the title (国务院总理 李克强, 四川省人民政府省长 施小琳) …
# (at the line's start, or after the 在…会议上 it was given at)
SPEAKER_RE = re.compile(r"(?:^|上)\s*(国务院|[\u4e00-\u9fff]{2,16}?(?:人民政府|政府))\s*"
                        r"(?:总理|副总理|省长|市长|区长|县长|州长|主席|旗长)\s*[\u4e00-\u9fff·]{2,5}$")
# … or the address's 现在，我代表国务院 / 我代表上海市人民政府 (not 省人民政府: that names no place)
ON_BEHALF_RE = re.compile(r"我代表(国务院|[\u4e00-\u9fff]{2,16}?(?:人民政府|政府))[，,]")


def _speaker_office(lines: list[str]) -> str | None:
    """The government a 政府工作报告 is given for, from the speaker line or the address."""
    for line in lines:
        if m := SPEAKER_RE.search(line.strip()):
            return m.group(1)
    for line in lines:
        m = ON_BEHALF_RE.search(line)
        if m and not m.group(1).startswith(("省", "市", "区", "县", "州", "自治")):
            return m.group(1)
    return None


def _date(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def _period(title: str) -> int | None:
    m = re.search(r"(\d{4})\s*年", title)
    return int(m.group(1)) if m else None
