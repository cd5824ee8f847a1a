"""Files written by report-explorer: export names, the export folder, atomic writes.

No Textual here.  Every file report-explorer writes is replaced through :func:`replacing`
(the one atomic-write implementation): the app's copy-out (``e``, ``C`` then ``M``/``J``/``T``,
long copies), its saved state, ``ingest -o`` and the library's cache through
:func:`write_atomic`, ``export-db`` (SQLite writes the temporary file by name).

* Names: :func:`export_name` keeps a section's id and the extension whatever the report id
  holds, and stays under the file system's 255-*byte* limit (a CJK character is 3 bytes):
  a long report id is shortened and a short hash of the whole id added, so the exports of
  1.1 and 1.2 never share a name.
* Writes: a new file beside the target, created with ``O_EXCL | O_NOFOLLOW``, written,
  fsync'ed and renamed over the target.  A crash or a full disk leaves the old file (or
  none) in place, never half a file; a symbolic link planted at the target's name is
  refused, never followed.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: File names are kept to this many bytes (UTF-8): under the 255-byte NAME_MAX of ext4,
#: XFS, btrfs, APFS, NTFS, with room for a "-2" a user may add.
MAX_NAME_BYTES = 240
#: When a report id is cut: this many hex digits of its SHA-256 keep the names apart.
HASH_DIGITS = 10
_UNSAFE_RE = re.compile(r"[^\w.-]+")


class ExportError(OSError):
    """A file that could not be written; ``str(err)`` is one line for people."""

    def __str__(self) -> str:
        return str(self.strerror)


def default_export_dir() -> Path:
    """``$REPORT_EXPLORER_EXPORT_DIR``, else ``report-explorer`` in the user's data dir."""
    if env := os.environ.get("REPORT_EXPLORER_EXPORT_DIR"):
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("report-explorer", appauthor=False)


def _sanitise(name: str) -> str:
    """Only word characters, dots and dashes; no ``..``, no leading/trailing dot or dash."""
    return re.sub(r"\.{2,}", ".", _UNSAFE_RE.sub("-", name)).strip(".-")


def _cut_to_bytes(text: str, limit: int) -> str:
    """The longest prefix of ``text`` whose UTF-8 form fits in ``limit`` bytes."""
    raw = text.encode("utf-8", "surrogatepass")[: max(0, limit)]
    return raw.decode("utf-8", "ignore")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:HASH_DIGITS]


def export_name(report_id: str, part: str) -> str:
    """``"<report-id>-<part>"`` as a file name: ``part`` is ``"6.1.txt"``, ``"6.1-f3.txt"`` ….

    The part (section id and extension) is always kept whole; a report id too long for the
    byte limit is cut and followed by ``-`` and a hash of the whole id.
    """
    tail = _sanitise(part) or "export.txt"
    head = _sanitise(report_id) or "report"
    budget = MAX_NAME_BYTES - len(tail.encode("utf-8")) - 1  # the "-" between them
    if len(head.encode("utf-8")) > budget:
        marker = f"-{_digest(report_id)}"
        head = _cut_to_bytes(head, budget - len(marker)).rstrip(".-") + marker
    return safe_filename(f"{head}-{tail}")


def safe_filename(name: str) -> str:
    """A file name that stays inside the export folder, whatever it is built from.

    A name over :data:`MAX_NAME_BYTES` keeps its last 48 characters (the section id and
    extension of an export) and gets a hash of the whole name in place of the middle.
    """
    name = _sanitise(name) or "export.txt"
    if len(name.encode("utf-8")) <= MAX_NAME_BYTES:
        return name
    tail = name[-48:]
    marker = f"-{_digest(name)}-"
    head = _cut_to_bytes(name[:-48], MAX_NAME_BYTES - len(marker) - len(tail.encode("utf-8")))
    return f"{head}{marker}{tail}"


def _describe(err: OSError) -> str:
    return err.strerror or str(err)


def write_atomic(path: Path, data: str | bytes, *, durable: bool = True) -> Path:
    """Write ``data`` (a ``str`` is written as UTF-8) to ``path`` atomically; return ``path``.

    The folder must exist.  Raises :class:`ExportError` with a one-line reason: the target
    is a symbolic link or a directory, permission denied, disk full …  On any error the
    target is as it was and no temporary file is left behind.  ``durable=False`` skips the
    fsyncs (a cache entry: a power cut may lose it, never tear the file it replaces).
    """
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")  # before anything is created
        except UnicodeEncodeError:
            raise ExportError(errno.EILSEQ, f"{path}: the text holds characters UTF-8 cannot hold "
                              "(lone surrogates); nothing written") from None
    with replacing(path, durable=durable) as (fd, _):
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    return path


