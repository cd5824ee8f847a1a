"""Library subcommands: ``library`` (the catalog), ``export-db`` (SQLite), the folder
form of ``figures``, and the scan behind ``report-explorer DIR``.

Skipped files are said once: ``library`` lists them on stderr (a count, then one line
per file); opening the app prints one summary line.  Exit status 0 when anything is
usable, 2 (one line on stderr) when nothing is.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shlex
import stat
import sys
import time
from pathlib import Path

import click

from tui.cli_common import CONTEXT, guarded, same_file, warn
from tui.errors import ReportError
from tui.safe_text import clean, escape_json, printable

CATALOG_COLUMNS = ("id", "place", "year", "kind", "chapters", "sections", "figures", "title")
REPORT_COLUMNS = ("report", "place", "year", "report_kind")  # before the figure columns

no_cache_option = click.option("--no-cache", "no_cache", is_flag=True,
                               help="Ingest every file afresh; neither read nor write the cache.")


def _progress():
    """Progress on stderr while files are read, only on a terminal and after a moment."""
    if not sys.stderr.isatty():
        return None
    start = time.monotonic()
    last = [0.0]

    def show(done: int, total: int, path: str) -> None:
        now = time.monotonic()
        if now - start < 0.5 or (now - last[0] < 0.1 and done < total):
            return
        last[0] = now
        end = "\r\x1b[K" if done == total else "\r"
        sys.stderr.write(f"reading reports {done}/{total}{end}")
        sys.stderr.flush()

    return show


def index_progress():
    """Progress on stderr while the library's search index is made (on a terminal only)."""
    if not sys.stderr.isatty():
        return None
    last = [0.0]

    def show(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] < 0.1 and done < total:
            return
        last[0] = now
        sys.stderr.write(f"indexing reports {done}/{total}" + ("\r\x1b[K" if done == total else "\r"))
        sys.stderr.flush()

    return show


def say_skipped(skipped, paths: tuple[str, ...]) -> None:
    """One line on stderr for the files skipped, naming the command that lists them."""
    if skipped:
        n = len(skipped)
        click.echo(f"report-explorer: skipped {n} file{'s' if n != 1 else ''}: "
                   f"see `report-explorer library {printable(shlex.join(paths))}`", err=True)


def open_paths(paths: tuple[str, ...], *, use_cache: bool = True, keep: bool = False):
    """The library of ``paths``; exit 2 with one line when nothing in it is usable."""
    from tui.library import open_library

    library = open_library(list(paths), use_cache=use_cache, keep=keep, progress=_progress())
    if not library.entries:
        raise ReportError(_nothing_usable(paths, library.skipped))
    return library


def _nothing_usable(paths: tuple[str, ...], skipped) -> str:
    if len(skipped) == 1:
        return f"{skipped[0].path}: {skipped[0].reason}"
    where = ", ".join(paths[:3]) + (" …" if len(paths) > 3 else "")
    if not skipped:
        return f"no report file in {where}"
    first = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:2])
    more = f"; and {len(skipped) - 2} more" if len(skipped) > 2 else ""
    return f"no usable report in {where}: {len(skipped)} files skipped ({first}{more})"


def list_skipped(skipped) -> None:
    if not skipped:
        return
    click.echo(f"report-explorer: skipped {len(skipped)} file{'s' if len(skipped) != 1 else ''}:", err=True)
    for item in skipped:
        click.echo(f"  {printable(item.path)}: {printable(item.reason)}", err=True)


def open_reports(paths: tuple[str, ...], skipped: list | None = None, libraries: list | None = None):
    """The reports for the app (``report-explorer DIR…``), a :class:`tui.report_set.ReportSet`
    (from LAZY_FROM reports on, only the catalog is held); one summary line for what was
    skipped (and the list into ``skipped``, for the app's library screen; the library
    itself into ``libraries``, for its search index on disk)."""
    from tui.report_set import ReportSet

    library = open_paths(paths, keep=True)
    if libraries is not None:
        libraries.append(library)
    if skipped is not None:
        skipped.extend(library.skipped)
    say_skipped(library.skipped, paths)
    reports = ReportSet.of_library(library)
    if reports.lazy:
        library.release()  # (the reports ingested by this scan are in the cache: not kept twice)
    entries = library.entries
    if len(entries) == 1:
        warn(reports.first.warnings)
    elif noisy := sum(1 for e in entries if e.warnings):
        click.echo(f"report-explorer: warning: {noisy} of {len(entries)} reports have ingest warnings "
                   "(`report-explorer ingest FILE` shows them)", err=True)
    return reports


def _cell(value: object) -> str:
    return "" if value is None else clean(str(value), lines=False)


def catalog_table(entries) -> str:
    from tui.cjk_wrap import cell_width

    rows = [list(CATALOG_COLUMNS)] + [[_cell(getattr(e, c)) for c in CATALOG_COLUMNS] for e in entries]
    widths = [max(cell_width(row[i]) for row in rows) for i in range(len(CATALOG_COLUMNS) - 1)]
    lines = []
    for row in rows:
        cells = [text + " " * (width - cell_width(text)) for text, width in zip(row, widths)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines) + "\n"


