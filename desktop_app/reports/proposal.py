"""The proposal for the counterpart, built from an allow-list and nothing else (SPEC §4).

``proposal_content(case)`` copies the allowed fields out of the case into ``ProposalContent``:
the case title, client and counterpart names, the proposal scenario's commercial fields, its
terms with their rationale, the texts of the counterpart interests it addresses, the
statement, the currency and the date, and what makes it a formal offer: the addressee, our
reference, how long it is open, the signatory and the contact, and the client's letterhead
(logo and accent colour). ``proposal_story`` and ``build_proposal`` receive only
that object — never the case, never the analysis — so our walk-away, risk figures, margin, the
fair price and our view of their alternatives cannot reach the page: there is no path for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, NextPageTemplate, Paragraph, Spacer, Table

from desktop_app.domain.model import Case
from desktop_app.i18n import N_, _, ngettext, numbers
from desktop_app.reports import blocks, styles
from desktop_app.reports.formats import NA, Fmt, keep_with_amount, plain_number
from desktop_app.reports.letterhead import Letterhead
from desktop_app.reports.proposal_meso import WayToAgree, change_words, ways_block
from desktop_app.reports.proposal_offer import (
    LETTERHEAD_TOP,
    eyebrow_style,
    first_page,
    in_client_colours,
    offer_closing,
    offer_heading,
)
from desktop_app.reports.template import (
    NumberedCanvas,
    PageText,
    ReportDocument,
    frame_width,
)

CENT = Decimal("0.01")
ROUNDED_NOTE = N_(
    "Amounts rounded to the cent; the whole contract is the sum of the amounts shown."
)
#: What the whole contract is when each year's price had to be given to the cent.
PRICES_NOTE = N_(
    "Each year's price is given to the cent; the whole contract is the sum of the amounts shown."
)

PROPOSAL_TITLE = ParagraphStyle(
    "ProposalTitle", parent=styles.COVER_TITLE, fontSize=19, leading=24, spaceAfter=6
)
CHECK = ParagraphStyle(
    "Check",
    parent=styles.BODY,
    leftIndent=15,
    bulletIndent=0,
    spaceAfter=3,
    fontSize=10,
    leading=14,
    bulletColor=styles.GREEN,
    bulletFontName=styles.FONT_BOLD,
)
STATEMENT = ParagraphStyle(
    "Statement", parent=styles.QUOTE, leftIndent=0, rightIndent=0, spaceBefore=0, spaceAfter=0
)


@dataclass(frozen=True, slots=True)
class ProposalTerm:
    """One contract term as the counterpart reads it."""

    name: str
    value: str
    rationale: str


@dataclass(frozen=True, slots=True)
class ProposalContent:
    """Everything the proposal may show — and nothing else (the allow-list of SPEC §4)."""

    title: str
    client: str
    counterpart: str
    currency: str
    prepared_on: str | None
    unit_price: float | None
    annual_volume: float | None
    years: int | None
    annual_price_change_pct: float | None
    payment_days: int | None
    liability_cap: float | None
    terms: tuple[ProposalTerm, ...]
    interests: tuple[str, ...]
    statement: str
    addressee: str
    reference: str
    offer_valid_until: str | None
    signatory: str
    contact: str
    logo: bytes | None
    accent: str | None
    #: Other packages of equal value to us, as "ways to agree" (``proposal_meso``): their
    #: commercial terms only; none unless the export asks for them.
    ways: tuple[WayToAgree, ...] = ()

    @property
    def letterhead(self) -> Letterhead:
        """The client's letterhead: the proposal is the client's document."""
        return Letterhead(self.client, self.logo, self.accent)


def proposal_content(case: Case) -> ProposalContent:
    """The allow-listed fields of ``case``. Interests count only when they belong to a party
    of the counterpart's side and the proposal says it addresses them."""
    info = case.info
    scenario = case.proposal_scenario
    wanted = set(case.proposal.addresses_interests)
    interests = tuple(
        interest.text
        for _, interest in case.interests_of("theirs")
        if interest.id in wanted and interest.text.strip()
    )
    terms: tuple[ProposalTerm, ...] = ()
    if scenario is not None:
        terms = tuple(
            ProposalTerm(name=t.name, value=t.value, rationale=t.rationale)
            for t in scenario.terms
            if t.name.strip() or t.value.strip() or t.rationale.strip()
        )
    return ProposalContent(
        title=info.title,
        client=info.client,
        counterpart=info.counterpart,
        currency=info.currency,
        prepared_on=info.prepared_on,
        unit_price=scenario.unit_price if scenario else None,
        annual_volume=scenario.annual_volume if scenario else None,
        years=scenario.years if scenario else None,
        annual_price_change_pct=scenario.annual_price_change_pct if scenario else None,
        payment_days=scenario.payment_days if scenario else None,
        liability_cap=scenario.liability_cap if scenario else None,
        terms=terms,
        interests=interests,
        statement=case.proposal.statement,
        addressee=case.proposal.addressee,
        reference=case.proposal.reference,
        offer_valid_until=case.proposal.offer_valid_until,
        signatory=case.proposal.signatory,
        contact=case.proposal.contact,
        logo=info.client_logo,
        accent=info.client_accent,
    )


