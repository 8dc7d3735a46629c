"""Smoke check of the frozen program, run the way a user runs it, with nothing of ours around.

    python packaging/smoke_check.py [dist/Leverage]        (`make package-check` runs it)

The program folder is first copied to a temporary folder whose name holds a space (proof that
it needs neither the source tree nor a venv, nor a tidy path). Every command then runs from
another temporary folder with a clean environment, as
``env -i HOME=$tmp PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen``, and its exit code and output
are checked: --version, sample, analyze (text and JSON), dump → import, export of the team
brief and the proposal (plain, encrypted, reproducible), the brief as Word and the case as a
workbook read back by ``import``, the GUI with --quit-after-load on a
case and on the built-in sample, the refusal without a display and of a file that is not a
case. Before that, the folder's layout: the Qt platform plugins (offscreen and the desktop
ones), the sample case, the icons, matplotlib's fonts, the licences' metadata, no unused Qt
module, and on Linux every shared library's dependencies resolved.

Exit status 0 when every check passes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from desktop_app import __version__  # noqa: E402

TIMEOUT = 300  # seconds for one run; the GUI's first start builds matplotlib's font cache
IS_WIN = sys.platform == "win32"
IS_LINUX = sys.platform.startswith("linux")
SQLITE_MAGIC = b"SQLite format 3\x00"
APPLICATION_ID = b"LEVG"  # 0x4C455647, big-endian at offset 68
#: Qt libraries that must not be in the build (the app uses QtCore, QtGui, QtWidgets only).
UNWANTED_QT = (
    "Qt6Quick",
    "Qt6Qml",
    "Qt6WebEngine",
    "Qt6Pdf",
    "Qt6Network",
    "Qt63D",
    "Qt6Multimedia",
)


class CheckFailed(Exception):
    pass


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float


@dataclass
class Context:
    app: Path
    work: Path
    home: Path
    notes: list[str] = field(default_factory=list)

    @property
    def internal(self) -> Path:
        return self.app / "_internal"

    def program(self, *, gui: bool) -> Path:
        if IS_WIN:
            return self.app / ("leverage.exe" if gui else "leverage-cli.exe")
        return self.app / "leverage"

    def env(self, **extra: str) -> dict[str, str]:
        env = {"HOME": str(self.home), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
        if IS_WIN:  # Windows cannot start a program without these
            for name in ("SYSTEMROOT", "WINDIR", "TEMP", "TMP"):
                if name in os.environ:
                    env[name] = os.environ[name]
            env["USERPROFILE"] = str(self.home)
        env.update(extra)
        return {k: v for k, v in env.items() if v != ""}

    def run(
        self, *args: str, gui: bool = False, env: dict[str, str] | None = None, expect: int = 0
    ) -> Run:
        started = time.monotonic()
        try:
            done = subprocess.run(
                [str(self.program(gui=gui)), *args],
                cwd=self.work,
                env=env if env is not None else self.env(),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise CheckFailed(f"leverage {' '.join(args)}: no exit after {TIMEOUT} s") from None
        result = Run(
            done.returncode,
            done.stdout.decode("utf-8", "replace"),
            done.stderr.decode("utf-8", "replace"),
            time.monotonic() - started,
        )
        if result.code != expect:
            raise CheckFailed(
                f"leverage {' '.join(args)}: exit {result.code}, expected {expect}\n"
                f"--- stdout\n{result.stdout[-2000:]}\n--- stderr\n{result.stderr[-2000:]}"
            )
        return result


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


# -- the folder ----------------------------------------------------------------------------------


def check_layout(ctx: Context) -> str:
    expect(ctx.program(gui=True).is_file(), "no program in the folder")
    expect(os.access(ctx.program(gui=True), os.X_OK), "the program is not executable")
    resources = ctx.internal / "resources"
    expect((resources / "sample_case.json").is_file(), "resources/sample_case.json is missing")
    for size in (16, 32, 256):
        expect((resources / "icons" / f"leverage-{size}.png").is_file(), f"icon {size} missing")
    # PySide6/Qt/plugins/platforms on Linux and macOS, PySide6/plugins/platforms on Windows
    folders = [p for p in ctx.internal.rglob("platforms") if p.parent.name == "plugins"]
    names = {p.name for folder in folders for p in folder.iterdir()}
    wanted = ["offscreen"] + (["xcb", "wayland"] if IS_LINUX else ["windows"] if IS_WIN else [])
    for plugin in wanted:
        expect(any(plugin in n for n in names), f"the Qt platform plugin {plugin!r} is missing")
    fonts = ctx.internal / "matplotlib" / "mpl-data" / "fonts" / "ttf"
    expect((fonts / "DejaVuSans.ttf").is_file(), "matplotlib's DejaVu fonts are missing")
    expect((fonts / "LICENSE_DEJAVU").is_file(), "the DejaVu fonts' licence is missing")
    bundled = ctx.internal / "desktop_app" / "files" / "fonts"
    for name in (
        "NotoSansArabic-Regular.ttf",
        "NotoSansHebrew-Regular.ttf",
        "LeverageCJK-Regular.ttf",
    ):
        expect((bundled / name).is_file(), f"the bundled font {name} is missing")
    expect((bundled / "OFL.txt").is_file(), "the bundled fonts' licence (OFL.txt) is missing")
    template = ctx.internal / "docx" / "templates" / "default.docx"
    expect(template.is_file(), "python-docx's template (docx/templates/default.docx) is missing")
    header = ctx.internal / "docx" / "parts" / ".." / "templates" / "default-header.xml"
    expect(header.is_file(), "python-docx cannot reach docx/parts/../templates/")
    for dist in (
        "pyside6_essentials",
        "reportlab",
        "matplotlib",
        "numpy",
        "svglib",
        "pypdf",
        "python_docx",
        "openpyxl",
    ):
        expect(
            any(ctx.internal.glob(f"{dist}-*.dist-info")),
            f"the metadata of {dist} (its licence, for the About box) is missing",
        )
    unwanted = sorted(
        {p.name for p in ctx.internal.rglob("*") if any(q in p.name for q in UNWANTED_QT)}
    )
    expect(not unwanted, f"unused Qt modules were bundled: {', '.join(unwanted)}")
    translations = list(ctx.internal.rglob("*.qm"))
    expect(not translations, f"{len(translations)} Qt translation files were bundled")
    return f"{len(names)} platform plugins: {', '.join(sorted(names))}"


#: Libraries PyInstaller deliberately leaves to the system (they must match its graphics
#: stack); a machine without Wayland or GL may lack them, and the plugins needing them idle.
SYSTEM_PROVIDED = re.compile(r"^lib(wayland-[a-z]+|EGL|GL|GLX|OpenGL|vulkan|drm|gbm)\.so")


def check_libraries(ctx: Context) -> str:
    """Linux: every ELF file's dependencies resolve, from the bundle or the system."""
    if not IS_LINUX or shutil.which("ldd") is None:
        return "skipped (not Linux or no ldd)"
    missing: dict[str, set[str]] = {}
    left_to_system: set[str] = set()
    count = 0
    for path in sorted(ctx.internal.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        with open(path, "rb") as handle:
            if handle.read(4) != b"\x7fELF":
                continue
        count += 1
        done = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=False)
        for line in done.stdout.splitlines():
            if "not found" not in line:
                continue
            name = line.split()[0]
            if SYSTEM_PROVIDED.match(name):
                left_to_system.add(name)
            else:
                missing.setdefault(str(path.relative_to(ctx.app)), set()).add(name)
    if left_to_system:
        ctx.notes.append(
            "left to the system by design, and not installed on this machine: "
            + ", ".join(sorted(left_to_system))
        )
    expect(
        not missing,
        "unresolved libraries: "
        + "; ".join(f"{name} needs {', '.join(sorted(libs))}" for name, libs in missing.items()),
    )
    return f"{count} ELF files; every bundled dependency resolves"


