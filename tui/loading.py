"""Open a report file: a ``.json`` is validated, anything else is ingested as raw text.

:func:`report_from_json` is the one gate every report JSON passes (the app and every
subcommand load through it).  It refuses, with one line naming the field path, what
``json.loads`` lets through but the app cannot show: strings holding a lone surrogate
(``"\\ud800"``: no UTF-8 encoding exists, so printing or copying it fails), nesting
deeper than Python's recursion limit, integers with more digits than Python converts,
and the non-JSON constants ``NaN``/``Infinity``.  The report's own rules (ids, offsets,
pairs, sizes) are checked by the model (:func:`tui.model.check_report`).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from pydantic import ValidationError

from tui.errors import ReportError
from tui.ingest.decode import MAX_JSON_BYTES, read_bytes
from tui.model import Report, ReportInvalid
from tui.paths import bundled_report_path


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def error_path(loc: tuple) -> str:
    """('chapters', 2, 'sections', 0, 'title') → 'chapters[2].sections[0].title'.

    A key that is not a plain name (a ``pinyin`` key is report text) is quoted and
    escaped: ``pinyin['\\x1b]52'][0]``, never raw on the terminal."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _NAME.fullmatch(part):
            out += f".{part}" if out else part
        else:
            out += f"[{part[:40]!r}]"
    return out or "(top level)"


def describe_validation_error(err: ValidationError, name: str) -> str:
    first = err.errors()[0]
    more = err.error_count() - 1
    extra = f" (and {more} more error{'s' if more > 1 else ''})" if more else ""
    cause = (first.get("ctx") or {}).get("error")
    if isinstance(cause, ReportInvalid):  # a rule checked above the field it names
        where = f"{error_path(first['loc'])}.{cause.at}" if first["loc"] else cause.at
        return f"{name}: not a valid report: {where}: {cause.reason}{extra}"
    return f"{name}: not a valid report: {error_path(first['loc'])}: {first['msg']}{extra}"


# an escaped UTF-16 surrogate: the only way a lone one gets into decoded JSON text
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Constant(Exception):
    """NaN, Infinity or -Infinity in the JSON text (not JSON, though json.loads reads it)."""


def _refuse_constant(word: str):
    raise _Constant(word)


# a JSON string (skipped) or one of the constants json.loads reads
_STRING_OR_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(NaN|-?Infinity)')


def _constant_position(text: str) -> str:
    """" at line L column C" of the first NaN/Infinity outside a string (as JSONDecodeError says it)."""
    for match in _STRING_OR_CONSTANT.finditer(text):
        if match.group(1):
            at = match.start()
            return f" at line {text.count(chr(10), 0, at) + 1} column {at - text.rfind(chr(10), 0, at)}"
    return ""


def _lone_surrogate_at(data: object) -> str | None:
    """The field path of the first string (or key) holding a lone surrogate, else None.
    Iterative: the JSON may be nested nearly as deep as the recursion limit."""
    stack: list[tuple[tuple, object]] = [((), data)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                return error_path(loc)
        elif isinstance(value, dict):
            for key, item in reversed(value.items()):
                if _SURROGATE.search(key):
                    return error_path((*loc, key))
                stack.append(((*loc, key), item))
        elif isinstance(value, list):
            stack.extend(((*loc, i), item) for i, item in reversed(list(enumerate(value))))
    return None


def report_from_json(raw: bytes, name: str) -> Report:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReportError(f"{name}: not UTF-8 JSON") from None
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as err:
        # "Unterminated string starting at" + " at line …" would say "at at"
        msg = err.msg.removesuffix(" at")
        raise ReportError(f"{name}: not valid JSON: {msg} at line {err.lineno} column {err.colno}") from None
    except _Constant as err:
        raise ReportError(f"{name}: not valid JSON: {err} is not a JSON number{_constant_position(text)}") from None
    except RecursionError:
        raise ReportError(f"{name}: not a report: the JSON is nested too deeply "
                          f"(a report needs 7 levels)") from None
    except ValueError:  # int(): "Exceeds the limit (4300 digits) for integer string conversion"
        raise ReportError(f"{name}: not a report: the JSON holds an integer of more than "
                          f"{sys.get_int_max_str_digits()} digits") from None
    if not isinstance(data, dict):
        raise ReportError(f"{name}: not a report: the JSON top level is a {type(data).__name__}, not an object")
    if _SURROGATE_ESCAPE.search(text):  # only then can a decoded string hold a lone surrogate
        where = _lone_surrogate_at(data)
        if where is not None:
            raise ReportError(f"{name}: not a valid report: {where}: a lone surrogate (\\ud800-\\udfff) "
                              f"is not text")
    try:
        return Report.model_validate(data)
    except ValidationError as err:
        raise ReportError(describe_validation_error(err, name)) from None


def load_report(path: str | Path | None = None, *, with_pinyin: bool = True) -> Report:
    """Load a report: ``None`` → the bundled report; ``.json`` → validated; else ingested."""
    path = Path(path) if path is not None else bundled_report_path()
    if path.suffix.lower() == ".json":
        raw = read_bytes(path, MAX_JSON_BYTES)
        from tui.ingest.detect import detect_format  # a PDF/HTML/DOCX named .json is ingested

        if detect_format(raw) == "text":
            return report_from_json(raw, str(path))
    return ingest_report(path, with_pinyin=with_pinyin)


def ingest_report(path: str | Path, *, with_pinyin: bool = True) -> Report:
    """Ingest a raw file (text, PDF, HTML, DOCX): ``load_report`` and ``report-explorer ingest``."""
    from tui.ingest import ingest_file

    try:
        return ingest_file(path, with_pinyin=with_pinyin)
    except ValidationError as err:  # ingest built a report the model refuses: a bug, said in one line
        raise ReportError(describe_validation_error(err, f"{path} (ingested)")) from None
