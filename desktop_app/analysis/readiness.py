"""Readiness: is the team ready to negotiate? (SPEC §2 "Readiness").

A checklist of the method's items plus the inputs still missing; each failed item says what
to do, and ``affects`` names the JSON figures that are null because of it. The score is the
fraction of items passed, 0–1 (every item counts the same).
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop_app.analysis.money import financing_rate
from desktop_app.analysis.proposal_checks import offer_date_problem
from desktop_app.analysis.results import (
    Readiness,
    ReadinessItem,
    ScenarioAnalysis,
    Settings,
    ValueView,
    Zopa,
)
from desktop_app.analysis.wording import (
    fixed,
    number_g,
    percent_g,
    percent_text,
    thin_tail_warning,
)
from desktop_app.domain.model import Case, Scenario
from desktop_app.i18n import _

_PRICE_FIGURES = (
    "revenue",
    "financing_cost",
    "margin",
    "margin_pct",
    "risk_adjusted_margin_pct",
    "conservative_margin_pct",
    "p_below_min_margin",
    "p_loss",
)
_VOLUME_FIGURES = ("cost", "walk_away_price")
_ZOPA_FIGURES = ("our_walk_away", "their_walk_away", "exists", "width", "fair_price")
_SHARE_FIGURES = ("our_share", "verdict")
_DEAL_FIGURES = ("deal.proposal", "deal.trades", "deal.meso", "deal.improvement")


def _names(items: Sequence[str], limit: int = 5) -> str:
    shown = ", ".join(_("“{name}”").format(name=name) for name in items[:limit])
    more = len(items) - limit
    if more > 0:
        return _("{names} and {more} more").format(names=shown, more=more)
    return shown


def _item(
    ident: str,
    label: str,
    passed: bool,
    todo: str,
    detail: str | None = None,
    affects: Sequence[str] = (),
) -> ReadinessItem:
    return ReadinessItem(
        id=ident,
        label=label,
        passed=passed,
        todo=None if passed else todo,
        detail=detail,
        affects=() if passed else tuple(affects),
    )


def _proposal_items(case: Case) -> list[ReadinessItem]:
    proposal = case.proposal_scenario
    affects = [f"zopa.{f}" for f in (*_ZOPA_FIGURES, "proposal_price", *_SHARE_FIGURES)]
    affects += [
        "value.theirs.proposal_value",
        "value.theirs.gain",
        "value.theirs.robustness",
        "value.ours.proposal_value",
        "value.ours.gain",
        "value.leverage",
        "sensitivity",
        "intelligence",
        *_DEAL_FIGURES,
    ]
    return [
        _item(
            "proposal_scenario",
            _("There is a scenario for our proposal"),
            proposal is not None,
            _("Give one scenario the role “Our proposal”: the package we will put on the table."),
            affects=affects,
        )
    ]


def _scenario_inputs(case: Case) -> list[ReadinessItem]:
    missing: list[str] = []
    affects: list[str] = []
    for scenario in case.scenarios:
        figures: list[str] = []
        if scenario.unit_price is None:
            figures += _PRICE_FIGURES
        if scenario.annual_volume is None:
            figures += _VOLUME_FIGURES
        if not figures:
            continue
        missing.append(scenario.name or scenario.id)
        affects += [f"scenarios.{scenario.id}.{f}" for f in figures]
        if scenario.role == "our_proposal":
            if scenario.annual_volume is None:
                affects += [f"zopa.{f}" for f in _ZOPA_FIGURES]
                affects += ["sensitivity", "intelligence"]
            affects += [f"zopa.{f}" for f in ("proposal_price", *_SHARE_FIGURES)]
            affects += _DEAL_FIGURES
    return [
        _item(
            "scenarios_priced",
            _("Every scenario has a unit price and an annual volume"),
            not missing,
            _("Enter the first-year unit price and the annual volume of {names}.").format(
                names=_names(missing)
            ),
            detail=_("Missing in {names}.").format(names=_names(missing)) if missing else None,
            affects=affects,
        )
    ]


def _walk_away_items(case: Case, scenarios: Sequence[ScenarioAnalysis]) -> list[ReadinessItem]:
    blocked = [s for s in scenarios if s.walk_away_note is not None]
    affects = [f"scenarios.{s.id}.walk_away_price" for s in blocked]
    proposal = case.proposal_scenario
    if proposal is not None and any(s.id == proposal.id for s in blocked):
        affects += [f"zopa.{f}" for f in ("our_walk_away", "exists", "width", "fair_price")]
        affects += [f"zopa.{f}" for f in _SHARE_FIGURES]
    return [
        _item(
            "walk_away_exists",
            _("A walk-away price exists for every scenario"),
            not blocked,
            _(
                "Lower the minimum margin, the cost of capital or the payment days: as they stand "
                "no price can meet the minimum margin after financing."
            ),
            detail=blocked[0].walk_away_note if blocked else None,
            affects=affects,
        )
    ]


def _demand_item(case: Case) -> list[ReadinessItem]:
    """SPEC §8: the trading plan, the offers of equal value and the improvement weigh our
    proposal's terms against the terms they demand."""
    return [
        _item(
            "demand_scenario",
            _("There is a scenario for their demand"),
            case.demand_scenario is not None,
            _(
                "Give one scenario the role “Their demand”: what they ask for (price, price-down, "
                "payment days, liability), so every term can be priced for both sides."
            ),
            affects=("deal.trades", "deal.meso", "deal.improvement"),
        )
    ]


