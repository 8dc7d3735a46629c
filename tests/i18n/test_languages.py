"""Choosing the language (SPEC §12) and writing numbers, money and dates by its conventions;
the expected texts are written out by hand from the German conventions (DIN 5008, CLDR de)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.cli import main
from desktop_app.i18n import _, install, language
from desktop_app.i18n import numbers as n
from desktop_app.i18n.choose import UnknownLanguage, resolve_language, use_language
from desktop_app.reports.formats import Fmt, plain_number

MINUS = "\u2212"
NBSP = "\u00a0"


# -- which language ------------------------------------------------------------------------


def test_the_option_wins_then_the_environment_then_the_setting_then_the_system() -> None:
    env = {"LEVERAGE_LANG": "en", "LANG": "de_DE.UTF-8"}
    assert resolve_language("de", env, saved="en", follow_system=True) == "de"
    assert resolve_language(None, env, saved="de", follow_system=True) == "en"
    assert resolve_language(None, {"LANG": "de_AT.UTF-8"}, saved="en", follow_system=True) == "en"
    assert resolve_language(None, {"LANG": "de_AT.UTF-8"}, follow_system=True) == "de"
    assert resolve_language(None, {"LANG": "fr_FR.UTF-8"}, follow_system=True) == "en"
    # the command line does not follow the system: English unless asked
    assert resolve_language(None, {"LANG": "de_DE.UTF-8"}) == "en"
    assert resolve_language("DE", {}) == "de" and resolve_language("de_CH", {}) == "de"
    assert resolve_language(None, {}, saved="xx") == "en"  # a setting we no longer speak


def test_a_language_we_do_not_speak_is_refused_naming_where_it_came_from() -> None:
    with pytest.raises(UnknownLanguage, match=r"^--lang: 'fr' is not a language .*en, de"):
        resolve_language("fr", {})
    with pytest.raises(UnknownLanguage, match=r"^LEVERAGE_LANG: 'xx'"):
        resolve_language(None, {"LEVERAGE_LANG": "xx"})


@pytest.mark.usefixtures("german")
def test_german_is_spoken_once_chosen_and_english_again_after() -> None:
    assert language() == "de"
    assert _("Wrote the sample case to {path}") == "Beispielfall nach {path} geschrieben"
    use_language("en")
    assert _("Wrote the sample case to {path}") == "Wrote the sample case to {path}"


# -- numbers, money, dates -----------------------------------------------------------------


def test_english_keeps_the_forms_it_always_printed() -> None:
    fmt = Fmt("EUR")
    assert fmt.money(-1234567.4) == f"{MINUS}EUR{NBSP}1,234,567"
    assert fmt.price(455.125) == f"EUR{NBSP}455.12"  # binary 455.125 is just below
    assert fmt.compact(4_500_000) == f"EUR{NBSP}4.5M" and fmt.compact(950_000) == f"EUR{NBSP}950k"
    assert fmt.pct(-12.345) == f"{MINUS}12.3%" and fmt.share(0.625) == "62.5%"
    assert plain_number(60_000) == "60,000" and plain_number(Decimal("1234.5")) == "1,234.50"
    assert n.long_date(dt.date(2027, 1, 31)) == "31 January 2027"


@pytest.mark.usefixtures("german")
def test_german_money_numbers_and_dates() -> None:
    fmt = Fmt("EUR")
    assert fmt.money(1234567) == f"1.234.567{NBSP}€"
    assert fmt.money(-1234567.4) == f"{MINUS}1.234.567{NBSP}€"
    assert fmt.price(Decimal("448.18")) == f"448,18{NBSP}€"
    assert Fmt("CHF", space=" ").money(5) == "5 CHF"
    assert fmt.compact(4_500_000) == f"4,5{NBSP}Mio.{NBSP}€"
    assert fmt.compact(1_250_000_000, currency=False) == f"1,25{NBSP}Mrd."
    assert fmt.compact(950_000) == f"950{NBSP}Tsd.{NBSP}€"
    assert fmt.pct(12.345) == f"12,3{NBSP}%" and fmt.share(0.625) == f"62,5{NBSP}%"
    assert fmt.points(3.25, sign=True) == "+3,2"
    assert plain_number(60_000) == "60.000" and plain_number(1234.5) == "1.234,50"
    assert n.long_date(dt.date(2027, 1, 31)) == "31. Januar 2027"
    assert n.short_date(dt.date(2027, 1, 31)) == "31.01.2027"


@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(0, 2))
def test_german_grouping_reads_back_to_the_same_number(whole: int, decimals: int) -> None:
    """Second method: strip the German separators and read the number back."""
    use_language("de")
    try:
        value = whole / 100
        text = n.grouped(value, decimals)
    finally:
        install("en", None)
    back = float(text.replace(".", "").replace(",", ".").replace(MINUS, "-"))
    assert back == pytest.approx(round(value, decimals), abs=10 ** -(decimals + 1))
    groups = text.lstrip(MINUS).split(",")[0].split(".")
    assert all(len(group) == 3 for group in groups[1:]) and 1 <= len(groups[0]) <= 3


# -- the command line ----------------------------------------------------------------------


def _sample(tmp_path: Path) -> Path:
    path = tmp_path / "sample.leverage"
    assert main(["sample", "-o", str(path)]) == 0
    return path


def test_lang_de_speaks_german_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = _sample(tmp_path)
    capsys.readouterr()
    assert main(["export", str(case), "-o", str(tmp_path / "x.xlsx"), "--kind", "brief"]) == 2
    assert "the team brief is a PDF" in capsys.readouterr().err
    out = str(tmp_path / "x.xlsx")
    assert main(["export", str(case), "--lang=de", "-o", out, "--kind", "brief"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"{out}: das Team-Briefing ist ein PDF (.pdf) oder ein Word-Dokument "
        "(.docx); eine .xlsx-Datei ist die Arbeitsmappe (--kind workbook)"
    )
    assert main(["export", str(case), "-o", out, "--kind", "brief"]) == 2
    assert "the team brief is a PDF" in capsys.readouterr().err  # English again after


def test_leverage_lang_chooses_german_and_a_bad_one_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEVERAGE_LANG", "de")
    assert main(["sample", "-o", str(tmp_path / "s.leverage")]) == 0
    written = capsys.readouterr().out.strip()
    assert written == f"Beispielfall nach {tmp_path / 's.leverage'} geschrieben"
    monkeypatch.setenv("LEVERAGE_LANG", "klingon")
    assert main(["sample", "-o", str(tmp_path / "t.leverage")]) == 2
    assert "LEVERAGE_LANG: 'klingon' is not a language Leverage speaks" in capsys.readouterr().err
    assert not (tmp_path / "t.leverage").exists()


def test_analyze_json_is_the_same_in_every_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = _sample(tmp_path)
    capsys.readouterr()
    assert main(["analyze", str(case), "--json"]) == 0
    english = json.loads(capsys.readouterr().out)
    assert main(["--lang", "de", "analyze", str(case), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == english


def test_the_text_report_writes_german_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = _sample(tmp_path)
    capsys.readouterr()
    assert main(["--lang", "de", "analyze", str(case)]) == 0
    report = capsys.readouterr().out
    # the sample's proposal: 455 a unit, 60,000 units a year, a cap of 2,000,000
    assert f"455,00{NBSP}€" in report or "455,00 €" in report
    assert "60.000" in report and "2.000.000" in report
    assert "EUR 455" not in report
