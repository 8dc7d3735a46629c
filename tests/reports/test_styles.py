"""The stylesheet matches the charts, and the SVG route keeps charts vector and safe."""

from __future__ import annotations

import matplotlib

from desktop_app.charts import style as chart_style
from desktop_app.reports import styles, vector
from desktop_app.reports.render import can_fork


def test_palette_is_the_charts_palette() -> None:
    for name in (
        "ACCENT",
        "OURS",
        "OURS_LIGHT",
        "THEIRS",
        "THEIRS_LIGHT",
        "INK",
        "GREY_DARK",
        "GREY",
        "GREY_LIGHT",
        "GRID",
        "GREEN",
        "GREEN_LIGHT",
        "AMBER",
        "AMBER_LIGHT",
        "RED",
        "RED_LIGHT",
        "OUR_WALK_AWAY",
        "THEIR_WALK_AWAY",
    ):
        assert getattr(styles, f"{name}_HEX").upper() == getattr(chart_style, name).upper(), name


def test_fonts_are_matplotlibs_dejavu() -> None:
    folder = styles.font_dir()
    assert folder.samefile(f"{matplotlib.get_data_path()}/fonts/ttf")
    assert chart_style.font_path().parent.samefile(folder)
    styles.setup()
    from reportlab.pdfbase import pdfmetrics

    for name in (styles.FONT, styles.FONT_BOLD, styles.FONT_ITALIC, styles.FONT_BOLD_ITALIC):
        assert "DejaVuSans" in pdfmetrics.getFont(name).face.name.decode("ascii", "replace")


def test_svg_preparation_drops_images_and_folds_opacity() -> None:
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        b'<image xlink:href="http://example.com/x.png" width="4" height="4"/>'
        b'<path d="M 0 0 L 1 1" style="fill: #7d3c98; opacity: 0.5; fill-opacity: 0.5"/>'
        b"</svg>"
    )
    prepared = vector.prepare_svg(svg)
    assert b"<image" not in prepared and b"example.com" not in prepared
    assert b"fill-opacity: 0.25" in prepared and b"stroke-opacity: 0.5" in prepared
    assert b" opacity:" not in prepared.replace(b"fill-opacity", b"").replace(
        b"stroke-opacity", b""
    )


def test_chart_text_maps_to_the_embedded_fonts() -> None:
    fonts = vector.ReportFonts()
    assert fonts.find_font("DejaVu Sans", "700", "normal") == (styles.FONT_BOLD, True)
    assert fonts.find_font("Anything", "normal", "italic") == (styles.FONT_ITALIC, True)
    assert fonts.find_font("sans-serif") == (styles.FONT, True)


def test_a_chart_becomes_a_scaled_vector_flowable(sample) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.charts import zopa_bar

    case, analysis = sample
    drawing = vector.figure_drawing(zopa_bar(case, analysis))
    chart = vector.VectorChart(drawing, max_height=50)
    width, height = chart.wrap(300, 1000)
    assert width == 300 and height <= 50.0001
    assert height > 0


def test_forking_is_only_used_in_a_single_threaded_process() -> None:
    import threading

    event = threading.Event()
    worker = threading.Thread(target=event.wait)
    worker.start()
    try:
        assert not can_fork()
    finally:
        event.set()
        worker.join()


def test_forking_waits_for_the_chart_workers_threads() -> None:
    """The chart workers' pipe threads are not ``threading``'s (started without waiting for
    them): a process that has them does not fork either."""
    from desktop_app.charts.worker import ChartWorker, threads_running

    before = threads_running()
    worker = ChartWorker(use_process=True, size=1)
    worker.start()
    try:
        assert threads_running() == before + 2
        assert not can_fork()
    finally:
        worker.shutdown()


def test_hatched_fills_keep_their_tint_in_the_pdf(sample) -> None:  # type: ignore[no-untyped-def]
    """svglib cannot paint an SVG <pattern>: a hatched bar or band would be left empty in the
    PDF. Its fill becomes the pattern's background colour instead."""
    from desktop_app.charts import tornado

    pattern = (
        b'<svg xmlns="http://www.w3.org/2000/svg"><defs>'
        b'<pattern id="h1a2b" patternUnits="userSpaceOnUse" width="72" height="72">'
        b'<rect x="0" y="0" width="73" height="73" fill="#f5d5d1"/>'
        b'<path d="M -36 36 L 36 -36" style="fill: #c0392b; stroke: #c0392b"/></pattern></defs>'
        b'<path d="M 0 0 L 9 0 L 9 9 z" style="fill: url(#h1a2b); stroke: #c0392b"/></svg>'
    )
    assert b'style="fill: #f5d5d1; stroke: #c0392b"' in vector.prepare_svg(pattern)
    case, analysis = sample
    svg = vector.figure_svg(tornado(case, analysis))
    assert b"fill: url(#h" in svg  # the sample's tornado hatches the rows that break the zone
    prepared = vector.prepare_svg(svg)
    assert b"url(#h" not in prepared
    band = prepared[prepared.index(b'<g id="tornado-break-0">') :]
    band = band[: band.index(b"</g>")]
    assert f"fill: {chart_style.RED_LIGHT.lower()}".encode() in band
