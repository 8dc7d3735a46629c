"""Nothing leaks: no network, PDFs that fetch and link nothing and name no user or folder, new
files and copies readable by their owner only.

Covered elsewhere and not repeated here: the proposal PDF never holds internal figures, over
generated cases (``tests/reports/test_proposal.py::test_generated_proposals_leak_nothing`` and
``::test_no_text_outside_the_allow_list_reaches_the_proposal``); exporting with every socket
and URL opener refused (``tests/reports/test_safety.py::test_exporting_never_opens_a_connection``);
owner-only store files under a wide umask (``tests/store/test_file_identity.py``).
"""

from __future__ import annotations

import contextlib
import getpass
import io
import os
import socket
import sqlite3
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from desktop_app.domain import Case, Party, Term
from desktop_app.store import CaseFile, write_new_case
from desktop_app.store.interchange import dumps
from desktop_app.store.migrations import MIGRATIONS
from tests.reliability.support import run_cli
from tests.store.casefile_support import FIXTURES

HOSTILE = (
    '<img src="http://example.com/x.png"> <a href="http://example.com/track?who=me">open</a> '
    '<img src="file:///etc/hostname"/> <link href="https://example.org/font.css">'
)


# -- the network guard of the whole session (tests/conftest.py) ----------------------------


@pytest.mark.parametrize(
    ("family", "address"), [(socket.AF_INET, ("127.0.0.1", 9)), (socket.AF_INET6, ("::1", 9))]
)
def test_the_session_refuses_every_network_connection(family: int, address: Any) -> None:
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        with pytest.raises(AssertionError, match="network connection"):
            sock.connect(address)
        with pytest.raises(AssertionError, match="network connection"):
            sock.connect_ex(address)
    with (
        socket.socket(family, socket.SOCK_DGRAM) as sock,
        pytest.raises(AssertionError, match="datagram"),
    ):
        sock.sendto(b"x", address)
    with pytest.raises(AssertionError, match="network connection"):
        socket.create_connection(address[:2], timeout=1)
    with pytest.raises(AssertionError, match=r"network connection|look up"):  # a proxy, maybe
        urllib.request.urlopen("http://127.0.0.1:9/", timeout=1)


@pytest.mark.parametrize(
    "lookup", ["getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"]
)
def test_the_session_refuses_name_lookups_that_could_leave_the_machine(lookup: str) -> None:
    function = getattr(socket, lookup)
    args: tuple[Any, ...] = ("example.com", 443) if lookup == "getaddrinfo" else ("example.com",)
    with pytest.raises(AssertionError, match="look up"):
        function(*args)
    if lookup == "gethostbyaddr":
        with pytest.raises(AssertionError, match="look up"):
            function("93.184.215.14")  # a reverse lookup asks the DNS too
    with pytest.raises(AssertionError, match=r"network connection|look up"):
        urllib.request.urlopen("http://example.com/", timeout=1)


def test_local_names_local_sockets_and_child_processes_still_work() -> None:
    assert socket.getaddrinfo("127.0.0.1", 80, type=socket.SOCK_STREAM)
    assert socket.getaddrinfo(None, 80, type=socket.SOCK_STREAM)
    assert socket.gethostbyname("localhost").startswith("127.")
    left, right = socket.socketpair()  # AF_UNIX: what Qt and multiprocessing use
    with left, right:
        left.sendall(b"ping")
        assert right.recv(4) == b"ping"
    done = subprocess.run([sys.executable, "-c", "print('hello')"], capture_output=True)
    assert done.stdout == b"hello\n"


# -- PDFs: fetch nothing, link nowhere, name no user and no folder -------------------------


@pytest.fixture
def hostile_case_file(tmp_path: Path, rich_case: Case) -> Path:
    """The rich case with markup that would fetch or link if it were interpreted, in a
    folder whose name must not end up in a PDF."""
    case = rich_case
    info = replace(case.info, notes=f"{case.info.notes}\n{HOSTILE}", simulation_runs=1_000)
    parties = (*case.parties, Party(id="p-web", name=HOSTILE, side="theirs", notes=HOSTILE))
    scenarios = tuple(
        replace(s, terms=(*s.terms, Term(name="Link", value=HOSTILE, rationale=HOSTILE)))
        if s.role == "our_proposal"
        else s
        for s in case.scenarios
    )
    proposal = replace(case.proposal, statement=f"{case.proposal.statement} {HOSTILE}")
    folder = tmp_path / "Clients" / "Aurelia-confidential"
    folder.mkdir(parents=True)
    path = folder / "deal.leverage"
    write_new_case(
        path, replace(case, info=info, parties=parties, scenarios=scenarios, proposal=proposal)
    )
    return path


def _text(data: bytes) -> str:
    return " ".join(
        " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages).split()
    )


