"""Issue 13's new fields and their rules: a logo is a real PNG or JPEG of at most 2 MB (checked
by its signature and by decoding its header, refused with a reason otherwise), an accent is
``#RRGGBB``, the offer's date is a real calendar date, and every text keeps the limit of SPEC §1.
Every refusal names the field (its JSON path) and says why.

The expected messages and sizes are worked out by hand in the comments; Pillow (a matplotlib
dependency) is the independent judge of what a real image is in the property test.
"""

from __future__ import annotations

import base64
import io
import struct
import zlib
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PIL import Image

from desktop_app.domain import ValidationError
from desktop_app.domain.fields import Colour, Logo
from desktop_app.domain.images import (
    MAX_LOGO_BYTES,
    ImageProblem,
    logo_from_json,
    logo_problem,
    logo_to_json,
    read_image,
    size_words,
)
from desktop_app.store.interchange import case_to_document, document_to_case

# -- images made by hand ---------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int = 2, height: int = 1, *, padding: int = 0) -> bytes:
    """A real 8-bit RGB PNG, ``padding`` bytes of an ancillary chunk making it larger."""
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    extra = _chunk(b"teXt", b"x" * padding) if padding else b""
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + extra
        + _chunk(b"IDAT", zlib.compress(rows))
        + _chunk(b"IEND", b"")
    )


def pillow(kind: str, mode: str = "RGB", size: tuple[int, int] = (3, 2)) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, kind)
    return buffer.getvalue()


GIF = pillow("GIF", "P")
JPEG = pillow("JPEG")


def refusal(rule: Any, value: object) -> str:
    with pytest.raises(ValueError) as caught:
        rule.check(value, "case.client_logo")
    return str(caught.value)


# -- the messages ----------------------------------------------------------------------------


def test_a_gif_is_refused_by_what_it_is() -> None:
    assert refusal(Logo(), GIF) == "case.client_logo: the file is a GIF, not a PNG or JPEG"


def test_other_files_are_named_too() -> None:
    assert logo_problem(b"%PDF-1.7 ...") == "the file is a PDF document, not a PNG or JPEG"
    assert logo_problem(b"<svg xmlns='http://www.w3.org/2000/svg'/>") == (
        "the file is an SVG drawing, not a PNG or JPEG"
    )
    assert logo_problem(b"RIFF\x10\x00\x00\x00WEBPVP8 ") == (
        "the file is a WebP image, not a PNG or JPEG"
    )
    assert logo_problem(b"hello") == "the file is not a PNG or JPEG image"
    assert logo_problem(b"") == "the file is empty"


def test_a_logo_above_2_mb_is_refused_with_its_size() -> None:
    # 3,250,585 bytes / 1,048,576 = 3.09999… MB, written "3.1 MB".
    big = png(padding=3_250_585 - len(png()) - 12)  # a chunk's frame is 12 bytes
    assert len(big) == 3_250_585
    assert refusal(Logo(), big) == "case.client_logo: 3.1 MB, above 2 MB"


def test_the_limit_is_2_mb_exactly() -> None:
    frame = len(png()) + 12
    at_limit = png(padding=MAX_LOGO_BYTES - frame)
    assert len(at_limit) == 2 * 1024 * 1024 == 2_097_152
    assert Logo().check(at_limit, "logo") == at_limit
    one_more = png(padding=MAX_LOGO_BYTES - frame + 1)
    # 2,097,153 bytes would read "2.0 MB, above 2 MB": the bytes are written out instead.
    assert logo_problem(one_more) == "2,097,153 bytes, above 2 MB"
    assert size_words(3 * 1024) == "3 KB"


