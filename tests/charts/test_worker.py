"""The chart worker: the charts the app shows, drawn in a separate process (or, as a fallback,
on a thread), pixel for pixel the same as drawn here; a killed worker is replaced; cancelled
requests are never drawn."""

from __future__ import annotations

import io
import os
import select
import signal
from collections.abc import Iterator
from typing import Any

import pytest

from desktop_app.analysis import CaseAnalysis, analyze_case
from desktop_app.charts import render
from desktop_app.charts.frames import read_frame, write_frame
from desktop_app.charts.render import CHART_KEYS, RenderedChart, render_for
from desktop_app.charts.serve import _Inbox
from desktop_app.charts.worker import FORK_TWINS, KEEP_INPUTS, ChartWorker
from desktop_app.domain.model import Case
from tests.charts.support import ranged_case

TIMEOUT_S = 60


@pytest.fixture(scope="module")
def worker() -> Iterator[ChartWorker]:
    """One worker process (the tests of the order of requests count on one)."""
    worker = ChartWorker(use_process=True, size=1)
    worker.start()
    yield worker
    worker.shutdown()


def _non_white_share(chart: RenderedChart) -> float:
    pixels = memoryview(chart.rgba)
    ink = sum(
        1
        for i in range(0, len(pixels), 4 * 7)  # every 7th pixel is plenty
        if pixels[i] < 240 or pixels[i + 1] < 240 or pixels[i + 2] < 240
    )
    return ink / (len(pixels) / (4 * 7))


def test_frames_carry_any_picklable_message() -> None:
    stream = io.BytesIO()
    write_frame(stream, ("render", 7, 1, "zopa_bar", 640, 300, 2.0))
    write_frame(stream, {"ok": b"\x00" * 70_000})
    stream.seek(0)
    assert read_frame(stream) == ("render", 7, 1, "zopa_bar", 640, 300, 2.0)
    assert read_frame(stream) == {"ok": b"\x00" * 70_000}
    with pytest.raises(EOFError):
        read_frame(stream)


def test_a_cut_frame_is_the_end_of_the_conversation() -> None:
    stream = io.BytesIO()
    write_frame(stream, "a long enough message")
    cut = io.BytesIO(stream.getvalue()[:-3])
    with pytest.raises(EOFError):
        read_frame(cut)


@pytest.mark.parametrize("key", CHART_KEYS)
def test_every_chart_is_drawn_at_the_size_asked(
    key: str, sample: Case, sample_analysis: CaseAnalysis
) -> None:
    render.prepare()
    case, analysis = sample, sample_analysis
    if key == "acceptance_curve":  # it needs ranges on their alternatives (SPEC §9)
        case = ranged_case()
        analysis = analyze_case(case)
    chart = render_for(case, analysis, key, 640, 300, 1.5)
    assert (chart.width, chart.height) == (960, 450)  # 640 × 1.5, 300 × 1.5 device pixels
    assert len(chart.rgba) == 960 * 450 * 4
    assert not chart.label.startswith(("error:", "message")), chart.label
    assert chart.texts, "a chart says what it shows"
    assert 0.02 < _non_white_share(chart) < 0.9  # neither blank nor a solid block


def test_the_worker_process_draws_the_same_pixels_as_this_process(
    worker: ChartWorker, sample: Case, sample_analysis: CaseAnalysis
) -> None:
    assert not worker.in_process
    here = render_for(sample, sample_analysis, "zopa_bar", 700, 260, 1.0)
    there = worker.submit(sample, sample_analysis, ("zopa_bar", 700, 260, 1.0)).result(TIMEOUT_S)
    assert isinstance(there, RenderedChart)
    assert there.texts == here.texts
    assert there.rgba == here.rgba


def test_the_worker_process_draws_in_the_language_asked(
    worker: ChartWorker, sample: Case, sample_analysis: CaseAnalysis
) -> None:
    """The language travels with the request (the worker process has its own): German money
    ("455,00 €") for a German request, English again for the next English one."""
    german = worker.submit(sample, sample_analysis, ("zopa_bar", 700, 260, 1.0, "de"))
    english = worker.submit(sample, sample_analysis, ("zopa_bar", 700, 260, 1.0, "en"))
    german_texts = " ".join(german.result(TIMEOUT_S).texts)
    english_texts = " ".join(english.result(TIMEOUT_S).texts)
    assert "455,00\u00a0€" in german_texts and "EUR 455.00" not in german_texts
    assert "EUR 455.00" in english_texts and "€" not in english_texts


