"""What every ``report-explorer`` subcommand shares: errors, loading, click settings."""

from __future__ import annotations

import functools
import os
import sys

import click

from tui.errors import ReportError
from tui.safe_text import printable

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def fail(message: str, status: int = 2) -> None:
    """Print one line on stderr and exit (2: bad input or usage).

    Control characters (a hostile file name, report text) are written as escapes (``\\x1b``)."""
    click.echo(f"report-explorer: {' '.join(printable(str(message)).split())}", err=True)
    sys.exit(status)


def guarded(func):
    """Turn ReportError, OS errors and a report the model refuses (a pydantic
    ValidationError, from ingest or anywhere else) into one line + exit 2; a closed pipe
    into exit 0."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ReportError as err:
            fail(str(err))
        except ValueError as err:  # pydantic's ValidationError is one (imported only if raised)
            from pydantic import ValidationError

            if not isinstance(err, ValidationError):
                raise
            from tui.loading import describe_validation_error

            fail(describe_validation_error(err, "the report"))
        except BrokenPipeError:  # e.g. `report-explorer figures | head`
            sys.stderr.close()
            sys.exit(0)
        except OSError as err:
            fail(f"{getattr(err, 'filename', '') or ''}: {err.strerror or err}".lstrip(": "))

    return wrapper


def same_file(a: str, b: str) -> bool:
    """Whether two paths name one file: the same path, a link to it, a hard link."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): then only the same path is
        return os.path.realpath(a) == os.path.realpath(b)


def load(path: str | None):
    """One report (``None``: the bundled one); its ingest warnings go to stderr."""
    from tui.loading import load_report

    report = load_report(path)
    warn(report.warnings)
    return report


def warn(warnings: list[str]) -> None:
    """Ingest warnings on stderr, one line each (report text in them escaped)."""
    for warning in warnings:
        click.echo(f"report-explorer: warning: {printable(warning)}", err=True)


report_option = click.option(
    "--report", "report_path", metavar="FILE", default=None,
    help="Report JSON or raw text (.txt is ingested on the fly). Default: the bundled report.",
)