# -- headless commands -----------------------------------------------------------------------


def check_version(ctx: Context) -> str:
    run = ctx.run("--version")
    expect(run.stdout.strip() == f"leverage {__version__}", f"--version said {run.stdout!r}")
    return run.stdout.strip()


def check_sample(ctx: Context) -> str:
    ctx.run("sample", "-o", "case.leverage")
    header = (ctx.work / "case.leverage").read_bytes()[:100]
    expect(header[:16] == SQLITE_MAGIC, "the case does not start with the SQLite header")
    expect(header[68:72] == APPLICATION_ID, "the case lacks the LEVG application id")
    return "case.leverage: SQLite header and application id LEVG"


def check_analyze(ctx: Context) -> str:
    text = ctx.run("analyze", "case.leverage")
    for heading in ("VERDICT", "SCENARIOS", "INTELLIGENCE TO GATHER"):
        expect(heading in text.stdout, f"analyze printed no {heading}")
    data = json.loads(ctx.run("analyze", "case.leverage", "--json").stdout)
    expect(data.get("format") is not None and "zopa" in data, "analyze --json lacks the ZOPA")
    return f"text {len(text.stdout.splitlines())} lines, JSON keys {len(data)}"


def check_german(ctx: Context) -> str:
    """The German catalogue and Babel's German data are in the folder (SPEC §12)."""
    run = ctx.run("sample", "-o", "german.leverage", env=ctx.env(LEVERAGE_LANG="de"))
    expect(run.stdout.startswith("Beispielfall nach "), f"sample in German said {run.stdout!r}")
    text = ctx.run("--lang", "de", "analyze", "german.leverage").stdout
    expect("60.000" in text, "analyze --lang de wrote no German number (60.000)")
    return "sample and analyze in German (catalogue and CLDR data bundled)"


