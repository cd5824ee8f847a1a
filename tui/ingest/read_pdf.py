"""PDF → text lines, tables as Markdown pipe tables, page furniture to extras (pdfplumber).

pdfplumber was chosen over pypdfium2 (bench/formats.py; the lead's report has the
numbers): pypdfium2 is about 30× faster, but its text comes in content-stream order — a
page's footer first, a centred heading glued to the end of the paragraph before it — and
it has no table finder.  pdfplumber gives each character with its box and finds the ruled
tables of 政府信息公开年报 cell by cell, which is what the repairs below need.  pypdfium2
(which pdfplumber installs anyway) opens the file first: it tells an encrypted or damaged
file quickly and decodes the metadata title correctly.

From the characters of each page:

* tables: pdfplumber's table finder (ruled cells; a "table" of one column is a box around
  text and is not one).  A cell that holds several lines of figures in step with the row
  label column (tables ruled only by columns, as in 统计公报) is split into one row per
  line; text lines just below a table (or at the top of the next page) whose pieces sit
  inside its columns are more rows of it; a table that ends a page and one that starts
  the next with as many columns are one table, and a label cell cut by the page break
  (``（四）无`` / ``法提供``) is joined.  Merged cells are written once, in their first row
  and column; the cells they cover are left blank (repeating the text would count it
  twice).  Each table becomes Markdown pipe-table lines, the first row as header.
* running text: characters grouped into lines by position; no space is put between CJK
  characters however far apart (justified or letter-spaced lines), one space between
  Latin letters/digits that stand apart; a line indented from the text's left edge
  starts a paragraph, one ending well before the right edge (or followed by a wider gap
  than the usual line pitch) ends it (``text_repair.join_wrapped``).
* page numbers (``-1-``, ``— 1 —``, ``第 1 页`` …) in the top or bottom band of a page, and a
  running header repeated on most pages, go to ``extras``.
* the first page's title lines (printed larger than the body) are joined into one line;
  where the title is an image, the metadata title is offered instead (the pipeline makes a
  title of it, the year the text opens with and what it calls itself: ``本公报`` →
  黔东南苗族侗族自治州2023年统计公报; ``pipeline._composed_title``).
* a merged header cell that a stray rule split (its text centred over empty cells to its
  left as well) is put back at the first column of its span (``_recentre``).

The lossless source is the characters pdfplumber extracts (``page.chars``).

A damaged file: an exception of pdfminer/pdfplumber becomes one line naming the library
and the exception (``detect.read_document``); what pdfminer only logs (a stream that does
not decompress: its text is lost) is one ingest warning per kind of message, with a count.
"""

from __future__ import annotations

import logging
import re
import statistics
import threading
from collections import Counter
from dataclasses import dataclass, field
from io import BytesIO

from tui.errors import ReportError
from tui.ingest.detect import Extracted
from tui.ingest.text_repair import HEADING_RE, is_page_number, join_wrapped

_CJK_RE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’—…]")
_MARKER_RE = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]|\d+[.、．])")
_NUMBER_RE = re.compile(r"^[-+]?[\d.,%‰]+$")
BAND = 0.09  # top and bottom share of the page height where page numbers and running heads sit


@dataclass
class Line:
    chars: list[dict]
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    text: str = ""


@dataclass
class Block:
    top: float
    line: Line | None = None
    rows: list[list[str]] | None = None
    columns: list[tuple[float, float]] = field(default_factory=list)
    bottom: float = 0.0


def read_pdf(raw: bytes, name: str) -> Extracted:
    title = _open_check(raw, name)
    import pdfplumber

    # pdfminer raises many kinds of exception on a damaged file: detect.read_document turns
    # each into one line that names the library and the exception.  What it only logs (a
    # stream that does not fully decompress: text lost) is one warning per kind, not a
    # line on stderr per stream.
    with _PdfminerLog() as log, pdfplumber.open(BytesIO(raw)) as pdf:
        pages = [_page_blocks(page) for page in pdf.pages]
        library_text = "".join(c["text"] for page in pdf.pages for c in page.chars)
        heights = [float(page.height) for page in pdf.pages]
    if not "".join(library_text.split()):
        raise ReportError(
            f"{name}: the PDF has no text layer (a scanned image?): run OCR first (e.g. ocrmypdf) and ingest its output"
        )
    extracted = _assemble(pages, heights, library_text, title)
    extracted.warnings.extend(
        f"the PDF is damaged: pdfminer: {message} ({count}×): some of its text may be missing"
        for message, count in log.messages.items())
    return extracted


