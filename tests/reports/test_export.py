"""``export_pdf``: paper sizes, metadata, reproducible bytes, the password, atomic writes."""

from __future__ import annotations

import contextlib
import getpass
import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError
from reportlab.lib.pagesizes import A4, LETTER

from desktop_app.analysis import CaseAnalysis
from desktop_app.domain.model import Case
from desktop_app.reports.export import export_pdf, render_pdf
from tests.reports.conftest import pdf_text

EPOCH = "1767225600"  # 2026-01-01 00:00:00 UTC


@pytest.fixture(scope="module")
def epoch_brief(sample: tuple[Case, CaseAnalysis]) -> bytes:
    """The sample's brief under SOURCE_DATE_EPOCH, charts drawn on both processes."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        patch.delenv("LEVERAGE_SERIAL_CHARTS", raising=False)
        return render_pdf(*sample, kind="brief")


def size(data: bytes) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    return float(box.width), float(box.height)


def test_a4_is_the_default_and_letter_is_letter(
    brief_pdf: bytes, proposal_pdf: bytes, sample: tuple[Case, CaseAnalysis]
) -> None:
    assert size(brief_pdf) == pytest.approx(A4, abs=0.01)
    assert size(proposal_pdf) == pytest.approx(A4, abs=0.01)
    letter = render_pdf(*sample, kind="brief", paper="letter")
    assert size(letter) == pytest.approx(LETTER, abs=0.01)
    pages = [p.extract_text() or "" for p in PdfReader(io.BytesIO(letter)).pages]
    assert "Executive summary" in pages[1] and "Still to complete" in pages[1] + pages[2]
    assert size(render_pdf(sample[0], None, kind="proposal", paper="letter")) == pytest.approx(
        LETTER, abs=0.01
    )


def test_metadata_names_the_client_and_the_title_never_the_tool_a_user_or_a_path(
    sample: tuple[Case, CaseAnalysis], out: Path
) -> None:
    case, analysis = sample
    export_pdf(case, analysis, out, kind="proposal")
    data = out.read_bytes()
    meta = PdfReader(io.BytesIO(data)).metadata
    assert meta is not None
    assert meta.title == case.info.title
    # SPEC §11: the proposal is the client's document; the tool is named nowhere (ReportLab
    # would write "ReportLab PDF Library" as the producer).
    assert meta.author == meta.creator == meta.producer == "Kessler Präzisionstechnik GmbH"
    users = {getpass.getuser()}
    with contextlib.suppress(OSError):  # no controlling terminal (CI)
        users.add(os.getlogin())
    values = " ".join(str(v) for v in meta.values())
    for user in users:
        assert user not in values
    assert str(out.parent).encode() not in data
    assert str(Path.home()).encode() not in data
    assert "leverage" not in values.lower() and "reportlab" not in values.lower()


def test_the_brief_metadata_is_clean_too(
    brief_pdf: bytes, sample: tuple[Case, CaseAnalysis]
) -> None:
    meta = PdfReader(io.BytesIO(brief_pdf)).metadata
    assert meta is not None
    assert meta.title == sample[0].info.title
    # The brief is the consultancy's document (SPEC §11), never the tool's.
    assert {meta.author, meta.creator, meta.producer} == {"Northbridge Negotiation Partners"}
    values = " ".join(str(v) for v in meta.values()).lower()
    assert "leverage" not in values and "reportlab" not in values
    assert getpass.getuser() not in " ".join(str(v) for v in meta.values())


@pytest.mark.parametrize("kind", ["brief", "proposal"])
def test_same_case_same_bytes_under_source_date_epoch(
    kind: str,
    sample: tuple[Case, CaseAnalysis],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    epoch_brief: bytes,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    export_pdf(*sample, first, kind=kind)
    export_pdf(*sample, second, kind=kind)
    assert first.read_bytes() == second.read_bytes()
    if kind == "brief":
        assert first.read_bytes() == epoch_brief
    meta = PdfReader(first).metadata
    assert meta is not None and meta.creation_date is not None
    assert meta.creation_date.year == 2026 and meta.creation_date.month == 1


def test_the_chart_route_does_not_change_the_bytes(
    sample: tuple[Case, CaseAnalysis], monkeypatch: pytest.MonkeyPatch, epoch_brief: bytes
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("LEVERAGE_SERIAL_CHARTS", "1")  # every chart drawn in this process
    assert render_pdf(*sample, kind="brief") == epoch_brief


def test_the_childs_last_chart_not_begun_is_drawn_here(
    sample: tuple[Case, CaseAnalysis], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Done with its own charts, this process takes back the child's last one if the child has
    not begun it (it has its first ones still to draw: matplotlib to import as well); the
    brief's bytes do not depend on where a chart is drawn (the test above)."""
    from desktop_app.reports import render
    from desktop_app.reports.brief_charts import CHARTS
    from desktop_app.reports.render import ChartJob, ChartSet

    # The command line's route, whatever threads earlier tests left in this process (the
    # child only draws charts).
    monkeypatch.setattr(render, "can_fork", lambda: True)
    case, analysis = sample
    jobs = [ChartJob(key, function, kwargs, width=7.0) for key, function, kwargs, _ in CHARTS]
    with ChartSet(case, analysis, jobs, here=1) as charts:
        last = jobs[-1].key
        assert last in charts._drawings and last not in charts._futures
        assert len(charts._futures) == len(jobs) - 2  # the rest: the child's
        assert all(charts.drawing(job.key) is not None for job in jobs)


