"""Cases and helpers for the chart tests: hostile and non-Latin strings, cases without a ZOPA,
and ways to look inside a figure (texts, patches by gid) without a screen."""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import Collection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from desktop_app.analysis import CaseAnalysis
from desktop_app.domain.model import Alternative, Case, Party, Risk, Scenario
from desktop_app.store.sample import sample_case

#: User strings that must print literally (mathtext and markup), and scripts DejaVu lacks.
DOLLARS = "Cost $5 and $6"
MARKUP = "<b>&</b> <img src=x>"
GREEK = "Ζαχαρίου"
CYRILLIC = "Пётр Иванов"
POLISH = "Włodzimierz Łęcki"
JAPANESE = "山田太郎"


def hostile_case() -> Case:
    """The sample with hostile and non-Latin strings in every name a chart shows."""
    case = sample_case()
    names = [DOLLARS, MARKUP, GREEK, CYRILLIC, POLISH, JAPANESE]
    parties = tuple(
        replace(p, name=names[n % len(names)] + f" {n}") for n, p in enumerate(case.parties)
    )
    alternatives = tuple(
        replace(a, name=names[n % len(names)]) if a.side == "theirs" else a
        for n, a in enumerate(case.alternatives)
    )
    risks = tuple(replace(r, name=names[n % len(names)]) for n, r in enumerate(case.risks))
    scenarios = tuple(replace(s, name=names[n % len(names)]) for n, s in enumerate(case.scenarios))
    cost_lines = tuple(
        replace(c, name=names[n % len(names)]) for n, c in enumerate(case.cost_lines)
    )
    return replace(
        case,
        parties=parties,
        alternatives=alternatives,
        risks=risks,
        scenarios=scenarios,
        cost_lines=cost_lines,
    )


def no_zopa_case() -> Case:
    """The sample with their alternatives so cheap that their walk-away is below ours."""
    case = sample_case()
    alternatives = tuple(
        replace(a, unit_price=300.0, switching_cost=0.0, failure_cost=0.0)
        if a.unit_price is not None
        else a
        for a in case.alternatives
    )
    return replace(case, alternatives=alternatives)


def no_proposal_case() -> Case:
    case = sample_case()
    return replace(case, scenarios=tuple(s for s in case.scenarios if s.role != "our_proposal"))


def no_risks_case() -> Case:
    return replace(sample_case(), risks=())


def no_priced_alternatives_case() -> Case:
    case = sample_case()
    alternatives = tuple(replace(a, unit_price=None) for a in case.alternatives)
    return replace(case, alternatives=alternatives)


def ranged_case() -> Case:
    """The sample with a range on the price of their money BATNA (delaying, EUR 472 now:
    EUR 440–500), so that their walk-away is uncertain (SPEC §9)."""
    case = sample_case()
    alternatives = tuple(
        replace(a, unit_price_low=440.0, unit_price_high=500.0) if a.id == "a-delay" else a
        for a in case.alternatives
    )
    return replace(case, alternatives=alternatives)


def crowded_case() -> Case:
    """Many parties on the same spot, a risk with no impact, and a proposal without a cap."""
    parties = tuple(
        Party(f"p{n}", f"Party {n}", "theirs", influence=5, stance=-2) for n in range(9)
    )
    risks = (
        Risk("r1", "Nothing", probability=0.5),
        Risk("r2", "Same", probability=0.5, impact_likely=10.0, impact_high=10.0),
    )
    scenario = Scenario("s", "Proposal", "our_proposal", unit_price=10.0, annual_volume=100.0)
    alternative = Alternative("a", "theirs", "Rival", unit_price=11.0)
    return Case(parties=parties, risks=risks, scenarios=(scenario,), alternatives=(alternative,))


def zero_width(analysis: CaseAnalysis) -> CaseAnalysis:
    """The analysis with their walk-away exactly at ours: a zone of width zero."""
    zopa = analysis.zopa
    assert zopa.our_walk_away is not None
    return replace(
        analysis,
        zopa=replace(
            zopa,
            their_walk_away=zopa.our_walk_away,
            width=0.0,
            exists=False,
            verdict="no_zopa",
            our_share=None,
        ),
    )


def texts(fig: Figure) -> list[Text]:
    """Every text artist of the figure (titles, labels, tick labels, legends, annotations)."""
    found = fig.findobj(Text)
    return [t for t in found if isinstance(t, Text)]


def strings(fig: Figure) -> list[str]:
    return [t.get_text() for t in texts(fig)]


