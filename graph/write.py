"""Write files all at once or not at all, and only where the user meant.

Every file this package writes (the edited CSVs, the page, the layout cache)
goes through :func:`write_atomic`: a temporary file in the same folder,
flushed and fsync'ed, then renamed over the old one. :func:`writable_path`
refuses what must not be replaced (links, folders, devices, read-only files)
and :func:`check_output` what a generated file must never replace (the data,
a file this tool did not write).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import WriteError

__all__ = ["PAGE_MARKERS", "check_output", "clean_temporary_files", "writable_path", "write_atomic", "write_atomic_all"]

#: Byte strings by which an existing file is known to be a page this tool wrote:
#: the generator tag the page declares, or the vis-network bundle it inlines.
PAGE_MARKERS = (b'<meta name="generator" content="actorgraph', b"vis-network")


def writable_path(path: str | Path) -> Path:
    """``path``, if :func:`write_atomic` may replace it; refuses links, folders, devices and read-only files.

    Callers that write several files check them all first, so that a bad path
    leaves nothing half-done.

    Raises
    ------
    WriteError
        If ``path`` is a symbolic link (even a dangling one), a folder, a
        device or a read-only file.

    Examples
    --------
    >>> writable_path("/dev/null")
    Traceback (most recent call last):
    ...
    graph.errors.WriteError: could not write /dev/null: it is not a regular file (a folder or a device); give the path of a file
    """
    path = Path(path)
    try:
        st = path.lstat()
    except FileNotFoundError:
        return path
    except OSError as err:
        msg = f"could not write {path}: {err.strerror or err}"
        raise WriteError(msg) from err
    if stat.S_ISLNK(st.st_mode):
        msg = f"could not write {path}: it is a symbolic link (to {os.readlink(path)}); give the path of the file itself"
        raise WriteError(msg)
    if not stat.S_ISREG(st.st_mode):
        msg = f"could not write {path}: it is not a regular file (a folder or a device); give the path of a file"
        raise WriteError(msg)
    if not st.st_mode & stat.S_IWUSR:
        # Checked on the mode, not with os.access: root may write anything, but a file set read-only means "keep".
        msg = f"could not write {path}: the file is read-only; make it writable (chmod u+w) if it should change"
        raise WriteError(msg)
    return path


def check_output(path: str | Path, *, data: str | Path | None = None, markers: tuple[bytes, ...] | None = PAGE_MARKERS) -> Path:
    """``path``, if a generated file may be written there.

    A generated file never goes into the data folder ``data``, and never
    replaces a file that this tool did not write: an existing file must
    contain one of ``markers`` (None: do not look).

    Raises
    ------
    WriteError
        Saying why, and what to do instead.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / "notes.html").write_text("<p>mine</p>", encoding="utf-8")
    11
    >>> check_output(folder / "notes.html")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.WriteError: will not replace ... it is not a page written by actorgraph; choose another name, or delete the file first
    """
    path = writable_path(path)
    if data is not None:
        folder = Path(data).resolve()
        where = path.parent.resolve()
        if where == folder or folder in where.parents:
            msg = f"will not write {path}: it is inside the data folder {data}; write it elsewhere (under build/, say)"
            raise WriteError(msg)
    if markers is not None and path.exists():
        try:
            with path.open("rb") as f:
                head = f.read(4 << 20)
        except OSError as err:
            msg = f"could not read {path} to check it: {err.strerror or err}"
            raise WriteError(msg) from err
        if not any(m in head for m in markers):
            msg = f"will not replace {path}: it is not a page written by actorgraph; choose another name, or delete the file first"
            raise WriteError(msg)
    return path


def write_atomic(
    path: str | Path, data: bytes | str | Iterable[bytes | str], *, make_folder: bool = False, expected: bytes | None = None
) -> Path:
    """Replace ``path`` by ``data`` all at once, or not at all.

    ``data`` may also be an iterable of pieces, written one after the other
    (a large page is never held whole); if making a piece fails, nothing is written.

    The data goes to a temporary file in the same folder, is flushed to disk,
    then renamed over ``path``; a crash at any point leaves the old file (or
    no file) and no half-written one. An existing file keeps its permissions;
    a new one gets the usual ones (0666 less the umask). Text is UTF-8.
    With ``make_folder``, a missing folder of the file is created, but not
    a missing folder above it: a mistyped path fails instead of growing a tree.
    With ``expected``, the file must still hold exactly those bytes right
    before the rename, so a concurrent change by another program is never lost.
    Links, folders, devices and read-only files are refused (:func:`writable_path`).

    Raises
    ------
    WriteError
        If the file cannot be written; nothing was changed.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_atomic(folder / "a.txt", "Kyïv").read_text(encoding="utf-8")
    'Kyïv'
    """
    path = writable_path(path)
    tmp = _stage(path, data, make_folder=make_folder)
    try:
        if expected is not None and _read_now(path) != expected:
            msg = f"{path} changed while this edit ran (another program wrote it); nothing was written: run the command again"
            raise WriteError(msg)
        os.replace(tmp, path)
    except BaseException as err:
        # Ctrl-C too: never leave the temporary file behind.
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(err, OSError) and not isinstance(err, WriteError):
            msg = f"could not write {path}: {err.strerror or err}; the file is unchanged"
            raise WriteError(msg) from err
        raise
    _fsync_folder(path.parent)
    return path


def write_atomic_all(files: dict[str | Path, bytes], *, expected: dict[str | Path, bytes | None] | None = None) -> list[Path]:
    """Replace several files as one transaction: all of them, or none.

    Every new content, and a copy of every old one, is first written and
    fsync'ed beside its file (:func:`write_atomic`'s temporary files); only
    then are the files renamed into place, in the order given. If anything
    fails before the last rename, the files already replaced get their old
    content back (a rename of the copy) and a file that did not exist is
    removed again, so no caller ever sees some files new and others old.
    (A crash of the machine between two renames cannot be undone this way;
    put first the files that the others refer to.) With ``expected``, each
    file must still hold those bytes (None: must not exist) before any rename.

    Raises
    ------
    WriteError
        If a file cannot be written; every file is as it was.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> [p.name for p in write_atomic_all({folder / "a.csv": b"a\\n", folder / "b.csv": b"b\\n"})]
    ['a.csv', 'b.csv']
    """
    items = [(writable_path(p), data) for p, data in files.items()]
    paths = [p for p, _ in items]
    expected = {Path(p): v for p, v in (expected or {}).items()}
    staged: list[tuple[Path, str, str | None]] = []  # (file, new content's temporary file, old content's copy)
    done: list[tuple[Path, str | None]] = []
    try:
        for path, data in items:
            old = _read_now(path)
            if path in expected and old != expected[path]:
                msg = f"{path} changed while this edit ran (another program wrote it); nothing was written: run the command again"
                raise WriteError(msg)
            new = _stage(path, data)
            staged.append((path, new, None))
            staged[-1] = (path, new, None if old is None else _stage(path, old))
        for path, new, backup in staged:
            os.replace(new, path)
            done.append((path, backup))
    except BaseException as err:
        # Undo in reverse: the copies were made before the first rename, so undoing is renames only.
        for path, backup in reversed(done):
            with contextlib.suppress(OSError):
                if backup is None:
                    os.unlink(path)
                else:
                    os.replace(backup, path)
        for _, new, backup in staged:
            for tmp in (new, backup):
                if tmp is not None:
                    with contextlib.suppress(OSError):
                        os.unlink(tmp)
        if isinstance(err, OSError) and not isinstance(err, WriteError):
            msg = f"could not write {', '.join(str(p) for p in paths)}: {err.strerror or err}; every file is unchanged"
            raise WriteError(msg) from err
        raise
    for _, _, backup in staged:
        if backup is not None:
            with contextlib.suppress(OSError):
                os.unlink(backup)
    for folder in dict.fromkeys(p.parent for p in paths):
        _fsync_folder(folder)
    return paths


def _stage(path: Path, data: bytes | str | Iterable[bytes | str], *, make_folder: bool = False) -> str:
    """A temporary file beside ``path`` holding ``data`` (or its pieces), flushed to disk, with ``path``'s permissions."""
    pieces = [data] if isinstance(data, bytes | str) else data
    tmp = None
    try:
        if make_folder:
            path.parent.mkdir(exist_ok=True)
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            for piece in pieces:
                f.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)  # mkstemp makes the file private
    except BaseException as err:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(err, OSError):
            msg = f"could not write {path}: {err.strerror or err}; the file is unchanged"
            raise WriteError(msg) from err
        raise
    return tmp


def clean_temporary_files(path: str | Path) -> list[Path]:
    """Delete the temporary files that a killed :func:`write_atomic` left beside ``path``.

    Only safe while no other writer of ``path`` runs (the edit commands call
    it under their lock). Returns the files deleted.
    """
    path = Path(path)
    removed = []
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if stat.S_ISREG(tmp.lstat().st_mode):
                tmp.unlink()
                removed.append(tmp)
    return removed


def _read_now(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as f:
        return f.read()


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable; not every system can open a folder (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
