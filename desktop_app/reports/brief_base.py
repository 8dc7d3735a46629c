"""What every section of the team brief shares: the case, its analysis, formatting, the
rendered charts, and the sentences that word the verdict (as the ``analyze`` report does)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
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
from desktop_app.i18n import N_, SOFT_HYPHEN, _
from desktop_app.reports import blocks, styles
from desktop_app.reports.formats import VERDICT_WORDS, Fmt, plain_number

T = TypeVar("T")

#: The appendices: the method, then every list the body shortened (``BriefContext.shortlist``):
#: their titles, and how a sentence points to the second.
#: English, marked: shown with ``_``.
METHOD_APPENDIX = N_("Appendix: assumptions and method")
LISTS_APPENDIX = N_("Appendix: complete lists")
LISTS_APPENDIX_WORDS = N_("the appendix “Complete lists”")
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
        listed = blocks.shortlist(items, what=what, ranking=ranking, where=_(LISTS_APPENDIX_WORDS))
        if listed.cut:
            heading = _("{title} (all {count})").format(
                title=title, count=plain_number(len(listed.items))
            )
            self.full_lists.append((heading, lambda: table(listed.items)))
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
        return self.case.info.client or _("our client")

    @property
    def counterpart(self) -> str:
        return self.case.info.counterpart or _("the counterpart")


#: A table's header, a bold cell and a plain cell: (font, size).
HEAD_FONT = (styles.FONT_BOLD, styles.TINY_SIZE + 0.4)
BOLD_FONT = (styles.FONT_BOLD, styles.TABLE_SIZE)
PLAIN_FONT = (styles.FONT, styles.TABLE_SIZE)


def _widest(
    texts: Iterable[str], font: tuple[str, float], *, split: bool, hyphens: bool = False
) -> float:
    """The widest word (``split``) or line of ``texts`` in ``font``; with ``hyphens``, the
    widest piece of a word between its soft hyphens (with the hyphen it then ends in)."""
    name, size = font
    parts = (p for t in texts for p in (t.split() if split else t.splitlines()))
    if not hyphens:
        return max(
            (stringWidth(p.replace(SOFT_HYPHEN, ""), name, size) for p in parts), default=0.0
        )
    dash = stringWidth("-", name, size)
    return max(
        (
            stringWidth(piece, name, size) + (dash if n < p.count(SOFT_HYPHEN) else 0.0)
            for p in parts
            for n, piece in enumerate(p.split(SOFT_HYPHEN))
        ),
        default=0.0,
    )


def _word_needs(
    headers: Sequence[str],
    words: Mapping[int, Iterable[str]] | None,
    word_font: tuple[str, float],
    pad: float,
    *,
    hyphens: bool,
) -> list[float]:
    """Each column's width for the widest word of its header and of its ``words``."""
    needs = [
        _widest([h], HEAD_FONT, split=True, hyphens=hyphens) + 2 * pad if h else 0.0
        for h in headers
    ]
    for column, texts in (words or {}).items():
        widest = _widest(texts, word_font, split=True, hyphens=hyphens)
        needs[column] = max(needs[column], widest + 2 * pad)
    return needs


def fit_widths(
    widths: Sequence[float],
    headers: Sequence[str],
    *,
    words: Mapping[int, Iterable[str]] | None = None,
    lines: Mapping[int, Iterable[str]] | None = None,
    whole: Mapping[int, Iterable[str]] | None = None,
    word_font: tuple[str, float] = BOLD_FONT,
    line_font: tuple[str, float] = PLAIN_FONT,
    pad: float = styles.CELL_PAD,
) -> list[float]:
    """``widths`` with each column made wide enough for the longest word of its header and of
    its wrapping ``words`` (in ``word_font``), and for the longest of its unwrapped ``lines``
    (plain-string cells, in ``line_font``; they may reach into one side's padding ``pad``) and
    of the paragraph lines to keep ``whole``: a word is never cut in two ("Machba|rkeit" —
    German words are long). The room comes from the other columns, in proportion to what they
    have to spare. When every column holds its words the widths are kept as they are, so a
    table that fits is laid out as it always was."""
    words = {column: list(texts) for column, texts in (words or {}).items()}
    unwrapped = [0.0] * len(headers)
    for column, texts in (lines or {}).items():
        unwrapped[column] = max(unwrapped[column], _widest(texts, line_font, split=False) + pad)
    for column, texts in (whole or {}).items():
        unwrapped[column] = max(unwrapped[column], _widest(texts, line_font, split=False) + 2 * pad)

    def needed(hyphens: bool) -> list[float]:
        found = _word_needs(headers, words, word_font, pad, hyphens=hyphens)
        return [max(w, u) for w, u in zip(found, unwrapped, strict=True)]

    needs = needed(hyphens=False)
    if sum(needs) > sum(widths):
        # Too wide with whole words: let the words break where a translator put a soft
        # hyphen ("Preis­äquivalent"); only then, so a table that fits keeps whole words.
        needs = needed(hyphens=True)
    # A column short of less than half a point keeps its width (a hair into its padding).
    needs = [n + 0.01 if n > w + 0.5 else min(n, w) for w, n in zip(widths, needs, strict=True)]
    short = sum(max(0.0, n - w) for w, n in zip(widths, needs, strict=True))
    if short <= 0:
        return list(widths)
    spare = [max(0.0, w - n) for w, n in zip(widths, needs, strict=True)]
    room = sum(spare)
    if room <= 0:
        return list(widths)
    take = min(1.0, short / room)  # the share of its spare room each column gives
    give = min(1.0, room / short)  # the share of its shortfall each column gets
    return [
        w + (n - w) * give if n > w else w - s * take
        for w, n, s in zip(widths, needs, spare, strict=True)
    ]


