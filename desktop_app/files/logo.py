"""Reading a logo the consultant chose (SPEC §11 "Letterhead"): a PNG or JPEG of at most 2 MB,
checked by its own bytes (``domain.images``), never by its name. A file too large to be a logo
is not read whole: its start says what it is, its size why it is refused.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.images import MAX_LOGO_BYTES, ImageProblem, read_image
from desktop_app.i18n import _

#: Enough of a refused file's start to say what kind of file it is.
_HEAD = 64 * 1024


def read_logo_file(path: Path | str) -> bytes:
    """The bytes of the logo at ``path``; ``ImageProblem`` saying why when it cannot be one
    ("the file is a GIF, not a PNG or JPEG", "3.1 MB, above 2 MB", "the file cannot be
    read")."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            data = handle.read(MAX_LOGO_BYTES + 1 if size <= MAX_LOGO_BYTES else _HEAD)
    except IsADirectoryError:
        raise ImageProblem(_("it is a folder, not an image")) from None
    except OSError as error:
        raise ImageProblem(
            _("the file cannot be read ({reason})").format(reason=error.strerror or error)
        ) from None
    read_image(data, size=size)
    return data