def test_the_thread_fallback_draws_the_same_pixels(
    sample: Case, sample_analysis: CaseAnalysis
) -> None:
    fallback = ChartWorker(use_process=False)
    try:
        chart = fallback.submit(sample, sample_analysis, ("tornado", 500, 320, 1.0))
        drawn = chart.result(TIMEOUT_S)
        assert fallback.in_process
        assert drawn.rgba == render_for(sample, sample_analysis, "tornado", 500, 320, 1.0).rgba
    finally:
        fallback.shutdown()


def test_a_chart_that_cannot_be_drawn_says_why(
    worker: ChartWorker, sample: Case, sample_analysis: CaseAnalysis
) -> None:
    future = worker.submit(sample, sample_analysis, ("no_such_chart", 500, 300, 1.0))
    with pytest.raises(RuntimeError, match="no_such_chart"):
        future.result(TIMEOUT_S)
    # and the worker goes on drawing
    assert worker.submit(sample, sample_analysis, ("zopa_bar", 500, 200, 1.0)).result(TIMEOUT_S)


def test_a_killed_worker_is_replaced_and_the_chart_still_arrives(
    sample: Case, sample_analysis: CaseAnalysis
) -> None:
    worker = ChartWorker(use_process=True)
    try:
        worker.start()
        first = worker.processes[0]
        os.kill(first.pid, signal.SIGKILL)
        first.popen.wait(TIMEOUT_S)
        chart = worker.submit(sample, sample_analysis, ("risk_heat_map", 600, 300, 1.0))
        assert isinstance(chart.result(TIMEOUT_S), RenderedChart)
        assert first not in worker.processes and not worker.in_process
    finally:
        worker.shutdown()


def test_the_worker_leaves_when_the_app_closes_its_input(
    sample: Case, sample_analysis: CaseAnalysis
) -> None:
    worker = ChartWorker(use_process=True)
    worker.start()
    process = worker.processes[0]
    worker.submit(sample, sample_analysis, ("zopa_bar", 400, 200, 1.0)).result(TIMEOUT_S)
    worker.shutdown()
    assert process.popen.wait(TIMEOUT_S) == 0


def test_only_the_latest_inputs_are_kept() -> None:
    inbox = _Inbox()
    stream = io.BytesIO()
    tokens = range(1, KEEP_INPUTS + 3)
    for token in tokens:
        write_frame(stream, ("inputs", token, f"case {token}", f"analysis {token}"))
    for token in tokens:
        write_frame(stream, ("render", token, token, "zopa_bar", 400, 200, 1.0))
    stream.seek(0)
    inbox.take(stream)
    answered = {}
    while (item := inbox.next()) is not None:
        answered[item[0][1]] = item[1]
    kept = list(tokens)[-KEEP_INPUTS:]
    assert [t for t, inputs in answered.items() if inputs is not None] == kept
    assert answered[kept[-1]] == (f"case {kept[-1]}", f"analysis {kept[-1]}")


