"""Tables in a section's verbatim text → rows, columns and numeric cells (pure Python).

Two shapes are read, both by pattern:

* **Markdown pipe tables**: consecutive ``| … |`` lines.  Rows above the ``|---|``
  separator are header rows; an all-blank row (``|  |  |``) is dropped; a second
  separator below a header is skipped (web converters write ``blank row / --- / header /
  blank row / ---``); a body row whose first cell is blank and that has more cells than
  the header is a second header row (``|  | 1985 | 1995 | 1985 | 1995 |`` under
  ``|  | 按资产总额计算(%) | 按从业人员计算(%) |``): the upper header cells are then
  spread over the lower ones (merged cells), and a blank header cell takes its left
  neighbour's text.  ``**bold**`` marks are not part of a cell's text.
* **space-aligned text tables** (PDF text): a caption line ``表N …``, then a header line
  of words, then rows of ``label number number …``; page-number lines (``2``, ``— —``)
  between rows are skipped.  With no caption, three or more rows of ``label n n …``
  (two or more numbers each) make a table with no header; short lines between them
  (a vertical label, the first half of a cut label) are skipped.

The caption is the line just above the table when it is a Markdown heading (``### 行政
复议``), a bold line (``**表1：主要产品产量及增长情况**``) or a ``表N`` line.

A row's header is its first cell when that is not a number; a table whose rows start with
numbers (``| 27 | 10 | 9 |``) takes its caption as the row header.  Cells are kept with
their offsets in the text; a numeric cell (``705``, ``13.61 亿吨``, ``56.1%``, ``1.5倍``,
``-0.8``) gets a value and a unit, the unit coming from the cell or else from its column
header (``本年收费金额（单位：万元）``, ``比重（%）``, ``年末数（人）``).  ``-``, ``…`` and
blank cells are blank.

The standard tables of 政府信息公开工作年度报告 are recognised from their row labels
(:mod:`tui.ingest.disclosure_tables`), so that a cell has the same key in every such
report whatever the columns are called in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tui.ingest.figure_vocab import FOLD, SCALES, UNIT_KIND
from tui.ingest.text_repair import join_letter_spacing

TABLE_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")
SEPARATOR_RE = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$")
CAPTION_RE = re.compile(r"^(?:#{1,6}\s*|\*\*\s*)?(表\s*[0-9０-９一二三四五六七八九十]+.*)$")
HEADING_CAPTION_RE = re.compile(r"^#{1,6}\s*(\S.*)$")
BOLD_LINE_RE = re.compile(r"^\*\*(.+)\*\*[：:]?$")
TEXT_CAPTION_RE = re.compile(r"^表\s*[0-9]{1,3}\s*\S")
PAGE_FURNITURE_RE = re.compile(r"^(?:[0-9]{1,4}|[—\-–]+\s*[0-9]{0,4}\s*[—\-–]+)$")
_NUMBER = r"[-+]?[0-9]+(?:\.[0-9]+)?"
LONE_NUMBER_RE = re.compile(r"^[-+]?[0-9]+\.[0-9]+$")
NUMERIC_CELL_RE = re.compile(rf"^(?P<num>{_NUMBER})\s*(?P<unit>%|‰|倍|[^\s0-9]{{1,6}})?$")
COLUMN_UNIT_RE = re.compile(r"[（(]\s*(?:单位\s*[:：]\s*)?([^()（）\s]{1,6})\s*[)）]")
BLANK_CELLS = {"", "-", "—", "–", "…", "……", "/", "－"}
LIST_NUMBER_RE = re.compile(r"^(?:[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、．.]|[0-9]{1,2}\s*[.．、])\s*")


@dataclass
class Cell:
    text: str  # as printed, ** marks and outer spaces removed
    start: int  # offsets of text in the section text (start == end for an empty cell)
    end: int
    value: float | None = None
    unit: str | None = None
    scaled: float | None = None

    @property
    def blank(self) -> bool:
        return self.value is None and self.text.strip() in BLANK_CELLS


@dataclass
class Table:
    kind: str  # "markdown" or "text"
    start: int  # offset of the table's first line in the section text
    end: int  # end of its last line
    caption: str | None = None
    header_rows: list[list[str]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # one flattened header per column
    rows: list[list[Cell]] = field(default_factory=list)
    row_headers: list[str] = field(default_factory=list)
    standard: str | None = None  # which standard table (tui.ingest.disclosure_tables)
    standard_rows: list[str | None] = field(default_factory=list)
    standard_columns: list[list[str | None]] = field(default_factory=list)  # per row: key of each cell

    def numeric_cells(self):
        """(row index, column index, cell) of every cell holding a number."""
        for r, row in enumerate(self.rows):
            for c, cell in enumerate(row):
                if cell.value is not None:
                    yield r, c, cell


def _clean(text: str) -> str:
    return text.replace("**", "").strip()


def _split_cells(line: str, offset: int) -> list[Cell]:
    """Cells of one pipe row; offsets point at each cell's text inside ``line``."""
    first = line.index("|")
    last = line.rindex("|")
    cells: list[Cell] = []
    pos = first + 1
    inner = line[:last]
    while pos <= last:
        nxt = pos
        while nxt < last:
            if inner[nxt] == "|" and inner[nxt - 1] != "\\":
                break
            nxt += 1
        raw = line[pos:nxt]
        stripped = raw.strip()
        lead = raw.index(stripped) if stripped else 0
        s = offset + pos + lead
        cells.append(Cell(text=stripped, start=s, end=s + len(stripped)))
        pos = nxt + 1
    return cells


