"""Bytes → text: detect the encoding (never guessed from the file name) and line ends.

Order of detection: a BOM (UTF-8, UTF-16 LE/BE) decides; otherwise strict UTF-8; otherwise
strict GB18030 (a superset of GBK and GB2312).  Bytes that decode under none of them, or
that look binary (NUL bytes, many C0 control characters), are refused with a
``ReportError`` rather than decoded with replacement characters: text is never lost
silently.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

from tui.errors import ReportError

#: Refuse raw texts larger than this (bytes).  Ingest is linear (bench/ingest.py: about
#: 0.45 s per MB), but the longest reports of this family are a few hundred KB; 16 MB keeps
#: ingest under ten seconds and memory bounded.  Documented in the README.
MAX_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Decoded:
    text: str  # line ends normalised to "\n"
    encoding: str
    newline: str  # LF, CRLF, CR or mixed
    sha256: str
    size: int


def _newline_kind(text: str) -> str:
    text = text.replace("\r\r\n", "\r\n")
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, n in (("CRLF", crlf), ("CR", cr), ("LF", lf)) if n]
    if not kinds:
        return "LF"
    return kinds[0] if len(kinds) == 1 else "mixed"


def normalise_newlines(text: str) -> str:
    # "\r\r\n" (a CRLF written through a text-mode CRLF writer) is one line end, not two;
    # Unicode's line and paragraph separators and NEL end lines too.
    text = text.replace("\r\r\n", "\n").replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_LINE_SEPARATORS)


_LINE_SEPARATORS = str.maketrans({"\u2028": "\n", "\u2029": "\n", "\x85": "\n"})


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v\x1b")
    return controls > max(8, len(sample) // 100)


def decode_bytes(raw: bytes, name: str = "<input>") -> Decoded:
    if len(raw) > MAX_BYTES:
        raise ReportError(
            f"{name}: {len(raw) / 1e6:.1f} MB is over the {MAX_BYTES // (1024 * 1024)} MB limit for a report text"
        )
    if not raw.strip():
        raise ReportError(f"{name}: the file is empty")
    encoding: str | None = None
    text = ""
    if raw.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8-sig", raw[3:]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", raw
    else:
        body = raw
    candidates = [encoding] if encoding else ["utf-8", "gb18030"]
    for candidate in candidates:
        try:
            text = body.decode("utf-16" if candidate == "utf-16" else candidate.replace("-sig", ""))
        except UnicodeDecodeError:
            continue
        encoding = candidate
        break
    else:
        raise ReportError(f"{name}: cannot decode the text as UTF-8, GB18030 or UTF-16 (is it a text file?)")
    if _looks_binary(text):
        raise ReportError(f"{name}: this looks like a binary file, not a report text")
    if not text.strip():
        raise ReportError(f"{name}: the file holds no text")
    return Decoded(
        text=normalise_newlines(text),
        encoding=encoding,
        newline=_newline_kind(text),
        sha256=hashlib.sha256(raw).hexdigest(),
        size=len(raw),
    )


def read_bytes(path: Path) -> bytes:
    """The raw bytes of a report file, or a one-line ``ReportError``.

    Only regular files are read (not a FIFO or a device, which could block or never
    end), and never more than ``MAX_BYTES`` + 1 bytes.
    """
    if not path.exists():
        raise ReportError(f"{path}: no such file")
    if path.is_dir():
        raise ReportError(f"{path}: is a directory, not a report file")
    if not path.is_file():
        raise ReportError(f"{path}: not a regular file")
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as err:
        raise ReportError(f"{path}: cannot read: {err.strerror or err}") from None
    if len(raw) > MAX_BYTES:
        raise ReportError(f"{path}: is over the {MAX_BYTES // (1024 * 1024)} MB limit for a report file")
    return raw