def plain_cells(rows: Iterable[Sequence[object]]) -> dict[int, list[str]]:
    """The plain-string cells of ``rows`` by column (they are drawn unwrapped)."""
    found: dict[int, list[str]] = {}
    for row in rows:
        for column, value in enumerate(row):
            if isinstance(value, str):
                found.setdefault(column, []).append(value)
    return found


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
        return _("Leverage: no verdict yet — {words}.").format(words=words)
    return _("Leverage {points} points: {words}.").format(
        points=ctx.fmt.points(value.leverage, sign=True), words=words
    )


def fair_price_sentence(ctx: BriefContext) -> str | None:
    """ "EUR 451.53, the middle of the zone — …" (None without a fair price)."""
    if ctx.zopa.fair_price is None:
        return None
    return f"{ctx.fmt.price(ctx.zopa.fair_price)}, {_(wording.FAIR_PRICE_MEANING)}"


def left_out_sentence(ctx: BriefContext, side: str) -> str | None:
    """The side's alternatives left out of its BATNA because they cannot be carried out
    (feasibility 0): of the money BATNA (their side) and of the value BATNA."""
    view = ctx.analysis.value.theirs if side == "theirs" else ctx.analysis.value.ours
    ids = list(view.left_out)
    if side == "theirs":
        ids += [i for i in ctx.zopa.left_out if i not in ids]
    if not ids:
        return None
    names = ", ".join(quoted(ctx.name(i)) for i in ids[:LEFT_OUT_NAMES])
    if len(ids) > LEFT_OUT_NAMES:
        names = _("{names} and {count} more").format(names=names, count=len(ids) - LEFT_OUT_NAMES)
    if side == "theirs":
        sentence = _(
            "Left out, never their BATNA, money or value (feasibility 0: cannot be carried "
            "out): {names}."
        )
    else:
        sentence = _("Left out, never our BATNA (feasibility 0: cannot be carried out): {names}.")
    return sentence.format(names=names)


def quoted(name: str) -> str:
    """A name in the language's quotation marks: “Kessler” / „Kessler“."""
    return _("“{name}”").format(name=name)


def zone_sentence(ctx: BriefContext) -> str:
    zopa, fmt = ctx.zopa, ctx.fmt
    if zopa.exists:
        return _("{low} to {high}, width {width} per unit").format(
            low=fmt.price(zopa.our_walk_away),
            high=fmt.price(zopa.their_walk_away),
            width=fmt.price(zopa.width),
        )
    if zopa.exists is False and zopa.width is not None:
        if zopa.width == 0:
            return _("none: their walk-away equals ours")
        return _("none: their walk-away is {gap} below ours").format(gap=fmt.price(-zopa.width))
    return _("unknown (a walk-away price is missing)")


def verdict_word(ctx: BriefContext) -> str:
    return VERDICT_WORDS[ctx.zopa.verdict]


def money_batna_sentence(ctx: BriefContext) -> str | None:
    zopa = ctx.zopa
    if zopa.their_batna_alternative is None or zopa.their_walk_away is None:
        return None
    return _(
        "Their money BATNA is {name}: it would cost them {price} per unit on our price path — "
        "their walk-away."
    ).format(
        name=quoted(ctx.name(zopa.their_batna_alternative)),
        price=ctx.fmt.price(zopa.their_walk_away),
    )


def value_batna_sentence(ctx: BriefContext) -> str | None:
    side = ctx.analysis.value.theirs
    if not side.available or side.batna_alternative is None:
        return None
    fmt = ctx.fmt
    return _(
        "Their value BATNA is {name}: worth {value} points to them once its risk of failing is "
        "counted, against {proposal} for our proposal (gain {gain})."
    ).format(
        name=quoted(ctx.name(side.batna_alternative)),
        value=fmt.points(side.batna_value),
        proposal=fmt.points(side.proposal_value),
        gain=fmt.points(side.gain, sign=True),
    )