# --- wording ---------------------------------------------------------------------------------


def long_date(iso: str | None) -> str:
    """``2026-11-20`` → ``20 November 2026`` (German ``20. November 2026``; anything else is
    shown as given)."""
    if not iso:
        return ""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return numbers.long_date(day)


def _change_words(pct: float | None) -> str:
    if pct is None:
        return NA
    if pct == 0:
        return _("None: a fixed price")
    return change_words(pct)


def commercial_rows(content: ProposalContent) -> list[tuple[str, str]]:
    """The commercial fields as (label, value) in plain words."""
    fmt = Fmt(content.currency)
    years = content.years
    cap = content.liability_cap
    volume = content.annual_volume
    days = content.payment_days
    return [
        (_("Unit price, first year"), fmt.price(content.unit_price)),
        (_("Annual price change"), _change_words(content.annual_price_change_pct)),
        (
            _("Annual volume"),
            NA if volume is None else _("{units} units").format(units=plain_number(volume)),
        ),
        (
            _("Contract term"),
            NA if years is None else ngettext("{n} year", "{n} years", years).format(n=years),
        ),
        (_("Payment"), NA if days is None else _("{days} days net").format(days=days)),
        (
            _("Liability cap"),
            NA if years is None else _("None") if cap is None else fmt.money(cap),
        ),
    ]


def _as_printed(value: float, decimals: int) -> Decimal:
    """``value`` exactly as it prints with ``decimals`` places (what the reader multiplies)."""
    return Decimal(f"{value:.{decimals}f}")


def price_path(content: ProposalContent) -> list[tuple[int, Decimal, Decimal, Decimal]]:
    """(year, unit price, units, amount) for each contract year, when the fields are there.

    The table adds up as printed: each year's price is rounded to the cent as it prints, the
    units as they print, and the amount is that price times those units, exact (to the cent;
    only fractional units can make it finer, and then it is rounded, which ``path_rounded``
    says). The whole contract is the sum of the rows as printed."""
    if content.unit_price is None or content.annual_volume is None or content.years is None:
        return []
    growth = 1.0 + (content.annual_price_change_pct or 0.0) / 100.0
    volume = content.annual_volume
    units = _as_printed(volume, 0 if float(volume).is_integer() else 2)
    rows = []
    for year in range(1, content.years + 1):
        price = _as_printed(content.unit_price * growth ** (year - 1), 2)
        amount = (price * units).quantize(CENT, rounding=ROUND_HALF_UP)
        rows.append((year, price, units, amount))
    return rows


def path_rounded(content: ProposalContent) -> bool:
    """True when an amount of ``price_path`` had to be rounded to the cent."""
    return any(price * units != amount for _, price, units, amount in price_path(content))


def prices_rounded(content: ProposalContent) -> bool:
    """True when a year's price in ``price_path`` is not the exact price (a yearly change
    that falls between cents): the whole contract then differs from a sum at exact prices,
    such as the revenue the brief models."""
    if content.unit_price is None:
        return False
    growth = 1.0 + (content.annual_price_change_pct or 0.0) / 100.0
    return any(
        abs(float(price) - content.unit_price * growth ** (year - 1)) > 1e-9
        for year, price, _, _ in price_path(content)
    )