def joined(fig: Figure) -> str:
    """All the figure's text as one string, line breaks of wrapped labels undone."""
    return " ".join(s.replace("\n", " ") for s in strings(fig))


def by_gid(fig: Figure, prefix: str) -> list[Artist]:
    return [a for a in fig.findobj() if (a.get_gid() or "").startswith(prefix)]


def gid_texts(fig: Figure, prefix: str) -> list[Text]:
    return [a for a in by_gid(fig, prefix) if isinstance(a, Text)]


def gid_offsets(fig: Figure, prefix: str) -> list[tuple[float, float]]:
    """The points of the scatter collections whose gid starts with ``prefix``."""
    points: list[tuple[float, float]] = []
    for artist in by_gid(fig, prefix):
        if isinstance(artist, Collection):
            offsets = np.asarray(artist.get_offsets(), dtype=float).reshape(-1, 2)
            points += [(float(x), float(y)) for x, y in offsets]
    return points


def is_error(fig: Figure) -> bool:
    return str(fig.get_label()).startswith("error:")


def rectangles(fig: Figure, prefix: str) -> list[Rectangle]:
    return [a for a in by_gid(fig, prefix) if isinstance(a, Rectangle)]


def patch(fig: Figure, gid: str) -> Rectangle:
    """The one rectangle whose gid is exactly ``gid``."""
    (found,) = [a for a in fig.findobj() if a.get_gid() == gid and isinstance(a, Rectangle)]
    return found


def x_extent(patch: Rectangle) -> tuple[float, float]:
    x0 = patch.get_x()
    x1 = x0 + patch.get_width()
    return (min(x0, x1), max(x0, x1))


def undefined_walk_away_case() -> Case:
    """The sample where a higher minimum margin leaves our walk-away undefined: financing
    10 % a year over 365 days takes 10 % of revenue, a minimum margin of 80 % leaves 10 %,
    and 80·1.2 = 96 % leaves nothing (their alternatives cost 12× as much, so a zone
    exists at the base)."""
    case = sample_case()
    info = replace(case.info, min_margin_pct=80.0, cost_of_capital_pct=10.0)
    scenarios = tuple(
        replace(s, payment_days=365) if s.role == "our_proposal" else s for s in case.scenarios
    )
    alternatives = tuple(
        replace(a, unit_price=a.unit_price * 12) if a.unit_price is not None else a
        for a in case.alternatives
    )
    return replace(case, info=info, scenarios=scenarios, alternatives=alternatives)


def drawn_texts(fig: Figure) -> list[tuple[Text, Bbox]]:
    """Every text the figure draws (visible, not blank) and where it lands, in display pixels:
    the figure is drawn on an Agg canvas and each text records itself as it is drawn (a tick
    label outside the axis's range, or a label hidden for lack of room, is not drawn and not
    counted). An annotation counts by its words, not the line to its mark."""
    seen: list[tuple[Text, Bbox]] = []
    original = Text.draw

    def recording(self: Text, renderer: Any) -> None:
        original(self, renderer)
        if self.get_visible() and self.get_text().strip():
            seen.append((self, Text.get_window_extent(self, renderer)))

    Text.draw = recording  # type: ignore[method-assign]
    try:
        FigureCanvasAgg(fig).draw()
    finally:
        Text.draw = original  # type: ignore[method-assign]
    return seen


#: Overlaps smaller than this (pixels at 100 dpi) are rounding: two lines of one label touch.
TOUCH = 0.1


def label_collisions(fig: Figure) -> list[str]:
    """What is wrong with the figure's texts, in words: two that overlap, or one that reaches
    past the figure's edge. Empty when every label is clear and inside."""
    drawn = drawn_texts(fig)
    frame = fig.bbox
    found = []
    for text, box in drawn:
        if (
            box.x0 < frame.x0 - TOUCH
            or box.y0 < frame.y0 - TOUCH
            or box.x1 > frame.x1 + TOUCH
            or box.y1 > frame.y1 + TOUCH
        ):
            found.append(f"outside the figure: {text.get_text()!r} at {box.extents.round(1)}")
    for (first, a), (second, b) in itertools.combinations(drawn, 2):
        wide = min(a.x1, b.x1) - max(a.x0, b.x0)
        high = min(a.y1, b.y1) - max(a.y0, b.y0)
        if wide > TOUCH and high > TOUCH:
            found.append(f"overlap: {first.get_text()!r} and {second.get_text()!r}")
    return found
