"""``analyze_case``: every figure of SPEC §2 for a case, as plain data."""

from __future__ import annotations

from collections.abc import Callable

from desktop_app.analysis.caps import cap_risk
from desktop_app.analysis.correlation import risk_pairing
from desktop_app.analysis.deal import (
    build_deal_model,
    deal_analysis,
    our_money_batna,
    their_rate_pct,
    their_terms,
)
from desktop_app.analysis.money import (
    cost_items,
    no_walk_away_note,
    our_walk_away,
    scenario_money,
)
from desktop_app.analysis.montecarlo import Retain, simulate_totals
from desktop_app.analysis.readiness import readiness
from desktop_app.analysis.results import (
    CaseAnalysis,
    IntelligenceItem,
    ScenarioAnalysis,
    SensitivityItem,
    Settings,
)
from desktop_app.analysis.risk import loss_figures
from desktop_app.analysis.sensitivity import ProposalInputs, sensitivity
from desktop_app.analysis.tail import (
    QUANTILE_METHOD,
    LossTail,
    runs_needed,
    tail_too_thin,
    tail_weight,
)
from desktop_app.analysis.talks import talks_analysis
from desktop_app.analysis.their_walk_away import their_walk_away_distribution
from desktop_app.analysis.value import value_view
from desktop_app.analysis.zopa import PRICE_ONLY, build_zopa, price_options
from desktop_app.domain.model import Case, CaseInfo, Scenario


class Cancelled(Exception):
    """Raised by ``analyze_case`` when ``should_cancel()`` returned True."""


