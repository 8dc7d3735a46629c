"""Every entity's fields, declared once (SPEC §1): each field's rule, label, tooltip, kind (its
unit) and the labels of its choices.

``parse_entity`` turns a raw mapping (JSON, a row, a GUI edit) into a dataclass, refusing
unknown and invalid fields with their path; ``to_raw`` is its inverse. Defaults come from the
dataclasses in ``model.py``, so a missing optional field gets the same default everywhere.

Derived from these declarations rather than written again: the app's table columns, cell
editors and form fields (``ui/models/columns.py``: ``column_for``, ``columns_for``), which
columns the store keeps as JSON text or 0/1 (``store/rows.py``), the JSON interchange
(``to_raw``), the range a typed value must fall in (``entry.bounds_for``) and a scenario's risk
overrides (the register's fields, made optional). A new field takes its dataclass field in
``model.py``, its line here, and a migration adding its column.
"""

from __future__ import annotations

import dataclasses
import keyword
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from desktop_app.domain import model as m
from desktop_app.domain.errors import FieldError, ValidationError, join_path
from desktop_app.domain.fields import (
    Band,
    Bookkeeping,
    Boolean,
    Choice,
    Colour,
    Currency,
    Date,
    Field,
    Identifier,
    IdList,
    Integer,
    Logo,
    Number,
    Rule,
    ScoreMap,
    Text,
    TextList,
    _type_name,
)
from desktop_app.i18n import N_, _

MONEY = Number(lo=0)
FRACTION = Number(0, 1)

#: Their alternatives' money fields that may carry a range (SPEC §9), with their labels: each
#: has ``<field>_low`` and ``<field>_high`` beside it.
RANGED_MONEY: dict[str, tuple[str, str]] = {
    "unit_price": (N_("Unit price low"), N_("Unit price high")),
    "switching_cost": (N_("Switching cost low"), N_("Switching cost high")),
    "failure_cost": (N_("Failure cost low"), N_("Failure cost high")),
}
#: What the low and the high end of a range mean (one tooltip for each end of every range).
RANGE_TOOLTIPS = (
    N_(
        "Theirs only: the lowest value you think possible when the figure beside it is not "
        "known exactly (low ≤ value ≤ high). With a range their walk-away becomes a "
        "distribution: each run draws it from triangular(low, value, high). Empty: known "
        "exactly."
    ),
    N_(
        "Theirs only: the highest value you think possible when the figure beside it is not "
        "known exactly (low ≤ value ≤ high). With a range their walk-away becomes a "
        "distribution: each run draws it from triangular(low, value, high). Empty: known "
        "exactly."
    ),
)


@dataclass(frozen=True, eq=False)
class EntitySpec:
    """An entity's dataclass, its fields by name, and which fields must be given.

    A field is declared as a ``Field`` (its rule with its words) or as a bare rule (a field
    no consultant sees by its label); ``fields`` holds every one as a ``Field`` with its name
    and label filled in, ``rules`` just their rules.
    """

    cls: type[Any]
    declared: Mapping[str, Rule | Field]
    required: frozenset[str] = frozenset()
    fields: Mapping[str, Field] = dataclasses.field(init=False, repr=False)
    rules: Mapping[str, Rule] = dataclasses.field(init=False, repr=False)

    def __post_init__(self) -> None:
        fields = {
            name: dataclasses.replace(
                declared if isinstance(declared, Field) else Field(declared),
                name=name,
                label=_label(declared) or name.replace("_", " ").capitalize(),
            )
            for name, declared in self.declared.items()
        }
        object.__setattr__(self, "fields", fields)
        object.__setattr__(self, "rules", {name: f.rule for name, f in fields.items()})

    def field_names(self) -> tuple[str, ...]:
        """The fields' names as the JSON and the file spell them (``from``, not ``from_``)."""
        return tuple(json_name(f.name) for f in dataclasses.fields(self.cls))


def json_name(attribute: str) -> str:
    """A dataclass attribute's name in the JSON, the file and the schema: a Python keyword
    is spelled with a trailing underscore in the dataclass (``Offer.from_``) and without it
    everywhere else (``"from"``)."""
    bare = attribute.removesuffix("_")
    return bare if bare != attribute and keyword.iskeyword(bare) else attribute


