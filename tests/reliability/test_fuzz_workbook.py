"""Whatever is in a cell of a case workbook: a valid case, or a refusal in one line naming the
file and the cell — never a traceback, never a half-written case.

A workbook exported from a richly linked case is edited as a person might and worse (any text,
numbers huge and tiny, dates, flags, errors, formulas' text, percentage formats, cells far
outside the tables, headings replaced), and damaged byte by byte; each is read
(``parse_workbook``) and some are imported with the command. A few dozen of each in
``make test``, thousands in ``make fuzz``.
"""

from __future__ import annotations

import collections
import datetime as dt
import io
import tempfile
import typing
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from desktop_app.domain import Case, validate_case
from desktop_app.reports.workbook import build_workbook
from desktop_app.store.interchange import InvalidDocument, case_to_document
from desktop_app.store.workbook import parse_workbook
from tests.reliability.support import budget, run_cli
from tests.store.casefile_support import build_rich_case, listing, stored_case

SOURCE = "fuzzed.xlsx"
CELL_EXAMPLES = (80, 3_000)
BYTE_EXAMPLES = (30, 1_000)
IMPORT_EXAMPLES = (8, 200)

_BASE: dict[str, typing.Any] = {}


def base() -> tuple[bytes, dict[str, tuple[int, int]]]:
    """The rich case's workbook, and each sheet's size (rows, columns)."""
    if not _BASE:
        data = build_workbook(build_rich_case(), None)
        book = load_workbook(io.BytesIO(data))
        _BASE["data"] = data
        _BASE["sizes"] = {s.title: (s.max_row, s.max_column) for s in book.worksheets}
    return _BASE["data"], _BASE["sizes"]


TEXTS = st.one_of(
    st.text(max_size=30).map(lambda t: ILLEGAL_CHARACTERS_RE.sub("", t)),
    st.sampled_from(
        [
            "#N/A",
            "#DIV/0!",
            "=1+2",
            "1e309",
            "-0",
            "NaN",
            "inf",
            "  ",
            "yes",
            "ours",
            "their demand",
            "−2 hostile",
            "12%",
            "_x0000_",
            "_xFFFE_",
            '["a", 1]',
            "[",
            "2026-02-30",
            "r-recall",
            "p1",
            "case.title",
            "version",
            "ID",
            "Risk",
        ]
    ),
)
VALUES = st.one_of(
    st.none(),
    TEXTS,
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0, 1, -1, 0.5, 1.7, 10, 100, 1e300, -1e-300, 2**63]),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 1, 1)),
)


@st.composite
def edits(draw: st.DrawFn) -> list[tuple[str, int, int, typing.Any, str | None]]:
    _, sizes = base()
    sheets = sorted(sizes)
    chosen = []
    for _ in range(draw(st.integers(1, 3))):
        sheet = draw(st.sampled_from(sheets))
        rows, columns = sizes[sheet]
        row = draw(st.integers(1, rows + 2) | st.sampled_from([1, 2, 1000]))
        column = draw(st.integers(1, columns + 1))
        value = draw(VALUES)
        number_format = draw(st.sampled_from([None, None, "0%", "General", '0"%"', "yyyy-mm-dd"]))
        chosen.append((sheet, row, column, value, number_format))
    return chosen


def apply(edits_: list[tuple[str, int, int, typing.Any, str | None]]) -> bytes:
    data, _ = base()
    book = load_workbook(io.BytesIO(data))
    for sheet, row, column, value, number_format in edits_:
        cell = book[sheet].cell(row=row, column=column)
        cell.value = value
        if number_format is not None:
            cell.number_format = number_format
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def outcome(data: bytes) -> str:
    try:
        case = parse_workbook(data, SOURCE)
    except InvalidDocument as refusal:
        message = str(refusal)
        assert message.startswith(f"{SOURCE}: "), message
        assert "\n" not in message and "Traceback" not in message, message
        return "refused"
    assert validate_case(case) == case
    again = parse_workbook(build_workbook(case, None), SOURCE)
    assert case_to_document(again) == case_to_document(case)  # export → import: the same
    return "accepted"


def _both_seen(seen: collections.Counter[str], what: str) -> None:
    total = sum(seen.values())
    assert min(seen["accepted"], seen["refused"]) >= max(1, total // 40), seen
    print(f"{what}: {total} fuzzed ({dict(seen)})")


def test_any_cell_gives_a_valid_case_or_a_refusal_naming_it() -> None:
    seen: collections.Counter[str] = collections.Counter()

    @budget(*CELL_EXAMPLES)
    @given(changes=edits())
    def read(changes: list[tuple[str, int, int, typing.Any, str | None]]) -> None:
        seen[outcome(apply(changes))] += 1

    read()
    _both_seen(seen, "workbooks with edited cells")


def test_damaged_workbook_files_are_refused_cleanly() -> None:
    seen: collections.Counter[str] = collections.Counter()

    @budget(*BYTE_EXAMPLES)
    @given(
        cut=st.integers(0, 100),
        flips=st.lists(st.tuples(st.integers(0, 10**7), st.integers(1, 255)), max_size=4),
    )
    def read(cut: int, flips: list[tuple[int, int]]) -> None:
        data = bytearray(base()[0])
        for position, bits in flips:
            data[position % len(data)] ^= bits
        if cut:
            data = data[: len(data) * cut // 100]
        seen[outcome(bytes(data))] += 1

    read()
    print(f"damaged workbooks: {dict(seen)}")
    assert seen["refused"] > 0


def _import(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "fuzzed.xlsx"
        source.write_bytes(data)
        target = Path(folder) / "fuzzed.leverage"
        result = run_cli(["import", str(source), "-o", str(target)])
        assert source.read_bytes() == data  # the input is never changed
        if result.code == 3:
            assert result.stderr.startswith(f"leverage import: {source}: "), result.stderr
            assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
            assert listing(Path(folder)) == ["fuzzed.xlsx"]  # nothing written
            return "refused"
        assert result.code == 0, result
        case: Case = stored_case(target)
        assert validate_case(case) == case
        return "accepted"


def test_the_import_command_creates_a_valid_case_or_exits_3() -> None:
    seen: collections.Counter[str] = collections.Counter()

    @budget(*IMPORT_EXAMPLES)
    @given(changes=edits())
    def import_(changes: list[tuple[str, int, int, typing.Any, str | None]]) -> None:
        seen[_import(apply(changes))] += 1

    import_()
    print(f"workbooks imported: {dict(seen)}")