class _Progress:
    """Counts work units, reports fractions (at most ~200 calls) and checks cancellation."""

    def __init__(
        self,
        total: int,
        report: Callable[[float], None] | None,
        should_cancel: Callable[[], bool] | None,
    ) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.report = report
        self.should_cancel = should_cancel
        self.step = max(self.total // 200, 1)

    def tick(self, units: int = 1) -> None:
        before = self.done
        self.done = min(self.done + units, self.total)
        if self.done // self.step == before // self.step and self.done != self.total:
            return
        if self.should_cancel is not None and self.should_cancel():
            raise Cancelled
        if self.report is not None:
            self.report(self.done / self.total)

    def check(self) -> None:
        if self.should_cancel is not None and self.should_cancel():
            raise Cancelled


def _scenario_analysis(
    case: Case, scenario: Scenario, tail: LossTail, our_batna: float
) -> ScenarioAnalysis:
    info = case.info
    money = scenario_money(info, case.cost_lines, scenario)
    loss = loss_figures(case.risks, scenario, tail)
    walk_away, note = None, None
    if money.cost is not None and money.price_weighted_volume is not None:
        walk_away = our_walk_away(
            money.cost,
            loss.expected_shortfall,
            money.price_weighted_volume,
            info.min_margin_pct,
            info.cost_of_capital_pct,
            scenario.payment_days,
            batna=our_batna,
        )
        if walk_away is None:
            note = no_walk_away_note(info, scenario.payment_days)
    adjusted = conservative = p_below = p_loss = None
    if money.margin is not None and money.revenue is not None and money.revenue > 0.0:
        adjusted = 100.0 * (money.margin - loss.expected_loss) / money.revenue
        conservative = 100.0 * (money.margin - loss.expected_shortfall) / money.revenue
        floor = money.margin - info.min_margin_pct / 100.0 * money.revenue
        p_below = tail.share_above(floor)
        p_loss = tail.share_above(money.margin)
    return ScenarioAnalysis(
        id=scenario.id,
        name=scenario.name,
        role=scenario.role,
        unit_price=scenario.unit_price,
        annual_volume=scenario.annual_volume,
        years=scenario.years,
        liability_cap=scenario.liability_cap,
        money=money,
        loss=loss,
        risk_adjusted_margin_pct=adjusted,
        conservative_margin_pct=conservative,
        walk_away_price=walk_away,
        walk_away_note=note,
        p_below_min_margin=p_below,
        p_loss=p_loss,
    )


def _settings(info: CaseInfo) -> Settings:
    return Settings(
        currency=info.currency,
        runs=info.simulation_runs,
        seed=info.simulation_seed,
        risk_confidence=info.risk_confidence,
        sensitivity_pct=info.sensitivity_pct,
        min_margin_pct=info.min_margin_pct,
        cost_of_capital_pct=info.cost_of_capital_pct,
        their_cost_of_capital_pct=their_rate_pct(info),
        quantile_method=QUANTILE_METHOD,
        tail_runs=tail_weight(info.simulation_runs, info.risk_confidence),
        runs_needed=runs_needed(info.risk_confidence),
        tail_too_thin=tail_too_thin(info.simulation_runs, info.risk_confidence),
    )


def analyze_case(
    case: Case,
    *,
    progress: Callable[[float], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> CaseAnalysis:
    """Every figure of SPEC §2. ``progress`` receives fractions 0–1 as the work advances;
    when ``should_cancel()`` returns True the analysis stops by raising ``Cancelled``."""
    info = case.info
    proposal = case.proposal_scenario
    with_tornado = proposal is not None and proposal.annual_volume is not None
    risk_units = len(case.risks)
    tracker = _Progress(
        risk_units * (2 if with_tornado else 1) + len(case.scenarios) + 1,
        progress,
        should_cancel,
    )
    tracker.check()
    retain = None
    if with_tornado and proposal is not None:
        index = case.scenarios.index(proposal)
        retain = Retain(index, 1.0 + info.sensitivity_pct / 100.0)
    pairing = risk_pairing(case)
    simulation = simulate_totals(
        case.risks,
        case.scenarios,
        seed=info.simulation_seed,
        runs=info.simulation_runs,
        tick=tracker.tick,
        retain=retain,
        pairing=pairing,
    )
    totals, retained = simulation.totals, simulation.retained
    del simulation
    scenarios: list[ScenarioAnalysis] = []
    proposal_tail: LossTail | None = None
    our_batna = our_money_batna(case.alternatives)[0]
    for index, scenario in enumerate(case.scenarios):
        is_proposal = proposal is not None and scenario.id == proposal.id
        losses = totals[index].copy() if is_proposal else totals[index]
        tail = LossTail(losses, info.risk_confidence)
        scenarios.append(_scenario_analysis(case, scenario, tail, our_batna))
        if is_proposal:
            proposal_tail = tail
        tracker.tick()
    del totals  # only the proposal's losses are kept (copied), for the sensitivity
    figures = next((s for s in scenarios if proposal and s.id == proposal.id), None)
    options = price_options(case.alternatives)
    model = None
    if proposal is not None and proposal_tail is not None:
        risk = cap_risk(
            case.risks, proposal, proposal_tail, seed=info.simulation_seed, pairing=pairing
        )
        model = build_deal_model(case, proposal, options, risk, retained)
    zopa = build_zopa(
        scenario_id=proposal.id if proposal else None,
        price=proposal.unit_price if proposal else None,
        ours=figures.walk_away_price if figures else None,
        options=options,
        units=figures.money.units if figures else None,
        k=figures.money.price_weighted_volume if figures else None,
        fair_band=info.fair_band,
        terms=their_terms(model, proposal) if proposal is not None else PRICE_ONLY,
    )
    their_walk_away = (
        their_walk_away_distribution(case, proposal, model, zopa.our_walk_away)
        if proposal is not None
        else None
    )
    deal = deal_analysis(case, model)
    talks = talks_analysis(case, zopa, deal, retained)
    value = value_view(case)
    tornado: tuple[SensitivityItem, ...] = ()
    intelligence: tuple[IntelligenceItem, ...] = ()
    if proposal is not None and proposal.annual_volume is not None and proposal_tail is not None:
        base = ProposalInputs(
            volume=proposal.annual_volume,
            years=proposal.years,
            price_change_pct=proposal.annual_price_change_pct,
            payment_days=float(proposal.payment_days),
            cost_of_capital_pct=info.cost_of_capital_pct,
            min_margin_pct=info.min_margin_pct,
            costs=tuple(cost_items(case.cost_lines)),
            shortfall=proposal_tail.base.es,
            options=tuple(options),
            their_cost_of_capital_pct=info.their_cost_of_capital_pct,
            reference_days=float(model.reference_days) if model is not None else 0.0,
            reference_kept=model.risk_kept(model.reference_cap) if model is not None else 0.0,
            proposal_kept=model.risk_kept(proposal.liability_cap) if model is not None else 0.0,
            our_batna=our_batna,
        )
        tornado, intelligence = sensitivity(
            case, proposal, base, proposal_tail, retained, tick=tracker.tick, pairing=pairing
        )
    settings = _settings(info)
    checklist = readiness(case, scenarios, zopa, value, settings)
    tracker.tick(tracker.total)
    return CaseAnalysis(
        settings=settings,
        scenarios=tuple(scenarios),
        zopa=zopa,
        value=value,
        sensitivity=tornado,
        intelligence=intelligence,
        readiness=checklist,
        deal=deal,
        talks=talks,
        their_walk_away=their_walk_away,
    )
