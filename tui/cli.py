"""The ``report-explorer`` command: the app by default, subcommands for scripting.

Exit status: 0 success, 1 nothing found (``search``), 2 bad input or usage — always with
one line on stderr, never a traceback.  The Textual app is imported only when it is
opened, so scripting commands start fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from tui.cli_common import CONTEXT, guarded, load, report_option, same_file, warn
from tui import cli_library
from tui.cli_search import search
from tui.errors import ReportError
from tui.safe_text import printable

class DefaultToOpen(click.Group):
    """``report-explorer [REPORT…] [--section S] [--search Q]`` opens the app."""

    def parse_args(self, ctx, args):
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help", "--version")):
            args = ["open", *args]
        return super().parse_args(ctx, args)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Usage errors as one line on stderr, exit 2:
        ``report-explorer: missing argument 'SECTION' (see report-explorer show --help)``
        (click itself prints four: usage, hint, blank line, error)."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as err:
            from tui.cli_common import fail

            message = err.format_message().rstrip(".")
            if message[:1].isupper() and message[1:2].islower():
                message = message[0].lower() + message[1:]
            if isinstance(err, click.NoSuchOption):  # click's wording of this one varies by version
                import difflib

                message = f"no such option '{err.option_name}'"
                close = difflib.get_close_matches(err.option_name, list(err.possibilities or ()))
                if close:
                    message += f"; did you mean {' or '.join(repr(c) for c in close)}?"
            if err.ctx is not None:
                where = err.ctx.command_path
            else:  # click's parser raises some (a missing option value) without a context
                argv = list(sys.argv[1:] if args is None else args)
                name = next((a for a in argv if a in self.commands), "open")
                where = f"{prog_name or 'report-explorer'} {name}"
            fail(f"{message} (see {where} --help)", err.exit_code)
        except click.ClickException as err:  # other click errors (e.g. a bad file): also one line
            from tui.cli_common import fail

            fail(err.format_message(), err.exit_code)
        except click.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=DefaultToOpen, context_settings=CONTEXT)
@click.version_option(package_name="report-explorer", message="%(version)s")
def main() -> None:
    """Browse, search and copy out structured government reports.

    With no command, opens the app on the bundled report (or on the REPORT files
    given: .json is validated, .txt is ingested on the fly).
    """


@main.command("open", context_settings=CONTEXT)
@click.argument("reports", nargs=-1, metavar="[REPORT]...")
@click.option("--section", metavar="ID",
              help='Open at this section, e.g. "6.1", "preamble", "closing" or a part such as "glossary".')
@click.option("--search", "search_text", metavar="QUERY", help="Open with this search typed in.")
@click.option("--corner-quotes", is_flag=True, default=None,
              help="Draw “” as 「」 (for terminals that show them wide; also REPORT_EXPLORER_QUOTES=corner).")
@click.option("--fresh", is_flag=True,
              help="Start clean: ignore the remembered theme, places, history and bookmarks, and remember "
                   "nothing of this run (the state file is in the user's state folder, or "
                   "$REPORT_EXPLORER_STATE_DIR).")
@guarded
def open_app(reports: tuple[str, ...], section: str | None, search_text: str | None,
             corner_quotes: bool | None, fresh: bool) -> None:
    """Open the app (the default command)."""
    from tui.cli_library import open_reports  # folders and several files: through the library cache

    import gc

    from tui.gc_pause import gc_paused

    skipped: list = []  # (listed on the app's library screen: L then !)
    libraries: list = []  # (a big library is searched through its index on disk)
    # Start-up makes many objects and frees few: the collector's sweeps only cost time (at
    # 10,000 reports 0.1 s, most of it rescanning the catalog just read).  What is made
    # lives as long as the app: frozen before the collector runs again (as app.run does).
    with gc_paused():
        loaded = open_reports(reports, skipped, libraries) if reports else [load(None)]
        from tui.app import create_app  # the app (and Textual) only when it is opened

        # create_app raises ReportError (an unknown section) before the screen is taken over
        app = create_app(loaded, section=section, search=search_text, corner_quotes=corner_quotes, fresh=fresh,
                         skipped=skipped, start_library=True, library=libraries[0] if libraries else None)
        gc.freeze()
    app.run()
    sys.exit(app.return_code or 0)


@main.command(context_settings=CONTEXT)
@click.argument("raw", metavar="RAW")
@click.option("-o", "--output", metavar="OUT.json", help="Write here instead of standard output.")
@guarded
def ingest(raw: str, output: str | None) -> None:
    """Turn a raw report text into report JSON (with pinyin search keys)."""
    from tui.export import clean
    from tui.export_files import write_atomic
    from tui.ingest.pipeline import report_json
    from tui.loading import ingest_report

    if raw.lower().endswith(".json"):
        raise ReportError(f"{clean(raw)}: already a report JSON (ingest takes a raw text; see `validate`)")
    if output and same_file(raw, output):
        raise ReportError(f"{clean(output)}: is the input file; refusing to overwrite the text with JSON")
    report = ingest_report(raw)
    warn(report.warnings)
    text = report_json(report, raw)  # refused when over the JSON limit: what ingest writes loads
    if output:
        # atomic (temp file + fsync + rename) where the path leads: a crash never leaves half a JSON
        write_atomic(Path(os.path.realpath(output)), text)
        click.echo(f"wrote {printable(output)}: {len(report.chapters)} chapters, {len(report.sections())} sections, "
                   f"{len(report.figures())} figures, {len(report.measures)} measures", err=True)
    else:
        click.echo(text, nl=False)


@main.command(context_settings=CONTEXT)
@click.argument("file", metavar="FILE.json")
@guarded
def validate(file: str) -> None:
    """Check that FILE.json is a valid report (errors name the field path)."""
    if not file.lower().endswith(".json"):
        raise ReportError(f"{file}: validate takes a report .json file")
    report = load(file)
    click.echo(f"{printable(file)}: valid report: {len(report.chapters)} chapters, {len(report.sections())} sections, "
               f"{len(report.figures())} figures, {len(report.measures)} measures")


@main.command(context_settings=CONTEXT)
@report_option
@click.option("--json", "as_json", is_flag=True, help="Chapters and sections as JSON.")
@guarded
def outline(report_path: str | None, as_json: bool) -> None:
    """Print the chapters and sections of a report."""
    from tui.export import json_text, outline_text

    report = load(report_path)
    if as_json:
        data = [{"id": c.id, "number": c.number, "title": c.title,
                 "sections": [{"id": s.id, "number": s.number, "title": s.title, "figures": len(s.figures)}
                              for s in c.sections]} for c in report.chapters]
        click.echo(json_text(data))
    else:
        click.echo(outline_text(report), nl=False)


@main.command(context_settings=CONTEXT)
@click.argument("section_id", metavar="SECTION")
@report_option
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json"]), default="text", show_default=True)
@guarded
def show(section_id: str, report_path: str | None, fmt: str) -> None:
    """Print one section with its citation line (what the app's copy gives).

    SECTION is an id from `outline` ("6.1"), "preamble" / "closing" for the text
    before the first chapter and after the last section, or a part after the body:
    "annex-1" (附件1), "glossary" (名词解释), "notes" (注释), "sources" (资料来源) … as
    `outline` lists them."""
    from tui.export import render_section
    from tui.report_parts import find_section

    report = load(report_path)
    section = find_section(report, section_id)
    if section is None:
        raise ReportError(f"no section {section_id!r} in {report.id} (see `report-explorer outline`)")
    click.echo(render_section(report, section, fmt), nl=False)


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@report_option
@click.option("--csv", "as_csv", is_flag=True, help="CSV with a header row.")
@click.option("--json", "as_json", is_flag=True, help="JSON array of figure objects.")
@click.option("--in", "scope", metavar="SECTION", help='Only figures of this chapter or section ("6", "6.1").')
@click.option("--all", "with_dates", is_flag=True, help="Include dates and years (kind date).")
@click.option("--no-cache", "no_cache", is_flag=True, help="With PATH: ingest afresh, bypassing the cache.")
@guarded
def figures(paths: tuple[str, ...], report_path: str | None, as_csv: bool, as_json: bool, scope: str | None,
            with_dates: bool, no_cache: bool) -> None:
    """List the figures (statistics): section, label, raw, value, unit, qualifier, kind.

    With PATH (folders, recursively, or files): every figure of every report, with the
    columns report, place, year, report_kind in front."""
    from tui.export import figures_csv, figures_json, figures_table
    from tui.model import within

    if as_csv and as_json:
        raise ReportError("choose one of --csv and --json")
    if paths:
        from tui.cli_library import library_figures

        if report_path:
            raise ReportError("give PATH or --report, not both")
        return library_figures(paths, as_csv=as_csv, as_json=as_json, scope=scope, with_dates=with_dates,
                               no_cache=no_cache)
    report = load(report_path)
    found = [f for f in report.figures() if with_dates or f.kind != "date"]
    if scope:
        if not report.has_scope(scope):
            raise ReportError(f"no chapter or section {scope!r} in {report.id} (see `report-explorer outline`)")
        found = [f for f in found if within(f.section, scope)]
    render = figures_csv if as_csv else figures_json if as_json else figures_table
    click.echo(render(found), nl=False)


@main.command(context_settings=CONTEXT)
def schema() -> None:
    """Print the JSON Schema of the report format."""
    from tui.export import json_text
    from tui.model import report_schema

    click.echo(json_text(report_schema()))


main.add_command(search)
main.add_command(cli_library.library)
main.add_command(cli_library.export_db)
