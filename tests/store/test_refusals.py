"""Files that are not (good) Leverage cases are refused with a clear message and left exactly
as they were: same bytes, same mtime, nothing added beside them (SPEC §6)."""

from __future__ import annotations

import os
import sqlite3
import struct
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.store import (
    CaseFile,
    CaseFileError,
    CorruptCaseFile,
    NewerVersionFile,
    NotACaseFile,
)
from desktop_app.store.migrations import MIGRATIONS
from tests.store.casefile_support import listing, snapshot

PAGE = 4096


def _page_size(data: bytes) -> int:
    (size,) = struct.unpack(">H", data[16:18])
    return 65536 if size == 1 else size


def _root_page(path: Path, table: str) -> int:
    conn = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,))
        return int(row.fetchone()[0])
    finally:
        conn.close()


def _garbage(_good: Path) -> bytes:
    return bytes((n * 37 + 11) % 256 for n in range(8192))


def _empty(_good: Path) -> bytes:
    return b""


def _plain_text(_good: Path) -> bytes:
    return b"Minutes of the meeting with Big Motors\nPrice: 455 EUR\n" * 50


def _json_case(_good: Path) -> bytes:
    return b'{"format": "leverage-case", "version": 1, "case": {"title": "x"}}'


def _first_4096(good: Path) -> bytes:
    return good.read_bytes()[:4096]


def _first_100(good: Path) -> bytes:
    return good.read_bytes()[:100]


def _first_50(good: Path) -> bytes:
    return good.read_bytes()[:50]


