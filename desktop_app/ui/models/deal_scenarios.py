"""A deal package of the Deal tab (the improvement, a what-if position) as a new scenario.

The package's four tradable terms on our proposal's volume and years, with our proposal's risk
overrides (the deal design prices every package under them, SPEC §8) and its scores as a
starting point (a variant of our proposal is judged as it is until the consultant says
otherwise); role "other". One ``Case`` in, one out: the caller stores it as one undo step.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain import edits
from desktop_app.domain.model import Case, Scenario
from desktop_app.i18n import _, language
from desktop_app.i18n.numbers import compact, currency_symbol, grouped


@dataclass(frozen=True, slots=True)
class PackageTerms:
    """A first-year price and the three other tradable terms."""

    unit_price: float
    annual_price_change_pct: float
    payment_days: int
    liability_cap: float | None


def _amount(value: float) -> str:
    for size, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:,.2f}".rstrip("0").rstrip(".") + suffix
    return f"{value:,.0f}"


def package_words(package: PackageTerms, currency: str) -> str:
    """ "460.00 EUR, −1.5 %/yr, 60 days, cap 2M EUR": a scenario's name says its terms."""
    cap = package.liability_cap
    change = f"{package.annual_price_change_pct:+g}".replace("-", "−")
    if language() == "en":
        price = f"{package.unit_price:,.2f} {currency}"
        amount = "" if cap is None else f"{_amount(cap)} {currency}"
    else:
        price = f"{grouped(package.unit_price, 2)} {currency_symbol(currency)}"
        amount = "" if cap is None else compact(cap, currency, " ")
        change = change.replace(".", ",")
    capped = _("uncapped") if cap is None else _("cap {amount}").format(amount=amount)
    return _("{price}, {change} %/yr, {days} days, {cap}").format(
        price=price, change=change, days=package.payment_days, cap=capped
    )


def package_scenario(case: Case, package: PackageTerms, name: str) -> Scenario | None:
    """The package as a scenario of ``case`` (None without a proposal scenario to take the
    volume, years, overrides and scores from)."""
    proposal = case.proposal_scenario
    if proposal is None:
        return None
    return Scenario(
        id=edits.new_id(case, "scenario"),
        name=name,
        role="other",
        unit_price=round(package.unit_price, 2),
        annual_volume=proposal.annual_volume,
        years=proposal.years,
        annual_price_change_pct=round(package.annual_price_change_pct, 4),
        payment_days=int(package.payment_days),
        liability_cap=package.liability_cap,
        scores=dict(proposal.scores),
        risk_overrides=dict(proposal.risk_overrides),
    )


def with_package(case: Case, package: PackageTerms, name: str) -> tuple[Case, Scenario] | None:
    """``case`` with the package added as its last scenario, and that scenario."""
    scenario = package_scenario(case, package, name)
    if scenario is None:
        return None
    return edits.add_entity(case, scenario), scenario
