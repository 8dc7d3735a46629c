"""Each field is declared once (issue 12, "Fields"): the schema's declaration carries the rule,
label, tooltip, kind and choice labels, and what used to repeat them derives from it."""

from __future__ import annotations

import dataclasses

import pytest

from desktop_app.domain import model as m
from desktop_app.domain.fields import Choice, Field, Integer, Number, Text
from desktop_app.domain.schema import (
    PARTY,
    RISK,
    RISK_OVERRIDE,
    SCENARIO,
    SPEC_BY_CLASS,
    EntitySpec,
    field_of,
    stance_label,
)
from desktop_app.domain.validate import effective_risk, reference_errors


@pytest.mark.parametrize("spec", SPEC_BY_CLASS.values(), ids=lambda s: s.cls.__name__)
def test_every_dataclass_field_is_declared_once_in_its_order(spec: EntitySpec) -> None:
    assert tuple(spec.fields) == spec.field_names()
    for name, declared in spec.fields.items():
        assert declared.name == name
        assert declared.label  # "impact_low" reads "Impact low" when none is written


@pytest.mark.parametrize("spec", SPEC_BY_CLASS.values(), ids=lambda s: s.cls.__name__)
def test_every_choice_has_a_label_for_each_option(spec: EntitySpec) -> None:
    for declared in spec.fields.values():
        if isinstance(declared.rule, Choice):
            stored = [value for value, _ in declared.choice_labels]
            assert sorted(stored) == sorted(declared.rule.options)
            assert all(label for _, label in declared.choice_labels)


def test_the_kind_follows_the_rule_unless_the_unit_says_more() -> None:
    assert field_of(m.Risk, "name").kind == "text"
    assert field_of(m.Risk, "mitigation").kind == "longtext"
    assert field_of(m.Risk, "probability").kind == "fraction"
    assert field_of(m.Risk, "impact_low").kind == "money"
    assert field_of(m.Risk, "capped_by_liability").kind == "bool"
    assert field_of(m.Risk, "frequency").kind == "choice"
    assert field_of(m.Risk, "id").kind is None  # no cell holds an id
    assert field_of(m.Scenario, "liability_cap").kind == "optional_money"  # nullable money
    assert field_of(m.Scenario, "payment_days").kind == "int"
    assert field_of(m.Scenario, "risk_overrides").kind is None
    assert field_of(m.Alternative, "pros").kind == "lines"
    assert field_of(m.Party, "stance").kind == "choice"  # a number offered as labelled choices
    assert field_of(m.CaseInfo, "fair_band").kind is None  # the app shows its two ends


def test_choice_labels_are_written_once() -> None:
    assert field_of(m.Party, "side").label_of("third") == "third party"
    assert field_of(m.Party, "stance").label_of(-2) == "−2 hostile"
    assert [stance_label(s) for s in (-1, 0, 1, 2)] == [
        "−1 sceptical",
        "0 neutral",
        "+1 favourable",
        "+2 supportive",
    ]
    assert field_of(m.CostLine, "basis").label_of("one_time") == "one-time"
    assert field_of(m.Risk, "frequency").label_of("per_contract") == "once per contract"
    assert field_of(m.Scenario, "role").label_of("their_demand") == "their demand"


def test_a_declaration_that_contradicts_its_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="not the options"):
        Field(Choice(("a", "b")), choices=(("a", "A"), ("c", "C")))
    with pytest.raises(ValueError, match="not a unit to declare"):
        Field(Number(lo=0, nullable=True), unit="optional_money")  # follows from nullable


def test_the_overridable_risk_fields_are_one_list() -> None:
    """``OVERRIDABLE_RISK_FIELDS`` is the fields of ``RiskOverride``; the override's rules are
    the register's, made optional; ``effective_risk`` applies each of them."""
    names = tuple(f.name for f in dataclasses.fields(m.RiskOverride))
    assert m.OVERRIDABLE_RISK_FIELDS == names == tuple(RISK_OVERRIDE.fields)
    for name in names:
        own, register = RISK_OVERRIDE.fields[name], RISK.fields[name]
        assert own.rule == dataclasses.replace(register.rule, nullable=True)
        kind = "fraction" if name == "probability" else "optional_money"
        assert (own.label, own.kind) == (register.label, kind)
    risk = m.Risk(id="r", probability=0.1, impact_low=1, impact_likely=2, impact_high=3)
    override = m.RiskOverride(probability=0.5, impact_low=10, impact_likely=20, impact_high=30)
    scenario = m.Scenario(id="s", risk_overrides={"r": override})
    seen = effective_risk(risk, scenario)
    assert tuple(getattr(seen, name) for name in names) == (0.5, 10, 20, 30)


def test_the_one_scenario_rule_speaks_with_the_roles_labels() -> None:
    case = m.Case(
        scenarios=(
            m.Scenario(id="a", role="their_demand"),
            m.Scenario(id="b", role="their_demand"),
        )
    )
    (error,) = reference_errors(case)
    label = SCENARIO.fields["role"].label_of("their_demand")
    assert f"only one scenario can be {label};" in error.message


def test_bare_rules_are_fields_without_words() -> None:
    spec = EntitySpec(m.Term, {"name": Text(), "value": Integer(0, 3), "rationale": Text()})
    assert spec.fields["value"].label == "Value" and spec.fields["value"].tooltip == ""
    assert spec.rules["value"] == Integer(0, 3)
    assert PARTY.rules["stance"] == Integer(-2, 2)