def path_note(content: ProposalContent) -> str | None:
    """What the price table's whole contract is, when it is not plain price × units."""
    if path_rounded(content):
        return _(ROUNDED_NOTE)
    if prices_rounded(content):
        return _(PRICES_NOTE)
    return None


def contract_total(content: ProposalContent) -> Decimal | None:
    """The whole contract as the price table prints it (None without a table)."""
    path = price_path(content)
    return sum((amount for *_, amount in path), Decimal(0)) if path else None


# --- flowables -------------------------------------------------------------------------------


def commercial_table(content: ProposalContent, width: float) -> Table:
    rows = [(label, blocks.num(value, bold=True)) for label, value in commercial_rows(content)]
    return blocks.key_value_table(rows, [width * 0.55, width * 0.45])


def price_path_table(content: ProposalContent, width: float) -> Table | None:
    path = price_path(content)
    if not path:
        return None
    fmt = Fmt(content.currency)
    cents = 0 if all(amount == amount.to_integral_value() for *_, amount in path) else 2
    rows: list[list[Any]] = [
        [
            blocks.cell(_("Year {year}").format(year=year)),
            blocks.num(fmt.price(price)),
            blocks.num(plain_number(units)),
            blocks.num(fmt.money(amount, cents)),
        ]
        for year, price, units, amount in path
    ]
    total_units = sum((r[2] for r in path), Decimal(0))
    total = sum((r[3] for r in path), Decimal(0))
    average = (total / total_units).quantize(CENT, rounding=ROUND_HALF_UP) if total_units else None
    rows.append(
        [
            blocks.cell(_("Whole contract"), styles.CELL_BOLD),
            blocks.num(
                _("{price} avg.").format(price=fmt.price(average)) if average is not None else NA
            ),
            blocks.num(plain_number(total_units), bold=True),
            blocks.num(fmt.money(total, cents), bold=True),
        ]
    )
    extra = [("LINEABOVE", (0, -1), (-1, -1), 0.8, styles.INK)]
    return blocks.data_table(
        [_("Contract year"), _("Unit price"), _("Units"), _("Amount")],
        rows,
        [width * 0.28, width * 0.24, width * 0.2, width * 0.28],
        numeric_from=1,
        extra=extra,
    )


def terms_table(terms: tuple[ProposalTerm, ...], width: float, currency: str = "") -> Table:
    rows = [
        [
            blocks.cell(t.name, styles.CELL_BOLD),
            blocks.cell(keep_with_amount(t.value, currency)),
            blocks.cell(keep_with_amount(t.rationale, currency), styles.CELL),
        ]
        for t in terms
    ]
    return blocks.data_table(
        [_("Term"), _("What we propose"), _("Why it is fair")],
        rows,
        [width * 0.2, width * 0.4, width * 0.4],
    )


def commercial_cards(content: ProposalContent, width: float) -> Table:
    """The commercial terms as a term sheet: six cards, label above value."""
    value_style = ParagraphStyle(
        "TermValue", parent=styles.FIGURE_VALUE, fontSize=12.5, leading=16, textColor=styles.INK
    )
    cards = [
        [
            Paragraph(styles.text(label.upper()), styles.FIGURE_LABEL),
            Paragraph(styles.text(value), value_style),
        ]
        for label, value in commercial_rows(content)
    ]
    return blocks.card_grid(cards, width, columns=3)