@contextmanager
def replacing(path: Path, *, durable: bool = True) -> Iterator[tuple[int, str]]:
    """The one atomic replacement of a file: ``with replacing(path) as (fd, temp): …``.

    ``temp`` is the path of a new, empty file beside ``path`` (created with ``O_EXCL |
    O_NOFOLLOW``; it keeps the permissions of the file it replaces) and ``fd`` is open on it
    for writing: write through ``fd``, or open ``temp`` by name (``sqlite3.connect``).
    When the block ends without an error the file is fsync'ed (``durable``), closed and
    renamed over ``path``; a symbolic link or a directory at ``path`` is refused before
    anything is created, never followed.  On an error the temporary file is removed and
    ``path`` is as it was.
    """
    path = Path(path)
    folder, name = path.parent, path.name
    if not name or name in (".", ".."):
        raise ExportError(errno.EINVAL, f"{path}: not a file name")
    at = _Folder(folder)
    try:
        _check_target(at, name, path)
        fd, temp = _new_temp(at, name, path)
        try:
            try:
                yield fd, str(folder / temp)
                if durable:
                    os.fsync(fd)
            except ExportError:
                raise
            except OSError as err:  # a write or the fsync: disk full, file too large …
                raise ExportError(err.errno, f"{path}: {_describe(err)}") from None
            finally:
                os.close(fd)
        except BaseException:
            _unlink(at, temp)
            raise
        try:
            os.replace(at.name(temp), at.name(name), src_dir_fd=at.fd, dst_dir_fd=at.fd)
        except OSError as err:
            _unlink(at, temp)
            if isinstance(err, IsADirectoryError):
                raise ExportError(err.errno, f"{path}: is a directory") from None
            raise ExportError(err.errno, f"{path}: {_describe(err)}") from None
        if durable:
            at.sync()
    finally:
        at.close()


#: Names looked up relative to an open folder (``dir_fd``), so the folder cannot be swapped
#: for another between the checks and the rename; plain paths where the OS cannot (Windows).
# (os.replace shares os.rename's renameat; only os.rename is listed in supports_dir_fd)
_DIR_FD = hasattr(os, "O_DIRECTORY") and {os.open, os.rename, os.stat, os.unlink} <= os.supports_dir_fd


class _Folder:
    def __init__(self, folder: Path) -> None:
        self.path, self.fd = folder, None
        if not _DIR_FD:
            if not folder.is_dir():
                raise ExportError(errno.ENOTDIR, f"{folder}: is not a folder")
            return
        try:
            self.fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
        except NotADirectoryError:
            raise ExportError(errno.ENOTDIR, f"{folder}: is not a folder") from None
        except FileNotFoundError:
            raise ExportError(errno.ENOENT, f"{folder}: no such folder") from None
        except OSError as err:
            raise ExportError(err.errno, f"{folder}: {_describe(err)}") from None

    def name(self, name: str) -> str:
        return name if self.fd is not None else str(self.path / name)

    def sync(self) -> None:
        if self.fd is None:
            return
        try:
            os.fsync(self.fd)  # the rename itself survives a crash
        except OSError:
            pass  # some file systems cannot fsync a folder; the file is in place

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)


def _check_target(at: _Folder, name: str, path: Path) -> None:
    try:
        st = os.stat(at.name(name), dir_fd=at.fd, follow_symlinks=False)
    except FileNotFoundError:
        return
    except OSError as err:
        raise ExportError(err.errno, f"{path}: {_describe(err)}") from None
    if stat.S_ISLNK(st.st_mode):
        raise ExportError(errno.ELOOP, f"{path}: is a symbolic link; not following it (remove it to save here)")
    if stat.S_ISDIR(st.st_mode):
        raise ExportError(errno.EISDIR, f"{path}: is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise ExportError(errno.EINVAL, f"{path}: is not a regular file")


def _new_temp(at: _Folder, name: str, path: Path) -> tuple[int, str]:
    """A new, empty file in the folder, with the permissions of ``name`` if it exists:
    (its descriptor, its name)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    prefix = "." + _cut_to_bytes(name, 64)
    for _ in range(100):
        temp = f"{prefix}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(at.name(temp), flags, 0o666, dir_fd=at.fd)  # mode: 0666 less the umask
            break
        except FileExistsError:
            continue
        except OSError as err:
            raise ExportError(err.errno, f"{path}: {_describe(err)}") from None
    else:
        raise ExportError(errno.EEXIST, f"{path}: cannot create a temporary file beside it")
    try:
        old = os.stat(at.name(name), dir_fd=at.fd, follow_symlinks=False)
        os.fchmod(fd, stat.S_IMODE(old.st_mode))  # a replaced file keeps its permissions
    except OSError:
        pass
    return fd, temp


def _unlink(at: _Folder, name: str) -> None:
    try:
        os.unlink(at.name(name), dir_fd=at.fd)
    except OSError:
        pass


def make_folder(folder: Path) -> None:
    """Create ``folder`` and its parents where missing; :class:`ExportError` with a one-line
    reason when it cannot be (a file in the way, permission denied …)."""
    if folder.exists() and not folder.is_dir():
        raise ExportError(errno.ENOTDIR, f"{folder}: is not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ExportError(errno.ENOTDIR, f"{folder}: is not a folder") from None
    except OSError as err:
        raise ExportError(err.errno, f"cannot create {folder}: {_describe(err)}") from None


def save_export(folder: Path, name: str, text: str) -> Path:
    """Save ``text`` as ``folder/name`` (a name from :func:`export_name`), creating the folder."""
    make_folder(folder)
    return write_atomic(folder / safe_filename(name), text)
