"""What every section of the team brief shares: the case, its analysis, formatting, the
rendered charts, and the sentences that word the verdict (as the ``analyze`` report does)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from desktop_app.analysis import wording
from desktop_app.analysis.results import (
    AlternativeCost,
    CaseAnalysis,
    OptionValue,
    ScenarioAnalysis,
    SensitivityItem,
    Zopa,
)
from desktop_app.domain.model import Alternative, Case
from desktop_app.reports import blocks, styles
from desktop_app.reports.formats import VERDICT_WORDS, Fmt

T = TypeVar("T")

#: The appendices: the method, then every list the body shortened (``BriefContext.shortlist``):
#: their titles, and how a sentence points to the second.
METHOD_APPENDIX = "Appendix: assumptions and method"
LISTS_APPENDIX = "Appendix: complete lists"
LISTS_APPENDIX_WORDS = "the appendix “Complete lists”"
#: Alternatives named in a "left out" sentence (the rest are counted).
LEFT_OUT_NAMES = 8

VERDICT_COLOURS: dict[str, tuple[Color, Color]] = {
    "fair": (styles.GREEN, styles.GREEN_LIGHT),
    "aggressive": (styles.AMBER, styles.AMBER_LIGHT),
    "generous": (styles.AMBER, styles.AMBER_LIGHT),
    "below_our_walk_away": (styles.RED, styles.RED_LIGHT),
    "above_their_walk_away": (styles.RED, styles.RED_LIGHT),
    "no_zopa": (styles.RED, styles.RED_LIGHT),
    "unknown": (styles.GREY_DARK, styles.GRID),
}


@dataclass
class BriefContext:
    case: Case
    analysis: CaseAnalysis
    width: float
    height: float
    charts: dict[str, Flowable] = field(default_factory=dict)
    #: The complete lists for ``LISTS_APPENDIX``, in the order the brief shortened them.
    full_lists: list[blocks.FullList] = field(default_factory=list)
    _sensitivity: dict[str, SensitivityItem] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.fmt = Fmt(self.case.info.currency)
        self.names = {a.id: a.name or a.id for a in self.case.alternatives}

    def sensitivity_of(self, input_id: str) -> SensitivityItem | None:
        """The sensitivity item of an input (looked up in a table built once)."""
        if self._sensitivity is None:
            self._sensitivity = {i.input: i for i in self.analysis.sensitivity}
        return self._sensitivity.get(input_id)

    def shortlist(
        self,
        items: Iterable[T],
        *,
        what: str,
        ranking: str,
        title: str,
        table: Callable[[tuple[T, ...]], list[Flowable]],
    ) -> blocks.Shortlist[T]:
        """``items`` (most important first) under the rule for long tables
        (``blocks.shortlist``). When the body cannot show them all, ``table`` of all of them
        goes to ``LISTS_APPENDIX`` under ``title``."""
        listed = blocks.shortlist(items, what=what, ranking=ranking, where=LISTS_APPENDIX_WORDS)
        if listed.cut:
            self.full_lists.append(
                (f"{title} (all {len(listed.items):,})", lambda: table(listed.items))
            )
        return listed

    @property
    def zopa(self) -> Zopa:
        return self.analysis.zopa

    @property
    def proposal(self) -> ScenarioAnalysis | None:
        scenario = self.case.proposal_scenario
        return self.analysis.scenario(scenario.id) if scenario is not None else None

    @property
    def demand(self) -> ScenarioAnalysis | None:
        scenario = self.case.demand_scenario
        return self.analysis.scenario(scenario.id) if scenario is not None else None

    def name(self, alternative_id: str | None) -> str:
        if alternative_id is None:
            return "—"
        return self.names.get(alternative_id, alternative_id)

    def cost_row(self, alternative_id: str) -> AlternativeCost | None:
        return next((r for r in self.zopa.alternatives if r.alternative_id == alternative_id), None)

    def option(self, side: str, alternative_id: str) -> OptionValue | None:
        view = self.analysis.value.theirs if side == "theirs" else self.analysis.value.ours
        return next(
            (o for o in view.options if o.kind == "alternative" and o.id == alternative_id), None
        )

    @property
    def client(self) -> str:
        return self.case.info.client or "our client"

    @property
    def counterpart(self) -> str:
        return self.case.info.counterpart or "the counterpart"


def their_order(ctx: BriefContext, alternatives: tuple[Alternative, ...]) -> list[Alternative]:
    """Cheapest real cost first (the ones they will raise), then the others by expected value."""

    def key(alt: Alternative) -> tuple[int, float]:
        row = ctx.cost_row(alt.id)
        if row is not None and row.effective_price is not None:
            return (0, row.effective_price)
        option = ctx.option("theirs", alt.id)
        return (1, -(option.expected_value if option else 0.0))

    return sorted(alternatives, key=key)


def verdict_sentence(ctx: BriefContext) -> str:
    """The verdict in one sentence, as plain text (the ``analyze`` report's wording)."""
    return wording.verdict_sentence(ctx.zopa, ctx.fmt, with_band=True)


def leverage_sentence(ctx: BriefContext) -> str:
    """The leverage headline, claiming no more than the number (``wording.leverage_words``):
    no verdict while scores are missing or a gain is unknown."""
    value = ctx.analysis.value
    words = wording.leverage_words(value)
    if value.leverage is None:
        return f"Leverage: no verdict yet — {words}."
    return f"Leverage {ctx.fmt.points(value.leverage, sign=True)} points: {words}."


def fair_price_sentence(ctx: BriefContext) -> str | None:
    """ "EUR 451.53, the middle of the zone — …" (None without a fair price)."""
    if ctx.zopa.fair_price is None:
        return None
    return f"{ctx.fmt.price(ctx.zopa.fair_price)}, {wording.FAIR_PRICE_MEANING}"


def left_out_sentence(ctx: BriefContext, side: str) -> str | None:
    """The side's alternatives left out of its BATNA because they cannot be carried out
    (feasibility 0): of the money BATNA (their side) and of the value BATNA."""
    view = ctx.analysis.value.theirs if side == "theirs" else ctx.analysis.value.ours
    ids = list(view.left_out)
    if side == "theirs":
        ids += [i for i in ctx.zopa.left_out if i not in ids]
    if not ids:
        return None
    names = ", ".join(f"“{ctx.name(i)}”" for i in ids[:LEFT_OUT_NAMES])
    if len(ids) > LEFT_OUT_NAMES:
        names += f" and {len(ids) - LEFT_OUT_NAMES} more"
    whose = "their BATNA, money or value" if side == "theirs" else "our BATNA"
    return f"Left out, never {whose} (feasibility 0: cannot be carried out): {names}."


def zone_sentence(ctx: BriefContext) -> str:
    zopa, fmt = ctx.zopa, ctx.fmt
    if zopa.exists:
        return (
            f"{fmt.price(zopa.our_walk_away)} to {fmt.price(zopa.their_walk_away)}, "
            f"width {fmt.price(zopa.width)} per unit"
        )
    if zopa.exists is False and zopa.width is not None:
        if zopa.width == 0:
            return "none: their walk-away equals ours"
        return f"none: their walk-away is {fmt.price(-zopa.width)} below ours"
    return "unknown (a walk-away price is missing)"


def verdict_word(ctx: BriefContext) -> str:
    return VERDICT_WORDS[ctx.zopa.verdict]


def money_batna_sentence(ctx: BriefContext) -> str | None:
    zopa = ctx.zopa
    if zopa.their_batna_alternative is None or zopa.their_walk_away is None:
        return None
    return (
        f"Their money BATNA is “{ctx.name(zopa.their_batna_alternative)}”: it would cost them "
        f"{ctx.fmt.price(zopa.their_walk_away)} per unit on our price path — their walk-away."
    )


def value_batna_sentence(ctx: BriefContext) -> str | None:
    side = ctx.analysis.value.theirs
    if not side.available or side.batna_alternative is None:
        return None
    fmt = ctx.fmt
    return (
        f"Their value BATNA is “{ctx.name(side.batna_alternative)}”: worth "
        f"{fmt.points(side.batna_value)} points to them once its risk of failing is counted, "
        f"against {fmt.points(side.proposal_value)} for our proposal "
        f"(gain {fmt.points(side.gain, sign=True)})."
    )
