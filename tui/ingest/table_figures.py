"""A section's tables → ``Table`` models, and every numeric cell → a ``Figure``.

The text figures of a section are found with the table lines blanked (same length, so
offsets hold): a pipe row's loose numbers are not read as prose.  Each numeric cell is a
figure of its own — ``raw`` the cell as printed, ``start``/``end`` its place in the
section text, ``value``/``unit`` as the cell (or its column header) gives them, and the
label ``row header · column header`` (``行政处罚 · 本年处理决定数量``), so a search finds a
cell like any figure.  In a standard table of 政府信息公开工作年度报告 the label uses the
template's names (``予以公开 · 自然人``, ``不予公开·属于国家秘密 · 自然人``, ``行政复议 · 结果
维持``), whatever the file calls its columns (``数据1`` …).  Figures are numbered in text
order (``f1`` …), pairs renumbered with them; each cell keeps the id of its figure.
"""

from __future__ import annotations

import re

from tui.ingest.disclosure_tables import leaf, recognise
from tui.ingest.figure_vocab import UNIT_KIND
from tui.ingest.figures import extract_figures
from tui.ingest.tables import Table as RawTable
from tui.ingest.tables import find_tables, row_label
from tui.ingest.text_repair import join_letter_spacing
from tui.model import Figure, Table, TableCell, TableRow

__all__ = ["section_tables_and_figures"]


_ROW_END_RE = re.compile(r"[0-9]%?[ \t]+[-+]?[0-9][0-9.,]*%?[ \t]*$", re.M)


def _might_hold_tables(text: str) -> bool:
    return "|" in text or "表" in text or _ROW_END_RE.search(text) is not None


def section_tables_and_figures(text: str, section_id: str, context: str = "",
                               budget: int | None = None) -> tuple[list[Table], list[Figure]]:
    """(the tables of one section, all its figures: prose and cells, in text order).

    ``context`` is the heading above the section (chapter heading and the section's
    marker line), which names the group of a standard table cut in fragments."""
    raw_tables = find_tables(text) if _might_hold_tables(text) else []
    if not raw_tables:
        return [], extract_figures(text, section_id, budget=budget)
    recognise(raw_tables, context)
    masked = _blank_tables(text, raw_tables)
    prose = extract_figures(masked, section_id, budget=budget)
    cells: list[tuple[int, Figure, TableCell]] = []
    tables: list[Table] = []
    for n, raw in enumerate(raw_tables, start=1):
        table, cell_figures = _table(raw, text, section_id, n)
        tables.append(table)
        cells.extend(cell_figures)
    figures = _renumber(section_id, prose, [f for _, f, _ in cells])
    for _, figure, cell in cells:
        cell.figure = figure.id
    return tables, figures


def _blank_tables(text: str, tables: list[RawTable]) -> str:
    chars = list(text)
    for t in tables:
        for k in range(t.start, t.end):
            if chars[k] != "\n":
                chars[k] = " "
    return "".join(chars)


def _sentence(text: str, start: int, end: int) -> str:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return text[lo: hi if hi >= 0 else len(text)].strip()


def _kind(unit: str | None, value: float) -> str:
    if unit in ("%", "‰"):
        return "percent"
    if unit is None:
        return "count" if value == int(value) else "other"
    for scale in ("万亿", "千亿", "百亿", "十亿", "亿", "千万", "百万", "十万", "万", "千"):
        if unit.startswith(scale):
            unit = unit[len(scale):]
            break
    if not unit:
        return "count"
    kind = UNIT_KIND.get(unit, "other")
    return "other" if kind == "name" else kind


def _labels(raw: RawTable, r: int, c: int) -> tuple[str, str]:
    """(row part, column part) of a cell's label."""
    row_key = raw.standard_rows[r] if raw.standard_rows else None
    col_key = raw.standard_columns[r][c] if raw.standard_columns and c < len(raw.standard_columns[r]) else None
    if row_key and col_key:
        if raw.standard == "requests" and row_key.count("/") >= 2:
            group, item = row_key.split("/")[-2:]
            row = f"{leaf(group)}·{leaf(item)}"
        elif raw.standard == "appeals":
            row = row_key.replace("/", "·")
        else:
            row = leaf(row_key)
        return row, leaf(col_key)
    header = join_letter_spacing(row_label(raw.row_headers[r])) if r < len(raw.row_headers) else ""
    column = raw.columns[c] if c < len(raw.columns) else ""
    return header, column.strip()


def _table(raw: RawTable, text: str, section_id: str, n: int) -> tuple[Table, list[tuple[int, Figure, TableCell]]]:
    rows: list[TableRow] = []
    out: list[tuple[int, Figure, TableCell]] = []
    for r, cells in enumerate(raw.rows):
        model_cells = []
        for c, cell in enumerate(cells):
            key = raw.standard_columns[r][c] if raw.standard_columns and c < len(raw.standard_columns[r]) else None
            mc = TableCell(text=text[cell.start:cell.end], start=cell.start, end=cell.end,
                           value=cell.value, unit=cell.unit, key=key)
            model_cells.append(mc)
            if cell.value is None:
                continue
            row, column = _labels(raw, r, c)
            label = " · ".join(part for part in (row, column) if part) or (raw.caption or "表格数值")
            figure = Figure(
                id=f"{section_id}/f1", section=section_id, raw=text[cell.start:cell.end], value=cell.value,
                scaled_value=cell.scaled, unit=cell.unit, kind=_kind(cell.unit, cell.value),  # type: ignore[arg-type]
                label=label, sentence=_sentence(text, cell.start, cell.end), start=cell.start, end=cell.end,
            )
            out.append((cell.start, figure, mc))
        header = raw.row_headers[r] if r < len(raw.row_headers) else ""
        rows.append(TableRow(header=header, key=raw.standard_rows[r] if raw.standard_rows else None,
                             cells=model_cells))
    table = Table(id=f"{section_id}/t{n}", section=section_id, kind=raw.kind, caption=raw.caption,  # type: ignore[arg-type]
                  start=raw.start, end=raw.end, header_rows=raw.header_rows, columns=raw.columns, rows=rows,
                  standard=raw.standard)  # type: ignore[arg-type]
    return table, out


def _renumber(section_id: str, prose: list[Figure], cells: list[Figure]) -> list[Figure]:
    """Prose and cell figures in text order, ids ``f1`` … and pairs following them."""
    merged = sorted([*prose, *cells], key=lambda f: (f.start, f.end))
    old_ids = {id(f): f.id for f in prose}
    new_of_old: dict[str, str] = {}
    for k, figure in enumerate(merged, start=1):
        new = f"{section_id}/f{k}"
        if id(figure) in old_ids:
            new_of_old[old_ids[id(figure)]] = new
        figure.id = new
    for figure in merged:
        if figure.pair is not None:
            figure.pair = new_of_old.get(figure.pair)
    return merged
