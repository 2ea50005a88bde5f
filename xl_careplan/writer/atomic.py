"""Put a finished file in place so that a kill, a full disk or any failure leaves nothing behind.

The bytes are written into an anonymous file in the destination's folder (Linux ``O_TMPFILE``: it has
no name until it is complete, so a SIGKILL leaves nothing) and then linked into place; where that is
not available, into one hidden temporary file ``.xlcp-*.tmp`` that is removed on failure and renamed
onto the destination when complete. Hidden temporaries a killed run left behind (only possible on
the fallback path) are removed by the next write into that folder.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path

from xl_careplan.errors import XlCareplanError

PREFIX = ".xlcp-"
STALE_SECONDS = 600
_UMASK = os.umask(0o022)  # read once at import (os.umask can only be read by setting it)
os.umask(_UMASK)


def is_read_only(path: Path) -> bool:
    """The file is marked read-only (its owner may not write it: Windows' read-only attribute too)."""
    try:
        return not (path.stat().st_mode & stat.S_IWUSR)
    except OSError:  # absent (or not reachable: the write itself will say why)
        return False


_SWEPT: set[str] = set()


def sweep(folder: Path) -> None:
    """Remove our hidden temporaries older than ``STALE_SECONDS`` (left by a run that was killed);
    once per folder and process (a batch writes hundreds of copies into one folder)."""
    key = os.path.abspath(folder)
    if key in _SWEPT:
        return
    _SWEPT.add(key)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    now = time.time()
    for e in entries:
        if e.name.startswith(PREFIX) and e.name.endswith(".tmp"):
            try:
                if now - e.stat().st_mtime > STALE_SECONDS:
                    os.unlink(e.path)
            except OSError:
                pass


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _anonymous(folder: Path) -> int | None:
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None:
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, 0o666 & ~_UMASK)
    except OSError:  # a filesystem without O_TMPFILE
        return None


def _link(fd: int, folder: Path, name: str) -> bool | None:
    """Give the anonymous file a name: True, False when the name exists, None when linking is not possible.

    ``linkat`` with AT_SYMLINK_FOLLOW on /proc/self/fd (os.link uses it when given a directory fd)."""
    dfd = os.open(folder, os.O_RDONLY)
    try:
        os.link(f"/proc/self/fd/{fd}", name, dst_dir_fd=dfd, follow_symlinks=True)
        return True
    except FileExistsError:
        return False
    except OSError as e:
        if e.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES):
            raise
        return None
    finally:
        os.close(dfd)


def place(data: bytes, dest: Path, *, mode: int | None = None, replace: bool = True) -> None:
    """Write ``data`` to ``dest`` atomically (``replace=False``: fail if ``dest`` exists).

    Raises OSError (the destination is untouched and no temporary file remains)."""
    folder = dest.parent
    folder.mkdir(parents=True, exist_ok=True)
    sweep(folder)
    final_mode = (0o666 & ~_UMASK) if mode is None else mode
    fd = _anonymous(folder)
    if fd is not None:
        try:
            _write_all(fd, data)  # no fsync: a kill cannot leave half a file here, and it cost more than the edit
            os.fchmod(fd, final_mode)
            linked = _link(fd, folder, dest.name)  # dest absent: it appears complete, or not at all
            if linked is None:
                pass  # cannot link an anonymous file here: fall back to a named temporary below
            elif not linked:
                if not replace:
                    raise FileExistsError(errno.EEXIST, "exists", str(dest))
                tmp = folder / f"{PREFIX}{os.getpid()}-{os.urandom(6).hex()}.tmp"  # not secrets: it loads OpenSSL
                if not _link(fd, folder, tmp.name):
                    raise FileExistsError(errno.EEXIST, "exists", str(tmp))
                try:
                    os.replace(tmp, dest)
                except BaseException:
                    _unlink(tmp)
                    raise
        finally:
            os.close(fd)
        if linked is not None:
            return
    import tempfile  # only here: this fallback is rare, and tempfile imports random

    fd, name = tempfile.mkstemp(prefix=PREFIX, suffix=".tmp", dir=folder)
    tmp = Path(name)
    try:
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
        os.chmod(tmp, final_mode)
        if not replace and dest.exists():
            raise FileExistsError(errno.EEXIST, "exists", str(dest))
        os.replace(tmp, dest)
    except BaseException:
        _unlink(tmp)
        raise


def _unlink(p: Path) -> None:
    try:
        p.unlink()
    except OSError:
        pass


def save_error(dest: Path, e: OSError, label: str) -> XlCareplanError:
    """The Japanese message for a write that failed (nothing was left behind)."""
    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        why = "ディスクの空き容量が足りません。空きを作ってから、もう一度実行してください"
    elif isinstance(e, PermissionError) or e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "書き込む権限がありません。ファイルを Excel で開いていないか、フォルダに書き込めるかを確認してください"
    else:
        why = f"{type(e).__name__}。ファイルを Excel で開いていないか、フォルダに書き込めるかを確認してください"
    return XlCareplanError(f"{dest} に保存できませんでした（{why}）。途中までのファイルは残していません。", file=label)