def attribute_name(name: str) -> str:
    """The dataclass attribute of the field ``name`` (``"from"`` → ``"from_"``)."""
    return f"{name}_" if keyword.iskeyword(name) else name


def field_value(entity: Any, name: str) -> Any:
    """The value of the field ``name`` (as the schema spells it) of ``entity``."""
    return getattr(entity, attribute_name(name))


def _label(declared: Rule | Field) -> str:
    return declared.label if isinstance(declared, Field) else ""


@dataclass(frozen=True)
class Nested(Rule):
    """A list of entities, each parsed with its own spec."""

    spec: EntitySpec

    def check(self, value: object, path: str) -> tuple[Any, ...]:
        if isinstance(value, str | bytes) or not isinstance(value, Sequence):
            raise FieldError(path, _("must be a list, not {kind}").format(kind=_type_name(value)))
        return tuple(
            parse_entity(self.spec, item, join_path(path, i)) for i, item in enumerate(value)
        )


@dataclass(frozen=True)
class NestedMap(Rule):
    """``{id: entity}``, e.g. a scenario's risk overrides."""

    spec: EntitySpec

    def check(self, value: object, path: str) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise FieldError(
                path, _("must be an object, not {kind}").format(kind=_type_name(value))
            )
        result: dict[str, Any] = {}
        for key, item in value.items():
            key_path = join_path(path, str(key))
            Identifier().check(key, key_path)
            result[key] = parse_entity(self.spec, item, key_path)
        return result


# -- the labels of choices ----------------------------------------------------------------------

#: The stance scale's words: the stakeholder map's axis, the brief's parties, the app's labels.
STANCE_WORDS: dict[int, str] = {
    -2: N_("hostile"),
    -1: N_("sceptical"),
    0: N_("neutral"),
    1: N_("favourable"),
    2: N_("supportive"),
}
#: The stances as the app offers them: the number with its word (English: a key of the
#: catalogue, as every label here; ``stance_label`` gives it in the language in use).
STANCES: tuple[tuple[int, str], ...] = (
    (-2, N_("−2 hostile")),
    (-1, N_("−1 sceptical")),
    (0, N_("0 neutral")),
    (1, N_("+1 favourable")),
    (2, N_("+2 supportive")),
)


def stance_label(stance: int) -> str:
    """``-2`` → ``"−2 hostile"``, ``0`` → ``"0 neutral"``, ``1`` → ``"+1 favourable"``, in the
    language in use."""
    label = dict(STANCES).get(stance)
    if label is None:
        return f"{'+' if stance > 0 else ('−' if stance < 0 else '')}{abs(stance)}"
    return _(label)


PARTY_SIDES = (("ours", N_("ours")), ("theirs", N_("theirs")), ("third", N_("third party")))
#: A criterion's or an alternative's side, the counterpart's first (the method starts there).
SIDES = (("theirs", N_("theirs")), ("ours", N_("ours")))
COST_BASES = (
    ("per_unit", N_("per unit")),
    ("per_year", N_("per year")),
    ("one_time", N_("one-time")),
)
RISK_FREQUENCIES = (
    ("per_contract", N_("once per contract")),
    ("per_year", N_("each year")),
)
SCENARIO_ROLES = (
    ("their_demand", N_("their demand")),
    ("our_proposal", N_("our proposal")),
    ("other", N_("other")),
)


# -- the entities --------------------------------------------------------------------------------

