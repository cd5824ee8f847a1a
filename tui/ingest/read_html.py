"""A web page → the article's lines, its tables as Markdown pipe tables, the rest to extras (lxml).

lxml was chosen over selectolax: python-docx needs lxml anyway (one parser for both
formats, no extra dependency), it parses the corpus page in about 5 ms, and its tree
gives ``rowspan``/``colspan`` and the tail text that the span-joining below needs.

* charset: a BOM, else ``<meta charset>`` / ``<meta http-equiv="Content-Type"
  content="…charset=…">`` in the first 4 KB, else strict UTF-8, else GB18030 (which
  reads GBK and GB2312 pages).  A page that decodes under none is refused.
* ``script``, ``style``, ``noscript``, ``template``, ``iframe``, ``svg``, ``object`` and
  comments are dropped (they are not text a reader sees); the rest is read in document order.
* block elements (``p``, ``div``, ``h1``…, ``li``, ``tr``, ``br`` …) end lines; inline ones
  (``span``, ``font``, ``o:p``, ``b``, ``a`` …) do not, so text split across runs —
  ``20</span><span>23`` — is one word again.  Spaces are collapsed; letter-spacing between
  CJK characters is joined (``text_repair.join_letter_spacing``).
* the article body: the element that holds the most paragraph text (``p`` and ``table`` text
  counted on its direct children), unless the page marks one as the content; the article's
  title is the heading just before it (else the page ``<title>`` up to a `` - site`` suffix).
  Everything outside the body — navigation, the capture tool's wrapper, footers — goes to
  ``extras`` line by line, in document order.
* the metadata table (``索引号`` / ``发布机构`` / ``公开日期`` / ``主题分类`` … label cells
  followed by their value): one extras line per pair, ``发布机构`` → issuer, ``成文日期``
  (else ``公开日期``/``发布日期``) → issued_on, ``公开日期`` → published_at.
* ``<table>`` in the body → a pipe table: ``rowspan``/``colspan`` are laid out on a grid; a
  merged cell's text is written once, in its first row and column, and the cells it covers
  are left blank (repeating it would count its text twice: the lossless rule).

* parsed with ``huge_tree`` (libxml2 otherwise drops, without a word, a text node over 10 MB
  and everything nested deeper than 255 elements); a page nested deeper than libxml2 (2048
  levels) or the walk below (about 900: it recurses once a level) goes is refused in one
  line rather than read in part.

The lossless source is the text of every text node outside the dropped elements.
"""

from __future__ import annotations

import codecs
import re
from datetime import date

from tui.errors import ReportError
from tui.ingest.detect import Extracted
from tui.ingest.text_repair import join_letter_spacing

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
DROP = ("script", "style", "noscript", "template", "iframe", "svg", "object", "embed", "canvas")
BLOCK = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "head", "header", "hr", "html", "li", "main", "nav", "ol", "option", "p", "pre", "section", "select",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul", "button", "input", "textarea",
}
META_LABELS = {
    "索引号", "分类", "主题分类", "组配分类", "体裁分类", "发布机构", "发文机关", "公开日期", "发布日期", "成文日期",
    "生成日期", "文号", "发文字号", "关键词", "主题词", "名称", "标题", "时效", "有效性", "公开方式", "公开范围",
    "信息来源", "来源", "文件下载", "所属机构", "信息分类",
}
_DATE_RE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_WS_RE = re.compile(r"[ \t\r\n\f\u00a0\u2002-\u200b\u3000\ufeff]+")


def decode_html(raw: bytes, name: str) -> tuple[str, str]:
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16"), "utf-16"
    candidates = []
    m = _CHARSET_RE.search(raw[:4096])
    if m:
        declared = m.group(1).decode("ascii").lower()
        if declared in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "gb18030"):
            declared = "gb18030"  # a superset: pages declared GB2312 often use GBK characters
        try:
            codecs.lookup(declared)
            candidates.append(declared)
        except LookupError:
            pass
    candidates += ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ReportError(f"{name}: cannot decode the web page as {', '.join(dict.fromkeys(candidates))}")


def _tag(element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].split(":")[-1].lower()


def _clean(text: str) -> str:
    return join_letter_spacing(_WS_RE.sub(" ", text).strip())