class _PdfminerLog(logging.Handler):
    """pdfminer's warnings while this thread reads one file, counted by message (and kept
    off stderr: with no handler of its own, Python's last-resort handler prints each one)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: Counter[str] = Counter()
        self.thread = threading.get_ident()
        self.logger = logging.getLogger("pdfminer")

    _lock = threading.Lock()
    _active = 0  # readers in progress (threads may read several files at once)
    _propagate = True  # the logger's own setting, put back when the last one ends

    def __enter__(self) -> _PdfminerLog:
        with _PdfminerLog._lock:
            if _PdfminerLog._active == 0:
                _PdfminerLog._propagate, self.logger.propagate = self.logger.propagate, False
            _PdfminerLog._active += 1
        self.logger.addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        self.logger.removeHandler(self)
        with _PdfminerLog._lock:
            _PdfminerLog._active -= 1
            if _PdfminerLog._active == 0:
                self.logger.propagate = _PdfminerLog._propagate

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.messages[" ".join(record.getMessage().split())[:100]] += 1


def _open_check(raw: bytes, name: str) -> str | None:
    """Open with pypdfium2: a password, a damaged file → one line; the metadata title."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as err:
        message = str(err)
        if "password" in message.lower():
            raise ReportError(f"{name}: the PDF is encrypted (needs a password): decrypt it first, e.g. qpdf --decrypt") from None
        raise ReportError(f"{name}: cannot read the PDF (damaged or truncated?): {message}") from None
    try:
        if len(doc) == 0:
            raise ReportError(f"{name}: the PDF has no pages")
        title = (doc.get_metadata_dict().get("Title") or "").strip()
    finally:
        doc.close()
    return title or None


# ---- one page: lines and tables -----------------------------------------------------------