CASE_INFO = EntitySpec(
    m.CaseInfo,
    {
        "title": Field(
            Text(required=True, max_len=200),
            N_("Title"),
            N_("The negotiation, in a few words (required)."),
        ),
        "client": Field(Text(), N_("Client"), N_("Who we prepare: the side that feels weaker.")),
        "counterpart": Field(Text(), N_("Counterpart"), N_("Who they negotiate with.")),
        "consultant": Field(
            Text(),
            N_("Consultant"),
            N_("The person who prepares the team; the firm is the consultancy."),
        ),
        "consultancy": Field(
            Text(),
            N_("Consultancy"),
            N_(
                "The firm that prepares the brief: its name is on the brief's cover and is the "
                "brief's PDF author. It never appears on the proposal, which is the client's."
            ),
        ),
        "subject": Field(Text(), N_("Subject"), N_("What is being negotiated.")),
        "notes": Field(Text(), N_("Notes"), unit="longtext"),
        "currency": Field(
            Currency(),
            N_("Currency"),
            N_(
                "ISO 4217 code of three capital letters (EUR, USD, PLN…); every money figure of "
                "the case is in this currency."
            ),
        ),
        "prepared_on": Field(
            Date(), N_("Prepared on"), N_("The date of the preparation, as YYYY-MM-DD.")
        ),
        "min_margin_pct": Field(
            Number(0, 100, hi_open=True),
            N_("Minimum margin"),
            N_(
                "The lowest margin (share of revenue) we accept after risk; it sets our walk-away "
                "price."
            ),
            "percent",
        ),
        "cost_of_capital_pct": Field(
            Number(0, 100),
            N_("Cost of capital"),
            N_("Yearly cost of financing what the customer owes us: payment days cost money."),
            "percent",
        ),
        "their_cost_of_capital_pct": Field(
            Number(0, 100, nullable=True),
            N_("Their cost of capital"),
            N_(
                "The counterpart's yearly cost of capital: what paying us later is worth to them "
                "(a large buyer usually finances more cheaply than its supplier). It prices "
                "payment days on their side of the deal: their walk-away, the trading plan and "
                "the offers of equal value. Empty: the same as ours."
            ),
            "percent",
        ),
        "risk_confidence": Field(
            Number(0.5, 0.999),
            N_("Risk confidence (α)"),
            N_(
                "The confidence α of value at risk (VaR) and expected shortfall (ES). At 90 %, VaR "
                "is the loss exceeded in only 10 % of simulated contracts, and ES the average loss "
                "of that worst 10 %: what the bad cases cost on average (a lone 5 % risk of 1M has "
                "a VaR of 0 but an ES of 0.5M). A higher α looks further into the tail and needs "
                "more runs: at least 200 beyond VaR, runs × (1 − α) ≥ 200 — 2,000 runs at 90 %, "
                "4,000 at 95 %, 20,000 at 99 %."
            ),
            "fraction",
        ),
        "fair_band": Field(
            Band(),
            N_("Fair band"),
            N_(
                "Our share of the zone of agreement that still counts as fair (0 % = our "
                "walk-away, 100 % = theirs). A proposal below the band is generous, above it "
                "aggressive."
            ),
        ),
        "simulation_runs": Field(
            Integer(1_000, 1_000_000),
            N_("Simulation runs"),
            N_(
                "How many contracts the risk Monte Carlo simulates (1,000–1,000,000). More runs "
                "make the figures steadier: the ± next to the expected shortfall is its Monte "
                "Carlo standard error, and four times the runs halve it. The tail needs at least "
                "200 runs beyond the value at risk, runs × (1 − α) ≥ 200 (2,000 at 90 %, 4,000 at "
                "95 %, 20,000 at 99 %); with fewer, the dashboard warns and names the runs needed."
            ),
        ),
        "simulation_seed": Field(
            Integer(lo=0),
            N_("Simulation seed"),
            N_("The same seed gives the same figures, every time."),
        ),
        "sensitivity_pct": Field(
            Number(1, 90),
            N_("Sensitivity step"),
            N_("How far each input is moved up and down for the tornado."),
            "percent",
            decimals=0,
        ),
        "consultancy_logo": Field(
            Logo(),
            N_("Logo"),
            N_("The consultancy's logo on the team brief's cover: a PNG or JPEG of at most 2 MB."),
        ),
        "consultancy_accent": Field(
            Colour(),
            N_("Accent colour"),
            N_(
                "The consultancy's colour (#RRGGBB) for the brief's cover band. Empty: a neutral "
                "dark grey."
            ),
        ),
        "client_logo": Field(
            Logo(),
            N_("Logo"),
            N_("The client's logo at the head of the proposal: a PNG or JPEG of at most 2 MB."),
        ),
        "client_accent": Field(
            Colour(),
            N_("Accent colour"),
            N_(
                "The client's colour (#RRGGBB) for the proposal's letterhead and "
                "headings. Empty: a "
                "neutral dark grey."
            ),
        ),
        "plan_rounds": Field(
            Integer(1, 20),
            N_("Plan rounds"),
            N_(
                "In how many rounds the concession plan goes from our proposal's price to the "
                "plan's limit (1–20)."
            ),
        ),
        "plan_shape": Field(
            Number(0.1, 10),
            N_("Plan shape"),
            N_(
                "How the plan concedes (0.1–10): below 1 it holds the price and concedes late, 1 "
                "concedes the same each round, above 1 concedes early. Halfway through the rounds "
                "it has conceded 3 % of the way at 0.2, half at 1, 71 % at 2."
            ),
            decimals=2,
        ),
        "plan_limit": Field(
            Number(lo=0, lo_open=True, nullable=True),
            N_("Plan limit"),
            N_(
                "The price the plan concedes to in its last round; it should not be below our "
                "walk-away. Empty: the fair price."
            ),
            "money",
        ),
    },
    frozenset({"title"}),
)

