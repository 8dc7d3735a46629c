"""Logos: what a PNG or JPEG image is, read from its own bytes (SPEC §11 "Letterhead").

A logo is checked where it enters (the app's Choose logo…, a JSON import, a row read back from
the file) by its signature and by decoding its header — a PNG's ``IHDR`` chunk with its CRC, a
JPEG's segments up to its frame header (``SOF``) — never by its file name. Anything else is
refused with a sentence that says what the file is (“the file is a GIF, not a PNG or JPEG”) or
what is wrong with it (“3.1 MB, above 2 MB”).

Pure functions of bytes: no file is read here, no image library is needed.
"""

from __future__ import annotations

import base64
import binascii
import struct
import zlib
from dataclasses import dataclass
from typing import Literal

from desktop_app.i18n import N_, _, ngettext
from desktop_app.i18n.numbers import grouped

ImageKind = Literal["png", "jpeg"]

#: The largest logo a case holds: 2 MB (of 1,048,576 bytes).
MB = 1024 * 1024
MAX_LOGO_BYTES = 2 * MB
#: The most pixels on either side of a logo (a letterhead needs a few hundred; a bigger image
#: only slows the PDF down, and a tiny file claiming a huge size is a decompression bomb).
MAX_LOGO_SIDE = 8_000

MEDIA_TYPES: dict[ImageKind, str] = {"png": "image/png", "jpeg": "image/jpeg"}
KIND_OF_MEDIA_TYPE: dict[str, ImageKind] = {
    "image/png": "png",
    "image/jpeg": "jpeg",
    "image/jpg": "jpeg",
}

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: PNG colour type -> the bit depths it allows (PNG specification, table 11.1).
_PNG_DEPTHS = {0: {1, 2, 4, 8, 16}, 2: {8, 16}, 3: {1, 2, 4, 8}, 4: {8, 16}, 6: {8, 16}}
#: JPEG frame headers a PDF can show: baseline, extended sequential, progressive (Huffman).
_JPEG_FRAMES = {0xC0: "baseline", 0xC1: "extended", 0xC2: "progressive"}
#: Other frame headers: lossless, hierarchical or arithmetic-coded JPEGs.
_JPEG_OTHER_FRAMES = {0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
#: Markers that stand alone, without a length.
_JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}

#: What other files start with, to say what a refused file is (English: a key of the
#: catalogue, translated where the refusal is written).
_OTHER_FORMATS: tuple[tuple[bytes, int, str], ...] = (
    (b"GIF87a", 0, N_("a GIF")),
    (b"GIF89a", 0, N_("a GIF")),
    (b"BM", 0, N_("a BMP image")),
    (b"II*\x00", 0, N_("a TIFF image")),
    (b"MM\x00*", 0, N_("a TIFF image")),
    (b"%PDF", 0, N_("a PDF document")),
    (b"\x00\x00\x01\x00", 0, N_("an icon (ICO)")),
    (b"8BPS", 0, N_("a Photoshop document")),
    (b"PK\x03\x04", 0, N_("a ZIP archive (or an Office document)")),
    (b"ftypheic", 4, N_("a HEIC photo")),
    (b"ftypheix", 4, N_("a HEIC photo")),
    (b"ftypmif1", 4, N_("a HEIF image")),
    (b"ftypavif", 4, N_("an AVIF image")),
)


class ImageProblem(ValueError):
    """Why some bytes are not a logo the case can hold, as a sentence (without the field)."""


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """What a logo's header says."""

    kind: ImageKind
    width: int
    height: int

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.kind]


def size_words(size: int) -> str:
    """``3_250_585`` → ``"3.1 MB"``; a size that would round to the limit is written exactly."""
    if size < MB:
        return f"{grouped(round(size / 1024), 0)} KB" if size >= 1024 else _bytes(size)
    shown = f"{size / MB:.1f}"
    if float(shown) * MB <= MAX_LOGO_BYTES < size:
        return _bytes(size)  # "2.0 MB, above 2 MB" would make no sense
    return f"{grouped(float(shown), 1)} MB"


def _bytes(size: int) -> str:
    """``2_097_153`` → ``"2,097,153 bytes"``."""
    return ngettext("{size} byte", "{size} bytes", size).format(size=grouped(size, 0))


