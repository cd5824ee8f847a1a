"""The ``report-explorer`` command: the app by default, subcommands for scripting.

Exit status: 0 success, 1 nothing found (``search``), 2 bad input or usage — always with
one line on stderr, never a traceback.  The Textual app is imported only when it is
opened, so scripting commands start fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tui.cli_common import CONTEXT, guarded, load, report_option
from tui.cli_search import search
from tui.errors import ReportError

class DefaultToOpen(click.Group):
    """``report-explorer [REPORT…] [--section S] [--search Q]`` opens the app."""

    def parse_args(self, ctx, args):
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help", "--version")):
            args = ["open", *args]
        return super().parse_args(ctx, args)


@click.group(cls=DefaultToOpen, context_settings=CONTEXT)
@click.version_option(package_name="report-explorer", message="%(version)s")
def main() -> None:
    """Browse, search and copy out structured government reports.

    With no command, opens the app on the bundled report (or on the REPORT files
    given: .json is validated, .txt is ingested on the fly).
    """


@main.command("open", context_settings=CONTEXT)
@click.argument("reports", nargs=-1, metavar="[REPORT]...")
@click.option("--section", metavar="ID", help='Open at this section, e.g. "6.1".')
@click.option("--search", "search_text", metavar="QUERY", help="Open with this search typed in.")
@click.option("--corner-quotes", is_flag=True, default=None,
              help="Draw “” as 「」 (for terminals that show them wide; also REPORT_EXPLORER_QUOTES=corner).")
@guarded
def open_app(reports: tuple[str, ...], section: str | None, search_text: str | None,
             corner_quotes: bool | None) -> None:
    """Open the app (the default command)."""
    loaded = [load(path) for path in reports] or [load(None)]
    from tui.app import create_app  # the app (and Textual) only when it is opened

    # create_app raises ReportError (an unknown section) before the screen is taken over

    app = create_app(loaded, section=section, search=search_text, corner_quotes=corner_quotes)
    app.run()
    sys.exit(app.return_code or 0)


@main.command(context_settings=CONTEXT)
@click.argument("raw", metavar="RAW")
@click.option("-o", "--output", metavar="OUT.json", help="Write here instead of standard output.")
@guarded
def ingest(raw: str, output: str | None) -> None:
    """Turn a raw report text into report JSON (with pinyin search keys)."""
    from tui.ingest import ingest_file

    if raw.lower().endswith(".json"):
        raise ReportError(f"{raw}: already a report JSON (ingest takes a raw text; see `validate`)")
    report = ingest_file(raw)
    for warning in report.warnings:
        click.echo(f"report-explorer: warning: {warning}", err=True)
    text = report.to_json()
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}: {len(report.chapters)} chapters, {len(report.sections())} sections, "
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
    click.echo(f"{file}: valid report: {len(report.chapters)} chapters, {len(report.sections())} sections, "
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

    SECTION is an id from `outline` ("6.1"), or "preamble" / "closing" for the text
    before the first chapter and after the last section."""
    from tui.export import render_section
    from tui.report_parts import find_section

    report = load(report_path)
    section = find_section(report, section_id)
    if section is None:
        raise ReportError(f"no section {section_id!r} in {report.id} (see `report-explorer outline`)")
    click.echo(render_section(report, section, fmt), nl=False)


@main.command(context_settings=CONTEXT)
@report_option
@click.option("--csv", "as_csv", is_flag=True, help="CSV with a header row.")
@click.option("--json", "as_json", is_flag=True, help="JSON array of figure objects.")
@click.option("--in", "scope", metavar="SECTION", help='Only figures of this chapter or section ("6", "6.1").')
@click.option("--all", "with_dates", is_flag=True, help="Include dates and years (kind date).")
@guarded
def figures(report_path: str | None, as_csv: bool, as_json: bool, scope: str | None, with_dates: bool) -> None:
    """List the figures (statistics): section, label, raw, value, unit, qualifier, kind."""
    from tui.export import figures_csv, figures_json, figures_table
    from tui.model import within

    if as_csv and as_json:
        raise ReportError("choose one of --csv and --json")
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
