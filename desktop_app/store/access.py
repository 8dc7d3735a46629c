"""Can this process write the case? One small seam, so tests can inject read-only media.

Tests run as root in CI, where file modes bind nothing; they replace ``write_blocker`` (or
make SQLite fail) instead of relying on ``chmod``.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from desktop_app.i18n import _

READ_ONLY_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS}


def write_blocker(path: Path) -> str | None:
    """Why ``path`` cannot be written (a sentence), or ``None`` if it can."""
    if not os.access(path, os.W_OK):
        return _("the file is read-only")
    if not os.access(path.parent, os.W_OK):
        return _("its folder is read-only")
    return None


def is_read_only_error(error: OSError) -> bool:
    return error.errno in READ_ONLY_ERRNOS
