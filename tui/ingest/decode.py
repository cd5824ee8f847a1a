"""Bytes → text: detect the encoding (never guessed from the file name) and line ends.

Order of detection: a BOM (UTF-8, UTF-16 LE/BE) decides; otherwise strict UTF-8; otherwise
strict GB18030 (a superset of GBK and GB2312).  Bytes that decode under none of them, or
that look binary (NUL bytes, many C0 control characters), are refused with a
``ReportError`` rather than decoded with replacement characters: text is never lost
silently.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from tui.errors import ReportError

#: Refuse raw texts larger than this (bytes).  The longest reports of this family are a
#: few hundred KB.  Ingest is linear in the text and in its figures (bench/ingest.py).
#: Documented in the README.
MAX_BYTES = 16 * 1024 * 1024
#: Refuse report JSONs larger than this (bytes), and ingest refuses a text whose report
#: JSON would be larger (``tui.ingest.pipeline``): a report that ingest writes always
#: loads.  A figure costs about 600 bytes of JSON, so a text as dense in figures as a
#: statistical bulletin (one per 11 characters) gives about 18 bytes of JSON per byte of
#: text and fits up to about 5 MB; prose (4-7 bytes per byte: the corpus 4.2-4.8, the
#: bundled report 6.7) up to 14-16 MB.  Writing a JSON costs about 6 times its size in memory, loading
#: it about 7: under 1 GB at this limit (bench/ingest.py).
MAX_JSON_BYTES = 96 * 1024 * 1024


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


#: Kernel interfaces, not files: a read there can block forever (``/proc/kmsg``) or never
#: end, though ``stat`` calls many of them regular files.
_PSEUDO_ROOTS = (Path("/proc"), Path("/sys"))


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The raw bytes of a report file, or a one-line ``ReportError``.

    Only regular files are read (not a FIFO or a device, which could block or never end),
    never one under ``/proc`` or ``/sys`` (links resolved first), and never more than
    ``limit`` + 1 bytes (``MAX_BYTES`` for a text, ``MAX_JSON_BYTES`` for a report JSON).
    The file is opened with ``O_NONBLOCK`` and checked with ``fstat`` on the open
    descriptor, so no read can block, even if the path changes between the check and the
    open.
    """
    path = Path(path)
    resolved = Path(os.path.realpath(path))
    root = next((r for r in _PSEUDO_ROOTS if r == resolved or r in resolved.parents), None)
    if root is not None:
        raise ReportError(f"{path}: is under {root}, a kernel interface, not a report file")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        raise ReportError(f"{path}: {_open_error(err)}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ReportError(f"{path}: is a directory, not a report file")
        if not stat.S_ISREG(info.st_mode):
            raise ReportError(f"{path}: not a regular file")
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except BlockingIOError:
        raise ReportError(f"{path}: reading would block: not a report file") from None
    except OSError as err:
        raise ReportError(f"{path}: cannot read: {err.strerror or err}") from None
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) > limit:
        raise ReportError(f"{path}: is over the {limit // (1024 * 1024)} MB limit for a report file")
    return raw


def _open_error(err: OSError) -> str:
    if err.errno == errno.ENOENT:
        return "no such file"
    if err.errno == errno.ELOOP:
        return "symlink loop (too many levels of symbolic links)"
    if err.errno == errno.EISDIR:
        return "is a directory, not a report file"
    return f"cannot read: {err.strerror or err}"