INTEREST = EntitySpec(
    m.Interest,
    {
        "id": Identifier(),
        "text": Field(
            Text(),
            N_("Interest"),
            N_(
                "What the party actually needs (not the position it takes): a yearly cost-down to "
                "show, supply security, no requalification…"
            ),
        ),
        "priority": Field(
            Integer(1, 5),
            N_("Priority"),
            N_("How much it matters to them: 1 (minor) to 5 (vital)."),
        ),
    },
    frozenset({"id"}),
)

PARTY = EntitySpec(
    m.Party,
    {
        "id": Identifier(),
        "name": Field(
            Text(required=True), N_("Name"), N_("The person or organisation (required).")
        ),
        "side": Field(
            Choice(m.PARTY_SIDES),
            N_("Side"),
            N_(
                "Ours: our client's people. Theirs: the counterpart's people — the proposal must "
                "meet at least one interest of each. Third party: a competitor, a supplier, a "
                "regulator who can sway the deal."
            ),
            choices=PARTY_SIDES,
        ),
        "role": Field(
            Text(),
            N_("Role"),
            N_("What they do in this negotiation: decision maker, influencer, gatekeeper…"),
        ),
        "influence": Field(
            Integer(1, 5),
            N_("Influence"),
            N_(
                "How much they can sway the outcome: 1 (little) to 5 (decides). The vertical axis "
                "of the stakeholder map."
            ),
        ),
        "stance": Field(
            Integer(-2, 2),
            N_("Stance"),
            N_(
                "Their attitude to our client and this deal: −2 hostile, −1 sceptical, 0 neutral, "
                "+1 favourable, +2 supportive. The horizontal axis of the stakeholder map."
            ),
            choices=STANCES,
        ),
        "notes": Field(
            Text(),
            N_("Notes"),
            N_("What drives them, what they are measured on, how they negotiate."),
            "longtext",
        ),
        "interests": Nested(INTEREST),
    },
    frozenset({"id", "name", "side"}),
)

CRITERION = EntitySpec(
    m.Criterion,
    {
        "id": Identifier(),
        "side": Field(
            Choice(m.SIDES),
            N_("Side"),
            N_(
                "Whose judgement the criterion models. Moving it to the other side drops the "
                "scores the alternatives gave it (undo brings them back)."
            ),
            choices=SIDES,
        ),
        "name": Field(Text(), N_("Criterion"), N_("One thing this side judges options by.")),
        "weight": Field(
            Number(lo=0),
            N_("Weight"),
            N_(
                "How much the criterion counts (≥ 0). Any scale will do: the weights of a side are "
                "normalised to sum to 100 %."
            ),
            decimals=1,
        ),
        "description": Field(
            Text(),
            N_("Description"),
            N_("What the criterion means and how a 0 or a 10 looks."),
            "longtext",
        ),
    },
    frozenset({"id", "side"}),
)

