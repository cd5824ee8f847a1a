"""A Word (.docx) file → its paragraphs and tables in document order (python-docx).

* the body's XML children are walked in order: a ``w:p`` is one line (python-docx's
  ``Paragraph.text``: runs, tabs and breaks), a ``w:tbl`` a Markdown pipe table (first row
  as header).  Paragraph styles are not trusted — this family's files often have none —
  so a heading typed as a plain paragraph (``一、…``, ``（一）…``) is found by the structure
  parser exactly as in a ``.txt``; em-space (U+2003) and ideographic-space indents are
  whitespace and go.
* a merged cell (``gridSpan`` across, ``vMerge`` down) is written once, in its first row
  and column; the cells it covers are left blank (repeating its text would count it
  twice: the lossless rule).  A cell's paragraphs are joined by a space.
* paragraphs that are only a page number (``—1—``, ``- 2 -``, ``第 3 页``: a PDF's page
  numbers carried into Word by a converter) go to ``extras``.  Page headers and footers
  themselves (and text boxes in them) are not part of the body and are not read.  Where such
  a page number cut a paragraph (the paragraph before it ends mid-sentence), the two
  halves are joined.
* the zip is checked before python-docx opens it (``detect.check_docx_zip``: a zip bomb
  or a zip without ``word/document.xml`` is refused).

The lossless source is the text python-docx gives for the body's paragraphs and cells.
"""

from __future__ import annotations

from io import BytesIO

from tui.errors import ReportError
from tui.ingest.detect import Extracted
from tui.ingest.text_repair import CLOSERS, HEADING_RE, SENTENCE_END, is_page_number, is_table_row, width

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(raw: bytes, name: str) -> Extracted:
    # python-docx / lxml on a damaged part raise many kinds of exception: detect.read_document
    # turns each into one line that names the library and the exception
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(BytesIO(raw))
    body = document.element.body
    lines: list[str] = []
    extras: list[str] = []
    library: list[str] = []
    after_page_number = False
    for child in body.iterchildren():
        if child.tag == _W + "p":
            text = Paragraph(child, document).text
            library.append(text)
            stripped = text.strip()
            if stripped and is_page_number(stripped) and not stripped.isdigit():
                extras.append(stripped)
                after_page_number = True
            elif not stripped:
                lines.append(text)
            else:
                if after_page_number and _continues(lines, stripped):
                    while not lines[-1].strip():
                        lines.pop()
                    lines[-1] = lines[-1].rstrip() + stripped
                else:
                    lines.append(text)
                after_page_number = False
        elif child.tag == _W + "tbl":
            table = Table(child, document)
            rows, texts = _table_rows(table)
            library.extend(texts)
            lines.append("")
            lines.extend(_pipe_table(rows))
            lines.append("")
    title = (document.core_properties.title or "").strip() or None
    library_text = "\n".join(library)
    if not "".join(library_text.split()):
        raise ReportError(f"{name}: the Word document holds no text")
    return Extracted(
        kind="docx",
        text="\n".join(lines) + "\n",
        extras=extras,
        library_text=library_text,
        title=title,
        encoding="docx",
    )


def _continues(lines: list[str], paragraph: str) -> bool:
    """A paragraph cut by a page break (a PDF converted to Word): the one before the page
    number ends mid-sentence, is a full paragraph (not a caption or heading), and this one
    is no heading."""
    previous = next((line.strip() for line in reversed(lines) if line.strip()), "")
    if not previous or is_table_row(previous) or HEADING_RE.match(paragraph):
        return False
    return width(previous) >= 30 and previous.rstrip(CLOSERS)[-1:] not in SENTENCE_END


def _cell_text(cell) -> str:
    return " ".join(" ".join(p.text.split()) for p in cell.paragraphs if p.text.strip())


def _table_rows(table) -> tuple[list[list[str]], list[str]]:
    """Rows of cell texts, a merged cell's text once (first row, first column)."""
    seen: dict[int, object] = {}  # id → the element itself, kept alive so that ids stay unique
    rows: list[list[str]] = []
    texts: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            key = id(cell._tc)
            if key in seen:
                cells.append("")
                continue
            seen[key] = cell._tc
            text = _cell_text(cell)
            texts.append(text)
            cells.append(text.replace("|", "\\|"))
        rows.append(cells)
    return rows, texts


def _pipe_table(rows: list[list[str]]) -> list[str]:
    rows = [r for r in rows if r]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    if width == 1:
        return [r[0] for r in rows if r[0]]
    lines = []
    for i, row in enumerate(rows):
        lines.append("| " + " | ".join(row + [""] * (width - len(row))) + " |")
        if i == 0:
            lines.append("|" + "---|" * width)
    return lines