def _alternative_items(case: Case) -> list[ReadinessItem]:
    theirs = case.alternatives_of("theirs")
    ours = case.alternatives_of("ours")
    no_cons = [a.name or a.id for a in theirs if not any(c.strip() for c in a.cons)]
    # Every alternative of theirs has a generated point unless the consultant's own words
    # for it (stored) are blank.
    blanked = {p.alternative_id for p in case.proposal.talking_points if not p.text.strip()}
    blanked -= {p.alternative_id for p in case.proposal.talking_points if p.text.strip()}
    no_point = [a.name or a.id for a in theirs if a.id in blanked]
    priced = any(a.unit_price is not None for a in theirs)
    items = [
        _item(
            "their_alternatives_listed",
            _("Their alternatives are listed"),
            bool(theirs),
            _(
                "List what the counterpart can do without us (switch to a competitor, build "
                "in-house, delay…), with pros, cons and feasibility."
            ),
            affects=(
                "value.theirs.batna_alternative",
                "value.theirs.batna_value",
                "value.theirs.gain",
                "value.theirs.robustness",
                "value.leverage",
            ),
        ),
        _item(
            "our_alternatives_listed",
            _("Our alternatives are listed"),
            bool(ours),
            _("List what we can do without them, so our own value BATNA is known."),
            affects=(
                "value.ours.batna_alternative",
                "value.ours.batna_value",
                "value.ours.gain",
                "value.leverage",
            ),
        ),
        _item(
            "their_price_alternative",
            _("At least one of their alternatives has a unit price"),
            priced,
            _(
                "Give their alternatives a unit price (with switching and failure costs) so their "
                "walk-away price can be computed."
            ),
            affects=[
                f"zopa.{f}"
                for f in (
                    "their_walk_away",
                    "their_batna_alternative",
                    "exists",
                    "width",
                    "fair_price",
                    *_SHARE_FIGURES,
                )
            ]
            + ["deal.proposal.their_surplus", "deal.meso"],
        ),
        _item(
            "alternatives_have_cons",
            _("Every alternative of theirs has at least one con"),
            bool(theirs) and not no_cons,
            _(
                "Write down the cons of {names}: they are what takes the pressure out of the "
                "threat."
            ).format(names=_names(no_cons))
            if no_cons
            else _(
                "Write down the cons of their alternatives: they are what takes the pressure out "
                "of the threat."
            ),
            detail=_("No cons for {names}.").format(names=_names(no_cons)) if no_cons else None,
        ),
        _item(
            "alternatives_have_talking_points",
            _("Every alternative of theirs has a talking point"),
            bool(theirs) and not no_point,
            _("Prepare a talking point that rebuts {names}.").format(names=_names(no_point))
            if no_point
            else _("Prepare a talking point that rebuts each of their alternatives."),
            detail=_("No talking point for {names}.").format(names=_names(no_point))
            if no_point
            else None,
        ),
    ]
    return items


