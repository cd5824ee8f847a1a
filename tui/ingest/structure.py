"""Lines → structure: chapters, sections, and the verbatim parts around them.

The parser works on the outline markers of this family of documents, found by their
pattern and by their nesting, never by position or by a known title:

* chapters: ``一、`` … or ``第一部分`` / ``第一章``; a Markdown ``#`` run may stand in front.
  A chapter marker counts only when its number is the next in sequence (一, 二, 三 …), so
  an ``一、`` list inside chapter 三 is not taken for a new chapter; where chapters carry
  Markdown ``#`` marks, a marker with *more* ``#`` than the chapters is a sub-heading.
* sections: ``（一）`` / ``(一)``, numbering restarting in each chapter and likewise
  required to run in sequence.  A section is the marker line and every line up to the
  next marker: the title is the first sentence (up to 。) without its marker, so
  title-only lines and title-sentence sections both work.
* text before a chapter's first section is the chapter's lead-in: section ``"<n>.0"``
  with an empty ``number``.  A chapter with no section markers keeps all its text there.
* deeper levels (1. / 1、 / （1） / 一是… runs, tables) stay inside their section text as
  paragraphs: the text is verbatim and the reading pane shows it as written.
* texts that are one long line with paragraphs indented by full-width spaces are first
  split at each run of two or more ``　`` (only whitespace changes).
* web boilerplate (浏览量, 来源, 字体 大 中 小, 分享, 扫描二维码, 本文链接, 责任编辑, 打印本页,
  关闭窗口 …) at the head, and everything from the first footer line on, goes to
  ``extras`` verbatim; a ``《…》`` page-title line too; so do a Markdown page's navigation
  lines at the head and just above the footer (``tui.ingest.web_lines``).  A scraped page
  that names its article in its head and again just above it (the first title line,
  recurring verbatim): the head's lines before the title's last copy go to ``extras``.
* chapter and section numerals are read by ``tui.ingest.cn_numbers.cn_value`` (the one
  Chinese-numeral parser).
* the signature (issuer line + date line) at the end goes to ``signature``; the
  closing (the text after the last section that is not part of it: an appendix such as
  名词解释, a 各位代表 address, or a concluding paragraph in a report whose sections are
  single paragraphs) goes to ``closing``.
* no markers at all: bare heading lines between body paragraphs (``tui.ingest.headings``)
  are the chapters; without those, one implicit chapter holding one section, and a warning.
* a chapter with no ``（一）`` sections takes its sections from Markdown sub-headings
  (``### 第二十条第（一）项``, where the chapters carry ``#`` marks) or from a ``一是…`` /
  ``第一，…`` run at paragraph starts; when every item of such a run but the last is one
  paragraph, the paragraphs after the last item form an unnumbered section of their own.
* parts after the body (附件N, 名词解释, 注释, 资料来源, 附表, 附 — ``tui.ingest.parts``)
  start the closing: nothing after an annex heading is a chapter (an annex's ``一、`` list
  never counts), and a notes-like heading counts when no chapter marker follows it.
* a text holding the report more than once (``tui.ingest.copies``): the repeats go to
  ``extras`` verbatim, with a warning; page numbers of a PDF text (``tui.ingest.wrapping``)
  go to ``extras`` too.

Lossless: every non-blank source line lands, stripped of outer whitespace, in exactly one
of preamble / heading / section text / closing / signature / extras, in source order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from tui.ingest.cn_numbers import cn_value
from tui.ingest.copies import split_copies
from tui.ingest.headings import bare_headings, markdown_subheadings, run_markers
from tui.ingest.parts import part_heading
from tui.ingest.web_lines import furniture_indices, is_web_furniture

_NUM = "一二三四五六七八九十百零〇两"

_MD = r"(?P<md>#{1,6})?[ \t\u3000]*"
CHAPTER_RE = re.compile(
    _MD + rf"(?:(?P<cn>[{_NUM}]{{1,5}})[、．.]|第(?P<part>[{_NUM}]{{1,5}})(?:部分|章|篇)[、，,：:\s\u3000]?)"
)
SECTION_RE = re.compile(_MD + rf"[（(](?P<cn>[{_NUM}]{{1,5}})[）)][、．.]?")
FULLWIDTH_INDENT_RE = re.compile("\u3000{2,}")

# Whole-line web boilerplate (head and tail of a web page's text).
BOILERPLATE_RE = re.compile(
    r"^(?:浏览量|浏览次数|阅读量|点击数|时间[:：]|发布时间|发布日期|来源[:：]|信息来源|【?字体[:：]?|【|】|[大中小]|分享[:：]?|分享到"
    r"|扫描二维码|扫一扫|本文链接|本文关键词|责任编辑|打印本页|关闭窗口|相关附件|相关链接|【打印】|【关闭】|收藏|"
    r"[0-9a-f]{32}[:：]?$)"
)
# Lines from which everything to the end of the text is web footer.
FOOTER_RE = re.compile(r"^(?:扫描二维码|扫一扫|本文链接|责任编辑|打印本页|关闭窗口|相关附件|相关链接|【打印】|【关闭】|上一篇[:：]|下一篇[:：])")
DATETIME_RE = re.compile(
    r"^\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?\s+\d{1,2}\s*[:时]\s*\d{1,2}\s*分?(?::\d{2}(?:秒)?)?$"
)
DATE_LINE_RE = re.compile(r"^[（(]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[）)]?$")
ISSUER_RE = re.compile(
    r"^[\u4e00-\u9fff（）()·]{2,40}(?:人民政府|政府|办公室|办公厅|委员会|局|厅|院|部|署|会|中心|国务院)$"
)
APPENDIX_RE = re.compile(r"^#*\s*(?:名词解释|附件|附录|附表|注释|附：|附:)\s*[:：]?\s*\d*$")
ADDRESS_RE = re.compile(r"^各位代表[！!：:，,]")
PAGE_TITLE_RE = re.compile(r"^《(.+)》$")
TITLE_HINT_RE = re.compile(r"报告|公报|纲要|白皮书|规划|意见|通知|决定|年报")  # words a report's title holds
SENTENCE_END = "。！？!?"


def first_sentence(text: str, limit: int = 80) -> str:
    """The text up to and without its first sentence end (。！？) or line end, at most
    ``limit`` chars."""
    for i, ch in enumerate(text):
        if ch in SENTENCE_END or ch == "\n":
            text = text[:i]
            break
    text = text.strip(" \t\u3000#")
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def strip_marker(line: str, pattern: re.Pattern[str]) -> str:
    m = pattern.match(line)
    return line[m.end() :].strip(" \t\u3000") if m else line.strip(" \t\u3000#")


@dataclass
class RawSection:
    number: str  # "一" or "" for a lead-in
    lines: list[str] = field(default_factory=list)
    marker: str = ""  # as printed: "（一）", "一是", "第一，", "###"; "" for a lead-in or a tail


@dataclass
class RawChapter:
    number: str
    heading: str
    sections: list[RawSection] = field(default_factory=list)


@dataclass
class Skeleton:
    """The structure found in the lines, before figures and measures are added."""

    chapters: list[RawChapter]
    preamble: list[str]
    closing: list[str]
    signature: list[str]
    extras: list[str]
    page_title: str | None = None
    published_at: str | None = None
    url: str | None = None
    warnings: list[str] = field(default_factory=list)


def source_lines(text: str) -> list[str]:
    """Like :func:`split_lines`, with blank lines kept as ``""`` (paragraph breaks)."""
    out: list[str] = []
    for line in text.split("\n"):
        if "\u3000\u3000" in line:
            pieces = [p.strip() for p in FULLWIDTH_INDENT_RE.split(line)]
            out.extend(p for p in pieces if p)
            if not any(pieces):
                out.append("")
        else:
            out.append(line.strip())
    return out


def split_lines(text: str) -> list[str]:
    """Non-blank lines, outer whitespace stripped, one-long-line paragraphs split."""
    out: list[str] = []
    for line in text.split("\n"):
        for piece in FULLWIDTH_INDENT_RE.split(line) if "\u3000\u3000" in line else (line,):
            piece = piece.strip()
            if piece:
                out.append(piece)
    return out


def _md_level(m: re.Match[str]) -> int:
    return len(m.group("md") or "")


IMAGE_RE = re.compile(r"!\[[^\]\n]{0,200}\]\([^)\n]{0,500}\)")


def clean_heading(line: str) -> str:
    """A heading line without inline images (``三![](…)、农   业`` → ``三、农   业``)."""
    return IMAGE_RE.sub("", line) if "![" in line else line


# a line that ends in two or more numbers is a table row (一、本年新收… 3001 53 0 0 61 4 3119)
TABLE_ROW_TAIL_RE = re.compile(r"\S\s+[-+]?[0-9][0-9.,]*%?\s+[-+]?[0-9][0-9.,]*%?$")


@lru_cache(maxsize=4096)  # asked of the same lines by several passes (parts, first chapter, chapters)
def _chapter_number(line: str) -> tuple[int, int, str] | None:
    m = CHAPTER_RE.match(clean_heading(line))
    if not m or TABLE_ROW_TAIL_RE.search(line):
        return None
    numeral = m.group("cn") or m.group("part")
    n = cn_value(numeral)
    if n is None or n == 0:
        return None
    return n, _md_level(m), numeral


def _section_number(line: str) -> tuple[int, str] | None:
    m = SECTION_RE.match(line)
    if not m or TABLE_ROW_TAIL_RE.search(line):
        return None
    n = cn_value(m.group("cn"))
    return (n, m.group("cn")) if n else None


def _section_marker(line: str) -> str:
    m = SECTION_RE.match(line)
    return m.group(0).lstrip("#").strip(" \t\u3000") if m else ""


def _is_boilerplate(line: str) -> bool:
    return len(line) <= 60 and (BOILERPLATE_RE.match(line) is not None or DATETIME_RE.match(line) is not None)


def _split_head(lines: list[str], skeleton: Skeleton) -> list[str]:
    """Move head boilerplate (and a 《…》 page title) to extras; return the rest."""
    rest: list[str] = []
    i = 0
    if lines and PAGE_TITLE_RE.match(lines[0]):
        skeleton.page_title = PAGE_TITLE_RE.match(lines[0]).group(1)
        skeleton.extras.append(lines[0])
        i = 1
    expect_value = False  # "来源:" alone on a line is followed by its value
    furniture = furniture_indices(lines) if "[" in "".join(lines) or "|" in "".join(lines) else set()
    page_head = _page_head_end(lines, i, furniture)
    for k, line in enumerate(lines[i:], start=i):
        if _is_boilerplate(line) or k in furniture or k < page_head:
            skeleton.extras.append(line)
            _note_meta(line, skeleton)
            expect_value = re.fullmatch(r"(?:来源|信息来源)[:：]?", line) is not None
            continue
        if expect_value and len(line) <= 20 and not any(p in line for p in "。，,；;"):
            skeleton.extras.append(line)
            expect_value = False
            continue
        expect_value = False
        rest.append(line)
    return rest


def _page_head_end(lines: list[str], start: int, furniture: set[int]) -> int:
    """A scraped page names its article in its head (the page title, a channel list …) and
    again just above the article: when the first title line (``TITLE_HINT_RE``) recurs
    verbatim, the lines before its last copy are the page's, not the report's (→ extras)."""
    kept = [k for k in range(start, len(lines)) if k not in furniture and not _is_boilerplate(lines[k])]
    title = next((lines[k] for k in kept if 8 <= len(lines[k]) <= 120 and TITLE_HINT_RE.search(lines[k])
                  and not any(p in lines[k] for p in "。；")), None)
    if title is None:
        return 0
    copies = [k for k in kept if lines[k] == title]
    return copies[-1] if len(copies) > 1 else 0


def _note_meta(line: str, skeleton: Skeleton) -> None:
    m = re.search(r"(\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?\s+\d{1,2}\s*[:时]\s*\d{1,2}\s*分?(?::\d{2})?)", line)
    if m and skeleton.published_at is None:
        skeleton.published_at = m.group(1)
    m = re.match(r"本文链接[:：]\s*(\S+)", line)
    if m and skeleton.url is None:
        skeleton.url = m.group(1)


def parse_lines(lines: list[str], furniture: list[str] | None = None) -> Skeleton:
    """``furniture``: page-number lines taken out of the text before (they go to extras
    after the head's boilerplate, in source order)."""
    skeleton = Skeleton(chapters=[], preamble=[], closing=[], signature=[], extras=[])
    # 0. a text that holds the report more than once: the first copy is the report
    lines, repeats, warning = split_copies(lines)
    if warning:
        skeleton.warnings.append(warning)
    # 1. head boilerplate
    head_end = _first_marker_index(lines)
    head = _split_head(lines[:head_end], skeleton)
    skeleton.extras.extend(furniture or [])
    body = lines[head_end:]
    # 2. footer: from the first footer line after the body's start
    for k, line in enumerate(body):
        if len(line) <= 60 and FOOTER_RE.match(line):
            # the page's furniture just above the footer (images of print/close buttons,
            # a view count) goes with it
            while k > 0 and (is_web_furniture(body[k - 1])
                             or (body[k - 1].isdigit() and len(body[k - 1]) <= 6 and is_web_furniture(body[k]))):
                k -= 1
            for tail_line in body[k:]:
                skeleton.extras.append(tail_line)
                _note_meta(tail_line, skeleton)
            body = body[:k]
            break
    # 3. signature: issuer line and/or date line at the very end
    body, skeleton.signature = _split_signature(body)
    # 4. chapters and sections
    _build_chapters(head, body, skeleton)
    skeleton.extras.extend(repeats)
    return skeleton


def _first_chapter(lines: list[str]) -> int:
    """The number chapters start at: 1, or — in a part of a report that begins at 三、 (no
    一、 anywhere) — the smallest number on a chapter heading line."""
    numbers = []
    for line in lines:
        found = _chapter_number(line)
        if found and found[0] == 1:
            return 1
        if found and _skips_to_heading(line, found, None):
            numbers.append(found[0])
    return min(numbers) if numbers else 1


def _first_marker_index(lines: list[str]) -> int:
    """Index of the first chapter marker (一、 / 第一部分), else of the first section marker."""
    first = _first_chapter(lines)
    for want, n in ((_chapter_number, first), (_section_number, 1)):
        for i, line in enumerate(lines):
            found = want(line)
            if found and found[0] == n:
                return i
    return len(lines)


def _split_signature(body: list[str]) -> tuple[list[str], list[str]]:
    sig_start = len(body)
    if body and DATE_LINE_RE.match(body[-1]):
        sig_start -= 1
        if sig_start > 0 and ISSUER_RE.match(body[sig_start - 1]):
            sig_start -= 1
    elif body and ISSUER_RE.match(body[-1]) and len(body) > 1:
        sig_start -= 1
    return body[:sig_start], body[sig_start:]


def _parts_start(body: list[str]) -> int:
    """Index of the first part heading after the first chapter (附件N, 名词解释 …), else
    ``len(body)``.  An annex ends the chapters whatever follows; a notes-like heading
    (注释, 资料来源, 附 …) only when no chapter heading line follows it."""
    first, last = None, -1  # the first chapter marker line, the last chapter heading line
    for i, line in enumerate(body):
        if ch := _chapter_number(line):
            first = i if first is None else first
            if _skips_to_heading(line, ch, None):
                last = i
    if first is None:
        return len(body)
    for i in range(first + 1, len(body)):
        found = part_heading(body[i])
        if found and (found[0] in ("annex", "tables") or i > last):
            return i
    return len(body)


def _build_chapters(head: list[str], body: list[str], skeleton: Skeleton) -> None:
    stop = _parts_start(body)
    body, tail = body[:stop], body[stop:]
    _build_chapters_of(head, body, skeleton)
    if tail and skeleton.chapters and skeleton.chapters[0].heading:
        skeleton.closing = skeleton.closing + tail
    elif tail:  # no chapters (the parts belong to an implicit one): keep them in its text
        skeleton.chapters[-1].sections[-1].lines.extend(tail)


def _build_chapters_of(head: list[str], body: list[str], skeleton: Skeleton) -> None:
    chapters = skeleton.chapters
    chapter_level: int | None = None
    expected_chapter = _first_chapter(body)
    if expected_chapter > 1:
        skeleton.warnings.append(f"the text starts at chapter {expected_chapter}: no chapter 1 (a part of a report?)")
    expected_section = 1
    current: RawChapter | None = None
    last_seen: dict[int, int] = {}  # chapter number → last line that carries its marker
    for i, line in enumerate(body):
        if found := _chapter_number(line):
            last_seen[found[0]] = i
    for i, line in enumerate(body):
        ch = _chapter_number(line)
        if (ch and ch[0] > expected_chapter and current is not None and last_seen.get(expected_chapter, -1) < i
                and _skips_to_heading(line, ch, chapter_level)):
            skeleton.warnings.append(
                f"chapter numbering jumps from {expected_chapter - 1} to {ch[0]} at {line[:20]!r}"
            )
            expected_chapter = ch[0]
        if ch and ch[0] == expected_chapter and (chapter_level in (None, 0) or ch[1] <= chapter_level):
            if chapter_level is None:
                chapter_level = ch[1]
            heading, lead = _split_heading(line)
            current = RawChapter(number=ch[2], heading=heading)
            if lead:
                current.sections.append(RawSection(number="", lines=[lead]))
            chapters.append(current)
            expected_chapter += 1
            expected_section = 1
            continue
        sec = _section_number(line)
        if sec and sec[0] == expected_section:
            if current is None:  # sections with no chapters: one implicit chapter
                current = RawChapter(number="", heading="")
                chapters.append(current)
            current.sections.append(RawSection(number=sec[1], lines=[line], marker=_section_marker(line)))
            expected_section += 1
            continue
        if current is None:
            head.append(line)
            continue
        if not current.sections:
            current.sections.append(RawSection(number=""))
        current.sections[-1].lines.append(line)
    skeleton.preamble = head
    if not chapters:
        if not _bare_heading_chapters(skeleton):
            _implicit_chapter(skeleton)
            return
    for chapter in chapters:
        _unmarked_sections(chapter, chapter_level or 0)
    skeleton.closing = _split_closing(chapters)


def _bare_heading_chapters(skeleton: Skeleton) -> bool:
    """No markers at all: bare heading lines (``tui.ingest.headings``) as chapters."""
    lines = skeleton.preamble
    found = bare_headings(lines)
    if not found:
        return False
    skeleton.preamble = lines[: found[0]]
    for k, i in enumerate(found):
        end = found[k + 1] if k + 1 < len(found) else len(lines)
        skeleton.chapters.append(RawChapter(number="", heading=lines[i],
                                            sections=[RawSection(number="", lines=lines[i + 1:end])]))
    return True


def _unmarked_sections(chapter: RawChapter, chapter_level: int) -> None:
    """A chapter with no （一） sections: sections from Markdown sub-headings or from a
    一是 / 第一， run (see the module docstring)."""
    if any(s.number or s.marker for s in chapter.sections) or not chapter.sections:
        return
    lines = [line for s in chapter.sections for line in s.lines]
    starts: list[tuple[int, str, str]] = []
    if chapter_level:
        seen: set[str] = set()
        for i in markdown_subheadings(lines, chapter_level):
            title = lines[i].lstrip("#").strip()
            if title not in seen:  # a heading repeated between table fragments is not a new section
                seen.add(title)
                starts.append((i, "", lines[i][: len(lines[i]) - len(lines[i].lstrip("#"))] or "#"))
    if not starts:
        starts = run_markers(lines)
    if not starts:
        return
    sections = [RawSection(number="", lines=lines[: starts[0][0]])] if starts[0][0] else []
    for k, (i, numeral, marker) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        sections.append(RawSection(number=numeral, lines=lines[i:end], marker=marker))
    last = sections[-1]
    items = sections[-len(starts):]
    if starts[0][1] and len(last.lines) > 1 and all(len(s.lines) == 1 for s in items[:-1]):
        sections.append(RawSection(number="", lines=last.lines[1:]))  # the paragraphs after the run
        del last.lines[1:]
    chapter.sections = sections


def _skips_to_heading(line: str, found: tuple[int, int, str], chapter_level: int | None) -> bool:
    """A chapter marker that skips a number (and the skipped one never comes later) still
    starts a chapter when its line is a heading: at the chapters' own Markdown level,
    short, and not a running sentence.  The skip is reported as a warning."""
    number, level, _ = found
    if chapter_level and level != chapter_level:
        return False
    body = line.rstrip("。").lstrip("#").strip()
    return number <= 99 and len(body) <= 40 and not any(p in body for p in "。；;！？!?")


def _split_heading(line: str) -> tuple[str, str]:
    """A chapter line that goes on past its title sentence keeps the rest as lead-in."""
    for i, ch in enumerate(line):
        if ch in "。！？" and line[i + 1 :].strip():
            return line[: i + 1], line[i + 1 :].strip()
    return line, ""


def _implicit_chapter(skeleton: Skeleton) -> None:
    """No markers at all: keep the title lines in the preamble, the rest as one section."""
    lines = skeleton.preamble
    keep = 1 if len(lines) > 1 else 0
    skeleton.preamble = lines[:keep]
    body = lines[keep:]
    skeleton.chapters.append(RawChapter(number="", heading="", sections=[RawSection(number="", lines=body)]))
    skeleton.warnings.append("no chapter or section markers found: the text is kept as one section")


def _split_closing(chapters: list[RawChapter]) -> list[str]:
    last = chapters[-1].sections[-1] if chapters[-1].sections else None
    if last is None or len(last.lines) < 2:
        return []
    lines = last.lines
    cut = None
    for k in range(1, len(lines)):
        if APPENDIX_RE.match(lines[k]):
            cut = k
            break
    if cut is None:
        for k in range(max(1, len(lines) - 3), len(lines)):
            if ADDRESS_RE.match(lines[k]):
                cut = k
                break
    if cut is None and last.number:
        # every other marked section is a single paragraph: so is this one
        others = [s for c in chapters for s in c.sections if s.number and s is not last]
        if others and all(len(s.lines) == 1 for s in others):
            cut = 1
    if cut is None:
        return []
    closing = lines[cut:]
    del lines[cut:]
    return closing
