"""``leverage import BOOK.xlsx``: a case workbook read back through the JSON's validation.

Export → import gives the same case (the sample, generated cases); a refusal names the sheet,
the row and the column, and nothing is written; what a person types in Excel (percentages,
labels, numbers as ids, blank ids) reads as they mean it."""

from __future__ import annotations

import datetime as dt
import io
import typing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import Workbook, load_workbook

from desktop_app import cli
from desktop_app.domain import validate_case
from desktop_app.domain.model import Case
from desktop_app.domain.tables import CASE_ROWS, TABLE_SHEETS
from desktop_app.reports.workbook import build_workbook
from desktop_app.store.interchange import InvalidDocument, case_to_document, document_to_case
from desktop_app.store.sample import sample_case
from desktop_app.store.workbook import parse_workbook
from tests.store.casefile_support import listing, stored_case
from tests.strategies import case_documents

SOURCE = "book.xlsx"


@pytest.fixture(scope="module")
def sample() -> Case:
    return sample_case()


@pytest.fixture(scope="module")
def sample_book(sample: Case) -> bytes:
    return build_workbook(sample, None)


def edited(data: bytes, edit: typing.Callable[[typing.Any], None]) -> bytes:
    """``data`` opened with openpyxl, changed by ``edit`` and saved again (as a person would
    in Excel)."""
    book = load_workbook(io.BytesIO(data))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def refusal(data: bytes) -> str:
    with pytest.raises(InvalidDocument) as refused:
        parse_workbook(data, SOURCE)
    message = str(refused.value)
    assert message.startswith(f"{SOURCE}: ") and "\n" not in message
    return message.removeprefix(f"{SOURCE}: ")


# -- export → import ----------------------------------------------------------------------------


def test_the_sample_comes_back_whole(sample: Case, sample_book: bytes) -> None:
    back = parse_workbook(sample_book, SOURCE)
    assert back == sample
    assert back.info.consultancy_logo == sample.info.consultancy_logo  # the pictures
    assert back.info.client_logo == sample.info.client_logo


def test_a_german_workbook_comes_back_whole_in_either_language(sample: Case) -> None:
    """Written in German — sheets, headings and choices in German — and read back in German
    and in English: a consultant's German workbook opens in anyone's Leverage."""
    from desktop_app.i18n.choose import use_language

    use_language("de")
    try:
        data = build_workbook(sample, None)
        book = load_workbook(io.BytesIO(data))
        parties = book["Parteien"]
        headings = [cell.value for cell in parties[1]]
        assert "Haltung" in headings and "Stance" not in headings
        column = headings.index("Haltung") + 1
        stances = {parties.cell(row, column).value for row in range(2, parties.max_row + 1)}
        german = {"−2 feindlich", "−1 skeptisch", "0 neutral", "+1 wohlwollend", "+2 unterstützend"}
        assert stances and stances <= german
        assert parse_workbook(data, SOURCE) == sample
    finally:
        use_language("en")
    assert parse_workbook(data, SOURCE) == sample


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(document=case_documents())
def test_generated_cases_come_back_the_same(document: dict[str, typing.Any]) -> None:
    case = document_to_case(document)
    back = parse_workbook(build_workbook(case, None), SOURCE)
    assert case_to_document(back) == case_to_document(case)


def test_the_workbook_carries_exactly_the_interchanged_fields(sample: Case) -> None:
    document = case_to_document(sample)
    rows = {row.path.split("[")[0] for row in CASE_ROWS}
    assert {f"case.{k}" for k in document["case"]} == {r for r in rows if r.startswith("case.")}
    proposal_sheets = {s.field for s in TABLE_SHEETS if s.path[0] == "proposal"}
    proposal_rows = {r.removeprefix("proposal.") for r in rows if r.startswith("proposal.")}
    assert set(document["proposal"]) == proposal_rows | proposal_sheets
    for sheet in TABLE_SHEETS:
        if sheet.shape not in ("list", "nested") or sheet.path[0] == "proposal":
            continue
        items = document[sheet.path[0]]
        if sheet.shape == "nested":
            items = [child for item in items for child in item[sheet.field]]
        keys = {c.key for c in sheet.columns}
        nested = {s.field for s in TABLE_SHEETS if s.path[:1] == sheet.path and len(s.path) > 1}
        for item in items:
            assert set(item) == keys | nested, sheet.title


def test_import_command_creates_the_case(tmp_path: Path, sample: Case, sample_book: bytes) -> None:
    book = tmp_path / "book.xlsx"
    book.write_bytes(sample_book)
    target = tmp_path / "case.leverage"
    assert cli.main(["import", str(book), "-o", str(target)]) == 0
    case = stored_case(target)
    assert case == sample and validate_case(case) == case
    assert target.stat().st_mode & 0o777 == 0o600


# -- refusals ---------------------------------------------------------------------------------


def _cell(book: typing.Any, sheet: str, row: int, header: str) -> typing.Any:
    worksheet = book[sheet]
    for cell in worksheet[1]:
        if cell.value == header:
            return worksheet.cell(row=row, column=cell.column)
    raise AssertionError(header)


def test_a_value_out_of_range_is_named_by_sheet_row_and_column(sample_book: bytes) -> None:
    def edit(book: typing.Any) -> None:
        _cell(book, "Risks", 3, "Probability").value = 1.7

    assert (
        refusal(edited(sample_book, edit))
        == "Risks, row 3, Probability: 1.7 is not between 0 and 1"
    )