def _value_items(case: Case, value: ValueView) -> list[ReadinessItem]:
    items = []
    for side in ("ours", "theirs"):
        view = value.ours if side == "ours" else value.theirs
        affects = [
            f"value.{side}.{f}"
            for f in ("batna_alternative", "batna_value", "proposal_value", "gain")
        ]
        if side == "theirs":
            affects.append("value.theirs.robustness")
        affects.append("value.leverage")
        items.append(
            _item(
                f"criteria_{side}",
                _("Our criteria have weights")
                if side == "ours"
                else _("Their criteria have weights"),
                view.available,
                _("Add our criteria and give them weights (they are normalised).")
                if side == "ours"
                else _("Add their criteria and give them weights (they are normalised)."),
                detail=view.reason if not view.available else None,
                affects=affects,
            )
        )
    unscored = _unscored(case)
    items.append(
        _item(
            "options_scored",
            _("Every option is scored on every criterion of its side"),
            not unscored,
            _(
                "Score {names} (0–10); a missing score counts as 0, and the leverage index states "
                "no verdict until the alternatives and the proposal are scored."
            ).format(names=_names(unscored)),
            detail=_("Scores missing for {names}.").format(names=_names(unscored))
            if unscored
            else None,
            affects=("value.leverage",) if value.missing_scores else (),
        )
    )
    return items


def _unscored(case: Case) -> list[str]:
    result = []
    for alt in case.alternatives:
        if any(c.id not in alt.scores for c in case.criteria_of(alt.side)):
            result.append(alt.name or alt.id)
    scenario: Scenario
    for scenario in case.scenarios:
        if any(c.id not in scenario.scores for c in case.criteria):
            result.append(scenario.name or scenario.id)
    return result


def _zopa_items(zopa: Zopa) -> list[ReadinessItem]:
    unknown = zopa.exists is None
    exists = bool(zopa.exists)
    inside = exists and zopa.our_share is not None and 0.0 <= zopa.our_share <= 1.0
    fair = zopa.verdict == "fair"
    first = _("Complete the figures above first.") if unknown else ""
    return [
        _item(
            "zopa_exists",
            _("There is a zone of possible agreement"),
            exists,
            first
            or _(
                "There is no zone: their walk-away is not above ours. Lower our costs or risk (a "
                "liability cap), or show them what their alternatives really cost."
            ),
        ),
        _item(
            "proposal_in_zopa",
            _("Our proposal's price is inside the zone"),
            inside,
            first
            or (
                _("Move the proposal's price between the two walk-away prices.")
                if exists
                else _("There is no zone to put the price in yet.")
            ),
        ),
        _item(
            "proposal_fair",
            _("Our proposal is fair (its share of the zone is in the fair band)"),
            fair,
            first
            or (
                _("Move the price towards the fair price (the middle of the zone).")
                if exists
                else _("There is no zone yet, so no fair price.")
            ),
        ),
    ]


def _margin_item(case: Case, scenarios: Sequence[ScenarioAnalysis]) -> list[ReadinessItem]:
    proposal = case.proposal_scenario
    figures = next((s for s in scenarios if proposal and s.id == proposal.id), None)
    pct = figures.money.margin_pct if figures else None
    ok = pct is not None and pct >= case.info.min_margin_pct
    todo = (
        _("Complete the proposal's price and volume first.")
        if pct is None
        else _(
            "The margin is {margin}, under the minimum of {minimum}: raise the price, cut costs "
            "or shorten the payment days."
        ).format(margin=percent_text(fixed(pct, 1)), minimum=percent_g(case.info.min_margin_pct))
    )
    return [_item("margin_meets_minimum", _("Our proposal's margin meets the minimum"), ok, todo)]


def _plausible_walk_away(case: Case, scenarios: Sequence[ScenarioAnalysis]) -> list[ReadinessItem]:
    """Our walk-away more than twice the proposal's price usually means the minimum margin,
    the cost of capital or the payment days leave almost nothing of revenue to cover costs."""
    proposal = case.proposal_scenario
    figures = next((s for s in scenarios if proposal and s.id == proposal.id), None)
    walk, price = (figures.walk_away_price, figures.unit_price) if figures else (None, None)
    too_high = False
    detail = None
    if walk is not None and price is not None and walk > 2.0 * price and proposal is not None:
        too_high = True
        info = case.info
        financing = 100.0 * financing_rate(info.cost_of_capital_pct, proposal.payment_days)
        left = 100.0 - info.min_margin_pct - financing
        detail = _(
            "Our walk-away {walk} is {times} × the proposal's price {price}: the minimum margin "
            "of {minimum} and {financing} of revenue for financing (cost of capital {capital} "
            "over {days} payment days) leave {left} of revenue to cover costs and the expected "
            "shortfall."
        ).format(
            walk=fixed(walk, 2, grouping=True),
            times=fixed(walk / price, 1),
            price=fixed(price, 2, grouping=True),
            minimum=percent_g(info.min_margin_pct),
            financing=percent_text(fixed(financing, 1)),
            capital=percent_g(info.cost_of_capital_pct),
            days=number_g(proposal.payment_days),
            left=percent_text(fixed(left, 1)),
        )
    return [
        _item(
            "walk_away_plausible",
            _("Our walk-away is within twice our proposal's price"),
            not too_high,
            _(
                "Check the inputs that drive it: the minimum margin, the cost of capital and the "
                "payment days (and the costs and risks behind the expected shortfall)."
            ),
            detail=detail,
        )
    ]


