"""Build a file beside its target, make it durable, then publish it in one step.

A new case (import, File › New, Save a Copy) is written to a hidden temporary file in the
target's folder, fsynced, and then published: with ``os.link`` when the target must not exist
(the link fails if it does, so of two imports racing to one name exactly one wins), or with
``os.replace`` when overwriting is asked for. An interrupted run therefore never leaves a half
case under the target's name; its temporary file is removed by the next run in that folder
(its name says which process made it, and a file of a dead process is fair game). JSON dumps
and PDFs go through ``replace_owner_only``, the same steps for bytes already in memory. Every
file made here is readable by its owner only (0600), whatever the umask.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from desktop_app.files.errors import TargetExists, WriteFailed
from desktop_app.i18n import _

TEMP_SUFFIX = ".leverage-tmp"
OWNER_ONLY = 0o600


def _host_tag() -> str:
    """A short tag of this machine, so a shared folder's cleanup judges only its own files."""
    import hashlib  # here, not at start: the app's first paint does not need them
    import socket

    return hashlib.sha256(socket.gethostname().encode("utf-8")).hexdigest()[:8]


def temp_path_for(target: Path) -> Path:
    """A hidden name beside ``target`` saying which machine and process made it; its length
    does not depend on the target's, so any legal target name works."""
    token = os.urandom(4).hex()
    return target.with_name(f".lvg.{_host_tag()}.{os.getpid()}.{token}{TEMP_SUFFIX}")


def is_temp_file(path: Path) -> bool:
    """Is ``path`` named like a temporary file of ``temp_path_for`` (never a case)?"""
    return path.name.startswith(".lvg.") and path.name.endswith(TEMP_SUFFIX)


def create_owner_only(path: Path) -> None:
    """Create ``path`` empty and readable by its owner only (it must not exist yet)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY)
    os.close(fd)
    # The umask cannot widen 0600, but be explicit in case the file system ignored the mode.
    with contextlib.suppress(OSError):
        os.chmod(path, OWNER_ONLY)


def replace_owner_only(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``, overwriting it, so that a crash never leaves half a file and
    the result is readable by its owner only (a JSON dump is the whole confidential case).
    Raises ``OSError``; ``path`` is then left as it was."""
    temp = temp_path_for(path)
    try:
        create_owner_only(temp)
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    fsync_dir(path.parent)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename or link in ``folder`` durable (a no-op where folders cannot be opened)."""
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


def publish(temp: Path, target: Path, *, overwrite: bool) -> None:
    """Give ``temp`` the name ``target``; without ``overwrite`` an existing target wins."""
    fsync_file(temp)
    try:
        if overwrite:
            os.replace(temp, target)
        else:
            try:
                os.link(temp, target)
            except FileExistsError:
                raise TargetExists(target, _("already exists; use --force to replace it")) from None
            except OSError as error:
                if not _link_unsupported(error):
                    raise
                # File systems without hard links (FAT on USB sticks): fall back to an
                # exclusive rename, which still never replaces a file that appeared meanwhile.
                _exclusive_rename(temp, target)
    except (TargetExists, WriteFailed):
        raise
    except OSError as error:
        raise WriteFailed(
            target,
            _("could not be written ({reason})").format(reason=error.strerror or error),
        ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    fsync_dir(target.parent)


def _link_unsupported(error: OSError) -> bool:
    import errno

    return error.errno in {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}


def _exclusive_rename(temp: Path, target: Path) -> None:
    if target.exists():
        raise TargetExists(target, _("already exists; use --force to replace it"))
    os.rename(temp, target)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def leftover_temp_files(folder: Path) -> Iterator[Path]:
    """Temporary files in ``folder`` left behind by processes that no longer run."""
    try:
        candidates = list(folder.glob(f".*{TEMP_SUFFIX}"))
    except OSError:
        return
    host = _host_tag()
    for path in candidates:
        parts = path.name[: -len(TEMP_SUFFIX)].split(".")
        # ["", "lvg", host, pid, token]
        if (
            len(parts) == 5
            and parts[1] == "lvg"
            and parts[2] == host
            and parts[3].isdigit()
            and not _pid_alive(int(parts[3]))
        ):
            yield path


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove what crashed runs left in ``folder`` (and their journals); return what went."""
    removed = []
    for path in leftover_temp_files(folder):
        for victim in (path, path.with_name(path.name + "-journal")):
            with contextlib.suppress(OSError):
                victim.unlink()
        removed.append(path)
    return removed
