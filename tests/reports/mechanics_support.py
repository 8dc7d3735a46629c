"""What the PDF-mechanics tests share: reading a PDF's outline, its pages' text and how full
each page is, parsing the proposal's price table, and a case whose every list is long."""

from __future__ import annotations

import dataclasses
import io
import re
from decimal import Decimal

from pypdf import PageObject, PdfReader
from reportlab.lib.units import mm

from desktop_app.domain import validate_case
from desktop_app.domain.model import Alternative, Case, CostLine, Criterion, Party, Risk
from desktop_app.store.sample import sample_case
from tests.reports.conftest import quick

#: The page frame of both documents (desktop_app/reports/paper.py), from the page's edges.
FRAME_TOP = 24 * mm
FRAME_BOTTOM = 20 * mm

GIANT_RISK = "Giant risk with a mitigation longer than a page"


def flat(text: str) -> str:
    return " ".join(text.split())


def outline(data: bytes) -> list[tuple[str, int, int]]:
    """(title, level, 0-based page) of every bookmark, in order."""
    reader = PdfReader(io.BytesIO(data))
    found: list[tuple[str, int, int]] = []

    def walk(items: list[object], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((str(item.title), level, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return found


def page_lines(data: bytes) -> list[list[tuple[float, str]]]:
    """Each page's text pieces inside the frame (no running header or footer) as (height from
    the page's foot, text), top first."""
    return [_frame_text(page) for page in PdfReader(io.BytesIO(data)).pages]


def _frame_text(page: PageObject) -> list[tuple[float, str]]:
    height = float(page.mediabox.height)
    top, bottom = height - FRAME_TOP + 2, FRAME_BOTTOM - 2
    pieces: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip() and bottom <= y <= top:
            pieces.append((y, text))

    page.extract_text(visitor_text=visit)
    return sorted(pieces, key=lambda piece: -piece[0])


def fill(data: bytes) -> list[float]:
    """How much of each page's frame holds something, top to the lowest text (0 to 1).
    Charts count: their words are text."""
    shares = []
    for page, lines in zip(PdfReader(io.BytesIO(data)).pages, page_lines(data), strict=True):
        height = float(page.mediabox.height)
        top, frame = height - FRAME_TOP, height - FRAME_TOP - FRAME_BOTTOM
        shares.append((top - min(y for y, _ in lines)) / frame if lines else 0.0)
    return shares


# --- the proposal's price table ------------------------------------------------------------------

_AMOUNT = r"([\d,]+(?:\.\d\d)?)"
_ROW = re.compile(rf"Year (\d+) ([A-Z]{{3}}) ([\d,]+\.\d\d) {_AMOUNT} \2 {_AMOUNT}")
_TOTAL = re.compile(rf"Whole contract ([A-Z]{{3}}) ([\d,]+\.\d\d) avg\. {_AMOUNT} \1 {_AMOUNT}")


def number(printed: str) -> Decimal:
    return Decimal(printed.replace(",", ""))


def price_table(
    text: str,
) -> tuple[list[tuple[int, Decimal, Decimal, Decimal]], tuple[Decimal, ...]]:
    """The rows (year, price, units, amount) and the total (average, units, amount) of the
    proposal's price table, read from the PDF's text as printed."""
    text = flat(text)
    rows = [
        (int(m.group(1)), number(m.group(3)), number(m.group(4)), number(m.group(5)))
        for m in _ROW.finditer(text)
    ]
    total = _TOTAL.search(text)
    assert total is not None, text[-600:]
    return rows, (number(total.group(2)), number(total.group(3)), number(total.group(4)))


# --- a case whose every list is longer than the body shows ---------------------------------------


def long_lists_case() -> tuple[Case, dict[str, float]]:
    """The sample with 30 alternatives of theirs, 14 of ours, 25 parties on their side, 40 risks
    (uncapped, once per contract: the expected loss is p·(low + likely + high)/3 by hand), 15
    cost lines and 12 criteria a side. Returns (case, the risks' expected losses by id)."""
    case = quick(sample_case())
    theirs = tuple(
        Alternative(
            id=f"t{i:02d}",
            side="theirs",
            name=f"Their way {i:02d}",
            feasibility=0.5,
            unit_price=470.0 + 3 * i,
            pros=(f"Pro of way {i:02d}",),
            cons=(f"Con of way {i:02d}",),
        )
        for i in range(25)
    )
    ours = tuple(
        Alternative(id=f"o{i:02d}", side="ours", name=f"Our way {i:02d}", feasibility=0.4)
        for i in range(12)
    )
    parties = tuple(
        Party(id=f"px{i:02d}", name=f"Person {i:02d}", side="theirs", influence=1 + i % 5)
        for i in range(22)
    )
    risks = tuple(
        Risk(
            id=f"rx{i:02d}",
            name=GIANT_RISK if i == 7 else f"Risk {i:02d}",
            probability=0.5 if i == 7 else 0.05 + 0.02 * ((i * 7) % 11),
            frequency="per_contract",
            impact_low=10_000.0 * (1 + i % 4),
            impact_likely=40_000.0 * (1 + (i * 3) % 13),
            impact_high=900_000.0 + 1_000.0 * i,
            capped_by_liability=False,
            mitigation=("Insurance and a second source. " * 260).strip()
            if i == 7
            else f"Mitigation {i:02d}",
        )
        for i in range(40)
    )
    expected = {
        r.id: r.probability * (r.impact_low + r.impact_likely + r.impact_high) / 3 for r in risks
    }
    costs = tuple(
        CostLine(
            id=f"cx{i:02d}", name=f"Cost line {i:02d}", basis="one_time", amount=1_000.0 * (i + 1)
        )
        for i in range(8)
    )
    criteria = tuple(
        Criterion(id=f"k{side}{i:02d}", side=side, name=f"Criterion {side} {i:02d}", weight=1 + i)
        for side in ("ours", "theirs")
        for i in range(8)
    )
    case = dataclasses.replace(
        case,
        alternatives=(*case.alternatives, *theirs, *ours),
        parties=(*case.parties, *parties),
        risks=risks,
        scenarios=tuple(dataclasses.replace(s, risk_overrides={}) for s in case.scenarios),
        cost_lines=(*case.cost_lines, *costs),
        criteria=(*case.criteria, *criteria),
    )
    return validate_case(case), expected
