"""Hostile and non-Latin text prints literally, and exporting never opens a connection."""

from __future__ import annotations

import dataclasses
import io
import re
import socket
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from desktop_app.analysis import analyze_case
from desktop_app.domain.model import Case, Party
from desktop_app.reports import styles
from desktop_app.reports.export import export_pdf, render_pdf
from desktop_app.store.sample import sample_case
from tests.reports.conftest import pdf_text, quick

HOSTILE = {
    "bold": "<b>not bold</b>",
    "amp": "Fish & Chips &amp; more",
    "img": '<img src="http://example.com/x.png"/>',
    "link": '<a href="http://example.com/">click</a>',
    "font": "<font name='Courier' color='red'>loud</font>",
    "entity": "&lt;escaped&gt; &#169;",
}
SCRIPTS = {
    "greek": "Ελληνική Εταιρεία Ανταλλακτικών",
    "cyrillic": "Русская Сборочная Компания",
    "polish": "Zażółć gęślą jaźń — Łódź",
    "japanese": "日本語の部品メーカー株式会社",
}
LITERAL = (*HOSTILE.values(), *SCRIPTS.values())


def flat(text: str) -> str:
    return " ".join(text.split())


def hostile_case() -> Case:
    """The sample with markup and four scripts in names, notes, terms and the statement."""
    case = quick(sample_case())
    words = [*HOSTILE.values(), *SCRIPTS.values()]
    info = dataclasses.replace(
        case.info,
        title=f"{SCRIPTS['greek']} {HOSTILE['bold']}",
        client=SCRIPTS["polish"],
        counterpart=SCRIPTS["cyrillic"],
        subject=HOSTILE["img"],
        notes="\n".join(words) + "\nhttp://example.com/notes.png file:///etc/passwd",
    )
    parties = (
        *case.parties,
        Party(id="p-x1", name=HOSTILE["link"], side="theirs", notes=HOSTILE["font"]),
        Party(id="p-x2", name=SCRIPTS["japanese"], side="third", role=HOSTILE["entity"]),
    )
    alternatives = tuple(
        dataclasses.replace(a, name=f"{a.name} {HOSTILE['amp']}", pros=(*a.pros, HOSTILE["img"]))
        if i == 0
        else a
        for i, a in enumerate(case.alternatives)
    )
    scenarios = []
    for s in case.scenarios:
        if s.role == "our_proposal":
            terms = (
                *s.terms,
                dataclasses.replace(s.terms[0], name=HOSTILE["bold"], value=HOSTILE["link"]),
                dataclasses.replace(
                    s.terms[0], name=SCRIPTS["greek"], rationale=SCRIPTS["japanese"]
                ),
            )
            s = dataclasses.replace(s, terms=terms)
        scenarios.append(s)
    proposal = dataclasses.replace(
        case.proposal, statement=f"{case.proposal.statement} {HOSTILE['img']} {SCRIPTS['polish']}"
    )
    return dataclasses.replace(
        case,
        info=info,
        parties=parties,
        alternatives=alternatives,
        scenarios=tuple(scenarios),
        proposal=proposal,
    )


@pytest.fixture(scope="module")
def hostile() -> tuple[Case, Any, bytes, bytes]:
    case = hostile_case()
    analysis = analyze_case(case)
    return (
        case,
        analysis,
        render_pdf(case, analysis, kind="brief"),
        render_pdf(case, analysis, kind="proposal"),
    )


def test_markup_and_scripts_print_literally_in_the_brief(
    hostile: tuple[Case, Any, bytes, bytes],
) -> None:
    text = flat(pdf_text(hostile[2]))
    for words in LITERAL:
        assert flat(words) in text, words
    assert hostile[0].alternatives[0].name in text


def test_markup_and_scripts_print_literally_in_the_proposal(
    hostile: tuple[Case, Any, bytes, bytes],
) -> None:
    text = flat(pdf_text(hostile[3]))
    for words in (HOSTILE["bold"], HOSTILE["link"], HOSTILE["img"], *SCRIPTS.values()):
        assert flat(words) in text, words  # Japanese too: the bundled CJK font prints it


def _page_images(data: bytes) -> list[tuple[int, int, int]]:
    """(page number, width, height) of every picture the pages draw."""
    from pypdf import PdfReader

    found = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages, start=1):
        xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
        for item in xobjects.values():
            obj = item.get_object()
            if obj.get("/Subtype") == "/Image":
                found.append((number, int(obj["/Width"]), int(obj["/Height"])))
    return found


def test_no_image_and_no_link_is_ever_made(hostile: tuple[Case, Any, bytes, bytes]) -> None:
    for data in hostile[2:]:
        # One picture each: the letterhead's logo (the consultancy's on the brief, the client's
        # on the proposal, whose transparency is a soft mask of its own); an <img> in a text
        # never becomes one.
        assert len(_page_images(data)) == 1
        assert len(re.findall(rb"/Subtype\s*/Image", data)) == 1 + data.count(b"/SMask")
        assert b"/URI" not in data
        assert b"example.com" not in data.replace(b" ", b"")  # not as an action, not raw


def test_japanese_does_not_crash_and_fonts_stay_embedded(
    hostile: tuple[Case, Any, bytes, bytes],
) -> None:
    for data in hostile[2:]:
        assert data.startswith(b"%PDF-") and b"/FontFile2" in data
        assert b"/Helvetica" not in data


def test_text_helpers_escape_and_normalise() -> None:
    assert styles.text("<b>&") == "&lt;b&gt;&amp;"
    assert styles.text("a\nb") == "a<br/>b"
    assert styles.text("e\u0301") == "é"  # NFC
    assert styles.clean("a\x00b\x1fc\td") == "abc    d"
    assert styles.text("x" * 50, 10) == "x" * 9 + "…"
    assert styles.paragraphs("one\ntwo\n\n\nthree & four") == ["one<br/>two", "three &amp; four"]


def _refuse(*args: Any, **_kwargs: Any) -> Any:
    raise AssertionError(f"a connection was attempted: {args!r}")


def test_exporting_never_opens_a_connection(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, hostile: tuple[Case, Any, bytes, bytes]
) -> None:
    case, analysis = hostile[0], hostile[1]
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)
    monkeypatch.setattr(urllib.request, "urlopen", _refuse)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", _refuse)
    monkeypatch.setenv("LEVERAGE_SERIAL_CHARTS", "1")  # keep every chart in this process
    export_pdf(case, analysis, tmp_path / "brief.pdf", kind="brief")
    export_pdf(case, analysis, tmp_path / "proposal.pdf", kind="proposal")
    assert (tmp_path / "brief.pdf").stat().st_size > 10_000
    assert (tmp_path / "proposal.pdf").stat().st_size > 5_000


def test_reportlab_trusts_no_host_and_no_scheme() -> None:
    from reportlab import rl_config
    from reportlab.lib.utils import open_for_read

    styles.setup()
    assert not rl_config.trustedHosts
    assert not rl_config.trustedSchemes
    with pytest.raises(OSError):
        open_for_read("http://example.com/x.png")