def _lines(chars: list[dict]) -> list[Line]:
    """Characters → lines: a character joins the line whose vertical middle it shares."""
    lines: list[Line] = []
    for ch in sorted(chars, key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"])):
        mid = (ch["top"] + ch["bottom"]) / 2
        size = float(ch.get("size") or (ch["bottom"] - ch["top"]) or 10)
        if lines:
            last = lines[-1]
            if abs(mid - (last.top + last.bottom) / 2) <= 0.6 * max(size, last.size):
                last.chars.append(ch)
                last.top, last.bottom = min(last.top, ch["top"]), max(last.bottom, ch["bottom"])
                last.x0, last.x1 = min(last.x0, ch["x0"]), max(last.x1, ch["x1"])
                last.size = max(last.size, size)
                continue
        lines.append(Line([ch], ch["top"], ch["bottom"], ch["x0"], ch["x1"], size))
    for line in lines:
        line.chars.sort(key=lambda c: c["x0"])
        line.text = _join_chars(line.chars)
    return lines


def _join_chars(chars: list[dict]) -> str:
    out: list[str] = []
    previous = None
    for ch in chars:
        text = ch["text"]
        if not text.strip():
            continue
        if previous is not None:
            gap = ch["x0"] - previous["x1"]
            size = float(previous.get("size") or 10)
            a, b = previous["text"][-1], text[0]
            cjk = _CJK_RE.match(a) or _CJK_RE.match(b)
            if not cjk and gap > 0.15 * size:
                out.append(" ")
            elif cjk and not (_CJK_RE.match(a) and _CJK_RE.match(b)) and gap > 1.5 * size:
                out.append(" ")
        out.append(text)
        previous = ch
    return "".join(out)


def _page_blocks(page) -> list[Block]:
    chars = [c for c in page.chars if c["text"].strip()]
    blocks: list[Block] = []
    taken: set[int] = set()
    for table in page.find_tables():
        rows = table.rows
        ncols = max((len(r.cells) for r in rows), default=0)
        if ncols < 2 or len(rows) < 1:
            continue
        x0, top, x1, bottom = table.bbox
        inside = [i for i, c in enumerate(chars) if _centre_in(c, (x0, top, x1, bottom))]
        if not inside:
            continue
        prose = _prose_rows(table, [chars[i] for i in inside])
        inside = [i for i in inside if not any(_centre_in(chars[i], box) for box in prose)]
        built = _table_rows(table, [chars[i] for i in inside], skip=len(prose))
        if built is None:
            continue
        grid, columns = built
        top = prose[-1][3] if prose else top
        taken.update(inside)
        blocks.append(Block(top=top, rows=grid, columns=columns, bottom=bottom))
    free = [c for i, c in enumerate(chars) if i not in taken]
    for line in _lines(free):
        blocks.append(Block(top=line.top, line=line, bottom=line.bottom))
    blocks.sort(key=lambda b: b.top)
    return _absorb_rows(blocks)


def _centre_in(ch: dict, box: tuple[float, float, float, float]) -> bool:
    x = (ch["x0"] + ch["x1"]) / 2
    y = (ch["top"] + ch["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _columns(table) -> list[tuple[float, float]]:
    edges = sorted({round(v, 1) for row in table.rows for cell in row.cells if cell for v in (cell[0], cell[2])})
    merged: list[float] = []
    for e in edges:
        if not merged or e - merged[-1] > 2:
            merged.append(e)
    return list(zip(merged, merged[1:]))


def _column_of(x: float, columns: list[tuple[float, float]]) -> int:
    for i, (a, b) in enumerate(columns):
        if a <= x <= b:
            return i
    return 0 if x < columns[0][0] else len(columns) - 1


def _prose_rows(table, chars: list[dict]) -> list[tuple[float, float, float, float]]:
    """Boxes of the table's leading rows that are running text inside the table's frame: one
    cell across the whole width holding a sentence or a heading (``二、…``), not a row label."""
    x0, _, x1, _ = table.bbox
    boxes = []
    for row in table.rows:
        cells = [c for c in row.cells if c]
        if len(cells) != 1 or cells[0][2] - cells[0][0] < 0.9 * (x1 - x0):
            break
        text = "".join(ch["text"] for ch in chars if _centre_in(ch, cells[0]))
        if not (HEADING_RE.match(text) or len(text) > 25 or any(p in text for p in "，。；：")):
            break
        boxes.append(cells[0])
    return boxes


def _table_rows(table, chars: list[dict], skip: int = 0) -> tuple[list[list[str]], list[tuple[float, float]]] | None:
    columns = _columns(table)
    if len(columns) < 2:
        return None
    n = len(columns)
    row_boxes = []
    for row in table.rows[skip:]:
        cells = [c for c in row.cells if c]
        row_boxes.append((min(c[1] for c in cells), max(c[3] for c in cells)) if cells else None)
    # each character → (row, column): the cell holding it, else its row band and column
    assigned: dict[tuple[int, int], list[dict]] = {}
    in_cell: dict[tuple[int, int], tuple[int, tuple]] = {}  # (row, column) → (index in row.cells, cell)
    for ch in chars:
        key = None
        for r, row in enumerate(table.rows[skip:]):
            for i, cell in enumerate(row.cells):
                if cell and _centre_in(ch, cell):
                    key = (r, _column_of((cell[0] + cell[2]) / 2 if cell[2] - cell[0] < 4 else cell[0] + 2, columns))
                    in_cell[key] = (i, cell)
                    break
            if key:
                break
        if key is None:
            y = (ch["top"] + ch["bottom"]) / 2
            r = next((i for i, box in enumerate(row_boxes) if box and box[0] <= y <= box[1]), len(row_boxes) - 1)
            key = (r, _column_of((ch["x0"] + ch["x1"]) / 2, columns))
        assigned.setdefault(key, []).append(ch)
    _recentre(assigned, in_cell, table.rows[skip:], columns)
    grid: list[list[str]] = []
    for r in range(len(table.rows) - skip):
        row_chars = {c: assigned.get((r, c), []) for c in range(n)}
        split = _split_unruled(row_chars, columns)
        if split:
            grid.extend(split)
            continue
        grid.append([_cell_text(row_chars[c]) for c in range(n)])
    if sum(1 for row in grid for cell in row if cell) < 2:
        return None
    return grid, columns


def _recentre(assigned: dict, in_cell: dict, rows, columns) -> None:
    """A cell's text centred over the empty cells to its left as well is one merged cell
    that a stray rule split (洪泽's 行政诉讼 over 未经复议直接起诉 and 复议后起诉, cut at a
    column edge in its header row): the text goes to the first column of the whole span."""
    for (r, c), (i, cell) in list(in_cell.items()):
        text_chars = assigned.get((r, c))
        if not text_chars:
            continue
        left = cell[0]
        first = c
        for j in range(i - 1, -1, -1):
            other = rows[r].cells[j]
            if other is None:
                continue
            k = _column_of(other[0] + 2, columns)
            if abs(other[1] - cell[1]) > 2 or abs(other[3] - cell[3]) > 2 or assigned.get((r, k)):
                break
            left, first = other[0], k
        if first == c:
            continue
        centre = (min(ch["x0"] for ch in text_chars) + max(ch["x1"] for ch in text_chars)) / 2
        whole, own = (left + cell[2]) / 2, (cell[0] + cell[2]) / 2
        if abs(centre - whole) <= 0.1 * (cell[2] - left) and abs(centre - whole) < abs(centre - own) / 2:
            assigned[(r, first)] = assigned.pop((r, c))


def _split_unruled(row_chars: dict[int, list[dict]], columns) -> list[list[str]] | None:
    """A cell band holding several lines in step across the label column and others →
    one row per line (tables ruled by columns only)."""
    multi = [c for c, chars in row_chars.items() if chars and len(_lines(chars)) >= 2]
    if 0 not in multi or len(multi) < 2:
        return None
    lines = _lines([ch for chars in row_chars.values() for ch in chars])
    rows = [_row_from_line(line, columns) for line in lines]
    numeric = sum(1 for row in rows if any(_NUMBER_RE.match(cell) for cell in row[1:]))
    return rows if numeric >= 2 else None


def _row_from_line(line: Line, columns) -> list[str]:
    cells: list[list[dict]] = [[] for _ in columns]
    for ch in line.chars:
        cells[_column_of((ch["x0"] + ch["x1"]) / 2, columns)].append(ch)
    return [_join_chars(c) for c in cells]


def _cell_text(chars: list[dict]) -> str:
    if not chars:
        return ""
    out = ""
    for line in _lines(chars):
        if out and out[-1].isascii() and out[-1].isalnum() and line.text[:1].isascii() and line.text[:1].isalnum():
            out += " "
        out += line.text
    return out


def _fits(line: Line, columns: list[tuple[float, float]]) -> bool:
    """A text line whose pieces (split at wide gaps) each sit inside one column, two at least."""
    if not columns or line.x0 < columns[0][0] - 8 or line.x1 > columns[-1][1] + 8:
        return False
    pieces: list[list[dict]] = [[line.chars[0]]]
    for ch in line.chars[1:]:
        if ch["x0"] - pieces[-1][-1]["x1"] > 1.2 * line.size:
            pieces.append([ch])
        else:
            pieces[-1].append(ch)
    used = set()
    for piece in pieces:
        a = _column_of(piece[0]["x0"] + 1, columns)
        b = _column_of(piece[-1]["x1"] - 1, columns)
        if a != b:
            return False
        used.add(a)
    return len(used) >= 2


def _absorb_rows(blocks: list[Block]) -> list[Block]:
    """Text lines right under a table that fit its columns are rows of it."""
    out: list[Block] = []
    for block in blocks:
        last = out[-1] if out else None
        if block.line is not None and last is not None and last.rows is not None and _fits(block.line, last.columns):
            last.rows.append(_row_from_line(block.line, last.columns))
            last.bottom = block.bottom
            continue
        out.append(block)
    return out


# ---- the whole document ------------------------------------------------------------------


def _assemble(pages: list[list[Block]], heights: list[float], library_text: str, meta_title: str | None) -> Extracted:
    extras: list[str] = []
    pages = [_drop_furniture(blocks, height, extras) for blocks, height in zip(pages, heights)]
    _drop_running_heads(pages, extras)
    merged = _merge_across_pages(pages)
    lines = [b.line for b in merged if b.line is not None]
    left = _mode([round(line.x0) for line in lines]) if lines else 0
    right = _percentile([line.x1 for line in lines], 0.9) if lines else 0
    body_size = _mode([round(line.size) for line in lines]) if lines else 10
    title_lines = _title_lines(pages[0] if pages else [], body_size)
    pitch = _line_pitch(merged)
    text_lines: list[str] = []
    ends: list[bool] = []
    for k, block in enumerate(merged):
        if block.rows is not None:
            text_lines.append("")
            text_lines.extend(_pipe_table(block.rows))
            text_lines.append("")
            ends.extend([True] * (len(block.rows) + 3))
            continue
        line = block.line
        indented = line.x0 - left > 0.9 * line.size
        text_lines.append(("\u3000\u3000" if indented else "") + line.text)
        following = merged[k + 1] if k + 1 < len(merged) else None
        spaced = following is not None and following.top > line.top and following.top - line.top > 1.6 * pitch
        ends.append(right - line.x1 > 1.5 * line.size or line.size > body_size * 1.15 or spaced)
    if title_lines:
        first, count = title_lines
        joined = "".join(line.strip() for line in text_lines[first:first + count])
        text_lines[first:first + count] = [joined]
        ends[first:first + count] = [True]
    paragraphs = _join(text_lines, ends)
    return Extracted(
        kind="pdf",
        text="\n".join(paragraphs) + "\n",
        extras=extras,
        library_text=library_text,
        title=None if title_lines else meta_title,
        encoding="pdf",
    )


def _line_pitch(blocks: list[Block]) -> float:
    """The usual distance from one text line's top to the next one's (a paragraph set off by
    space is much more)."""
    steps = [b.top - a.top for a, b in zip(blocks, blocks[1:])
             if a.line is not None and b.line is not None and 0 < b.top - a.top < 3 * a.line.size]
    return statistics.median(steps) if steps else 1e9


def _join(text_lines: list[str], ends: list[bool]) -> list[str]:
    """join_wrapped over the lines, with a paragraph end wherever the layout shows one."""
    out: list[str] = []
    run: list[str] = []
    for text, end in zip(text_lines, ends):
        run.append(text)
        if end:
            out.extend(join_wrapped(run, full_width=0))
            run = []
    out.extend(join_wrapped(run, full_width=0))
    return out


def _title_lines(blocks: list[Block], body_size: float) -> tuple[int, int] | None:
    """The leading lines of page 1 printed larger than the body: (index, count)."""
    count = 0
    for block in blocks:
        if block.line is None or block.line.size < body_size * 1.15:
            break
        count += 1
    return (0, count) if count >= 2 else None


def _drop_furniture(blocks: list[Block], height: float, extras: list[str]) -> list[Block]:
    keep: list[Block] = []
    for block in blocks:
        line = block.line
        if line is not None and (line.top < height * BAND or line.bottom > height * (1 - BAND)) \
                and is_page_number(line.text):
            extras.append(line.text)
            continue
        keep.append(block)
    return keep


def _drop_running_heads(pages: list[list[Block]], extras: list[str]) -> None:
    """A first line repeated on at least half of the pages (and three) is a running header."""
    firsts = Counter(p[0].line.text for p in pages if p and p[0].line is not None)
    heads = {text for text, n in firsts.items() if n >= 3 and n >= len(pages) / 2}
    for page in pages:
        if page and page[0].line is not None and page[0].line.text in heads:
            extras.append(page.pop(0).line.text)


def _merge_across_pages(pages: list[list[Block]]) -> list[Block]:
    out: list[Block] = []
    for page in pages:
        continuing = True  # still at the head of the page, inside the previous page's table
        for block in page:
            last = out[-1] if out else None
            if continuing and last is not None and last.rows is not None and last.columns:
                if block.rows is not None and len(block.rows[0]) == len(last.rows[0]):
                    _join_cut_cell(last.rows, block.rows)
                    last.rows.extend(block.rows)
                    continue
                if block.line is not None and _fits(block.line, last.columns):
                    last.rows.append(_row_from_line(block.line, last.columns))
                    continue
            continuing = False
            out.append(block)
    return out


def _join_cut_cell(before: list[list[str]], after: list[list[str]]) -> None:
    """``（四）无`` at the foot of one page and ``法提供`` at the head of the next: one label."""
    if not before or not after:
        return
    last, first = before[-1], after[0]
    for c, fragment in enumerate(first):
        if not fragment or _NUMBER_RE.match(fragment) or _MARKER_RE.match(fragment):
            continue
        above = last[c] if c < len(last) else ""
        if above and not _NUMBER_RE.match(above) and above[-1] not in "。；;）)" and len(above) <= 12:
            below = [row[c] for row in after[1:2] if c < len(row)]  # the merged cell goes on below
            if not any(below):
                last[c] = above + fragment
                first[c] = ""
            break


def _pipe_table(rows: list[list[str]]) -> list[str]:
    width = max(len(r) for r in rows)
    lines = []
    for i, row in enumerate(rows):
        cells = [cell.replace("|", "\\|") for cell in row] + [""] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
        if i == 0:
            lines.append("|" + "---|" * width)
    return lines


def _mode(values: list[int]) -> int:
    return Counter(values).most_common(1)[0][0]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]
