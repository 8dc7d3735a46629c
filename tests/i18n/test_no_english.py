"""Nothing a German consultant meets is left in English (SPEC §12): every text of an output
went through the catalogue, shown with a pseudo-language that wraps each translated string.

Each surface is checked once it has been translated; the catalogue test checks that every
string marked is translated."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop_app.analysis import analyze_case
from desktop_app.i18n import install
from desktop_app.store.sample import sample_case
from tests.i18n.pseudo import case_words, speak_pseudo, unmarked_words


@pytest.fixture(name="pseudo")
def _pseudo() -> Iterator[None]:
    speak_pseudo()
    yield
    install("en", None)


def test_the_pseudo_language_finds_an_unmarked_string() -> None:
    """The check itself: a marked string passes, an unmarked one is caught, data is not."""
    from desktop_app.i18n import _

    speak_pseudo()
    try:
        output = f"{_('Our proposal')} Kessler {_('is {verdict}').format(verdict=_('fair'))} left"
    finally:
        install("en", None)
    assert unmarked_words(output, {"Kessler"}) == ["left"]


@pytest.mark.usefixtures("pseudo")
def test_the_text_report_is_all_translated() -> None:
    from desktop_app.reports.text import format_report

    case = sample_case()
    report = format_report(case, analyze_case(case))
    assert unmarked_words(report, case_words(case)) == []
