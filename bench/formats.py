"""Ingest time of PDF, HTML and DOCX reports, per file and per page, beside the baselines.

For each PDF / HTML / DOCX file of ``../shared/corpus/formats/`` (real published reports),
in one run, each timing the median of ``--repeat`` runs in this process:

* ``read``: the format reader alone (``tui.ingest.detect.read_document``: text, tables,
  extras);
* ``ingest``: the whole pipeline to a ``Report`` without pinyin keys (``ingest_bytes``);
* PDFs only, side by side: ``pdftotext -layout`` (poppler, a subprocess: its start-up is
  included), ``pdftotext`` (raw), pypdfium2's plain text (``get_text_bounded`` per page)
  and pdfplumber's ``extract_text`` per page — what the reader was chosen against.

Run: ``python bench/formats.py [--json] [--repeat 3]``.  Never run by the test suite.
``pdftotext`` columns are blank where poppler-utils is not installed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FORMATS = ROOT.parent / "shared" / "corpus" / "formats"


def timed(func, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def pages_of(raw: bytes) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(raw)
    try:
        return len(doc)
    finally:
        doc.close()


def pdfium_text(raw: bytes) -> None:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(raw)
    for i in range(len(doc)):
        doc[i].get_textpage().get_text_bounded()
    doc.close()


def plumber_text(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def pdftotext(path: Path, layout: bool) -> None:
    subprocess.run(["pdftotext", *(["-layout"] if layout else []), str(path), "-"],
                   check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=FORMATS)
    args = parser.parse_args()
    from tui.ingest import ingest_bytes
    from tui.ingest.detect import detect_format, read_document

    have_poppler = shutil.which("pdftotext") is not None
    rows = []
    files = sorted(p for p in args.corpus.iterdir() if p.suffix in (".pdf", ".html", ".docx"))
    read_document(files[0].read_bytes(), files[0].name)  # warm the imports once
    for path in files:
        raw = path.read_bytes()
        kind = detect_format(raw)
        row = {"file": path.name, "kind": kind, "bytes": len(raw), "pages": pages_of(raw) if kind == "pdf" else None}
        row["read_s"] = timed(lambda: read_document(raw, path.name), args.repeat)
        row["ingest_s"] = timed(lambda: ingest_bytes(raw, path.name, with_pinyin=False), args.repeat)
        if kind == "pdf":
            row["pdfium_text_s"] = timed(lambda: pdfium_text(raw), args.repeat)
            row["plumber_text_s"] = timed(lambda: plumber_text(path), args.repeat)
            if have_poppler:
                row["pdftotext_layout_s"] = timed(lambda: pdftotext(path, True), args.repeat)
                row["pdftotext_raw_s"] = timed(lambda: pdftotext(path, False), args.repeat)
        rows.append(row)

    def ms(value, pages=None):
        if value is None:
            return ""
        return f"{value * 1000 / (pages or 1):.0f}"

    header = ("file", "pages", "read ms", "ingest ms", "ingest ms/page", "pdftotext -layout ms", "pdftotext ms",
              "pypdfium2 text ms", "pdfplumber text ms")
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for row in rows:
        pages = row["pages"]
        print(" | ".join([
            row["file"][:44], str(pages or ""), ms(row["read_s"]), ms(row["ingest_s"]),
            ms(row["ingest_s"], pages) if pages else "", ms(row.get("pdftotext_layout_s")),
            ms(row.get("pdftotext_raw_s")), ms(row.get("pdfium_text_s")), ms(row.get("plumber_text_s")),
        ]))
    pdfs = [r for r in rows if r["kind"] == "pdf"]
    if pdfs:
        pages = sum(r["pages"] for r in pdfs)
        total = {k: sum(r.get(k) or 0 for r in pdfs) for k in
                 ("ingest_s", "pdftotext_layout_s", "pdfium_text_s", "plumber_text_s")}
        print(f"\nPDF, per page over {pages} pages: ingest {total['ingest_s'] * 1000 / pages:.0f} ms, "
              f"pdfplumber text {total['plumber_text_s'] * 1000 / pages:.0f} ms, "
              f"pypdfium2 text {total['pdfium_text_s'] * 1000 / pages:.1f} ms"
              + (f", pdftotext -layout {total['pdftotext_layout_s'] * 1000 / pages:.1f} ms" if have_poppler else ""))
    if args.json:
        print(json.dumps({"rows": rows, "python": sys.version.split()[0]}, ensure_ascii=False))


if __name__ == "__main__":
    main()
