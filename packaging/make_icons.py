"""Render the application icon from its SVG sources into PNG, ICO and ICNS.

    .venv/bin/python packaging/make_icons.py            # write resources/icons/*
    .venv/bin/python packaging/make_icons.py --check    # exit 1 if a file is missing or stale

Sources (hand-written SVG, the only files to edit):

* ``resources/icons/leverage.svg``: the full mark, used from 48 px up;
* ``resources/icons/leverage-small.svg``: the same mark simplified (thicker lever, larger
  shapes, flat background) for 16-32 px, where the full mark turns to mush.

Outputs (committed, small): ``leverage-<N>.png`` for every size in ``PNG_SIZES`` (the window
icon and the freedesktop hicolor theme), ``leverage.ico`` (Windows: 16-256 px, each size
rendered, not scaled) and ``leverage.icns`` (macOS: 16-1024 px).

The SVG is rendered with QtSvg (PySide6, already in the venv) on an offscreen platform, so
no display is needed; Pillow writes the PNG, ICO and ICNS files.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

from PIL import Image, ImageChops

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SOURCE = ICONS / "leverage.svg"
SMALL_SOURCE = ICONS / "leverage-small.svg"
#: Up to this size (px) the simplified mark is used.
SMALL_MAX = 32
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(size: int) -> Image.Image:
    """The icon at ``size`` × ``size`` pixels, RGBA, from the right SVG source."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    source = SMALL_SOURCE if size <= SMALL_MAX else SOURCE
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {source}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)  # straight (not premultiplied)
    data = bytes(rgba.constBits())
    return Image.frombuffer("RGBA", (size, size), data, "raw", "RGBA", rgba.bytesPerLine(), 1)


def png_bytes(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def ico_bytes(images: dict[int, Image.Image]) -> bytes:
    largest = images[max(ICO_SIZES)]
    others = [images[s] for s in ICO_SIZES if s != max(ICO_SIZES)]
    out = io.BytesIO()
    largest.save(out, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=others)
    return out.getvalue()


def icns_bytes(images: dict[int, Image.Image]) -> bytes:
    largest = images[max(ICNS_SIZES)]
    others = [images[s] for s in ICNS_SIZES if s != max(ICNS_SIZES)]
    out = io.BytesIO()
    largest.save(out, format="ICNS", append_images=others)
    return out.getvalue()


def outputs() -> dict[Path, bytes]:
    """Every generated file and its content."""
    sizes = sorted(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES))
    images = {size: render(size) for size in sizes}
    files = {ICONS / f"leverage-{size}.png": png_bytes(images[size]) for size in PNG_SIZES}
    files[ICONS / "leverage.ico"] = ico_bytes(images)
    files[ICONS / "leverage.icns"] = icns_bytes(images)
    return files


def looks_the_same(old: bytes, new: bytes, tolerance: int = 2) -> bool:
    """Whether two icon files hold the same pictures, give or take ``tolerance`` per channel
    (Qt's raster engine may round antialiased edges differently on another CPU)."""
    if old == new:
        return True
    try:
        with Image.open(io.BytesIO(old)) as a, Image.open(io.BytesIO(new)) as b:
            if a.format != b.format or a.info.get("sizes") != b.info.get("sizes"):
                return False
            first, second = a.convert("RGBA"), b.convert("RGBA")
    except OSError:
        return False
    if first.size != second.size:
        return False
    difference = ImageChops.difference(first, second).tobytes()  # 8 bits per channel
    return max(difference, default=0) <= tolerance


def stale_files() -> list[Path]:
    """The generated files that are missing or no longer match their SVG sources."""
    return [
        path
        for path, data in outputs().items()
        if not path.exists() or not looks_the_same(path.read_bytes(), data)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--check", action="store_true", help="only check that the files are present and current"
    )
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files()
        for path in stale:
            print(f"make_icons: {path.relative_to(ROOT)} is missing or out of date")
        return 1 if stale else 0
    files = outputs()
    ICONS.mkdir(parents=True, exist_ok=True)
    for path, data in files.items():
        path.write_bytes(data)
        print(f"{path.relative_to(ROOT)}  {len(data):>7,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