class _Lines:
    """Collects text into lines: a block boundary ends the current line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)

    def end(self) -> None:
        line = _clean("".join(self.parts))
        self.parts = []
        if line:
            self.lines.append(line)

    def extend(self, lines: list[str]) -> None:
        self.end()
        self.lines.extend(lines)


def _inline_text(element) -> str:
    """All the text inside an element, block boundaries as spaces (for table cells)."""
    parts: list[str] = []

    def walk(el) -> None:
        tag = _tag(el)
        if tag in BLOCK and parts:
            parts.append(" ")
        parts.append(el.text or "")
        for child in el:
            if _tag(child):
                walk(child)
            parts.append(child.tail or "")
        if tag in BLOCK:
            parts.append(" ")

    walk(element)
    return _clean("".join(parts))


def _walk(element, out: _Lines, handle) -> None:
    """The one block walk, in document order: a block element ends the line before and after
    it, an inline one does not.  ``handle(element, out)`` sees each element first and returns
    True when it wrote the element itself (a table, the body)."""
    if handle(element, out):
        return
    block = _tag(element) in BLOCK
    if block:
        out.end()
    out.add(element.text)
    for child in element:
        if _tag(child):
            _walk(child, out, handle)
        out.add(child.tail)
    if block:
        out.end()


def _page_handler(body, found: dict):
    """Outside the body: the body's lines are collected apart (found['body'], and where they
    stand, found['body_at']); a metadata table is one line per pair (found['meta'])."""

    def handle(element, out: _Lines) -> bool:
        if element is body:
            out.end()
            lines = _Lines()
            _walk(element, lines, _body_table)
            lines.end()
            found["body_at"] = len(out.lines)
            found["body"] = lines.lines
            return True
        pairs = _meta_pairs(element) if _tag(element) == "table" else None
        if pairs:
            out.end()
            for label, value in pairs:
                out.lines.append(f"{label} {value}".strip())
                found.setdefault("meta", []).append((label, value))
            return True
        return False

    return handle


def _body_table(element, out: _Lines) -> bool:
    """Inside the body: a table is a pipe table."""
    if _tag(element) == "table":
        out.extend(_pipe_table(element))
        return True
    return False


def _meta_pairs(table) -> list[tuple[str, str]]:
    """A table of label/value cells whose labels are metadata names; else []."""
    pairs: list[tuple[str, str]] = []
    labels = 0
    for row in table.iter():
        if _tag(row) != "tr":
            continue
        cells = [c for c in row if _tag(c) in ("td", "th")]
        for i in range(0, len(cells) - 1, 2):
            label = _inline_text(cells[i]).rstrip("：:")
            value = _inline_text(cells[i + 1])
            if label in META_LABELS:
                labels += 1
            pairs.append((label, value))
        if len(cells) % 2:
            pairs.append((_inline_text(cells[-1]), ""))
    return pairs if labels >= 2 and labels >= len(pairs) / 2 else []


def _pipe_table(table) -> list[str]:
    grid: dict[tuple[int, int], str] = {}
    covered: set[tuple[int, int]] = set()
    rows = [r for r in table.iter() if _tag(r) == "tr" and _nearest_table(r) is table]
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            if _tag(cell) not in ("td", "th"):
                continue
            while (r, c) in covered:
                c += 1
            rowspan = _span(cell.get("rowspan"))
            colspan = _span(cell.get("colspan"))
            grid[(r, c)] = _inline_text(cell).replace("|", "\\|")
            for dr in range(rowspan):
                for dc in range(colspan):
                    covered.add((r + dr, c + dc))
            c += colspan
    if not grid:
        return []
    nrows = len(rows)
    ncols = max(c for _, c in covered) + 1
    if ncols == 1:  # a one-column table is a box around lines of text
        return [grid[(r, 0)] for r in range(nrows) if grid.get((r, 0))]
    lines = []
    for r in range(nrows):
        cells = [grid.get((r, c), "") for c in range(ncols)]
        if not any(cells) and r > 0:
            continue
        lines.append("| " + " | ".join(cells) + " |")
        if len(lines) == 1:
            lines.append("|" + "---|" * ncols)
    return lines


def _nearest_table(element):
    parent = element.getparent()
    while parent is not None and _tag(parent) != "table":
        parent = parent.getparent()
    return parent


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip()), 1000))
    except (TypeError, ValueError):
        return 1


def _find_body(doc):
    """The element holding the most paragraph text on its direct children."""
    best, best_score = None, 0
    for element in doc.iter():
        tag = _tag(element)
        if tag in ("p", "table", "td", "tr", "tbody", "span", "font", "") or tag in DROP:
            continue
        score = 0
        for child in element:
            ctag = _tag(child)
            leaf_div = ctag == "div" and not any(_tag(e) in ("div", "p", "table") for e in child.iterdescendants())
            if ctag in ("p", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "pre") or leaf_div:
                if ctag == "table" and _meta_pairs(child):
                    continue
                score += len("".join("".join(child.itertext()).split()))
        if score > best_score:
            best, best_score = element, score
    return best


def _title_before(lines: list[str], body_at: int, page_title: str | None) -> int | None:
    """Index of the article title among the lines before the body: a line equal to the page
    title (or to its part before a `` - site`` suffix), the nearest one first."""
    wanted = set()
    if page_title:
        wanted.add(page_title)
        for sep in ("-", "_", "|", "—", "－"):
            if sep in page_title:
                wanted.add(page_title.split(sep)[0].strip())
    for i in range(body_at - 1, max(-1, body_at - 8), -1):
        if lines[i] in wanted:
            return i
    return None


def read_html(raw: bytes, name: str) -> Extracted:
    text, encoding = decode_html(raw, name)
    import lxml.etree
    import lxml.html

    text = _XML_DECL_RE.sub("", text)
    # huge_tree: without it libxml2 drops, without a word, a text node over 10 MB and all
    # text nested deeper than 255 elements; with it, what is nested deeper than 2048 still goes
    # (the error log says so): refused
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        doc = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as err:
        raise ReportError(f"{name}: cannot parse the web page: {err}") from None
    limit = next((" ".join(e.message.split()) for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT"), None)
    if limit and "depth" in limit.lower():
        raise _too_deep(name)
    if limit:
        raise ReportError(f"{name}: the web page is over a limit of the HTML parser (lxml: {limit[:80]}): "
                          "refused rather than lose text")
    for element in list(doc.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        _drop(element)
    for element in [e for e in doc.iter() if _tag(e) in DROP]:
        _drop(element)
    library_text = "".join(doc.itertext())
    if not "".join(library_text.split()):
        raise ReportError(f"{name}: the web page holds no text outside its scripts and styles")
    titles = [_clean("".join(t.itertext())) for t in doc.iter() if _tag(t) == "title"]
    out = _Lines()
    found: dict = {}
    try:  # the walks recurse once a level: a page nested deeper than they can go is refused
        body = _find_body(doc)
        _walk(doc, out, _page_handler(body, found))
    except RecursionError:
        raise _too_deep(name) from None
    out.end()
    lines = out.lines
    body_lines = found.get("body", [])
    at = found.get("body_at", len(lines))
    title_at = None
    for page_title in titles:
        title_at = _title_before(lines, at, page_title)
        if title_at is not None:
            break
    head = [lines[title_at]] if title_at is not None else []
    extras = [line for i, line in enumerate(lines) if i != title_at]
    if not body_lines:  # no paragraphs anywhere: the page's lines are the text (boilerplate found as in a .txt)
        head, body_lines, extras = [], lines, []
    metadata = _metadata(found.get("meta", []))
    fallback = None
    if not head and titles:
        fallback = re.split(r"\s[-_|]\s|[-_|](?=[^-_|]*$)", titles[-1])[0].strip() or None
    return Extracted(
        kind="html",
        text="\n".join(head + body_lines) + "\n",
        extras=extras,
        library_text=library_text,
        title=fallback,
        metadata=metadata,
        encoding=encoding,
    )


def _too_deep(name: str) -> ReportError:
    return ReportError(f"{name}: the web page nests its elements too deep to read (hundreds of levels; no real "
                       "page does): refused rather than lose the text below that depth")


def _drop(element) -> None:
    """Remove an element but keep its tail text (which belongs to the parent)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _metadata(pairs: list[tuple[str, str]]) -> dict[str, str]:
    meta: dict[str, str] = {}
    values = dict(pairs)
    if values.get("发布机构") or values.get("发文机关"):
        meta["issuer"] = values.get("发布机构") or values.get("发文机关")
    for key in ("成文日期", "公开日期", "发布日期"):
        m = _DATE_RE.search(values.get(key, ""))
        if m:
            try:
                meta.setdefault("issued_on", date(*map(int, m.groups())).isoformat())
            except ValueError:
                continue
    for key in ("公开日期", "发布日期"):
        if values.get(key):
            meta.setdefault("published_at", values[key])
    return meta