@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--json", "as_json", is_flag=True, help="The catalog and the skipped files as JSON.")
@no_cache_option
@guarded
def library(paths: tuple[str, ...], as_json: bool, no_cache: bool) -> None:
    """Print the catalog of the reports under PATH (folders, recursively, and files).

    One row per report: id, place, year (the period covered), kind, chapters, sections,
    figures, title. Ingested reports are cached by the sha256 of their bytes, so the
    second time is fast. Skipped files are listed on stderr, one reason each."""
    lib = open_paths(paths, use_cache=not no_cache)
    list_skipped(lib.skipped)
    if as_json:
        data = {"reports": [e.to_dict() for e in lib.entries],
                "skipped": [{"path": s.path, "reason": s.reason} for s in lib.skipped]}
        click.echo(escape_json(json.dumps(data, ensure_ascii=False, indent=1)))
    else:
        click.echo(catalog_table(lib.entries), nl=False)


def _check_database_target(out: Path, output: str) -> None:
    """Only a missing file or a SQLite database is replaced: never a FIFO or a device
    (opening one to look at it could block), never another kind of file."""
    try:
        st = os.stat(out)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(st.st_mode):
        raise ReportError(f"{output}: exists and is not a regular file; refusing to overwrite it")
    with out.open("rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise ReportError(f"{output}: exists and is not a SQLite database; refusing to overwrite it")


@click.command("export-db", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("-o", "--output", required=True, metavar="OUT.db", help="The SQLite database to write.")
@no_cache_option
@guarded
def export_db(paths: tuple[str, ...], output: str, no_cache: bool) -> None:
    """Write the reports, sections, figures and measures under PATH to a SQLite database.

    Tables reports, sections, figures, measures, mentions (schema: README); plain SQLite
    types, so pandas, DuckDB and datasette open it unchanged. Written atomically; an
    existing file is replaced only if it is a SQLite database and not one of the inputs."""
    from tui.library.sqlite_export import write_database

    out = Path(os.path.realpath(output))  # where the path leads (a link is written through)
    if out.is_dir():
        raise ReportError(f"{output}: is a directory (give the database file name)")
    lib = open_paths(paths, use_cache=not no_cache)
    inputs = [*paths, *(e.path for e in lib.entries), *(s.path for s in lib.skipped)]
    if any(same_file(output, p) for p in inputs):
        raise ReportError(f"{output}: is one of the inputs; refusing to overwrite it")
    _check_database_target(out, output)
    list_skipped(lib.skipped)
    count = write_database(out, ((e, lib.load(e.id)) for e in lib.entries))
    figures = sum(e.figures for e in lib.entries)
    click.echo(f"wrote {printable(output)}: {count} reports, {figures} figures", err=True)


def library_figures(paths: tuple[str, ...], *, as_csv: bool, as_json: bool, scope: str | None,
                    with_dates: bool, no_cache: bool = False) -> None:
    """``report-explorer figures PATH…``: every figure of every report, with the report's
    id, place, year and kind in front (``report_kind``: the figure's own is ``kind``)."""
    from tui.export import FIGURE_COLUMNS, figure_row, json_text
    from tui.model import within

    lib = open_paths(paths, use_cache=not no_cache)
    list_skipped(lib.skipped)
    columns = REPORT_COLUMNS + FIGURE_COLUMNS
    in_scope = printed = 0
    for entry in lib.entries:
        report = lib.load(entry.id)
        if scope and not report.has_scope(scope):
            continue
        in_scope += 1
        found = [f for f in report.figures() if (with_dates or f.kind != "date")
                 and (not scope or within(f.section, scope))]
        if as_csv:
            head = {"report": entry.id, "place": entry.place or "", "year": entry.year or "",
                    "report_kind": entry.kind or ""}
            out = io.StringIO()
            rows = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
            if in_scope == 1:
                rows.writeheader()
            rows.writerows({**head, **figure_row(f)} for f in found)
            click.echo(clean(out.getvalue()), nl=False)
        elif as_json:
            for f in found:
                item = {"report": entry.id, "place": entry.place, "year": entry.year,
                        "report_kind": entry.kind, **f.model_dump(mode="json")}
                click.echo(("[\n" if not printed else ",\n") + json_text(item), nl=False)
                printed += 1
        else:
            for f in found:
                q = f" ({f.qualifier})" if f.qualifier else ""
                click.echo(clean(f"{entry.id}  {f.section:<6} {f.kind:<9} {f.raw}{q}  {f.label}", lines=False))
    if scope and not in_scope:
        raise ReportError(f"no chapter or section {scope!r} in any report (see `report-explorer outline`)")
    if as_json:
        click.echo("\n]" if printed else "[]")
