"""``export`` chooses what to write from ``--kind`` and the output's suffix (.xlsx → the
workbook, .docx → Word, anything else → PDF), and refuses what does not fit; ``import`` reads a
workbook as readily as JSON."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from desktop_app import cli
from desktop_app.store import write_new_case
from desktop_app.store.sample import sample_case


@pytest.fixture(scope="module")
def case_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "sample.leverage"
    write_new_case(path, sample_case())
    return path


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("out.xlsx", None, ("workbook", "xlsx")),
        ("out.XLSX", "workbook", ("workbook", "xlsx")),
        ("out.docx", None, ("brief", "docx")),
        ("out.docx", "proposal", ("proposal", "docx")),
        ("out.pdf", None, ("brief", "pdf")),
        ("out.pdf", "proposal", ("proposal", "pdf")),
        ("out", None, ("brief", "pdf")),
    ],
)
def test_the_kind_and_format_follow_the_suffix(
    name: str, kind: str | None, expected: tuple[str, str]
) -> None:
    assert cli.export_plan(Path(name), kind, None) == expected


@pytest.mark.parametrize(
    ("name", "kind", "password", "words"),
    [
        ("out.pdf", "workbook", None, "the workbook is an Excel file"),
        ("out.xlsx", "brief", None, "an .xlsx is the workbook"),
        ("out.docx", "brief", "pw", "--password protects PDFs only"),
        ("out.xlsx", None, "pw", "--password protects PDFs only"),
    ],
)
def test_what_does_not_fit_is_a_usage_error(
    name: str,
    kind: str | None,
    password: str | None,
    words: str,
    case_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["export", str(case_file), "-o", str(tmp_path / name)]
    argv += ["--kind", kind] if kind else []
    argv += ["--password", password] if password else []
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert words in err and len(err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_workbook_export_then_import(
    case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "case.xlsx"
    assert cli.main(["export", str(case_file), "-o", str(book)]) == 0
    assert capsys.readouterr().out == f"Wrote the workbook to {book}\n"
    assert zipfile.is_zipfile(book)
    target = tmp_path / "back.leverage"
    assert cli.main(["import", str(book), "-o", str(target)]) == 0
    assert capsys.readouterr().out.startswith(
        f"Created {target} from {book}: 8 parties, 7 alternatives"
    )
    assert cli.main(["import", str(book), "-o", str(target)]) == 4  # exists, no --force
    assert cli.main(["import", str(book), "-o", str(target), "--force"]) == 0


def test_a_workbook_without_its_suffix_is_recognised_by_its_bytes(
    case_file: Path, tmp_path: Path
) -> None:
    book = tmp_path / "case.xlsx"
    assert cli.main(["export", str(case_file), "-o", str(book)]) == 0
    renamed = book.rename(tmp_path / "case.data")
    assert cli.main(["import", str(renamed), "-o", str(tmp_path / "c.leverage")]) == 0
