"""One writer per case: an OS lock on a hidden file beside the case.

The lock is an advisory OS lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) held on
``.NAME.leverage.lock`` for as long as the case is open. The operating system drops it when
the holder exits, however it exits, so a lock left by a crashed or killed process never
blocks the next open: the lock *file* may stay behind, but nobody holds a lock on it. The file
carries who holds it (user, host, process) so a second instance can say so.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import getpass
import hashlib
import json
import os
import socket
import sys
from pathlib import Path

from desktop_app.i18n import N_, _
from desktop_app.i18n.numbers import short_date
from desktop_app.store.errors import CaseLocked

if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


MAX_NAME_BYTES = 255
#: Who holds the lock when the system has no name for the user (written into the lock file in
#: English, translated where it is shown).
UNKNOWN_USER = N_("unknown user")
#: How the lock file writes since when the lock is held.
SINCE_FORMAT = "%Y-%m-%d %H:%M"


def lock_path_for(case_path: Path) -> Path:
    """The lock file of a case: beside the real file (symlinks resolved, so every alias of
    one case shares one lock), named after it, or after its hash when the name is too long."""
    real = Path(os.path.realpath(case_path))
    name = f".{real.name}.lock"
    if len(os.fsencode(name)) > MAX_NAME_BYTES:
        digest = hashlib.sha256(os.fsencode(real.name)).hexdigest()[:32]
        name = f".{digest}.leverage-lock"
    return real.with_name(name)


def _holder_description() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in containers without a passwd entry
        user = UNKNOWN_USER
    since = _dt.datetime.now().astimezone().strftime(SINCE_FORMAT)
    return json.dumps(
        {"user": user, "host": socket.gethostname(), "pid": os.getpid(), "since": since}
    )


def describe_holder(lock_file: Path) -> str:
    """``"alice on laptop-7, process 4242, since 2026-11-26 09:15"``, or a vaguer phrase."""
    try:
        info = json.loads(lock_file.read_text(encoding="utf-8"))
        user = _(UNKNOWN_USER) if info["user"] == UNKNOWN_USER else info["user"]
        return _("{user} on {host}, process {pid}, since {since}").format(
            user=user, host=info["host"], pid=info["pid"], since=_since(info["since"])
        )
    except (OSError, ValueError, KeyError, TypeError):
        return _("holder unknown")


def _since(text: object) -> object:
    """The lock file's time (``2026-11-26 09:15``) as the language writes a date; as it
    stands when it is not that."""
    try:
        moment = _dt.datetime.strptime(str(text), SINCE_FORMAT)
    except ValueError:
        return text
    if moment.strftime(SINCE_FORMAT) != text:
        return text
    return f"{short_date(moment.date())} {moment:%H:%M}"


class CaseLock:
    """The write lock of one case file; ``acquire`` raises ``CaseLocked`` if it is taken.

    Raises ``OSError`` when the lock file cannot be created at all (a read-only folder): the
    caller then opens the case read-only.
    """

    def __init__(self, case_path: Path) -> None:
        self.case_path = case_path
        self.path = lock_path_for(case_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        for _attempt in range(5):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            if not _try_lock(fd):
                os.close(fd)
                raise CaseLocked(self.case_path, describe_holder(self.path))
            # The previous holder may have unlinked the file between our open and our lock;
            # then we hold a lock on a file nobody else can see. Start again.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except FileNotFoundError:
                same = False
            if same:
                os.ftruncate(fd, 0)
                os.write(fd, _holder_description().encode("utf-8"))
                self._fd = fd
                return
            _unlock(fd)
            os.close(fd)
        raise CaseLocked(self.case_path, _("the lock file keeps changing"))

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        _unlock(self._fd)
        os.close(self._fd)
        self._fd = None
