"""The dataclasses' generated methods, compiled once and kept between starts.

Python writes the ``__init__``, ``__eq__``, ``__hash__``, ``__repr__`` and the frozen
``__setattr__``/``__delattr__`` of every dataclass as source text and compiles it each time the
class is made: for the case model's 35 classes that is ~13 ms of the ~170 ms to the app's first
paint, every start, and the same again in each chart worker and command. Python keeps a module's
own bytecode in ``__pycache__``; this does the same for that generated source: the ``exec`` the
``dataclasses`` module calls looks the source text up in a file of code objects compiled from
it before (``marshal``, the format of ``.pyc`` files), and compiles and keeps what is new.

The source text is the key, so an entry is never stale: a changed class has other text. The
file is one per interpreter version (bytecode differs between versions), written atomically,
owner-only, and read only if it belongs to the user and no one else may write to it (it holds
code the app runs, like ``__pycache__``). A missing, unreadable or damaged file costs the
compile, nothing else. ``LEVERAGE_CODE_CACHE=off`` turns it off.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import marshal
import os
import sys
from pathlib import Path
from types import CodeType
from typing import Any

#: ``LEVERAGE_CODE_CACHE=off`` compiles every dataclass as Python does (measuring, debugging).
SWITCH_ENV = "LEVERAGE_CODE_CACHE"
#: A file larger than this is not read (it is not ours, or something went wrong).
MAX_BYTES = 8 * 1024 * 1024
#: Entries kept at most: past it, a save keeps only what this run used (old versions' classes
#: accumulate otherwise, one set per release).
MAX_ENTRIES = 4000


def cache_folder() -> Path:
    """Where the platform keeps a user's caches, Leverage's part of it."""
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
        return base / "Leverage" / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "Leverage"
    return Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "leverage"


def cache_path(folder: Path | None = None) -> Path:
    """The file for this interpreter (its version in the name: bytecode differs between
    versions)."""
    return (folder or cache_folder()) / f"dataclass-code-{sys.hexversion:x}.marshal"


def _trusted(path: Path) -> bool:
    """The file is the user's and only the user may change it (POSIX; elsewhere the user's own
    profile folder is private already)."""
    if not hasattr(os, "getuid"):
        return True
    status = path.stat()
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def _read(path: Path) -> dict[str, bytes]:
    try:
        if not _trusted(path) or path.stat().st_size > MAX_BYTES:
            return {}
        with path.open("rb") as stream:
            entries = marshal.load(stream)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(entries, dict):
        return {}
    return {k: v for k, v in entries.items() if isinstance(k, str) and isinstance(v, bytes)}


class CodeCache:
    """The code objects of ``path``, used by ``exec`` in place of compiling the same text. Each
    is kept marshalled and read when its text is asked for: a start reads only the classes it
    makes (~1 ms for all of them would be spent on the window's way to its first paint)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries = _read(path)
        self.used: set[str] = set()  # the texts this run asked for
        self.compiled = 0  # of them, those compiled in this run
        self._unsaved = False

    @property
    def hits(self) -> int:
        """Texts this run found compiled already."""
        return len(self.used) - self.compiled

    def exec(
        self,
        source: Any,
        globals: dict[str, Any] | None = None,
        locals: dict[str, Any] | None = None,
    ) -> None:
        """``builtins.exec``, with source text compiled at most once across runs."""
        if isinstance(source, str):
            self.used.add(source)
            source = self._code(source)
        builtins.exec(source, globals, locals)

    def _code(self, source: str) -> CodeType:
        kept = self.entries.get(source)
        if kept is not None:
            with contextlib.suppress(EOFError, ValueError, TypeError):
                code = marshal.loads(kept)
                if isinstance(code, CodeType):
                    return code
        code = compile(source, "<string>", "exec")
        self.entries[source] = marshal.dumps(code)
        self.compiled += 1
        self._unsaved = True
        return code

    def save(self) -> None:
        """Write the entries if any is new (atomically, owner-only); never raises."""
        if not self._unsaved:
            return
        entries = self.entries
        if len(entries) > MAX_ENTRIES:
            entries = {source: entries[source] for source in self.used}
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        with contextlib.suppress(OSError, ValueError):
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                with os.fdopen(descriptor, "wb") as stream:
                    marshal.dump(entries, stream)
                os.replace(temporary, self.path)
            finally:
                with contextlib.suppress(OSError):
                    temporary.unlink()
            self.entries, self._unsaved = entries, False


_installed: CodeCache | None = None


def install(folder: Path | None = None) -> CodeCache | None:
    """Have every dataclass made from now on use the cache (once per process; None when it is
    turned off)."""
    global _installed
    if _installed is None and os.environ.get(SWITCH_ENV, "").lower() not in ("off", "0", "no"):
        _installed = CodeCache(cache_path(folder))
        # ``dataclasses`` calls ``exec`` by its global name: this one shadows the builtin there,
        # and only there.
        setattr(dataclasses, "exec", _installed.exec)  # noqa: B010
    return _installed


def save() -> None:
    """Keep what this process compiled for the next start (nothing when nothing is new)."""
    if _installed is not None:
        _installed.save()


def uninstall() -> None:
    """Compile as Python does again (tests)."""
    global _installed
    with contextlib.suppress(AttributeError):
        delattr(dataclasses, "exec")
    _installed = None
