"""Recognise a Leverage file from its first 100 bytes, before SQLite ever touches it.

Reading the raw header lets the store refuse garbage, other programs' databases and files of
a newer schema without opening them through SQLite at all, so a refused file is never changed
(no journal rolled back, no pragma written).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from desktop_app.i18n import _
from desktop_app.store.errors import CaseFileError, NotACaseFile

APPLICATION_ID = 1279612487  # 0x4C455647, "LEVG"
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


@dataclass(frozen=True)
class Header:
    page_size: int
    schema_version: int  # PRAGMA user_version
    application_id: int
    size: int


def read_header(path: Path) -> Header:
    """Parse the SQLite header of ``path``; raise ``NotACaseFile`` when it is not a case."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(HEADER_SIZE)
            size = handle.seek(0, 2)
    except IsADirectoryError:
        raise NotACaseFile(path, _("is a folder, not a case file")) from None
    except FileNotFoundError:
        raise CaseFileError(path, _("does not exist")) from None
    except PermissionError:
        raise CaseFileError(path, _("cannot be read (permission denied)")) from None
    if size == 0:
        raise NotACaseFile(path, _("is empty, not a Leverage case"))
    if len(raw) < HEADER_SIZE or not raw.startswith(SQLITE_MAGIC):
        raise NotACaseFile(path, _("is not a Leverage case (not an SQLite database)"))
    (page_size,) = struct.unpack(">H", raw[16:18])
    page_size = 65536 if page_size == 1 else page_size
    (user_version,) = struct.unpack(">I", raw[60:64])
    (application_id,) = struct.unpack(">I", raw[68:72])
    if application_id != APPLICATION_ID:
        raise NotACaseFile(path, _("is an SQLite database of another program, not a Leverage case"))
    return Header(page_size, user_version, application_id, size)