ALTERNATIVE = EntitySpec(
    m.Alternative,
    {
        "id": Identifier(),
        "side": Field(
            Choice(m.SIDES),
            N_("Side"),
            N_(
                "Theirs: what the counterpart can do without us. Ours: what we can do without them."
            ),
            choices=SIDES,
        ),
        "name": Field(Text(), N_("Alternative"), N_("What this side can do if the talks fail.")),
        "description": Field(Text(), N_("Description"), N_("What the alternative is."), "longtext"),
        "feasibility": Field(
            FRACTION,
            N_("Feasibility"),
            N_(
                "The chance p that this way can really be carried out (0–100 %). A failed "
                "alternative is worth nothing, so its expected value is p × V."
            ),
            "fraction",
        ),
        "scores": ScoreMap(),
        "pros": Field(TextList(), N_("Pros"), N_("What speaks for it, one per line.")),
        "cons": Field(
            TextList(),
            N_("Cons"),
            N_(
                "What speaks against it, one per line: the cons of their alternatives are what "
                "takes the pressure out of the threat, and they feed the talking points."
            ),
        ),
        "unit_price": Field(
            Number(lo=0, nullable=True),
            N_("Unit price"),
            N_(
                "What one unit costs them that way. Leave it empty when the alternative is not "
                "price-based (it then has no effective price)."
            ),
            "money",
        ),
        "switching_cost": Field(
            MONEY,
            N_("Switching cost"),
            N_("One-time cost of going that way: qualification, tooling, learning curve."),
            "money",
        ),
        "failure_cost": Field(
            MONEY,
            N_("Failure cost"),
            N_(
                "What it costs them if that way fails (line stoppage, recalls); weighted by the "
                "chance of failure, 1 − feasibility."
            ),
            "money",
        ),
        "net_value": Field(
            Number(lo=0, nullable=True),
            N_("Net value"),
            N_(
                "Ours only: what going this way earns us over the contract's years, in money. The "
                "best feasibility × net value is our money BATNA: our walk-away price rises until "
                "the deal beats it. Empty: not priced (their alternatives leave it empty)."
            ),
            "money",
        ),
        **{
            f"{money}_{end}": Field(
                Number(lo=0, nullable=True), labels[number], RANGE_TOOLTIPS[number], "money"
            )
            for money, labels in RANGED_MONEY.items()
            for number, end in enumerate(("low", "high"))
        },
    },
    frozenset({"id", "side"}),
)

COST_LINE = EntitySpec(
    m.CostLine,
    {
        "id": Identifier(),
        "name": Field(Text(), N_("Cost line"), N_("One of our costs of delivering the contract.")),
        "basis": Field(
            Choice(m.COST_BASES),
            N_("Basis"),
            N_(
                "Per unit: paid for every unit delivered. Per year: paid in each contract year. "
                "One-time: paid once (tooling, requalification)."
            ),
            choices=COST_BASES,
        ),
        "amount": Field(
            MONEY,
            N_("Amount"),
            N_("Per unit, per year or once, as the basis says, in the case currency."),
            "money",
        ),
    },
    frozenset({"id"}),
)