def _bold_trimmed(cell: Cell) -> Cell:
    """A cell whose text is ``**…**``: the offsets kept on the printed text."""
    text = cell.text
    start, end = cell.start, cell.end
    while text.startswith("**"):
        text, start = text[2:], start + 2
    while text.endswith("**"):
        text, end = text[:-2], end - 2
    stripped = text.strip()
    if stripped != text:
        start += len(text) - len(text.lstrip())
        end -= len(text) - len(text.rstrip())
    return Cell(text=stripped.replace("**", ""), start=start, end=end)


def parse_number(text: str, column_unit: str | None = None) -> tuple[float, str | None, float | None] | None:
    """``705`` → (705.0, unit of the column, …); ``13.61 亿吨`` → (13.61, "亿吨", 1.361e9);
    ``56.1%`` → (56.1, "%", None); not a number → None."""
    folded = text.translate(FOLD).replace(",", "").strip()
    m = NUMERIC_CELL_RE.match(folded)
    if not m:
        return None
    value = float(m.group("num"))
    unit = m.group("unit")
    if unit is not None and not _is_unit(unit):
        return None
    if unit in ("年", "年度") and value.is_integer() and 1900 <= value <= 2100:
        return None  # a year (``2020年`` over a column) is a header, not a statistic
    if unit is None:
        unit = column_unit
    return value, unit, _scaled(value, unit)


def _is_unit(unit: str) -> bool:
    if unit in ("%", "‰", "倍"):
        return True
    for scale in sorted(SCALES, key=len, reverse=True):
        if unit.startswith(scale):
            rest = unit[len(scale):]
            return not rest or rest in UNIT_KIND
    return unit in UNIT_KIND


def _scaled(value: float, unit: str | None) -> float | None:
    if not unit:
        return None
    for scale in sorted(SCALES, key=len, reverse=True):
        if unit.startswith(scale):
            return value * SCALES[scale]
    return None


def column_unit(header: str) -> str | None:
    """The unit a column header states: ``本年收费金额（单位：万元）`` → 万元, ``比重（%）`` → %."""
    for m in COLUMN_UNIT_RE.finditer(header.translate(FOLD).replace("**", "")):
        if _is_unit(m.group(1)):
            return m.group(1)
    return None


def _caption_of(line: str) -> str | None:
    s = line.strip()
    m = BOLD_LINE_RE.match(s)
    if m:
        return _clean(m.group(1))
    if TEXT_CAPTION_RE.match(s):
        return s
    m = HEADING_CAPTION_RE.match(s)
    if m and len(m.group(1)) <= 60:
        return _clean(m.group(1))
    return None


UNIT_LINE_RE = re.compile(r"^单位[:：]\s*\S{1,8}$")


