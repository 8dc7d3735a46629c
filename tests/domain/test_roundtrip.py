"""dump(import(x)) == x: every field survives, ids are kept, defaults are filled in."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain import blank_case, validate_case
from desktop_app.domain.validate import parse_case
from desktop_app.store.interchange import case_to_document, document_to_case, dumps
from tests.strategies import case_documents


def _json_equal(a: Any, b: Any) -> bool:
    """Equality as JSON sees it (1 == 1.0), through a real serialisation."""
    return json.loads(json.dumps(a)) == json.loads(json.dumps(b))


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(case_documents())
def test_every_field_survives_the_round_trip(document: dict[str, Any]) -> None:
    original = copy.deepcopy(document)
    case = document_to_case(document)
    assert document == original, "parsing must not mutate its input"
    assert _json_equal(case_to_document(case), document)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(case_documents())
def test_a_parsed_case_is_valid_and_stable(document: dict[str, Any]) -> None:
    case = document_to_case(document)
    assert validate_case(case) == case
    again = document_to_case(json.loads(dumps(case)))
    assert again == case


@settings(max_examples=60)
@given(case_documents(), st.data())
def test_omitted_optional_fields_get_their_defaults(document: dict[str, Any], data: Any) -> None:
    """Drop optional fields at random; the dump has them back with the SPEC §1 defaults."""
    required = {"id", "name", "side", "title"}
    defaults = case_to_document(blank_case())["case"]
    trimmed = copy.deepcopy(document)
    for key in list(trimmed["case"]):
        if key not in required and data.draw(st.booleans()):
            del trimmed["case"][key]
    for risk in trimmed["risks"]:
        for key in ("category", "frequency", "mitigation", "owner", "capped_by_liability"):
            if data.draw(st.booleans()):
                del risk[key]
    dumped = case_to_document(document_to_case(trimmed))
    for key, value in dumped["case"].items():
        expected = trimmed["case"].get(key, defaults[key])
        assert _json_equal(value, expected), key
    for risk_in, risk_out in zip(trimmed["risks"], dumped["risks"], strict=True):
        assert risk_out["frequency"] == risk_in.get("frequency", "per_contract")
        assert risk_out["capped_by_liability"] == risk_in.get("capped_by_liability", False)
        assert risk_out["mitigation"] == risk_in.get("mitigation", "")


def test_spec_defaults_of_a_minimal_document() -> None:
    """The defaults written in SPEC §1, checked one by one against a hand-written list."""
    doc = {
        "format": "leverage-case",
        "version": 1,
        "case": {"title": "Minimal"},
        "parties": [{"id": "p", "name": "Buyer", "side": "theirs"}],
        "alternatives": [{"id": "a", "side": "theirs"}],
        "risks": [{"id": "r"}],
        "scenarios": [{"id": "s", "unit_price": 10, "annual_volume": 5}],
    }
    out = case_to_document(document_to_case(doc))
    case = out["case"]
    assert case["currency"] == "EUR"
    assert case["min_margin_pct"] == 10
    assert case["cost_of_capital_pct"] == 8
    assert case["risk_confidence"] == 0.9
    assert case["fair_band"] == [0.4, 0.6]
    assert case["simulation_runs"] == 20_000
    assert case["simulation_seed"] == 1
    assert case["sensitivity_pct"] == 20
    # Issue 13: no consultancy, no letterheads (the documents' neutral design).
    assert case["consultancy"] == ""
    assert case["consultancy_logo"] is None and case["consultancy_accent"] is None
    assert case["client_logo"] is None and case["client_accent"] is None
    assert out["parties"][0]["influence"] == 3 and out["parties"][0]["stance"] == 0
    alt = out["alternatives"][0]
    assert alt["unit_price"] is None and alt["switching_cost"] == 0 and alt["failure_cost"] == 0
    assert out["risks"][0]["frequency"] == "per_contract"
    scenario = out["scenarios"][0]
    assert scenario["annual_price_change_pct"] == 0
    assert scenario["payment_days"] == 30
    assert scenario["liability_cap"] is None
    assert scenario["role"] == "other"
    assert out["proposal"] == {
        "statement": "",
        "talking_points": [],
        "addresses_interests": [],
        "addressee": "",
        "reference": "",
        "offer_valid_until": None,
        "signatory": "",
        "contact": "",
    }


def test_entities_without_ids_get_fresh_unique_ones() -> None:
    doc = {
        "format": "leverage-case",
        "version": 1,
        "case": {"title": "Ids"},
        "risks": [{"name": "first"}, {"id": "risk-1", "name": "taken"}, {"name": "third"}],
        "parties": [{"name": "P", "side": "ours", "interests": [{"text": "x"}, {"text": "y"}]}],
    }
    case = parse_case(doc)
    ids = [r.id for r in case.risks]
    assert ids[1] == "risk-1"
    assert len(set(ids)) == 3
    interest_ids = [i.id for i in case.parties[0].interests]
    assert len(set(interest_ids)) == 2


def test_multilingual_and_markup_text_round_trips_exactly() -> None:
    names = {
        "title": "Ανανέωση σύμβασης — Продление контракта — Przedłużenie umowy — 契約更新",
        "client": "Zakłady Łódź sp. z o.o.",
        "counterpart": "ООО «Автоваз» & <b>partners</b>",
        "notes": "<img src='http://example.com/a.png'> & &amp; <script>alert(1)</script>\n\tTab",
    }
    doc = {"format": "leverage-case", "version": 1, "case": names}
    out = json.loads(dumps(document_to_case(doc)))
    for key, value in names.items():
        assert out["case"][key] == value


def test_control_characters_are_removed_but_newline_and_tab_kept() -> None:
    doc = {
        "format": "leverage-case",
        "version": 1,
        "case": {"title": "A\x00B\x07C\x1bD\x7f", "notes": "line1\nline2\tcol\r\x85end"},
    }
    info = document_to_case(doc).info
    assert info.title == "ABCD"
    assert info.notes == "line1\nline2\tcolend"