def check_roundtrip(ctx: Context) -> str:
    ctx.run("dump", "case.leverage", "-o", "case.json")
    ctx.run("import", "case.json", "-o", "copy.leverage")
    ctx.run("dump", "copy.leverage", "-o", "copy.json")
    first = (ctx.work / "case.json").read_text(encoding="utf-8")
    expect(first == (ctx.work / "copy.json").read_text(encoding="utf-8"), "dump ≠ dump(import)")
    return f"dump → import → dump identical ({len(first):,} characters)"


def _pdf(ctx: Context, name: str) -> bytes:
    data = (ctx.work / name).read_bytes()
    expect(data.startswith(b"%PDF-"), f"{name} is not a PDF")
    return data


def check_brief(ctx: Context) -> str:
    run = ctx.run("export", "case.leverage", "-o", "brief.pdf")
    data = _pdf(ctx, "brief.pdf")
    expect(b"DejaVu" in data, "the brief embeds no DejaVu font")
    pages = data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type /Page/")
    return f"brief.pdf {len(data) / 1024:.0f} KiB, {pages or '?'} pages, {run.seconds:.1f} s"


def check_proposal(ctx: Context) -> str:
    ctx.run("export", "case.leverage", "-o", "proposal.pdf", "--kind", "proposal")
    plain = _pdf(ctx, "proposal.pdf")
    ctx.run("export", "case.leverage", "-o", "locked.pdf", "--kind", "proposal", "--password", "pw")
    locked = _pdf(ctx, "locked.pdf")
    expect(b"/Encrypt" in locked, "the password-protected proposal is not encrypted")
    expect(b"/AESV3" in locked, "the proposal is not encrypted with AES-256")
    return f"proposal.pdf {len(plain) / 1024:.0f} KiB; with a password: AES-256"


def check_reproducible(ctx: Context) -> str:
    env = ctx.env(SOURCE_DATE_EPOCH="1700000000")
    ctx.run("export", "case.leverage", "-o", "r1.pdf", env=env)
    ctx.run("export", "case.leverage", "-o", "r2.pdf", env=env)
    same = (ctx.work / "r1.pdf").read_bytes() == (ctx.work / "r2.pdf").read_bytes()
    expect(same, "two exports with SOURCE_DATE_EPOCH differ")
    return "two exports with SOURCE_DATE_EPOCH are byte-identical"


def check_word(ctx: Context) -> str:
    """The brief as Word: a .docx (a ZIP) with its document, header and footer parts and the
    charts as pictures."""
    import zipfile

    run = ctx.run("export", "case.leverage", "-o", "brief.docx")
    path = ctx.work / "brief.docx"
    expect(zipfile.is_zipfile(path), "brief.docx is not a Word document (ZIP)")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        document = archive.read("word/document.xml")
    expect(b"Executive summary" in document, "brief.docx lacks the executive summary")
    pictures = [n for n in names if n.startswith("word/media/")]
    expect(len(pictures) >= 7, f"brief.docx has {len(pictures)} pictures, not the 7 charts")
    footers = [n for n in names if n.startswith("word/footer")]
    expect(bool(footers), "brief.docx has no footer (page numbers)")
    size = path.stat().st_size / 1024
    return f"brief.docx {size:.0f} KiB, {len(pictures)} pictures, {run.seconds:.1f} s"