def _caption_above(lines: list[str], i: int) -> str | None:
    """The caption over the table starting at line ``i``: the line above (past a
    ``单位：台`` line), joined with the one before when a bold caption runs over two
    lines (``**表****1`` / ``2020****年年末户籍人口及其构成**``)."""
    k = i - 1
    if k >= 0 and UNIT_LINE_RE.match(lines[k].strip()):
        k -= 1
    if k < 0 or TABLE_ROW_RE.match(lines[k]):
        return None
    line = lines[k].strip()
    if line.endswith("**") and not line.startswith("**") and k > 0 and lines[k - 1].strip().startswith("**"):
        return _clean(lines[k - 1].strip() + " " + line)
    return _caption_of(line)


def find_tables(text: str) -> list[Table]:
    """Every table of a section's verbatim text, in order."""
    lines = text.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        if TABLE_ROW_RE.match(lines[i]):
            j = i
            while j < len(lines) and TABLE_ROW_RE.match(lines[j]):
                j += 1
            caption = _caption_above(lines, i)
            table, used = _markdown_table(lines[i:j], offsets[i:j], caption)
            if table is not None:
                tables.append(table)
            i += used
            continue
        if TEXT_CAPTION_RE.match(lines[i].strip()) and i + 2 < len(lines):
            table, j = _text_table(lines, offsets, i)
            if table is not None:
                tables.append(table)
                i = j
                continue
        if BARE_ROW_RE.match(lines[i].strip()):
            table, j = _bare_text_table(lines, offsets, i)
            if table is not None:
                tables.append(table)
                i = j
                continue
        i += 1
    return tables


# a row of a table with no caption: a label, then two or more numbers (一、本年新收… 3001 53 0 0 61 4 3119)
BARE_ROW_RE = re.compile(r"^(?P<label>\S.{0,60}?)\s+(?P<nums>[-+]?[0-9][0-9.,]*%?(?:\s+[-+]?[0-9][0-9.,]*%?)+)$")
GROUP_LINE_RE = re.compile(r"^[（(][一二三四五六七八九十]{1,2}[)）]\S{0,6}$")
BARE_MIN_ROWS = 3
BARE_GAP = 30  # a line of at most this many characters may stand between two rows (a cut label)


def _bare_text_table(lines: list[str], offsets: list[int], i: int) -> tuple[Table | None, int]:
    """Rows of ``label number number …`` with no caption (a PDF text's table whose header
    came out scattered): at least three rows; short lines between rows (a vertical label
    one character per line, the first half of a cut row label) are skipped, a group line
    ``（三）不`` becomes a row of its own (it names the group of the rows below)."""
    rows: list[list[Cell]] = []
    headers: list[str] = []
    j, last_row = i, i
    pending: str = ""  # a cut label's first half, directly above a row
    while j < len(lines):
        s = lines[j].strip()
        m = BARE_ROW_RE.match(s)
        if m:
            lead = len(lines[j]) - len(lines[j].lstrip())
            label = m.group("label")
            cells = [Cell(text=label, start=offsets[j] + lead, end=offsets[j] + lead + len(label))]
            for tok in _TOKEN_RE.finditer(lines[j], lead + m.start("nums")):
                cells.append(Cell(text=tok.group(0), start=offsets[j] + tok.start(), end=offsets[j] + tok.end()))
            for cell in cells[1:]:
                parsed = parse_number(cell.text)
                if parsed is not None:
                    cell.value, cell.unit, cell.scaled = parsed
            rows.append(cells)
            headers.append(pending + label if pending else label)
            pending, last_row = "", j
            j += 1
            continue
        if not s or PAGE_FURNITURE_RE.match(s):
            j += 1
            continue
        if len(s) <= BARE_GAP and not TABLE_ROW_RE.match(s) and j - last_row <= 12:
            if GROUP_LINE_RE.match(s):
                rows.append([Cell(text=s, start=offsets[j] + lines[j].index(s), end=offsets[j] + lines[j].index(s) + len(s))])
                headers.append(s)
                pending = ""
            else:
                pending = s if not any(p in s for p in "。；;") and len(s) > 3 else ""
            j += 1
            continue
        break
    numeric_rows = sum(1 for r in rows if len(r) > 2)
    if numeric_rows < BARE_MIN_ROWS:
        return None, i
    end_line = last_row
    width = max(len(r) for r in rows)
    table = Table(kind="text", start=offsets[i], end=offsets[end_line] + len(lines[end_line]),
                  columns=[""] * width, rows=rows, row_headers=headers)
    return table, end_line + 1