def test_a_damaged_header_is_refused() -> None:
    good = png()
    broken_crc = good[:29] + bytes([good[29] ^ 0xFF]) + good[30:]
    assert logo_problem(broken_crc) == "the PNG is damaged: its header (IHDR) fails its checksum"
    assert logo_problem(good[:20]) == "the PNG is damaged: its header (IHDR) is cut short"
    assert logo_problem(JPEG[:4]) == "the JPEG is damaged: a segment is cut short"
    assert logo_problem(b"\xff\xd8\xff\xd9") == (  # start, then end of image: nothing between
        "the JPEG is damaged: it breaks off before its frame header (SOF)"
    )
    scan_first = b"\xff\xd8\xff\xda\x00\x02"
    assert logo_problem(scan_first) == (
        "the JPEG is damaged: its image data comes before its frame header (SOF)"
    )
    assert logo_problem(png()[:40]) == "the PNG is damaged: it ends before its image data (IDAT)"


def test_an_image_too_large_in_pixels_is_refused() -> None:
    assert logo_problem(png(9000, 10)) == (
        "9,000 × 10 pixels is too large for a logo (at most 8,000 pixels a side)"
    )


def test_what_a_real_logo_says_about_itself() -> None:
    info = read_image(png(5, 4))
    assert (info.kind, info.width, info.height, info.media_type) == ("png", 5, 4, "image/png")
    info = read_image(pillow("JPEG", "L", (7, 3)))
    assert (info.kind, info.width, info.height, info.media_type) == ("jpeg", 7, 3, "image/jpeg")
    # A progressive JPEG is fine; a file too big to read whole is judged by its stated size.
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "JPEG", progressive=True)
    assert read_image(buffer.getvalue()).kind == "jpeg"
    with pytest.raises(ImageProblem, match=r"^3\.0 MB, above 2 MB$"):
        read_image(png(), size=3 * 1024 * 1024)


def test_the_accent_is_a_colour_written_rrggbb() -> None:
    assert Colour().check("#12ab9F", "c") == "#12AB9F"
    assert Colour().check("", "c") is None
    assert Colour().check(None, "c") is None
    with pytest.raises(ValueError) as caught:
        Colour().check("red", "case.client_accent")
    assert str(caught.value) == (
        "case.client_accent: 'red' is not a colour written as #RRGGBB (such as #1F4E79)"
    )


# -- the JSON form -----------------------------------------------------------------------------


