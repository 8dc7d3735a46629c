"""``export_pdf``: the team brief, the proposal or the negotiation card, written atomically,
optionally encrypted.

The PDF is built in memory, written to a temporary file beside the target, flushed to disk and
moved over the target in one step (``os.replace``): a crash never leaves half a PDF under the
target's name. With a password the finished file is encrypted with pypdf (AES-256; it needs the
``cryptography`` package). Without one, and with ``SOURCE_DATE_EPOCH`` set, the same case always
gives the same bytes: ReportLab runs in invariant mode with its dates taken from
``SOURCE_DATE_EPOCH`` and an ID derived from the content, and the charts' SVG ids are salted.
The metadata names whose document it is as author, creator and producer — the consultancy
for the brief, the client for the proposal (SPEC §11), never the tool — and the case title as
title; never a user name or a path.
"""

from __future__ import annotations

import dataclasses
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from desktop_app.analysis.results import CaseAnalysis
from desktop_app.domain.model import Case
from desktop_app.files.publish import clean_leftovers, replace_owner_only

if TYPE_CHECKING:
    from desktop_app.reports.proposal import ProposalContent

Kind = Literal["brief", "proposal", "card"]
KINDS: tuple[str, ...] = ("brief", "proposal", "card")
PAPERS: tuple[str, ...] = ("a4", "letter")


def reproducible() -> bool:
    """True when ``SOURCE_DATE_EPOCH`` asks for reproducible output."""
    return bool(os.environ.get("SOURCE_DATE_EPOCH", "").strip())


def render_pdf(
    case: Case,
    analysis: CaseAnalysis | None,
    *,
    kind: str = "brief",
    paper: str = "a4",
    progress: Callable[[float], None] | None = None,
    ways_to_agree: bool = True,
) -> bytes:
    """The unencrypted PDF as bytes. The proposal needs no analysis; given one with offers of
    equal value to us on the printed proposal, it presents them as "ways to agree" (their
    commercial terms only) unless ``ways_to_agree`` is False."""
    if kind not in KINDS:
        raise ValueError(f"kind must be 'brief', 'proposal' or 'card', not {kind!r}")
    if paper not in PAPERS:
        raise ValueError(f"paper must be 'a4' or 'letter', not {paper!r}")
    buffer = io.BytesIO()
    invariant = reproducible()
    if kind == "proposal":
        from desktop_app.reports.proposal import build_proposal, proposal_content

        content = proposal_content(case)
        if ways_to_agree and analysis is not None:
            content = with_ways(content, analysis)
        build_proposal(content, buffer, paper=paper, invariant=invariant)
    elif kind == "card":
        if analysis is None:
            raise ValueError("the negotiation card needs the case's analysis")
        from desktop_app.reports.card import build_card

        build_card(case, analysis, buffer, paper=paper, invariant=invariant)
    else:
        if analysis is None:
            raise ValueError("the team brief needs the case's analysis")
        from desktop_app.reports.brief_charts import chart_set

        # The charts first: a forked child starts drawing before the layout code is imported.
        with chart_set(case, analysis, paper, progress) as charts:
            from desktop_app.reports.brief import build_brief

            build_brief(
                case,
                analysis,
                buffer,
                paper=paper,
                invariant=invariant,
                progress=progress,
                charts=charts,
            )
    return buffer.getvalue()


def with_ways(content: ProposalContent, analysis: CaseAnalysis) -> ProposalContent:
    """``content`` with the analysis's offers of equal value as ways to agree (none when they
    were worked out for another proposal than ``content``'s)."""
    from desktop_app.reports.proposal_meso import ways_to_agree

    ways = ways_to_agree(
        analysis.deal.meso,
        unit_price=content.unit_price,
        annual_price_change_pct=content.annual_price_change_pct,
        payment_days=content.payment_days,
        liability_cap=content.liability_cap,
    )
    return dataclasses.replace(content, ways=ways)


def encrypt_pdf(data: bytes, password: str) -> bytes:
    """``data`` encrypted with AES-256; the password opens it and owns it."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def export_pdf(
    case: Case,
    analysis: CaseAnalysis | None,
    path: str | os.PathLike[str],
    *,
    kind: str = "brief",
    paper: str = "a4",
    password: str | None = None,
    progress: Callable[[float], None] | None = None,
    ways_to_agree: bool = True,
) -> None:
    """Write the team brief (``kind="brief"``), the proposal (``"proposal"``) or the one-page
    negotiation card (``"card"``, A4 or Letter turned landscape) of ``case`` to
    ``path`` on A4 or Letter paper, encrypted with ``password`` when one is given (AES-256).
    ``progress`` receives fractions 0–1; ``ways_to_agree``: the proposal presents the offers of
    equal value to us when ``analysis`` has them (``render_pdf``). Raises ``ValueError`` for a
    bad kind or paper and ``OSError`` when the file cannot be written (the target is then left
    as it was)."""
    data = render_pdf(
        case, analysis, kind=kind, paper=paper, progress=progress, ways_to_agree=ways_to_agree
    )
    if password:
        data = encrypt_pdf(data, password)
    target = Path(path)
    # Through a temporary file beside it and os.replace, owner-only like the case it comes
    # from (the brief is confidential); what a killed export left in that folder goes first.
    clean_leftovers(target.parent)
    replace_owner_only(target, data)
    if progress is not None:
        progress(1.0)