def _markdown_table(lines: list[str], offsets: list[int], caption: str | None) -> tuple[Table | None, int]:
    """The table at the start of a run of pipe lines, and how many lines it takes: a
    header row (a row with a separator under it) after data rows starts the next table."""
    header: list[list[Cell]] = []
    body: list[list[Cell]] = []
    seen_separator = False
    used = len(lines)
    for k, (line, offset) in enumerate(zip(lines, offsets)):
        if SEPARATOR_RE.match(line):
            seen_separator = True
            continue
        if body and k + 1 < len(lines) and SEPARATOR_RE.match(lines[k + 1]) and line.replace("|", "").strip():
            used = k
            break
        cells = [_bold_trimmed(c) for c in _split_cells(line, offset)]
        if all(not c.text for c in cells):
            continue  # an all-blank row (a web converter's empty first row)
        if not seen_separator and not _numbers_only(cells):
            header.append(cells)
        elif not seen_separator:
            body.append(cells)
        elif not body and header and _is_sub_header(cells, header[-1]):
            header.append(cells)
        elif not body and not header:
            # the header came after a separator (``|  | / --- / **header** / --- / data``)
            if all(parse_number(c.text) is None for c in cells[1:]) and any(c.text for c in cells[1:]):
                header.append(cells)
            else:
                body.append(cells)
        else:
            body.append(cells)
    if not header and not body:
        return None, used
    # more header rows written as body rows (a reader writes only the first row as the
    # header): leading rows without a number, before rows with numbers, whose first cell is
    # blank or that hold two or more words (``| 结果维持 | 结果纠正 | … | 未经复议直接起诉 |``)
    if header and any(_has_number(r) for r in body):
        while body and not _has_number(body[0]) and (
                not body[0][0].text or sum(1 for c in body[0] if c.text and c.text not in BLANK_CELLS) >= 2):
            header.append(body.pop(0))
    table = Table(kind="markdown", start=offsets[0], end=offsets[used - 1] + len(lines[used - 1]), caption=caption)
    table.header_rows = [[c.text for c in row] for row in header]
    width = max([len(r) for r in header + body] or [0])
    table.columns = _flatten_headers(table.header_rows, width)
    _fill_body(table, body)
    return table, used


def _has_number(cells: list[Cell]) -> bool:
    return any(parse_number(c.text) is not None for c in cells[1:])


def _numbers_only(cells: list[Cell]) -> bool:
    """A row above the separator that holds only numbers is data, not a header."""
    rest = [c for c in cells[1:] if c.text]
    return bool(rest) and all(parse_number(c.text) is not None for c in rest)


def _is_sub_header(cells: list[Cell], above: list[Cell]) -> bool:
    return bool(cells) and not cells[0].text and len(cells) > len(above)


def _flatten_headers(rows: list[list[str]], width: int) -> list[str]:
    """One header text per column; an upper row with fewer cells spans the lower ones."""
    if not rows:
        return [""] * width
    spread: list[list[str]] = []
    for row in rows:
        row = list(row)
        if len(row) < width and len(row) > 1 and (width - 1) % (len(row) - 1) == 0:
            span = (width - 1) // (len(row) - 1)
            row = [row[0]] + [cell for cell in row[1:] for _ in range(span)]
        row = row + [""] * (width - len(row))
        for k in range(1, len(row)):  # a blank header cell continues its left neighbour
            if not row[k] and row[k - 1] and len(rows) > 1:
                row[k] = row[k - 1]
        spread.append(row)
    columns = []
    for k in range(width):
        parts: list[str] = []
        for row in spread:
            if row[k] and (not parts or parts[-1] != row[k]):
                parts.append(row[k])
        columns.append(join_letter_spacing(" ".join(parts)))
    return columns