def _tail_item(settings: Settings) -> list[ReadinessItem]:
    warning = thin_tail_warning(settings)
    return [
        _item(
            "enough_runs",
            _("Enough simulation runs for the risk tail (200 beyond the value at risk)"),
            warning is None,
            _("Use at least {runs} simulation runs at {confidence} confidence.").format(
                runs=fixed(settings.runs_needed, 0, grouping=True),
                confidence=percent_g(100.0 * settings.risk_confidence, " "),
            ),
            detail=warning,
        )
    ]


def _risk_items(case: Case) -> list[ReadinessItem]:
    bare = [r.name or r.id for r in case.risks if not r.mitigation.strip()]
    return [
        _item(
            "risks_mitigated",
            _("Every risk has a mitigation"),
            not bare,
            _("Write down how we limit {names}.").format(names=_names(bare)),
            detail=_("No mitigation for {names}.").format(names=_names(bare)) if bare else None,
        )
    ]


def _interest_items(case: Case) -> list[ReadinessItem]:
    parties = [p for p in case.parties if p.side == "theirs"]
    addressed = set(case.proposal.addresses_interests)
    left = [p.name or p.id for p in parties if not any(i.id in addressed for i in p.interests)]
    todo = (
        _("Map the counterpart's people and what each of them needs.")
        if not parties
        else _("Make the proposal address at least one interest of {names}.").format(
            names=_names(left)
        )
    )
    return [
        _item(
            "interests_addressed",
            _("The proposal addresses an interest of every counterpart party"),
            bool(parties) and not left,
            todo,
            detail=_("Nothing addressed for {names}.").format(names=_names(left)) if left else None,
        )
    ]


def _offer_date_item(case: Case) -> list[ReadinessItem]:
    """An offer open until a date before its own lapses before it is made: said here and when
    the proposal is exported, never refused (the consultant may be mid-way through dates)."""
    problem = offer_date_problem(case)
    return [
        _item(
            "offer_open_until",
            _("The offer is open until a date on or after its own date"),
            problem is None,
            _(
                "Set “Open until” (Proposal tab, The offer) on or after the proposal's date "
                "(“Prepared on”, Case tab)."
            ),
            detail=problem,
        )
    ]


def _batna_item(case: Case, zopa: Zopa, value: ValueView) -> list[ReadinessItem]:
    money, qualitative = zopa.their_batna_alternative, value.theirs.batna_alternative
    names = {a.id: a.name or a.id for a in case.alternatives}
    if money is None or qualitative is None:
        todo = _("Complete their alternatives' prices and scores so both BATNAs are known.")
        detail = None
    else:
        todo = _(
            "By price their BATNA is “{money}”, by value “{value}”: reconcile the scores with "
            "the prices."
        ).format(money=names[money], value=names[qualitative])
        detail = None
    return [
        _item(
            "batnas_agree",
            _("Their money BATNA and value BATNA are the same alternative"),
            money is not None and money == qualitative,
            todo,
            detail,
        )
    ]


def readiness(
    case: Case,
    scenarios: Sequence[ScenarioAnalysis],
    zopa: Zopa,
    value: ValueView,
    settings: Settings,
) -> Readiness:
    items = [
        *_proposal_items(case),
        *_demand_item(case),
        *_scenario_inputs(case),
        *_walk_away_items(case, scenarios),
        *_plausible_walk_away(case, scenarios),
        *_alternative_items(case),
        *_value_items(case, value),
        *_zopa_items(zopa),
        *_margin_item(case, scenarios),
        *_tail_item(settings),
        *_risk_items(case),
        *_interest_items(case),
        *_offer_date_item(case),
        *_batna_item(case, zopa, value),
    ]
    passed = sum(1 for item in items if item.passed)
    return Readiness(score=passed / len(items), passed=passed, total=len(items), items=tuple(items))
