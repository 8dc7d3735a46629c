"""Help › The Leverage method: the guide explains the figures in the analysis's own words."""

from __future__ import annotations

import re
from html import unescape

from desktop_app.analysis.wording import FAIR_PRICE_MEANING
from desktop_app.ui.shell.help_dialogs import GUIDE_HTML


def plain(html: str) -> str:
    text = re.sub(r"<sub>(.*?)</sub>", r"\1", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", text)).replace("\u00a0", " ").split())


def test_the_guide_explains_the_expected_shortfall_and_its_error() -> None:
    text = plain(GUIDE_HTML)
    assert "average loss of the worst (1 − α) share" in text
    assert "a lone 5 % risk of EUR 1M has VaR90 = 0" in text
    assert "ES90 = EUR 0.5M" in text
    assert "Monte Carlo standard error" in text and "More runs make it smaller" in text
    assert "at least 200 simulated contracts beyond the VaR" in text
    assert "4,000 at 95 %" in text


def test_the_guide_states_the_rules_behind_the_verdicts() -> None:
    text = plain(GUIDE_HTML)
    assert "feasibility 0 cannot be carried out: it is never a BATNA" in text
    fair = FAIR_PRICE_MEANING[:1].upper() + FAIR_PRICE_MEANING[1:]
    assert f"Fair price {fair}." in text
    assert "Within ±10 points it reads no clear difference in need" in text
    assert "incomplete: N scores missing" in text
    assert "leaves our walk-away or theirs undefined, or removes the zone — ranks first" in text


def test_the_guide_explains_feasibility_and_the_effective_price() -> None:
    text = plain(GUIDE_HTML)
    assert (
        "Feasibility The chance, from 0 to 100 %, that an alternative can really be carried" in text
    )
    assert "At 0 % it cannot be carried out: it is never a BATNA, money or value." in text
    assert "Effective price What one of their alternatives really costs them per unit" in text
    assert "on our proposal's price path and terms" in text and "simply T/K" in text
    assert "the cheapest effective price is their walk-away" in text


def test_the_guide_explains_the_keys_and_what_a_paste_takes() -> None:
    text = plain(GUIDE_HTML)
    for key in ("Ctrl+Insert", "Ctrl+Delete", "Ctrl+Up", "Ctrl+Down", "Ctrl+C", "Ctrl+V"):
        assert key in text, key
    assert "Tab and Shift+Tab go to the next or previous cell you can type in, skipping" in text
    assert "Enter stores the text and closes the cell, Shift+Enter starts a new line" in text
    assert "tab-separated text that a spreadsheet takes as it is" in text
    for written in ("1.2M", "1,2 Mio", "250k", "12 %", "−2 hostile", "per_contract"):
        assert written in text, written
    assert "“170 is 170 %, above 100 %”" in text and "never rescaled" in text


def test_the_guide_covers_the_deal_the_talks_ranges_and_correlations() -> None:
    text = plain(GUIDE_HTML)
    for tab in ("Deal — what every term is worth to each side", "Talks — at the table"):
        assert tab in text, tab
    assert "Ctrl+Shift+O adds the next offer" in text
    assert "File › Save Round Snapshot…" in text and "What Changed Since…" in text
    assert "their walk-away becomes a distribution" in text
    for figure in ("P10/P50/P90", "P(deal)", "P(no zone)", "best single offer"):
        assert figure in text, figure
    assert "from −0.95 to 0.95" in text and "naming the pairs to weaken" in text
    assert "P(t) = Popen − (Popen − Plimit) × (t/N)" in text