RISK = EntitySpec(
    m.Risk,
    {
        "id": Identifier(),
        "name": Field(Text(), N_("Risk"), N_("What could go wrong, in a few words.")),
        "category": Field(Text(), N_("Category"), N_("Liability, supply, commercial, financial…")),
        "probability": Field(
            FRACTION,
            N_("Probability"),
            N_(
                "The chance it happens: once over the whole contract, or in each contract year "
                "(see Frequency)."
            ),
            "fraction",
        ),
        "frequency": Field(
            Choice(m.RISK_FREQUENCIES),
            N_("Frequency"),
            N_(
                "Once per contract: it may happen at most once. Each year: it may happen in every "
                "contract year, independently."
            ),
            choices=RISK_FREQUENCIES,
        ),
        "impact_low": Field(
            MONEY,
            N_("Impact low"),
            N_(
                "The smallest cost of one occurrence (triangular distribution: low ≤ "
                "likely ≤ high)."
            ),
            "money",
        ),
        "impact_likely": Field(
            MONEY, N_("Impact likely"), N_("The most likely cost of one occurrence."), "money"
        ),
        "impact_high": Field(
            MONEY, N_("Impact high"), N_("The worst realistic cost of one occurrence."), "money"
        ),
        "capped_by_liability": Field(
            Boolean(),
            N_("Capped"),
            N_(
                "Yes: the scenario's liability cap limits each occurrence (a recall, a penalty). "
                "No: the cap does not help (price spikes, currency, lost staff)."
            ),
        ),
        "mitigation": Field(
            Text(),
            N_("Mitigation"),
            N_(
                "What we do to make it less likely or less costly (readiness asks for "
                "one per risk)."
            ),
            "longtext",
        ),
        "owner": Field(Text(), N_("Owner"), N_("Who on our side watches this risk.")),
    },
    frozenset({"id"}),
)


def _optional(spec: EntitySpec, names: Iterable[str]) -> dict[str, Field]:
    """``spec``'s fields ``names`` with their rules made nullable (``None``: not given)."""
    optional: dict[str, Field] = {}
    for name in names:
        field = spec.fields[name]
        rule = field.rule
        if not isinstance(rule, Number):
            raise TypeError(f"{name} is not a number and cannot be left out")
        optional[name] = dataclasses.replace(field, rule=dataclasses.replace(rule, nullable=True))
    return optional


#: A scenario's own view of a risk: the register's fields it may override, made optional.
RISK_OVERRIDE = EntitySpec(m.RiskOverride, _optional(RISK, m.OVERRIDABLE_RISK_FIELDS))

TERM = EntitySpec(
    m.Term,
    {
        "name": Field(
            Text(),
            N_("Term"),
            N_("The contract term (warranty, penalties, liability, IP, payment…)."),
        ),
        "value": Field(
            Text(),
            N_("What we offer"),
            N_("What our proposal says on this term. It goes into the proposal PDF."),
            "longtext",
        ),
        "rationale": Field(
            Text(),
            N_("Why it is fair"),
            N_(
                "The reason behind the term, in words the counterpart can accept: it is printed "
                "next to the term in the proposal PDF."
            ),
            "longtext",
        ),
        "basis": Bookkeeping(),
    },
)

SCENARIO = EntitySpec(
    m.Scenario,
    {
        "id": Identifier(),
        "name": Field(
            Text(), N_("Scenario"), N_("A deal package: the terms of one possible contract.")
        ),
        "role": Field(
            Choice(m.SCENARIO_ROLES),
            N_("Role"),
            N_(
                "Their demand: what the counterpart asks for. Our proposal: what we will put on "
                "the table (the ZOPA, fair price and sensitivity are computed on it). At most one "
                "of each."
            ),
            choices=SCENARIO_ROLES,
        ),
        "unit_price": Field(
            Number(lo=0, lo_open=True, nullable=True),
            N_("Unit price"),
            N_(
                "The first-year price of one unit (later years move by the yearly price change). "
                "Empty until it is known."
            ),
            "money",
        ),
        "annual_volume": Field(
            Number(lo=0, lo_open=True, nullable=True),
            N_("Volume / yr"),
            N_("Units delivered each year."),
            decimals=0,
        ),
        "years": Field(Integer(1, 30), N_("Years"), N_("Contract length in years (1–30).")),
        "annual_price_change_pct": Field(
            Number(-50, 50),
            N_("Price change / yr"),
            N_("How the unit price moves each year: −3 % is a yearly price-down of 3 %."),
            "percent",
            decimals=1,
        ),
        "payment_days": Field(
            Integer(0, 365),
            N_("Payment days"),
            N_(
                "Days until we are paid: longer terms cost us financing (revenue × cost of "
                "capital × days / 365)."
            ),
        ),
        "liability_cap": Field(
            Number(lo=0, nullable=True),
            N_("Liability cap"),
            N_(
                "The most we pay for one occurrence of a capped risk. Empty = uncapped: the full "
                "impact falls on us."
            ),
            "money",
        ),
        "scores": ScoreMap(),
        "risk_overrides": NestedMap(RISK_OVERRIDE),
        "terms": Nested(TERM),
    },
    frozenset({"id"}),
)