def check_workbook(ctx: Context) -> str:
    """The case as a workbook, and the workbook imported back into a case equal to it."""
    import zipfile

    run = ctx.run("export", "case.leverage", "-o", "case.xlsx")
    path = ctx.work / "case.xlsx"
    expect(zipfile.is_zipfile(path), "case.xlsx is not an Excel workbook (ZIP)")
    ctx.run("import", "case.xlsx", "-o", "from-workbook.leverage")
    ctx.run("dump", "from-workbook.leverage", "-o", "from-workbook.json")
    ctx.run("dump", "case.leverage", "-o", "case-again.json")
    same = (ctx.work / "from-workbook.json").read_bytes() == (
        ctx.work / "case-again.json"
    ).read_bytes()
    expect(same, "export → import of the workbook changed the case")
    size = path.stat().st_size / 1024
    return f"case.xlsx {size:.0f} KiB, {run.seconds:.1f} s; import gives the same case"


def check_refusal(ctx: Context) -> str:
    (ctx.work / "not-a-case.leverage").write_text("hello\n", encoding="utf-8")
    run = ctx.run("analyze", "not-a-case.leverage", expect=3)
    expect(len(run.stderr.strip().splitlines()) == 1, f"not one line: {run.stderr!r}")
    return run.stderr.strip()


# -- the GUI -----------------------------------------------------------------------------------


def check_gui_case(ctx: Context) -> str:
    run = ctx.run("case.leverage", "--quit-after-load", "--timings", gui=True)
    timings = dict(
        line.split("=", 1) for line in run.stderr.splitlines() if line.endswith(tuple("0123456789"))
    )
    expect("loaded_ms" in timings, f"no loaded_ms in {run.stderr!r}")
    return (
        f"first paint {timings.get('first_paint_ms')} ms, everything drawn "
        f"{timings['loaded_ms']} ms (wall {run.seconds:.1f} s)"
    )


def check_gui_sample(ctx: Context) -> str:
    run = ctx.run("--quit-after-load", gui=True)
    copies = list(ctx.home.rglob("Sample negotiation.leverage"))
    expect(bool(copies), "the GUI made no copy of the built-in sample")
    return f"opened the built-in sample ({copies[0].relative_to(ctx.home)}), {run.seconds:.1f} s"


def check_no_display(ctx: Context) -> str:
    if not IS_LINUX:
        return "skipped (Linux only)"
    env = ctx.env()
    env.pop("QT_QPA_PLATFORM")
    run = ctx.run("case.leverage", gui=True, env=env, expect=2)
    expect("no display" in run.stderr, f"unexpected message {run.stderr!r}")
    return "exit 2: " + run.stderr.strip()[:60] + "…"


CHECKS: Sequence[tuple[str, Callable[[Context], str]]] = (
    ("layout", check_layout),
    ("libraries", check_libraries),
    ("--version", check_version),
    ("sample -o", check_sample),
    ("analyze", check_analyze),
    ("German", check_german),
    ("dump/import", check_roundtrip),
    ("export brief", check_brief),
    ("export proposal", check_proposal),
    ("reproducible PDF", check_reproducible),
    ("export Word", check_word),
    ("workbook out and in", check_workbook),
    ("refuses a non-case", check_refusal),
    ("GUI --quit-after-load", check_gui_case),
    ("GUI on the sample", check_gui_sample),
    ("no display", check_no_display),
)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    source = Path(args[0]) if args else ROOT / "dist" / "Leverage"
    if not source.is_dir():
        print(f"smoke check: {source}: no such folder (run make package)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="leverage-smoke-") as temp:
        base = Path(temp)
        app = base / "installed copy" / "Leverage"
        shutil.copytree(source, app, symlinks=True)
        work, home = base / "work", base / "home"
        work.mkdir()
        home.mkdir()
        ctx = Context(app=app, work=work, home=home)
        print(f"smoke check of {source} (copied to {app})")
        failures = 0
        for name, check in CHECKS:
            started = time.monotonic()
            try:
                detail = check(ctx)
            except (CheckFailed, OSError, ValueError) as error:
                failures += 1
                print(f"  FAIL  {name}: {error}")
                continue
            print(f"  ok    {name:<22} {detail}  [{time.monotonic() - started:.1f} s]")
        for note in ctx.notes:
            print(f"  note: {note}")
    passed = len(CHECKS) - failures
    print(f"smoke check: {passed} of {len(CHECKS)} checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