def test_the_json_form_holds_the_media_type_and_base64() -> None:
    data = png()
    assert logo_to_json(data) == {
        "media_type": "image/png",
        "data": base64.b64encode(data).decode("ascii"),
    }
    assert logo_from_json(logo_to_json(data)) == data
    assert logo_from_json(logo_to_json(JPEG)) == JPEG


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            {"media_type": "image/png", "data": base64.b64encode(JPEG).decode()},
            "its media type says image/png but the data is a JPEG",
        ),
        ({"media_type": "image/png", "data": "not base64!"}, "its data is not valid base64"),
        (
            {"media_type": "image/gif", "data": base64.b64encode(GIF).decode()},
            "the media type 'image/gif' is not image/png or image/jpeg",
        ),
        (
            {"media_type": "image/gif", "data": base64.b64encode(GIF).decode(), "x": 1},
            'must be an object {"media_type": "image/png" or "image/jpeg", "data": base64}',
        ),
        ("iVBORw0KGgo=", "must be an image or null, not text"),
    ],
)
def test_a_bad_json_logo_is_refused_naming_the_field(value: object, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        document_to_case(_doc(case={"title": "T", "client_logo": value}))
    assert str(caught.value) == f"case.client_logo: {message}"


def _doc(**sections: Any) -> dict[str, Any]:
    return {"format": "leverage-case", "version": 1, **sections}


# -- the offer's fields --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("offer_valid_until", "2027-02-30", "'2027-02-30' is not a real calendar date"),
        ("offer_valid_until", "29.01.2027", "'29.01.2027' is not a date written as YYYY-MM-DD"),
        ("offer_valid_until", 20270129, "20270129 is not a date written as YYYY-MM-DD"),
        ("reference", "R" * 10_001, "is 10,001 characters long; at most 10,000 are allowed"),
        ("addressee", ["Jürgen Albrecht"], "must be text, not a list"),
        ("signatory", None, "must be text, not null"),
        ("contact", "x" * 10_001, "is 10,001 characters long; at most 10,000 are allowed"),
    ],
)
def test_the_offer_fields_refuse_with_their_path(field: str, value: object, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        document_to_case(_doc(case={"title": "T"}, proposal={field: value}))
    assert str(caught.value) == f"proposal.{field}: {message}"


def test_the_consultancy_keeps_the_text_limit() -> None:
    with pytest.raises(ValidationError) as caught:
        document_to_case(_doc(case={"title": "T", "consultancy": "N" * 10_001}))
    assert str(caught.value) == (
        "case.consultancy: is 10,001 characters long; at most 10,000 are allowed"
    )


def test_the_new_fields_round_trip_through_json() -> None:
    proposal = {
        "addressee": "Jürgen Albrecht\nAurelia Motors AG",
        "reference": "KPT-AUR-2026-117",
        "offer_valid_until": "2027-01-29",
        "signatory": "Dr. Katarzyna Wiśniewska\nCEO",
        "contact": "Marek Nowak · +49 7031 555 0142",
    }
    case = {
        "title": "T",
        "consultancy": "Northbridge",
        "consultancy_logo": logo_to_json(JPEG),
        "consultancy_accent": "#7B2D43",
        "client_logo": logo_to_json(png()),
        "client_accent": "#0e6e6e",
    }
    imported = document_to_case(_doc(case=case, proposal=proposal))
    assert imported.info.client_logo == png() and imported.info.consultancy_logo == JPEG
    dumped = case_to_document(imported)
    assert dumped["version"] == 1
    assert dumped["case"]["client_accent"] == "#0E6E6E"  # kept in capitals
    for key, value in case.items():
        if key != "client_accent":
            assert dumped["case"][key] == value, key
    for key, value in proposal.items():
        assert dumped["proposal"][key] == value, key
    assert document_to_case(dumped) == imported


# -- any bytes -------------------------------------------------------------------------------------


def _pillow_reads(data: bytes) -> tuple[str, int, int] | None:
    """What Pillow makes of ``data``'s header: (format, width, height), or None."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            return str(image.format), image.width, image.height
    except Exception:  # anything Pillow cannot open is no image to it
        return None


def _mutated(data: bytes) -> st.SearchStrategy[bytes]:
    """``data`` cut short, or with a few bytes changed, or with bytes inserted."""
    cut = st.integers(0, len(data)).map(lambda n: data[:n])
    flips = st.lists(st.tuples(st.integers(0, len(data) - 1), st.integers(0, 255)), max_size=3)

    def flip(changes: list[tuple[int, int]]) -> bytes:
        out = bytearray(data)
        for index, value in changes:
            out[index] = value
        return bytes(out)

    inserted = st.tuples(st.integers(0, len(data)), st.binary(min_size=1, max_size=8)).map(
        lambda pair: data[: pair[0]] + pair[1] + data[pair[0] :]
    )
    return cut | flips.map(flip) | inserted


REAL = [png(), png(3, 5), pillow("PNG", "RGBA"), pillow("PNG", "P"), JPEG, pillow("JPEG", "L")]
ANY_BYTES = st.binary(max_size=512) | st.sampled_from(REAL).flatmap(_mutated)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=ANY_BYTES)
@example(data=GIF)
@example(data=png())
@example(data=JPEG)
def test_any_bytes_are_a_logo_only_if_they_are_a_real_png_or_jpeg(data: bytes) -> None:
    """Whatever the bytes, the rule either keeps them — and then Pillow opens them as a PNG or
    JPEG of the size the header says, and they are at most 2 MB — or refuses them with a
    sentence."""
    try:
        kept = Logo().check(data, "case.client_logo")
    except ValueError as error:
        assert str(error).startswith("case.client_logo: ")
        assert len(str(error)) > len("case.client_logo: ")
        return
    assert kept == data and len(data) <= MAX_LOGO_BYTES
    info = read_image(data)
    assert _pillow_reads(data) == (info.kind.upper(), info.width, info.height)


def test_the_real_images_are_kept() -> None:
    for data in REAL:
        assert Logo().check(data, "logo") == data