TALKING_POINT = EntitySpec(
    m.TalkingPoint,
    {
        "alternative_id": Field(
            Identifier(),
            N_("Alternative"),
            N_("The counterpart alternative this point answers (or a general point)."),
            "choice",
        ),
        "text": Field(
            Text(),
            N_("Text"),
            N_(
                "What to say when they raise this alternative. Edit freely: your words are kept, "
                "and flagged if the numbers under them change."
            ),
            "longtext",
        ),
        "basis": Text(),
        "figures": Bookkeeping(),
    },
)

PROPOSAL = EntitySpec(
    m.Proposal,
    {
        "statement": Field(
            Text(),
            N_("Statement"),
            N_(
                "The closing words of the proposal: invite them to weigh it against all their "
                "alternatives. Printed at the end of the proposal PDF."
            ),
            "longtext",
        ),
        "talking_points": Nested(TALKING_POINT),
        "addresses_interests": IdList(),
        "addressee": Field(
            Text(),
            N_("Addressee"),
            N_(
                "To whom the offer goes: name, position, company and address, one per line. "
                "Printed at the head of the proposal."
            ),
            "longtext",
        ),
        "reference": Field(
            Text(),
            N_("Our reference"),
            N_(
                "The client's reference for this offer (such as KPT-AUR-2026-117), "
                "printed under the "
                "addressee and on every page of the proposal."
            ),
        ),
        "offer_valid_until": Field(
            Date(),
            N_("Open until"),
            N_(
                "The last day the offer stands, as YYYY-MM-DD: the proposal says it is open until "
                "then. Empty: no date is given."
            ),
        ),
        "signatory": Field(
            Text(),
            N_("Signatory"),
            N_(
                "Who signs the offer for the client: the name on the first line, the position on "
                "the next."
            ),
            "longtext",
        ),
        "contact": Field(
            Text(),
            N_("Contact"),
            N_("Whom the counterpart asks about the offer: name, telephone, e-mail."),
            "longtext",
        ),
        "statement_basis": Bookkeeping(),
    },
)

OFFER = EntitySpec(
    m.Offer,
    {
        "id": Identifier(),
        "round": Field(
            Integer(lo=1),
            N_("Round"),
            N_("The round of the talks the offer was made in (1, 2, 3…)."),
        ),
        "date": Field(Date(), N_("Date"), N_("When the offer was made, as YYYY-MM-DD.")),
        "from": Field(
            Choice(m.SIDES),
            N_("From"),
            N_("Who made the offer: we or they."),
            choices=SIDES,
        ),
        "unit_price": Field(
            Number(lo=0, lo_open=True, nullable=True),
            N_("Unit price"),
            N_(
                "The first-year unit price offered. Empty: the price of our proposal (an offer of "
                "ours) or of their demand (theirs)."
            ),
            "money",
        ),
        "annual_price_change_pct": Field(
            Number(-50, 50, nullable=True),
            N_("Price change / yr"),
            N_(
                "The yearly price change offered. Empty: as in our proposal (ours) or their demand "
                "(theirs)."
            ),
            "percent",
            decimals=1,
        ),
        "payment_days": Field(
            Integer(0, 365, nullable=True),
            N_("Payment days"),
            N_(
                "The payment days offered. Empty: as in our proposal (ours) or their "
                "demand (theirs)."
            ),
        ),
        "liability_cap": Field(
            Number(lo=0, nullable=True),
            N_("Liability cap"),
            N_(
                "The liability cap offered. Empty: as in our proposal (ours) or their "
                "demand (theirs)."
            ),
            "money",
        ),
        "note": Field(Text(), N_("Note"), N_("What was said with the offer."), "longtext"),
    },
    frozenset({"id"}),
)

