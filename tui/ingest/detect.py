"""What a report file is, told by its content (never its name), and the reader for it.

* ``pdf``:  ``%PDF-`` in the first kilobyte (some writers put junk in front of it);
* ``docx``: a zip (``PK\\x03\\x04``) whose directory lists ``word/document.xml`` — any other zip
  is refused;
* ``html``: after a BOM, whitespace, an XML declaration or comments, the text opens with a tag
  such as ``<!doctype html>``, ``<html``, ``<head``, ``<meta`` or ``<body`` (in ASCII,
  UTF-8, GBK or UTF-16: the tags themselves are ASCII);
* ``text``: anything else, decoded as today (``tui.ingest.decode``).

``read_document`` runs the format reader (imported only here, when such a file is
ingested: the app never imports a format library) and returns an ``Extracted``, or
``None`` for plain text.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO

from tui.errors import ReportError

_HTML_START_RE = re.compile(
    rb"^(?:\s|<\?xml[^>]*>|<!--.*?-->)*<(?:!doctype\s+html|html|head|body|meta|title|div|table|p)[\s>/]",
    re.I | re.S,
)


@dataclass
class Extracted:
    """A format reader's output: the text for the structure parser and what goes around it.

    ``library_text`` is what the library itself extracted (the lossless check's source:
    ``tui.ingest.lossless``); ``text`` + ``extras`` hold each of its non-whitespace
    characters exactly once, apart from Markdown table markup in ``text``.
    """

    kind: str  # pdf, html, docx
    text: str
    extras: list[str] = field(default_factory=list)
    library_text: str = ""
    title: str | None = None  # from metadata, used when the text has no title line
    metadata: dict[str, str] = field(default_factory=dict)  # issuer, issued_on, published_at, url
    encoding: str = ""
    warnings: list[str] = field(default_factory=list)


def detect_format(raw: bytes) -> str:
    if b"%PDF-" in raw[:1024]:
        return "pdf"
    if raw.startswith(b"PK\x03\x04"):
        return "docx"
    head = raw[:4096]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            head = head.decode("utf-16", errors="ignore").encode("ascii", errors="ignore")
        except UnicodeError:
            return "text"
    elif head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    if _HTML_START_RE.match(head):
        return "html"
    return "text"


def read_document(raw: bytes, name: str) -> Extracted | None:
    """The reader's output, or ``None`` for plain text.  Whatever goes wrong inside a
    reader is one ``ReportError`` line: a format library failing on a bad file, or a bug in
    the reader itself, each named so that it can be found (:func:`reader_failure`)."""
    kind = detect_format(raw)
    try:
        return _read(kind, raw, name)
    except ReportError:
        raise
    except ImportError as err:  # a broken install: say what is missing, in one line
        raise ReportError(f"{name}: reading a {kind.upper()} file needs {err.name or err} (pip install -e .)") from None
    except MemoryError:
        raise ReportError(f"{name}: ran out of memory reading the {_KIND_NAMES[kind]}") from None
    except Exception as err:  # noqa: BLE001 — any failure on one file is that file's one-line error
        raise ReportError(reader_failure(err, kind, name)) from None


_KIND_NAMES = {"pdf": "PDF", "docx": "Word document", "html": "web page", "text": "text"}
#: the format libraries the readers call (top-level package names), as named in an error
FORMAT_LIBRARIES = ("pdfplumber", "pdfminer", "pypdfium2", "pypdfium2_raw", "docx", "lxml", "PIL")


def reader_failure(err: BaseException, kind: str, name: str) -> str:
    """One line for an unexpected exception inside a format reader.

    The traceback is walked from the innermost frame outwards, past the standard library:
    the first frame in a format library names that library (the file is one it cannot
    read: ``pdfminer raised PSSyntaxError: …``); a frame of report-explorer's own reader
    first means a bug in it, named by file and line so that it can be found and reported."""
    what = _KIND_NAMES.get(kind, kind)
    message = " ".join(str(err).split())[:120]
    detail = f"{type(err).__name__}: {message}" if message else type(err).__name__
    frames = []
    tb = err.__traceback__
    while tb is not None:
        frames.append(tb)
        tb = tb.tb_next
    for frame in reversed(frames):
        module = str(frame.tb_frame.f_globals.get("__name__", ""))
        top = module.split(".")[0]
        if top in FORMAT_LIBRARIES:
            return f"{name}: cannot read the {what} (damaged or not what it claims to be?): {module} raised {detail}"
        if top == "tui":
            where = f"{module.replace('.', '/')}.py:{frame.tb_lineno}"
            return (f"{name}: cannot read the {what}: an error in report-explorer's {kind.upper()} reader "
                    f"({where}, {detail}); please report it with the file")
    return f"{name}: cannot read the {what}: {detail}"


def _read(kind: str, raw: bytes, name: str) -> Extracted | None:
    if kind == "pdf":
        from tui.ingest.read_pdf import read_pdf

        return read_pdf(raw, name)
    if kind == "docx":
        check_docx_zip(raw, name)
        from tui.ingest.read_docx import read_docx

        return read_docx(raw, name)
    if kind == "html":
        from tui.ingest.read_html import read_html

        return read_html(raw, name)
    return None


#: A Word file's parts may inflate to at most this much in all (a zip bomb is refused
#: before anything is decompressed): the largest real report seen holds 4 MB of XML.
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_DOCX_RATIO = 200  # and no part may claim to inflate more than 200-fold (and be over 1 MB)


def check_docx_zip(raw: bytes, name: str) -> None:
    """Refuse a zip that is not a Word document, or that would inflate too much."""
    try:
        with zipfile.ZipFile(BytesIO(raw)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as err:
        raise ReportError(f"{name}: a damaged zip file, not a readable Word document ({err})") from None
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        raise ReportError(f"{name}: a zip file without word/document.xml: not a Word (.docx) document")
    total = sum(info.file_size for info in infos)
    if total > MAX_DOCX_UNCOMPRESSED:
        raise ReportError(
            f"{name}: the Word file would inflate to {total / 1e6:.0f} MB "
            f"(over the {MAX_DOCX_UNCOMPRESSED // (1024 * 1024)} MB limit): refused as a possible zip bomb"
        )
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_DOCX_RATIO * max(info.compress_size, 1):
            raise ReportError(
                f"{name}: part {info.filename} would inflate {info.file_size // max(info.compress_size, 1)}-fold: "
                "refused as a possible zip bomb"
            )
