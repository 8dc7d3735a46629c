"""Linux desktop integration: the .desktop entry, the MIME type (checked against a real case
file) and the per-user install script, run in a throwaway home."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import stat
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop_app.store import write_new_case
from desktop_app.store.header import APPLICATION_ID
from desktop_app.store.sample import sample_case

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / "leverage.desktop"
MIME_XML = PACKAGING / "leverage-mime.xml"
INSTALL = PACKAGING / "install-linux.sh"
MIME_TYPE = "application/x-leverage-case"
NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}


def desktop_entry(path: Path = DESKTOP) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def unescape_magic(value: str) -> bytes:
    """A shared-mime-info string value as bytes (C escapes: \\ooo octal, \\xHH, \\n…)."""
    out = bytearray()
    i = 0
    while i < len(value):
        char = value[i]
        if char != "\\":
            out += char.encode("utf-8")
            i += 1
            continue
        octal = re.match(r"[0-7]{1,3}", value[i + 1 :])
        hexa = re.match(r"x([0-9A-Fa-f]{2})", value[i + 1 :])
        if octal:
            out.append(int(octal.group(), 8))
            i += 1 + len(octal.group())
        elif hexa:
            out.append(int(hexa.group(1), 16))
            i += 3
        else:
            out += {"n": b"\n", "t": b"\t", "r": b"\r"}.get(value[i + 1], value[i + 1].encode())
            i += 2
    return bytes(out)


@pytest.fixture(scope="module")
def case_header(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("case") / "real.leverage"
    write_new_case(path, sample_case())
    return path.read_bytes()[:100]


# -- the .desktop entry -------------------------------------------------------------------------


def test_desktop_entry_has_the_required_keys() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Leverage"
    assert entry["Icon"] == "leverage"
    assert entry["Terminal"] == "false"
    assert re.fullmatch(r"\S*leverage %f", entry["Exec"]), "Exec opens one file: %f"
    assert MIME_TYPE in entry["MimeType"].split(";")
    assert entry["MimeType"].endswith(";")
    assert "Office" in entry["Categories"].split(";")
    assert entry["Comment"]


# -- the MIME type ------------------------------------------------------------------------------


def mime_type() -> ET.Element:
    root = ET.parse(MIME_XML).getroot()
    assert root.tag == f"{{{NS['m']}}}mime-info"
    found = root.findall("m:mime-type", NS)
    assert [t.get("type") for t in found] == [MIME_TYPE]
    return found[0]


def test_mime_type_declares_the_glob() -> None:
    globs = [g.get("pattern") for g in mime_type().findall("m:glob", NS)]
    assert globs == ["*.leverage"]


def test_magic_is_the_sqlite_header_and_the_application_id(case_header: bytes) -> None:
    magic = mime_type().findall("m:magic", NS)
    assert len(magic) == 1
    assert int(magic[0].get("priority", "50")) > 50, "must beat the generic SQLite rule"
    (outer,) = magic[0].findall("m:match", NS)
    assert (outer.get("type"), outer.get("offset")) == ("string", "0")
    sqlite = unescape_magic(outer.get("value", ""))
    assert sqlite == b"SQLite format 3\x00"
    (inner,) = outer.findall("m:match", NS)  # nested: both must match
    assert (inner.get("type"), inner.get("offset")) == ("big32", "68")
    app_id = int(inner.get("value", ""), 16)
    assert app_id == 0x4C455647 == APPLICATION_ID
    # ...and a real case file, written by the store, matches both.
    assert case_header[0:16] == sqlite
    assert case_header[68:72] == app_id.to_bytes(4, "big") == b"LEVG"


def test_mime_type_is_an_sqlite_database_with_a_comment() -> None:
    element = mime_type()
    assert element.find("m:comment", NS) is not None
    parents = [e.get("type") for e in element.findall("m:sub-class-of", NS)]
    assert parents == ["application/vnd.sqlite3"]


# -- the install script -------------------------------------------------------------------------


def fake_program(folder: Path) -> Path:
    """A program folder shaped like dist/Leverage, with a stub instead of the frozen binary."""
    program = folder / "Leverage"
    program.mkdir(parents=True)
    exe = program / "leverage"
    exe.write_text("#!/bin/sh\necho leverage stub\n", encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    shutil.copytree(ROOT / "resources" / "icons", program / "_internal" / "resources" / "icons")
    return program


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_install_script_registers_and_uninstalls_for_the_user(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    program = fake_program(tmp_path / "a dir with spaces")
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    subprocess.run(
        ["bash", str(INSTALL), "--in-place", str(program)],
        env=env,
        check=True,
        timeout=60,
        capture_output=True,
    )
    share = home / ".local" / "share"
    entry = desktop_entry(share / "applications" / "leverage.desktop")
    assert entry["Exec"] == f'"{program}/leverage" %f'
    assert entry["MimeType"] == desktop_entry()["MimeType"]
    assert (share / "mime" / "packages" / "leverage-mime.xml").read_bytes() == MIME_XML.read_bytes()
    for size in (16, 32, 48, 256, 512):
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "leverage.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "leverage.svg").is_file()
    link = home / ".local" / "bin" / "leverage"
    assert link.resolve() == (program / "leverage").resolve()

    subprocess.run(
        ["bash", str(INSTALL), "--uninstall"],
        env=env,
        check=True,
        timeout=60,
        capture_output=True,
    )
    assert not (share / "applications" / "leverage.desktop").exists()
    assert not (share / "mime" / "packages" / "leverage-mime.xml").exists()
    assert not list((share / "icons").rglob("leverage.*"))
    assert not link.exists() and not link.is_symlink()
    assert (program / "leverage").is_file(), "an in-place program is never deleted"


def test_install_script_refuses_a_folder_without_the_program(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    done = subprocess.run(
        ["bash", str(INSTALL), str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "no Leverage program there" in done.stderr
    assert not (tmp_path / ".local").exists()