def _too_large(size: int) -> str:
    """``"3.1 MB, above 2 MB"``."""
    return _("{size}, above {limit} MB").format(size=size_words(size), limit=MAX_LOGO_BYTES // MB)


def _other_format(data: bytes) -> str | None:
    """What ``data`` is, in words ("a GIF"), in the language in use; None: not known."""
    for magic, offset, name in _OTHER_FORMATS:
        if data[offset : offset + len(magic)] == magic:
            return _(name)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _("a WebP image")
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<svg", b"<?xml")) and b"<svg" in data[:4096].lower():
        return _("an SVG drawing")
    return None


def sniff(data: bytes) -> ImageKind | None:
    """The kind of image ``data`` says it is by its signature (None: neither PNG nor JPEG)."""
    if data.startswith(_PNG_SIGNATURE):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    return None


def read_image(data: bytes, *, size: int | None = None) -> ImageInfo:
    """What the logo ``data`` is; ``ImageProblem`` saying why when it is not a PNG or JPEG of at
    most 2 MB whose header decodes. ``size``: the whole file's size when ``data`` is only its
    start (a file too large to read whole is still named by its kind, then its size)."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise ImageProblem(f"must be the bytes of an image, not {type(data).__name__}")
    data = bytes(data)
    if not data:
        raise ImageProblem(_("the file is empty"))
    kind = sniff(data)
    if kind is None:
        other = _other_format(data)
        if other is None:
            raise ImageProblem(_("the file is not a PNG or JPEG image"))
        raise ImageProblem(_("the file is {kind}, not a PNG or JPEG").format(kind=other))
    size = len(data) if size is None else max(size, len(data))
    if size > MAX_LOGO_BYTES:
        raise ImageProblem(_too_large(size))
    width, height = _png_size(data) if kind == "png" else _jpeg_size(data)
    if width < 1 or height < 1:
        raise ImageProblem(
            _("the {kind} says it is {width} × {height} pixels: no image").format(
                kind=kind.upper(), width=width, height=height
            )
        )
    if max(width, height) > MAX_LOGO_SIDE:
        raise ImageProblem(
            _(
                "{width} × {height} pixels is too large for a logo (at most {limit} pixels a side)"
            ).format(
                width=grouped(width, 0), height=grouped(height, 0), limit=grouped(MAX_LOGO_SIDE, 0)
            )
        )
    return ImageInfo(kind, width, height)


def _png_size(data: bytes) -> tuple[int, int]:
    """Decode the header (``IHDR``) and walk the chunks to the image data (``IDAT``), each
    whole and with its checksum right."""
    if len(data) < 33:
        raise ImageProblem(_("the PNG is damaged: its header (IHDR) is cut short"))
    length, chunk = struct.unpack(">I4s", data[8:16])
    if chunk != b"IHDR" or length != 13:
        raise ImageProblem(_("the PNG is damaged: its header (IHDR) is missing"))
    width, height, depth, colour, compression, filtering, interlace = struct.unpack(
        ">IIBBBBB", data[16:29]
    )
    (crc,) = struct.unpack(">I", data[29:33])
    if zlib.crc32(data[12:29]) != crc:
        raise ImageProblem(_("the PNG is damaged: its header (IHDR) fails its checksum"))
    if width > 2**31 - 1 or height > 2**31 - 1:
        raise ImageProblem(_("the PNG is damaged: its header (IHDR) gives an impossible size"))
    if depth not in _PNG_DEPTHS.get(colour, set()):
        raise ImageProblem(
            _(
                "the PNG is damaged: its header (IHDR) gives colour type {colour} with "
                "{depth}-bit samples"
            ).format(colour=colour, depth=depth)
        )
    if compression != 0 or filtering != 0 or interlace not in (0, 1):
        raise ImageProblem(
            _(
                "the PNG is damaged: its header (IHDR) names an unknown compression, filter or "
                "interlace method"
            )
        )
    _png_chunks(data, 33)
    return width, height


def _png_chunks(data: bytes, position: int) -> None:
    """Walk the chunks from ``position`` to the first ``IDAT``."""
    while True:
        if position + 8 > len(data):
            raise ImageProblem(_("the PNG is damaged: it ends before its image data (IDAT)"))
        length, chunk = struct.unpack(">I4s", data[position : position + 8])
        if not chunk.isalpha() or not chunk.isascii():
            raise ImageProblem(_("the PNG is damaged: a chunk after its header is broken"))
        if chunk == b"IDAT":
            return
        if chunk in (b"IHDR", b"IEND"):
            raise ImageProblem(
                _("the PNG is damaged: a second {chunk} comes before its image data").format(
                    chunk=chunk.decode()
                )
            )
        end = position + 8 + length
        if length > 2**31 - 1 or end + 4 > len(data):
            raise ImageProblem(_("the PNG is damaged: a chunk after its header is cut short"))
        (crc,) = struct.unpack(">I", data[end : end + 4])
        if zlib.crc32(data[position + 4 : end]) != crc:
            raise ImageProblem(
                _("the PNG is damaged: its {chunk} chunk fails its checksum").format(
                    chunk=chunk.decode()
                )
            )
        position = end + 4


#: Segments a logo's JPEG may hold before its image data: Huffman tables, quantisation tables,
#: the restart interval, application data (JFIF, Exif, ICC…) and comments.
_JPEG_SEGMENTS = {0xC4, 0xDB, 0xDD, *range(0xE0, 0xF0), 0xFE}


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """Walk the segments after the start-of-image marker, through the frame header (``SOF``),
    to the start of the image data (``SOS``)."""
    position = 2
    end = len(data)
    size: tuple[int, int] | None = None
    while True:
        if position >= end:
            raise ImageProblem(
                _("the JPEG is damaged: it ends before its frame header (SOF)")
                if size is None
                else _("the JPEG is damaged: it ends before its image data (SOS)")
            )
        if data[position] != 0xFF:
            raise ImageProblem(
                _("the JPEG is damaged: a segment does not start where the one before it ends")
            )
        while position < end and data[position] == 0xFF:  # fill bytes
            position += 1
        if position >= end:
            continue
        marker = data[position]
        position += 1
        if marker in _JPEG_STANDALONE:
            continue
        if marker in _JPEG_OTHER_FRAMES:
            raise ImageProblem(
                _(
                    "the JPEG is lossless, hierarchical or arithmetic-coded, which a PDF cannot "
                    "show; save it as an ordinary (baseline or progressive) JPEG or a PNG"
                )
            )
        if marker == 0xDA and size is None:
            raise ImageProblem(
                _("the JPEG is damaged: its image data comes before its frame header (SOF)")
            )
        if marker != 0xDA and marker not in _JPEG_FRAMES and marker not in _JPEG_SEGMENTS:
            raise ImageProblem(
                _("the JPEG is damaged: it breaks off before its frame header (SOF)")
                if size is None
                else _("the JPEG is damaged: it breaks off before its image data (SOS)")
            )
        if position + 2 > end:
            raise ImageProblem(_("the JPEG is damaged: a segment is cut short"))
        (length,) = struct.unpack(">H", data[position : position + 2])
        if length < 2 or position + length > end:
            raise ImageProblem(_("the JPEG is damaged: a segment is cut short"))
        segment = data[position + 2 : position + length]
        position += length
        if marker == 0xDA:
            assert size is not None
            return size
        if marker in _JPEG_FRAMES:
            size = _jpeg_frame(segment)
        elif marker == 0xDB:
            _jpeg_tables(segment)
        elif marker == 0xE0 and segment.startswith(b"JFIF") and len(segment) < 7:
            raise ImageProblem(_("the JPEG is damaged: its JFIF header is cut short"))
        elif marker == 0xE2 and segment.startswith(b"ICC_PROFILE\0") and len(segment) < 14:
            raise ImageProblem(_("the JPEG is damaged: its colour profile is cut short"))


def _jpeg_frame(segment: bytes) -> tuple[int, int]:
    """(width, height) from a frame header's segment."""
    if len(segment) < 6:
        raise ImageProblem(_("the JPEG is damaged: its frame header (SOF) is cut short"))
    precision, height, width, components = struct.unpack(">BHHB", segment[:6])
    if precision != 8:
        raise ImageProblem(
            _("the JPEG has {precision}-bit samples, which a PDF cannot show (8-bit only)").format(
                precision=precision
            )
        )
    if components not in (1, 3, 4) or len(segment) != 6 + 3 * components:
        raise ImageProblem(
            _("the JPEG is damaged: its frame header (SOF) lists its colours wrongly")
        )
    return width, height


def _jpeg_tables(segment: bytes) -> None:
    """Check a quantisation-table segment: each table 8- or 16-bit, numbered 0–3, whole."""
    while segment:
        precision, number = segment[0] >> 4, segment[0] & 15
        size = 1 + 64 * (precision + 1)
        if precision > 1 or number > 3 or len(segment) < size:
            raise ImageProblem(_("the JPEG is damaged: a quantisation table is broken"))
        segment = segment[size:]


def logo_problem(data: bytes) -> str | None:
    """Why ``data`` cannot be a logo (None: it can)."""
    try:
        read_image(data)
    except ImageProblem as problem:
        return str(problem)
    return None


# -- the JSON form -------------------------------------------------------------------------------


def logo_to_json(data: bytes) -> dict[str, str]:
    """``{"media_type": "image/png", "data": <base64>}``: a logo in the JSON interchange."""
    kind = sniff(data)
    media_type = MEDIA_TYPES[kind] if kind is not None else "application/octet-stream"
    return {"media_type": media_type, "data": base64.b64encode(data).decode("ascii")}


def logo_from_json(value: object) -> bytes:
    """The bytes of a logo's JSON form; ``ImageProblem`` when it is not one (the image itself
    is checked by ``read_image``)."""
    if not isinstance(value, dict) or set(value) != {"media_type", "data"}:
        raise ImageProblem(
            _('must be an object {"media_type": "image/png" or "image/jpeg", "data": base64}')
        )
    media_type, text = value["media_type"], value["data"]
    if not isinstance(media_type, str) or media_type.lower() not in KIND_OF_MEDIA_TYPE:
        raise ImageProblem(
            _("the media type {media_type} is not image/png or image/jpeg").format(
                media_type=repr(media_type)
            )
        )
    if not isinstance(text, str):
        raise ImageProblem(_("its data must be base64 text"))
    if len(text) > (MAX_LOGO_BYTES + 2) // 3 * 4 + 64:
        # Decoding is not needed to know the size: base64 holds 3 bytes in 4 characters.
        raise ImageProblem(_too_large(len(text) * 3 // 4))
    try:
        data = base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        raise ImageProblem(_("its data is not valid base64")) from None
    info = read_image(data)
    if KIND_OF_MEDIA_TYPE[media_type.lower()] != info.kind:
        raise ImageProblem(
            _("its media type says {media_type} but the data is a {kind}").format(
                media_type=media_type, kind=info.kind.upper()
            )
        )
    return data