def _cut_mid_file(good: Path) -> bytes:
    data = good.read_bytes()
    return data[: len(data) // 2]


def _cut_mid_page(good: Path) -> bytes:
    data = good.read_bytes()
    return data[: len(data) // 2 + 1234]


def _last_page_missing(good: Path) -> bytes:
    data = good.read_bytes()
    return data[: len(data) - _page_size(data)]


def _foreign_sqlite(good: Path) -> bytes:
    other = good.with_name("other-program.db")
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    conn.execute("INSERT INTO invoices (amount) VALUES (12.5)")
    conn.commit()
    conn.close()
    data = other.read_bytes()
    other.unlink()
    return data


def _foreign_sqlite_with_our_tables(good: Path) -> bytes:
    """Our schema but no application id: still another program's database."""
    data = bytearray(good.read_bytes())
    data[68:72] = b"\x00\x00\x00\x00"
    return bytes(data)


def _cell_pointers_smashed(good: Path) -> bytes:
    """The cell pointer array of the risks table's page, overwritten mid-file."""
    data = bytearray(good.read_bytes())
    start = (_root_page(good, "risks") - 1) * _page_size(data)
    data[start + 8 : start + 40] = b"\xa5" * 32
    return bytes(data)


def _cell_content_smashed(good: Path) -> bytes:
    """The stored rows themselves (the cell content area of a data page), overwritten."""
    data = bytearray(good.read_bytes())
    size = _page_size(data)
    start = (_root_page(good, "scenarios") - 1) * size
    (content,) = struct.unpack(">H", data[start + 5 : start + 7])
    data[start + content : start + size] = b"\xa5" * (size - content)
    return bytes(data)


def _schema_page_garbage(good: Path) -> bytes:
    """Page 1 after the header (the schema) overwritten: SQLite cannot read the schema."""
    data = bytearray(good.read_bytes())
    data[100:PAGE] = bytes((n * 13) % 256 for n in range(PAGE - 100))
    return bytes(data)


REFUSED: dict[str, tuple[Callable[[Path], bytes], type[CaseFileError]]] = {
    "garbage": (_garbage, NotACaseFile),
    "empty": (_empty, NotACaseFile),
    "plain text": (_plain_text, NotACaseFile),
    "a JSON case": (_json_case, NotACaseFile),
    "first 50 bytes": (_first_50, NotACaseFile),
    "first 100 bytes": (_first_100, CorruptCaseFile),
    "first 4096 bytes": (_first_4096, CorruptCaseFile),
    "cut mid-file": (_cut_mid_file, CorruptCaseFile),
    "cut mid-page": (_cut_mid_page, CorruptCaseFile),
    "last page missing": (_last_page_missing, CorruptCaseFile),
    "foreign SQLite database": (_foreign_sqlite, NotACaseFile),
    "our tables without the application id": (_foreign_sqlite_with_our_tables, NotACaseFile),
    "cell pointers of a data page smashed": (_cell_pointers_smashed, CorruptCaseFile),
    "cell content of a data page smashed": (_cell_content_smashed, CorruptCaseFile),
    "schema page garbage": (_schema_page_garbage, CorruptCaseFile),
}


@pytest.mark.parametrize("read_only", [False, True], ids=["read-write", "read-only"])
@pytest.mark.parametrize("name", list(REFUSED))
def test_refused_file_is_left_untouched(name: str, read_only: bool, case_path: Path) -> None:
    make, expected = REFUSED[name]
    target = case_path.with_name("refused.leverage")
    target.write_bytes(make(case_path))
    os.utime(target, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = snapshot(target)
    files_before = listing(target.parent)
    with pytest.raises(CaseFileError) as caught:
        CaseFile.open(target, read_only=read_only)
    assert type(caught.value) is expected, caught.value
    assert str(target) in str(caught.value)
    assert caught.value.path == target
    assert caught.value.exit_code == 3
    assert snapshot(target) == before
    assert listing(target.parent) == files_before  # no lock file, journal or backup left


@pytest.mark.parametrize("name", list(REFUSED))
def test_refusal_message_is_one_line(name: str, case_path: Path) -> None:
    """The CLI prints ``str(error)`` as its one line on stderr (SPEC §5), so the message of
    every refusal, a failed ``quick_check`` included, must be a single line."""
    make, _expected = REFUSED[name]
    target = case_path.with_name("refused.leverage")
    target.write_bytes(make(case_path))
    with pytest.raises(CaseFileError) as caught:
        CaseFile.open(target, read_only=True)
    assert "\n" not in str(caught.value), str(caught.value)


def test_refused_file_does_not_stay_locked(case_path: Path) -> None:
    target = case_path.with_name("broken.leverage")
    target.write_bytes(_cut_mid_file(case_path))
    with pytest.raises(CorruptCaseFile):
        CaseFile.open(target)
    target.write_bytes(case_path.read_bytes())  # repaired from a backup
    with CaseFile.open(target) as case_file:
        assert not case_file.read_only


def test_newer_version_is_refused_untouched(case_path: Path) -> None:
    conn = sqlite3.connect(case_path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = snapshot(case_path)
    files_before = listing(case_path.parent)
    for read_only in (False, True):
        with pytest.raises(NewerVersionFile) as caught:
            CaseFile.open(case_path, read_only=read_only)
        message = str(caught.value)
        assert str(case_path) in message
        assert "newer" in message
        assert "99" in message
        assert caught.value.exit_code == 3
    assert snapshot(case_path) == before
    assert listing(case_path.parent) == files_before


def test_next_version_is_newer_than_this_one(case_path: Path) -> None:
    conn = sqlite3.connect(case_path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    before = snapshot(case_path)
    with pytest.raises(NewerVersionFile):
        CaseFile.open(case_path)
    assert snapshot(case_path) == before


def test_file_without_a_schema_version_is_refused(case_path: Path) -> None:
    conn = sqlite3.connect(case_path)
    conn.execute("PRAGMA user_version = 0")
    conn.close()
    before = snapshot(case_path)
    with pytest.raises(CorruptCaseFile) as caught:
        CaseFile.open(case_path)
    assert str(case_path) in str(caught.value)
    assert snapshot(case_path) == before


def test_row_breaking_a_rule_is_reported_as_damage(case_path: Path) -> None:
    """A hand-edited row (probability 1.7) is caught on load, not used."""
    conn = sqlite3.connect(case_path)
    conn.execute("UPDATE risks SET probability = 1.7 WHERE id = 'r-fx'")
    conn.commit()
    conn.close()
    before = snapshot(case_path)
    with pytest.raises(CorruptCaseFile) as caught:
        CaseFile.open(case_path)
    assert "probability" in str(caught.value)
    assert str(case_path) in str(caught.value)
    assert snapshot(case_path) == before


def test_unreadable_json_in_a_row_is_reported_as_damage(case_path: Path) -> None:
    conn = sqlite3.connect(case_path)
    conn.execute("UPDATE alternatives SET scores = '{not json' WHERE id = 'a-rival'")
    conn.commit()
    conn.close()
    before = snapshot(case_path)
    with pytest.raises(CorruptCaseFile):
        CaseFile.open(case_path, read_only=True)
    assert snapshot(case_path) == before


def test_missing_file_is_reported(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.leverage"
    with pytest.raises(CaseFileError) as caught:
        CaseFile.open(missing)
    assert str(missing) in str(caught.value)
    assert "does not exist" in str(caught.value)
    assert listing(tmp_path) == []


def test_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "looks-like.leverage"
    folder.mkdir()
    with pytest.raises(NotACaseFile) as caught:
        CaseFile.open(folder)
    assert str(folder) in str(caught.value)