CORRELATION = EntitySpec(
    m.Correlation,
    {
        "risk_a": Field(
            Identifier(), N_("Risk"), N_("One of the two risks that tend to come together.")
        ),
        "risk_b": Field(Identifier(), N_("With risk"), N_("The other risk.")),
        "rho": Field(
            Number(-0.95, 0.95),
            N_("Correlation"),
            N_(
                "How strongly the two risks' losses move together, as a rank correlation from "
                "−0.95 (one bad when the other is mild) to 0.95 (bad together); 0: independent."
            ),
            decimals=2,
        ),
    },
    frozenset({"risk_a", "risk_b", "rho"}),
)

#: The JSON interchange's envelope (``store.document``), on a workbook's Case sheet too.
DOCUMENT_FORMAT = "leverage-case"
DOCUMENT_VERSION = 1
FORMAT_KEY, VERSION_KEY = "format", "version"

#: The risks' correlations (SPEC §9): a list in the JSON and a table of the file, but not one
#: of ``COLLECTIONS`` (an entry has no id of its own: the pair of risks is its key).
CORRELATIONS_KEY = "correlations"

#: The case's collections, in JSON order: key -> spec of one element.
COLLECTIONS: dict[str, EntitySpec] = {
    "parties": PARTY,
    "criteria": CRITERION,
    "alternatives": ALTERNATIVE,
    "cost_lines": COST_LINE,
    "risks": RISK,
    "scenarios": SCENARIO,
    "offers": OFFER,
}

SPEC_BY_CLASS: dict[type[Any], EntitySpec] = {
    spec.cls: spec
    for spec in (
        CASE_INFO,
        INTEREST,
        PARTY,
        CRITERION,
        ALTERNATIVE,
        COST_LINE,
        RISK,
        RISK_OVERRIDE,
        TERM,
        SCENARIO,
        TALKING_POINT,
        PROPOSAL,
        OFFER,
        CORRELATION,
    )
}


def field_of(cls: type[Any], name: str) -> Field:
    """The declaration of the field ``name`` of entity class ``cls`` (KeyError if none)."""
    return SPEC_BY_CLASS[cls].fields[name]


#: Fields where ``null`` is a legal value even though the rule has no ``nullable`` flag.
_NULL_ALLOWED = {(m.TalkingPoint, "alternative_id"), (m.TalkingPoint, "basis")}


def parse_entity(spec: EntitySpec, raw: object, path: str) -> Any:
    """Build ``spec.cls`` from ``raw``; raise ``ValidationError`` listing every bad field."""
    if not isinstance(raw, Mapping):
        raise ValidationError(
            [FieldError(path, _("must be an object, not {kind}").format(kind=_type_name(raw)))]
        )
    errors: list[FieldError] = []
    for key in raw:
        if key not in spec.rules:
            errors.append(FieldError(join_path(path, str(key)), _("is not a known field")))
    for name in sorted(spec.required - raw.keys(), key=spec.field_names().index):
        errors.append(FieldError(join_path(path, name), _("is required")))
    values: dict[str, Any] = {}
    for name, rule in spec.rules.items():
        if name not in raw:
            continue
        value = raw[name]
        field_path = join_path(path, name)
        try:
            if value is None and (spec.cls, name) in _NULL_ALLOWED:
                values[name] = None
            else:
                values[name] = rule.check(value, field_path)
        except FieldError as error:
            errors.append(error)
        except ValidationError as nested:
            errors.extend(nested.errors)
    if errors:
        raise ValidationError(errors)
    return spec.cls(**{attribute_name(name): value for name, value in values.items()})


def check_entity(entity: Any, path: str) -> Any:
    """Validate an entity built in code (e.g. by the GUI); return its cleaned copy."""
    return parse_entity(SPEC_BY_CLASS[type(entity)], to_raw(entity), path)


def to_raw(value: Any) -> Any:
    """Entities to JSON-ready data: dataclasses to dicts in field order, tuples to lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            json_name(f.name): to_raw(getattr(value, f.name)) for f in dataclasses.fields(value)
        }
    if isinstance(value, Mapping):
        return {key: to_raw(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [to_raw(item) for item in value]
    return value
