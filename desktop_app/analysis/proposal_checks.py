"""What the proposal document should not print as it stands: warnings, never refusals.

- An offer "open until" a date before the proposal's own date (``offer_date_problem``).
- A text of the proposal that quotes a figure of the case that has since changed
  (``analysis.quotes``).

``proposal_warnings`` gathers them in words: the app asks before exporting the proposal, the
command line prints them on stderr (and still writes the PDF), readiness lists the date.
"""

from __future__ import annotations

import datetime as dt

from desktop_app.analysis.quotes import stale_quotes
from desktop_app.domain.model import Case
from desktop_app.i18n import _, numbers


def long_date(iso: str) -> str:
    """``2026-11-20`` → ``20 November 2026`` (in the language in use)."""
    return numbers.long_date(dt.date.fromisoformat(iso))


def _date(iso: str | None) -> dt.date | None:
    if not iso:
        return None
    try:
        return dt.date.fromisoformat(iso)
    except ValueError:
        return None


def offer_date_problem(case: Case) -> str | None:
    """Words for an offer whose "open until" date falls before the proposal's date (the
    case's "prepared on"), or None (either date missing is no problem of this kind)."""
    dated, until = _date(case.info.prepared_on), _date(case.proposal.offer_valid_until)
    if dated is None or until is None or until >= dated:
        return None
    return _(
        "The offer is open until {until}, before its own date, {dated}: it lapses before it is "
        "made."
    ).format(until=long_date(until.isoformat()), dated=long_date(dated.isoformat()))


def proposal_warnings(case: Case) -> tuple[str, ...]:
    """Every warning about the proposal document as it would print now, in words."""
    warnings = [quote.words() for quote in stale_quotes(case)]
    date = offer_date_problem(case)
    if date is not None:
        warnings.append(date)
    return tuple(warnings)
