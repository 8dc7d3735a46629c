"""Build the one-folder Leverage program with PyInstaller: ``dist/Leverage/``.

    python packaging/build.py             # build (incremental: PyInstaller's cache in build/)
    python packaging/build.py --clean     # build from scratch
    python packaging/build.py --if-stale  # build only when an input changed since the last build

Run it with the project's venv (``make package`` does, after installing the ``packaging``
extra). The same script builds on Windows and macOS (packaging/README.md).

Inputs that decide "stale": the package's sources, resources/, packaging/ (the spec, hooks,
this script), pyproject.toml and the exact versions of the installed distributions. Their
fingerprint is written to ``build/package-fingerprint.txt`` after a successful build.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "leverage.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
FINGERPRINT = ROOT / "build" / "package-fingerprint.txt"
APP_DIR = DIST / "Leverage"
INPUT_DIRS = ("desktop_app", "resources", "packaging")
#: Shipped beside the Linux program, so an unpacked dist/Leverage installs itself.
LINUX_EXTRAS = ("leverage.desktop", "leverage-mime.xml", "install-linux.sh")
SKIPPED_PARTS = {"__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache"}


def executable() -> Path:
    """The frozen program inside ``dist/Leverage``."""
    return APP_DIR / ("leverage.exe" if sys.platform == "win32" else "leverage")


def input_files() -> list[Path]:
    files = [ROOT / "pyproject.toml"]
    for folder in INPUT_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            skipped = SKIPPED_PARTS.intersection(path.parts) or path.suffix in {".pyc", ".md"}
            if path.is_file() and not skipped:
                files.append(path)
    return files


def fingerprint() -> str:
    """A hash of every input of the build, the interpreter and the installed versions."""
    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    for path in input_files():
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    versions = sorted(
        f"{d.metadata['Name']}=={d.version}".lower() for d in metadata.distributions()
    )
    digest.update("\n".join(versions).encode())
    return digest.hexdigest()


def is_up_to_date() -> bool:
    if not executable().is_file() or not FINGERPRINT.is_file():
        return False
    return FINGERPRINT.read_text(encoding="ascii").strip() == fingerprint()


#: Debian/Ubuntu packages of the X11 client libraries Qt's xcb platform plugin links to. They
#: must be on the build machine for PyInstaller to bundle them (README, "Build machine").
XCB_PACKAGES = (
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-xkb1",
    "libxkbcommon-x11-0",
    "libxcb-randr0",
    "libxcb-shape0",
    "libxcb-xfixes0",
    "libxcb-sync1",
    "libxcb-xinerama0",
)


def unresolved_xcb_libraries() -> list[str]:
    """The libraries the venv's xcb platform plugin needs that this machine lacks."""
    try:
        import PySide6
    except ImportError:
        return []
    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.is_file() or shutil.which("ldd") is None:
        return []
    done = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=False)
    return sorted({line.split()[0] for line in done.stdout.splitlines() if "not found" in line})


def ensure_build_libraries() -> None:
    """Linux: install the xcb libraries when they are missing and we may (root, apt-get), as
    .ci/run does for Qt's own needs; otherwise say what to install."""
    missing = unresolved_xcb_libraries()
    if not missing:
        return
    can_install = shutil.which("apt-get") is not None and os.geteuid() == 0
    if can_install:
        print(f"build: installing the X11 libraries Qt's xcb plugin needs ({', '.join(missing)})")
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        install = ["apt-get", "install", "-y", "-qq", *XCB_PACKAGES]
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(install, check=False, env=env, stdout=subprocess.DEVNULL)
        missing = unresolved_xcb_libraries()
    if missing:
        print(
            f"build: warning: {', '.join(missing)} not found, so not bundled: the program will "
            "need them on the user's machine. Install them here first: apt-get install "
            + " ".join(XCB_PACKAGES),
            file=sys.stderr,
        )


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def build(*, clean: bool) -> float:
    """Run PyInstaller on the spec; returns the seconds it took."""
    if FINGERPRINT.exists():
        FINGERPRINT.unlink()
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK),
        str(SPEC),
    ]
    if sys.platform.startswith("linux"):
        ensure_build_libraries()
    if clean:
        command.insert(3, "--clean")
        shutil.rmtree(APP_DIR, ignore_errors=True)
    started = time.monotonic()
    subprocess.run(command, cwd=ROOT, check=True)
    elapsed = time.monotonic() - started
    if not executable().is_file():
        raise SystemExit(f"build: PyInstaller did not produce {executable()}")
    if sys.platform.startswith("linux"):
        for name in LINUX_EXTRAS:
            shutil.copy2(ROOT / "packaging" / name, APP_DIR / name)
    FINGERPRINT.parent.mkdir(parents=True, exist_ok=True)
    FINGERPRINT.write_text(fingerprint() + "\n", encoding="ascii")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build dist/Leverage with PyInstaller.")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument(
        "--if-stale", action="store_true", help="do nothing when dist/ is up to date"
    )
    args = parser.parse_args(argv)
    if importlib.util.find_spec("PyInstaller") is None:
        print(
            "build: PyInstaller is not installed; run `make package` or "
            "`pip install -e '.[packaging]'`",
            file=sys.stderr,
        )
        return 2
    if args.if_stale and is_up_to_date():
        print(f"build: {APP_DIR.relative_to(ROOT)} is up to date")
        return 0
    try:
        elapsed = build(clean=args.clean)
    except subprocess.CalledProcessError as error:
        print(f"build: PyInstaller failed (exit {error.returncode})", file=sys.stderr)
        return 1
    size = folder_size(APP_DIR) / 2**20
    print(f"build: {executable().relative_to(ROOT)} built in {elapsed:.0f} s; {size:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