def proposal_story(content: ProposalContent, width: float) -> list[Flowable]:
    """The proposal's flowables: a formal offer addressed to them, with our reference, its
    date and how long it is open, that opens with what it does for them, sets out the
    commercial terms and each term with its reason, and closes with the statement, "subject to
    contract", whom to contact and the signature."""
    letterhead = content.letterhead
    story: list[Flowable] = offer_heading(
        addressee=content.addressee,
        reference=content.reference,
        date=long_date(content.prepared_on),
        valid_until=long_date(content.offer_valid_until),
        width=width,
    )
    story.append(Paragraph(_("PROPOSAL · SUBJECT TO CONTRACT"), eyebrow_style(letterhead)))
    story.append(Paragraph(styles.text(content.title), PROPOSAL_TITLE))
    counterpart = f"<b>{styles.text(content.counterpart)}</b>"
    client = f"<b>{styles.text(content.client)}</b>"
    who = ""
    if content.counterpart and content.client:
        who = _("For {counterpart} from {client}").format(counterpart=counterpart, client=client)
    elif content.counterpart:
        who = _("For {counterpart}").format(counterpart=counterpart)
    elif content.client:
        who = _("from {client}").format(client=client)
    if who:
        story.append(Paragraph(who, styles.LEAD))
    if content.client:
        opening = _(
            "{client} sets out below the terms it proposes, each with the reason it is there. "
            "They are built around what matters to you."
        ).format(client=styles.text(content.client))
    else:
        opening = _(
            "We set out below the terms we propose, each with the reason it is there. "
            "They are built around what matters to you."
        )
    story.append(blocks.para(opening, styles.BODY))
    if content.interests:
        items = [Paragraph(styles.text(i), CHECK, bulletText="✓") for i in content.interests]
        story.append(
            blocks.KeepWithStart(
                [blocks.subheading(_("What this proposal does for you"), outline=False), *items]
            )
        )
    story.append(blocks.subheading(_("Commercial terms"), outline=False))
    story.append(commercial_cards(content, width))
    if content.terms:
        story.append(blocks.subheading(_("Terms, and why they are fair"), outline=False))
        story.append(terms_table(content.terms, width, content.currency))
    path = price_path_table(content, width)
    if path is not None:
        priced: list[Flowable] = [
            blocks.subheading(_("Price over the contract"), outline=False),
            path,
        ]
        note = path_note(content)
        if note is not None:
            priced.append(blocks.para(note, styles.NOTE))
        story.append(blocks.KeepWithStart(priced))
    story += ways_block(content.ways, content.currency, width)
    story.append(Spacer(1, 10))
    if content.statement.strip():
        story.append(
            blocks.callout(
                "<br/><br/>".join(styles.paragraphs(content.statement)),
                colour=letterhead.colour,
                background=styles.PANEL,
                width=width,
                style=STATEMENT,
            )
        )
        story.append(Spacer(1, 10))
    story.extend(
        offer_closing(
            valid_until=long_date(content.offer_valid_until),
            contact=content.contact,
            signatory=content.signatory,
            client=content.client,
        )
    )
    in_client_colours(story, letterhead)
    return story


def page_title(title: str, reference: str) -> str:
    """The running header: our reference and the title (the title alone without one)."""
    if not reference:
        return title
    return _("Our reference {reference} · {title}").format(reference=reference, title=title)


def page_footer(client: str, counterpart: str) -> str:
    """The running footer: "Proposal · from … · for … · subject to contract"."""
    parts = (
        _("Proposal"),
        client and _("from {client}").format(client=client),
        counterpart and _("for {counterpart}").format(counterpart=counterpart),
        _("subject to contract"),
    )
    return " · ".join(p for p in parts if p)


def proposal_subject(counterpart: str) -> str:
    """The document's subject (its metadata): "Proposal for …"."""
    return _("Proposal for {counterpart}").format(counterpart=counterpart).strip()


def build_proposal(
    content: ProposalContent,
    target: Any,
    *,
    paper: str = "a4",
    invariant: bool = False,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Write the proposal PDF for ``content`` to ``target`` (a path or a binary file)."""
    styles.setup()
    letterhead = content.letterhead
    reference = styles.clip(content.reference, 80)
    page = PageText(
        title=styles.clip(page_title(content.title, reference), 200),
        label=_("Confidential"),
        footer=styles.clip(page_footer(content.client, content.counterpart), 160),
        label_colour=letterhead.text_colour,
    )
    doc = ReportDocument(
        target,
        paper=paper,
        page=page,
        title=styles.clip(content.title, 200),
        subject=styles.clip(proposal_subject(content.counterpart), 200),
        invariant=invariant,
        author=styles.clip(content.client, 200),
        first_page=first_page(letterhead, page.label),
        first_footer=True,
        first_top=LETTERHEAD_TOP,
        progress=progress,
    )
    story: list[Flowable] = [NextPageTemplate("content")]
    story.extend(proposal_story(content, frame_width(paper)))
    doc.build(story, canvasmaker=NumberedCanvas)
