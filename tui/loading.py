"""Open a report file: a ``.json`` is validated, anything else is ingested as raw text."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from tui.errors import ReportError
from tui.ingest.decode import read_bytes
from tui.model import Report
from tui.paths import bundled_report_path


def error_path(loc: tuple) -> str:
    """('chapters', 2, 'sections', 0, 'title') → 'chapters[2].sections[0].title'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def describe_validation_error(err: ValidationError, name: str) -> str:
    first = err.errors()[0]
    more = err.error_count() - 1
    extra = f" (and {more} more error{'s' if more > 1 else ''})" if more else ""
    return f"{name}: not a valid report: {error_path(first['loc'])}: {first['msg']}{extra}"


def report_from_json(raw: bytes, name: str) -> Report:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ReportError(f"{name}: not UTF-8 JSON") from None
    except json.JSONDecodeError as err:
        raise ReportError(f"{name}: not valid JSON: {err.msg} at line {err.lineno} column {err.colno}") from None
    if not isinstance(data, dict):
        raise ReportError(f"{name}: not a report: the JSON top level is a {type(data).__name__}, not an object")
    try:
        return Report.model_validate(data)
    except ValidationError as err:
        raise ReportError(describe_validation_error(err, name)) from None


def load_report(path: str | Path | None = None, *, with_pinyin: bool = True) -> Report:
    """Load a report: ``None`` → the bundled report; ``.json`` → validated; else ingested."""
    path = Path(path) if path is not None else bundled_report_path()
    if path.suffix.lower() == ".json":
        return report_from_json(read_bytes(path), str(path))
    from tui.ingest import ingest_file

    return ingest_file(path, with_pinyin=with_pinyin)
