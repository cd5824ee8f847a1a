"""Folders and files → the candidate report files under them, and what was skipped why.

- Folders are walked recursively, following symbolic links; a folder reached twice
  (a symbolic link loop, or a second link to a folder already walked) is walked once and
  the repeat listed as skipped.  Entries whose name starts with ``.`` (``.git``, editor
  swap files) are not looked at.
- Inside a folder only files with a report suffix (:data:`REPORT_SUFFIXES`) are
  candidates; others are listed as skipped ("not a report file").  A file named on the
  command line is always a candidate, whatever its name.
- Nothing is read here: only ``stat``.  Empty files and files over the size limit are
  skipped from their size alone, so 10,000 empty files cost 10,000 ``stat`` calls.

Skipped files are collected (:class:`Skipped`, one reason each), never printed here.
"""

from __future__ import annotations

import os
import stat as stat_mod
from dataclasses import dataclass, field
from typing import NamedTuple

from tui.ingest import decode

#: Suffixes of report files inside a folder: raw texts, Markdown exports, report JSON, and
#: the documents ingest reads (it tells PDF, HTML and DOCX by their content, not by name).
REPORT_SUFFIXES = (".txt", ".text", ".md", ".json", ".pdf", ".html", ".htm", ".docx")


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


class Candidate(NamedTuple):  # (a tuple: 10,000 are made on every open of a library)
    path: str  # as found (the root given + the relative path below it)
    size: int
    mtime_ns: int
    inode: int
    device: int
    key: str  # the absolute path (os.path.abspath of path): the file's key in the catalog

    @property
    def signature(self) -> list[int]:
        return [self.size, self.mtime_ns, self.inode, self.device]


@dataclass
class ScanResult:
    candidates: list[Candidate] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def size_limit(path: str) -> int:
    """The largest file read as a report: a report JSON may be larger than a raw text."""
    if path.lower().endswith(".json"):
        return getattr(decode, "MAX_JSON_BYTES", decode.MAX_BYTES)
    return decode.MAX_BYTES


def _why(err: OSError) -> str:
    return err.strerror or str(err)


def _is_report_name(name: str) -> bool:
    return name.lower().endswith(REPORT_SUFFIXES)


def scan(paths: list[str | os.PathLike]) -> ScanResult:
    """Candidates in a stable order: the paths given, each folder sorted by name."""
    result = ScanResult()
    seen_dirs: dict[tuple[int, int], str] = {}

    def add_file(path: str, st: os.stat_result, key: str) -> None:
        # a file reached twice (named twice, a hard or symbolic link) is hashed twice and
        # listed as a duplicate by the library, like any other copy
        limit = size_limit(path)
        if st.st_size == 0:
            result.skipped.append(Skipped(path, "the file is empty"))
        elif st.st_size > limit:
            result.skipped.append(Skipped(path, f"{st.st_size / 1e6:.1f} MB is over the "
                                                f"{limit // (1024 * 1024)} MB limit for a report file"))
        else:
            result.candidates.append(Candidate(path, st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev, key))

    def walk(folder: str, st: os.stat_result, absolute: str) -> None:
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            result.skipped.append(Skipped(folder, f"folder already scanned as {seen_dirs[key]} "
                                                  "(a symbolic link loop or a second link)"))
            return
        seen_dirs[key] = folder
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            result.skipped.append(Skipped(folder, f"cannot list the folder: {_why(err)}"))
            return
        # (an absolute, normal folder + a name is absolute and normal: no abspath per file)
        under = absolute if absolute.endswith(os.sep) else absolute + os.sep
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            path = entry.path  # (folder joined with the name, as os.path.join would)
            try:
                est = entry.stat()  # follows links
            except OSError as err:
                result.skipped.append(Skipped(path, _broken(path, err)))
                continue
            if stat_mod.S_ISDIR(est.st_mode):
                walk(path, est, under + name)
            elif not stat_mod.S_ISREG(est.st_mode):
                result.skipped.append(Skipped(path, "not a regular file"))
            elif not _is_report_name(name):
                result.skipped.append(Skipped(path, f"not a report file (not {'/'.join(REPORT_SUFFIXES)})"))
            else:
                add_file(path, est, under + name)

    for given in paths:
        path = os.fspath(given)
        try:
            st = os.stat(path)
        except OSError as err:
            result.skipped.append(Skipped(path, _broken(path, err)))
            continue
        if stat_mod.S_ISDIR(st.st_mode):
            walk(path, st, os.path.abspath(path))
        elif stat_mod.S_ISREG(st.st_mode):
            add_file(path, st, os.path.abspath(path))
        else:
            result.skipped.append(Skipped(path, "not a regular file"))
    return result


def _broken(path: str, err: OSError) -> str:
    if os.path.islink(path):
        import errno

        return "symbolic link loop" if err.errno == errno.ELOOP else "broken symbolic link"
    return "no such file" if isinstance(err, FileNotFoundError) else _why(err)
