"""One writer at a time: an advisory file lock on the raw store and on the warehouse.

``make load`` is three programs (ingest, expectations, build); two loads started together would otherwise
interleave their renames, recover each other's staging folders and swap each other's half-built files.
Each program holds the lock of what it writes for its whole run; a second one waits and says so. The lock
is released by the kernel when the holder exits, even by kill -9, so a dead run never blocks the next.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path


class LockError(OSError):
    """The lock file cannot be created (missing or read-only folder): carries a one-line reason."""


@contextmanager
def exclusive(lock_path: Path, purpose: str, quiet: bool = False) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_path`` (created if missing) for the ``with`` body.

    Waits for another holder, printing one line to stderr naming the holder's pid and purpose.
    Raises LockError when the lock file cannot be created or opened.
    """
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise LockError(f"{lock_path}: cannot create the lock file ({exc.strerror})") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another run"
            if not quiet:
                print(f"waiting: {lock_path} is held by {holder}", file=sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} ({purpose}, since {time.strftime('%H:%M:%S')})\n".encode(), 0)
        yield
    finally:
        os.close(fd)


def raw_store_lock(raw_dir: Path, purpose: str, quiet: bool = False) -> AbstractContextManager[None]:
    """The lock every writer (and the build, a reader that must see one consistent state) of a raw store takes."""
    return exclusive(raw_dir / ".lock", purpose, quiet)


def warehouse_lock(warehouse: Path, purpose: str, quiet: bool = False) -> AbstractContextManager[None]:
    """The lock a build holds while it writes its temporary file and swaps it into ``warehouse``."""
    return exclusive(warehouse.with_name(f".{warehouse.name}.lock"), purpose, quiet)