def test_refusals_name_their_cells(sample_book: bytes) -> None:
    cases: list[tuple[typing.Callable[[typing.Any], None], str]] = [
        (
            lambda b: setattr(_cell(b, "Scenarios", 2, "Years"), "value", 2.5),
            "Scenarios, row 2, Years: must be a whole number, not 2.5",
        ),
        (
            lambda b: setattr(_cell(b, "Parties", 2, "Side"), "value", "nobody"),
            "Parties, row 2, Side: 'nobody' is not one of 'ours', 'theirs', 'third'",
        ),
        (
            lambda b: setattr(_cell(b, "Risks", 3, "ID"), "value", b["Risks"]["A2"].value),
            "Risks, row 3, ID: the id 'r-recall' is already used by Risks row 2",
        ),
        (
            lambda b: setattr(_cell(b, "Interests", 2, "Party"), "value", "p-nobody"),
            "Interests, row 2, Party: there is no party with the ID 'p-nobody'",
        ),
        (
            lambda b: setattr(b["Risks"].cell(row=1, column=30), "value", "Colour"),
            "Risks, column AD: 'Colour' is not a column of this sheet",
        ),
        (
            lambda b: setattr(b["Risks"].cell(row=4, column=30), "value", "stray"),
            "Risks, row 4, column AD: has a value but no heading saying what it is",
        ),
        (
            lambda b: setattr(_cell(b, "Alternative scores", 2, "Score"), "value", 11),
            "Alternative scores, row 2, Score: 11 is not between 0 and 10",
        ),
    ]
    for edit, expected in cases:
        assert refusal(edited(sample_book, edit)).startswith(expected)


def test_case_sheet_values_are_named_by_their_row(sample_book: bytes) -> None:
    row = 2 + next(i for i, r in enumerate(CASE_ROWS) if r.path == "case.title") + 3

    def edit(book: typing.Any) -> None:
        sheet = book["Case"]
        assert sheet.cell(row=row, column=3).value == "case.title"
        sheet.cell(row=row, column=2).value = None

    assert refusal(edited(sample_book, edit)) == (
        f"Case, row {row}, Value: is required and cannot be empty"
    )


def test_a_newer_or_foreign_workbook_is_refused(sample_book: bytes) -> None:
    def newer(book: typing.Any) -> None:
        book["Case"]["B3"].value = 2

    assert "newer version of Leverage" in refusal(edited(sample_book, newer))
    foreign = Workbook()
    foreign.active["A1"] = "Budget 2027"
    out = io.BytesIO()
    foreign.save(out)
    assert "has no Case sheet" in refusal(out.getvalue())
    assert refusal(b"not a workbook at all") == "is not an Excel workbook (.xlsx)"
    assert "damaged" in refusal(sample_book[: len(sample_book) // 2])


def test_a_refused_import_writes_nothing(
    tmp_path: Path, sample_book: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    def edit(book: typing.Any) -> None:
        _cell(book, "Risks", 3, "Probability").value = 1.7

    book = tmp_path / "book.xlsx"
    book.write_bytes(edited(sample_book, edit))
    assert cli.main(["import", str(book), "-o", str(tmp_path / "case.leverage")]) == 3
    err = capsys.readouterr().err
    assert err == (
        f"leverage import: {book}: Risks, row 3, Probability: 1.7 is not between 0 and 1\n"
    )
    assert listing(tmp_path) == ["book.xlsx"]


# -- what a person types ------------------------------------------------------------------------


def test_a_workbook_typed_by_a_person_reads_as_meant() -> None:
    book = Workbook()
    case_sheet = book.active
    case_sheet.title = "Case"
    case_sheet.append(["Field", "Value", "Key"])
    case_sheet.append(["Title", "Renewal 2027", "case.title"])
    case_sheet.append(["Minimum margin", 0.12, "case.min_margin_pct"])
    case_sheet["B3"].number_format = "0%"
    case_sheet.append(["Prepared on", dt.datetime(2027, 1, 15), "case.prepared_on"])
    parties = book.create_sheet("Parties")
    parties.append(["Name", "Side", "Stance", "Influence"])
    parties.append(["Jane Roe", "Their side", "−1 sceptical", 4])
    parties.append(["Max Muster", "ours", 2, "5"])
    risks = book.create_sheet("risks")
    risks.append(["id", "Risk", "Probability", "Capped", "Impact likely", "Impact high"])
    risks.append([7, "Recall", 0.05, "yes", 100000, 250000])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(InvalidDocument) as refused:
        parse_workbook(out.getvalue(), SOURCE)
    # "Their side" is not a label of ours: the refusal lists what is.
    assert "Parties, row 2, Side: 'Their side' is not one of" in str(refused.value)
    parties["B2"].value = "theirs"
    out = io.BytesIO()
    book.save(out)
    case = parse_workbook(out.getvalue(), SOURCE)
    assert case.info.title == "Renewal 2027"
    assert case.info.min_margin_pct == 12.0
    assert case.info.prepared_on == "2027-01-15"
    assert [(p.name, p.side, p.stance, p.influence) for p in case.parties] == [
        ("Jane Roe", "theirs", -1, 4),
        ("Max Muster", "ours", 2, 5),
    ]
    assert case.parties[0].id != case.parties[1].id  # blank ids are given fresh ones
    risk = case.risks[0]
    assert (risk.id, risk.probability, risk.capped_by_liability) == ("7", 0.05, True)
    assert (risk.impact_low, risk.impact_likely, risk.impact_high) == (0.0, 100000, 250000)