@pytest.mark.parametrize("kind", ["brief", "proposal"])
def test_exported_pdfs_fetch_nothing_link_nowhere_and_name_no_one(
    kind: str, hostile_case_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through ``leverage export`` with the session's network guard on, every chart drawn in
    this process: the markup is printed as text, and nothing is fetched, embedded or linked."""
    monkeypatch.setenv("LEVERAGE_SERIAL_CHARTS", "1")
    out = hostile_case_file.parent / f"{kind}.pdf"
    result = run_cli(["export", str(hostile_case_file), "-o", str(out), "--kind", kind])
    assert result.code == 0, result
    data = out.read_bytes()
    for marker in (b"/URI", b"/Launch", b"/JavaScript", b"/JS ", b"/GoToR", b"/SubmitForm"):
        assert marker not in data, marker
    assert b"/Subtype /Image" not in data and b"/Subtype/Image" not in data
    assert "http://example.com/x.png" in _text(data)  # printed, as the words they are
    # The metadata and the bytes name no user and no folder.
    reader = PdfReader(io.BytesIO(data))
    meta = reader.metadata
    assert meta is not None
    # Whose document it is (SPEC §11): the client's proposal; the consultancy's brief (this
    # case names no consultancy, so its consultant). Never the tool.
    with CaseFile.open(hostile_case_file, read_only=True) as case_file:
        info = case_file.case.info
    owner = info.client if kind == "proposal" else (info.consultancy or info.consultant)
    assert owner and {meta.author, meta.creator, meta.producer} == {owner}
    assert "leverage" not in " ".join(str(v) for v in meta.values()).lower()
    users = {getpass.getuser()}
    with contextlib.suppress(OSError):
        users.add(os.getlogin())
    values = " ".join(str(v) for v in meta.values())
    for user in users:
        assert user not in values, user
    for folder in (hostile_case_file.parent, Path.home(), tmp_path):
        assert os.fsencode(folder) not in data, folder
    assert b"Aurelia-confidential" not in data


# -- owner-only files -----------------------------------------------------------------------


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A umask that would leave every new file readable and writable by everyone if the
    program relied on it."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.mark.usefixtures("open_umask")
def test_every_file_a_command_writes_is_owner_only(tmp_path: Path, rich_case: Case) -> None:
    source = tmp_path / "case.json"
    source.write_text(dumps(rich_case), encoding="utf-8")
    imported = tmp_path / "imported.leverage"
    assert run_cli(["import", str(source), "-o", str(imported)]).code == 0
    sample = tmp_path / "sample.leverage"
    assert run_cli(["sample", "-o", str(sample)]).code == 0
    dumped = tmp_path / "dumped.json"  # the whole confidential case, as text
    assert run_cli(["dump", str(imported), "-o", str(dumped)]).code == 0
    replaced = tmp_path / "replaced.leverage"
    replaced.write_bytes(b"an older, world-readable file")
    replaced.chmod(0o666)
    assert run_cli(["import", str(source), "-o", str(replaced), "--force"]).code == 0
    dumped_again = tmp_path / "dumped-again.json"
    dumped_again.write_text("{}")
    dumped_again.chmod(0o666)
    assert run_cli(["dump", str(imported), "-o", str(dumped_again)]).code == 0
    pdf = tmp_path / "proposal.pdf"  # the brief takes the same way, and takes longer
    assert run_cli(["export", str(imported), "-o", str(pdf), "--kind", "proposal"]).code == 0
    for path in (imported, sample, dumped, replaced, dumped_again, pdf):
        assert _mode(path) == 0o600, (path.name, oct(_mode(path)))


@pytest.mark.usefixtures("open_umask")
def test_copies_and_backups_are_owner_only(tmp_path: Path, rich_case: Case) -> None:
    case_path = tmp_path / "deal.leverage"
    write_new_case(case_path, rich_case)
    copy = tmp_path / "copy.leverage"
    with CaseFile.open(case_path) as case_file:
        case_file.save_copy_as(copy)
    assert _mode(case_path) == 0o600 and _mode(copy) == 0o600
    # Opening a file of an older schema backs it up before migrating: the backup too.
    old = tmp_path / "old.leverage"
    old.write_bytes((FIXTURES / "schema-v1.leverage").read_bytes())
    old.chmod(0o600)

    def step_2(db: Any) -> None:
        db.execute("CREATE TABLE later (x)")

    with CaseFile.open(old, migrations=(*MIGRATIONS, ("0002_later", step_2))):
        pass
    backup = old.with_name("old.leverage.v1-backup")
    assert _mode(backup) == 0o600
    conn = sqlite3.connect(backup.absolute().as_uri() + "?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    finally:
        conn.close()


def test_the_apps_own_sample_copy_is_owner_only(tmp_path: Path) -> None:
    """``leverage`` without a case opens a copy of the sample it writes in its data folder."""
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    done = subprocess.run(
        ["sh", "-c", 'umask 000 && exec "$0" -m desktop_app --quit-after-load', sys.executable],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    copies = list((tmp_path / "data").rglob("*.leverage"))
    assert len(copies) == 1
    assert _mode(copies[0]) == 0o600