def _fill_body(table: Table, body: list[list[Cell]]) -> None:
    units = [column_unit(c) for c in table.columns]
    width = len(table.columns)
    for row in body:
        for k, cell in enumerate(row):
            if k == 0 and len(row) > 1 and parse_number(cell.text) is None:
                continue  # the row header
            unit = units[k] if k < len(units) else None
            parsed = parse_number(cell.text, unit)
            if parsed is not None and parsed[1] is None and k < width:
                parsed = (parsed[0], None, None)
            if parsed is not None:
                cell.value, cell.unit, cell.scaled = parsed
        first = row[0].text if row else ""
        if row and parse_number(first) is None and len(row) > 1:
            table.row_headers.append(first)
        else:
            table.row_headers.append(table.caption or "")
        table.rows.append(row)


def _text_table(lines: list[str], offsets: list[int], i: int) -> tuple[Table | None, int]:
    """``表N caption`` / header words / ``label n n …`` rows (space-aligned PDF text)."""
    header_line = lines[i + 1].strip()
    header = header_line.split()
    if len(header) < 2 or any(parse_number(h) is not None for h in header):
        return None, i
    rows: list[list[Cell]] = []
    headers: list[str] = []
    j = i + 2
    while j < len(lines):
        line = lines[j]
        s = line.strip()
        if PAGE_FURNITURE_RE.match(s) or LONE_NUMBER_RE.match(s):  # a page number, a stray chart label
            j += 1
            continue
        row = _text_row(line, offsets[j])
        if row is None:
            break
        rows.append(row)
        headers.append(row[0].text)
        j += 1
    while j > i + 2 and PAGE_FURNITURE_RE.match(lines[j - 1].strip()):
        j -= 1
    if not rows:
        return None, i
    width = max(len(r) for r in rows)
    columns = header + [""] * (width - len(header))
    if len(header) == width - 1:  # no header over the row labels
        columns = [""] + header
    table = Table(kind="text", start=offsets[i + 1], end=offsets[j - 1] + len(lines[j - 1]),
                  caption=lines[i].strip(), header_rows=[header], columns=columns[:width])
    units = [column_unit(c) for c in table.columns]
    for row in rows:
        for k, cell in enumerate(row[1:], start=1):
            unit = units[k] if k < len(units) else None
            parsed = parse_number(cell.text, unit)
            if parsed is not None:
                cell.value, cell.unit, cell.scaled = parsed
        # a unit column (``万吨`` / ``%``): the numbers after it take it
        for k, cell in enumerate(row[1:], start=1):
            if cell.value is None and _is_unit(cell.text):
                for later in row[k + 1:]:
                    if later.value is not None and later.unit is None:
                        later.unit, later.scaled = cell.text, _scaled(later.value, cell.text)
        table.rows.append(row)
        table.row_headers.append(row[0].text)
    return table, j


_TOKEN_RE = re.compile(r"\S+")


def _text_row(line: str, offset: int) -> list[Cell] | None:
    """``#城镇 1654272 33.8`` → [label, number, number]; None when the line is not a row."""
    tokens = [(m.group(0), m.start()) for m in _TOKEN_RE.finditer(line)]
    if len(tokens) < 2:
        return None
    k = len(tokens)
    while k > 0 and (parse_number(tokens[k - 1][0]) is not None or _is_unit(tokens[k - 1][0])):
        k -= 1
    numbers = tokens[k:]
    if k == 0 or not any(parse_number(t) is not None for t, _ in numbers):
        return None
    label_start = tokens[0][1]
    label_end = tokens[k - 1][1] + len(tokens[k - 1][0])
    label = line[label_start:label_end]
    if len(label) > 40 or any(p in label for p in "。；;，,"):
        return None
    cells = [Cell(text=label, start=offset + label_start, end=offset + label_end)]
    for tok, at in numbers:
        cells.append(Cell(text=tok, start=offset + at, end=offset + at + len(tok)))
    return cells


def row_label(text: str) -> str:
    """A row header without its list number (``1. 属于国家秘密`` → ``属于国家秘密``)."""
    return LIST_NUMBER_RE.sub("", text.strip()).strip()
