"""A ``Table`` of the model as Markdown and as CSV (pure: no Textual).

What the reading pane and copy-out need to give a table as a table: the header (the
flattened column headers, merged cells spread), then every row, each cell as printed
(``**`` marks removed; a blank cell empty).  Table text is report text: callers that
print it on a terminal pass it through their usual sanitising (``tui.safe_text``).
"""

from __future__ import annotations

import csv
import io

from tui.model import Table

__all__ = ["table_grid", "table_markdown", "table_csv"]


def table_grid(table: Table) -> list[list[str]]:
    """The header row and the body rows, all as wide as the widest row."""
    rows = [[cell.text.replace("**", "").strip() for cell in row.cells] for row in table.rows]
    width = max([len(table.columns), *(len(r) for r in rows)] or [0])
    header = [*table.columns, *[""] * (width - len(table.columns))]
    return [header, *[r + [""] * (width - len(r)) for r in rows]]


def table_markdown(table: Table) -> str:
    """``| … |`` rows with a ``|---|`` line under the header; ``|`` in a cell escaped."""
    grid = table_grid(table)
    if not grid or not grid[0]:
        return ""
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"
    lines = [f"**{table.caption}**", ""] if table.caption else []
    lines.append(row(grid[0]))
    lines.append("|" + "---|" * len(grid[0]))
    lines.extend(row(r) for r in grid[1:])
    return "\n".join(lines) + "\n"


def table_csv(table: Table) -> str:
    """The grid as CSV (RFC 4180 quoting), header first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for r in table_grid(table):
        writer.writerow(r)
    return out.getvalue()
