"""How the reading pane draws a table: a model ``Table`` laid out into lines of cells.

Pure layout (no Textual): :func:`table_lines` turns a :class:`~tui.model.Table` into the
lines the reading pane draws, for a given width::

    ───────────────┬──────────────┬──────────────
    信息内容       │ 本年制发件数 │ 本年废止件数
    ───────────────┼──────────────┼──────────────
    规章           │            0 │            0
    ───────────────┴──────────────┴──────────────

* Columns are as wide as their widest cell (the first column up to :data:`MAX_FIRST`
  cells, the others up to :data:`MAX_OTHER`) and shrink, widest first, to fit the pane;
  longer cells wrap inside their column (Chinese line breaking, :mod:`tui.cjk_wrap`).
  Widths are counted in cells, so double-width characters line up.
* Header rows are drawn as printed; a header cell whose right neighbours are blank (a
  merged cell written once, as HTML/Word/PDF tables are) spans them, and so does a short
  header row whose cells the model spread over several columns (``按资产总额计算(%)`` over
  ``1985`` and ``1995``).  Numbers are right-aligned, words left-aligned.
* Every shown character keeps where it comes from (``runs``, offsets into the section
  text) and every cell its span, so search marks, figures and clicks land on the cell.
* A table wider than the pane keeps ``fixed`` cells (its first column) in place while the
  rest scrolls sideways.

The section text passed in must already be display-safe (:func:`tui.cjk_wrap.display_text`:
same length as the section text, controls made visible).
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.cjk_wrap import cell_width, char_width, wrap_offsets
from tui.model import Table
from tui.section_blocks import shown

__all__ = ["TableLine", "table_lines", "MAX_FIRST", "MAX_OTHER"]

SEP = " │ "
MAX_FIRST = 30  # cells of the row-header column before it wraps
MAX_OTHER = 24  # cells of any other column before it wraps
#: Narrowest a column of words gets before the table scrolls sideways instead (cells):
#: eight for the row headers, four Chinese characters for the others.
MIN_FIRST, MIN_OTHER = 16, 8
#: Component classes of the reading pane used for a table's parts.
RULE, HEADER = "section-body--table-rule", "section-body--table-header"

Run = tuple[int, int, int]


@dataclass(frozen=True)
class TableLine:
    text: str
    runs: tuple[Run, ...] = ()  # (a, b, offset): text[a:b] shows section text[offset:offset + b - a]
    cells: tuple[tuple[int, int, int, int], ...] = ()  # (a, b) of a cell's area in text, its (start, end)
    styles: tuple[tuple[int, int, str], ...] = ()  # (a, b, component): rules, header cells
    anchor: int | None = None  # section offset this line stands for (first line of a row)
    fixed: int = 0  # cells of the first column and its separator: what stays when it scrolls
    width: int = 0  # cells of the whole line


@dataclass
class _Cell:
    text: str  # as shown
    runs: tuple[Run, ...]
    span: tuple[int, int]  # first and last column
    start: int | None = None  # the cell's span in the section text (None: not found there)
    end: int | None = None
    numeric: bool = False
    header: bool = False


def table_lines(table: Table, raw: str, text: str, width: int) -> list[TableLine]:
    """The lines of ``table`` at most ``width`` cells wide where the columns can shrink
    that far (else wider: the pane scrolls).  ``raw`` is the section text, ``text`` the
    same text made display-safe."""
    columns = max([len(table.columns), *(len(r.cells) for r in table.rows), *(len(h) for h in table.header_rows)]
                  or [0])
    if not columns:
        return []
    body = [_body_row(row.cells, text, columns) for row in table.rows]
    first_body = next((c.start for row in table.rows for c in row.cells[:1]), table.end)
    header = _header(table, raw, text, columns, first_body)
    widths = _widths([*header, *body], columns, width)
    fixed = widths[0] + len(SEP)
    total = sum(widths) + len(SEP) * (columns - 1)

    def rule(joints: set[int], mid: str = "┼") -> TableLine:
        parts = []
        for j, w in enumerate(widths):
            parts.append("─" * w)
            if j < columns - 1:
                parts.append(f"─{mid}─" if j in joints else "───")
        line = "".join(parts)
        return TableLine(line, styles=((0, len(line), RULE),), fixed=fixed, width=total)

    every = set(range(columns - 1))
    lines: list[TableLine] = []
    top_joints = {c.span[1] for c in header[0]} if header else every
    top = rule(top_joints - {columns - 1}, "┬")
    lines.append(TableLine(top.text, styles=top.styles, anchor=table.start, fixed=fixed, width=total))
    frozen = total > width
    for cells in header:
        lines.extend(_row_lines(cells, widths, fixed, total, frozen))
    if header:
        lines.append(rule(every))
    wrapped = any(len(_chunks(c, widths)) > 1 for row in body for c in row)
    for n, cells in enumerate(body):
        if n and wrapped:  # rows of several lines: a rule between rows tells them apart
            lines.append(rule(every))
        lines.extend(_row_lines(cells, widths, fixed, total, frozen))
    lines.append(rule(every, "┴"))
    return lines


def _body_row(cells, text: str, columns: int) -> list[_Cell]:
    out = []
    for j in range(columns):
        if j < len(cells):
            cell = cells[j]
            shown_text, runs = shown(text, cell.start, cell.end, strip=True)
            out.append(_Cell(shown_text, runs, (j, j), cell.start, cell.end, numeric=cell.value is not None))
        else:
            out.append(_Cell("", (), (j, j)))
    return out


def _header(table: Table, raw: str, text: str, columns: int, limit: int) -> list[list[_Cell]]:
    """Header levels, each a list of cells with the columns they span."""
    rows = [list(r) for r in table.header_rows]
    if not rows:
        return []
    levels: list[list[_Cell]] = []
    pos = table.start
    for level, row in enumerate(rows):
        owners = list(range(columns)) if len(row) == columns else _spread(row, table.columns)
        if owners is None:  # a row the model's columns do not explain: the flattened columns
            names = [*table.columns, *[""] * (columns - len(table.columns))]
            return [[_Cell(n.replace("**", "").strip(), (), (j, j), header=True) for j, n in enumerate(names)]]
        located: list[tuple[int, int] | None] = []
        for label in row:
            label = label.replace("**", "").strip()
            at = raw.find(label, pos, limit) if label else -1
            if at >= 0:
                located.append((at, at + len(label)))
                pos = at + len(label)
            else:
                located.append(None)
        groups: list[list[int]] = []  # [first column, last column, index of the printed cell]
        last = level == len(rows) - 1
        for j in range(columns):
            k = owners[j]
            if groups and groups[-1][2] == k:
                groups[-1][1] = j  # a cell the model spread over several columns
            elif groups and len(row) == columns and not row[k].strip() \
                    and (not last or not row[groups[-1][2]].strip()):
                groups[-1][1] = j  # blank right of a cell (merged, written once): part of it
            else:
                groups.append([j, j, k])
        cells = []
        for first, end, k in groups:
            where = located[k]
            if where is not None:
                shown_text, runs = shown(text, *where, strip=True)
                cells.append(_Cell(shown_text, runs, (first, end), *where, header=True))
            else:
                cells.append(_Cell(row[k].replace("**", "").strip(), (), (first, end), header=True))
        levels.append(cells)
    return levels


def _spread(row: list[str], columns: list[str]) -> list[int] | None:
    """Which printed cell of a short header row heads each column: the one the column's
    flattened header starts with (``按资产总额计算(%) 1985`` → ``按资产总额计算(%)``)."""
    if not row or len(columns) <= len(row):
        return None
    owners, k = [], 0
    for j, name in enumerate(columns):
        following = row[k + 1].strip() if k + 1 < len(row) else ""
        if j and following and name.startswith(following):
            k += 1
        owners.append(k)
    return owners if k == len(row) - 1 else None


def _longest_word(text: str) -> int:
    best = run = 0
    for char in text:
        run = run + 1 if char_width(char) == 1 and char != " " else 0
        best = max(best, run)
    return best


def _widths(rows: list[list[_Cell]], columns: int, room: int) -> list[int]:
    natural, least = [1] * columns, [1] * columns
    for cells in rows:
        for cell in cells:
            first, last = cell.span
            if first != last:
                continue
            size = cell_width(cell.text)
            natural[first] = max(natural[first], size)
            floor = MIN_FIRST if first == 0 else MIN_OTHER
            least[first] = max(least[first], size if cell.numeric else min(size, max(floor, _longest_word(cell.text))))
    widths = [max(least[j], min(natural[j], MAX_FIRST if j == 0 else MAX_OTHER)) for j in range(columns)]
    over = sum(widths) + len(SEP) * (columns - 1) - room
    # a header cell over several columns (按资产总额计算(%) over 1985 and 1995): widen them
    # to hold it on one line, where the pane has the room
    for cells in rows:
        for cell in cells:
            first, last = cell.span
            if first == last or not cell.header:
                continue
            need = cell_width(cell.text) - (sum(widths[first:last + 1]) + len(SEP) * (last - first))
            j = first
            while need > 0 and over < 0:
                widths[j] += 1
                need, over = need - 1, over + 1
                j = first if j == last else j + 1
    while over > 0:
        j = max(range(columns), key=lambda i: (widths[i] - least[i] > 0, widths[i]))
        if widths[j] <= least[j]:
            break
        widths[j] -= 1
        over -= 1
    return widths


def _area(cell: _Cell, widths: list[int]) -> int:
    first, last = cell.span
    return sum(widths[first:last + 1]) + len(SEP) * (last - first)


def _chunks(cell: _Cell, widths: list[int], frozen: bool = False) -> list[tuple[int, int]]:
    """The cell's text wrapped to its area; ``frozen`` (the table scrolls sideways, its
    first column stays): a header cell spanning from the first column wraps inside it."""
    if not cell.text:
        return []
    room = widths[0] if frozen and cell.span[0] == 0 else _area(cell, widths)
    return wrap_offsets(cell.text, room)


def _row_lines(cells: list[_Cell], widths: list[int], fixed: int, total: int, frozen: bool) -> list[TableLine]:
    chunks = [_chunks(c, widths, frozen) for c in cells]
    height = max([len(c) for c in chunks] or [1]) or 1
    out = []
    for t in range(height):
        text: list[str] = []
        at = 0  # characters so far
        runs: list[Run] = []
        areas: list[tuple[int, int, int, int]] = []
        styles: list[tuple[int, int, str]] = []
        for n, (cell, pieces) in enumerate(zip(cells, chunks)):
            if n:
                text.append(SEP)
                styles.append((at, at + len(SEP), RULE))
                at += len(SEP)
            area = _area(cell, widths)
            a, b = pieces[t] if t < len(pieces) else (0, 0)
            content = cell.text[a:b]
            room = area - cell_width(content)
            if cell.numeric:
                left = room
            elif cell.header and cell.span[0] > 0:
                left = room // 2
            else:
                left = 0
            begin = at
            text.append(" " * left + content + " " * (room - left))
            for ra, rb, offset in cell.runs:
                lo, hi = max(ra, a), min(rb, b)
                if lo < hi:
                    runs.append((at + left + lo - a, at + left + hi - a, offset + lo - ra))
            if cell.header and content:
                styles.append((at + left, at + left + len(content), HEADER))
            at += len(text[-1])
            if cell.start is not None and cell.end is not None:
                # the cell's area with the space on each side, for a highlight of the whole cell
                areas.append((max(0, begin - (1 if n else 0)), at + (1 if n < len(cells) - 1 else 0),
                              cell.start, cell.end))
        anchor = None
        if t == 0:
            anchor = next((c.start for c in cells if c.start is not None), None)
        out.append(TableLine("".join(text), tuple(runs), tuple(areas), tuple(styles), anchor, fixed, total))
    return out