def test_sending_never_waits_for_a_busy_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker drawing a chart does not read its pipe; the app (its UI thread) must not wait
    on it. Here a "worker" that never reads: sending far more than a pipe holds returns."""
    import sys
    import threading

    from desktop_app.charts import worker as worker_module

    stuck = [sys.executable, "-c", "import signal; signal.pause()"]  # never reads its input
    monkeypatch.setattr(worker_module, "worker_command", lambda: stuck)
    exited = threading.Event()
    process = worker_module._Process(lambda *_: None, lambda _process: exited.set())
    sent = threading.Event()

    def send_a_lot() -> None:
        for _ in range(8):
            process.send(("inputs", 1, b"x" * 1_000_000, None))  # 8 MB: a pipe holds 64 KB
        sent.set()

    threading.Thread(target=send_a_lot, daemon=True).start()
    try:
        assert sent.wait(TIMEOUT_S), "send() waited for the worker to read"
    finally:
        process.popen.kill()
        process.popen.wait()
    assert exited.wait(TIMEOUT_S)  # a dead worker is noticed (its requests are sent again)


def test_the_worker_runs_below_the_app(
    worker: ChartWorker, sample: Case, sample_analysis: CaseAnalysis
) -> None:
    """The window comes first: the worker lowers its own priority when it starts (POSIX
    niceness here; Windows starts it below normal)."""
    from desktop_app.charts.serve import NICENESS

    worker.submit(sample, sample_analysis, ("zopa_bar", 200, 100, 1.0)).result(timeout=TIMEOUT_S)
    app = os.getpriority(os.PRIO_PROCESS, 0)
    for process in worker.processes:
        assert os.getpriority(os.PRIO_PROCESS, process.pid) == min(app + NICENESS, 19)


def test_inputs_a_queued_request_needs_are_kept() -> None:
    """The charts of the case alone are asked for with other inputs than the charts of the
    analysis; many newer inputs must not drop those of a request still waiting its turn."""
    inbox = _Inbox()
    stream = io.BytesIO()
    write_frame(stream, ("inputs", 1, "case 1", None))
    write_frame(stream, ("render", 10, 1, "stakeholder_map", 400, 200, 1.0))
    newer = range(2, KEEP_INPUTS + 4)
    for token in newer:
        write_frame(stream, ("inputs", token, f"case {token}", f"analysis {token}"))
    write_frame(stream, ("render", 11, newer[-1], "zopa_bar", 400, 200, 1.0))
    stream.seek(0)
    inbox.take(stream)
    first, second, end = inbox.next(), inbox.next(), inbox.next()
    assert first is not None and first[1] == ("case 1", None)
    assert second is not None and second[1] == (f"case {newer[-1]}", f"analysis {newer[-1]}")
    assert end is None
    assert len(inbox.inputs) <= KEEP_INPUTS + 1  # old inputs nobody waits for are gone


def test_inputs_are_sent_once_while_charts_of_the_case_and_of_the_analysis_alternate(
    worker: ChartWorker,
    sample: Case,
    sample_analysis: CaseAnalysis,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    worker.start()
    process = worker.processes[0]
    kinds: list[str] = []
    send = process.send

    def counting_send(message: tuple[Any, ...]) -> None:
        kinds.append(getattr(message, "message", message)[0])  # shared: pickled once
        send(message)

    monkeypatch.setattr(process, "send", counting_send)
    for _ in range(3):
        heat = worker.submit(sample, None, ("risk_heat_map", 300, 200, 1.0))
        zopa = worker.submit(sample, sample_analysis, ("zopa_bar", 300, 200, 1.0))
        assert heat.result(timeout=TIMEOUT_S).key == "risk_heat_map"
        assert zopa.result(timeout=TIMEOUT_S).key == "zopa_bar"
    assert kinds.count("render") == 6
    assert kinds.count("inputs") <= 2  # each pair once (none if an earlier test sent it)


@pytest.mark.parametrize("key", sorted(render.CASE_ONLY))
def test_a_chart_of_the_case_alone_is_the_same_without_the_analysis(
    key: str, sample: Case, sample_analysis: CaseAnalysis
) -> None:
    render.prepare()
    alone = render_for(sample, None, key, 500, 300, 1.0)
    with_analysis = render_for(sample, sample_analysis, key, 500, 300, 1.0)
    assert alone.rgba == with_analysis.rgba
    assert not alone.label.startswith(("error:", "message")), alone.label


def test_without_matplotlib_the_thread_says_why_each_chart_is_missing(
    sample: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise ImportError("matplotlib is not installed")

    monkeypatch.setattr(render, "prepare", broken)
    worker = ChartWorker(use_process=False)
    try:
        for key in ("stakeholder_map", "zopa_bar"):
            job = worker.submit(sample, None, (key, 300, 200, 1.0))
            with pytest.raises(ImportError, match="matplotlib is not installed"):
                job.result(timeout=TIMEOUT_S)
    finally:
        worker.shutdown()


@pytest.mark.parametrize("forks_twins", [False, True] if FORK_TWINS else [False])
@pytest.mark.parametrize("killed", [0, 1])
def test_two_workers_share_the_charts_and_survive_one_being_killed(
    sample: Case, sample_analysis: CaseAnalysis, killed: int, forks_twins: bool
) -> None:
    worker = ChartWorker(use_process=True, size=2)
    worker.forks_twins = forks_twins
    try:
        worker.start()
        worker.grow()
        assert len(worker.processes) == 2
        assert worker.wait_ready(TIMEOUT_S)
        keys = [key for key in CHART_KEYS if key != "zopa_bar"] * 2
        jobs = [worker.submit(sample, sample_analysis, (key, 500, 250, 1.0)) for key in keys]
        # Both are free at first: each is given a request before either answers.
        assert all(process.ticket is not None for process in worker.processes)
        victim = worker.processes[killed]
        assert victim.pid is not None
        os.kill(victim.pid, signal.SIGKILL)  # its request goes to the other, or a new one
        charts = [job.result(TIMEOUT_S) for job in jobs]
        assert [chart.key for chart in charts] == keys
        assert victim not in worker.processes and not worker.in_process
        assert worker.processes[0].drawn >= 1
    finally:
        worker.shutdown()


def test_a_cancelled_request_waiting_its_turn_is_never_sent(
    worker: ChartWorker, sample: Case, sample_analysis: CaseAnalysis
) -> None:
    assert worker.wait_ready(TIMEOUT_S)
    busy = [worker.submit(sample, sample_analysis, ("tornado", 500, 250, 1.0)) for _ in range(3)]
    late = worker.submit(sample, sample_analysis, ("zopa_bar", 500, 250, 1.0))
    assert late.cancel()  # still in the app's queue: one worker, three before it
    assert all(job.result(TIMEOUT_S).key == "tornado" for job in busy)
    assert late.cancelled()


def _parent(pid: int) -> int:
    with open(f"/proc/{pid}/stat") as stat:
        return int(stat.read().rsplit(")", 1)[1].split()[1])


@pytest.mark.skipif(not FORK_TWINS, reason="workers are forked only on Linux")
def test_the_first_worker_forks_the_second_with_matplotlib_loaded(
    sample: Case, sample_analysis: CaseAnalysis
) -> None:
    """On Linux the second worker is not started (a second load of matplotlib, ~0.5 s of a
    core) but forked by the first once ready: both are there from the start, ready together,
    both draw, and both leave when the app closes their input."""
    worker = ChartWorker(use_process=True, size=2)
    try:
        worker.start()
        assert len(worker.processes) == 2
        first, twin = worker.processes
        assert first.popen is not None and twin.popen is None
        assert worker.wait_ready(TIMEOUT_S)
        assert twin.pid is not None and twin.pid != first.pid
        assert _parent(twin.pid) == first.pid
        keys = ["tornado", "zopa_bar", "tornado", "zopa_bar"]
        jobs = [worker.submit(sample, sample_analysis, (key, 400, 250, 1.0)) for key in keys]
        assert [job.result(TIMEOUT_S).key for job in jobs] == keys
        assert first.drawn >= 1 and twin.drawn >= 1
        twin_exit = os.pidfd_open(twin.pid)  # readable once the twin has ended
    finally:
        worker.shutdown()
    assert first.popen.wait(TIMEOUT_S) == 0
    try:
        assert select.select([twin_exit], [], [], TIMEOUT_S)[0] == [twin_exit]
    finally:
        os.close(twin_exit)


def test_two_workers_are_sent_the_same_inputs_pickled_once(
    sample: Case, sample_analysis: CaseAnalysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pickling a large case and its analysis holds the interpreter lock (~15 ms on the stress
    case, the window waiting): the inputs are pickled once, whatever the number of workers."""
    from desktop_app.charts import worker as worker_module

    pickled_inputs: list[str] = []
    real = worker_module.pickled

    def counting(message: Any) -> bytes:
        if message[0] == "inputs":
            pickled_inputs.append(message[0])
        return real(message)

    monkeypatch.setattr(worker_module, "pickled", counting)
    worker = ChartWorker(use_process=True, size=2)
    try:
        worker.start()
        worker.grow()
        assert worker.wait_ready(TIMEOUT_S)
        jobs = [
            worker.submit(sample, sample_analysis, (key, 400, 250, 1.0))
            for key in ("tornado", "zopa_bar", "tornado", "zopa_bar")
        ]
        assert all(job.result(TIMEOUT_S) for job in jobs)
        assert all(process.drawn >= 1 for process in worker.processes)  # both were sent them
        assert pickled_inputs == ["inputs"]
    finally:
        worker.shutdown()
