"""Damaged case files in: always a clean refusal (a ``CaseFileError`` naming the file, the file
left byte for byte as it was) or a case that validates — never a traceback.

Real ``.leverage`` files get bits flipped, pages scribbled on, zeroed or swapped, their end cut
off and header fields (page size, schema version, application id…) set to random values
(``mutations.damage``); each is opened read-only, read-write and by ``leverage dump``. A file
whose damage SQLite and the case's rules cannot see (a flipped bit in a free page or inside a
text) may open; what opens must then be a valid case. ``tests/store/test_refusals.py`` covers
the named kinds of garbage one by one.
"""

from __future__ import annotations

import collections
import functools
import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import Risk, validate_case
from desktop_app.store import CaseFile, CaseFileError, write_new_case
from desktop_app.store.migrations import SCHEMA_VERSION
from desktop_app.store.sample import sample_case
from tests.reliability.mutations import damage
from tests.reliability.support import FUZZ, budget, run_cli
from tests.store.casefile_support import backup_of, build_rich_case, listing

EXAMPLES = (500, 8_000)  # in make test, in make fuzz


@functools.cache
def base_files() -> dict[str, bytes]:
    """Real case files: a richly linked one, the sample, and one with long texts (overflow
    pages) and free pages (half of its rows deleted)."""
    files = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, case in (("rich", build_rich_case()), ("sample", sample_case())):
            path = Path(folder) / f"{name}.leverage"
            write_new_case(path, case)
            files[name] = path.read_bytes()
        path = Path(folder) / "holes.leverage"
        rich = build_rich_case()
        bulk = tuple(Risk(id=f"r{n}", name=f"Risk {n}", mitigation="€" * 3_000) for n in range(40))
        write_new_case(path, replace(rich, risks=(*rich.risks, *bulk)))
        with CaseFile.open(path) as case_file:
            case_file.commit(replace(case_file.case, risks=(*rich.risks, *bulk[::2])))
        files["holes"] = path.read_bytes()
    return files


def _open(path: Path, *, read_only: bool) -> str:
    before = path.read_bytes()
    try:
        with CaseFile.open(path, read_only=read_only) as case_file:
            case = case_file.case
    except CaseFileError as refusal:
        message = str(refusal)
        assert message.startswith(f"{path}: ") and "\n" not in message, message
        assert path.read_bytes() == before, "a refused file was changed"
        return "refused"
    assert validate_case(case) == case
    if read_only:
        assert path.read_bytes() == before, "a read-only open changed the file"
    else:  # a read-write open may legitimately write (a hot journal, the journal mode)
        with CaseFile.open(path, read_only=True) as again:
            assert again.case == case
    return "opened"


def test_the_base_files_have_free_pages_and_overflow_pages() -> None:
    import sqlite3

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "holes.leverage"
        path.write_bytes(base_files()["holes"])
        conn = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)
        try:
            assert conn.execute("PRAGMA freelist_count").fetchone()[0] > 0
        finally:
            conn.close()


def test_damaged_files_are_refused_untouched_or_open_as_valid_cases() -> None:
    seen: collections.Counter[str] = collections.Counter()
    files = base_files()

    @budget(*EXAMPLES)
    @given(base=st.sampled_from(sorted(files)), data=st.data())
    def open_damaged(base: str, data: st.DataObject) -> None:
        damaged = data.draw(damage(files[base]), label="damage")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "damaged.leverage"
            path.write_bytes(damaged.data)
            version = int.from_bytes(damaged.data[60:64], "big")  # PRAGMA user_version
            read_only = _open(path, read_only=True)
            read_write = _open(path, read_only=False)
            seen.update({read_only, read_write})
            result = run_cli(["dump", str(path)])
            assert result.code in (0, 3), result
            if result.code == 3:
                assert result.stderr.count("\n") == 1 and str(path) in result.stderr, result
            # Nothing left beside it: no journal, no lock, and no backup unless the file was of
            # an older schema (the copy taken before migrating it; also when the migration
            # then failed).
            left = listing(Path(folder))
            backup = backup_of(path, version).name
            if 1 <= version < SCHEMA_VERSION and read_write == "opened":
                assert left == sorted(["damaged.leverage", backup])
            elif 1 <= version < SCHEMA_VERSION:
                assert left in (["damaged.leverage"], sorted(["damaged.leverage", backup]))
            else:
                assert left == ["damaged.leverage"]

    open_damaged()
    total = sum(seen.values())
    assert seen["refused"] >= total // 10 and seen["opened"] >= total // 50, seen
    print(f"damaged case files opened: {EXAMPLES[1] if FUZZ else EXAMPLES[0]} ({dict(seen)})")