def test_password_encrypts_with_aes_256(sample: tuple[Case, CaseAnalysis], out: Path) -> None:
    case, analysis = sample
    export_pdf(case, analysis, out, kind="proposal", password="s3cret–ß")
    reader = PdfReader(out)
    assert reader.is_encrypted
    encrypt = reader.trailer["/Encrypt"].get_object()
    assert encrypt["/V"] == 5 and encrypt["/R"] == 6  # AES-256
    assert encrypt["/CF"]["/StdCF"]["/CFM"] == "/AESV3"
    with pytest.raises(FileNotDecryptedError):
        _ = reader.pages[0].extract_text()
    wrong = PdfReader(out)
    assert wrong.decrypt("wrong password") == 0
    right = PdfReader(out)
    assert right.decrypt("s3cret–ß") != 0
    text = " ".join(p.extract_text() for p in right.pages)
    assert case.info.counterpart in text
    assert b"Kessler" not in out.read_bytes()  # nothing readable without the password


def test_export_overwrites_atomically_and_leaves_no_temporary_file(
    sample: tuple[Case, CaseAnalysis], tmp_path: Path
) -> None:
    target = tmp_path / "proposal.pdf"
    target.write_bytes(b"old")
    export_pdf(sample[0], None, target, kind="proposal")
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["proposal.pdf"]


def test_an_unwritable_target_raises_and_changes_nothing(
    sample: tuple[Case, CaseAnalysis], tmp_path: Path
) -> None:
    with pytest.raises(OSError):
        export_pdf(sample[0], None, tmp_path / "missing" / "x.pdf", kind="proposal")
    folder = tmp_path / "a-folder.pdf"
    folder.mkdir()
    with pytest.raises(OSError):
        export_pdf(sample[0], None, folder, kind="proposal")
    assert folder.is_dir() and list(folder.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder.pdf"]


def test_bad_options_are_refused(sample: tuple[Case, CaseAnalysis], out: Path) -> None:
    with pytest.raises(ValueError, match="kind"):
        export_pdf(*sample, out, kind="memo")
    with pytest.raises(ValueError, match="paper"):
        export_pdf(*sample, out, paper="a3")
    with pytest.raises(ValueError, match="analysis"):
        export_pdf(sample[0], None, out, kind="brief")
    assert not out.exists()


def test_progress_runs_from_zero_to_one(sample: tuple[Case, CaseAnalysis], out: Path) -> None:
    seen: list[float] = []
    export_pdf(*sample, out, kind="brief", progress=seen.append)
    assert seen and seen[-1] == 1.0
    assert all(0.0 <= f <= 1.0 for f in seen)
    assert seen == sorted(seen)
    assert "Executive summary" in pdf_text(out.read_bytes())


class Stop(Exception):
    pass


@pytest.mark.parametrize("after", [1, 6])
def test_a_progress_callback_can_cancel_and_nothing_is_written(
    after: int, sample: tuple[Case, CaseAnalysis], out: Path
) -> None:
    calls: list[float] = []

    def progress(fraction: float) -> None:
        calls.append(fraction)
        if len(calls) >= after:
            raise Stop

    with pytest.raises(Stop):
        export_pdf(*sample, out, kind="brief", progress=progress)
    assert not out.exists()
    assert list(out.parent.iterdir()) == []


def _child_fails(_job: object) -> object:
    raise RuntimeError("a chart child that fails")


def test_a_failing_chart_child_is_replaced_by_drawing_here(
    sample: tuple[Case, CaseAnalysis], monkeypatch: pytest.MonkeyPatch, epoch_brief: bytes
) -> None:
    from desktop_app.reports import render

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setattr(render, "_draw_in_child", _child_fails)
    assert render_pdf(*sample, kind="brief") == epoch_brief


def test_what_a_killed_export_left_is_cleaned_by_the_next_export_there(
    sample: tuple[Case, CaseAnalysis], tmp_path: Path
) -> None:
    """An export killed between writing its temporary file and moving it into place leaves a
    hidden owner-only file; the next export into that folder removes it (SPEC §6: leftovers
    of a crash are cleaned up later)."""
    import subprocess
    import sys

    from desktop_app.files.publish import temp_path_for

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait(timeout=30)
    mine = temp_path_for(tmp_path / "brief.pdf")
    left = mine.with_name(mine.name.replace(f".{os.getpid()}.", f".{gone.pid}."))
    left.write_bytes(b"%PDF-1.4 half written")
    export_pdf(sample[0], None, tmp_path / "proposal.pdf", kind="proposal")
    assert [p.name for p in tmp_path.iterdir()] == ["proposal.pdf"]
    assert (tmp_path / "proposal.pdf").stat().st_mode & 0o777 == 0o600
